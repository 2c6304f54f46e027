"""The coverage map's geometry: Equal Earth, the vendored Natural Earth countries, path data."""

from __future__ import annotations

import math
import re

import pytest

from briefing.render.geo.projection import X_MAX, Y_MAX, equal_earth
from briefing.render.geo.world import by_iso, countries, crop_viewport, path_data, world_viewport


def test_equal_earth_matches_the_published_extents() -> None:
    # Šavrič et al. (2018): on the unit sphere the map spans x ±2.70663 and y ±1.31736.
    assert equal_earth(180, 0) == pytest.approx((2.706629, 0.0), abs=1e-5)
    assert equal_earth(0, 90) == pytest.approx((0.0, 1.317363), abs=1e-5)
    assert pytest.approx((2.706629, 1.317363), abs=1e-5) == (X_MAX, Y_MAX)
    x, y = equal_earth(-180, -90)  # the poles are lines, shorter than the equator
    assert -X_MAX < x < -0.5 * X_MAX and y == pytest.approx(-Y_MAX)


@pytest.mark.parametrize("lon, lat", [(0, 0), (30, 45), (-120, -60), (170, 80), (10, -10)])
def test_equal_earth_preserves_area(lon: float, lat: float) -> None:
    # The Jacobian's determinant equals the sphere's area element cos(phi) (radians): equal area.
    h = 1e-4
    (x1, y1), (x2, y2) = equal_earth(lon - h, lat), equal_earth(lon + h, lat)
    (x3, y3), (x4, y4) = equal_earth(lon, lat - h), equal_earth(lon, lat + h)
    dx_dlon, dy_dlon = (x2 - x1) / math.radians(2 * h), (y2 - y1) / math.radians(2 * h)
    dx_dlat, dy_dlat = (x4 - x3) / math.radians(2 * h), (y4 - y3) / math.radians(2 * h)
    assert dx_dlon * dy_dlat - dx_dlat * dy_dlon == pytest.approx(math.cos(math.radians(lat)), rel=1e-4)


def test_vendored_countries_are_keyed_by_iso_alpha_2() -> None:
    shapes = countries()
    assert len(shapes) > 170
    assert {"CN", "RU", "US", "FR", "NO", "KP", "KR", "IL"} <= set(by_iso())  # France and Norway lack ISO_A3 in raw NE
    assert "AQ" not in by_iso()  # Antarctica is not drawn
    assert all(c.iso is None or re.fullmatch("[A-Z]{2}", c.iso) for c in shapes)
    # Russia lies in the east and north of the projected world, Australia in the south-east.
    left, _bottom, _right, top = by_iso()["AU"].bounds()
    assert left > 0 and top < 0


def test_path_data_is_whole_pixels_inside_the_picture() -> None:
    view = world_viewport(1000)
    assert (view.width, view.height) == (1000, round((Y_MAX - view.bottom) * view.scale))
    d = path_data(by_iso()["CN"], view)
    assert d.startswith("M") and d.endswith("z")
    x, y = (int(v) for v in re.match(r"M(-?\d+) (-?\d+)", d).groups())
    assert 0 <= x <= view.width and 0 <= y <= view.height
    assert not re.search(r"\d\.\d", d)  # no decimals: small pages


def test_crop_viewport_frames_the_shapes_it_is_given() -> None:
    korea = [by_iso()["KP"], by_iso()["KR"]]
    view = crop_viewport(korea, width=800)
    for shape in korea:
        left, bottom, right, top = shape.bounds()
        assert view.left <= left and right <= view.right and view.bottom <= bottom and top <= view.top
    assert view.width == 800 and view.height <= 800 * 2  # at most 2:1
    assert view.contains(by_iso()["JP"].bounds()) and not view.contains(by_iso()["BR"].bounds())
