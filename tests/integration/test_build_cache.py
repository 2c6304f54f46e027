"""A warm build (from the build cache) writes exactly the site a clean build writes, after any edit.

Each step edits the project, then builds it twice in fresh processes: with the cache the
earlier steps filled, and with the cache off. Every file must be equal, byte for byte, the
Pagefind bundles included (`pagefind_stable` fixes what Pagefind writes in random order); the
pages each bundle indexes (URL, text, metadata, filters) are compared first, for a readable failure.
A search bundle is copied from the cache only if its pages are unchanged: its key takes each
page the page loop made by that page's build-cache key, without reading it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.build.codecs import PAGE_ENTRIES
from briefing.build.page_reuse import ENTRIES_KEY
from tests.support.clock import DEMO_SCHEDULED_AT, epoch
from tests.support.file_reads import files_read
from tests.support.pagefind import pagefind_bundles
from tests.support.project import replace_in, split_search_project
from tests.support.site import ENGINE, mkdocs_build_here
from tests.support.store import close_store, entry_files, open_store
from tests.support.trees import differing_files, differing_folders

NEW_ARTICLE = """---
title: "A New Briefing on Xi and Putin"
date: 2024-05-16
region: East Asia
actors: [Xi Jinping, Vladimir Putin]
topics: [China–Russia relations]
---
Xi Jinping and Vladimir Putin met again.
"""


def build(project: Path, site: Path, cached: bool, strict: bool = True, now: str | None = None) -> str:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BRIEFING_OFFLINE="false", BRIEFING_CACHE="on" if cached else "off")
    if now is not None:
        env["SOURCE_DATE_EPOCH"] = now
    result = subprocess.run(
        [sys.executable, "-m", ENGINE, "build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def article(project: Path, name: str) -> Path:
    return next((project / "articles").rglob(f"*{name}.md"))


def added(project: Path, exists: bool = False) -> Path:
    """The article the "add" step writes; with `exists`, one there now (the last added or renamed,
    else one written first), so that each step runs in any order, alone too."""
    folder = project / "articles" / "2024"
    found = sorted(folder.glob("2024-05-16-*.md"), key=lambda path: path.stat().st_mtime_ns)
    if not exists:
        return folder / "2024-05-16-new-briefing.md"
    if found:
        return found[-1]
    (folder / "2024-05-16-new-briefing.md").write_text(NEW_ARTICLE, encoding="utf-8")
    return folder / "2024-05-16-new-briefing.md"


def rename_added(project: Path) -> None:
    article = added(project, exists=True)
    article.rename(article.with_name("2024-05-16-renamed-" + ("b" if article.name.endswith("renamed-a.md") else "a") + ".md"))


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing changed", lambda p: None),
    ("title", lambda p: replace_in(article(p, "xi-putin-beijing"), 'title: "', 'title: "Edited: ')),
    ("body", lambda p: replace_in(article(p, "xi-europe-tour"), "\n---\n", "\n---\nA new first paragraph.\n\n")),
    ("actors", lambda p: replace_in(article(p, "putin-fifth-term"), "Kim Jong Un]", "Kim Jong Un, Wang Yi]")),
    ("date, across a search part", lambda p: replace_in(article(p, "xi-state-visit-moscow"), "date: 2023-03-22", "date: 2024-07-24")),
    ("add", lambda p: added(p).write_text(NEW_ARTICLE, encoding="utf-8")),
    ("rename", lambda p: rename_added(p)),
    ("delete", lambda p: added(p, exists=True).unlink()),
    ("registry alias", lambda p: replace_in(p / "data" / "actors.yml", "aliases: [Xi, ", "aliases: [Xi, Comrade Xi, ")),
    (
        "correction",
        lambda p: replace_in(
            article(p, "nato-washington-summit"), "\n---\n", "\ncorrections:\n  - {date: 2024-07-12, text: A name was misspelt.}\n---\n"
        ),
    ),
    ("author added", lambda p: replace_in(article(p, "xi-europe-tour"), "\n---\n", "\nauthors: [Mira Kovač, Lena Hartmann]\n---\n")),
    (
        "author renamed",
        lambda p: replace_in(
            p / "data" / "authors.yml", "name: Lena Hartmann\n  aliases: [", "name: Lena Hartmann-Weiss\n  aliases: [Lena Hartmann, "
        ),
    ),
    (
        "registry name",
        lambda p: replace_in(
            p / "data" / "actors.yml",
            "name: Xi Jinping\n  kind: person\n  aliases: [",
            "name: President Xi Jinping\n  kind: person\n  aliases: [Xi Jinping, ",
        ),
    ),
    ("config", lambda p: replace_in(p / "mkdocs.yml", "site_name: ", "site_name: Edited ")),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Search in parts of 3 articles, as a 10,000-article site is (at the demo's size).
    return split_search_project(tmp_path_factory.mktemp("cached") / "demo")


@pytest.mark.parametrize("step", range(len(EDITS)), ids=[name for name, _ in EDITS])
def test_a_warm_build_equals_a_clean_build(project: Path, tmp_path: Path, step: int) -> None:
    _, edit = EDITS[step]
    edit(project)
    warm, clean = tmp_path / "warm", tmp_path / "clean"
    summary = build(project, warm, cached=True)
    build(project, clean, cached=False)
    assert [name for name in differing_files(warm, clean) if not name.startswith("pagefind/")] == []
    assert pagefind_bundles(warm) == pagefind_bundles(clean)
    assert differing_files(warm / "pagefind", clean / "pagefind") == []  # made byte-stable (`pagefind_stable`)
    assert differing_folders(warm, clean) == []  # the folders made ahead (`site_folders`) are exactly those needed
    if step == 0:  # the module's first build filled the cache only if an earlier run left none
        assert "from the cache" in summary


def test_a_scheduled_article_falling_due_makes_a_warm_build_equal_to_a_clean_one(tmp_path: Path) -> None:
    """Nothing in the files changes: only the clock. The build cache's keys come from what is
    published, so the pages that now show the article are made again, and the rest reused."""
    project = split_search_project(tmp_path / "demo")
    build(project, tmp_path / "first", cached=True)
    due = epoch(DEMO_SCHEDULED_AT)
    warm = build(project, tmp_path / "warm", cached=True, now=due)
    build(project, tmp_path / "clean", cached=False, now=due)
    assert (tmp_path / "warm" / "articles/2027/09/eastern-economic-forum-preview/index.html").is_file()
    assert differing_files(tmp_path / "warm", tmp_path / "clean") == []
    assert differing_folders(tmp_path / "warm", tmp_path / "clean") == []
    assert _counts(warm)["from the cache"] > 0, warm


def test_a_build_into_the_last_builds_folder_equals_a_clean_build(tmp_path: Path) -> None:
    # `make site` again: MkDocs deletes the last site (its hidden entries kept), the folders are made ahead
    project = split_search_project(tmp_path / "demo")
    site, clean = tmp_path / "site", tmp_path / "clean"
    build(project, site, cached=True)
    (site / ".keep").write_text("a hidden file MkDocs keeps", encoding="utf-8")
    replace_in(article(project, "xi-europe-tour"), "\n---\n", "\n---\nA new first paragraph.\n\n")
    (project / "articles" / "2024" / "2024-05-16-new-briefing.md").write_text(NEW_ARTICLE, encoding="utf-8")
    renamed = article(project, "putin-fifth-term")  # its old folder must go
    renamed.rename(renamed.with_name("2024-03-18-putin-renamed.md"))
    build(project, site, cached=True)
    build(project, clean, cached=False)
    assert (site / ".keep").read_text(encoding="utf-8") == "a hidden file MkDocs keeps"
    (site / ".keep").unlink()
    assert differing_files(site, clean) == [] and differing_folders(site, clean) == []


def test_an_unchanged_site_is_built_from_the_cache(tmp_path: Path) -> None:
    project = split_search_project(tmp_path / "demo")
    first = build(project, tmp_path / "first", cached=True)
    second = build(project, tmp_path / "second", cached=True)
    assert ", 0 from the cache)" in first
    pages = _counts(second)
    assert pages["from the cache"] > 50 and pages["built"] < 10, second
    assert "made ahead" not in first and "made ahead" in second  # the first build's folders, listed for the next
    assert "Pagefind" in second and "0 from the cache" not in second.split("Pagefind", 1)[1].split(";")[0]


def test_a_one_article_edit_rebuilds_only_the_pages_that_show_it(tmp_path: Path) -> None:
    project = split_search_project(tmp_path / "demo")
    first_site, second_site, clean_site = tmp_path / "first", tmp_path / "second", tmp_path / "clean"
    build(project, first_site, cached=True)
    replace_in(article(project, "nato-washington-summit"), "\n---\n", "\n---\nOne more sentence.\n\n")
    second = build(project, second_site, cached=True)
    build(project, clean_site, cached=False)
    # search: exactly the bundles holding a page whose HTML changed are indexed again, and the
    # index is the clean build's, byte for byte
    changed = [name for name in differing_files(first_site, second_site) if name.endswith(".html")]
    holding = {_bundle_of(first_site, name) for name in changed}
    bundles, from_cache = _search_counts(second)
    assert holding == {_bundle_of(first_site, "articles/2024/07/nato-washington-summit/index.html")}, changed  # lists show titles
    assert (bundles, from_cache) == (len(pagefind_bundles(first_site)), bundles - len(holding)), second
    assert _search_detail(second)[2] == 1, second  # the part holding the article, indexed while the rest was written
    assert differing_files(second_site, clean_site) == []
    pages = _counts(second)
    # the article, and the nav pages (always built); entity pages list titles, not bodies
    assert pages["built"] <= 10, second
    # the core parses that one file and renders again only the pages made from it (here, with
    # nine articles, the lists naming it are a third of the site; at 10,000 articles a few dozen)
    core = next(line for line in second.splitlines() if "MkDocs pages" in line).split(";")[0]
    assert ", 1 articles parsed," in core, core
    rendered, reused = (int(part.split()[0]) for part in core.split(", ")[3:5])  # "51 pages rendered", "99 reused"
    assert 0 < rendered < reused, core


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign"])
def test_a_damaged_cache_is_ignored_with_one_line(tmp_path: Path, damage: str) -> None:
    project = split_search_project(tmp_path / "demo")
    build(project, tmp_path / "first", cached=True)
    # every kind of entry and blob: built pages' HTML and entries, the core's Markdown, parsed articles, search bundles
    entries = entry_files(project / ".briefing-cache")
    assert len(entries) > 100
    for entry in entries[::3]:
        data = entry.read_bytes()
        entry.write_bytes({"truncate": data[: len(data) // 2], "garbage": os.urandom(64), "foreign": b"\x80\x04K\x01."}[damage])
    second = build(project, tmp_path / "second", cached=True)
    build(project, tmp_path / "clean", cached=False)
    assert sum("build-cache entries (" in line and "were unreadable" in line for line in second.splitlines()) == 1, second
    assert [name for name in differing_files(tmp_path / "second", tmp_path / "clean") if not name.startswith("pagefind/")] == []


def test_a_damaged_page_snapshot_rebuilds_every_page_with_one_line(tmp_path: Path) -> None:
    """The page loop keeps every page's entry in one snapshot: damaged, it costs a rebuild of
    the pages (their HTML files are still checked one by one), never a wrong page."""
    project = split_search_project(tmp_path / "demo")
    build(project, tmp_path / "first", cached=True)
    (snapshot,) = (p for p in entry_files(project / ".briefing-cache") if p.name == ENTRIES_KEY)
    snapshot.write_bytes(snapshot.read_bytes()[:-40])
    second = build(project, tmp_path / "second", cached=True)
    build(project, tmp_path / "clean", cached=False)
    assert sum("build-cache entries (1 pages) were unreadable" in line for line in second.splitlines()) == 1, second
    assert _counts(second)["from the cache"] == 0, second
    assert differing_files(tmp_path / "second", tmp_path / "clean") == []
    assert differing_folders(tmp_path / "second", tmp_path / "clean") == []  # no folder made ahead for the empty page
    third = build(project, tmp_path / "third", cached=True)  # and the snapshot is written anew
    assert "unreadable" not in third and _counts(third)["built"] < 10, third


def test_a_reused_page_warns_about_its_broken_anchor_links_as_a_clean_build_does(tmp_path: Path) -> None:
    """A reused page's cache entry keeps only the anchor links MkDocs' check can fail on (not the
    permalinks to its own headings): the warnings are the same, and so is `--strict`."""
    project = split_search_project(tmp_path / "demo")
    replace_in(
        article(project, "xi-europe-tour"),
        "\n---\n",
        "\n---\n## Background\n\nSee [the background](#background), [nothing](#no-such-heading) and "
        "[a missing part](../03/putin-fifth-term.md#no-such-part).\n\n",
    )

    def anchor_warnings(log: str) -> list[str]:
        return [line for line in log.splitlines() if line.startswith("WARNING") and "anchor" in line]

    clean = anchor_warnings(build(project, tmp_path / "clean", cached=False, strict=False))
    assert len(clean) == 2 and all("xi-europe-tour" in line for line in clean), clean
    assert any("no such anchor on this page" in line for line in clean) and any("#no-such-part" in line for line in clean), clean
    first = build(project, tmp_path / "first", cached=True, strict=False)
    second = build(project, tmp_path / "second", cached=True, strict=False)
    assert _counts(second)["built"] < 10, second  # the article page came from the cache
    assert anchor_warnings(first) == anchor_warnings(second) == clean


EMPTY_PAGE_HOOK = """# Test hook: an article whose Markdown holds the marker renders to nothing, so MkDocs writes no file.
MARKER = "EMPTY-PAGE-MARKER"


