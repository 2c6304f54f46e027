"""The coverage map: shading classes, links per state, legend and table, bounded size."""

from __future__ import annotations

from bs4 import BeautifulSoup

from briefing.model.entities import Actor
from briefing.render.coverage_map import MappedState, map_figure, map_table, region_view, shade_breaks, shade_of


def state(entity_id: str, name: str, iso: str | None) -> Actor:
    return Actor(
        collection="actors",
        id=entity_id,
        name=name,
        aliases=(),
        description="",
        source_path="data/actors.yml",
        source_line=1,
        kind="state",
        iso=iso,
    )


def test_shade_breaks_cover_every_count_once() -> None:
    for top in (1, 2, 3, 7, 50, 1000):
        breaks = shade_breaks(top)
        assert breaks[0][0] == 1 and breaks[-1][1] == top
        assert all(low <= high for low, high in breaks)
        assert all(a[1] + 1 == b[0] for a, b in zip(breaks, breaks[1:]))  # contiguous
        assert len(breaks) <= 4
        assert [shade_of(n, breaks) for n in (0, 1, top)] == [0, 1, len(breaks)]
    assert shade_breaks(0) == []


def test_map_links_each_mapped_state_to_its_page_and_escapes_names() -> None:
    states = [
        MappedState(state("china", "China", "CN"), 8, "actors/china.html"),
        MappedState(state("russia", 'Russia <b>"x"</b>', "RU"), 1, "actors/russia.html"),
        MappedState(state("atlantis", "Atlantis", None), 3, "actors/atlantis.html"),
    ]
    html = map_figure(states, "Map of <states>")
    assert "\n\n" not in html  # one raw HTML block
    soup = BeautifulSoup(html, "html.parser")
    links = {a["href"]: a["aria-label"] for a in soup.find_all("a")}
    assert links == {"actors/china.html": "China: 8 briefings", "actors/russia.html": 'Russia <b>"x"</b>: 1 briefing'}
    assert "<b>" not in html and soup.find("title").get_text() == "Map of <states>"
    classes = {a["href"]: a.find("path")["class"][0] for a in soup.find_all("a")}
    assert classes == {"actors/china.html": "bf-map-s4", "actors/russia.html": "bf-map-s1"}
    legend = [li.get_text(" ", strip=True) for li in soup.select(".bf-map-legend li")]
    assert legend[0] == "no briefings yet" and legend[-1] == "not in the registry" and "8 briefings" in legend[-2]
    assert len(html) < 120_000  # every country of the world, about 70 KB


def test_table_lists_states_most_covered_first() -> None:
    states = [
        MappedState(state("b", "Beta", "DE"), 2, "b.html"),
        MappedState(state("a", "Alpha", "FR"), 2, "a.html"),
        MappedState(state("c", "Gamma", "IT"), 5, "c.html"),
    ]
    html = map_table(states, "Briefings per state", lambda s: s.actor.name)
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in BeautifulSoup(html, "html.parser").select("tbody tr")]
    assert rows == [["Gamma", "IT", "5"], ["Alpha", "FR", "2"], ["Beta", "DE", "2"]]


def test_region_crop_highlights_its_states_only() -> None:
    states = [MappedState(state("kp", "North Korea", "KP"), 2, "kp.html"), MappedState(state("fr", "France", "FR"), 4, "fr.html")]
    view = region_view(["KP"])
    assert view is not None and region_view(["XX"]) is None
    html = map_figure(states, "Korea", view=view, highlight={"KP"}, map_id="m")
    soup = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["kp.html"]  # France: outside the crop and not highlighted
    assert "bf-map--crop" in soup.find("figure")["class"]
    assert len(html) < len(map_figure(states, "World"))
