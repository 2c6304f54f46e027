"""The core's reuse on disk (`build.stored`): rendered pages by the fingerprint of their inputs,
parsed articles, related lists. A stale hit would publish a wrong page, so the fingerprints must
change with every input and refuse inputs they cannot digest; stored values must come back
equal, and a damaged entry must come back as a miss. Also: a random sequence of edits, built
with the store each time, gives the pages of a fresh run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.build.digests import digest
from briefing.build.stored import StoredReuse
from briefing.index.corpus_index import build_index
from briefing.index.related import RELATED, related_articles
from briefing.load.corpus import PARSED, load_corpus
from briefing.model.entities import Actor, Article, Correction, Source
from briefing.model.pagination import Pagination
from briefing.model.problems import Position, Problem, Severity
from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.cache import MEMO, PAGE, CacheUse, Deferred, Fingerprints
from briefing.render.markdown_text import Markdown
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage
from briefing.runtime.reuse import Counted, MemoryReuse
from tests.support.factories import small_corpus, write_article_md
from tests.support.keys import demo_keys
from tests.support.store import close_store, entry_files, open_store

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


def test_a_stored_page_never_computes_its_deferred_parts() -> None:
    calls: list[str] = []
    memory = MemoryReuse()

    def render(use: CacheUse, text: str) -> MarkdownPage:
        part = Deferred(shout, (text, 1))
        made = lambda: calls.append(text) or MarkdownPage(uri="x.md", content=part.value(), source_path=None)  # noqa: E731
        return use.page("x.md", lambda: ("x", part), made)

    assert render(CacheUse(memory), "a").content == "A" and calls == ["a"]
    assert render(CacheUse(memory), "a").content == "A" and calls == ["a"]  # found again: nothing computed
    assert render(CacheUse(memory), "b").content == "B" and calls == ["a", "b"]


def stored(folder: Path, environment: str = "env") -> StoredReuse:
    """The core's reuse on the store in `folder`, as a new build sees it."""
    return StoredReuse(open_store(folder), environment)


def test_a_stored_memo_is_computed_once_and_markdown_is_never_stored(tmp_path: Path) -> None:
    calls: list[int] = []

    def feed() -> str:
        calls.append(1)
        return "<feed/>"

    def memo(name: str, key: object, compute: Callable[[], str]) -> str:
        """One build: the memo looked up in the store, made and kept if missing."""
        reuse = stored(tmp_path / "cache")
        try:
            return CacheUse(reuse).memo(name, key, compute)
        finally:
            close_store(reuse.store)

    assert memo("feed", ("a", ARTICLE), feed) == "<feed/>"
    assert memo("feed", ("a", dataclasses.replace(ARTICLE)), feed) == "<feed/>" and len(calls) == 1
    assert memo("feed", ("b", ARTICLE), feed) == "<feed/>" and len(calls) == 2
    svg = memo("chart", 1, lambda: Markdown("<svg/>"))
    assert isinstance(svg, Markdown) and len(entry_files(tmp_path / "cache")) == 2  # a Markdown value is computed again each time
    assert isinstance(memo("chart", 1, lambda: Markdown("<svg/>")), Markdown)


def test_a_stored_text_and_page_come_back_equal_only_in_their_environment(tmp_path: Path) -> None:
    page = MarkdownPage(
        uri="actors/x.md", content="# X\n\n<!-- block 0 -->\n", source_path="data/actors.yml", in_nav=False, blocks=("<ul></ul>",)
    )
    writer = stored(tmp_path)
    writer.keep(MEMO, "feed", ("k",), "<feed>é</feed>")
    writer.keep(PAGE, "actors/x.md", ("k",), page)
    close_store(writer.store)
    reader = stored(tmp_path)
    assert reader.recall(MEMO, "feed", ("k",)) == "<feed>é</feed>"
    again = reader.recall(PAGE, "actors/x.md", ("k",))
    assert again == page and again is not None and again.known_digest == page.content_digest
    assert again.content_digest is again.known_digest  # brought with it, not hashed again
    assert reader.recall(PAGE, "actors/y.md", ("k",)) is None and reader.recall(PAGE, "actors/x.md", ("other",)) is None
    close_store(reader.store)
    other = stored(tmp_path, "other env")
    assert other.recall(MEMO, "feed", ("k",)) is None and other.recall(PAGE, "actors/x.md", ("k",)) is None
    close_store(other.store)


