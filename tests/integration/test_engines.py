"""One command per engine: the demo builds strictly on ProperDocs 1.6.7 as on MkDocs 1.6.1, and
`briefing build --engine zensical` makes a site with feeds in each head, edit links to the
editors' own files, robots.txt, the sitemap and a Pagefind index; bad input is one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import copy_demo_project, replace_in
from tests.support.site import REPO, mkdocs_build, soup, zensical_build

ARTICLE = "articles/2024/05/xi-putin-beijing/index.html"


@pytest.fixture(scope="module")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_demo_project(tmp_path_factory.mktemp("zensical") / "demo")
    result = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Zensical" in result.stderr, result.stderr
    return project


def test_the_demo_builds_strictly_on_properdocs(tmp_path: Path) -> None:
    """`properdocs build --strict` (what `make site ENGINE=properdocs` runs): no warning, the plugin's pages built."""
    result = mkdocs_build(REPO, tmp_path / "site", offline=False, quiet=False, engine="properdocs", env={"BRIEFING_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "Briefing:" in result.stderr, result.stderr
    generator = soup(tmp_path / "site" / "index.html").find("meta", attrs={"name": "generator"})
    assert generator is not None and "ProperDocs 1.6.7" in generator["content"]
    page = soup(tmp_path / "site" / ARTICLE)
    assert page.find("link", rel="alternate", href="../../../../feeds/all.xml") is not None
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_properdocs_finds_the_plugin_through_its_own_entry_point() -> None:
    code = "from properdocs.plugins import get_plugins; print(get_plugins()['briefing'].group)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["properdocs.plugins"], result.stdout + result.stderr


def test_zensical_pages_link_their_feeds_and_their_editors_files(zensical_project: Path) -> None:
    site = zensical_project / "site"
    actor = soup(site / "actors" / "xi-jinping" / "index.html")
    feeds = {link["href"] for link in actor.find_all("link", rel="alternate")}
    assert feeds == {"../../feeds/all.xml", "../../feeds/actors/xi-jinping.xml"}
    assert (site / "feeds" / "actors" / "xi-jinping.xml").is_file()
    edit = {
        ARTICLE: "https://github.com/example/briefing/edit/main/articles/2024/2024-05-15-xi-putin-beijing.md",
        "actors/xi-jinping/index.html": "https://github.com/example/briefing/edit/main/data/actors.yml",
        "about/index.html": "https://github.com/example/briefing/edit/main/docs/about.md",
    }
    for page, url in edit.items():
        (link,) = soup(site / page).find_all("a", rel="edit")
        assert link["href"] == url, page
    footer = soup(site / ARTICLE).select_one(".bf-footer-links a")
    assert footer is not None and footer["href"] == "../../../../corrections/" and (site / "corrections" / "index.html").is_file()


def test_zensical_site_has_robots_sitemap_and_search(zensical_project: Path) -> None:
    site = zensical_project / "site"
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith("Sitemap: https://example.github.io/briefing/sitemap.xml\n")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.github.io/briefing/articles/2024/05/xi-putin-beijing/" in sitemap
    article = soup(site / ARTICLE)
    filters = {(span["data-pagefind-filter"], span.get_text()) for span in article.select("[data-pagefind-filter]")}
    assert ("actor", "Vladimir Putin") in filters and ("type", "Article") in filters
    assert article.find("script", src="../../../../assets/briefing-search.js") is not None
    assert (site / "pagefind" / "filter").is_dir() and not (site / "search.json").exists()
    toml = (zensical_project / "zensical.toml").read_text(encoding="utf-8")
    assert '{ Search = "search.md" }' in toml and 'extra_css = ["assets/briefing.css"]' in toml


def test_a_bad_article_stops_the_zensical_build_with_its_line(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "demo")
    article = sorted((project / "articles").rglob("*.md"))[0]
    replace_in(article, "region:", "regoin:")
    result = zensical_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{article.relative_to(project).as_posix()}:" in result.stderr and "Nothing was built." in result.stderr
    assert not (project / "site").exists()


def test_a_setting_zensical_cannot_take_is_one_line(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "demo")
    replace_in(
        project / "mkdocs.yml",
        "  - tables\n",
        "  - tables\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )
    result = zensical_build(project)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "mkdocs.yml:" in line and "python/name" in line, line


def test_a_foreign_zensical_toml_is_left_alone(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "demo")
    (project / "zensical.toml").write_text("[project]\nsite_name = 'mine'\n", encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "zensical.toml was not written by Briefing" in result.stderr
    assert (project / "zensical.toml").read_text(encoding="utf-8") == "[project]\nsite_name = 'mine'\n"
