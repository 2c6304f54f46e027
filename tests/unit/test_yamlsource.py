"""yamlsource.parse_yaml: safe YAML with 1-based positions."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from briefing.load.source import SourceError
from briefing.load.yamlsource import MAX_DEPTH, parse_yaml
from briefing.model.located import LocatedData
from briefing.model.problems import Position


def error_of(text: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        parse_yaml(text)
    return info.value


# ------------------------------------------------------------------ data and positions


def test_plain_mapping_with_block_list_records_key_and_item_positions() -> None:
    located = parse_yaml("actors:\n  - Xi Jinping\n  - Vladimir Putin\ntopics:\n    - Trade\n")

    assert located.data == {"actors": ["Xi Jinping", "Vladimir Putin"], "topics": ["Trade"]}
    assert located.positions[()] == Position(1, 1)
    # a block list starts on the next line: the key's own position is recorded
    assert located.positions[("actors",)] == Position(1, 1)
    assert located.positions[("actors", 0)] == Position(2, 5)
    assert located.positions[("actors", 1)] == Position(3, 5)
    assert located.positions[("topics",)] == Position(4, 1)
    assert located.positions[("topics", 0)] == Position(5, 7)


def test_flow_list_items_have_their_own_columns() -> None:
    located = parse_yaml("actors: [Xi, Putin, NATO]\n")

    assert located.positions[("actors", 0)] == Position(1, 10)
    assert located.positions[("actors", 1)] == Position(1, 14)
    assert located.positions[("actors", 2)] == Position(1, 21)


def test_value_on_the_key_line_is_pointed_at() -> None:
    located = parse_yaml("title: x\ndate: 2024-13-45\n")

    assert located.positions[("title",)] == Position(1, 8)
    assert located.positions[("date",)] == Position(2, 7)


def test_nested_mapping_positions() -> None:
    located = parse_yaml("title: T\nsource:\n  name: Reuters\n  url: https://example.com/x\n")

    assert located.data["source"] == {"name": "Reuters", "url": "https://example.com/x"}
    assert located.positions[("source",)] == Position(2, 1)
    assert located.positions[("source", "name")] == Position(3, 9)
    assert located.positions[("source", "url")] == Position(4, 8)


def test_position_of_falls_back_to_deepest_known_prefix_and_shifts_lines() -> None:
    located = parse_yaml("a: 1\nactors:\n  - x\n")

    assert located.position_of(("actors", 0)) == Position(3, 5)
    assert located.position_of(("actors", 0), line_offset=1) == Position(4, 5)
    # unknown item index: the list's key
    assert located.position_of(("actors", 7)) == Position(2, 1)
    # unknown key: the root mapping
    assert located.position_of(("missing",), line_offset=1) == Position(2, 1)


def test_position_of_on_empty_data_is_none() -> None:
    assert LocatedData(None, {}).position_of(("x",)) is None


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_document_gives_none_without_positions(text: str) -> None:
    located = parse_yaml(text)

    assert located.data is None
    assert located.positions == {}


def test_non_string_keys_become_text() -> None:
    assert parse_yaml("1: one\ntrue: yes\n").data == {"1": "one", "True": True}


# ------------------------------------------------------------------ dates


def test_real_date_becomes_a_date() -> None:
    assert parse_yaml("date: 2024-05-15\n").data == {"date": dt.date(2024, 5, 15)}


@pytest.mark.parametrize("text", ["2024-13-45", "2024-02-30"])
def test_impossible_date_is_kept_as_text(text: str) -> None:
    located = parse_yaml(f"date: {text}\n")

    assert located.data == {"date": text}
    assert isinstance(located.data["date"], str)


# ------------------------------------------------------------------ refused input


def test_duplicate_key_is_an_error_on_the_second_key_line() -> None:
    error = error_of("title: A\ndate: 2024-05-15\ntitle: B\n")

    assert error.message == "duplicate key 'title'"
    assert error.position == Position(3, 1)


def test_duplicate_key_inside_nested_mapping() -> None:
    error = error_of("source:\n  name: A\n  name: B\n")

    assert error.message == "duplicate key 'name'"
    assert error.position == Position(3, 3)


def test_alias_is_refused_at_the_alias() -> None:
    error = error_of("a: &x Xi\nb: *x\n")

    assert error.message == "YAML anchors and aliases (& and *) are not supported; write the value out"
    assert error.position == Position(1, 4)  # the shared node starts at the anchor


def test_alias_of_a_list_is_refused() -> None:
    error = error_of("actors: &people [Xi, Putin]\ntopics: *people\n")

    assert error.message == "YAML anchors and aliases (& and *) are not supported; write the value out"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    start = time.perf_counter()
    error = error_of("\n".join(lines) + "\n")

    assert error.message == "YAML anchors and aliases (& and *) are not supported; write the value out"
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object:os.system {}\n", "!!python/object:os.system"),
        ("a: !!python/name:os.system ''\n", "!!python/name:os.system"),
        ("a: !!python/object/apply:os.system ['ls']\n", "!!python/object/apply:os.system"),
        ("a: !!python/tuple [1, 2]\n", "!!python/tuple"),
        ("a: !foo x\n", "!foo"),
        ("a: !!set {x}\n", "!!set"),
        ("a: !!omap [b: 1]\n", "!!omap"),
    ],
)
def test_non_plain_tags_are_refused(text: str, tag: str) -> None:
    error = error_of(text)

    assert error.message == f"the tag '{tag}' is not allowed"
    assert error.position == Position(1, 4)


def test_python_tag_on_the_root_is_refused() -> None:
    error = error_of("!!python/object/new:os.system [echo]\n")

    assert error.message == "the tag '!!python/object/new:os.system' is not allowed"
    assert error.position == Position(1, 1)


def test_merge_key_is_refused() -> None:
    error = error_of("base: {a: 1}\n<<: {b: 2}\n")

    assert error.message == "keys must be plain names (no merge keys or complex keys)"
    assert error.position == Position(2, 1)


def test_complex_key_is_refused() -> None:
    error = error_of("? [a, b]\n: 1\n")

    assert error.message == "keys must be plain names (no merge keys or complex keys)"
    assert error.position == Position(1, 3)


def test_tab_in_indentation_of_a_following_key() -> None:
    error = error_of("title: T\n\tdate: 2024-05-15\n")

    assert error.message == "tab character in indentation; indent with spaces"
    assert error.position == Position(2, 1)


@pytest.mark.parametrize("text", ["actors:\n\t- Xi Jinping\n", "source:\n\tname: Reuters\n"])
def test_tab_indenting_a_nested_block_gets_the_tab_message(text: str) -> None:
    error = error_of(text)

    assert error.message == "tab character in indentation; indent with spaces"
    assert error.position == Position(2, 1)


def test_two_documents_are_refused() -> None:
    error = error_of("title: A\n---\ntitle: B\n")

    assert error.message == "more than one YAML document; is a '---' line missing or doubled?"
    assert error.position == Position(2, 1)


def test_unclosed_flow_list_reports_parser_problem_and_line() -> None:
    error = error_of("actors: [Xi, Putin\ntopics: []\n")

    assert error.message == "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"
    assert error.position == Position(2, 7)


def test_many_values_are_fine() -> None:
    """Honest files are long, not deep: 2,000 actors with four aliases each is ~30,000 values."""
    text = "".join(f"a{i}:\n  name: A {i}\n  aliases: [b{i}, c{i}, d{i}, e{i}]\n" for i in range(3000))

    assert len(parse_yaml(text).data) == 3000


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000, 200_000])
def test_deep_nesting_is_refused_quickly_without_recursion(depth: int) -> None:
    start = time.perf_counter()
    error = error_of("x: " + "[" * depth + "]" * depth + "\n")

    assert error.message == f"x: lists and mappings are nested more than {MAX_DEPTH} levels deep; is this the right file?"
    assert error.position is not None and error.position.line == 1
    assert time.perf_counter() - start < 1.0


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1  # plus the top-level mapping
    assert parse_yaml("x: " + "[" * depth + "]" * depth + "\n").data["x"] is not None


def test_deep_block_nesting_is_refused() -> None:
    text = "x:\n" + "".join(" " * i + "- \n" for i in range(1, 80))
    assert "nested more than" in error_of(text).message


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ('a: !!bool "maybe"\n', "a: 'maybe' is not a valid !!bool; remove the tag or fix the value", 4),
        ('a: !!timestamp "soon"\n', "a: 'soon' is not a valid !!timestamp; remove the tag or fix the value", 4),
        ("a: !!int x1\n", "a: 'x1' is not a valid !!int; remove the tag or fix the value", 4),
        ("a: !!float abc\n", "a: 'abc' is not a valid !!float; remove the tag or fix the value", 4),
    ],
)
def test_explicit_standard_tag_on_a_value_it_does_not_fit_is_one_error(text: str, message: str, column: int) -> None:
    error = error_of(text)

    assert error.message == message
    assert error.position == Position(1, column)


def test_explicit_standard_tags_that_fit_are_honoured() -> None:
    data = parse_yaml('a: !!bool "yes"\nb: !!str 2024\nc: !!timestamp 2024-05-15\nd: !!int "7"\ne: !!null ""\n').data
    assert data == {"a": True, "b": "2024", "c": dt.date(2024, 5, 15), "d": 7, "e": None}


def test_unquoted_colon_in_a_value_is_reported_at_the_value_with_the_fix() -> None:
    error = error_of("date: 2024-05-15\nsummary: Talks: what was agreed\n")

    assert error.position == Position(2, 10)
    assert error.message == ("summary: the text contains ': ', which YAML reads as a new field; put the whole summary in double quotes")


def test_colon_inside_a_flow_list_keeps_the_parser_message() -> None:
    # `[a: b]` is a valid one-pair mapping inside a list, and quoting advice would be wrong elsewhere.
    assert parse_yaml("x: [a: b]\n").data == {"x": [{"a": "b"}]}
    assert error_of("k:\n  - a: b: c\n").message.startswith("invalid YAML: mapping values are not allowed")


@pytest.mark.parametrize("character", ["\x0b", "\x1b", "\x7f"])
def test_pasted_control_character_is_one_line_at_its_column(character: str) -> None:
    error = error_of(f'date: 2024-05-15\ntitle: "Xi{character}Putin"\n')

    assert error.position == Position(2, 11)
    assert error.message == f"title: contains the control character U+{ord(character):04X}; delete it"
