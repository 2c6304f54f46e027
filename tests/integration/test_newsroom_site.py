"""The demo site's newsroom metadata as readers and crawlers meet it: author pages and their feeds,
the article's update and correction, the Corrections page, the scheduled article before and after
its time (the clock set with SOURCE_DATE_EPOCH), schema.org JSON-LD read with extruct, and the
sitemap's lastmod."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree

import extruct
import feedparser
import pytest
from lxml import etree

from tests.support.atom import NS, atom_problems
from tests.support.clock import DEMO_SCHEDULED_AT, SUITE_NOW, epoch
from tests.support.oracle import read_corpus
from tests.support.pagefind import pagefind_pages
from tests.support.site import REPO, mkdocs_build, page_file, soup, text_of

SCHEDULED_URL = "articles/2027/09/eastern-economic-forum-preview"
CORRECTED_URL = "articles/2024/05/xi-putin-beijing"
UPDATED_URL = "articles/2024/06/putin-kim-pyongyang-treaty"
SITE_URL = "https://example.github.io/briefing/"


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hosted demo site built at the suite's clock, months before the scheduled article."""
    site = tmp_path_factory.mktemp("before")
    result = mkdocs_build(REPO, site, offline=False)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same files built the minute the scheduled article is due."""
    site = tmp_path_factory.mktemp("after")
    result = mkdocs_build(REPO, site, offline=False, env={"SOURCE_DATE_EPOCH": epoch(DEMO_SCHEDULED_AT)})
    assert result.returncode == 0, result.stderr
    return site


def sitemap(site: Path) -> dict[str, str]:
    """loc -> lastmod."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(site / "sitemap.xml")
    return {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.getroot().findall("s:url", ns)}


def json_ld(site: Path, url: str) -> list[dict]:
    html = page_file(site, url).read_text(encoding="utf-8")
    return extruct.extract(html, base_url=SITE_URL + url + "/", syntaxes=["json-ld"], uniform=True)["json-ld"]


# ------------------------------------------------------------------ scheduled publication


def test_the_scheduled_article_is_absent_until_its_time(before: Path) -> None:
    assert not (before / SCHEDULED_URL).exists()
    everything = [p for p in before.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".txt")]
    mentioning = [p.relative_to(before).as_posix() for p in everything if "eastern-economic-forum" in p.read_text(encoding="utf-8")]
    assert mentioning == []  # no page, list entry, feed entry, sitemap entry, export row or link
    assert not [url for url in pagefind_pages(before) if "eastern-economic-forum" in url]  # no search record
    home = text_of(soup(page_file(before, "")).select_one("article"))
    assert "9 briefings from 22 March 2023 to 25 July 2024" in home
    mira = soup(page_file(before, "authors/mira-kovac"))
    assert next(text_of(h) for h in mira.find_all("h2")) == "Briefings (2)"


def test_the_scheduled_article_appears_on_time_everywhere(after: Path) -> None:
    page = soup(page_file(after, SCHEDULED_URL))
    assert text_of(page.find("h1")) == "Eastern Economic Forum Preview: What to Watch in Vladivostok"
    assert page.select_one(".bf-scheduled-note") is None  # published, no longer a preview
    assert SITE_URL + SCHEDULED_URL + "/" in sitemap(after)
    feed = feedparser.parse((after / "feeds/all.xml").read_bytes())
    entry = next(e for e in feed.entries if "Eastern Economic Forum" in e.title)
    assert (entry.published, [a.name for a in entry.authors]) == ("2027-09-01T08:00:00+02:00", ["Mira Kovač"])
    assert any("eastern-economic-forum" in url for url in pagefind_pages(after))
    home = text_of(soup(page_file(after, "")).select_one("article"))
    assert "10 briefings from 22 March 2023 to 1 September 2027" in home
    data = json.loads((after / "briefing.json").read_text(encoding="utf-8"))
    assert SCHEDULED_URL + "/" in {a["url"] for a in data["articles"]}
    assert {a.url for a in read_corpus(REPO, DEMO_SCHEDULED_AT)} == {a["url"].rstrip("/") for a in data["articles"]}


# ------------------------------------------------------------------ authors, updates, corrections


