"""network: deterministic layout, the actor network SVG, its filter form and script."""

from __future__ import annotations

import colorsys
import random
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest

import briefing
from briefing.render.network import KIND_COLOURS, build_network, layout, network_controls_html, network_pairs_html, network_svg

NETWORK_JS_PATH = Path(briefing.__file__).parent / "site" / "theme" / "assets" / "briefing-network.js"
NETWORK_JS = NETWORK_JS_PATH.read_text(encoding="utf-8")

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'quoted'"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str


ACTORS = [
    Actor("xi-jinping", "Xi Jinping", "person"),
    Actor("vladimir-putin", "Vladimir Putin", "person"),
    Actor("china", "China", "state"),
    Actor("russia", "Russia", "state"),
    Actor("nato", "NATO", "organization"),
    Actor("hamas", "Hamas", "group"),
]
COUNTS = {"xi-jinping": 5, "vladimir-putin": 4, "china": 7, "russia": 6, "nato": 2, "hamas": 1}
EDGES = {
    ("china", "xi-jinping"): 5,
    ("russia", "vladimir-putin"): 4,
    ("china", "russia"): 3,
    ("vladimir-putin", "xi-jinping"): 2,
    ("nato", "russia"): 1,
}


def url_for(actor_id: str) -> str:
    return f"../actors/{actor_id}.html"


def random_graph(n: int, seed: int = 7) -> tuple[list[Actor], dict[str, int], dict[tuple[str, str], int]]:
    rnd = random.Random(seed)
    kinds = ["person", "state", "organization", "group"]
    actors = [Actor(f"actor-{i:03d}", f"Actor {i}", kinds[i % 4]) for i in range(n)]
    counts = {a.id: 1 + rnd.randrange(30) for a in actors}
    edges: dict[tuple[str, str], int] = {}
    for _ in range(n * 3):
        a, b = sorted(rnd.sample([x.id for x in actors], 2))
        edges[(a, b)] = edges.get((a, b), 0) + 1
    return actors, counts, edges


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def svg_of(markup: str) -> ET.Element:
    svg = parse(markup).find(f"{SVG}svg")
    assert svg is not None
    return svg


def nodes_of(markup: str) -> list[ET.Element]:
    return [a for a in parse(markup).iter(f"{SVG}a") if a.get("class") == "bn-node"]


def edges_of(markup: str) -> list[ET.Element]:
    """The paths of ties: one per weight."""
    return [p for g in parse(markup).iter(f"{SVG}g") if g.get("class") == "bn-edges" for p in g.iter(f"{SVG}path")]


def ties_of(markup: str) -> dict[tuple[str, str], tuple[int, float, tuple[float, ...]]]:
    """Each drawn tie: (node id, node id) -> (weight, stroke width, its segment x1 y1 x2 y2)."""
    ids = [a.get("data-id") or "" for a in nodes_of(markup)]
    ties = {}
    for path in edges_of(markup):
        segments = [tuple(float(v) for v in part.replace("L", " ").split()) for part in (path.get("d") or "").split("M")[1:]]
        ends = [tuple(int(i) for i in pair.split(",")) for pair in (path.get("data-ends") or "").split()]
        assert len(segments) == len(ends)
        for (i, j), segment in zip(ends, segments):
            ties[(ids[i], ids[j])] = (int(path.get("data-weight") or 0), float(path.get("stroke-width") or 0), segment)
    return ties


def circle_of(markup: str, actor_id: str) -> tuple[float, float]:
    node = next(a for a in nodes_of(markup) if a.get("data-id") == actor_id)
    circle = node.find(f"{SVG}circle")
    assert circle is not None
    return float(circle.get("cx") or 0), float(circle.get("cy") or 0)


def demo_svg(actors: list[Actor] = ACTORS, **kwargs: object) -> str:
    return network_svg(build_network(actors, EDGES, COUNTS, **kwargs), url_for)  # type: ignore[arg-type]


# ---------------------------------------------------------------- layout


