"""robots.txt lets crawlers in and names the sitemap MkDocs writes."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.render.robots import render_robots
from tests.support.site import REPO, mkdocs_build


def test_robots_names_the_sitemap_of_the_built_site(demo_site: Path) -> None:
    lines = (demo_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines == ["User-agent: *", "Allow: /", "Sitemap: https://example.github.io/briefing/sitemap.xml"]  # mkdocs.yml's site_url
    assert (demo_site / "sitemap.xml").is_file()


def test_robots_follows_the_site_url(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://briefs.example.org/")
    result = mkdocs_build(REPO, tmp_path / "site", offline=True)
    assert result.returncode == 0, result.stderr
    assert "Sitemap: https://briefs.example.org/sitemap.xml\n" in (tmp_path / "site" / "robots.txt").read_text(encoding="utf-8")


def test_without_a_site_url_there_is_no_sitemap_line() -> None:
    assert render_robots(None) == "User-agent: *\nAllow: /\n"


def test_the_sitemap_leaves_out_only_pages_that_regroup_briefings(demo_site: Path) -> None:
    """Every article and entry is in the sitemap; the pages of pairs of actors and an entry's later
    pages (`sitemap: false`), which list briefings the sitemap already has, are not."""
    base = "https://example.github.io/briefing/"
    listed = {loc.removeprefix(base) for loc in re.findall(r"<loc>([^<]+)</loc>", (demo_site / "sitemap.xml").read_text(encoding="utf-8"))}
    built = {str(p.parent.relative_to(demo_site)) + "/" for p in demo_site.rglob("index.html") if p.parent != demo_site}
    left_out = built - listed
    assert left_out and all("/with/" in uri or uri.endswith("/with/") or "/page-" in uri for uri in left_out), sorted(left_out)
    assert "actors/vladimir-putin/with/" in left_out  # built, with its sections
    articles = {uri for uri in built if uri.startswith("articles/")}
    assert len(articles) >= 9 and articles <= listed
    assert {"actors/xi-jinping/", "topics/", "timeline/", "digests/"} <= listed