def test_fingerprints_are_equal_in_another_process() -> None:
    """Hash seeds differ between processes: a build's keys must not depend on them."""
    script = "from tests.support.keys import demo_keys; print(demo_keys())"
    runs = {subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1 and runs.pop().strip() == demo_keys()


def test_a_stored_page_brings_its_content_digest_which_follows_every_byte() -> None:
    page = MarkdownPage(uri="a.md", content="# A\n\n<!-- block 0 -->\n", source_path=None, blocks=("<ul></ul>",))
    digests = {
        page.content_digest,
        dataclasses.replace(page, content="# A!\n\n<!-- block 0 -->\n").content_digest,
        dataclasses.replace(page, blocks=("<ul> </ul>",)).content_digest,
        dataclasses.replace(page, content="# A\n\n<!-- block 0 -->\n<ul>", blocks=("</ul>",)).content_digest,
    }
    assert len(digests) == 4  # content and blocks both count, and cannot run into each other


def test_a_stored_article_comes_back_equal_with_its_problems(tmp_path: Path) -> None:
    problems = [Problem("articles/a.md", 3, 1, "date", "in the future", Severity.WARNING)]
    writer = stored(tmp_path)
    writer.keep(PARSED, "a.md", "k", (ARTICLE, problems))
    writer.keep(PARSED, "b.md", "broken", (None, [Problem("articles/b.md", 1, 1, "", "no front matter")]))
    close_store(writer.store)
    unflushed = stored(tmp_path)
    assert unflushed.recall(PARSED, "a.md", "k") is None  # nothing written before flush
    close_store(unflushed.store)
    writer = stored(tmp_path)
    writer.keep(PARSED, "a.md", "k", (ARTICLE, problems))
    writer.keep(PARSED, "b.md", "broken", (None, [Problem("articles/b.md", 1, 1, "", "no front matter")]))
    writer.flush()
    close_store(writer.store)
    reader = stored(tmp_path)
    article, replayed = reader.recall(PARSED, "a.md", "k") or (None, [])
    assert article == ARTICLE and article is not None and article.field_positions == ARTICLE.field_positions
    assert replayed == problems
    assert reader.recall(PARSED, "b.md", "broken") == (None, [Problem("articles/b.md", 1, 1, "", "no front matter")])


def test_an_articles_newsroom_fields_come_back_equal_and_a_naive_publication_time_is_refused(tmp_path: Path) -> None:
    """The codec is the model's own dataclass: fields added to `Article` are stored with it."""
    signed = dataclasses.replace(
        ARTICLE,
        authors=("jane-doe",),
        updated=dt.date(2024, 6, 1),
        corrections=(Correction(dt.date(2024, 6, 2), "A date was wrong."),),
        published_at=dt.datetime(2024, 5, 16, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    )
    writer = stored(tmp_path)
    writer.keep(PARSED, "a.md", "k", (signed, []))
    writer.flush()
    close_store(writer.store)
    reader = stored(tmp_path)
    article, _ = reader.recall(PARSED, "a.md", "k") or (None, [])
    assert article == signed and article is not None and article.published_at == signed.published_at
    assert article.corrections == signed.corrections and article.publication_time.utcoffset() == dt.timedelta(hours=2)
    close_store(reader.store)
    (entry,) = [p for p in entry_files(tmp_path) if len(p.read_bytes()) > 200]
    payload = entry.read_bytes().split(b"\n", 2)[2].replace(b"09:30:00+02:00", b"09:30:00")
    forged = stored(tmp_path)
    forged.store.put(entry.name, payload)  # a sound checksum over a time without its zone
    assert forged.recall(PARSED, "a.md", "k") is None and forged.store.rejected["articles"] == 1
    close_store(forged.store)


@pytest.mark.parametrize("kind", ["page", "article"])
def test_a_damaged_entry_is_a_miss_counted_once(tmp_path: Path, kind: str) -> None:
    writer = stored(tmp_path)
    if kind == "page":
        writer.keep(PAGE, "a.md", "k", MarkdownPage(uri="a.md", content="text", source_path=None))
    else:
        writer.keep(PARSED, "a.md", "k", (ARTICLE, []))
        writer.flush()
    close_store(writer.store)
    entries = [p for p in entry_files(tmp_path) if p.parent.parent.name == "entries"]
    (entry,) = [p for p in entries if len(p.read_bytes()) > 200] if kind == "article" else entries
    data = entry.read_bytes()
    payload = data.split(b"\n", 2)[2]
    foreign = payload.replace(b'"in_nav":true', b'"in_nav":"yes"').replace(b'"slug":"xi-putin"', b'"slug":7')
    assert foreign != payload
    forged = b"briefing-store-1\n" + hashlib.sha256(foreign).hexdigest().encode() + b"\n" + foreign  # sound checksum, unsound value
    for damaged in (data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), b"\x80\x04K\x01.", forged):
        entry.write_bytes(damaged)
        reader = stored(tmp_path)
        assert (reader.recall(PAGE, "a.md", "k") if kind == "page" else reader.recall(PARSED, "a.md", "k")) is None
        assert sum(reader.store.rejected.values()) == 1, damaged[:40]
        close_store(reader.store)


def test_stored_related_lists_come_back_equal_and_follow_the_entries(tmp_path: Path) -> None:
    corpus = load_corpus(Settings(REPO))
    computed = build_index(corpus).related

    def index_with_store() -> tuple[dict[str, list[Article]], int]:
        counted = Counted(stored(tmp_path))
        related = build_index(corpus, counted).related
        close_store(counted.reuse.store)  # type: ignore[attr-defined]
        return related, counted.found[RELATED.name]

    assert index_with_store() == (computed, 0)
    assert index_with_store() == (computed, 1)
    # an article's title does not move it in any list; another actor does
    retitled = dataclasses.replace(corpus.articles[3], title="Another title")
    corpus.articles[3] = retitled
    assert index_with_store()[1] == 1
    corpus.articles[3] = dataclasses.replace(retitled, actors=(*retitled.actors, "wang-yi"))
    assert index_with_store() == (build_index(corpus).related, 0)


@pytest.mark.parametrize("value", [[[0], [1]], [[0], [1], [7]], [[0], [1], [-1]]], ids=str)
def test_related_lists_that_do_not_fit_the_corpus_are_a_miss(tmp_path: Path, value: list[list[int]]) -> None:
    """Three articles: two lists are too few; position 7 and -1 are outside."""
    corpus = load_corpus(Settings(REPO))
    articles = corpus.articles[:3]
    writer = stored(tmp_path)
    writer.keep(RELATED, "related", "k", value)
    close_store(writer.store)
    reader = Counted(stored(tmp_path))
    computed = related_articles(articles, [[] for _ in articles], [[] for _ in articles], {}, reader)
    assert reader.found[RELATED.name] == 0 or computed == {a.uri: [] for a in articles}


@pytest.mark.parametrize("payload", [b'[[0],[1],["2"]]', b"[[0],[1],[true]]", b"[[0],[1],2]", b'{"a":1}'], ids=str)
def test_unsound_related_lists_are_a_miss(tmp_path: Path, payload: bytes) -> None:
    writer = stored(tmp_path)
    writer.store.put(digest("env", "related", "k"), payload)
    close_store(writer.store)
    reader = stored(tmp_path)
    assert reader.recall(RELATED, "related", "k") is None and reader.store.rejected["articles"] == 1


def test_parsed_articles_are_snapshots_each_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    # keys whose entries land in two different snapshots (by the first digit of their salted key)
    keys = [f"k{n}" for n in range(40)]
    a = keys[0]
    b = next(k for k in keys if digest("env", k)[0] != digest("env", a)[0])

    def snapshots() -> dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in entry_files(tmp_path)}

    writer = stored(tmp_path)
    writer.keep(PARSED, "a.md", a, (ARTICLE, []))
    writer.keep(PARSED, "b.md", b, (dataclasses.replace(ARTICLE, title="B"), []))
    writer.flush()
    writer.store.prune()
    close_store(writer.store)
    written = snapshots()
    assert len(written) == 2
    same = stored(tmp_path)
    assert same.recall(PARSED, "a.md", a) is not None and same.recall(PARSED, "b.md", b) is not None
    same.flush()
    same.store.prune()
    close_store(same.store)
    assert snapshots() == written  # nothing changed: nothing written
    edited = stored(tmp_path)
    assert edited.recall(PARSED, "a.md", a) is not None
    edited.keep(PARSED, "b.md", b, (dataclasses.replace(ARTICLE, title="B, edited"), []))  # parsed again: its file changed
    edited.flush()
    edited.store.prune()
    close_store(edited.store)
    assert len([p for p, mtime in snapshots().items() if written.get(p) != mtime]) == 1  # only the snapshot holding it
    fewer = stored(tmp_path)
    assert fewer.recall(PARSED, "a.md", a) is not None  # the other was deleted
    fewer.flush()
    fewer.store.prune()
    close_store(fewer.store)
    after = stored(tmp_path)
    assert after.recall(PARSED, "a.md", a) is not None and after.recall(PARSED, "b.md", b) is None


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


