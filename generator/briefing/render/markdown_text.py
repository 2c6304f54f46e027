"""Metadata is data, never markup: turn editors' text into inert Markdown.

Titles, names, summaries and descriptions are escaped on their way into every
generated page, so `<script>`, `[link](javascript:...)`, `**bold**` or `{{ x }}`
in a title shows as those characters. Escapes are plain CommonMark backslash
escapes and HTML entities, which every Markdown engine understands.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters Python-Markdown and CommonMark both honour a backslash escape for, and that can start markup.
_BACKSLASH_ESCAPED = set("\\`*_[]{}|#!")
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_ESCAPE_TABLE = str.maketrans({**{c: "\\" + c for c in _BACKSLASH_ESCAPED}, **_HTML_ENTITIES})
_LINE_START_MARKUP = re.compile(r"^(\s*)([-+]|\d+[.)](?=\s|$))")


class Markdown(str):
    """Text already safe to place in a Markdown page (escaped, or written by the generator)."""


def escape_inline(text: object) -> Markdown:
    """One line of literal text: whitespace collapsed, every markup character neutralised."""
    if isinstance(text, Markdown):
        return text
    return Markdown(_escape_text(str(text)))


@lru_cache(maxsize=65536)  # the same names and titles appear on many pages
def _escape_text(text: str) -> str:
    escaped = " ".join(text.split()).translate(_ESCAPE_TABLE)
    # "1. Title" or "- Title" at the start of a line would become a list item.
    return _LINE_START_MARKUP.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def escape_paragraphs(text: object) -> list[Markdown]:
    """Literal text that may have several paragraphs.

    Paragraphs are separated by blank lines; text without any blank line (as YAML's
    folded `>-` style produces) breaks paragraphs at each newline.
    """
    stripped = str(text).strip()
    separator = r"\n\s*\n" if re.search(r"\n\s*\n", stripped) else r"\n"
    paragraphs = re.split(separator, stripped)
    return [escape_inline(p) for p in paragraphs if p.strip()]


# What plain prose needs escaped to stay prose: markup that Python-Markdown and CommonMark both read
# inside a paragraph, and an entity-like "&name;". Everything else (quotes, dots, AT&T) stays as written.
_PROSE_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]"})
_PROSE_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_PROSE_ENTITY = re.compile(r"&(?=#?\w+;)")
_PROSE_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d+[.)](?=\s|$))")


def escape_prose(paragraph: str) -> Markdown:
    """A paragraph of plain text from elsewhere (wire copy, a web page's or a feed's text) as
    Markdown that shows exactly that text: '<Sedio N.V.>' a wire story writes stays visible rather
    than read as a tag, '*' and '[1]' stay characters. Lighter than `escape_inline`, which also
    escapes quotes and '!': a draft an editor reads and edits should look like the text."""
    escaped = _PROSE_ENTITY.sub("&amp;", paragraph.translate(_PROSE_ESCAPED))
    escaped = _PROSE_TAG_START.sub("&lt;", escaped)
    return Markdown(_PROSE_LINE_START.sub(lambda m: _escape_marker(m.group(1)), escaped))


def link(text: object, target: str) -> Markdown:
    """`[text](target)` with the text escaped; the target is generated, never editor text."""
    return Markdown(f"[{escape_inline(text)}]({target})")
