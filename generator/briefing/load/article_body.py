"""An article body made safe to publish: raw HTML through nh3's allowlist, links to safe schemes only.

Editors write Markdown, and Markdown lets raw HTML and any link through: `<script>`, an `onerror`
attribute or a `javascript:` link in a body would run in every reader's browser. The body is made
safe here, once, in the Markdown itself, so the MkDocs site, `briefing export` (built by another
generator) and every later stage get the same safe text, and `briefing check` can say at which
line something was removed.

- **Raw HTML.** Every place where a browser would start markup (`<` followed by a letter, `/`, `!`
  or `?`) is cut out of the Markdown as the browser's tokenizer would cut it (quoted attribute
  values included), whatever the Markdown context (a code span inside a raw HTML block is raw HTML).
  The markup, with each run of text between tags replaced by a placeholder, goes through nh3
  (Ammonia's allowlist: formatting elements, safe attributes, http(s)/mailto/tel/ftp URLs; scripts
  and styles with their content, event handlers, `style`, comments and unknown elements removed);
  the text runs are put back exactly as written. A body without markup is returned unchanged.
- **Autolinks** `<https://...>` and `<name@example.org>` stay when they cannot be read as a tag
  with attributes (no `=`, quotes or spaces); others are raw HTML, and removed.
- **Markdown links and images** `[text](url)`, `![alt](url)` and `[label]: url` whose URL has any
  scheme but http, https, mailto, tel or ftp, once entities and escapes are decoded as the browser
  and Markdown would, get a `#` in front: a link to nowhere on the page, never `javascript:`.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

import nh3

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp"})
# Ammonia's default allowlist (formatting, tables, lists, links, images), with `lang` and `title` anywhere.
_ATTRIBUTES = {**{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}, "*": {"lang", "title"}, "details": {"open"}}
_TAGS = set(nh3.ALLOWED_TAGS)
_CONTENT_REMOVED = frozenset({"script", "style"})  # removed with what they hold
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "longdesc", "action", "formaction", "poster", "background"})

_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
# Autolinks a browser would read as a bare tag without attributes, were they ever left raw.
_SAFE_AUTOLINK = re.compile(
    r"<(?:(?i:https?|ftp)://|(?i:mailto|tel):)[^\s<>\"'`=]*>"
    r"|<[A-Za-z0-9.!#$%&*+?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*>"
)
_WEB_AUTOLINK = re.compile(r"<((?i:https?|ftp)://[^\s<>\"'`]*)>")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")
_LINK_DESTINATION = re.compile(r"\]\(|\]:")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_WHITESPACE = "\t\n\f\r "


@dataclass(frozen=True)
class Removal:
    """Something taken out of a body: where (0-based offset in the body as written) and what."""

    offset: int
    message: str


@dataclass(frozen=True)
class SafeBody:
    text: str
    removals: tuple[Removal, ...] = ()


def make_safe(body: str) -> SafeBody:
    """`body` with raw HTML sanitised and unsafe link URLs disabled, and what was removed."""
    if "<" not in body and ("]" not in body or ("](" not in body and "]:" not in body)):
        return SafeBody(body)  # nothing that can be markup or a link: the common case, unchanged (one-character scans first: memchr)
    text, origin, removals = _sanitise_markup(body)
    text, link_removals = _disable_unsafe_links(text, origin)
    found = sorted(removals + link_removals, key=lambda r: r.offset)
    return SafeBody(text, tuple(found))


# ---------------------------------------------------------------------------- raw HTML


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    markup: bool
    replacement: str | None = None  # text that stands for this piece (an autolink written as a link)


def _pieces(body: str) -> list[_Piece]:
    """The body cut into text and markup, where a browser's tokenizer would cut it."""
    pieces: list[_Piece] = []
    text_start = position = 0
    while True:
        found = _MARKUP_START.search(body, position)
        if found is None:
            break
        start = found.start()
        autolink = _SAFE_AUTOLINK.match(body, start)
        if autolink is not None:
            position = autolink.end()
            continue
        rewritable = _WEB_AUTOLINK.match(body, start)
        if rewritable is not None:  # `<https://x/?a=b>`: the same link, written so no browser reads a tag
            if text_start < start:
                pieces.append(_Piece(text_start, start, False))
            pieces.append(_Piece(start, rewritable.end(), False, _as_inline_link(rewritable.group(1))))
            text_start = position = rewritable.end()
            continue
        end = _markup_end(body, start)
        if end is None:
            position = start + 1
            continue
        if text_start < start:
            pieces.append(_Piece(text_start, start, False))
        pieces.append(_Piece(start, end, True))
        text_start = position = end
    if text_start < len(body):
        pieces.append(_Piece(text_start, len(body), False))
    return pieces


