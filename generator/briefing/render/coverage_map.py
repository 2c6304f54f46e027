"""The coverage map: states shaded by how many briefings name them, drawn at build time as SVG.

No script, nothing from another host: the map is paths in the page, each state with an ISO
code (`iso:` in data/actors.yml) a link to its actor page, a legend, and a table with the
same figures for readers who cannot see the map. Countries come from the vendored Natural
Earth file (`geo/world.py`), projected with Equal Earth; the page holds a fixed number of
shapes whatever the corpus size (about 70 KB for the world).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.model.entities import Actor
from briefing.render.geo.world import Country, Viewport, by_iso, countries, crop_viewport, joined_path, path_data, world_viewport
from briefing.render.html_blocks import plural

SHADES = 5  # classes of coverage: none, then four steps up to the most covered state


@dataclass(frozen=True)
class MappedState:
    actor: Actor
    count: int  # briefings naming the state
    href: str  # its actor page, relative to the page the map is on


def shade_breaks(max_count: int) -> list[tuple[int, int]]:
    """(low, high) counts of each shaded class above zero: geometric steps, so a few heavily
    covered states do not wash every other one into the palest class."""
    if max_count <= 0:
        return []
    steps = SHADES - 1
    uppers = sorted({max(1, round(max_count ** ((k + 1) / steps))) for k in range(steps)})
    breaks, low = [], 1
    for high in uppers:
        if high >= low:
            breaks.append((low, high))
            low = high + 1
    return breaks


def shade_of(count: int, breaks: Sequence[tuple[int, int]]) -> int:
    """0 for no briefings, else 1.. the class the count falls in."""
    if count <= 0:
        return 0
    for number, (_, high) in enumerate(breaks, start=1):
        if count <= high:
            return number
    return len(breaks)


def map_figure(
    states: Sequence[MappedState],
    label: str,
    view: Viewport | None = None,
    highlight: set[str] | None = None,
    map_id: str = "bf-map",
) -> str:
    """The `<figure>` with the map and its legend, as one HTML block (no blank lines).

    `highlight`: ISO codes to draw in colour; other mapped states are drawn as plain land (a
    region page shows its states against their neighbours). Shapes outside `view` are left out.
    """
    view = view or world_viewport()
    mapped = {s.actor.iso: s for s in states if s.actor.iso and s.actor.iso in by_iso()}
    shown = {iso: s for iso, s in mapped.items() if highlight is None or iso in highlight}
    breaks = shade_breaks(max((s.count for s in shown.values()), default=0))
    visible = [c for c in countries() if view.contains(c.bounds())]
    land = [c for c in visible if c.iso not in shown]
    lines = [
        f'<figure class="bf-map{" bf-map--crop" if highlight is not None else ""}" id="{map_id}" data-pagefind-ignore>',
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bf-map-svg" viewBox="0 0 {view.width} {view.height}"'
        f' width="{view.width}" height="{view.height}" role="figure" aria-labelledby="{map_id}-title">',
        f'<title id="{map_id}-title">{html.escape(label)}</title>',
        f'<path class="bf-map-land" d="{joined_path(land, view)}"/>',
    ]
    for country in sorted((c for c in visible if c.iso in shown), key=lambda c: c.iso or ""):
        state = shown[country.iso or ""]
        d = path_data(country, view)
        if not d:
            continue
        name = f"{state.actor.name}: {plural(state.count, 'briefing')}"
        lines.append(
            f'<a href="{html.escape(state.href)}" aria-label="{html.escape(name)}">'
            f'<path class="bf-map-s{shade_of(state.count, breaks)}" d="{d}"><title>{html.escape(name)}</title></path></a>'
        )
    lines.append("</svg>")
    lines.append(_legend(breaks, map_id))
    lines.append("</figure>")
    return "\n".join(lines) + "\n"


def _legend(breaks: Sequence[tuple[int, int]], map_id: str) -> str:
    items = ['<li><span class="bf-map-key bf-map-s0" aria-hidden="true"></span> no briefings yet</li>']
    for number, (low, high) in enumerate(breaks, start=1):
        text = plural(low, "briefing") if low == high else f"{low}–{high} briefings"
        items.append(f'<li><span class="bf-map-key bf-map-s{number}" aria-hidden="true"></span> {text}</li>')
    items.append('<li><span class="bf-map-key bf-map-land" aria-hidden="true"></span> not in the registry</li>')
    return f'<figcaption><ul class="bf-map-legend" aria-label="Legend">{"".join(items)}</ul></figcaption>'


def map_table(states: Sequence[MappedState], caption: str, link: Callable[[MappedState], str]) -> str:
    """The map's figures as a table, most covered first: what a screen reader (or a printout) reads."""
    rows = [
        f"<tr><td>{link(s)}</td><td>{html.escape(s.actor.iso or '—')}</td><td>{s.count}</td></tr>"
        for s in sorted(states, key=lambda s: (-s.count, s.actor.name.casefold(), s.actor.id))
    ]
    return (
        f"<table data-pagefind-ignore>\n<caption>{html.escape(caption)}</caption>\n"
        '<thead><tr><th scope="col">State</th><th scope="col">ISO code</th><th scope="col">Briefings</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )


def region_view(isos: Sequence[str]) -> Viewport | None:
    """A crop around the given states' shapes, or None when none of them is on the map."""
    shapes: list[Country] = [by_iso()[iso] for iso in isos if iso in by_iso()]
    return crop_viewport(shapes) if shapes else None
