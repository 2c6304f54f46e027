"""A site built by Zensical in one command (`briefing build --engine zensical`): the steps a
plugin would run, in a row around Zensical's own build.

Zensical runs no third-party plugins, so Briefing runs before and after it: the core (load,
index, render: a bad edit stops here, nothing is written), the export into a work folder that
is Briefing's alone (`.briefing-zensical/`: the generated pages with links to source files,
"Edit this page" pointing at each article's own file, the hand-written pages of `docs/`, the
theme's scripts), `zensical.toml` written from mkdocs.yml, Zensical's build with Briefing's
Zensical templates (feeds and JSON-LD in each page's head, Pagefind markers, the header search
box) and `robots.txt` among its static files, then Pagefind over the output, as on MkDocs.
Files in the work folder are rewritten only when their bytes change, so `zensical serve` sees
only the files an edit changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pathspec

from briefing.build.edit_links import edit_url
from briefing.build.export import static_assets, with_source_links
from briefing.build.search_index import IndexRun, SearchIndexError, index_site, parts_of
from briefing.build.zensical_config import TOML_HEADER, MkDocsSettings, ZensicalConfigError, read_mkdocs_settings, zensical_toml
from briefing.load.config import read_site_config
from briefing.model.problems import Problem
from briefing.model.settings import SiteOptions
from briefing.pipeline import BuildResult, build_pages
from briefing.render.options import RenderOptions
from briefing.render.output import MarkdownPage, Output
from briefing.render.robots import render_robots
from briefing.runtime.parallel import Workers

WORK_DIR = ".briefing-zensical"
MARKER = "BRIEFING-ZENSICAL"  # the work folder's mark: only a folder holding it is ever emptied
THEME_DIR = Path(__file__).parent / "zensical_theme"  # Briefing's templates for Zensical's theme
SEARCH_SCRIPT = "assets/briefing-search.js"  # the Pagefind box and Search page (the MkDocs theme's own script)
SITE_THEME = Path(__file__).parents[1] / "site" / "theme"
ZENSICAL_TIMEOUT = 3600


class ZensicalBuildError(Exception):
    """The build stopped; the message says why in one line (problems in the corpus come separately)."""


@dataclass
class ZensicalProject:
    """Where a Zensical build of a Briefing project reads and writes."""

    config_file: Path
    options: SiteOptions
    settings: MkDocsSettings

    @property
    def root(self) -> Path:
        return self.config_file.resolve().parent

    @property
    def work(self) -> Path:
        return self.root / WORK_DIR

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    @property
    def site(self) -> Path:
        return self.root / self.settings.site_dir

    @property
    def toml(self) -> Path:
        return self.root / "zensical.toml"  # beside mkdocs.yml: Zensical wants every folder inside the config's

    @property
    def overrides(self) -> Path:
        return self.work / "overrides"


@dataclass
class ZensicalRun:
    """What one build did: the core's result (problems included), the files changed, the timings."""

    result: BuildResult
    changed: int = 0
    search: IndexRun | None = None
    seconds: dict[str, float] | None = None


def open_project(config_file: Path) -> tuple[ZensicalProject | None, list[Problem]]:
    """The project of `config_file`, or the problems in its `briefing` options."""
    site = read_site_config(config_file)
    if site.problems:
        return None, site.problems
    try:
        settings = read_mkdocs_settings(config_file)
    except ZensicalConfigError as exc:
        raise ZensicalBuildError(str(exc)) from None
    return ZensicalProject(config_file, site.options, settings), []


def export_for_zensical(project: ZensicalProject) -> tuple[BuildResult, int]:
    """Run the core and write the work folder (pages, hand-written docs, zensical.toml); the
    number of files written or removed. Nothing is written when the corpus has errors."""
    options, settings = project.options, project.settings
    render = RenderOptions.of(
        options,
        site_name=settings.project.get("site_name", "Briefing"),
        site_author=settings.project.get("site_author"),
        site_url=settings.site_url or "http://127.0.0.1:8000/",
        directory_urls=True,  # Zensical's URLs; the export links to them
    )
    result = build_pages(options.settings(project.root), render, workers=Workers(options.jobs))
    if not result.ok:
        return result, 0
    pages = with_edit_links(with_source_links(result.pages), settings, options.edit_uri_root)
    files: dict[str, bytes] = {page.uri: page.file_text.encode("utf-8") for page in [*pages, *static_assets()]}
    files[SEARCH_SCRIPT] = (SITE_THEME / SEARCH_SCRIPT).read_bytes()
    files["robots.txt"] = render_robots(settings.site_url).encode("utf-8")  # copied by Zensical, `serve` included
    for relative, data in hand_written_docs(project).items():
        files.setdefault(relative, data)  # a generated page wins, as in the MkDocs build
    _claim(project.work)
    changed = _sync(project.docs, files)
    templates = {p.relative_to(THEME_DIR).as_posix(): p.read_bytes() for p in sorted(THEME_DIR.rglob("*.html"))}
    changed += _sync(project.overrides, templates)
    docs, site, overrides = (Path(os.path.relpath(folder, project.root)) for folder in (project.docs, project.site, project.overrides))
    toml = zensical_toml(settings, docs, site, overrides).encode("utf-8")
    if project.toml.is_file() and not project.toml.read_bytes().startswith(TOML_HEADER.encode()):
        raise ZensicalBuildError(f"{project.toml} was not written by Briefing; move it away (Briefing writes it from mkdocs.yml)")
    if not project.toml.is_file() or project.toml.read_bytes() != toml:
        project.toml.write_bytes(toml)
        changed += 1
    return result, changed