def test_layout_is_deterministic_and_independent_of_input_order() -> None:
    _, _, edges = random_graph(60)
    ids = sorted({i for pair in edges for i in pair})
    first = layout(ids, edges)
    again = layout(list(reversed(ids)), dict(reversed(list(edges.items()))))
    assert first == again
    assert repr(first) == repr(layout(ids, edges))


def test_layout_fills_the_unit_square() -> None:
    _, _, edges = random_graph(80)
    ids = sorted({i for pair in edges for i in pair})
    positions = layout(ids, edges)
    assert set(positions) == set(ids)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    assert min(xs) == 0 and max(xs) == 1 and min(ys) == 0 and max(ys) == 1
    assert len(set(positions.values())) == len(ids)  # no two nodes on the same spot


def test_layout_pulls_connected_nodes_together() -> None:
    # Two cliques joined by nothing: members should sit nearer their own clique.
    left = [f"a{i}" for i in range(6)]
    right = [f"b{i}" for i in range(6)]
    edges = {(x, y): 3 for group in (left, right) for i, x in enumerate(group) for y in group[i + 1 :]}
    positions = layout(left + right, edges)

    def mean_distance(pairs: list[tuple[str, str]]) -> float:
        return sum(((positions[a][0] - positions[b][0]) ** 2 + (positions[a][1] - positions[b][1]) ** 2) ** 0.5 for a, b in pairs) / len(
            pairs
        )

    inside = [(x, y) for group in (left, right) for i, x in enumerate(group) for y in group[i + 1 :]]
    across = [(x, y) for x in left for y in right]
    assert mean_distance(inside) < mean_distance(across) / 2


def test_layout_small_cases() -> None:
    assert layout([], {}) == {}
    assert layout(["solo"], {}) == {"solo": (0.5, 0.5)}
    two = layout(["a", "b"], {("a", "b"): 1})
    assert two["a"] != two["b"]


def test_layout_ignores_self_loops_and_unknown_ids() -> None:
    base = layout(["a", "b", "c"], {("a", "b"): 2})
    assert layout(["a", "b", "c"], {("a", "b"): 2, ("a", "a"): 9, ("a", "zzz"): 4}) == base
    assert layout(["a", "b", "c"], {("b", "a"): 2}) == base  # pair order does not matter


# ---------------------------------------------------------------- build_network and the SVG


def test_svg_is_deterministic() -> None:
    actors, counts, edges = random_graph(50)
    make = lambda: network_svg(build_network(actors, edges, counts), url_for)  # noqa: E731
    assert make() == make()


def test_every_node_lies_inside_the_viewbox() -> None:
    actors, counts, edges = random_graph(120)
    markup = network_svg(build_network(actors, edges, counts, width=800, height=500), url_for)
    assert svg_of(markup).get("viewBox") == "0 0 800 500"
    circles = [c for a in nodes_of(markup) for c in a.iter(f"{SVG}circle")]
    assert len(circles) == 120
    for circle in circles:
        x, y, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))  # type: ignore[arg-type]
        assert r <= x <= 800 - r and r <= y <= 500 - r
    ties = ties_of(markup)
    assert len(ties) == len(build_network(actors, edges, counts).edges)
    for (a, b), (_, _, (x1, y1, x2, y2)) in ties.items():
        assert (x1, y1) == circle_of(markup, a) and (x2, y2) == circle_of(markup, b)  # from centre to centre
        assert 0 <= x1 <= 800 and 0 <= x2 <= 800 and 0 <= y1 <= 500 and 0 <= y2 <= 500


def test_nodes_link_and_carry_their_data() -> None:
    markup = demo_svg()
    nodes = {a.get("data-id"): a for a in nodes_of(markup)}
    assert set(nodes) == {a.id for a in ACTORS}
    xi = nodes["xi-jinping"]
    assert xi.get("href") == "../actors/xi-jinping.html"
    assert xi.get("data-kind") == "person"
    assert xi.get("data-count") == "5"
    assert xi.get("aria-label") == "Xi Jinping — person, 5 briefings"  # the script shows it as a tooltip too
    assert nodes["hamas"].get("aria-label") == "Hamas — group, 1 briefing"
    assert xi.find(f"{SVG}title") is None  # no element per node for what an attribute says
    assert xi.findtext(f"{SVG}text") == "Xi Jinping"
    assert xi.find(f"{SVG}circle").get("fill") == KIND_COLOURS["person"]  # type: ignore[union-attr]


