"""validation: pydantic errors turned into editor-sized messages, with positions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.load.validation import describe_value, format_field, validate_mapping
from briefing.load.yamlsource import parse_yaml
from briefing.model.metadata import ActorEntry, ArticleMeta, RegionEntry
from briefing.model.problems import ProblemLog

REQUIRED = "title: T\ndate: 2024-05-15\nregion: Asia\n"


def check(model, text: str, base_path: tuple = (), line_offset: int = 0, field_prefix: str = ""):
    log = ProblemLog(Path("/project"))
    result = validate_mapping(model, parse_yaml(text), base_path, Path("/project/f.yml"), log, line_offset, field_prefix)
    return result, [p.format() for p in log.problems]


def messages(model, text: str) -> list[str]:
    result, problems = check(model, text)
    assert result is None
    return problems


def test_valid_mapping_returns_the_model() -> None:
    meta, problems = check(ArticleMeta, REQUIRED + "actors: [Xi, ' Putin ', Xi]\nsummary: '  Padded.  '\n")

    assert problems == []
    assert meta.title == "T"
    assert meta.date == dt.date(2024, 5, 15)
    assert meta.actors == ["Xi", "Putin"]  # stripped, then de-duplicated in order
    assert meta.summary == "Padded."
    assert meta.draft is False


def test_line_offset_and_field_prefix() -> None:
    _, problems = check(ActorEntry, "xi:\n  name: Xi\n  kind: king\n  description: d\n", ("xi",), 10, "xi.")

    assert problems == ["f.yml:13:9: xi.kind: must be one of 'person', 'state', 'organization' or 'group', got 'king'"]


def test_non_mapping_at_base_path() -> None:
    result, problems = check(ArticleMeta, "- a\n")

    assert result is None
    assert problems == ["f.yml:1:1: expected 'key: value' lines, got a list"]


def test_non_mapping_with_prefix_names_the_entry() -> None:
    _, problems = check(RegionEntry, "asia: 42\n", ("asia",), 0, "asia.")

    assert problems == ["f.yml:1:7: asia: expected 'key: value' lines, got the number 42"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("title: 2024\n", "f.yml:1:8: title: expected text, got the number 2024; put the value in quotes"),
        ("title: true\n", "f.yml:1:8: title: expected text, got the true/false value true; put the value in quotes"),
        ("title: 2024-05-15\n", "f.yml:1:8: title: expected text, got the date 2024-05-15; put the value in quotes"),
        ("title:\n", "f.yml:1:7: title: is empty; give it a value or remove the line"),
        ("title: '   '\n", "f.yml:1:8: title: must not be empty"),
        ("title: [a]\n", "f.yml:1:8: title: expected text, got a list"),
        ("title: {a: 1}\n", "f.yml:1:8: title: expected text, got a set of 'key: value' fields"),
    ],
)
def test_text_field_messages(line: str, message: str) -> None:
    text = line + "date: 2024-05-15\nregion: Asia\n"

    assert messages(ArticleMeta, text) == [message]


def test_list_field_messages() -> None:
    assert messages(ArticleMeta, REQUIRED + "topics: Trade\n") == [
        "f.yml:4:9: topics: expected a list such as [A, B], got the text 'Trade'"
    ]
    assert messages(ArticleMeta, REQUIRED + "topics: [Trade, 7, '']\n") == [
        "f.yml:4:17: topics: expected text, got the number 7; put the value in quotes",
        "f.yml:4:20: topics: must not be empty",
    ]


def test_bool_field_message() -> None:
    assert messages(ArticleMeta, REQUIRED + "draft: maybe\n") == ["f.yml:4:8: draft: expected true or false, got 'maybe'"]


def test_id_pattern_and_length_messages() -> None:
    assert messages(ArticleMeta, REQUIRED + "slug: East_Asia\n") == [
        "f.yml:4:7: slug: 'East_Asia' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'east-asia')"
    ]
    long_slug = "a" * 101
    assert messages(ArticleMeta, REQUIRED + f"slug: {long_slug}\n") == ["f.yml:4:7: slug: is too long (101 characters; at most 100)"]


def test_long_values_are_shortened_in_messages() -> None:
    value = "x" * 80

    assert messages(ArticleMeta, f"title: T\ndate: {value}\nregion: Asia\n") == [
        f"f.yml:2:7: date: invalid date '{'x' * 59}…'; write a real date as YYYY-MM-DD"
    ]


def test_nested_model_messages() -> None:
    assert messages(ArticleMeta, REQUIRED + "source: Reuters\n") == [
        "f.yml:4:9: source: expected 'key: value' fields, got the text 'Reuters'"
    ]
    assert messages(ArticleMeta, REQUIRED + "source:\n  url: https://example.com/a\n") == [
        "f.yml:4:1: source.name: required field is missing"
    ]
    assert messages(ArticleMeta, REQUIRED + "source:\n  name: R\n  urll: https://example.com/a\n") == [
        "f.yml:6:3: source.urll: unknown field 'urll' (did you mean 'url'?)"
    ]


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/file", "example.com", "http://a", "https://exa mple.com/x", "javascript:alert(1)"],
)
def test_url_messages(url: str) -> None:
    assert messages(ArticleMeta, REQUIRED + f"source: {{name: R, url: '{url}'}}\n") == [
        "f.yml:4:24: source.url: must be a web address starting with http:// or https://"
    ]


def test_url_is_accepted_case_insensitively_and_stripped() -> None:
    meta, problems = check(ArticleMeta, REQUIRED + "source: {name: R, url: '  HTTPS://Example.com/x  '}\n")

    assert problems == []
    assert meta.source.url == "HTTPS://Example.com/x"


def test_literal_without_close_match_has_no_hint() -> None:
    _, problems = check(ActorEntry, "name: N\nkind: planet\ndescription: d\n")

    assert problems == ["f.yml:2:7: kind: must be one of 'person', 'state', 'organization' or 'group', got 'planet'"]


def test_every_problem_of_a_mapping_is_reported() -> None:
    _, problems = check(ArticleMeta, "titel: T\ndate: soon\ndraft: 3\nextra: 1\n")

    assert problems == [
        "f.yml:1:1: title: required field is missing",
        "f.yml:2:7: date: invalid date 'soon'; write a real date as YYYY-MM-DD",
        "f.yml:1:1: region: required field is missing",
        "f.yml:3:8: draft: expected true or false, got '3'",
        "f.yml:1:1: titel: unknown field 'titel' (did you mean 'title'?)",
        "f.yml:4:1: extra: unknown field 'extra'; known fields: title, date, region, actors, topics, source, summary, slug, draft, authors, updated, corrections",
    ]


@pytest.mark.parametrize(
    ("value", "description"),
    [
        (None, "an empty value"),
        (True, "the true/false value true"),
        (False, "the true/false value false"),
        (3, "the number 3"),
        (2.5, "the number 2.5"),
        (dt.date(2024, 5, 15), "the date 2024-05-15"),
        (dt.datetime(2024, 5, 15, 10, 0), "the date 2024-05-15T10:00:00"),
        ({"a": 1}, "a set of 'key: value' fields"),
        ([1], "a list"),
        ("x", "the text 'x'"),
        ("it's", 'the text "it\'s"'),
    ],
)
def test_describe_value(value: object, description: str) -> None:
    assert describe_value(value) == description


def test_format_field_drops_list_indexes() -> None:
    assert format_field(("source", "url")) == "source.url"
    assert format_field(("actors", 2)) == "actors"
    assert format_field(()) == ""