def test_an_article_shows_its_byline_update_and_correction_with_its_date(before: Path) -> None:
    page = soup(page_file(before, CORRECTED_URL))
    byline = page.select_one("p.bf-byline")
    assert text_of(byline) == "By Daniel Osei" and byline.a["href"] == "../../../../authors/daniel-osei/"
    facts = {text_of(li).split(":")[0]: text_of(li) for li in page.select("ul.bf-facts li")}
    assert facts["Updated"] == "Updated: 16 May 2024 · 1 correction"
    [correction] = page.select("ol.bf-corrections li")
    assert correction["id"] == "correction-2024-05-16"
    date, text = correction.find_all("p")
    assert text_of(date) == "Correction, 16 May 2024" and date.time["datetime"] == "2024-05-16"
    assert text_of(text).startswith("An earlier version of this briefing said that Xi Jinping's visit")
    updated = soup(page_file(before, UPDATED_URL))
    assert {text_of(li) for li in updated.select("ul.bf-facts li")} >= {"Updated: 28 June 2024"}
    assert updated.select("ol.bf-corrections") == []


def test_the_corrections_page_links_each_correction_on_its_article(before: Path) -> None:
    page = soup(page_file(before, "corrections"))
    [row] = page.select("ul.bf-corrections-list li")
    assert text_of(row).startswith("16 May 2024 · Xi Jinping and Putin's Strategic Meeting in Beijing amidst Global Turmoil")
    assert row.a["href"] == "../articles/2024/05/xi-putin-beijing/#correction-2024-05-16"
    footer = soup(page_file(before, "actors/xi-jinping")).select_one(".bf-footer-links a")
    assert footer["href"] == "../../corrections/" and text_of(footer) == "Corrections"  # on every page
    feed = (before / "feeds/corrections.xml").read_bytes()
    assert atom_problems(feed) == []
    [entry] = feedparser.parse(feed).entries
    assert entry.link == SITE_URL + CORRECTED_URL + "/#correction-2024-05-16" and entry.updated.startswith("2024-05-16")


def test_an_author_page_lists_their_briefings_and_their_feed_has_them(before: Path) -> None:
    corpus = read_corpus(REPO)
    page = soup(page_file(before, "authors/daniel-osei"))
    listed = [a["href"] for a in page.select("h2 ~ ul.bf-briefings li > p:first-child > a:first-of-type")]
    expected = sorted((a for a in corpus if "daniel-osei" in a.authors), key=lambda a: a.published, reverse=True)
    assert [h.removeprefix("../../").rstrip("/") for h in listed] == [a.url for a in expected]
    assert text_of(page.select_one("p.bf-follow")).startswith("Follow: Atom feed of these briefings")
    feed = feedparser.parse((before / "feeds/authors/daniel-osei.xml").read_bytes())
    assert not feed.bozo and [e.title for e in feed.entries] == [a.title for a in expected]
    assert all("Daniel Osei" in [a.name for a in e.authors] for e in feed.entries)
    index = soup(page_file(before, "authors"))
    assert [text_of(li) for li in index.select("ul.bf-counted li")] == [
        "Daniel Osei (3 briefings) · Analyst, China and East Asia, Briefing desk",
        "Lena Hartmann (2 briefings) · Editor, Briefing desk",
        "Mira Kovač (2 briefings) · Senior analyst, Russia and Eurasia, Briefing desk",
    ]


def test_feed_entries_name_the_authors_else_the_source(before: Path) -> None:
    feed = feedparser.parse((before / "feeds/all.xml").read_bytes())
    by_title = {e.title: e for e in feed.entries}
    assert [a.name for a in by_title["Washington Sanctions Chinese Suppliers of Russia's Defense Industry"].authors] == [
        "Daniel Osei",
        "Lena Hartmann",
    ]
    xml = etree.fromstring((before / "feeds/all.xml").read_bytes())
    unsigned = next(
        e for e in xml.findall("atom:entry", NS) if e.findtext("atom:title", namespaces=NS).startswith("Chinese and Russian Bombers")
    )
    assert unsigned.findall("atom:author", NS) == []  # no byline, no source: the feed's author stands for it (RFC 4287)
    assert by_title["Putin and Kim Jong Un Sign Mutual Defense Treaty in Pyongyang"].updated.startswith("2024-06-28")