def test_node_size_grows_with_article_count() -> None:
    radius = {a.get("data-id"): float(a.find(f"{SVG}circle").get("r")) for a in nodes_of(demo_svg())}  # type: ignore[union-attr,arg-type]
    assert radius["china"] > radius["xi-jinping"] > radius["nato"] > radius["hamas"]


def test_edges_carry_weight_and_endpoints() -> None:
    ties = ties_of(demo_svg())
    assert {pair: weight for pair, (weight, _, _) in ties.items()} == EDGES
    width = {pair: stroke for pair, (_, stroke, _) in ties.items()}
    assert width[("china", "xi-jinping")] > width[("china", "russia")] > width[("nato", "russia")]


def test_one_path_per_weight_of_tie() -> None:
    actors, counts, edges = random_graph(60)
    net = build_network(actors, edges, counts)
    paths = edges_of(network_svg(net, url_for))
    weights = [int(p.get("data-weight") or 0) for p in paths]
    assert weights == sorted({e.weight for e in net.edges})  # lightest under, heaviest on top
    assert len(paths) < len(net.edges) / 5


def test_edges_in_either_order_are_merged() -> None:
    net = build_network(ACTORS, {("xi-jinping", "china"): 5, ("china", "xi-jinping"): 5}, COUNTS)
    assert [(e.a, e.b, e.weight) for e in net.edges] == [("china", "xi-jinping", 5)]


def test_svg_is_an_accessible_figure() -> None:
    markup = demo_svg()
    svg = svg_of(markup)
    # A labelled figure, not role="img": an image's children are presentational, so the node
    # links inside would be focusable yet hidden from screen readers (axe: nested-interactive).
    assert svg.get("role") == "figure"
    title_id = svg.get("aria-labelledby")
    title = svg.find(f"{SVG}title")
    assert title is not None and title.get("id") == title_id and title.text
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == svg.get("aria-describedby")
    assert "6 actors" in (desc.text or "")


