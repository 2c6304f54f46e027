"""index.build_index: who and what appears where, with whom, and what is related."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from briefing.index.corpus_index import build_index, mentions
from briefing.index.related import RELATED_LIMIT

from .conftest import write_article_md


def slugs(articles) -> list[str]:
    return [a.slug for a in articles]


@pytest.fixture
def index(load, small_corpus_articles):
    corpus = load(small_corpus_articles)
    assert corpus.ok
    return build_index(corpus)


def by_slug(index, slug: str):
    return next(a for a in index.corpus.articles if a.slug == slug)


def test_articles_of_an_actor_oldest_first(index) -> None:
    assert slugs(index.articles_of[("actors", "xi-jinping")]) == ["summit", "sanctions"]
    assert slugs(index.articles_of[("actors", "vladimir-putin")]) == ["summit", "korea"]
    assert slugs(index.articles_newest_first(("actors", "vladimir-putin"))) == ["korea", "summit"]


def test_articles_of_topics(index) -> None:
    assert slugs(index.articles_of[("topics", "trade")]) == ["summit", "nato"]
    assert slugs(index.articles_of[("topics", "sanctions")]) == ["sanctions"]


def test_entity_without_articles(index) -> None:
    assert ("topics", "unused") not in index.articles_of
    assert index.articles_newest_first(("topics", "unused")) == []
    assert index.count(("topics", "unused")) == 0


def test_counts(index) -> None:
    assert index.count(("actors", "xi-jinping")) == 2
    assert index.count(("actors", "nato")) == 1
    assert index.count(("regions", "asia")) == 3


def test_region_articles_include_sub_region_articles(index) -> None:
    assert slugs(index.articles_of[("regions", "korean-peninsula")]) == ["korea"]
    assert slugs(index.articles_of[("regions", "east-asia")]) == ["summit", "korea"]
    assert slugs(index.articles_of[("regions", "asia")]) == ["summit", "korea", "sanctions"]
    assert slugs(index.articles_of[("regions", "europe")]) == ["nato"]


def test_region_trail_and_children(index) -> None:
    assert index.region_trail("korean-peninsula") == ["asia", "east-asia", "korean-peninsula"]
    assert index.region_trail("asia") == ["asia"]
    assert index.region_trail("nowhere") == []
    assert index.children == {"asia": ["east-asia"], "east-asia": ["korean-peninsula"]}


def test_mentions_lists_actors_topics_then_region_trail(index) -> None:
    assert mentions(by_slug(index, "korea"), index.corpus.regions) == [
        ("actors", "vladimir-putin"),
        ("actors", "russia"),
        ("topics", "china-russia-relations"),
        ("regions", "asia"),
        ("regions", "east-asia"),
        ("regions", "korean-peninsula"),
    ]


def test_cooccurrence_counts(index) -> None:
    putin = index.cooccurrence[("actors", "vladimir-putin")]

    assert dict(putin["actors"]) == {"xi-jinping": 1, "russia": 1}
    assert dict(putin["topics"]) == {"china-russia-relations": 2, "trade": 1}
    assert dict(putin["regions"]) == {"asia": 2, "east-asia": 2, "korean-peninsula": 1}
    assert "vladimir-putin" not in putin["actors"]


def test_neighbours_most_shared_first_then_by_id(index) -> None:
    assert index.neighbours(("regions", "asia"), "actors") == [
        ("vladimir-putin", 2),
        ("xi-jinping", 2),
        ("china", 1),
        ("russia", 1),
    ]
    assert index.neighbours(("actors", "nato"), "actors") == []
    assert index.neighbours(("topics", "unused"), "actors") == []


def test_actor_ties_name_each_pair_once_in_registry_order(index) -> None:
    assert list(index.actor_ties().items()) == [
        (("vladimir-putin", "xi-jinping"), 1),
        (("china", "xi-jinping"), 1),
        (("russia", "vladimir-putin"), 1),
    ]


def test_the_index_is_read_only_after_build(index) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        index.related = {}


def test_build_index_refuses_articles_the_loader_never_makes(index) -> None:
    """Related articles are read from places in date order: unsorted input, one URI twice or a
    time of day would give wrong lists, so they are refused, not handled by a slower path."""
    corpus = index.corpus
    summit, korea = corpus.articles[:2]
    for articles, message in [
        ([korea, summit], "not in date order"),
        ([summit, dataclasses.replace(summit, source_path="articles/twin.md")], "two articles at articles/2024/03/summit.md"),
        ([dataclasses.replace(summit, date=dt.datetime(2024, 3, 1, 12))], "has a time of day"),
    ]:
        with pytest.raises(ValueError, match=message):
            build_index(dataclasses.replace(corpus, articles=articles))


def test_previous_and_next_follow_dates_not_file_names(index) -> None:
    summit, korea, sanctions, nato = (by_slug(index, s) for s in ("summit", "korea", "sanctions", "nato"))

    assert index.previous_article(summit) is None
    assert index.next_article(summit) is korea
    assert index.previous_article(korea) is summit
    assert index.next_article(korea) is sanctions
    assert index.previous_article(nato) is sanctions
    assert index.next_article(nato) is None


def test_related_articles_ranked_by_shared_entries(index) -> None:
    # summit shares Putin (2) + a topic (1) + two regions (0.5 each) with korea, only Xi (2) + Asia with sanctions
    assert slugs(index.related["articles/2024/03/summit.md"]) == ["korea", "sanctions"]
    assert slugs(index.related["articles/2024/04/korea.md"]) == ["summit"]
    assert slugs(index.related["articles/2024/05/sanctions.md"]) == ["summit"]


def test_sharing_only_a_topic_or_region_is_not_enough(index) -> None:
    # nato shares only the topic Trade with summit: score 1 < one actor
    assert index.related["articles/2024/06/nato.md"] == []


def test_related_never_includes_the_article_itself(load) -> None:
    articles = {
        f"2024-05-{day:02d}-a{day}.md": write_article_md(
            date=f"2024-05-{day:02d}", actors=["Xi Jinping", "Vladimir Putin"], topics=["Trade"]
        )
        for day in range(1, 9)
    }
    index = build_index(load(articles))

    for article in index.corpus.articles:
        related = index.related[f"articles/2024/05/{article.slug}.md"]
        assert article not in related
        assert all(other is not article for other in related)
        assert len(related) == RELATED_LIMIT


def test_related_prefers_more_shared_then_nearer_in_time(load) -> None:
    articles = {
        "2024-05-10-target.md": write_article_md(
            date="2024-05-10", region="Europe", actors=["Xi Jinping", "Vladimir Putin"], topics=["Trade"]
        ),
        # one shared actor, 1 day away
        "2024-05-11-near-one.md": write_article_md(date="2024-05-11", region="Asia", actors=["Xi Jinping"], topics=[]),
        # two shared actors, 9 days away: ranked first
        "2024-05-01-far-two.md": write_article_md(date="2024-05-01", region="Asia", actors=["Xi Jinping", "Vladimir Putin"], topics=[]),
        # one shared actor, 5 days away: after near-one
        "2024-05-15-mid-one.md": write_article_md(date="2024-05-15", region="Asia", actors=["Vladimir Putin"], topics=[]),
        # same topic and region only: not related
        "2024-05-12-topic-only.md": write_article_md(date="2024-05-12", region="Europe", actors=["NATO"], topics=["Trade"]),
    }
    index = build_index(load(articles))

    assert slugs(index.related["articles/2024/05/target.md"]) == ["far-two", "near-one", "mid-one"]


def test_equal_score_and_distance_fall_back_to_uri(load) -> None:
    articles = {
        "2024-05-10-target.md": write_article_md(date="2024-05-10", region="Europe", actors=["Xi Jinping"], topics=[]),
        "2024-05-12-bravo.md": write_article_md(date="2024-05-12", region="Asia", actors=["Xi Jinping"], topics=[]),
        "2024-05-08-alpha.md": write_article_md(date="2024-05-08", region="Asia", actors=["Xi Jinping"], topics=[]),
    }
    index = build_index(load(articles))

    assert slugs(index.related["articles/2024/05/target.md"]) == ["alpha", "bravo"]


def test_position_of_every_article(index) -> None:
    assert index.position == {
        "articles/2024/03/summit.md": 0,
        "articles/2024/04/korea.md": 1,
        "articles/2024/05/sanctions.md": 2,
        "articles/2024/06/nato.md": 3,
    }


def test_entity_lookup(index) -> None:
    assert index.entity(("topics", "trade")).name == "Trade"
    assert index.entity(("regions", "east-asia")).parent == "asia"


def test_empty_corpus(load) -> None:
    index = build_index(load({}))

    assert index.articles_of == {}
    assert index.related == {}
    assert index.children == {"asia": ["east-asia"], "east-asia": ["korean-peninsula"]}
