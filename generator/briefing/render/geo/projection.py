"""The Equal Earth projection (Šavrič, Patterson and Jenny, 2018), on the unit sphere.

An equal-area pseudocylindrical projection: a country's drawn area is proportional to its area
on the globe, so no state looks more covered for being far from the equator. The forward
formula is short enough to keep here; `tests/unit/test_geo.py` checks it against the
published extents and the equal-area property.
"""

from __future__ import annotations

import math

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

# The projected world on the unit sphere: x in [-X_MAX, X_MAX], y in [-Y_MAX, Y_MAX].
X_MAX = 2 * math.sqrt(3) * math.pi / (3 * A1)
Y_MAX = A4 * (math.pi / 3) ** 9 + A3 * (math.pi / 3) ** 7 + A2 * (math.pi / 3) ** 3 + A1 * math.pi / 3


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """(x, y) for a longitude and latitude in degrees; y grows northwards."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x, y
