"""autolink.link_first_mentions: which mentions become links, and that the fast scan finds
exactly what the original one-regex-per-article version found (randomized comparison)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from briefing.load.corpus import load_corpus
from briefing.model.settings import Settings
from briefing.model.urls import entity_uri, relative_link
from briefing.render import autolink
from briefing.render.autolink import LinkTarget, link_first_mentions

REPO = Path(__file__).resolve().parents[2]

# ------------------------------------------------------------------ the original implementation
# Kept verbatim (apart from names) as the definition the faster version must reproduce byte for byte.

_OLD_PROTECTED = re.compile(
    r"(`+)(?:.+?)\1"  # inline code
    r"|!?\[[^\]]*\]\([^)]*\)"  # [text](url) and images
    r"|!?\[[^\]]*\]\[[^\]]*\]"  # [text][ref]
    r"|<[^>\n]+>"  # HTML tags and <autolinks>
    r"|https?://\S+"  # bare URLs
)
_OLD_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_OLD_SKIP_LINE = re.compile(r"^(\s{0,3}#|\s{4,}|\t|\s{0,3}\[[^\]]+\]:|\s{0,3}<)")


def reference_link_first_mentions(body: str, targets: Iterable[LinkTarget]) -> str:
    ordered = sorted(targets, key=lambda t: (-len(t.spelling), t.spelling))
    if not ordered:
        return body
    pattern = re.compile(r"(?<![\w\[/-])(" + "|".join(re.escape(t.spelling) for t in ordered) + r")(?![\w\]-])")
    by_spelling = {t.spelling: t for t in ordered}
    linked: set[str] = set()
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        fence_match = _OLD_FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
            out.append(line)
            continue
        if _OLD_SKIP_LINE.match(line) or len(linked) == len({t.key for t in ordered}):
            out.append(line)
            continue
        out.append(_old_link_line(line, pattern, by_spelling, linked))
    return "\n".join(out)


def _old_link_line(line: str, pattern: re.Pattern[str], by_spelling: dict[str, LinkTarget], linked: set[str]) -> str:
    pieces: list[str] = []
    position = 0
    for protected in _OLD_PROTECTED.finditer(line):
        pieces.append(_old_link_text(line[position : protected.start()], pattern, by_spelling, linked))
        pieces.append(protected.group(0))
        position = protected.end()
    pieces.append(_old_link_text(line[position:], pattern, by_spelling, linked))
    return "".join(pieces)


def _old_link_text(text: str, pattern: re.Pattern[str], by_spelling: dict[str, LinkTarget], linked: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = by_spelling[match.group(1)]
        if target.key in linked:
            return match.group(0)
        linked.add(target.key)
        return f"[{match.group(1)}]({target.href})"

    return pattern.sub(replace, text)


# ------------------------------------------------------------------ behaviour

XI = [
    LinkTarget("Xi Jinping", "actors/xi-jinping", "../actors/xi-jinping.md"),
    LinkTarget("Xi", "actors/xi-jinping", "../actors/xi-jinping.md"),
]
PUTIN = [LinkTarget("Putin", "actors/vladimir-putin", "../actors/vladimir-putin.md")]


def test_first_mention_only_and_longest_spelling() -> None:
    body = "Xi met Putin. Xi Jinping and Putin spoke."
    assert link_first_mentions(body, XI + PUTIN) == (
        "[Xi](../actors/xi-jinping.md) met [Putin](../actors/vladimir-putin.md). Xi Jinping and Putin spoke."
    )
    assert link_first_mentions("Xi Jinping, Xi.", XI) == "[Xi Jinping](../actors/xi-jinping.md), Xi."


def test_no_targets_or_no_mention_returns_the_body() -> None:
    assert link_first_mentions("Xi met.", []) == "Xi met."
    assert link_first_mentions("Nobody here.\n", XI) == "Nobody here.\n"


@pytest.mark.parametrize(
    "body",
    [
        "# Xi in a heading",
        "    Xi in indented code",
        "\tXi after a tab",
        "[Xi]: https://example.org reference definition",
        "<p>Xi in HTML</p>",
        "```\nXi in a fence\n```",
        "~~~~\nXi\n~~~\nstill fenced Xi\n~~~~",
    ],
)
def test_lines_never_linked(body: str) -> None:
    assert link_first_mentions(body, XI) == body


@pytest.mark.parametrize(
    "body",
    [
        "`Xi` in code",
        "``a ` Xi`` in code",
        "[Xi](https://example.org) linked already",
        "![Xi](xi.png) an image",
        "[Xi][ref] a reference link",
        "<https://example.org/Xi> an autolink",
        '<span title="Xi">tag</span>',
        "https://example.org/Xi bare URL",
        "Xis, Xi-like, Xi_x, /Xi, -Xi, [Xi, Xi], xXi",
    ],
)
def test_protected_spans_and_word_boundaries(body: str) -> None:
    assert link_first_mentions(body, XI) == body


def test_after_a_fence_closes_and_after_protected_spans() -> None:
    body = "```\nXi\n```\n`Xi` then Xi."
    assert link_first_mentions(body, XI) == "```\nXi\n```\n`Xi` then [Xi](../actors/xi-jinping.md)."


def test_a_mention_of_a_linked_entry_hides_an_overlapping_one() -> None:
    # "New York" is linked first; its second mention is still a mention, so "York Times" inside
    # "New York Times" is not one: exactly what the one-regex scan did.
    targets = [
        LinkTarget("New York", "regions/ny", "ny.md"),
        LinkTarget("York Times", "actors/nyt", "nyt.md"),
    ]
    body = "New York. New York Times. York Times."
    expected = "[New York](ny.md). New York Times. [York Times](nyt.md)."
    assert link_first_mentions(body, targets) == expected == reference_link_first_mentions(body, targets)


def test_shared_spelling_links_the_last_target_given() -> None:
    targets = [LinkTarget("Georgia", "actors/georgia", "a.md"), LinkTarget("Georgia", "regions/georgia", "r.md")]
    assert link_first_mentions("Georgia and Georgia", targets) == "[Georgia](r.md) and Georgia"


def test_patterns_are_compiled_once_per_spelling() -> None:
    """Articles naming different sets of entries must not compile a regex each."""
    autolink._spelling_pattern.cache_clear()
    pool = [LinkTarget(f"Name{n}", f"actors/n{n}", f"n{n}.md") for n in range(30)]
    rng = random.Random(7)
    for _ in range(200):
        chosen = rng.sample(pool, 5)
        link_first_mentions(" ".join(t.spelling for t in chosen), chosen)
    assert autolink._spelling_pattern.cache_info().misses <= len(pool)


# ------------------------------------------------------------------ randomized equivalence

ENTRIES: dict[str, tuple[str, ...]] = {
    "actors/xi": ("Xi Jinping", "Xi", "President Xi"),
    "actors/kim": ("Kim Jong Un", "Kim", "Kim Jong"),
    "actors/kim-yo-jong": ("Kim Yo Jong", "Kim Yo"),
    "regions/new-york": ("New York",),
    "actors/nyt": ("York Times", "New York Times", "Times"),
    "actors/us": ("United States", "US", "U.S.", "U.S"),
    "actors/cpp": ("C++", "a+b", "(x)"),
    "regions/cote": ("Côte d'Ivoire", "Côte", "d'Ivoire"),
    "actors/nato": ("NATO", "Nato", "NATO summit"),
    "actors/georgia": ("Georgia",),
    "regions/georgia": ("Georgia", "Tbilisi"),
    "regions/korea": ("Korea", "North Korea", "Korean Peninsula"),
    "actors/south-korea": ("South Korea", "Korea Republic"),
    "topics/trade": ("trade", "Trade", "trade war"),
    "topics/odd": ("-dash", "end-", "[br]", "x/y", "a.b", "`tick", "http", "+"),  # "C+++": "+" right after "C++"
    "actors/digits": ("G7", "G20", "7"),
}
SPELLINGS = sorted({s for spellings in ENTRIES.values() for s in spellings})
WORDS = ["the", "met", "and", "said", "on", "in", "talks", "x", "é", "_", "9", "Jinping", "York", "Jong"]
GLUE = ["", "", "", " ", " ", " ", "-", "/", "[", "]", "_", "'s", ".", ",", "x", "é", "(", ")", "\t", "  "]


def _fragment(rng: random.Random) -> str:
    spelling = rng.choice(SPELLINGS)
    word = rng.choice(WORDS)
    kind = rng.randrange(22)
    if kind < 8:
        return spelling
    if kind < 11:
        return word
    return [
        f"`{spelling}`",
        f"``{spelling} ` {word}``",
        f"[{spelling}](https://example.org/{word})",
        f"![{spelling}]({word}.png)",
        f"[{spelling}][{word}]",
        f"<https://example.org/{spelling}>",
        f'<span title="{spelling}">',
        f"https://example.org/{spelling}",
        "`",
        "[",
        "<",
    ][kind - 11]


def _line(rng: random.Random) -> str:
    text = "".join(_fragment(rng) + rng.choice(GLUE) for _ in range(rng.randrange(1, 12)))
    kind = rng.randrange(30)
    prefix = [
        "# ",
        "## ",
        "   #",
        "    ",
        "\t",
        "[ref]: ",
        "  [x]: ",
        "<div>",
        "   <",
        "```",
        "~~~",
        "````",
        "~~~~",
        "   ```",
        "    ```",
        " ~~~ ",
        "",
    ]
    if kind < len(prefix):
        return prefix[kind] + (text if rng.random() < 0.7 else "")
    return text


def _body(rng: random.Random) -> str:
    lines = [_line(rng) if rng.random() < 0.85 else "" for _ in range(rng.randrange(0, 14))]
    return "\n".join(lines) + rng.choice(["", "\n"])


def _targets(rng: random.Random) -> list[LinkTarget]:
    keys = rng.sample(sorted(ENTRIES), rng.randrange(0, 7))
    targets = [LinkTarget(spelling, key, f"../{key}.md") for key in keys for spelling in ENTRIES[key] if rng.random() < 0.85]
    if targets and rng.random() < 0.2:
        targets.append(rng.choice(targets))  # the same target twice
    if targets and rng.random() < 0.1:
        spelling = rng.choice(targets).spelling  # one spelling, two entries
        targets.append(LinkTarget(spelling, "actors/other", "../actors/other.md"))
    rng.shuffle(targets)
    return targets


@pytest.mark.parametrize("seed", range(8))
def test_same_output_as_the_one_regex_version(seed: int) -> None:
    rng = random.Random(seed)
    for case in range(600):
        body, targets = _body(rng), _targets(rng)
        expected = reference_link_first_mentions(body, targets)
        assert link_first_mentions(body, targets) == expected, (seed, case, body, targets)


def test_same_output_with_dense_mentions() -> None:
    """Long lines packed with overlapping spellings: many mentions hide one another."""
    rng = random.Random(99)
    for case in range(300):
        body = "\n".join("".join(rng.choice(SPELLINGS) + rng.choice(["", " ", " ", "-", "x"]) for _ in range(40)) for _ in range(3))
        targets = _targets(rng)
        assert link_first_mentions(body, targets) == reference_link_first_mentions(body, targets), (case, body)


def test_same_output_for_every_pair_of_adjacent_spellings() -> None:
    """A mention may start right where the previous one ends ("U.S.(x)"): every pair, every glue."""
    key_of = {}
    for key, spellings in ENTRIES.items():
        for spelling in spellings:
            key_of.setdefault(spelling, key)
    targets = [LinkTarget(spelling, key, f"../{key}.md") for spelling, key in key_of.items()]
    for first in SPELLINGS:
        for second in SPELLINGS:
            for glue in ("", " ", "-"):
                body = f"{first}{glue}{second} {second}{glue}{first}"
                assert link_first_mentions(body, targets) == reference_link_first_mentions(body, targets), body
    assert link_first_mentions("U.S.(x)", targets) == "[U.S.](../actors/us.md)[(x)](../actors/cpp.md)"


def test_empty_spelling_keeps_the_one_regex_behaviour() -> None:
    rng = random.Random(5)
    for _ in range(50):
        body, targets = _body(rng), _targets(rng)
        targets.append(LinkTarget("", "actors/empty", "empty.md"))
        assert link_first_mentions(body, targets) == reference_link_first_mentions(body, targets)


def test_same_output_on_a_benchmark_corpus(tmp_path: Path) -> None:
    """Real-shaped articles with the targets render.py passes (names and aliases of their entries)."""
    root = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), "200", str(root)], check=True, capture_output=True)
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok
    linked = 0
    for article in corpus.articles:
        filed = (("actors", article.actors), ("topics", article.topics), ("regions", (article.region,)))
        targets = [
            LinkTarget(spelling, f"{collection}/{entity.id}", relative_link(article.uri, entity_uri(entity)))
            for collection, ids in filed
            for entity in (getattr(corpus, collection)[entity_id] for entity_id in ids)
            for spelling in (entity.name, *entity.aliases)
            if len(spelling) > 2 or spelling.isupper()
        ]
        result = link_first_mentions(article.body, targets)
        assert result == reference_link_first_mentions(article.body, targets), article.uri
        linked += result != article.body
    assert linked > len(corpus.articles) // 2