def test_legend_names_each_kind_present() -> None:
    legend = next(g for g in svg_of(demo_svg()).iter(f"{SVG}g") if g.get("class") == "bn-legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["People", "States", "Organizations", "Groups"]
    assert [c.get("fill") for c in legend.iter(f"{SVG}circle")] == [KIND_COLOURS[k] for k in ("person", "state", "organization", "group")]


def test_hostile_names_are_escaped_in_the_svg() -> None:
    actors = [*ACTORS[:-1], Actor("hamas", HOSTILE, "group")]
    markup = demo_svg(actors, label_limit=100)
    assert "<script" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in markup
    node = next(a for a in nodes_of(markup) if a.get("data-id") == "hamas")
    assert node.findtext(f"{SVG}text") == HOSTILE
    assert node.get("aria-label") == f"{HOSTILE} — group, 1 briefing"


def test_hostile_ids_and_urls_are_escaped() -> None:
    evil = Actor('x"><script>y', "Evil", "person")
    markup = network_svg(
        build_network([evil, ACTORS[0]], {(evil.id, "xi-jinping"): 2}, {evil.id: 3, "xi-jinping": 5}),
        lambda actor_id: f"?id={actor_id}&x=1",
    )
    assert "<script" not in markup
    node = next(a for a in nodes_of(markup) if a.get("data-count") == "3")
    assert node.get("data-id") == evil.id
    assert node.get("href") == f"?id={evil.id}&x=1"
    assert list(ties_of(markup)) == [(evil.id, "xi-jinping")]


def test_names_with_newlines_keep_the_markdown_block_whole() -> None:
    actors = [*ACTORS[:-1], Actor("hamas", "Ha\n\n    mas", "group")]
    markup = demo_svg(actors)
    assert "\n\n" not in markup
    assert not any(line.startswith("    ") for line in markup.splitlines())
    assert 'aria-label="Ha mas — group, 1 briefing"' in markup


def test_no_blank_or_indented_lines_and_valid_xml() -> None:
    actors, counts, edges = random_graph(40)
    net = build_network(actors, edges, counts)
    for markup in (network_svg(net, url_for), network_controls_html(net.kinds, net.nodes, max_weight=net.max_weight)):
        lines = markup.split("\n")
        assert all(line.strip() for line in lines)
        assert not any(line.startswith(" ") for line in lines)
        parse(markup)


def test_survives_markdown_as_raw_html_blocks() -> None:
    actors = [*ACTORS[:-1], Actor("hamas", "*Ha*_mas_", "group")]
    net = build_network(actors, EDGES, COUNTS)
    svg = network_svg(net, url_for)
    form = network_controls_html(net.kinds, net.nodes, max_weight=net.max_weight)
    out = markdown.markdown(f"# Network\n\n{form}\n\n{svg}\n\nAfter.")
    assert svg in out and form in out
    assert "<em>" not in out


def test_truncation_keeps_the_most_covered_and_says_so() -> None:
    actors = [Actor(f"a{i}", f"A {i}", "person") for i in range(10)]
    counts = {f"a{i}": c for i, c in enumerate([5, 9, 1, 9, 3, 7, 7, 2, 0, 4])}
    edges = {("a0", "a1"): 2, ("a1", "a2"): 1, ("a3", "a5"): 4, ("a2", "a7"): 1}
    net = build_network(actors, edges, counts, max_nodes=5)
    assert [n.id for n in net.nodes] == ["a1", "a3", "a5", "a6", "a0"]  # by count, ties by id
    assert net.truncated
    assert net.total_actors == 9  # a8 has no briefing
    assert net.omitted == ("a9", "a4", "a7", "a2")
    assert {(e.a, e.b) for e in net.edges} == {("a0", "a1"), ("a3", "a5")}  # none to a dropped actor
    markup = network_svg(net, url_for)
    assert len(nodes_of(markup)) == 5
    assert "The 5 most covered of 9 actors" in markup


def test_no_truncation_below_the_limit() -> None:
    net = build_network(ACTORS, EDGES, COUNTS)
    assert not net.truncated and net.omitted == () and net.total_actors == 6


def test_default_limit_is_150_nodes() -> None:
    actors, counts, edges = random_graph(170)
    net = build_network(actors, edges, counts, iterations=5)
    assert len(net.nodes) == 150 and net.truncated and len(net.omitted) == 20


def test_only_the_most_covered_are_labelled_until_hovered() -> None:
    actors, counts, edges = random_graph(30)
    net = build_network(actors, edges, counts, label_limit=10)
    markup = network_svg(net, url_for)
    labelled = [a.get("data-id") for a in nodes_of(markup) if a.find(f"{SVG}text") is not None]
    assert labelled == [n.id for n in net.nodes[:10]]  # the others get their name from the script, on demand
    layer = next(g for g in parse(markup).iter(f"{SVG}g") if g.get("class") == "bn-labels")
    assert len(layer) == 0 and layer.get("pointer-events") == "none"


def test_few_elements_per_actor_and_tie() -> None:
    """The page must stay light (issue #11): at most two elements per unlabelled actor, three per
    labelled one, and one per weight of tie rather than one per tie."""
    actors, counts, edges = random_graph(100)
    net = build_network(actors, edges, counts, label_limit=40)
    elements = sum(1 for _ in svg_of(network_svg(net, url_for)).iter())
    weights = len({e.weight for e in net.edges})
    legend = 2 * len(net.kinds) + 1
    assert elements <= 1 + 2 + legend + (1 + weights) + (1 + 2 * 100 + 40) + 1


def test_kind_colours_have_contrast_on_light_and_dark_backgrounds() -> None:
    """WCAG 1.4.11: graphics need 3:1 against Material's white and its slate hsl(225, 15%, 14%)."""

    def luminance(rgb: tuple[float, float, float]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: float, b: float) -> float:
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)

    white = 1.0
    slate = luminance(colorsys.hls_to_rgb(225 / 360, 0.14, 0.15))
    for kind, colour in KIND_COLOURS.items():
        rgb = tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        value = luminance(rgb)  # type: ignore[arg-type]
        assert contrast(value, white) >= 3, kind
        assert contrast(value, slate) >= 3, kind
    assert len(set(KIND_COLOURS.values())) == 4


