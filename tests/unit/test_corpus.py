"""corpus.load_corpus: every registry and article, plus cross-file checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.load.corpus import find_article_files, load_corpus
from briefing.model.entities import Article
from briefing.model.problems import Severity
from briefing.model.settings import Settings
from tests.support.factories import ACTORS_YML, REGIONS_YML, write_article_md


def formatted(corpus) -> list[str]:
    return [p.format() for p in corpus.log.sorted()]


def slugs(articles: list[Article]) -> list[str]:
    return [a.slug for a in articles]


def test_clean_corpus_is_sorted_oldest_first(load, small_corpus_articles) -> None:
    corpus = load(small_corpus_articles)

    assert corpus.ok
    assert formatted(corpus) == []
    assert slugs(corpus.articles) == ["summit", "korea", "sanctions", "nato"]
    assert sorted(corpus.actors) == ["china", "nato", "russia", "vladimir-putin", "xi-jinping"]
    assert sorted(corpus.topics) == ["china-russia-relations", "sanctions", "trade"]
    assert sorted(corpus.regions) == ["asia", "east-asia", "europe", "korean-peninsula"]
    assert corpus.drafts == []


def test_same_day_articles_are_ordered_by_slug(load) -> None:
    corpus = load(
        {
            "2024-05-15-zulu.md": write_article_md(date="2024-05-15"),
            "2024-05-15-alpha.md": write_article_md(date="2024-05-15"),
            "2024-05-14-mike.md": write_article_md(date="2024-05-14"),
        }
    )

    assert slugs(corpus.articles) == ["mike", "alpha", "zulu"]


def test_two_articles_with_the_same_month_and_slug_are_an_error(load) -> None:
    corpus = load(
        {
            "a/2024-05-01-summit.md": write_article_md(date="2024-05-01"),
            "b/2024-05-20-summit.md": write_article_md(date="2024-05-20"),
        }
    )

    assert not corpus.ok
    assert formatted(corpus) == [
        "articles/b/2024-05-20-summit.md: slug: same URL as articles/a/2024-05-01-summit.md "
        "(articles/2024/05/summit/); rename the file or set a different 'slug'"
    ]
    # The later file is left out (a `mkdocs serve` preview renders the rest): one article per URL.
    assert [a.source_path for a in corpus.articles] == ["articles/a/2024-05-01-summit.md"]


def test_slug_field_can_collide_with_a_file_name(load) -> None:
    corpus = load(
        {
            "2024-05-01-summit.md": write_article_md(date="2024-05-01"),
            "2024-05-02-other.md": write_article_md(date="2024-05-02", extra="slug: summit"),
        }
    )

    assert formatted(corpus) == [
        "articles/2024-05-02-other.md:9:7: slug: same URL as articles/2024-05-01-summit.md "
        "(articles/2024/05/summit/); rename the file or set a different 'slug'"
    ]


def test_same_slug_in_different_months_is_fine(load) -> None:
    corpus = load(
        {
            "2024-05-01-summit.md": write_article_md(date="2024-05-01"),
            "2024-06-01-summit.md": write_article_md(date="2024-06-01"),
            "2025-05-01-summit.md": write_article_md(date="2025-05-01"),
        }
    )

    assert corpus.ok
    assert len(corpus.articles) == 3


def test_draft_also_claims_its_url(load) -> None:
    corpus = load(
        {
            "2024-05-01-summit.md": write_article_md(date="2024-05-01"),
            "drafts/2024-05-09-summit.md": write_article_md(date="2024-05-09", extra="draft: true"),
        }
    )

    assert formatted(corpus) == [
        "articles/drafts/2024-05-09-summit.md: slug: same URL as articles/2024-05-01-summit.md "
        "(articles/2024/05/summit/); rename the file or set a different 'slug'"
    ]


def test_unknown_region_parent(load) -> None:
    regions = REGIONS_YML + "mars:\n  name: Mars\n  parent: solar-system\n  description: The red planet.\n"
    corpus = load({}, regions=regions)

    assert formatted(corpus) == ["data/regions.yml:18:11: mars.parent: unknown region id 'solar-system'"]


def test_region_parent_given_as_a_name_gets_the_id_suggested(load) -> None:
    regions = REGIONS_YML + "seoul:\n  name: Seoul\n  parent: korea\n  description: A city.\n"
    corpus = load({}, regions=regions)

    assert formatted(corpus) == ["data/regions.yml:18:11: seoul.parent: unknown region id 'korea' (did you mean 'korean-peninsula'?)"]


def test_region_parent_loop(load) -> None:
    regions = (
        "north:\n  name: North\n  parent: south\n  description: n\n"
        "south:\n  name: South\n  parent: north\n  description: s\n"
        "free:\n  name: Free\n  description: f\n"
    )
    corpus = load({}, regions=regions)

    assert formatted(corpus) == [
        "data/regions.yml:3:11: north.parent: region parents form a loop through 'north'",
        "data/regions.yml:7:11: south.parent: region parents form a loop through 'south'",
    ]


def test_region_that_is_its_own_parent(load) -> None:
    corpus = load({}, regions="solo:\n  name: Solo\n  parent: solo\n  description: s\n")

    assert formatted(corpus) == ["data/regions.yml:3:11: solo.parent: region parents form a loop through 'solo'"]


def test_drafts_are_excluded_by_default(load, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024/2024-05-25-draft.md"] = write_article_md(title="Draft", date="2024-05-25", extra="draft: true")
    corpus = load(articles)

    assert corpus.ok
    assert slugs(corpus.articles) == ["summit", "korea", "sanctions", "nato"]
    assert slugs(corpus.drafts) == ["draft"]


def test_drafts_are_included_when_asked(load, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024/2024-05-25-draft.md"] = write_article_md(title="Draft", date="2024-05-25", extra="draft: true")
    corpus = load(articles, include_drafts=True)

    assert slugs(corpus.articles) == ["summit", "korea", "sanctions", "draft", "nato"]
    assert corpus.drafts == []


def test_invalid_drafts_are_still_errors(load) -> None:
    corpus = load({"2024-05-25-draft.md": write_article_md(actors=["Nobody"], extra="draft: true")})

    assert formatted(corpus) == [
        "articles/2024-05-25-draft.md:6:5: actors: unknown actor 'Nobody'; add it to actors.yml or check the spelling"
    ]


def test_bad_article_is_left_out_and_reported_while_others_load(load, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024/2024-07-01-broken.md"] = "no front matter here\n"
    corpus = load(articles)

    assert not corpus.ok
    assert slugs(corpus.articles) == ["summit", "korea", "sanctions", "nato"]
    assert formatted(corpus) == [
        "articles/2024/2024-07-01-broken.md:1:1: no front matter: the first line must be '---', "
        "followed by title, date, region, actors, topics"
    ]


def test_problems_from_several_files_are_all_collected(load) -> None:
    corpus = load(
        {
            "b.md": write_article_md(actors=["Xi Jingping"]),
            "a.md": write_article_md(region="Atlantis"),
        },
        topics="trade:\n  name: Trade\n",
    )

    assert formatted(corpus) == [
        "articles/a.md:4:9: region: unknown region 'Atlantis'; add it to regions.yml or check the spelling",
        "articles/a.md:8:5: topics: unknown topic 'Sanctions'; add it to topics.yml or check the spelling",
        "articles/b.md:6:5: actors: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)",
        "articles/b.md:8:5: topics: unknown topic 'Sanctions'; add it to topics.yml or check the spelling",
    ]


def test_missing_articles_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    for name in ("actors", "topics", "regions"):
        (tmp_path / "data" / f"{name}.yml").write_text("", encoding="utf-8")
    corpus = load_corpus(Settings(root=tmp_path))

    assert [p.format() for p in corpus.log.problems] == ["articles: articles folder not found"]
    assert corpus.articles == []


def test_missing_registries(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    corpus = load_corpus(Settings(root=tmp_path))

    assert formatted(corpus) == [
        "data/actors.yml: registry file not found; create actors.yml (it may be empty)",
        "data/regions.yml: registry file not found; create regions.yml (it may be empty)",
        "data/topics.yml: registry file not found; create topics.yml (it may be empty)",
    ]


def test_custom_folders(make_project) -> None:
    root = make_project({"2024-01-01-x.md": write_article_md(date="2024-01-01")})
    (root / "articles").rename(root / "posts")
    (root / "data").rename(root / "registries")

    corpus = load_corpus(Settings(root=root, articles_dir="posts", data_dir="registries"))

    assert corpus.ok
    assert [a.source_path for a in corpus.articles] == ["posts/2024-01-01-x.md"]


def test_settings_paths(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, articles_dir="posts", data_dir="reg")

    assert settings.articles_path == tmp_path / "posts"
    assert settings.data_path == tmp_path / "reg"
    assert settings.registry_path("regions") == tmp_path / "reg" / "regions.yml"


def test_find_article_files_is_recursive_sorted_and_md_only(tmp_path: Path) -> None:
    (tmp_path / "2024" / "05").mkdir(parents=True)
    for name in ("2024/05/b.md", "2024/a.md", "z.md", "notes.txt", "2024/05/c.markdown"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.md").mkdir()

    assert [p.relative_to(tmp_path).as_posix() for p in find_article_files(tmp_path)] == [
        "2024/05/b.md",
        "2024/a.md",
        "z.md",
    ]
    assert find_article_files(tmp_path / "absent") == []


# ------------------------------------------------------------------ warnings (do not fail the corpus)


def test_a_future_date_is_scheduled_and_no_actors_is_a_warning(load) -> None:
    corpus = load(
        {
            "2024-05-15-today.md": write_article_md(
                date="2024-05-15",
                actors=["Xi Jinping", "Vladimir Putin", "China", "Russia", "NATO"],
                topics=["China–Russia relations", "Sanctions"],
                region="Korean Peninsula",
            ),
            "2024-05-16-tomorrow.md": write_article_md(date="2024-05-16", actors=[], topics=["Trade"], region="Europe"),
        },
        now=dt.datetime(2024, 5, 15, 23, 59, tzinfo=dt.timezone.utc),
    )

    assert corpus.ok
    assert formatted(corpus) == [
        "articles/2024-05-16-tomorrow.md: warning: actors: no actors: the article will not appear on any actor page"
    ]
    assert [p.severity for p in corpus.log.problems] == [Severity.WARNING]
    assert slugs(corpus.articles) == ["today"]  # tomorrow's is due at midnight UTC
    assert slugs(corpus.scheduled) == ["tomorrow"]


def test_unused_registry_entries_are_warnings(load) -> None:
    corpus = load(
        {"2024-05-15-a.md": write_article_md(region="Korean Peninsula", actors=["Xi"], topics=["Trade"])},
        now=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc),
    )

    assert corpus.ok
    # asia and east-asia count as used through korean-peninsula
    assert formatted(corpus) == [
        "data/actors.yml:8:1: warning: vladimir-putin: no article names 'Vladimir Putin'",
        "data/actors.yml:15:1: warning: china: no article names 'China'",
        "data/actors.yml:20:1: warning: russia: no article names 'Russia'",
        "data/actors.yml:24:1: warning: nato: no article names 'NATO'",
        "data/regions.yml:13:1: warning: europe: no article names 'Europe'",
        "data/topics.yml:1:1: warning: china-russia-relations: no article names 'China–Russia relations'",
        "data/topics.yml:5:1: warning: sanctions: no article names 'Sanctions'",
    ]


def test_unused_entries_are_not_reported_when_there_are_errors(load) -> None:
    corpus = load({"2024-05-15-a.md": write_article_md(actors=["Nobody"])}, now=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))

    assert formatted(corpus) == ["articles/2024-05-15-a.md:6:5: actors: unknown actor 'Nobody'; add it to actors.yml or check the spelling"]


def test_misspelt_region_id_of_a_state_gets_the_closest_id(load, small_corpus_articles) -> None:
    actors = ACTORS_YML + "dprk:\n  name: North Korea\n  kind: state\n  region: east-asai\n  description: d\n"
    corpus = load(small_corpus_articles, actors=actors)

    assert formatted(corpus) == ["data/actors.yml:31:11: dprk.region: unknown region id 'east-asai' (did you mean 'east-asia'?)"]


def test_state_region_must_exist(load, small_corpus_articles) -> None:
    actors = ACTORS_YML + "dprk:\n  name: North Korea\n  kind: state\n  region: korea\n  description: d\n"
    corpus = load(small_corpus_articles, actors=actors)

    assert formatted(corpus) == ["data/actors.yml:31:11: dprk.region: unknown region id 'korea' (did you mean 'korean-peninsula'?)"]


def test_an_unreadable_registry_is_the_only_problem_reported(load, small_corpus_articles) -> None:
    # A duplicate id makes the whole file unreadable; every article names actors, and an
    # "unknown actor" per article would bury the one line that matters.
    actors = ACTORS_YML + "xi-jinping:\n  name: Xi again\n  kind: person\n  description: d\n"
    corpus = load(small_corpus_articles, actors=actors)

    assert formatted(corpus) == [f"data/actors.yml:{ACTORS_YML.count(chr(10)) + 1}:1: duplicate key 'xi-jinping'"]
    assert corpus.articles == []
