"""Newsroom metadata in the core: authors and their registry, updates and corrections, scheduled
publication (the build's clock), and what pages, feeds and exports make of them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from briefing.load.corpus import load_corpus
from briefing.model.clock import ClockError, build_time
from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from tests.support.atom import NS, atom_problems
from tests.support.factories import small_corpus, write_article_md, write_project

UTC = dt.timezone.utc
AUTHORS_YML = """\
jane-doe:
  name: Jane Doe
  aliases: [J. Doe]
  role: Senior analyst
  affiliation: Example Wire
  bio: Covers East Asia.
  links:
    - {name: Website, url: "https://example.org/jane"}
  wikidata: Q42
john-roe:
  name: John Roe
  role: Editor
"""


def project(tmp_path: Path, articles: dict[str, str], authors: str | None = AUTHORS_YML) -> Path:
    root = write_project(tmp_path / "project", articles)
    if authors is not None:
        (root / "data" / "authors.yml").write_text(authors, encoding="utf-8")
    return root


def load(tmp_path: Path, articles: dict[str, str], now: dt.datetime, authors: str | None = AUTHORS_YML, **settings):
    return load_corpus(Settings(root=project(tmp_path, articles, authors), now=now, **settings))


def problems(corpus) -> list[str]:
    return [p.format() for p in corpus.log.sorted()]


def errors(corpus) -> list[str]:
    """The errors only (the tiny projects leave registry entries unused: warnings)."""
    return [p.format() for p in corpus.log.sorted() if p.severity.value == "error"]


NOW = dt.datetime(2024, 7, 1, tzinfo=UTC)


# ------------------------------------------------------------------ authors


def test_authors_resolve_by_id_name_or_alias_in_the_bylines_order(tmp_path: Path) -> None:
    corpus = load(tmp_path, {"2024-05-15-a.md": write_article_md(extra="authors: [J. Doe, john-roe]")}, NOW)
    assert errors(corpus) == []
    [article] = corpus.articles
    assert article.authors == ("jane-doe", "john-roe")
    jane = corpus.authors["jane-doe"]
    assert (jane.role, jane.affiliation, jane.description, jane.links, jane.wikidata) == (
        "Senior analyst",
        "Example Wire",
        "Covers East Asia.",
        (("Website", "https://example.org/jane"),),
        "Q42",
    )


def test_an_unknown_author_gets_a_did_you_mean_on_its_line(tmp_path: Path) -> None:
    corpus = load(tmp_path, {"2024-05-15-a.md": write_article_md(extra="authors:\n  - Jane Do")}, NOW)
    assert errors(corpus) == ["articles/2024-05-15-a.md:10:5: authors: unknown author 'Jane Do' (did you mean 'Jane Doe'?)"]


def test_without_an_authors_file_a_byline_is_an_error_and_a_site_without_bylines_is_fine(tmp_path: Path) -> None:
    signed = load(tmp_path / "a", {"2024-05-15-a.md": write_article_md(extra="authors: [Jane Doe]")}, NOW, authors=None)
    assert errors(signed) == [
        "articles/2024-05-15-a.md:9:11: authors: unknown author 'Jane Doe'; add it to authors.yml or check the spelling"
    ]
    unsigned = load(tmp_path / "b", small_corpus(), NOW, authors=None)
    assert unsigned.ok and unsigned.authors == {}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("  wikidata: q42\n", "data/authors.yml:3:13: x.wikidata: write the Wikidata id alone, as 'Q42'"),
        ("  wikidata: https://www.wikidata.org/wiki/Q42\n", "data/authors.yml:3:13: x.wikidata: write the Wikidata id alone, as 'Q42'"),
        ("  wikidata: Q0\n", "data/authors.yml:3:13: x.wikidata: must be a Wikidata item id: Q followed by digits, e.g. Q15031"),
        (
            "  links: [{name: Site, url: ftp://example.org/x}]\n",
            "data/authors.yml:3:29: x.links.url: must be a web address starting with http:// or https://",
        ),
        ("  affilation: Wire\n", "data/authors.yml:3:3: x.affilation: unknown field 'affilation' (did you mean 'affiliation'?)"),
    ],
)
def test_authors_registry_is_validated_like_the_others(tmp_path: Path, entry: str, expected: str) -> None:
    corpus = load(tmp_path, small_corpus(), NOW, authors="x:\n  name: X\n" + entry)
    assert expected in problems(corpus), problems(corpus)


def test_a_wikidata_id_on_an_actor_is_checked(tmp_path: Path) -> None:
    from tests.support.factories import ACTORS_YML

    root = write_project(
        tmp_path / "p",
        small_corpus(),
        actors=ACTORS_YML.replace(
            "  description: The North Atlantic alliance.\n", "  description: The North Atlantic alliance.\n  wikidata: NATO\n"
        ),
    )
    corpus = load_corpus(Settings(root=root, now=NOW))
    assert "data/actors.yml:28:13: nato.wikidata: must be a Wikidata item id: Q followed by digits, e.g. Q15031" in errors(corpus)


# ------------------------------------------------------------------ updates and corrections

CORRECTED = """\
updated: 2024-05-20
corrections:
  - date: 2024-05-18
    text: An earlier version misspelt a name.
  - date: 2024-05-16
    text: The date of the meeting was wrong."""


def test_updates_and_corrections_are_read_oldest_first(tmp_path: Path) -> None:
    corpus = load(tmp_path, {"2024-05-15-a.md": write_article_md(extra=CORRECTED)}, NOW)
    [article] = corpus.articles
    assert article.updated == dt.date(2024, 5, 20)
    assert [(c.date.isoformat(), c.text) for c in article.corrections] == [
        ("2024-05-16", "The date of the meeting was wrong."),
        ("2024-05-18", "An earlier version misspelt a name."),
    ]
    assert article.modified == dt.date(2024, 5, 20) and article.last_modified == dt.date(2024, 5, 20)


def test_an_update_or_correction_before_publication_is_an_error_on_its_line(tmp_path: Path) -> None:
    extra = "updated: 2024-05-14\ncorrections:\n  - {date: 2024-05-01, text: Oops.}\n  - {date: 2024-05-15}"
    corpus = load(tmp_path, {"2024-05-15-a.md": write_article_md(extra=extra)}, NOW)
    assert errors(corpus) == ["articles/2024-05-15-a.md:12:5: corrections.text: required field is missing"]
    corpus = load(tmp_path / "again", {"2024-05-15-a.md": write_article_md(extra=extra.rsplit("\n", 1)[0])}, NOW)
    assert errors(corpus) == [
        "articles/2024-05-15-a.md:9:10: updated: 2024-05-14 is before the article's date (2024-05-15); an update comes after publication",
        "articles/2024-05-15-a.md:11:12: corrections.date: 2024-05-01 is before the article's date (2024-05-15); a correction comes after publication",
    ]


# ------------------------------------------------------------------ scheduled publication

SCHEDULED = {
    "2024-05-15-past.md": write_article_md(title="Past", actors=["Xi Jinping", "Vladimir Putin"]),
    "2024-07-02-timed.md": write_article_md(title="Timed", date="2024-07-02T09:30:00+02:00", actors=["Xi Jinping", "Vladimir Putin"]),
    "2024-07-03-day.md": write_article_md(title="Day", date="2024-07-03", actors=["Xi Jinping", "NATO"]),
}


def titles(corpus) -> list[str]:
    return [a.title for a in corpus.articles]


def test_an_article_is_published_when_its_time_comes_in_its_zone(tmp_path: Path) -> None:
    before = load(tmp_path / "1", SCHEDULED, dt.datetime(2024, 7, 2, 7, 29, 59, tzinfo=UTC))
    at = load(tmp_path / "2", SCHEDULED, dt.datetime(2024, 7, 2, 7, 30, tzinfo=UTC))  # 09:30 at UTC+02:00
    assert errors(before) == [] and titles(before) == ["Past"]
    assert [(a.title, a.publication_time.isoformat()) for a in before.scheduled] == [
        ("Timed", "2024-07-02T09:30:00+02:00"),
        ("Day", "2024-07-03T00:00:00+00:00"),  # a plain date: from midnight UTC
    ]
    assert titles(at) == ["Past", "Timed"] and [a.title for a in at.scheduled] == ["Day"]
    timed = at.articles[1]
    assert (timed.date, timed.uri) == (dt.date(2024, 7, 2), "articles/2024/07/timed.md")  # the day as written


def test_a_scheduled_article_leaves_no_trace_in_the_site(tmp_path: Path) -> None:
    """No page, list entry, feed entry, count or tie: the site is the one without the file."""
    now = dt.datetime(2024, 7, 1, tzinfo=UTC)
    with_file = build_pages(Settings(root=project(tmp_path / "with", SCHEDULED), now=now))
    without = {k: v for k, v in SCHEDULED.items() if k.startswith("2024-05")}
    without_file = build_pages(Settings(root=project(tmp_path / "without", without), now=now))
    assert with_file.ok and without_file.ok
    assert {p.uri: p.file_text for p in with_file.pages} == {p.uri: p.file_text for p in without_file.pages}


def test_a_preview_shows_scheduled_articles_marked_as_such(tmp_path: Path) -> None:
    result = build_pages(Settings(root=project(tmp_path, SCHEDULED), now=NOW, preview_scheduled=True))
    pages = {p.uri: p.file_text for p in result.pages}
    assert [a.scheduled for a in result.corpus.articles] == [False, True, True]
    assert "<strong>Scheduled:</strong> published on 2 July 2024, 09:30 (UTC+02:00)." in pages["articles/2024/07/timed.md"]
    assert '<span class="bf-scheduled">Scheduled</span> · <strong>3 July 2024</strong>' in pages["index.md"]
    assert "Scheduled" not in pages["articles/2024/05/past.md"]


def test_implausible_future_dates_keep_their_warning(tmp_path: Path) -> None:
    corpus = load(tmp_path, {**small_corpus(), "2024-05-15-typo.md": write_article_md(date="2204-05-15")}, NOW)
    assert (
        "articles/2024-05-15-typo.md:3:7: warning: date: 2204-05-15 is more than 50 years from most articles (2024); is the year right?"
        in problems(corpus)
    )
    assert [a.slug for a in corpus.scheduled] == ["typo"]


def test_drafts_are_not_scheduled(tmp_path: Path) -> None:
    corpus = load(tmp_path, {"2024-08-01-d.md": write_article_md(date="2024-08-01", extra="draft: true")}, NOW)
    assert (corpus.articles, corpus.scheduled, [a.slug for a in corpus.drafts]) == ([], [], ["d"])


def test_the_clock_is_source_date_epoch_else_the_system_clock() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": "1719792000"}) == dt.datetime(2024, 7, 1, tzinfo=UTC)
    assert abs(build_time({}) - dt.datetime.now(UTC)) < dt.timedelta(seconds=5)
    with pytest.raises(ClockError, match="not a time"):
        build_time({"SOURCE_DATE_EPOCH": "2024-07-01"})


def test_a_malformed_source_date_epoch_stops_the_build_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    corpus = load_corpus(Settings(root=project(tmp_path, small_corpus())))
    assert problems(corpus) == [
        "SOURCE_DATE_EPOCH: 'yesterday' is not a time; write the whole seconds since 1970-01-01 UTC (e.g. 1735689600), or unset it"
    ]


# ------------------------------------------------------------------ what pages, feeds and exports make of them


@pytest.fixture
def newsroom_site(tmp_path: Path):
    articles = small_corpus()
    articles["2024/2024-06-10-signed.md"] = write_article_md(
        title="Signed </script><script>alert(1)</script>",
        date="2024-06-10",
        actors=["Xi Jinping", "NATO"],
        extra="authors: [Jane Doe, John Roe]\nsource: {name: Example Wire, url: https://example.org/s}\n"
        + CORRECTED.replace("2024-05", "2024-06"),
    )
    result = build_pages(Settings(root=project(tmp_path, articles), now=NOW), RenderOptions(site_url="https://example.org/site/"))
    assert result.ok, problems(result.corpus)
    return result


def test_article_page_has_its_byline_update_and_each_correction_with_its_date(newsroom_site) -> None:
    page = {p.uri: p.file_text for p in newsroom_site.pages}["articles/2024/06/signed.md"]
    assert (
        '<p class="bf-byline">By <a href="../../../../authors/jane-doe/">Jane Doe</a> and <a href="../../../../authors/john-roe/">John Roe</a></p>'
        in page
    )
    assert '<strong>Updated:</strong> <time datetime="2024-06-20">20 June 2024</time> · <a href="#corrections">2 corrections</a>' in page
    assert (
        '<li id="correction-2024-06-16"><p class="bf-correction-date"><strong>Correction, <time datetime="2024-06-16">16 June 2024</time>'
        "</strong></p><p>The date of the meeting was wrong.</p></li>"
    ) in page


def test_lists_carry_bylines_and_authors_have_pages_feeds_and_an_index(newsroom_site) -> None:
    pages = {p.uri: p.file_text for p in newsroom_site.pages}
    assert '<p class="bf-byline">By <a href="authors/jane-doe/">Jane Doe</a>' in pages["index.md"].split("## Most covered")[0]
    jane = pages["authors/jane-doe.md"]
    assert jane.startswith("---\n") and "# Jane Doe\n" in jane and "*Senior analyst · Example Wire*" in jane
    assert "## Briefings (1)" in jane and '<a href="https://example.org/jane" rel="me noopener">Website</a>' in jane
    assert "search/?author=Jane+Doe" in jane
    assert "[Jane Doe](jane-doe.md)" not in pages["authors/index.md"]  # an HTML list, with counts
    assert "Jane Doe</a> (1 briefing) · Senior analyst, Example Wire" in pages["authors/index.md"]
    feed = etree.fromstring(pages["feeds/authors/jane-doe.xml"].encode("utf-8"))
    assert atom_problems(etree.tostring(feed)) == []
    assert [e.findtext("atom:title", namespaces=NS) for e in feed.findall("atom:entry", NS)] == [
        "Signed </script><script>alert(1)</script>"
    ]


def test_feed_entries_are_signed_by_their_authors_and_carry_their_update(newsroom_site) -> None:
    feed = etree.fromstring({p.uri: p.file_text for p in newsroom_site.pages}["feeds/all.xml"].encode("utf-8"))
    entries = {e.findtext("atom:title", namespaces=NS): e for e in feed.findall("atom:entry", NS)}
    signed = entries["Signed </script><script>alert(1)</script>"]
    assert [a.findtext("atom:name", namespaces=NS) for a in signed.findall("atom:author", NS)] == ["Jane Doe", "John Roe"]
    assert signed.findtext("atom:author/atom:uri", namespaces=NS) == "https://example.org/site/authors/jane-doe/"
    assert (signed.findtext("atom:published", namespaces=NS), signed.findtext("atom:updated", namespaces=NS)) == (
        "2024-06-10T00:00:00+00:00",
        "2024-06-20T00:00:00+00:00",
    )
    assert feed.findtext("atom:updated", namespaces=NS) == "2024-06-20T00:00:00+00:00"  # the newest change in it


def test_the_corrections_page_and_feed_list_every_correction_newest_first(newsroom_site) -> None:
    pages = {p.uri: p.file_text for p in newsroom_site.pages}
    listed = pages["corrections.md"]
    assert listed.index("18 June 2024") < listed.index("16 June 2024")
    assert 'href="../articles/2024/06/signed/#correction-2024-06-18"' in listed
    assert "Signed &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in listed
    feed = etree.fromstring(pages["feeds/corrections.xml"].encode("utf-8"))
    assert atom_problems(etree.tostring(feed)) == []
    assert [e.findtext("atom:id", namespaces=NS) for e in feed.findall("atom:entry", NS)] == [
        "https://example.org/site/articles/2024/06/signed/#correction-2024-06-18",
        "https://example.org/site/articles/2024/06/signed/#correction-2024-06-16",
    ]


def test_the_article_json_ld_is_a_news_article_made_of_data(newsroom_site) -> None:
    page = {p.uri: p for p in newsroom_site.pages}["articles/2024/06/signed.md"]
    text = json.loads(page.file_text.split("\n")[1])["briefing"]["jsonld"]  # the front matter is JSON
    assert "<" not in text and ">" not in text and "&" not in text and "\\u003c/script\\u003e" in text
    data = json.loads(text)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Signed </script><script>alert(1)</script>"
    assert (data["datePublished"], data["dateModified"]) == ("2024-06-10", "2024-06-20")
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Jane Doe",
            "url": "https://example.org/site/authors/jane-doe/",
            "sameAs": ["https://www.wikidata.org/wiki/Q42", "https://example.org/jane"],
        },
        {"@type": "Person", "name": "John Roe", "url": "https://example.org/site/authors/john-roe/"},
    ]
    assert data["isBasedOn"] == {"@type": "CreativeWork", "name": "Example Wire", "url": "https://example.org/s"}
    assert [a["name"] for a in data["about"]] == ["Xi Jinping", "NATO"]


def test_exports_gain_authors_updates_and_corrections(newsroom_site) -> None:
    files = {p.uri: p.file_text for p in newsroom_site.pages}
    data = json.loads(files["briefing.json"])
    signed = next(a for a in data["articles"] if a["title"].startswith("Signed"))
    assert (signed["authors"], signed["updated"]) == (["jane-doe", "john-roe"], "2024-06-20")
    assert signed["corrections"] == [
        {"date": "2024-06-16", "text": "The date of the meeting was wrong."},
        {"date": "2024-06-18", "text": "An earlier version misspelt a name."},
    ]
    assert [a["id"] for a in data["authors"]] == ["jane-doe", "john-roe"] and data["authors"][0]["article_count"] == 1
    row = next(r for r in csv.DictReader(io.StringIO(files["articles.csv"])) if r["title"].startswith("Signed"))
    assert (row["authors"], row["updated"]) == ("jane-doe;john-roe", "2024-06-20")
    assert row["corrections"] == "2024-06-16: The date of the meeting was wrong.\n2024-06-18: An earlier version misspelt a name."


def test_every_page_gets_the_day_what_it_shows_last_changed(newsroom_site) -> None:
    lastmod = newsroom_site.lastmod
    assert lastmod["articles/2024/06/signed.md"] == dt.date(2024, 6, 20)
    assert lastmod["articles/2024/03/summit.md"] == dt.date(2024, 3, 1)
    assert lastmod["authors/jane-doe.md"] == dt.date(2024, 6, 20)
    assert lastmod["actors/russia.md"] == dt.date(2024, 4, 10)  # its newest briefing
    assert lastmod["index.md"] == lastmod["search.md"] == dt.date(2024, 6, 20)  # the site's newest change
    assert set(lastmod) == {p.uri for p in newsroom_site.pages if p.uri.endswith(".md")}


# ------------------------------------------------------------------ briefing new


def test_briefing_new_writes_the_byline_dated_by_the_builds_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml
    from click.testing import CliRunner

    from briefing.cli.commands import cli
    from tests.support.project import copy_demo_project

    demo = copy_demo_project(tmp_path / "demo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719792000")  # 2024-07-01
    args = [
        "new",
        "-f",
        str(demo / "mkdocs.yml"),
        "Kim visits Moscow",
        "--region",
        "Korea",
        "--author",
        "M. Kovač",
        "--author",
        "daniel-osei",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    written = demo / "articles/2024/2024-07-01-kim-visits-moscow.md"
    front = yaml.safe_load(written.read_text(encoding="utf-8").split("---\n")[1])
    assert (front["date"], front["authors"]) == (dt.date(2024, 7, 1), ["Mira Kovač", "Daniel Osei"])
    refused = CliRunner().invoke(cli, [*args[:-4], "--author", "Mira Kovac Jr"])
    assert refused.exit_code == 2 and "--author: unknown author 'Mira Kovac Jr' (did you mean 'Mira Kovač'?)" in refused.output