def on_post_page(output, page, config):
    return "" if page.file.src_uri.startswith("articles/") and MARKER in (page.markdown or "") else output
"""


def test_a_page_mkdocs_did_not_write_leaves_the_search_as_a_clean_build_makes_it(tmp_path: Path) -> None:
    project = split_search_project(tmp_path / "demo")
    (project / "hooks").mkdir()
    (project / "hooks" / "empty_pages.py").write_text(EMPTY_PAGE_HOOK, encoding="utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - hooks/empty_pages.py\n")
    source = article(project, "xi-europe-tour")
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nEMPTY-PAGE-MARKER\n", encoding="utf-8")
    empty_page = "articles/2024/05/xi-europe-tour/index.html"
    build(project, tmp_path / "first", cached=True)
    assert not (tmp_path / "first" / empty_page).exists() and (tmp_path / "first" / "articles").is_dir()
    # the empty page comes from the cache (no HTML); nothing else changed, so neither did the search
    second = build(project, tmp_path / "second", cached=True)
    build(project, tmp_path / "clean", cached=False)
    bundles, from_cache = _search_counts(second)
    assert from_cache == bundles, second
    assert differing_files(tmp_path / "second", tmp_path / "clean") == []
    assert differing_folders(tmp_path / "second", tmp_path / "clean") == []  # no folder made ahead for the empty page
    # and written again once it is not empty
    source.write_text(text, encoding="utf-8")
    third = build(project, tmp_path / "third", cached=True)
    build(project, tmp_path / "clean-again", cached=False)
    assert (tmp_path / "third" / empty_page).is_file()
    assert differing_files(tmp_path / "third", tmp_path / "clean-again") == []
    bundles, from_cache = _search_counts(third)
    assert from_cache == bundles - 1, third  # its part (the lists naming it did not change)


def test_a_warm_build_reads_only_the_pages_its_page_loop_did_not_make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = split_search_project(tmp_path / "demo")
    build(project, tmp_path / "first", cached=True)
    for name, value in {"NO_MKDOCS_2_WARNING": "1", "BRIEFING_OFFLINE": "false", "BRIEFING_CACHE": "on"}.items():
        monkeypatch.setenv(name, value)
    site = tmp_path / "second"
    with files_read(site) as read:
        config = mkdocs_build_here(project, site)
    loop = config.plugins["briefing"].loop
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind"}
    # every page the loop reused (here all but the navigation pages) has its key...
    store = open_store(project / ".briefing-cache")
    stored = set(PAGE_ENTRIES.decode(store.read(ENTRIES_KEY)) or {})
    close_store(store)
    entries = {name for name in pages if name.startswith(("articles/", "actors/")) and name.count("/") > 1}
    assert entries <= set(loop.page_keys) <= pages
    assert set(loop.page_keys.values()) <= stored
    # ...which stands for its HTML in the search keys: only the other pages are read
    assert {name for name in read if name.endswith(".html")} == pages - set(loop.page_keys)
    assert len(pages - set(loop.page_keys)) < 20 < len(loop.page_keys)


def _bundle_of(site: Path, page: str) -> str:
    """The search bundle indexing `page` (`articles/2024/07/x/index.html`): the part holding its
    month's articles, or the primary bundle."""
    month = "/".join(page.split("/")[:3]) + "/"
    for name, urls in pagefind_bundles(site).items():
        if name and any(url.lstrip("/").startswith(month) for url in urls):
            return name
    return ""