def test_random_edit_sequences_built_with_the_store_give_the_pages_of_a_fresh_run(make_project) -> None:
    """Titles, dates, actors, bodies, registry aliases, deletions and new files, in random order:
    after each, a build with the store (filled by the builds before) equals a build without it."""
    project = make_project(small_corpus())
    rng = random.Random(11)
    actors = ["Xi Jinping", "Vladimir Putin", "China", "Russia", "NATO"]
    settings = Settings(root=project, now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
    for step in range(30):
        files = sorted((project / "articles").rglob("*.md"))
        action = rng.choice(["title", "date", "actors", "body", "alias", "delete", "add"] if len(files) > 2 else ["add"])
        if action == "add":
            path = project / f"articles/2024/2024-0{rng.randint(1, 9)}-{rng.randint(1, 28):02d}-new-{step}.md"
            path.write_text(write_article_md(title=f"New {step}", date=path.name[:10], actors=rng.sample(actors, 2)), encoding="utf-8")
        elif action == "delete":
            rng.choice(files).unlink()
        elif action == "alias":
            registry = project / "data" / "actors.yml"
            registry.write_text(registry.read_text(encoding="utf-8").replace("aliases: [Putin", f"aliases: [Putin, Putin {step}", 1))
        else:
            path = rng.choice(files)
            text = path.read_text(encoding="utf-8")
            text = {
                "title": lambda: text.replace('title: "', f'title: "Step {step} ', 1),
                "date": lambda: text.replace("date: 2024-", "date: 2023-", 1),
                "actors": lambda: text.replace("actors:\n", f"actors:\n  - {rng.choice(actors)}\n", 1),
                "body": lambda: text + f"\nA sentence of step {step} about Xi Jinping.\n",
            }[action]()
            path.write_text(text, encoding="utf-8")
        reuse = stored(project.parent / "cache")
        warm = build_pages(settings, RenderOptions(), True, reuse=reuse)
        if warm.ok:
            reuse.flush()
        reuse.store.prune()
        close_store(reuse.store)
        fresh = build_pages(settings, RenderOptions(), True)
        assert [(p.uri, p.file_text) for p in warm.pages] == [(p.uri, p.file_text) for p in fresh.pages], f"after step {step} ({action})"
        assert [p.format() for p in warm.corpus.log.sorted()] == [p.format() for p in fresh.corpus.log.sorted()]
