"""frontmatter: decoding article bytes and splitting front matter from the body."""

from __future__ import annotations

import pytest

from briefing.load.frontmatter import MAX_ARTICLE_BYTES, SplitArticle, decode_article, split_front_matter
from briefing.load.source import SourceError
from briefing.model.problems import Position


def split_error(text: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        split_front_matter(text)
    return info.value


def decode_error(raw: bytes) -> SourceError:
    with pytest.raises(SourceError) as info:
        decode_article(raw)
    return info.value


# ------------------------------------------------------------------ decode_article


def test_plain_utf8_is_returned_unchanged() -> None:
    assert decode_article("---\ntitle: Café\n---\nBody\n".encode()) == "---\ntitle: Café\n---\nBody\n"


def test_bom_is_removed() -> None:
    assert decode_article(b"\xef\xbb\xbf---\ntitle: x\n---\n") == "---\ntitle: x\n---\n"


def test_crlf_and_lone_cr_become_lf() -> None:
    assert decode_article(b"---\r\ntitle: x\r\n---\rBody\r\n") == "---\ntitle: x\n---\nBody\n"


def test_bom_and_crlf_together_split_cleanly() -> None:
    text = decode_article(b"\xef\xbb\xbf---\r\ntitle: x\r\ndate: 2024-05-15\r\n---\r\nBody line\r\n")

    assert split_front_matter(text) == SplitArticle(
        yaml_text="title: x\ndate: 2024-05-15\n", body="Body line\n", yaml_first_line=2, body_first_line=5
    )


def test_non_utf8_byte_is_named_with_its_line_and_column() -> None:
    error = decode_error(b"---\ntitle: Caf\xe9\n---\n")

    assert error.message == "not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    assert error.position == Position(2, 11)


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    error = decode_error(b"---\ntitle: \xc3\xa9t\xe9\n---\n")  # "title: \u00e9t" then a Latin-1 byte

    assert error.position == Position(2, 10)


def test_non_utf8_byte_line_counts_crlf_lines() -> None:
    error = decode_error(b"---\r\ntitle: ok\r\nregion: Asia\r\n\xff\r\n---\r\n")

    assert error.message == "not valid UTF-8 (byte 0xff); save the file as UTF-8"
    assert error.position == Position(4, 1)


def test_utf16_file_is_reported_as_not_utf8_on_line_1() -> None:
    error = decode_error("---\ntitle: x\n---\n".encode("utf-16"))

    assert error.message == "not valid UTF-8 (byte 0xff); save the file as UTF-8"
    assert error.position == Position(1, 1)


def test_file_over_the_size_limit_is_refused() -> None:
    error = decode_error(b"x" * (MAX_ARTICLE_BYTES + 1))

    assert error.message == "file is 2,000,001 bytes; articles are limited to 2,000,000 bytes"
    assert error.position is None


def test_file_at_the_size_limit_is_accepted() -> None:
    assert len(decode_article(b"x" * MAX_ARTICLE_BYTES)) == MAX_ARTICLE_BYTES


# ------------------------------------------------------------------ split_front_matter


@pytest.mark.parametrize("text", ["", "\n", "  \n\n\t\n"])
def test_empty_file(text: str) -> None:
    error = split_error(text)

    assert error.message == "the file is empty; an article starts with a '---' front matter block"
    assert error.position == Position(1, 0)


@pytest.mark.parametrize("text", ["title: x\n---\n", "\n---\ntitle: x\n---\n", "# Heading\n", "----\ntitle: x\n----\n"])
def test_missing_opening_delimiter(text: str) -> None:
    error = split_error(text)

    assert error.message == ("no front matter: the first line must be '---', followed by title, date, region, actors, topics")
    assert error.position == Position(1, 1)


@pytest.mark.parametrize("text", ["---\ntitle: x\n", "---\n", "---\ntitle: x\nbody text\n-- -\n"])
def test_unclosed_front_matter(text: str) -> None:
    error = split_error(text)

    assert error.message == "front matter is not closed: add a '---' line after the last field"
    assert error.position == Position(1, 1)


def test_split_separates_yaml_and_body() -> None:
    split = split_front_matter("---\ntitle: x\ndate: 2024-05-15\n---\n\n\nFirst paragraph.\n\nSecond.\n\n\n")

    assert split.yaml_text == "title: x\ndate: 2024-05-15\n"
    assert split.body == "First paragraph.\n\nSecond.\n"
    assert split.yaml_first_line == 2


def test_body_may_contain_a_horizontal_rule() -> None:
    split = split_front_matter("---\ntitle: x\n---\nAbove\n\n---\n\nBelow\n")

    assert split.yaml_text == "title: x\n"
    assert split.body == "Above\n\n---\n\nBelow\n"


def test_no_body_gives_empty_string() -> None:
    assert split_front_matter("---\ntitle: x\n---\n") == SplitArticle("title: x\n", "", 2, 4)


def test_empty_front_matter_block() -> None:
    assert split_front_matter("---\n---\nBody\n") == SplitArticle("\n", "Body\n", 2, 3)


def test_yaml_document_end_marker_closes_front_matter() -> None:
    assert split_front_matter("---\ntitle: x\n...\nBody\n") == SplitArticle("title: x\n", "Body\n", 2, 4)


def test_trailing_spaces_on_delimiters_are_tolerated() -> None:
    assert split_front_matter("---  \ntitle: x\n---\t\nBody\n") == SplitArticle("title: x\n", "Body\n", 2, 4)