# ---------------------------------------------------------------- controls


def test_controls_offer_each_kind_a_minimum_and_a_focus() -> None:
    net = build_network(ACTORS, EDGES, COUNTS)
    form = parse(network_controls_html(net.kinds, net.nodes, max_weight=net.max_weight))
    assert form.tag == "form" and form.get("hidden") is not None
    assert form.get("data-target") == "briefing-network"
    boxes = form.findall(".//input[@name='kind']")
    assert [b.get("value") for b in boxes] == ["person", "state", "organization", "group"]
    assert all(b.get("type") == "checkbox" and b.get("checked") for b in boxes)
    minimum = form.find(".//input[@name='min']")
    assert minimum is not None and minimum.get("min") == "1" and minimum.get("max") == "5" and minimum.get("value") == "1"
    options = form.findall(".//select[@name='focus']/option")
    assert options[0].get("value") == ""
    assert [o.text for o in options[1:]] == ["China", "Hamas", "NATO", "Russia", "Vladimir Putin", "Xi Jinping"]
    assert form.find(".//*[@role='status']") is not None


def test_controls_escape_names_and_ids() -> None:
    evil = Actor('x"><script>y', HOSTILE, "person")
    markup = network_controls_html(["person", "<b>odd</b>"], [evil], target='t"><script>')
    assert "<script" not in markup
    form = parse(markup)
    option = form.findall(".//option")[1]
    assert option.get("value") == evil.id and option.text == HOSTILE
    assert form.get("data-target") == 't"><script>'
    assert [b.get("value") for b in form.findall(".//input[@name='kind']")] == ["person", "<b>odd</b>"]


def test_controls_target_the_svg_id() -> None:
    net = build_network(ACTORS, EDGES, COUNTS)
    svg = network_svg(net, url_for, element_id="net-2")
    form = network_controls_html(net.kinds, net.nodes, target="net-2")
    assert svg_of(svg).get("id") == parse(form).get("data-target") == "net-2"


# ---------------------------------------------------------------- the table of pairs


def pair_href(a: str, b: str, weight: int) -> str:
    return f"../actors/{a}/with/{b}.html?w={weight}&x=1"


def test_every_tie_drawn_is_a_link_in_the_folded_list() -> None:
    net = build_network(ACTORS, EDGES, COUNTS)
    root = parse(f"<div>{network_pairs_html(net, url_for, pair_href, total=len(EDGES), strongest=3)}</div>")
    table, details = root.find("table"), root.find("details")
    rows = table.findall("./tbody/tr")
    assert [[td.findtext("a") for td in row.findall("td")] for row in rows] == [
        ["China", "Xi Jinping", "5"],
        ["Russia", "Vladimir Putin", "4"],
        ["China", "Russia", "3"],
    ]
    assert [a.get("href") for a in rows[0].iter("a")] == [url_for("china"), url_for("xi-jinping"), pair_href("china", "xi-jinping", 5)]
    assert [th.text for th in table.findall("./thead/tr/th")] == ["Actor", "Actor", "Shared briefings"]
    assert details.get("open") is None  # closed: no layout until opened
    assert details.findtext("summary") == "All 5 ties drawn, by actor (shared briefings in brackets)"
    ties = details.find("ul")
    assert ties.get("data-target") == "briefing-network"
    order = [node.id for node in net.nodes]
    # Every drawn tie once, keyed as the SVG's data-ends writes it, its link to the pair's briefings.
    svg_ends = {
        tuple(end.split(","))
        for path in svg_of(network_svg(net, url_for)).iter(f"{SVG}path")
        for end in (path.get("data-ends") or "").split()
    }
    links = {tuple(a.get("data-ends").split(",")): a for a in ties.iter("a")}
    assert len(links) == len(list(ties.iter("a"))) == len(EDGES)
    assert set(links) == svg_ends
    for (i, j), link in links.items():
        a, b = order[int(i)], order[int(j)]
        assert a < b
        assert link.get("href") == pair_href(a, b, EDGES[(a, b)])
        assert link.text.endswith(f" ({EDGES[(a, b)]})")
    # Under the better covered actor (earlier in drawing order), strongest first.
    china = next(li for li in ties.findall("li") if li.text.startswith("China with"))
    assert [a.text for a in china.iter("a")] == ["Xi Jinping (5)", "Russia (3)"]


