"""Countries of the vendored Natural Earth file, projected and written as SVG path data.

`countries.json` is Natural Earth's 1:110m Admin 0 countries (public domain), from the copy
geopandas 0.14.4 ships; `tools/vendor_natural_earth.py` made it and names the source. Points
are tenths of a degree. Paths are drawn at the size they are shown (whole pixels of a
`width`-wide picture), so the world map stays about 70 KB and a region's crop stays sharp.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from briefing.render.geo.projection import X_MAX, Y_MAX, equal_earth

SKIPPED = frozenset({"AQ"})  # Antarctica: no state, and a third of the picture's height


@dataclass(frozen=True)
class Country:
    iso: str | None  # ISO 3166-1 alpha-2; None for the few Natural Earth shapes without one
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # projected, unit sphere, y northwards

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


@cache
def countries() -> tuple[Country, ...]:
    """Every country of the map, projected once per process."""
    raw = json.loads(resources.files("briefing.render.geo").joinpath("countries.json").read_text(encoding="utf-8"))
    result = []
    for entry in raw["countries"]:
        if entry["iso"] in SKIPPED:
            continue
        rings = tuple(tuple(equal_earth(flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat), 2)) for flat in entry["rings"])
        result.append(Country(entry["iso"], entry["name"], rings))
    return tuple(result)


@cache
def by_iso() -> dict[str, Country]:
    return {c.iso: c for c in countries() if c.iso}


@dataclass(frozen=True)
class Viewport:
    """The part of the projected world drawn, and the picture's size in pixels."""

    left: float
    bottom: float
    right: float
    top: float
    width: int

    @property
    def scale(self) -> float:
        return self.width / (self.right - self.left)

    @property
    def height(self) -> int:
        return max(1, round((self.top - self.bottom) * self.scale))

    def contains(self, bounds: tuple[float, float, float, float]) -> bool:
        """Whether a country's bounding box overlaps the viewport."""
        left, bottom, right, top = bounds
        return left < self.right and right > self.left and bottom < self.top and top > self.bottom


WORLD_BOTTOM = equal_earth(0, -58)[1]  # south of Tierra del Fuego: Antarctica is not drawn


def world_viewport(width: int = 1000) -> Viewport:
    return Viewport(-X_MAX, WORLD_BOTTOM, X_MAX, Y_MAX, width)


def crop_viewport(shapes: Sequence[Country], width: int = 800, pad: float = 0.25, min_span: float = 0.35) -> Viewport:
    """A viewport around some countries, padded, no narrower than `min_span` and at most 2:1."""
    boxes = [c.bounds() for c in shapes]
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    span_x = max(right - left, min_span)
    span_y = max(top - bottom, min_span / 2, span_x / 2)
    span_x = max(span_x, span_y / 1.2)
    cx, cy = (left + right) / 2, (bottom + top) / 2
    half_x, half_y = span_x * (1 + pad) / 2, span_y * (1 + pad) / 2
    return Viewport(max(-X_MAX, cx - half_x), max(WORLD_BOTTOM, cy - half_y), min(X_MAX, cx + half_x), min(Y_MAX, cy + half_y), width)


def path_data(country: Country, view: Viewport) -> str:
    """SVG path data in whole pixels of the viewport, relative moves; rings that vanish are dropped."""
    return " ".join(_ring_path(ring, view) for ring in country.rings if _ring_visible(ring, view)).replace("  ", " ").strip()


def joined_path(shapes: Iterable[Country], view: Viewport) -> str:
    return " ".join(p for p in (path_data(c, view) for c in shapes) if p)


def _ring_visible(ring: Sequence[tuple[float, float]], view: Viewport) -> bool:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return view.contains((min(xs), min(ys), max(xs), max(ys)))


def _ring_path(ring: Sequence[tuple[float, float]], view: Viewport) -> str:
    scale = view.scale
    points: list[tuple[int, int]] = []
    for x, y in ring:
        point = (round((x - view.left) * scale), round((view.top - y) * scale))
        if not points or points[-1] != point:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(set(points)) < 3:
        return ""
    (x0, y0), steps = points[0], []
    previous = points[0]
    for point in points[1:]:
        steps.append(f"{point[0] - previous[0]} {point[1] - previous[1]}")
        previous = point
    return f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z"
