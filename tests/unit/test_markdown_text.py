"""markdown_text: editors' text becomes inert Markdown (checked with the `markdown` package)."""

from __future__ import annotations

import html as html_module
import re

import markdown
import pytest

from briefing.render.markdown_text import Markdown, escape_inline, escape_paragraphs, escape_prose, link

# The extensions the site's mkdocs.yml enables.
SITE_EXTENSIONS = ["toc", "tables"]


def html(text: str) -> str:
    return markdown.markdown(text, extensions=SITE_EXTENSIONS)


def html_tags(rendered: str) -> list[str]:
    return re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", rendered)


# ------------------------------------------------------------------ escape_inline: exact output


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("**bold**", "\\*\\*bold\\*\\*"),
        ("{{ jinja }}", "\\{\\{ jinja \\}\\}"),
        ("{% if x %}", "\\{% if x %\\}"),
        ("1. First", "1\\. First"),
        ("2024) Year", "2024\\) Year"),
        ("- dash", "\\- dash"),
        ("+ plus", "\\+ plus"),
        ("* star", "\\* star"),
        ("# Not a heading", "\\# Not a heading"),
        ("> not a quote", "&gt; not a quote"),
        ("a_b_c", "a\\_b\\_c"),
        ("`code`", "\\`code\\`"),
        ("![img](x.png)", "\\!\\[img\\](x.png)"),
        ("a\\b", "a\\\\b"),
        ('Say "hi" & go', "Say &quot;hi&quot; &amp; go"),
        ("AT&amp;T", "AT&amp;amp;T"),
        ("Plain words, no markup.", "Plain words, no markup."),
        ("Xi–Putin – talks", "Xi–Putin – talks"),
    ],
)
def test_escape_inline_exact(text: str, escaped: str) -> None:
    result = escape_inline(text)

    assert result == escaped
    assert isinstance(result, Markdown)


def test_whitespace_is_collapsed_to_one_line() -> None:
    assert escape_inline("  one\n\n two\tthree  ") == "one two three"


def test_marker_after_collapsing_is_escaped() -> None:
    assert escape_inline("\n   1. after newline") == "1\\. after newline"


def test_marker_only_at_the_start() -> None:
    assert escape_inline("Top 10. Items - and + more") == "Top 10. Items - and + more"


def test_non_text_values_are_stringified() -> None:
    assert escape_inline(2024) == "2024"
    assert escape_inline(None) == "None"


def test_markdown_values_pass_through_unchanged() -> None:
    already = Markdown("[**link**](x.md)")

    assert escape_inline(already) is already


def test_escaping_is_not_idempotent_for_plain_str() -> None:
    once = escape_inline("*x*")

    assert escape_inline(str(once)) == "\\\\\\*x\\\\\\*"
    assert escape_inline(once) == "\\*x\\*"


# ------------------------------------------------------------------ escape_inline: what Markdown makes of it


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<b>x</b> *y*", "<p>&lt;b&gt;x&lt;/b&gt; *y*</p>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("**bold** and _it_", "<p>**bold** and _it_</p>"),
        ("{{ jinja }}", "<p>{{ jinja }}</p>"),
        ("1. First", "<p>1. First</p>"),
        ("- dash", "<p>- dash</p>"),
        ("* star", "<p>* star</p>"),
        ("+ plus", "<p>+ plus</p>"),
        ("# Heading", "<p># Heading</p>"),
        ("> quote", "<p>&gt; quote</p>"),
        ("![img](x.png)", "<p>![img](x.png)</p>"),
        ("<http://evil.example>", "<p>&lt;http://evil.example&gt;</p>"),
        ("`code`", "<p>`code`</p>"),
        ("a\\*b", "<p>a\\*b</p>"),
        ("AT&T", "<p>AT&amp;T</p>"),
        ("Cats | dogs", "<p>Cats | dogs</p>"),
    ],
)
def test_rendered_escape_shows_literal_characters(text: str, shown: str) -> None:
    assert html(escape_inline(text)) == shown


def test_rendered_escape_of_the_brief_example() -> None:
    rendered = markdown.markdown(escape_inline("<b>x</b> *y*"))

    assert "&lt;b&gt;" in rendered
    assert "<b>" not in rendered
    assert "<em>" not in rendered
    assert html_tags(rendered) == ["p"]


@pytest.mark.parametrize("text", ["US imposes $5bn in tariffs", "Talks ~ stalled", "Growth 2^10"])
def test_currency_and_other_symbols_render_without_backslashes(text: str) -> None:
    assert html(escape_inline(text)) == f"<p>{text}</p>"


@pytest.mark.parametrize("text", [": colon first", "= equals first"])
def test_leading_colon_or_equals_renders_without_backslash(text: str) -> None:
    assert html(escape_inline(text)) == f"<p>{text}</p>"


def test_dashes_only_is_not_a_horizontal_rule() -> None:
    assert html(escape_inline("---")) == "<p>---</p>"


def test_stars_only_is_not_a_horizontal_rule() -> None:
    assert html(escape_inline("***")) == "<p>***</p>"


# ------------------------------------------------------------------ escape_paragraphs


def test_paragraphs_split_on_blank_lines() -> None:
    assert escape_paragraphs("First line\ncontinues.\n\n  \nSecond *para*.\n") == [
        "First line continues.",
        "Second \\*para\\*.",
    ]


def test_without_blank_lines_each_line_is_a_paragraph() -> None:
    assert escape_paragraphs("One.\nTwo.\n- Three") == ["One.", "Two.", "\\- Three"]


def test_blank_input_has_no_paragraphs() -> None:
    assert escape_paragraphs("  \n\n ") == []


def test_paragraphs_are_markdown() -> None:
    paragraphs = escape_paragraphs("<i>a</i>\n\nb")

    assert paragraphs == ["&lt;i&gt;a&lt;/i&gt;", "b"]
    assert all(isinstance(p, Markdown) for p in paragraphs)


# ------------------------------------------------------------------ links


def test_link_escapes_the_text_only() -> None:
    result = link("*Xi* [1]", "../actors/xi-jinping.md")

    assert result == "[\\*Xi\\* \\[1\\]](../actors/xi-jinping.md)"
    assert isinstance(result, Markdown)
    assert html(result) == '<p><a href="../actors/xi-jinping.md">*Xi* [1]</a></p>'


# ------------------------------------------------------------------ escape_prose: plain text from elsewhere


@pytest.mark.parametrize(
    "text",
    [
        "Sedio N.V. sold its stake to <Woodco Inc> of Houston for 12 dlrs a share.",
        "Shares rose 5* in early trading [1], the company said.",
        "AT&T and Procter & Gamble; the entity &amp; stays as typed.",
        "1. First, the board met.",
        "- dashed wire line",
        "# not a heading",
        "> not a quote",
        "A back\\slash, `ticks`, snake_case_names and <!-- a comment -->.",
        'He said "yes" and it\'s done!',
    ],
)
def test_escaped_prose_renders_as_the_text_itself(text: str) -> None:
    rendered = html(escape_prose(text))

    assert html_tags(rendered) == ["p"]
    assert html_module.unescape(rendered.removeprefix("<p>").removesuffix("</p>")) == text


def test_escaped_prose_leaves_ordinary_punctuation_alone() -> None:
    text = 'The "deal", worth $5bn (about 4%), closes: AT&T said so!'

    assert escape_prose(text) == text