def build_site(project: ZensicalProject, say: Callable[[str], None]) -> ZensicalRun:
    """The whole build: export, Zensical, Pagefind."""
    started = time.perf_counter()
    result, changed = export_for_zensical(project)
    if not result.ok:
        return ZensicalRun(result)
    exported = time.perf_counter()
    run_zensical(project, "build", "--clean", "--strict")
    built = time.perf_counter()
    # Zensical writes its search index even with its search off; Pagefind's is the site's.
    (project.site / "search.json").unlink(missing_ok=True)
    search = None
    if project.options.pagefind and result.pages:
        parts = parts_of((a.uri for a in result.corpus.articles), project.options.search_part_pages)
        try:
            search = index_site(project.site, parts, jobs=project.options.jobs)
        except SearchIndexError as exc:
            raise ZensicalBuildError(str(exc)) from None
    done = time.perf_counter()
    seconds = {"export": exported - started, "zensical": built - exported, "pagefind": done - built, "total": done - started}
    say(
        f"Briefing: {result.timings.summary()}; export {seconds['export']:.1f} s ({changed} files changed); "
        f"Zensical {seconds['zensical']:.1f} s; Pagefind {seconds['pagefind']:.1f} s; total {seconds['total']:.1f} s"
    )
    return ZensicalRun(result, changed, search, seconds)


def run_zensical(project: ZensicalProject, command: str, *arguments: str) -> None:
    """`zensical build` (or another command) on the work folder's configuration; its output passes
    through; a failure is one line."""
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if zensical is None:
        raise ZensicalBuildError(
            "Zensical is not installed: pip install --require-hashes -r requirements/zensical-lock.txt (README: 'Choosing an engine')"
        )
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    try:
        done = subprocess.run([zensical, command, "-f", str(project.toml), *arguments], cwd=project.root, env=env, timeout=ZENSICAL_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ZensicalBuildError(f"zensical {command} took more than {ZENSICAL_TIMEOUT} s; stopped") from None
    if done.returncode != 0:
        raise ZensicalBuildError(f"zensical {command} failed (exit {done.returncode}); its messages are above")


def with_edit_links(pages: Sequence[Output], settings: MkDocsSettings, edit_uri_root: str | None) -> list[Output]:
    """Each generated page's front matter with `briefing.edit_url`: the editor's file, which
    Briefing's Zensical template links as "Edit this page" (Zensical would link the export)."""
    repo_url, edit_uri = settings.project.get("repo_url"), settings.project.get("edit_uri")
    out: list[Output] = []
    for page in pages:
        source = page.source_path if isinstance(page, MarkdownPage) else None
        url = edit_url(repo_url, edit_uri, settings.docs_dir, edit_uri_root, source) if source else None
        if not isinstance(page, MarkdownPage) or url is None or not page.content.startswith("---\n"):
            out.append(page)
            continue
        header, _, body = page.content[4:].partition("\n---\n")
        meta = json.loads(header)  # the renderer writes the front matter as one JSON object (`render.templating`)
        meta.setdefault("briefing", {})["edit_url"] = url
        out.append(replace(page, content=f"---\n{json.dumps(meta, ensure_ascii=False, sort_keys=True)}\n---\n{body}", known_digest=None))
    return out


def hand_written_docs(project: ZensicalProject) -> dict[str, bytes]:
    """The files of mkdocs.yml's `docs_dir` (`about.md`, the stylesheet), less `exclude_docs`."""
    docs = project.root / project.settings.docs_dir
    if not docs.is_dir():
        return {}
    excluded = pathspec.PathSpec.from_lines("gitwildmatch", project.settings.exclude_docs.splitlines())
    found: dict[str, bytes] = {}
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs).as_posix()
        if path.is_symlink() or not path.is_file() or any(part.startswith(".") for part in relative.split("/")):
            continue
        if not excluded.match_file(relative):
            found[relative] = path.read_bytes()
    return found


def _claim(work: Path) -> None:
    """The work folder is Briefing's: made here, or marked by an earlier build; anything else is refused."""
    marker = work / MARKER
    if work.exists() and not marker.is_file():
        if work.is_dir() and not any(work.iterdir()):
            marker.write_text("Written by `briefing build --engine zensical`; deleted and rewritten by it.\n", encoding="utf-8")
            return
        raise ZensicalBuildError(
            f"{work} exists and was not made by Briefing; move it away (Briefing writes the Zensical build's files there)"
        )
    work.mkdir(exist_ok=True)
    marker.write_text("Written by `briefing build --engine zensical`; deleted and rewritten by it.\n", encoding="utf-8")


def _sync(folder: Path, files: dict[str, bytes]) -> int:
    """Make `folder` hold exactly `files`: a file is written only when its bytes differ, others removed."""
    changed = 0
    for relative, data in files.items():
        target = folder / relative
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.is_dir():
            raise ZensicalBuildError(f"{target} is not a file Briefing wrote; remove {folder.parent} and build again")
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        changed += 1
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                changed += 1
            elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
                path.rmdir()
    return changed
