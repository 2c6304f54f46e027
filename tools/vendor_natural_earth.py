"""Write `generator/briefing/render/geo/countries.json` from Natural Earth's 1:110m countries.

Source: Natural Earth "Admin 0 - Countries" at 1:110m (public domain, naturalearthdata.com),
as packaged in geopandas 0.14.4 (`geopandas/datasets/naturalearth_lowres`, the last geopandas
release that ships it). Run once by a developer, never at build time:

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne && unzip -q /tmp/ne/*.whl 'geopandas/datasets/*' -d /tmp/ne
    pip install -e '.[vendor]'
    python tools/vendor_natural_earth.py /tmp/ne/geopandas/datasets/naturalearth_lowres/naturalearth_lowres

Coordinates are kept in tenths of a degree (about 11 km, well under a pixel of the drawn map),
consecutive repeats dropped; countries are keyed by ISO 3166-1 alpha-2 (pycountry), and the few
without an ISO code (Kosovo) keep Natural Earth's name only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry
import shapefile

OUT = Path(__file__).resolve().parent.parent / "generator" / "briefing" / "render" / "geo" / "countries.json"
SOURCE = "Natural Earth 1:110m Admin 0 - Countries (public domain), as packaged in geopandas 0.14.4 (datasets/naturalearth_lowres)"


def main(shapefile_stem: str) -> None:
    countries = []
    for item in shapefile.Reader(shapefile_stem).iterShapeRecords():
        record, shape = item.record, item.shape
        country = pycountry.countries.get(alpha_3=record["iso_a3"])
        rings = []
        starts = [*list(shape.parts), len(shape.points)]
        for start, end in zip(starts, starts[1:]):
            ring: list[int] = []
            for lon, lat in shape.points[start:end]:
                point = [round(lon * 10), round(lat * 10)]
                if ring[-2:] != point:
                    ring += point
            if len(ring) >= 6:
                rings.append(ring)
        countries.append({"iso": country.alpha_2 if country else None, "name": record["name"], "rings": rings})
    countries.sort(key=lambda c: (c["iso"] or "~", c["name"]))
    OUT.write_text(
        json.dumps({"source": SOURCE, "unit": "tenths of a degree, lon/lat", "countries": countries}, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
