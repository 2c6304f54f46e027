"""Build a Briefing project with MkDocs into a folder, as a user would."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
# The engine `mkdocs_build` runs: `mkdocs` (MkDocs 1.6.1), or `properdocs` (ProperDocs 1.6.7, the
# maintained fork), which CI's second integration job sets with BRIEFING_TEST_ENGINE.
ENGINE = os.environ.get("BRIEFING_TEST_ENGINE", "mkdocs")
ENGINES = ("mkdocs", "properdocs")


def mkdocs_build(
    project: Path,
    site_dir: Path,
    offline: bool = True,
    strict: bool = True,
    quiet: bool = True,
    jobs: int | None = None,
    env: dict[str, str] | None = None,
    engine: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a fresh process; `jobs` sets BRIEFING_JOBS (1: MkDocs' serial page loop),
    `env` adds variables (`SOURCE_DATE_EPOCH`: another instant than the suite's), `engine` is
    `mkdocs` or `properdocs` (default: BRIEFING_TEST_ENGINE, else `mkdocs`)."""
    engine = engine or ENGINE
    assert engine in ENGINES, f"BRIEFING_TEST_ENGINE={engine}: expected one of {ENGINES}"
    env = dict(os.environ, **(env or {}), NO_MKDOCS_2_WARNING="1", BRIEFING_OFFLINE="true" if offline else "false")
    if jobs is not None:
        env["BRIEFING_JOBS"] = str(jobs)
    command = [sys.executable, "-m", engine, "build", *(["-q"] if quiet else []), "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def mkdocs_build_here(project: Path, site_dir: Path) -> Any:
    """`mkdocs build --strict` in this process, as `mkdocs build` runs it, for tests that look at
    the plugin afterwards (the environment is this process's); the loaded MkDocs configuration,
    whose `plugins["briefing"]` is the plugin that built the site."""
    from mkdocs.commands import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build.build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()
    return config


def page_file(site: Path, url: str) -> Path:
    """The HTML file for a page URL such as `actors/xi-jinping` in either URL style."""
    for candidate in (site / f"{url}.html", site / url / "index.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no page for {url} in {site}")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url_of(site: Path, page: Path, href: str) -> str:
    """The page URL (`actors/xi-jinping`) an href on `page` points to."""
    page_dir = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(page_dir, unquote(urlsplit(href).path)))
    for suffix in ("/index.html", ".html", "/"):
        if target.endswith(suffix):
            return target[: -len(suffix)]
    return target


def section_links(site: Path, page: Path, heading_prefix: str) -> list[str]:
    """Page URLs linked from the section whose <h2> starts with `heading_prefix`, in order (not the
    authors linked from the bylines of a list of briefings)."""
    document = soup(page)
    content = document.select_one("article.md-content__inner") or document
    heading = next((h for h in content.find_all("h2") if text_of(h).startswith(heading_prefix)), None)
    if heading is None:
        return []
    urls = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        for anchor in sibling.find_all("a", href=True):
            if anchor.find_parent(class_="bf-byline") is None:
                urls.append(page_url_of(site, page, anchor["href"]))
    return urls


def text_of(element) -> str:
    """Visible text of an element without Material's permalink anchors."""
    for anchor in element.select("a.headerlink"):
        anchor.decompose()
    return " ".join(element.get_text().split())


def zensical_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`briefing build --engine zensical` of `project` in a fresh process; the site goes to `project/site`."""
    briefing = Path(sys.executable).parent / "briefing"
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL", "BRIEFING_OFFLINE")}
    command = [str(briefing), "build", "--engine", "zensical", "-f", str(project / "mkdocs.yml")]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=project, timeout=600)
