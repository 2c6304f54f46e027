"""Link the first mention of each registry entry in an article body to its page.

Works on the Markdown source, line by line, and leaves alone everything where a
link would be wrong or would change meaning: headings, fenced and indented code,
inline code, existing links and images, raw HTML tags, and reference definitions.
Only entries the article is filed under are linked, so a stray "Kim" in a quote
cannot point readers at the wrong person.

A mention is what one alternation of all the article's spellings, longest first,
`(?<![\\w\\[/-])(Xi Jinping|Xi|…)(?![\\w\\]-])` (`_mention_pattern`), finds scanning
left to right with `re.sub`. Every article is filed under a different set of
entries, though, so compiling that alternation would cost one regex per page.
Instead each spelling gets its own pattern, compiled once and cached for every
article naming its entry, and an article's few patterns are merged while scanning
(`_scan_text`) so that exactly the same mentions are found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# Spans inside a line that must not be touched: code, links/images, autolinks, HTML tags.
_PROTECTED = re.compile(
    r"(`+)(?:.+?)\1"  # inline code
    r"|!?\[[^\]]*\]\([^)]*\)"  # [text](url) and images
    r"|!?\[[^\]]*\]\[[^\]]*\]"  # [text][ref]
    r"|<[^>\n]+>"  # HTML tags and <autolinks>
    r"|https?://\S+"  # bare URLs
)
# The same spans, with what each of them starts with said up front: the regex engine then
# tries the five alternatives only at those characters instead of at every one (~3x faster).
_PROTECTED_STARTS = re.compile(r"(?=[`!\[<h])(?:" + _PROTECTED.pattern + ")")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SKIP_LINE = re.compile(r"^(\s{0,3}#|\s{4,}|\t|\s{0,3}\[[^\]]+\]:|\s{0,3}<)")

_TextLinker = Callable[[str, set[str]], str]  # (unprotected text, keys linked so far) -> text with links


@dataclass(frozen=True)
class LinkTarget:
    """One spelling (name or alias) and where it should link."""

    spelling: str
    key: str  # the entry, so each entry is linked once whatever spelling comes first
    href: str


def link_first_mentions(body: str, targets: Iterable[LinkTarget]) -> str:
    """Return `body` with the first mention of each entry turned into a Markdown link."""
    ordered = sorted(targets, key=lambda t: (-len(t.spelling), t.spelling))
    if not ordered:
        return body
    # When two targets share a spelling, the last one (in the caller's order) is the one linked.
    by_spelling = {t.spelling: t for t in ordered}
    if "" in by_spelling:
        # An empty spelling matches between any two characters, and only re.sub's rules for
        # empty matches say what then happens: such input (never rendered) keeps the one regex.
        pattern = _mention_pattern(tuple(t.spelling for t in ordered))
        return _link_lines(body, lambda text, linked: _sub_text(text, pattern, by_spelling, linked), {t.key for t in ordered}, None)
    # A spelling that does not occur in the body can neither be linked nor hide another mention.
    present = [(spelling, _spelling_pattern(spelling)) for spelling in by_spelling if spelling in body]
    if not present:
        return body
    keys = {by_spelling[spelling].key for spelling, _pattern in present}
    return _link_lines(
        body,
        lambda text, linked: _scan_text(text, present, by_spelling, linked, len(keys)),
        keys,
        {spelling: by_spelling[spelling].key for spelling, _pattern in present},
    )


def _link_lines(body: str, link_text: _TextLinker, keys: set[str], key_of: dict[str, str] | None) -> str:
    """Walk the lines, skipping code and headings, until every entry in `keys` is linked.

    With `key_of` (spelling -> entry), a line in which no spelling of a still unlinked entry
    occurs is kept as it is without looking for protected spans: nothing in it can change.
    """
    linked: set[str] = set()
    out: list[str] = []
    fence: str | None = None
    lines = body.split("\n")
    needles = None if key_of is None else list(key_of)
    for number, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
            out.append(line)
            continue
        if _SKIP_LINE.match(line) or (needles is not None and not any(needle in line for needle in needles)):
            out.append(line)
            continue
        before = len(linked)
        out.append(_link_line(line, link_text, linked))
        if len(linked) == len(keys):  # nothing left to link: the rest stays as written
            out.extend(lines[number + 1 :])
            break
        if key_of is not None and len(linked) != before:
            needles = [spelling for spelling, key in key_of.items() if key not in linked]
    return "\n".join(out)


def _link_line(line: str, link_text: _TextLinker, linked: set[str]) -> str:
    if "`" not in line and "[" not in line and "<" not in line and "http" not in line:
        return link_text(line, linked)  # no protected span can start anywhere in it
    pieces: list[str] = []
    position = 0
    for protected in _PROTECTED_STARTS.finditer(line):
        pieces.append(link_text(line[position : protected.start()], linked))
        pieces.append(protected.group(0))
        position = protected.end()
    pieces.append(link_text(line[position:], linked))
    return "".join(pieces)


@lru_cache(maxsize=256)
def _mention_pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    """All spellings in one alternation, longest first: the definition of a mention."""
    return re.compile(r"(?<![\w\[/-])(" + "|".join(re.escape(s) for s in spellings) + r")(?![\w\]-])")


@lru_cache(maxsize=16384)  # one per spelling, shared by every article filed under its entry
def _spelling_pattern(spelling: str) -> re.Pattern[str]:
    """`_mention_pattern` for one non-empty spelling, written to start with the spelling itself.

    `Xi(?<![\\w\\[/-]Xi)` checks, once "Xi" has matched, the character before it: the same test
    as `(?<![\\w\\[/-])Xi`, but a pattern that opens with a literal is searched for as a string
    (fast, in C) instead of trying the look-behind at every character of a paragraph.
    """
    literal = re.escape(spelling)
    return re.compile(literal + r"(?<![\w\[/-]" + literal + r")(?![\w\]-])")


def _scan_text(
    text: str,
    spellings: list[tuple[str, re.Pattern[str]]],
    by_spelling: dict[str, LinkTarget],
    linked: set[str],
    total: int,
) -> str:
    """Link mentions in one unprotected stretch, as `_mention_pattern` with `re.sub` would.

    That alternation takes the leftmost match, there the first spelling that fits (the
    longest: two spellings matching at one place and equally long would be equal), and
    resumes after it, also after a mention of an entry already linked, which therefore
    hides any mention overlapping it. `total` is the number of entries that can be linked.
    """
    if len(linked) == total:
        return text
    patterns: list[re.Pattern[str]] = []
    found: list[re.Match[str]] = []
    for _spelling, pattern in spellings:
        match = pattern.search(text)
        if match is not None:
            patterns.append(pattern)
            found.append(match)
    pieces: list[str] = []
    done = 0  # text[:done] is already in pieces
    while found:
        match = min(found, key=lambda m: (m.start(), -m.end()))
        spelling = match.group(0)
        target = by_spelling[spelling]
        if target.key not in linked:
            linked.add(target.key)
            pieces.append(text[done : match.start()])
            pieces.append(f"[{spelling}]({target.href})")
            done = match.end()
            if len(linked) == total:
                break
        position = match.end()
        for number in reversed(range(len(found))):  # those starting inside this one: look again after it
            if found[number].start() < position:
                again = patterns[number].search(text, position)
                if again is None:
                    del found[number], patterns[number]
                else:
                    found[number] = again
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _sub_text(text: str, pattern: re.Pattern[str], by_spelling: dict[str, LinkTarget], linked: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = by_spelling[match.group(1)]
        if target.key in linked:
            return match.group(0)
        linked.add(target.key)
        return f"[{match.group(1)}]({target.href})"

    return pattern.sub(replace, text)