def _search_counts(summary: str) -> tuple[int, int]:
    """(bundles, copied from the cache) from the summary line: "Pagefind 1.2 s (5 bundles, 2 at a time; 3 from the cache)"."""
    bundles, reused, _ = _search_detail(summary)
    return bundles, reused


def _search_detail(summary: str) -> tuple[int, int, int]:
    """(bundles, copied from the cache, indexed while the pages were written) from the summary line:
    "Pagefind 1.2 s (5 bundles, 2 at a time; 3 from the cache; 1 indexed while pages were written)"."""
    line = next(line for line in summary.splitlines() if "MkDocs pages" in line)
    inside = line.split("Pagefind", 1)[1].split("(", 1)[1].split(")", 1)[0]
    bundles, reused, *early = inside.split("; ")
    return int(bundles.split()[0]), int(reused.split()[0]), int(early[0].split()[0]) if early else 0


def _counts(summary: str) -> dict[str, int]:
    line = next(line for line in summary.splitlines() if "MkDocs pages" in line)
    inside = line.split("MkDocs pages", 1)[1].split("(", 1)[1].split(")", 1)[0]  # "8 built, 78 from the cache"
    built, reused = inside.split(", ")
    return {"built": int(built.split()[0].replace(",", "")), "from the cache": int(reused.split()[0].replace(",", ""))}
