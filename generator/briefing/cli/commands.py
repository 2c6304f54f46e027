"""The `briefing` command: a thin layer over the pipeline (check, export, schema, new, import)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from briefing.build.export import MANIFEST, ExportError, export_pages, static_assets, with_source_links
from briefing.cli.audit import add_audit_warnings
from briefing.cli.authoring import AuthoringError, Draft, article_path, render_article, write_new_file
from briefing.cli.batch_output import batch_progress, write_candidates
from briefing.cli.deploy import deploy_group
from briefing.cli.diff import DiffError, checkout, compare, repository_root
from briefing.cli.diff import format_github as format_site_diff_github
from briefing.cli.diff import format_text as format_site_diff
from briefing.cli.engines import build, serve
from briefing.cli.importer import ImportOptions, import_batch
from briefing.cli.reporting import format_github, format_scheduled, format_text
from briefing.cli.review import candidates_yaml, load_places, train_model
from briefing.ingest.rawtext import CONTROL
from briefing.load.config import ConfigError, SiteConfig, read_site_config
from briefing.load.corpus import load_corpus, registry_paths
from briefing.load.registry import load_registries
from briefing.model.clock import ClockError, build_time
from briefing.model.entities import Entity
from briefing.model.problems import Problem, ProblemLog, Severity, summarize
from briefing.model.registry import Registries, Registry
from briefing.model.schema import write_schemas
from briefing.model.settings import Settings
from briefing.pipeline import BuildResult, build_pages
from briefing.render.options import RenderOptions
from briefing.runtime.parallel import Workers

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_THRESHOLD = 0.6

_E = TypeVar("_E", bound=Entity)
Names = tuple[str, ...]  # a repeatable option's values
_Command = TypeVar("_Command", bound=Callable[..., None])


def _site(config_file: str, report: Callable[[list[Problem]], None] | None = None) -> SiteConfig:
    """The site's options from mkdocs.yml; problems in it are reported (`report`) and end the command."""
    try:
        site = read_site_config(Path(config_file))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    try:  # the build's clock, which every command reads (`model.clock`)
        build_time()
    except ClockError as exc:
        raise click.UsageError(f"SOURCE_DATE_EPOCH: {exc}") from None
    if site.problems:
        (report or _report)(site.problems)
        sys.exit(EXIT_PROBLEMS)
    return site


def _settings(config_file: str) -> Settings:
    return _site(config_file).settings


config_option = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The site's mkdocs.yml; articles and registries are found relative to it.",
)


