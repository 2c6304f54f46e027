"""robots.txt lets crawlers in and names the sitemap MkDocs writes."""

from __future__ import annotations

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
