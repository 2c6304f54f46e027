"""articles.read_article: one file -> Article, or problems with file, line, column and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.load.articles import read_article, slug_from_filename
from briefing.model.entities import Article, Source
from briefing.model.problems import ProblemLog


def read(registries, name: str, content: str | bytes):
    regs, _, root = registries
    path = root / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    log = ProblemLog(root)
    article = read_article(path, regs, log)
    return article, [p.format() for p in log.sorted()]


GOOD = """\
---
title: "Xi and Putin meet in Beijing"
date: 2024-05-15
region: East Asia
actors:
  - Xi Jinping
  - Putin
topics: [China-Russia relations, sanctions]
summary: The two leaders met.
source:
  name: Reuters
  url: https://example.com/story
---

Body paragraph.
"""


def test_valid_article_is_resolved_to_ids(registries) -> None:
    article, problems = read(registries, "2024/2024-05-15-xi-putin-beijing.md", GOOD)

    assert problems == []
    assert article == Article(
        source_path="articles/2024/2024-05-15-xi-putin-beijing.md",
        slug="xi-putin-beijing",
        title="Xi and Putin meet in Beijing",
        date=dt.date(2024, 5, 15),
        region="east-asia",
        actors=("xi-jinping", "vladimir-putin"),
        topics=("china-russia-relations", "sanctions"),
        summary="The two leaders met.",
        body="Body paragraph.\n",
        source=Source("Reuters", "https://example.com/story"),
        draft=False,
    )
    assert article.sort_key == (dt.date(2024, 5, 15), "xi-putin-beijing")


def test_minimal_article_defaults(registries) -> None:
    article, problems = read(registries, "x.md", "---\ntitle: T\ndate: 2024-01-02\nregion: Europe\n---\n")

    assert problems == []
    assert (article.actors, article.topics, article.summary, article.source, article.draft, article.body) == (
        (),
        (),
        None,
        None,
        False,
        "",
    )


def test_unknown_actor_is_reported_on_its_own_line(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nactors:\n  - Xi Jinping\n  - Xi Jingping\n---\n"
    article, problems = read(registries, "a.md", text)

    assert article is None
    assert problems == ["articles/a.md:7:5: actors: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)"]


def test_unknown_actor_in_a_flow_list_gets_its_column(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nactors: [Xi Jinping, Vladmir Putin]\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == ["articles/a.md:5:22: actors: unknown actor 'Vladmir Putin' (did you mean 'Vladimir Putin'?)"]


def test_unknown_names_in_every_field_are_all_reported(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Atlantis\nactors: [Nobody]\ntopics: [Sanctionz]\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == [
        "articles/a.md:4:9: region: unknown region 'Atlantis'; add it to regions.yml or check the spelling",
        "articles/a.md:5:10: actors: unknown actor 'Nobody'; add it to actors.yml or check the spelling",
        "articles/a.md:6:10: topics: unknown topic 'Sanctionz' (did you mean 'Sanctions'?)",
    ]


def test_an_entry_of_another_kind_is_named_as_such(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Xi Jinping\nactors: [sanctions]\ntopics: [Asia]\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == [
        "articles/a.md:4:9: region: unknown region 'Xi Jinping': 'Xi Jinping' is an actor; it belongs under `actors`",
        "articles/a.md:5:10: actors: unknown actor 'sanctions': 'Sanctions' is a topic; it belongs under `topics`",
        "articles/a.md:6:10: topics: unknown topic 'Asia': 'Asia' is a region; it belongs under `region`",
    ]


def test_missing_title(registries) -> None:
    article, problems = read(registries, "a.md", "---\ndate: 2024-05-15\nregion: Asia\n---\nBody\n")

    assert article is None
    assert problems == ["articles/a.md:2:1: title: required field is missing"]


def test_every_missing_required_field_is_reported(registries) -> None:
    _, problems = read(registries, "a.md", "---\nsummary: only this\n---\n")

    assert problems == [
        "articles/a.md:2:1: date: required field is missing",
        "articles/a.md:2:1: region: required field is missing",
        "articles/a.md:2:1: title: required field is missing",
    ]


def test_actors_as_a_string_instead_of_a_list(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nactors: Xi Jinping\n---\n"
    article, problems = read(registries, "a.md", text)

    assert article is None
    assert problems == ["articles/a.md:5:9: actors: expected a list such as [A, B], got the text 'Xi Jinping'"]


@pytest.mark.parametrize("value", ["2024-13-45", "15/05/2024", "2024-5-15", "May 15, 2024"])
def test_malformed_date(registries, value: str) -> None:
    text = f"---\ntitle: T\ndate: {value}\nregion: Asia\n---\n"
    article, problems = read(registries, "a.md", text)

    assert article is None
    assert problems == [f"articles/a.md:3:7: date: invalid date '{value}'; write a real date as YYYY-MM-DD"]


def test_date_with_a_full_time_keeps_the_day(registries) -> None:
    article, problems = read(registries, "a.md", "---\ntitle: T\ndate: 2024-05-15 23:30:00\nregion: Asia\n---\n")

    assert problems == []
    assert article.date == dt.date(2024, 5, 15)


def test_quoted_date_is_accepted(registries) -> None:
    article, problems = read(registries, "a.md", "---\ntitle: T\ndate: '2024-05-15'\nregion: Asia\n---\n")

    assert problems == []
    assert article.date == dt.date(2024, 5, 15)


def test_date_with_hours_and_minutes_keeps_the_day(registries) -> None:
    article, problems = read(registries, "a.md", "---\ntitle: T\ndate: 2024-05-15 10:00\nregion: Asia\n---\n")

    assert problems == []
    assert article.date == dt.date(2024, 5, 15)


def test_number_is_not_a_date(registries) -> None:
    article, problems = read(registries, "a.md", "---\ntitle: T\ndate: 86400\nregion: Asia\n---\n")

    assert article is None
    assert problems == ["articles/a.md:3:7: date: invalid date '86400'; write a real date as YYYY-MM-DD"]


def test_empty_date_is_described_as_empty(registries) -> None:
    _, problems = read(registries, "a.md", "---\ntitle: T\ndate:\nregion: Asia\n---\n")

    assert problems == ["articles/a.md:3:6: date: is empty; give it a value or remove the line"]


def test_unknown_field_suggests_the_known_one(registries) -> None:
    text = "---\ntitel: T\ndate: 2024-05-15\nregion: Asia\n---\n"
    article, problems = read(registries, "a.md", text)

    assert article is None
    assert problems == [
        "articles/a.md:2:1: titel: unknown field 'titel' (did you mean 'title'?)",
        "articles/a.md:2:1: title: required field is missing",
    ]


def test_unknown_field_without_a_close_match_lists_known_fields(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nwriter: Me\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == [
        "articles/a.md:5:1: writer: unknown field 'writer'; known fields: title, date, region, actors, topics, source, summary, slug, draft,"
        " authors, updated, corrections"
    ]


def test_field_error_does_not_hide_unknown_names(registries) -> None:
    text = "---\ntitel: T\ndate: 2024-05-15\nregion: Asia\nactors: [Xi Jingping]\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == [
        "articles/a.md:2:1: titel: unknown field 'titel' (did you mean 'title'?)",
        "articles/a.md:2:1: title: required field is missing",
        "articles/a.md:5:10: actors: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)",
    ]


def test_yaml_error_line_is_a_file_line(registries) -> None:
    text = "---\ntitle: A\ndate: 2024-05-15\ntitle: B\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == ["articles/a.md:4:1: duplicate key 'title'"]


def test_tab_error_line_is_a_file_line(registries) -> None:
    _, problems = read(registries, "a.md", "---\ntitle: T\n\tdate: 2024-05-15\n---\n")

    assert problems == ["articles/a.md:3:1: tab character in indentation; indent with spaces"]


def test_non_utf8_article(registries) -> None:
    article, problems = read(registries, "a.md", b"---\ntitle: T\nregion: Asia\nsummary: caf\xe9\n---\n")

    assert article is None
    assert problems == ["articles/a.md:4:13: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_bom_and_crlf_article_is_read(registries) -> None:
    raw = b"\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2024-05-15\r\nregion: Asia\r\nactors:\r\n  - Xi Jingping\r\n---\r\nBody\r\n"
    _, problems = read(registries, "a.md", raw)

    assert problems == ["articles/a.md:6:5: actors: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "articles/a.md:1: the file is empty; an article starts with a '---' front matter block"),
        (
            "title: T\n",
            "articles/a.md:1:1: no front matter: the first line must be '---', followed by title, date, region, actors, topics",
        ),
        ("---\ntitle: T\n", "articles/a.md:1:1: front matter is not closed: add a '---' line after the last field"),
        ("---\n---\nBody\n", "articles/a.md:1:1: front matter is empty; add title, date, region, actors and topics"),
        ("---\n- a\n- b\n---\n", "articles/a.md:2:1: expected 'key: value' lines, got a list"),
        ("---\njust a sentence\n---\n", "articles/a.md:2:1: expected 'key: value' lines, got the text 'just a sentence'"),
    ],
)
def test_file_level_problems(registries, content: str, message: str) -> None:
    article, problems = read(registries, "a.md", content)

    assert article is None
    assert problems == [message]


def test_bad_source_url_names_the_nested_field(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nsource:\n  name: Reuters\n  url: ftp://example.com/x\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == ["articles/a.md:7:8: source.url: must be a web address starting with http:// or https://"]


# ------------------------------------------------------------------ slugs and de-duplication


@pytest.mark.parametrize(
    ("file_name", "slug"),
    [
        ("2024-05-15-xi-putin-beijing.md", "xi-putin-beijing"),
        ("xi-putin-beijing.md", "xi-putin-beijing"),
        ("2024-05-15.md", "2024-05-15"),
        ("2024-05-15-Mixed Case_Name.md", "mixed-case-name"),
        ("2024-5-15-short-date.md", "2024-5-15-short-date"),
        ("2024-05-15-2024-05-16-twice.md", "2024-05-16-twice"),
    ],
)
def test_slug_from_filename(file_name: str, slug: str) -> None:
    assert slug_from_filename(Path("articles/2024") / file_name) == slug


def test_slug_in_front_matter_wins(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nslug: custom-slug\n---\n"
    article, problems = read(registries, "2024-05-15-from-file.md", text)

    assert problems == []
    assert article.slug == "custom-slug"


def test_invalid_slug_in_front_matter(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nslug: Not A Slug\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == [
        "articles/a.md:5:7: slug: 'Not A Slug' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'east-asia')"
    ]


def test_repeated_and_aliased_actors_collapse_to_one_id(registries) -> None:
    text = (
        "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\n"
        "actors: [Xi Jinping, Xi, xi-jinping, President Xi, Putin, Xi Jinping, Vladimir Putin]\n"
        "topics: [Trade, trade, TRADE]\n---\n"
    )
    article, problems = read(registries, "a.md", text)

    assert problems == []
    assert article.actors == ("xi-jinping", "vladimir-putin")
    assert article.topics == ("trade",)


def test_repeated_unknown_name_is_reported_once_at_its_first_line(registries) -> None:
    text = "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\nactors:\n  - Putin\n  - Nobody\n  - Nobody\n---\n"
    _, problems = read(registries, "a.md", text)

    assert problems == ["articles/a.md:7:5: actors: unknown actor 'Nobody'; add it to actors.yml or check the spelling"]


def test_draft_flag(registries) -> None:
    article, problems = read(registries, "a.md", "---\ntitle: T\ndate: 2024-05-15\nregion: Asia\ndraft: true\n---\n")

    assert problems == []
    assert article.draft is True


def test_problems_already_in_the_log_do_not_fail_a_good_article(registries) -> None:
    regs, _, root = registries
    path = root / "articles" / "good.md"
    path.write_text("---\ntitle: T\ndate: 2024-05-15\nregion: Asia\n---\n", encoding="utf-8")
    log = ProblemLog(root)
    log.error(root / "other.md", "", "earlier problem")

    article = read_article(path, regs, log)

    assert article is not None
    assert article.title == "T"
