"""render.feeds: every feed and entry has an author, as RFC 4287 requires."""

from __future__ import annotations

from lxml import etree

from briefing.index.corpus_index import build_index
from briefing.load.corpus import load_corpus
from briefing.model.settings import Settings
from briefing.render.site import RenderOptions, render_site
from tests.support.atom import NS, atom_problems
from tests.support.factories import small_corpus, write_article_md, write_project


def _feeds(tmp_path, options: RenderOptions) -> dict[str, etree._Element]:
    articles = small_corpus()
    articles["2024/2024-06-01-wire.md"] = write_article_md(
        title="From the wire", date="2024-06-01", extra="source: {name: Example <Wire> & Co, url: https://example.org/story}"
    )
    corpus = load_corpus(Settings(root=write_project(tmp_path / "project", articles)))
    assert corpus.ok
    pages = render_site(build_index(corpus), options)
    return {p.uri: etree.fromstring(p.content.encode("utf-8")) for p in pages if p.uri.startswith("feeds/")}


def _entry_authors(feed: etree._Element) -> dict[str, str | None]:
    return {
        e.findtext("atom:title", namespaces=NS): e.findtext("atom:author/atom:name", namespaces=NS) for e in feed.findall("atom:entry", NS)
    }


def test_feeds_are_signed_by_the_site_author_and_entries_by_their_source(tmp_path) -> None:
    feeds = _feeds(tmp_path, RenderOptions(site_name="World Desk", site_author="The Analysts"))
    assert feeds and all(feed.findtext("atom:author/atom:name", namespaces=NS) == "The Analysts" for feed in feeds.values())
    authors = _entry_authors(feeds["feeds/all.xml"])
    assert authors["From the wire"] == "Example <Wire> & Co"  # text, escaped by the XML writer
    assert authors["Xi and Putin meet"] is None  # no source: the feed's author stands for it
    for uri, feed in feeds.items():
        assert atom_problems(etree.tostring(feed)) == [], uri


def test_without_a_site_author_the_site_name_signs_the_feeds(tmp_path) -> None:
    feeds = _feeds(tmp_path, RenderOptions(site_name="World Desk"))
    assert {feed.findtext("atom:author/atom:name", namespaces=NS) for feed in feeds.values()} == {"World Desk"}
