"""The `briefing` command: a thin layer over the pipeline (check, export)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .config import ConfigError, settings_from_mkdocs
from .corpus import Settings
from .export import ExportError, export_pages
from .pipeline import build_pages
from .problems import Problem, Severity, summarize
from .reporting import format_github, format_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _settings(config_file: str) -> Settings:
    try:
        return settings_from_mkdocs(Path(config_file))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False),
    help="The site's mkdocs.yml; articles and registries are found relative to it.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def cli() -> None:
    """Briefing: build cross-linked briefing sites from articles and registries."""


@cli.command()
@config_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="'github' prints workflow commands that annotate a pull request's diff.")
def check(config_file: str, strict: bool, output_format: str) -> None:
    """Validate every article and registry; report all problems, one per line."""
    settings = _settings(config_file)
    result = build_pages(settings)
    problems = result.corpus.log.sorted()
    failing = [p for p in problems if strict or p.severity is Severity.ERROR]
    formatter = format_github if output_format == "github" else format_text
    for line in formatter(problems, strict=strict):
        click.echo(line)
    if problems:
        click.echo(summarize(problems), err=output_format == "github")
    else:
        click.echo(f"{len(result.corpus.articles)} articles OK", err=output_format == "github")
    sys.exit(EXIT_PROBLEMS if failing else EXIT_OK)


@cli.command()
@config_option
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder to write the Markdown pages to.")
def export(config_file: str, out: str) -> None:
    """Write the generated Markdown pages to a folder (for any Markdown site generator)."""
    settings = _settings(config_file)
    result = build_pages(settings)
    if not result.ok:
        _report(result.corpus.log.sorted())
        click.echo("Nothing exported.", err=True)
        sys.exit(EXIT_PROBLEMS)
    try:
        count = export_pages(result.pages, Path(out))
    except ExportError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"Wrote {count} pages to {out}")


def _report(problems: list[Problem]) -> None:
    for line in format_text(problems):
        click.echo(line, err=True)
    click.echo(summarize(problems), err=True)


def main() -> None:
    cli()
