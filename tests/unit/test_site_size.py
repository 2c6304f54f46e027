"""A site's size as `du --apparent-size` counts it, its budget, and pages minified the same
however often (build/site_size.py, build/minify.py, build/icon_sprite.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from briefing.build.icon_sprite import build_sprite, symbol_id
from briefing.build.minify import minify_page
from briefing.build.site_size import MB, SiteSize, measure_site, over_budget
from briefing.build.writer import SiteWriter


def make_site(root: Path) -> None:
    (root / "articles" / "2024" / "a").mkdir(parents=True)
    (root / "index.html").write_text("<p>home</p>" * 100)
    (root / "articles" / "2024" / "a" / "index.html").write_bytes(b"x" * 12345)
    (root / "pagefind").mkdir()
    (root / "pagefind" / "part.pf_fragment").write_bytes(b"\0" * 999)


def test_the_size_is_what_du_counts_folders_included(tmp_path: Path) -> None:
    make_site(tmp_path / "site")
    size = measure_site(tmp_path / "site")
    du = subprocess.run(
        ["du", "-s", "--apparent-size", "--block-size=1", str(tmp_path / "site")], capture_output=True, text=True, check=True
    )
    assert size == SiteSize(int(du.stdout.split()[0]), 3)
    assert size.bytes > 1100 + 12345 + 999  # the folders count too


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    make_site(tmp_path / "site")
    (tmp_path / "big").write_bytes(b"y" * 100_000)
    before = measure_site(tmp_path / "site")
    os.symlink(tmp_path / "big", tmp_path / "site" / "link")
    after = measure_site(tmp_path / "site")
    assert after.files == before.files + 1 and after.bytes < before.bytes + 1000


def test_past_the_budget_the_warning_says_what_to_do() -> None:
    size = SiteSize(1_234 * MB, 25_000)
    assert over_budget(size, 2_000, 0) is None
    assert over_budget(size, 0, 0) is None  # no budget
    warning = over_budget(size, 1_000, 0)
    assert warning is not None
    assert warning.startswith("Briefing: the site is 1,234 MB in 25,000 files, over the 1,000 MB budget")
    assert "briefing deploy s3" in warning and "Past GitHub Pages" in warning
    both = over_budget(size, 1_000, 20_000)
    assert both is not None and "and over the 20,000-file budget" in both
    assert over_budget(size, 0, 30_000) is None


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>A &amp; B</title>
    <script type="application/ld+json">{"@context": "https://schema.org",  "name": "A <\\/b>"}</script>
  </head>
  <body>
    <!-- a comment -->
    <ul class="bf-links">
      <li><a href="../a/">A</a> <a href="../b/">B</a></li>
    </ul>
    <pre>  kept
    as is</pre>
  </body>
</html>
"""


def test_minified_pages_keep_text_links_closing_tags_and_json_ld() -> None:
    small = minify_page("x/index.html", PAGE)
    assert len(small) < len(PAGE) * 0.8
    assert "<!-- a comment -->" not in small
    assert "<a href=../a/>A</a> <a href=../b/>B</a></li></ul>" in small  # the space between links stays
    assert "<pre>  kept\n    as is</pre>" in small
    assert '{"@context": "https://schema.org",  "name": "A <\\/b>"}' in small  # the core's JSON-LD, byte for byte
    assert "<html lang=en><head>" in small and small.endswith("</body></html>")
    assert minify_page("y/index.html", PAGE) == small == minify_page("x/index.html", minify_page("x/index.html", PAGE))


def test_the_writer_minifies_unless_told_not_to(tmp_path: Path) -> None:
    assert SiteWriter(tmp_path, None).transform("a/index.html", PAGE) == minify_page("a/index.html", PAGE)
    assert SiteWriter(tmp_path, None, minify=False).transform("a/index.html", PAGE) == PAGE


def test_the_sprite_holds_each_icon_found_with_its_view_box(tmp_path: Path) -> None:
    theme = tmp_path / "theme" / ".icons" / "brand"
    theme.mkdir(parents=True)
    (theme / "tall.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512"><path d="M1 2"/></svg>\n')
    (theme / "odd.svg").write_text("<svg><path/></svg>")  # no viewBox: stays inline
    sprite = build_sprite(["brand/tall", "brand/odd", "brand/missing", "brand/tall"], [str(tmp_path / "theme")])
    assert sprite.boxes == {"brand/tall": "0 0 448 512"}
    assert sprite.content.decode() == (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        f'<symbol id="{symbol_id("brand/tall")}" viewBox="0 0 448 512"><path d="M1 2"/></symbol></svg>\n'
    )
