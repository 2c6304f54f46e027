"""The build cache's stores for the core: rendered pages by the fingerprint of their inputs, and
parsed articles. A stale hit would publish a wrong page, so the fingerprints must change with
every input and refuse inputs they cannot digest; stored values must come back equal, and a
damaged entry must come back as a miss."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.build.build_cache import BuildCache, PageEntries, StoredArticles, StoredPages, StoredRelated, digest, link_tree
from briefing.index.corpus_index import build_index
from briefing.load.corpus import load_corpus
from briefing.model.entities import Actor, Article, Correction, Source
from briefing.model.pagination import Pagination
from briefing.model.problems import Position, Problem, Severity
from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.cache import CacheUse, Deferred, Fingerprints
from briefing.render.markdown_text import Markdown
from briefing.render.output import MarkdownPage

REPO = Path(__file__).resolve().parents[2]

ARTICLE = Article(
    source_path="articles/2024/2024-05-16-xi-putin.md",
    slug="xi-putin",
    title="Xi and Putin",
    date=dt.date(2024, 5, 16),
    region="east-asia",
    actors=("xi-jinping", "vladimir-putin"),
    topics=("china-russia",),
    summary=None,
    body="Xi Jinping and Vladimir Putin met.\n",
    source=Source("Agency", "https://example.org/a"),
    field_positions={"title": Position(2, 8), "actors": Position(5, 9)},
)
ACTOR = Actor(
    collection="actors",
    id="xi-jinping",
    name="Xi Jinping",
    aliases=("Xi",),
    description="",
    source_path="data/actors.yml",
    source_line=1,
    kind="person",
)


def context(article: Article = ARTICLE, actor: Actor = ACTOR) -> dict[str, object]:
    return {"article": article, "actors": [actor], "listing": Pagination("actors/x.md", 1, 2, [article], 1, 30), "link": len, "n": 3}


def test_equal_inputs_give_one_fingerprint_whatever_the_objects() -> None:
    copy = dataclasses.replace(ARTICLE)
    assert copy is not ARTICLE
    assert Fingerprints().of(context()) == Fingerprints().of(context(copy)) is not None


@pytest.mark.parametrize(
    "changed",
    [
        {"article": dataclasses.replace(ARTICLE, title="Xi and Putin, again")},
        {"article": dataclasses.replace(ARTICLE, body=ARTICLE.body + "More.\n")},
        {"article": dataclasses.replace(ARTICLE, date=dt.date(2024, 5, 17))},
        {"article": dataclasses.replace(ARTICLE, source=None)},
        {"actor": dataclasses.replace(ACTOR, aliases=("Xi", "Comrade Xi"))},
    ],
    ids=["title", "body", "date", "source", "alias"],
)
def test_any_changed_input_changes_the_fingerprint(changed: dict[str, object]) -> None:
    fingerprints = Fingerprints()
    assert fingerprints.of(context(**changed)) != fingerprints.of(context())  # type: ignore[arg-type]


def test_values_of_other_types_count_apart() -> None:
    fingerprints = Fingerprints()
    assert fingerprints.of({"x": Markdown("*a*")}) != fingerprints.of({"x": "*a*"})
    assert fingerprints.of((1,)) != fingerprints.of((True,)) != fingerprints.of(([1],))
    assert fingerprints.of({"a": 1, "b": 2}) != fingerprints.of({"b": 2, "a": 1})  # templates see the order


@pytest.mark.parametrize("value", [{1, 2}, object(), frozenset({"a"}), Path("x")], ids=["set", "object", "frozenset", "path"])
def test_an_input_that_cannot_be_digested_is_never_looked_up(value: object) -> None:
    assert Fingerprints().of({"page": "x", "value": [value]}) is None


def shout(text: str, times: int) -> str:
    return text.upper() * times


def whisper(text: str, times: int) -> str:
    return text.lower() * times


def test_a_deferred_part_is_fingerprinted_by_its_function_and_arguments() -> None:
    fingerprints = Fingerprints()
    page = fingerprints.of({"part": Deferred(shout, ("a", 2))})
    assert page is not None and page == Fingerprints().of({"part": Deferred(shout, ("a", 2))})
    assert page != fingerprints.of({"part": Deferred(shout, ("a", 3))})
    assert page != fingerprints.of({"part": Deferred(whisper, ("a", 2))})
    assert page != fingerprints.of({"part": "AA"})  # its inputs, not its value
    assert fingerprints.of({"part": Deferred(shout, ({1, 2}, 2))}) is None  # arguments are digested like any input
    with pytest.raises(ValueError, match="module-level"):
        Deferred(lambda: "x", ())


class MemoryStore:
    """A page store in memory that counts its hits."""

    def __init__(self) -> None:
        self.pages: dict[str, MarkdownPage] = {}
        self.texts: dict[str, str] = {}
        self.reused = self.rendered = 0

    def get(self, key: str) -> MarkdownPage | None:
        return self.pages.get(key)

    def put(self, key: str, page: MarkdownPage) -> None:
        self.pages[key] = page

    def get_text(self, key: str) -> str | None:
        return self.texts.get(key)

    def put_text(self, key: str, text: str) -> None:
        self.texts[key] = text


def test_a_stored_page_never_computes_its_deferred_parts() -> None:
    calls: list[str] = []
    store = MemoryStore()

    def render(use: CacheUse, text: str) -> MarkdownPage:
        part = Deferred(shout, (text, 1))
        made = lambda: calls.append(text) or MarkdownPage(uri="x.md", content=part.value(), source_path=None)  # noqa: E731
        return use.page("x.md", lambda: ("x", part), made)

    assert render(CacheUse(None, store), "a").content == "A" and calls == ["a"]
    assert render(CacheUse(None, store), "a").content == "A" and calls == ["a"]  # from the store: nothing computed
    assert render(CacheUse(None, store), "b").content == "B" and calls == ["a", "b"]


def test_a_stored_memo_is_computed_once_and_markdown_is_never_stored() -> None:
    store = MemoryStore()
    calls: list[int] = []

    def feed() -> str:
        calls.append(1)
        return "<feed/>"

    assert CacheUse(None, store).memo("feed", ("a", ARTICLE), feed) == "<feed/>"
    assert CacheUse(None, store).memo("feed", ("a", dataclasses.replace(ARTICLE)), feed) == "<feed/>" and len(calls) == 1
    assert CacheUse(None, store).memo("feed", ("b", ARTICLE), feed) == "<feed/>" and len(calls) == 2
    svg = CacheUse(None, store).memo("chart", 1, lambda: Markdown("<svg/>"))
    assert isinstance(svg, Markdown) and len(store.texts) == 2  # a Markdown value is computed again each time
    assert isinstance(CacheUse(None, store).memo("chart", 1, lambda: Markdown("<svg/>")), Markdown)


def test_a_stored_text_comes_back_equal(tmp_path: Path) -> None:
    StoredPages(BuildCache(tmp_path, "markdown"), "env").put_text("k", "<feed>é</feed>")
    assert StoredPages(BuildCache(tmp_path, "markdown"), "env").get_text("k") == "<feed>é</feed>"
    assert StoredPages(BuildCache(tmp_path, "markdown"), "env").get("k") is None  # a text is not a page
    assert StoredPages(BuildCache(tmp_path, "markdown"), "other env").get_text("k") is None


def test_fingerprints_are_equal_in_another_process() -> None:
    """Hash seeds differ between processes: a build's keys must not depend on them."""
    script = "from tests.unit.test_build_stores import demo_keys; print(demo_keys())"
    runs = {subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1 and runs.pop().strip() == demo_keys()


def demo_keys() -> str:
    """Every stored key of the demo site's pages, as one line."""
    keys: list[str] = []

    class Recorder:
        reused = rendered = 0

        def get(self, key: str) -> MarkdownPage | None:
            keys.append(key)
            return None

        def put(self, key: str, page: MarkdownPage) -> None:
            pass

        def get_text(self, key: str) -> str | None:
            keys.append(key)
            return None

        def put_text(self, key: str, text: str) -> None:
            pass

    build_pages(Settings(REPO), page_store=Recorder())
    assert len(keys) > 100
    return " ".join(keys)


def test_a_stored_page_comes_back_equal(tmp_path: Path) -> None:
    page = MarkdownPage(
        uri="actors/x.md", content="# X\n\n<!-- block 0 -->\n", source_path="data/actors.yml", in_nav=False, blocks=("<ul></ul>",)
    )
    StoredPages(BuildCache(tmp_path, "markdown"), "env").put("k", page)
    again = StoredPages(BuildCache(tmp_path, "markdown"), "env")
    assert again.get("k") == page and again.reused == 1
    assert StoredPages(BuildCache(tmp_path, "markdown"), "other env").get("k") is None


def test_a_stored_page_brings_its_content_digest_which_follows_every_byte() -> None:
    page = MarkdownPage(uri="a.md", content="# A\n\n<!-- block 0 -->\n", source_path=None, blocks=("<ul></ul>",))
    digests = {
        page.content_digest,
        dataclasses.replace(page, content="# A!\n\n<!-- block 0 -->\n").content_digest,
        dataclasses.replace(page, blocks=("<ul> </ul>",)).content_digest,
        dataclasses.replace(page, content="# A\n\n<!-- block 0 -->\n<ul>", blocks=("</ul>",)).content_digest,
    }
    assert len(digests) == 4  # content and blocks both count, and cannot run into each other


def test_a_page_from_the_store_brings_its_digest_instead_of_hashing_again(tmp_path: Path) -> None:
    page = MarkdownPage(uri="a.md", content="text", source_path=None, blocks=("<p>b</p>",))
    StoredPages(BuildCache(tmp_path, "markdown"), "env").put("k", page)
    stored = StoredPages(BuildCache(tmp_path, "markdown"), "env").get("k")
    assert stored is not None and stored.known_digest == page.content_digest
    assert stored.content_digest is stored.known_digest


def test_the_page_loop_entries_are_one_snapshot_rewritten_only_when_they_change(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path, "pages")
    PageEntries(cache).flush({"a": {"html": None}, "b": {"html": ["0" * 64, 3]}})
    (snapshot,) = (p for p in (tmp_path / "pages").rglob("*") if p.is_file())
    written = snapshot.stat().st_mtime_ns
    same = PageEntries(BuildCache(tmp_path, "pages"))
    assert same.get("b") == {"html": ["0" * 64, 3]} and same.get("c") is None
    same.flush({"a": {"html": None}, "b": {"html": ["0" * 64, 3]}})
    assert snapshot.stat().st_mtime_ns == written  # nothing changed: nothing written
    same.flush({"a": {"html": None}})
    assert PageEntries(BuildCache(tmp_path, "pages")).entries == {"a": {"html": None}}
    data = snapshot.read_bytes()
    for damaged in (data[: len(data) // 2], data[:-2] + bytes([data[-2] ^ 1]) + data[-1:], b"\x80\x04K\x01."):
        snapshot.write_bytes(damaged)
        again = BuildCache(tmp_path, "pages")
        assert PageEntries(again).entries == {} and again.rejected == 1


def test_a_stored_article_comes_back_equal_with_its_problems(tmp_path: Path) -> None:
    problems = [Problem("articles/a.md", 3, 1, "date", "in the future", Severity.WARNING)]
    writer = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    writer.put("k", ARTICLE, problems)
    writer.put("broken", None, [Problem("articles/b.md", 1, 1, "", "no front matter")])
    assert StoredArticles(BuildCache(tmp_path, "articles"), "env").get("k") is None  # nothing written before flush
    writer.flush()
    store = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    article, replayed = store.get("k") or (None, [])
    assert article == ARTICLE and article is not None and article.field_positions == ARTICLE.field_positions
    assert replayed == problems
    assert store.get("broken") == (None, [Problem("articles/b.md", 1, 1, "", "no front matter")])


@pytest.mark.parametrize("kind", ["markdown", "articles"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, kind: str) -> None:
    cache = BuildCache(tmp_path, kind)
    if kind == "markdown":
        StoredPages(cache, "env").put("k", MarkdownPage(uri="a.md", content="text", source_path=None))
    else:
        writer = StoredArticles(cache, "env")
        writer.put("k", ARTICLE, [])
        writer.flush()
    (entry,) = (p for p in (tmp_path / kind).rglob("*") if p.is_file())
    data = entry.read_bytes()
    for damaged in (data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), b"\x80\x04K\x01."):
        entry.write_bytes(damaged)
        again = BuildCache(tmp_path, kind)
        store = StoredPages(again, "env") if kind == "markdown" else StoredArticles(again, "env")
        assert store.get("k") is None
        assert again.rejected == 1


def test_stored_related_lists_come_back_equal_and_follow_the_entries(tmp_path: Path) -> None:
    corpus = load_corpus(Settings(REPO))
    computed = build_index(corpus).related
    writer = StoredRelated(BuildCache(tmp_path, "articles"), "env")
    assert build_index(corpus, store=writer).related == computed
    reader = StoredRelated(BuildCache(tmp_path, "articles"), "env")
    assert build_index(corpus, store=reader).related == computed and reader.cache.hits == 1
    # an article's title does not move it in any list; another actor does
    retitled = dataclasses.replace(corpus.articles[3], title="Another title")
    corpus.articles[3] = retitled
    again = StoredRelated(BuildCache(tmp_path, "articles"), "env")
    build_index(corpus, store=again)
    assert again.cache.hits == 1
    corpus.articles[3] = dataclasses.replace(retitled, actors=(*retitled.actors, "wang-yi"))
    changed = StoredRelated(BuildCache(tmp_path, "articles"), "env")
    assert build_index(corpus, store=changed).related == build_index(corpus).related and changed.cache.hits == 0


@pytest.mark.parametrize("value", [[[0], [1]], [[0], [1], [7]], [[0], [1], ["2"]], [[0], [1], [True]], [[0], [1], 2], {"a": 1}], ids=str)
def test_unsound_related_lists_are_a_miss(tmp_path: Path, value: object) -> None:
    """Three articles: two lists are too few, position 7 is outside, the rest are not lists of positions."""
    StoredRelated(BuildCache(tmp_path, "articles"), "env").put("k", value)  # type: ignore[arg-type]
    assert StoredRelated(BuildCache(tmp_path, "articles"), "env").get("k", 3) is None


def test_sound_related_lists_are_a_hit(tmp_path: Path) -> None:
    StoredRelated(BuildCache(tmp_path, "articles"), "env").put("k", [[1, 2], [], [0]])
    assert StoredRelated(BuildCache(tmp_path, "articles"), "env").get("k", 3) == [[1, 2], [], [0]]
    assert StoredRelated(BuildCache(tmp_path, "articles"), "other").get("k", 3) is None


def test_a_kept_page_file_is_linked_back_into_the_site_and_never_trusted_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_bytes(b"<h1>A</h1>")
    cache = BuildCache(tmp_path / "cache", "pages")
    kept = cache.put_file("k", site / "a" / "index.html")
    assert kept is not None
    warm = tmp_path / "warm" / "a" / "index.html"
    assert cache.link_file("k", *kept, str(warm)) and warm.read_bytes() == b"<h1>A</h1>"
    assert warm.stat().st_ino == (site / "a" / "index.html").stat().st_ino  # no bytes written again
    monkeypatch.setattr("os.link", lambda *args: (_ for _ in ()).throw(OSError("cross-device")))
    copied = tmp_path / "copied" / "index.html"
    assert cache.link_file("k", *kept, str(copied)) and copied.read_bytes() == b"<h1>A</h1>"
    monkeypatch.undo()
    (site / "a" / "index.html").write_bytes(b"<h1>B</h1>")  # a site file rewritten in place changes the kept one
    assert not cache.link_file("k", *kept, str(tmp_path / "again" / "index.html"))
    assert not (tmp_path / "again" / "index.html").exists()
    assert not cache.link_file("missing", *kept, str(tmp_path / "none.html"))


def test_a_page_file_is_kept_by_a_copy_where_links_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_bytes(b"<h1>A</h1>")
    monkeypatch.setattr("os.link", lambda *args: (_ for _ in ()).throw(OSError("cross-device")))
    cache = BuildCache(tmp_path / "cache", "pages")
    kept = cache.put_file("k", page)
    assert kept is not None
    page.write_bytes(b"<h1>B</h1>")  # a copy: the site's file is not the kept one
    warm = tmp_path / "warm" / "index.html"
    assert cache.link_file("k", *kept, str(warm)) and warm.read_bytes() == b"<h1>A</h1>"


def test_a_stored_search_bundle_is_linked_and_never_trusted_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "index").mkdir(parents=True)
    (bundle / "pagefind-entry.json").write_text("{}")
    (bundle / "index" / "en_1.pf_index").write_bytes(b"\x00index")
    cache = BuildCache(tmp_path / "cache", "search")
    cache.put_folder("bundle-key", bundle)
    stored = cache.get_folder("bundle-key")
    assert stored is not None
    site_copy = tmp_path / "site" / "pagefind"
    link_tree(stored, site_copy)
    assert (site_copy / "index" / "en_1.pf_index").stat().st_ino == (stored / "index" / "en_1.pf_index").stat().st_ino
    monkeypatch.setattr("os.link", lambda *args: (_ for _ in ()).throw(OSError("cross-device")))
    link_tree(stored, tmp_path / "copied")
    assert (tmp_path / "copied" / "index" / "en_1.pf_index").read_bytes() == b"\x00index"
    monkeypatch.undo()
    (site_copy / "index" / "en_1.pf_index").write_bytes(b"\x00other")  # rewritten in place: the stored file changes too
    again = BuildCache(tmp_path / "cache", "search")
    assert again.get_folder("bundle-key") is None and again.rejected == 1


def test_parsed_articles_are_snapshots_each_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    # keys whose entries land in two different snapshots (by the first digit of their salted key)
    keys = [f"k{n}" for n in range(40)]
    first = next(k for k in keys if digest("env", k)[0] != digest("env", keys[0])[0])
    a, b = keys[0], first
    writer = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    writer.put(a, ARTICLE, [])
    writer.put(b, dataclasses.replace(ARTICLE, title="B"), [])
    writer.flush()
    snapshots = sorted(p for p in (tmp_path / "articles").rglob("*") if p.is_file())
    assert len(snapshots) == 2
    written = {p: p.stat().st_mtime_ns for p in snapshots}
    same = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    assert same.get(a) is not None and same.get(b) is not None
    same.flush()
    assert {p: p.stat().st_mtime_ns for p in snapshots} == written  # nothing changed: nothing written
    edited = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    assert edited.get(a) is not None and edited.get(b) is not None
    edited.put(b, dataclasses.replace(ARTICLE, title="B, edited"), [])  # parsed again: its file changed
    edited.flush()
    rewritten = [p for p in snapshots if p.stat().st_mtime_ns != written[p]]
    assert len(rewritten) == 1  # only the snapshot holding the edited article
    fewer = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    assert fewer.get(a) is not None  # the other was deleted
    fewer.flush()
    after = StoredArticles(BuildCache(tmp_path, "articles"), "env")
    assert after.get(a) is not None and after.get(b) is None


def test_a_feed_is_a_hard_link_to_the_copy_an_earlier_build_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    first = BuildCache(tmp_path / "cache", "pages")
    first.place_bytes(b"<feed/>", str(site / "a.xml"))
    assert (site / "a.xml").read_bytes() == b"<feed/>" and first.hits == 0
    second = BuildCache(tmp_path / "cache", "pages")
    second.place_bytes(b"<feed/>", str(site / "b.xml"))
    assert (site / "b.xml").read_bytes() == b"<feed/>" and second.hits == 1
    assert (site / "b.xml").stat().st_ino == (site / "a.xml").stat().st_ino  # one file, linked
    # the site's copy rewritten in place changes the kept copy too: found wrong, replaced, reported
    (site / "a.xml").write_bytes(b"<feed>edited</feed>")
    third = BuildCache(tmp_path / "cache", "pages")
    third.place_bytes(b"<feed/>", str(site / "c.xml"))
    assert (site / "c.xml").read_bytes() == b"<feed/>" and third.rejected == 1
    assert (site / "a.xml").read_bytes() == b"<feed>edited</feed>"  # the copy that was linked is left alone
    fourth = BuildCache(tmp_path / "cache", "pages")
    fourth.place_bytes(b"<feed/>", str(site / "c.xml"))  # over the site's own file: replaced, not written through
    assert fourth.hits == 1 and (site / "c.xml").read_bytes() == b"<feed/>"


def test_an_articles_listing_is_every_field_but_the_body() -> None:
    other = {
        "source_path": "articles/b.md",
        "slug": "other",
        "title": "Other",
        "date": dt.date(2020, 1, 1),
        "region": "europe",
        "actors": ("nato",),
        "topics": ("trade",),
        "summary": "Another.",
        "source": Source("Wire", None),
        "draft": True,
        "authors": ("jane-doe",),
        "updated": dt.date(2024, 6, 1),
        "corrections": (Correction(dt.date(2024, 6, 2), "A date was wrong."),),
        "published_at": dt.datetime(2024, 5, 15, 9, tzinfo=dt.timezone.utc),
        "scheduled": True,
    }
    compared = {f.name for f in dataclasses.fields(Article) if f.compare}
    assert compared == set(other) | {"body"}  # a new field must be added to `Article.listing` (and here)
    for name, value in other.items():
        assert dataclasses.replace(ARTICLE, **{name: value}).listing != ARTICLE.listing, name
    assert dataclasses.replace(ARTICLE, body="Another body.").listing == ARTICLE.listing
    assert Fingerprints().of(ARTICLE.listing) is not None  # plain values: a memo keyed by listings is stored
