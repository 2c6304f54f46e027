"""`briefing build --engine E` and `briefing serve --engine E`: one command per engine.

MkDocs and ProperDocs run Briefing as a plugin: these commands run theirs (`mkdocs build
--strict`, `properdocs build --strict`). Zensical runs no plugins: `build.zensical_build` runs
Briefing's steps around it, and the preview re-exports on every change to the articles, the
registries, `docs/` or mkdocs.yml while `zensical serve` rebuilds and reloads the browser.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import click

from briefing.build.search_index import SearchIndexError, index_site, parts_of
from briefing.build.zensical_build import ZensicalBuildError, ZensicalProject, ZensicalRun, build_site, export_for_zensical, open_project
from briefing.cli.reporting import format_text
from briefing.model.problems import Problem, summarize

ENGINES = ("mkdocs", "properdocs", "zensical")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
POLL_SECONDS = 0.5  # how soon after an edit the preview exports again (edits in a burst make one export)
QUIET_SECONDS = 1.0  # the site untouched this long after Zensical wrote it: Pagefind may read it

engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="mkdocs",
    show_default=True,
    help="mkdocs: MkDocs 1.6.1 + Material; properdocs: ProperDocs 1.6.7 (MkDocs' maintained fork) + Material; zensical: Zensical.",
)
config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False), help="The site's mkdocs.yml."
)


def _report(problems: list[Problem]) -> None:
    for line in format_text(problems):
        click.echo(line, err=True)
    click.echo(summarize(problems), err=True)


def _project(config_file: str) -> ZensicalProject:
    if not Path(config_file).is_file():
        click.echo(f"Error: {config_file} does not exist", err=True)
        sys.exit(EXIT_USAGE)
    try:
        project, problems = open_project(Path(config_file))
    except ZensicalBuildError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if project is None:
        _report(problems)
        sys.exit(EXIT_PROBLEMS)
    return project


def _plugin_engine(engine: str, command: str, config_file: str, *arguments: str) -> None:
    """`mkdocs`/`properdocs` with the plugin; its exit status is this command's."""
    program = shutil.which(engine, path=str(Path(sys.executable).parent)) or shutil.which(engine)
    if program is None:
        lock = " -r requirements/properdocs-lock.txt" if engine == "properdocs" else " -r requirements/lock.txt"
        click.echo(f"Error: {engine} is not installed: pip install --require-hashes{lock}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(subprocess.run([program, command, "-f", config_file, *arguments], env=dict(os.environ, NO_MKDOCS_2_WARNING="1")).returncode)


@click.command()
@config_option
@engine_option
def build(config_file: str, engine: str) -> None:
    """Check and build the site with one engine (README: "Choosing an engine")."""
    if engine != "zensical":
        _plugin_engine(engine, "build", config_file, "--strict")
    project = _project(config_file)
    _checked_build(project)
    click.echo(f"Built {project.site} with Zensical", err=True)


def _checked_build(project: ZensicalProject) -> ZensicalRun:
    """A whole Zensical build (the search index too) with its problems reported; exits when it failed."""
    try:
        run = build_site(project, lambda line: click.echo(line, err=True))
    except ZensicalBuildError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS)
    problems = run.result.corpus.log.sorted()
    if problems:
        _report(problems)
    if not run.result.ok:
        click.echo("Nothing was built.", err=True)
        sys.exit(EXIT_PROBLEMS)
    return run


@click.command()
@config_option
@engine_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on.")
def serve(config_file: str, engine: str, dev_addr: str) -> None:
    """A live preview: edits to articles, registries and docs/ show in the browser."""
    if engine != "zensical":
        _plugin_engine(engine, "serve", config_file, "--livereload", "--dirty", "-a", dev_addr)
    project = _project(config_file)
    run = _checked_build(project)  # a first full build: the search index too
    program = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"
    server = subprocess.Popen([program, "serve", "-f", str(project.toml), "-a", dev_addr], cwd=project.root)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager: stop Zensical's server too
    try:
        _watch(project, stop, server, [a.uri for a in run.result.corpus.articles])
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _export(project: ZensicalProject) -> list[str] | None:
    """Export again; the articles' URIs when files changed. Problems are printed; with errors the
    last good export stays."""
    try:
        result, changed = export_for_zensical(project)
    except ZensicalBuildError as exc:
        click.echo(f"Error: {exc}", err=True)
        return None
    problems = result.corpus.log.sorted()
    if problems:
        _report(problems)
    if not result.ok:
        click.echo("Briefing: the preview shows the last export without errors.", err=True)
        return None
    if not changed:
        return None
    click.echo(f"Briefing: exported again, {changed} files changed", err=True)
    return [a.uri for a in result.corpus.articles]


def _watch(project: ZensicalProject, stop: threading.Event, server: Any, articles: list[str]) -> None:
    """Export again whenever a watched file changes (a poll of sizes and times: no dependency), and
    index the search again once Zensical's server has rebuilt the site (each rebuild empties it)."""
    settings = project.options.settings(project.root)
    watched = [settings.articles_path, settings.data_path, project.root / project.settings.docs_dir, project.config_file]
    last = _snapshot(watched)
    exported = 0.0  # when the last export changed files: the site Zensical writes after it needs the search again
    indexed = 0.0
    while not stop.is_set() and server.poll() is None:
        time.sleep(POLL_SECONDS)
        now = _snapshot(watched)
        if now != last:
            last = now
            uris = _export(project)
            if uris is not None:
                articles, exported = uris, time.time()
        built = _site_written(project)
        if built is not None and built > indexed and time.time() - built > QUIET_SECONDS and (built >= exported or indexed == 0.0):
            indexed = time.time()
            _index(project, articles)


def _site_written(project: ZensicalProject) -> float | None:
    """When Zensical last finished writing the site (its sitemap comes last), None while it is not there."""
    try:
        return (project.site / "sitemap.xml").stat().st_mtime
    except OSError:
        return None


def _index(project: ZensicalProject, articles: list[str]) -> None:
    if (project.site / "pagefind" / "pagefind-entry.json").is_file() and not _stale(project):
        return
    try:
        parts = parts_of(articles, project.options.search_part_pages)
        run = index_site(project.site, parts, jobs=project.options.jobs)
    except (SearchIndexError, OSError) as exc:
        click.echo(f"Briefing: the preview's search was not indexed again: {exc}", err=True)
        return
    click.echo(f"Briefing: search indexed again in {run.seconds:.1f} s", err=True)


def _stale(project: ZensicalProject) -> bool:
    entry = project.site / "pagefind" / "pagefind-entry.json"
    built = _site_written(project)
    return built is not None and entry.stat().st_mtime < built


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in candidates:
            try:
                stat = path.stat()
            except OSError:
                continue
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found