def test_the_sitemap_carries_each_pages_last_change(before: Path, after: Path) -> None:
    dates = sitemap(before)
    assert dates[SITE_URL + UPDATED_URL + "/"] == "2024-06-28"
    assert dates[SITE_URL + CORRECTED_URL + "/"] == "2024-05-16"
    assert dates[SITE_URL + "articles/2024/07/china-russia-bombers-alaska/"] == "2024-07-25"
    assert dates[SITE_URL + "actors/kim-jong-un/"] == "2024-06-28"  # its briefings' newest change
    assert dates[SITE_URL] == "2024-07-25"  # the site's newest change, not the day of the build
    assert dates[SITE_URL + "about/"] == SUITE_NOW.date().isoformat()  # a hand-written page: MkDocs' build date
    assert sitemap(after)[SITE_URL] == "2027-09-01"


# ------------------------------------------------------------------ structured data


GOOGLE_ARTICLE = ("headline", "datePublished", "dateModified", "author")  # Google's Article documentation


def test_an_article_page_carries_a_news_article(before: Path) -> None:
    [article] = json_ld(before, CORRECTED_URL)
    assert article["@type"] == "NewsArticle"
    assert all(article.get(name) for name in GOOGLE_ARTICLE), article
    assert article["headline"] == "Xi Jinping and Putin's Strategic Meeting in Beijing amidst Global Turmoil"
    assert (article["datePublished"], article["dateModified"]) == ("2024-05-15", "2024-05-16")
    assert article["author"] == [{"@type": "Person", "name": "Daniel Osei", "url": SITE_URL + "authors/daniel-osei/"}]
    assert article["publisher"] == {"@type": "Organization", "name": "Briefing", "url": SITE_URL}
    assert article["mainEntityOfPage"]["@id"] == article["url"] == SITE_URL + CORRECTED_URL + "/"
    about = {a["name"]: a for a in article["about"]}
    assert about["Xi Jinping"] == {
        "@type": "Person",
        "name": "Xi Jinping",
        "url": SITE_URL + "actors/xi-jinping/",
        "sameAs": "https://www.wikidata.org/wiki/Q15031",
    }
    assert about["NATO"]["@type"] == "Organization" and about["China"]["@type"] == "Country"
    assert (
        article["correction"] == [{"@type": "CorrectionComment", "datePublished": "2024-05-16", "text": article["correction"][0]["text"]}]
        and "Xi Jinping's visit" in article["correction"][0]["text"]
    )
    for name in ("datePublished", "dateModified"):
        dt.date.fromisoformat(article[name])  # ISO 8601


def test_entry_and_author_pages_carry_what_they_are(before: Path) -> None:
    [xi] = json_ld(before, "actors/xi-jinping")
    assert (xi["@type"], xi["name"], xi["sameAs"], xi["jobTitle"]) == (
        "Person",
        "Xi Jinping",
        "https://www.wikidata.org/wiki/Q15031",
        "President of the People's Republic of China and General Secretary of the Chinese Communist Party",
    )
    assert "President Xi" in xi["alternateName"]
    [nato] = json_ld(before, "actors/nato")
    [china] = json_ld(before, "actors/china")
    [region] = json_ld(before, "regions/east-asia")
    assert (nato["@type"], china["@type"], region["@type"]) == ("Organization", "Country", "Place")
    [profile] = json_ld(before, "authors/mira-kovac")
    assert profile["@type"] == "ProfilePage"
    person = profile["mainEntity"]
    assert (person["@type"], person["name"], person["jobTitle"], person["affiliation"]["name"]) == (
        "Person",
        "Mira Kovač",
        "Senior analyst, Russia and Eurasia",
        "Briefing desk",
    )
    assert person["sameAs"] == ["https://example.org/people/mira-kovac"]


def test_a_preview_build_marks_the_scheduled_article(tmp_path: Path) -> None:
    site = tmp_path / "preview"
    result = mkdocs_build(REPO, site, offline=False, env={"BRIEFING_PREVIEW_SCHEDULED": "true"})
    assert result.returncode == 0, result.stderr
    note = soup(page_file(site, SCHEDULED_URL)).select_one(".bf-scheduled-note")
    assert text_of(note).startswith("Scheduled: published on 1 September 2027, 08:00 (UTC+02:00).")
    home = soup(page_file(site, ""))
    flagged = [text_of(li.select_one("p")) for li in home.select("ul.bf-briefings li") if li.select_one(".bf-scheduled")]
    assert flagged == ["Scheduled · 1 September 2027 · Eastern Economic Forum Preview: What to Watch in Vladivostok"]
