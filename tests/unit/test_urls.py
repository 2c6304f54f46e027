"""urls: where every page lives and how pages link to each other."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from briefing.model.entities import Article, Topic
from briefing.model.urls import HOME, TIMELINE, article_uri, collection_index_uri, entity_uri, entity_uri_for, page_url, relative_link


def make_article(slug: str, date: dt.date) -> Article:
    return Article(
        source_path=f"articles/{slug}.md",
        slug=slug,
        title="T",
        date=date,
        region="asia",
        actors=(),
        topics=(),
        summary=None,
        body="",
    )


def test_constants() -> None:
    assert (HOME, TIMELINE) == ("index.md", "timeline.md")


@pytest.mark.parametrize(
    ("date", "uri"),
    [
        (dt.date(2024, 5, 15), "articles/2024/05/xi-putin.md"),
        (dt.date(2023, 12, 1), "articles/2023/12/xi-putin.md"),
    ],
)
def test_article_uri_uses_year_month_and_slug(date: dt.date, uri: str) -> None:
    assert article_uri(make_article("xi-putin", date)) == uri


def test_article_uri_ignores_title_and_source_path() -> None:
    a = make_article("same", dt.date(2024, 5, 1))
    b = dataclasses.replace(a, title="Another headline", source_path="elsewhere/2024-05-30-x.md")

    assert article_uri(a) == article_uri(b) == "articles/2024/05/same.md"


def test_entity_uris() -> None:
    topic = Topic(collection="topics", id="trade", name="Trade", aliases=(), description="d", source_path="data/topics.yml", source_line=1)

    assert entity_uri(topic) == "topics/trade.md"
    assert entity_uri_for("actors", "xi-jinping") == "actors/xi-jinping.md"
    assert collection_index_uri("regions") == "regions/index.md"


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("index.md", "actors/xi-jinping.md", "actors/xi-jinping.md"),
        ("actors/xi-jinping.md", "actors/china.md", "china.md"),
        ("actors/xi-jinping.md", "topics/trade.md", "../topics/trade.md"),
        ("articles/2024/05/a.md", "actors/xi-jinping.md", "../../../actors/xi-jinping.md"),
        ("articles/2024/05/a.md", "articles/2024/04/b.md", "../04/b.md"),
        ("articles/2024/05/a.md", "articles/2023/12/c.md", "../../2023/12/c.md"),
        ("articles/2024/05/a.md", "articles/2024/05/b.md", "b.md"),
        ("actors/xi-jinping.md", "index.md", "../index.md"),
        ("timeline.md", "timeline.md", "timeline.md"),
    ],
)
def test_relative_link(source: str, target: str, link: str) -> None:
    assert relative_link(source, target) == link


@pytest.mark.parametrize(
    ("uri", "url"),
    [
        ("index.md", ""),
        ("timeline.md", "timeline/"),
        ("actors/index.md", "actors/"),
        ("actors/xi-jinping.md", "actors/xi-jinping/"),
        ("articles/2024/05/summit.md", "articles/2024/05/summit/"),
        ("articles/2024/05/index.md", "articles/2024/05/"),
        ("reindex.md", "reindex/"),
        ("topics/reindex.md", "topics/reindex/"),
    ],
)
def test_page_url(uri: str, url: str) -> None:
    assert page_url(uri) == url