def test_tie_list_says_what_is_left_out_and_escapes() -> None:
    evil = Actor('x"><script>y', HOSTILE, "person")
    net = build_network([evil, ACTORS[0]], {(ACTORS[0].id, evil.id): 1}, {evil.id: 1, ACTORS[0].id: 1})
    markup = network_pairs_html(net, lambda actor_id: f"?id={actor_id}&x=1", lambda a, b, w: f"?a={a}&b={b}", total=9)
    assert "<script" not in markup
    root = parse(f"<div>{markup}</div>")
    assert root.find("details").findtext("summary") == "The one tie drawn"
    assert [a.text for a in root.iter("a")] == [HOSTILE, "Xi Jinping", "1", "Xi Jinping (1)"]
    assert root.find("details/ul/li").text == f"{HOSTILE} with "
    hrefs = {a.get("href") for a in root.iter("a")}
    assert f"?id={evil.id}&x=1" in hrefs and f"?a={evil.id}&b={ACTORS[0].id}" in hrefs
    assert "Of the 9 pairs of actors named together in the briefings, the drawing shows 1" in "".join(root.itertext())
    out = markdown.markdown(f"## Ties\n\n{markup}\n\nAfter.")
    assert markup in out  # one raw HTML block
    empty = build_network(ACTORS, {}, COUNTS)
    assert parse(network_pairs_html(empty, url_for, pair_href, total=0)).tag == "p"


# ---------------------------------------------------------------- script


def test_script_fetches_nothing_and_needs_no_library() -> None:
    assert "fetch(" not in NETWORK_JS
    assert "http" not in NETWORK_JS
    assert "import" not in NETWORK_JS
    assert "XMLHttpRequest" not in NETWORK_JS
    assert "innerHTML" not in NETWORK_JS  # names are never re-parsed as markup


def test_script_uses_the_markup_it_is_given() -> None:
    for hook in (
        "briefing-network-controls",
        "data-target",
        ".bn-node",
        ".bn-edges path",
        "data-ends",
        "data-weight",
        "aria-label",
        ".bn-labels",
        "data-id",
        "data-kind",
        "name=kind",
        "name=min",
        "name=focus",
        ".bn-status",
        "ul.bn-ties",
        "a[data-ends]",
        ".bf-period-edges",
        "data-period-weight",
        "getScreenCTM",
    ):
        assert hook in NETWORK_JS, hook


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_is_valid_javascript() -> None:
    result = subprocess.run(["node", "--check", str(NETWORK_JS_PATH)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_max_edges_keeps_the_strongest_ties_among_the_kept_actors() -> None:
    actors, counts, edges = random_graph(30)
    full = build_network(actors, edges, counts, max_nodes=12)
    capped = build_network(actors, edges, counts, max_nodes=12, max_edges=5)
    assert [n.id for n in capped.nodes] == [n.id for n in full.nodes]
    strongest = sorted(full.edges, key=lambda e: (-e.weight, e.a, e.b))[:5]
    assert sorted(capped.edges, key=lambda e: (-e.weight, e.a, e.b)) == strongest
