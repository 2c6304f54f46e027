"""`briefing import` on real sources: a feed, a folder of HTML pages, a folder of Reuters wire texts."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner

from briefing.cli.commands import cli
from tests.support.project import copy_demo_project
from tests.support.site import REPO

SOURCES = REPO / "tests/fixtures/sources"
WIRE = next(p for p in (REPO.parent / "shared/samples/wire/acq", Path("/work/shared/samples/wire/acq")) if p.is_dir())


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["import", "-f", str(project / "mkdocs.yml"), *args], catch_exceptions=False)


def drafts(project: Path) -> list[Path]:
    return sorted(p for p in (project / "articles").rglob("*.md") if p.stat().st_mtime and "-" in p.name)


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def wire_texts(folder: Path, count: int) -> list[Path]:
    """Reuters records written as the raw text a wire desk receives: headline, blank line, dateline and body."""
    folder.mkdir()
    for record in sorted(WIRE.glob("*.xml"))[:count]:
        text = record.read_text(encoding="utf-8")
        title = re.search(r"<TITLE>(.*?)</TITLE>", text, re.S).group(1)
        dateline = " ".join(re.search(r"<DATELINE>(.*?)</DATELINE>", text, re.S).group(1).split())
        body = re.search(r"<BODY>(.*?)</BODY>", text, re.S).group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        (folder / f"{record.stem}.txt").write_text(f"{title}\n\n{dateline} {body}", encoding="utf-8")
    return sorted(folder.iterdir())


def test_a_feed_imports_in_one_command_and_again_the_next_day_skips_what_it_has(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "site")
    result = run(project, "--accept", str(SOURCES / "feed1.atom"), str(SOURCES / "feed2.rss"))
    written = [p for p in (project / "articles").rglob("*.md") if p.name.startswith(("2003-", "2009-"))]
    assert {p.name for p in written} == {"2003-12-13-atom-powered-robots-run-amok.md", "2009-09-06-example-entry.md"}
    entry = front(next(p for p in written if p.name.startswith("2003-")))
    assert entry["source"] == {"name": "Example Feed", "url": "http://example.org/2003/12/13/atom03"}
    assert "# source authors not in data/authors.yml (add them there to credit them): John Doe" in next(
        p for p in written if p.name.startswith("2003-")
    ).read_text(encoding="utf-8")
    assert "2 drafts" in result.output
    again = run(project, "--accept", str(SOURCES / "feed1.atom"))
    assert "already in the archive" in again.output and "wrote 0 drafts" in again.output


def test_a_folder_of_html_pages_gives_drafts_and_one_line_for_a_page_without_an_article(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "site")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("mozilla.org.firefox.developer.html", "http_sample.html", "utf8.html"):
        (pages / name).write_bytes((SOURCES / name).read_bytes())
    result = run(project, "--accept", "--date", "2024-09-01", str(pages))
    assert result.exit_code == 1  # one problem: the page with no article
    assert re.search(r"utf8\.html: no article text in this page", result.output)
    mozilla = project / "articles/2024/2024-09-01-welcome-to-firefox-developer-edition.md"  # a page with a URL: named by its title
    assert front(mozilla)["title"] == "Welcome to Firefox Developer Edition"
    assert front(mozilla)["source"]["url"] == "https://www.mozilla.org/en-US/firefox/developer/"
    assert "not in data/authors.yml (add them there to credit them): Herman Melville" in (
        project / "articles/2024/2024-09-01-http-sample.md"
    ).read_text(encoding="utf-8")
    assert "wrote 2 drafts" in result.output


def test_a_folder_of_wire_texts_is_placed_by_its_datelines_and_proposes_one_registry(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "site")
    (project / "data/actors.yml").write_text(
        "united-states:\n  name: United States\n  kind: state\n  iso: US\n  region: north-america\n"
        "united-kingdom:\n  name: United Kingdom\n  kind: state\n  iso: GB\n  region: europe\n",
        encoding="utf-8",
    )
    (project / "data/regions.yml").write_text("north-america:\n  name: North America\neurope:\n  name: Europe\n", encoding="utf-8")
    (project / "data/topics.yml").write_text("acq:\n  name: Mergers/Acquisitions\n", encoding="utf-8")
    for article in (project / "articles").rglob("*.md"):
        article.unlink()
    (project / "data/places.yml").unlink(missing_ok=True)
    texts = wire_texts(tmp_path / "wire", 12)
    out = tmp_path / "proposed.yml"
    result = run(project, "--accept", "--year", "1987", "--candidates-out", str(out), str(tmp_path / "wire"))
    assert result.exit_code == 0, result.output
    written = sorted((project / "articles/1987").glob("*.md"))
    assert len(written) == len(texts)
    houston = front(next(p for p in written if "gulf-applied" in p.name or "reut-00010" in p.name))
    assert houston["region"] == "North America" and houston["actors"] == ["United States"]
    assert str(houston["date"]) == "1987-02-26"
    proposed = yaml.safe_load(out.read_text(encoding="utf-8"))
    kinds = {entry["name"]: entry["kind"] for entry in proposed.values()}
    assert kinds.get("Computer Terminal Systems Inc") == "organization" or kinds.get("Woodco Inc") == "organization"
    assert not [n for n, k in kinds.items() if k == "person" and re.search(r"\b(Inc|Corp|Co|Ltd)\b", n)]
    assert not (project / "data/proposed.yml").exists()


def test_a_feed_author_in_the_authors_registry_is_the_drafts_byline(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "site")
    with (project / "data/authors.yml").open("a", encoding="utf-8") as registry:
        registry.write("\njohn-doe:\n  name: John Doe\n  role: Correspondent\n")
    run(project, "--accept", str(SOURCES / "feed1.atom"))
    draft = project / "articles/2003/2003-12-13-atom-powered-robots-run-amok.md"
    assert front(draft)["authors"] == ["John Doe"]
    assert "not in data/authors.yml" not in draft.read_text(encoding="utf-8")


def test_wire_text_is_published_as_written_and_known_when_imported_again(tmp_path: Path) -> None:
    """Reuters marks companies '<Woodco Inc>': plain text, not HTML. The draft must show it (no
    sanitiser warning at `check`), and the next import of the same texts must find them."""
    project = copy_demo_project(tmp_path / "site")
    wire = tmp_path / "wire"
    wire_texts(wire, 10)
    assert any("<" in p.read_text(encoding="utf-8") for p in wire.iterdir())
    result = run(project, "--accept", "--year", "1987", "--date", "1987-02-26", str(wire))
    assert "wrote 10 drafts" in result.output, result.output
    computer = next((project / "articles/1987").glob("*reut-00001.md")).read_text(encoding="utf-8")
    assert "to &lt;Woodco Inc> of Houston" in computer
    checked = CliRunner().invoke(cli, ["check", "-f", str(project / "mkdocs.yml")], catch_exceptions=False)
    assert "body:" not in checked.output, checked.output
    assert "to &lt;Woodco Inc&gt; of Houston" in markdown.markdown(computer.split("---\n", 2)[2])
    again = run(project, "--accept", "--year", "1987", "--date", "1987-02-26", str(wire))
    assert "wrote 0 drafts, 10 already in the archive" in again.output
    assert again.output.count("already in the archive (same source URL or text") == 10


def test_dry_run_writes_nothing_and_candidates_out_refuses_data(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "site")
    before = sorted(p.name for p in (project / "articles").rglob("*.md"))
    result = run(project, "--dry-run", "--accept", str(SOURCES / "feed2.rss"))
    assert "would write 1 draft" in result.output
    assert sorted(p.name for p in (project / "articles").rglob("*.md")) == before
    refused = run(project, "--candidates-out", str(project / "data/new.yml"), str(SOURCES / "feed2.rss"))
    assert refused.exit_code == 2 and "data/" in refused.output
    missing = run(project, "--accept", str(tmp_path / "nope.txt"), "--date", "2024-01-01")
    assert missing.exit_code == 1 and "no such file or folder" in missing.output


@pytest.mark.parametrize("name", ["reut-00001.xml"])
def test_an_html_served_locally_is_fetched_only_when_named(tmp_path: Path, name: str) -> None:
    import http.server
    import threading

    project = copy_demo_project(tmp_path / "site")
    served = tmp_path / "served"
    served.mkdir()
    (served / "page.html").write_bytes((SOURCES / "mozilla.org.firefox.developer.html").read_bytes())
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(served))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        result = run(
            project, "--accept", "--date", "2024-09-02", f"http://127.0.0.1:{port}/page.html", f"http://127.0.0.1:{port}/gone.html"
        )
    finally:
        server.shutdown()
    assert "gone.html: the server answered 404" in result.output
    assert list((project / "articles/2024").glob("2024-09-02-*.md"))


def test_the_first_import_of_an_archive_as_the_readme_shows(tmp_path: Path) -> None:
    """A dry run proposes the registry; the editor pastes the entries they keep; the import then names them."""
    project = copy_demo_project(tmp_path / "site")
    archive = tmp_path / "old-cms-export"
    wire_texts(archive, 30)
    before = sorted(p.name for p in (project / "articles").rglob("*.md"))
    proposed = tmp_path / "proposed-actors.yml"
    dry = run(project, "--dry-run", "--year", "1987", "--candidates-out", str(proposed), str(archive))
    assert dry.exit_code == 0, dry.output
    assert sorted(p.name for p in (project / "articles").rglob("*.md")) == before  # a dry run writes no draft
    entries = yaml.safe_load(proposed.read_text(encoding="utf-8"))
    assert entries["shearson-lehman-brothers-inc"]["kind"] == "organization"  # named in two stories, one entry
    assert "shearson-lehman-brothers-inc: " not in proposed.read_text(encoding="utf-8")  # an entry as a block, ready to paste
    assert entries["switzerland"]["iso"] == "CH"
    kept = {k: entries[k] for k in ("shearson-lehman-brothers-inc", "switzerland")}
    with (project / "data/actors.yml").open("a", encoding="utf-8") as registry:
        registry.write("\n" + yaml.safe_dump(kept, sort_keys=False))
    result = run(project, "--accept", "--year", "1987", str(archive))
    assert result.exit_code == 0, result.output
    assert "wrote 30 drafts" in result.output
    drafts_1987 = sorted((project / "articles/1987").glob("*.md"))
    named = [front(p)["actors"] for p in drafts_1987]
    assert sum("Shearson Lehman Brothers Inc" in actors for actors in named) >= 2
    assert any("Switzerland" in actors for actors in named)
