"""Link the first mention of each registry entry in an article body to its page.

Works on the Markdown source, line by line, and leaves alone everything where a
link would be wrong or would change meaning: headings, fenced and indented code,
inline code, existing links and images, raw HTML tags, and reference definitions.
Only entries the article is filed under are linked, so a stray "Kim" in a quote
cannot point readers at the wrong person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Spans inside a line that must not be touched: code, links/images, autolinks, HTML tags.
_PROTECTED = re.compile(
    r"(`+)(?:.+?)\1"                      # inline code
    r"|!?\[[^\]]*\]\([^)]*\)"             # [text](url) and images
    r"|!?\[[^\]]*\]\[[^\]]*\]"            # [text][ref]
    r"|<[^>\n]+>"                          # HTML tags and <autolinks>
    r"|https?://\S+"                       # bare URLs
)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SKIP_LINE = re.compile(r"^(\s{0,3}#|\s{4,}|\t|\s{0,3}\[[^\]]+\]:|\s{0,3}<)")


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
    pattern = _mention_pattern(tuple(t.spelling for t in ordered))
    by_spelling = {t.spelling: t for t in ordered}
    linked: set[str] = set()
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
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
        if _SKIP_LINE.match(line) or len(linked) == len({t.key for t in ordered}):
            out.append(line)
            continue
        out.append(_link_line(line, pattern, by_spelling, linked))
    return "\n".join(out)


@lru_cache(maxsize=4096)  # articles naming the same entries share one compiled pattern
def _mention_pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w\[/-])(" + "|".join(re.escape(s) for s in spellings) + r")(?![\w\]-])")


def _link_line(line: str, pattern: re.Pattern[str], by_spelling: dict[str, LinkTarget], linked: set[str]) -> str:
    pieces: list[str] = []
    position = 0
    for protected in _PROTECTED.finditer(line):
        pieces.append(_link_text(line[position: protected.start()], pattern, by_spelling, linked))
        pieces.append(protected.group(0))
        position = protected.end()
    pieces.append(_link_text(line[position:], pattern, by_spelling, linked))
    return "".join(pieces)


def _link_text(text: str, pattern: re.Pattern[str], by_spelling: dict[str, LinkTarget], linked: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = by_spelling[match.group(1)]
        if target.key in linked:
            return match.group(0)
        linked.add(target.key)
        return f"[{match.group(1)}]({target.href})"

    return pattern.sub(replace, text)