def format_option(github_help: str) -> Callable[[_Command], _Command]:
    """`--format text|github` (into `output_format`); `github_help` says what the github form is for."""
    return click.option(
        "--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True, help=github_help
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def cli() -> None:
    """Briefing: build cross-linked briefing sites from articles and registries."""


@cli.command()
@config_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@format_option("'github' prints workflow commands that annotate a pull request's diff.")
@click.option("--audit", is_flag=True, help="Also warn about actors the text names often but the metadata leaves out, and the reverse.")
def check(config_file: str, strict: bool, output_format: str, audit: bool) -> None:
    """Validate every article and registry; report all problems, one per line."""
    formatter = format_github if output_format == "github" else format_text

    def report(problems: list[Problem]) -> None:
        for line in formatter(problems, strict=strict):
            click.echo(line)
        click.echo(summarize(problems), err=output_format == "github")

    site = _site(config_file, report)
    result = build_pages(site.settings, RenderOptions.of(site.options), workers=Workers(site.options.jobs))
    if audit:
        add_audit_warnings(result.corpus, site.settings)
    problems = result.corpus.log.sorted()
    failing = [p for p in problems if strict or p.severity is Severity.ERROR]
    for line in formatter(problems, strict=strict):
        click.echo(line)
    if result.ok:  # what will appear later, and when (with errors, those come first)
        for line in format_scheduled(result.corpus, github=output_format == "github"):
            click.echo(line)
    if problems:
        click.echo(summarize(problems), err=output_format == "github")
    else:
        click.echo(f"{len(result.corpus.articles)} articles OK", err=output_format == "github")
    sys.exit(EXIT_PROBLEMS if failing else EXIT_OK)


@cli.command()
@config_option
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder to write the Markdown pages to.")
@click.option(
    "--for",
    "target",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="The generator that builds the pages: zensical wants raw-HTML links to source files.",
)
def export(config_file: str, out: str, target: str) -> None:
    """Write the generated Markdown pages to a folder (for any Markdown site generator)."""

    def report(problems: list[Problem]) -> None:
        _report(problems)
        click.echo("Nothing exported.", err=True)

    site = _site(config_file, report)
    refused = export_folder_problem(Path(out))
    if refused:  # before building: a bad --out costs nothing and never walks someone else's files
        click.echo(f"Error: {refused}", err=True)
        sys.exit(EXIT_USAGE)
    result = build_pages(site.settings, RenderOptions.of(site.options), workers=Workers(site.options.jobs))
    if not result.ok:
        report(result.corpus.log.sorted())
        sys.exit(EXIT_PROBLEMS)
    try:
        pages = with_source_links(result.pages) if target == "zensical" else result.pages
        count = export_pages([*pages, *static_assets()], Path(out))
    except ExportError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as exc:  # e.g. the disk filled up or a folder's permissions changed meanwhile
        click.echo(f"Error: cannot write {exc.filename or out} ({exc.strerror or type(exc).__name__}); nothing exported", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"Wrote {count} pages to {out}")
    if sys.stderr.isatty():  # where the time went; scripts and CI logs stay quiet
        click.echo(f"Briefing: {result.timings.summary()}", err=True)


@cli.command()
@click.option("--out", "out", default="schemas", show_default=True, type=click.Path(file_okay=False), help="Folder for the JSON Schemas.")
def schema(out: str) -> None:
    """Write JSON Schemas of front matter and registries (generated from the models)."""
    for path in write_schemas(Path(out)):
        click.echo(f"Wrote {path}")


@cli.command()
@config_option
@click.argument("title")
@click.option("--date", "date_text", help="Publication date, YYYY-MM-DD (default: today).")
@click.option("--region", required=True, help="Primary region: id, name or alias.")
@click.option("--actor", "actors", multiple=True, help="An actor named in the article (repeatable).")
@click.option("--topic", "topics", multiple=True, help="A topic of the article (repeatable).")
@click.option("--author", "authors", multiple=True, help="An author (data/authors.yml), in byline order (repeatable).")
@click.option("--name", help="File name part after the date (default: from the title).")
def new(
    config_file: str, title: str, date_text: str | None, region: str, actors: Names, topics: Names, authors: Names, name: str | None
) -> None:
    """Create a new article skeleton with valid front matter; never overwrites a file."""
    settings = _settings(config_file)
    registries = _load_registries(settings)
    date = _parse_date_option(date_text) if date_text else build_time().date()  # checked by `_site`
    problems: list[str] = []
    control = _CONTROL.search(title)
    if not title.strip():
        problems.append("TITLE: must not be empty")
    elif control is not None:
        problems.append(f"TITLE: contains the control character U+{ord(control.group()):04X}; remove it")
    elif any(line_break in title for line_break in "\n\r\u2028\u2029"):
        problems.append("TITLE: holds a line break; write it on one line")
    region_entity = _canonical(registries.regions, region, "--region", problems)
    actor_names = [n for n in (_canonical(registries.actors, a, "--actor", problems) for a in actors) if n]
    topic_names = [n for n in (_canonical(registries.topics, t, "--topic", problems) for t in topics) if n]
    author_names = [n for n in (_canonical(registries.authors, a, "--author", problems) for a in authors) if n]
    if problems:
        for line in problems:
            click.echo(line, err=True)
        click.echo("Nothing written.", err=True)
        sys.exit(EXIT_USAGE)
    draft = Draft(title=title, date=date, region=region_entity, actors=actor_names, topics=topic_names, body="Write the article here.")
    draft.byline = author_names
    _write_draft(settings, draft, name)


@cli.command(name="import")
@config_option
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--date",
    "date_text",
    help="Publication date of every article, YYYY-MM-DD (default: the source's, a dateline's, or the latest in the text).",
)
@click.option("--year", type=click.IntRange(1800, 2200), help="Year of datelines that give only a month and a day ('MANAMA, March 1 -').")
@click.option("--accept", is_flag=True, help="Take every suggestion at or above --threshold without asking.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD, show_default=True, help="Confidence --accept takes.")
@click.option("--dry-run", is_flag=True, help="Read and suggest, write nothing.")
@click.option(
    "--candidates",
    "candidates_format",
    type=click.Choice(["text", "yaml"]),
    default="text",
    show_default=True,
    help="'yaml' prints the names missing from the registry, across the batch, as entries ready to paste into data/actors.yml.",
)
@click.option("--candidates-out", type=click.Path(dir_okay=False), help="Write those entries to this file (never into data/).")
def import_(
    config_file: str,
    sources: tuple[str, ...],
    date_text: str | None,
    year: int | None,
    accept: bool,
    threshold: float,
    dry_run: bool,
    candidates_format: str,
    candidates_out: str | None,
) -> None:
    """Turn files, folders, feeds and web pages into draft articles with suggested metadata.

    SOURCES are raw text, Markdown or HTML files, folders of them (an archive export), RSS/Atom
    feed files, or http(s) URLs of a feed or an article (fetched because you name them). An article
    already in articles/ (same source URL or same text) is skipped, so a feed can be imported every
    day. On a terminal each suggestion is asked about; otherwise the draft lists them as comments,
    or --accept takes those at or above --threshold. Only what you confirm is added.
    """
    settings = _settings(config_file)
    registries = _load_registries(settings)
    out_problem = _candidates_out_problem(candidates_out, settings)
    if out_problem:
        raise click.BadParameter(out_problem, param_hint="--candidates-out")
    places, place_problems = load_places(settings.data_path, registries.regions.entries)
    for line in place_problems:
        click.echo(line, err=True)
    archive = load_corpus(settings)
    model = train_model(archive)  # once per run, whatever the batch's size
    ask = (
        (lambda question, default: click.confirm(question, default=default)) if sys.stdin.isatty() and not accept and not dry_run else None
    )
    options = ImportOptions(
        date=_parse_date_option(date_text) if date_text else None, year=year, accept=accept, threshold=threshold, dry_run=dry_run, ask=ask
    )
    with batch_progress() as progress:
        result = import_batch(sources, settings.articles_path, registries, places, archive, model, options, progress.echo, progress.over)
    if result.candidates and candidates_format == "yaml" and not candidates_out:
        click.echo("# for data/actors.yml (review, then paste):")
        click.echo(candidates_yaml(result.candidates), nl=False)
    elif result.candidates and candidates_format == "text":
        click.echo("not in the registry: " + ", ".join(f"{c.name} ({c.kind}, {c.mentions})" for c in result.candidates[:40]))
    if candidates_out and result.candidates:
        write_candidates(Path(candidates_out), candidates_yaml(result.candidates))
        click.echo(f"wrote {len(result.candidates)} candidate entries to {candidates_out} (review them, then copy into data/actors.yml)")
    for line in result.summary(dry_run):
        click.echo(line)
    sys.exit(EXIT_PROBLEMS if result.problems else EXIT_OK)


def _candidates_out_problem(candidates_out: str | None, settings: Settings) -> str | None:
    """Why --candidates-out cannot be written: it must not be in data/ (the editor copies what they confirm)."""
    if not candidates_out:
        return None
    path = Path(candidates_out).resolve()
    if path.is_relative_to(settings.data_path.resolve()):
        return f"{candidates_out} is in {settings.data_path.name}/; write the proposals elsewhere and copy what you confirm"
    return None


@cli.command(name="diff")
@config_option
@click.argument("base")
@format_option("'github' writes Markdown for a job summary ($GITHUB_STEP_SUMMARY).")
def diff_(config_file: str, base: str, output_format: str) -> None:
    """Show what merging the working tree would change on the site, against git ref BASE."""
    config_path = Path(config_file).resolve()
    head = _build(config_file)
    try:
        repo = repository_root(config_path.parent)
        with checkout(repo, base) as tree:
            base_config = tree / config_path.relative_to(repo)
            if not base_config.is_file():
                raise DiffError(f"{base} has no {config_path.relative_to(repo)}")
            old = _build(str(base_config))
    except DiffError as exc:
        click.echo(f"Error: {base}: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for label, result in ((base, old), ("the working tree", head)):
        if not result.ok:
            _report(result.corpus.log.sorted())
            click.echo(f"{label} has errors; fix them to compare the sites.", err=True)
            sys.exit(EXIT_PROBLEMS)
    changes = compare(old, head)
    lines = format_site_diff_github(changes, base) if output_format == "github" else format_site_diff(changes, base)
    click.echo("\n".join(lines))


def _build(config_file: str) -> BuildResult:
    """The site a configuration builds, with its own options (what `mkdocs build` would render)."""
    site = _site(config_file)
    return build_pages(site.settings, RenderOptions.of(site.options), workers=Workers(site.options.jobs))


def export_folder_problem(out: Path) -> str | None:
    """Why `--out` cannot be Briefing's export folder, or None; looks at no more than the folder's
    first entry (so `--out /` or `--out ~` is refused at once, not after walking the disk)."""
    absolute = Path(os.path.abspath(out))
    for part in (absolute, *absolute.parents):
        if part.is_symlink():  # the export would land in the link's target, which the user did not name
            return f"{part} is a symbolic link; give the real folder ({part.resolve()}) instead"
    if absolute.exists():
        if not absolute.is_dir():
            return f"{absolute} is a file, not a folder"
        with os.scandir(absolute) as entries:
            empty = next(entries, None) is None
        if not empty and not (absolute / MANIFEST).is_file():
            return f"{absolute} is not empty and was not created by 'briefing export'; choose a new or empty folder"
    existing = next(part for part in absolute.parents if part.exists())  # "/" always exists
    if not existing.is_dir():
        return f"{existing} is a file, so {absolute} cannot be created"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write in {existing} (permission denied); choose another folder"
    return None


_CONTROL = CONTROL  # what `check` refuses in a title; `new` must never write it


def _load_registries(settings: Settings) -> Registries:
    log = ProblemLog(settings.root)
    registries = load_registries(registry_paths(settings), log)
    if log.errors:
        _report(log.sorted())
        click.echo("Fix the registries first; nothing written.", err=True)
        sys.exit(EXIT_PROBLEMS)
    return registries


def _canonical(registry: Registry[_E], name: str, option: str, problems: list[str]) -> str | None:
    resolution = registry.resolve(name)
    if resolution.id is None:
        problems.append(f"{option}: {resolution.message}")
        return None
    return registry.entries[resolution.id].name


def _parse_date_option(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a date; use YYYY-MM-DD", param_hint="--date") from None


def _write_draft(settings: Settings, draft: Draft, name: str | None, exit_on_error: bool = True) -> bool:
    path = article_path(settings.articles_path, draft, name)
    try:
        write_new_file(path, render_article(draft))
    except AuthoringError as exc:
        click.echo(f"  error: {exc}", err=True)
        if exit_on_error:
            sys.exit(EXIT_PROBLEMS)
        return False
    click.echo(f"  wrote {path.relative_to(settings.root) if path.is_relative_to(settings.root) else path}")
    return True


def _report(problems: list[Problem]) -> None:
    for line in format_text(problems):
        click.echo(line, err=True)
    click.echo(summarize(problems), err=True)


cli.add_command(deploy_group)
cli.add_command(build)
cli.add_command(serve)


def main() -> None:
    cli()