def _as_inline_link(url: str) -> str:
    """`[url](url)`: what Python-Markdown makes of the autolink `<url>`, as an inline link."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", url).replace("&", "&amp;")
    destination = url.replace("(", "%28").replace(")", "%29")
    return f"[{text}]({destination})"


def _markup_end(text: str, start: int) -> int | None:
    """Where the markup opening at `start` ends (HTML's tokenizer), or None when `<` is text there."""
    after = text[start + 1]
    if after == "!":
        if text.startswith("<!--", start):
            for empty in ("<!-->", "<!--->"):
                if text.startswith(empty, start):
                    return start + len(empty)
            ends = [found + len(close) for close in ("-->", "--!>") if (found := text.find(close, start + 4)) >= 0]
            return min(ends) if ends else len(text)
        return _to_closing_bracket(text, start)
    if after == "?":
        return _to_closing_bracket(text, start)
    if after == "/":
        following = text[start + 2 : start + 3]
        if following.isascii() and following.isalpha():
            return _tag_end(text, start + 2)
        if following == ">":
            return start + 3
        return _to_closing_bracket(text, start) if following else None
    return _tag_end(text, start + 1)


def _to_closing_bracket(text: str, start: int) -> int:
    """A bogus comment (`<!x>`, `<?x>`, `</1>`): up to the next `>`, or the end."""
    found = text.find(">", start)
    return len(text) if found < 0 else found + 1


def _tag_end(text: str, position: int) -> int:
    """The end of a start or end tag whose name begins at `position`, quoted values respected.

    A small version of HTML's tag states; a tag the text ends inside runs to the end (a browser
    drops it, and so does the sanitiser).
    """
    state = "name"
    length = len(text)
    while position < length:
        char = text[position]
        if state in ("name", "attribute", "before-attribute", "after-name"):
            if char == "/":
                state = "self-closing"
            elif char == ">":
                return position + 1
            elif char in _WHITESPACE:
                state = {"name": "before-attribute", "attribute": "after-name"}.get(state, state)
            elif char == "=" and state in ("attribute", "after-name"):
                state = "before-value"
            elif state in ("before-attribute", "after-name"):
                state = "attribute"  # a name starts (`=` too, right after a space)
        elif state == "before-value":
            if char == '"' or char == "'":
                closing = text.find(char, position + 1)
                if closing < 0:
                    return length
                position, state = closing, "after-quoted"
            elif char == ">":
                return position + 1
            elif char not in _WHITESPACE:
                state = "unquoted"
        elif state == "unquoted":
            if char in _WHITESPACE:
                state = "before-attribute"
            elif char == ">":
                return position + 1
        elif state in ("after-quoted", "self-closing"):
            if char == ">":
                return position + 1
            state = "before-attribute"
            continue  # the character is read again in that state
        position += 1
    return length


def _sanitise_markup(body: str) -> tuple[str, list[tuple[int, int]], list[Removal]]:
    """The body with its markup through nh3; `origin` maps output offsets to body offsets."""
    pieces = _pieces(body)
    markup = [piece for piece in pieces if piece.markup]
    if not markup and all(piece.replacement is None for piece in pieces):
        return body, [(0, 0)], []
    marker = "briefingtext"
    while marker in body:
        marker += "x"
    texts: dict[int, _Piece] = {}
    stream: list[str] = []
    for number, piece in enumerate(pieces):
        chunk = body[piece.start : piece.end]
        if piece.markup or (piece.replacement is None and not chunk.strip(_WHITESPACE)):
            stream.append(chunk)  # whitespace alone is kept as it is, so tables keep their shape
        else:
            texts[number] = piece
            stream.append(f"{marker}{number}{marker}")
    cleaned = nh3.clean(
        "".join(stream),
        tags=_TAGS,
        clean_content_tags=set(_CONTENT_REMOVED),
        attributes=_ATTRIBUTES,
        url_schemes=set(SAFE_URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )
    out: list[str] = []
    origin: list[tuple[int, int]] = []  # (offset in the output, offset in the body) where a stretch starts
    length = 0
    last_source = 0
    kept: set[int] = set()
    for index, part in enumerate(re.split(f"{marker}([0-9]+){marker}", cleaned)):
        if index % 2:
            piece = texts[int(part)]
            kept.add(int(part))
            origin.append((length, piece.start))
            out.append(body[piece.start : piece.end] if piece.replacement is None else piece.replacement)
            length += len(out[-1])
            last_source = piece.end
        elif part:
            origin.append((length, last_source))
            out.append(part)  # nh3's markup, and text it kept escaped (from an element it dropped)
            length += len(part)
    removals = [removal for piece in markup if (removal := _judge(body, piece)) is not None]
    if not any(" and its content" in removal.message for removal in removals):  # else said there
        removals += [
            Removal(piece.start, "removed text inside an element that is not published") for n, piece in texts.items() if n not in kept
        ]
    return "".join(out), origin or [(0, 0)], removals


_ATTRIBUTE = re.compile(r"""([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


def _judge(body: str, piece: _Piece) -> Removal | None:
    """What nh3 takes from one piece of markup, said for the editor (None when it keeps it)."""
    token = body[piece.start : piece.end]
    if token.startswith("<!--") and piece.end == len(body) and not token.endswith(("-->", "--!>")):
        return Removal(piece.start, "removed a comment that is never closed, and everything after it: end it with -->")
    if token.startswith(("<!", "<?")) or not re.match(r"</?[A-Za-z]", token):
        return None  # comments and the like: never shown to readers, dropped without a word
    name_match = re.match(r"</?([^\s/>]+)", token)
    assert name_match is not None
    name = name_match.group(1).lower()
    shown = _shorten(token)
    if token.startswith("</"):
        return None  # said at the start tag
    if re.match(r"<(?i:https?|ftp|mailto|tel):", token):
        return Removal(piece.start, f"removed the autolink {shown}: write it as [text](address)")
    if name in _CONTENT_REMOVED:
        return Removal(piece.start, f"removed <{name}> and its content: articles cannot run scripts or styles")
    if name not in _TAGS:
        return Removal(piece.start, f"removed the tag {shown}: only formatting HTML is published in articles")
    allowed = _ATTRIBUTES.get(name, set()) | _ATTRIBUTES["*"]
    attributes = token[name_match.end() :].rstrip(">").rstrip("/")
    found: list[tuple[int, str]] = []  # (rank, message): the most serious is said
    for match in _ATTRIBUTE.finditer(attributes):
        attribute = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        if attribute.startswith("on"):
            found.append((0, f"removed the event handler '{attribute}' of <{name}>: articles cannot run scripts"))
        elif attribute not in allowed:
            found.append((2, f"removed the attribute '{attribute}' of <{name}>: it is not published in articles"))
        elif attribute in _URL_ATTRIBUTES and not url_is_safe(value):
            found.append((1, f"removed the {attribute} '{_shorten(value)}' of <{name}>: {_SCHEMES_NOTE}"))
    return Removal(piece.start, min(found)[1]) if found else None


_SCHEMES_NOTE = "links must be web (http, https), mailto, tel or ftp addresses"


def _shorten(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------------------- Markdown links


def url_is_safe(url: str) -> bool:
    """A relative URL, or one whose scheme (decoded as a browser and Markdown would) is allowed."""
    scheme = _scheme_of(url)
    return scheme is None or scheme in SAFE_URL_SCHEMES


def _scheme_of(url: str) -> str | None:
    decoded = _ESCAPED.sub(r"\1", html.unescape(url))
    decoded = re.sub("[\t\n\r]", "", decoded).lstrip("".join(map(chr, range(0x21))))
    found = _SCHEME.match(decoded)
    return found.group(1).lower() if found else None


def _disable_unsafe_links(text: str, origin: list[tuple[int, int]]) -> tuple[str, list[Removal]]:
    """Put `#` before every link destination whose scheme is not allowed."""
    inserts: list[int] = []
    removals: list[Removal] = []
    for found in _LINK_DESTINATION.finditer(text):
        start = found.end()
        while start < len(text) and text[start] in _WHITESPACE:
            start += 1
        destination = text[start : _destination_end(text, start, inline=found.group() == "](")]
        if destination and not url_is_safe(destination):
            inserts.append(start)
            removals.append(Removal(_body_offset(origin, start), f"disabled the link to '{_shorten(destination)}': {_SCHEMES_NOTE}"))
    if not inserts:
        return text, []
    parts = [text[a:b] for a, b in zip([0, *inserts], [*inserts, len(text)])]
    return "#".join(parts), removals


def _destination_end(text: str, start: int, inline: bool) -> int:
    """Where a link destination ends: a definition's at whitespace; an inline link's at the `)` that
    closes it (Python-Markdown keeps a tab or a line break inside, which browsers then drop)."""
    depth = 0
    end = start
    while end < len(text) and (inline or text[end] not in _WHITESPACE):
        if inline and text[end] == "(":
            depth += 1
        elif inline and text[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return end


def _body_offset(origin: list[tuple[int, int]], offset: int) -> int:
    """Where an offset of the sanitised text was in the body as written (the start of its stretch)."""
    at = bisect_right([start for start, _ in origin], offset) - 1
    out_start, source_start = origin[max(at, 0)]
    return source_start + (offset - out_start)
