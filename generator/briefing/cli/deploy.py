"""`briefing deploy s3 SITE_DIR --bucket B`: the built site to S3-compatible storage, with a one-screen summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from briefing.deploy.cdn import invalidate, invalidation_paths
from briefing.deploy.run import DeployOptions, DeployReport, deploy
from briefing.deploy.target import MANIFEST_NAME, DeployError, Target

EXIT_FAILED = 1
LISTED = 8  # paths shown per kind of change (+ new, ~ changed, - deleted, = kept); the rest are counted


@click.group(name="deploy")
def deploy_group() -> None:
    """Publish a built site past GitHub Pages (README: "Past GitHub Pages")."""


@deploy_group.command(name="s3")
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--bucket", required=True, help="The bucket's name.")
@click.option("--prefix", default="", help="Key prefix the site lives under (default: the bucket's root).")
@click.option("--endpoint-url", default=None, help="An S3-compatible service's endpoint (R2, MinIO, ...); default: AWS S3.")
@click.option("--region", default=None, help="The bucket's region (default: from the AWS configuration).")
@click.option("--dry-run", is_flag=True, help="Show what would be uploaded and deleted; change nothing.")
@click.option("--delete/--no-delete", default=True, show_default=True, help="Delete the files the site no longer has.")
@click.option("--full", is_flag=True, help="Upload every file, whatever the bucket's manifest says.")
@click.option("--invalidate", "distribution_id", default=None, help="A CloudFront distribution to invalidate the changed pages on.")
@click.option("--jobs", type=click.IntRange(1, 64), default=16, show_default=True, help="Uploads at once.")
def s3(
    site_dir: Path,
    bucket: str,
    prefix: str,
    endpoint_url: str | None,
    region: str | None,
    dry_run: bool,
    delete: bool,
    full: bool,
    distribution_id: str | None,
    jobs: int,
) -> None:
    """Upload the site in SITE_DIR to an S3 bucket: only the files that changed since the last
    deploy (by SHA-256, against a manifest kept in the bucket), with their Content-Type and
    Cache-Control, then delete the files the site no longer has.

    Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
    AWS_PROFILE, ~/.aws), never from the command line.
    """
    from briefing.deploy.bucket import S3Bucket

    options = DeployOptions(delete=delete, dry_run=dry_run, full=full, jobs=jobs)
    try:
        target = Target.of(bucket, prefix, endpoint_url, region)
        report = deploy(site_dir, S3Bucket.connect(target, jobs), options, on_phase=lambda text: click.echo(f"Briefing: {text}", err=True))
    except DeployError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted; every file online is its old or its new version: run the deploy again to finish")
    for line in summary(site_dir, target, report):
        click.echo(line)
    paths = invalidation_paths(report.plan) if distribution_id else []
    if distribution_id and paths and dry_run:
        click.echo(f"Would invalidate on CloudFront distribution {distribution_id}: {_listed(paths)}")
    elif distribution_id and paths:
        try:
            invalidation = invalidate(distribution_id, paths, region)
        except DeployError as exc:
            _fail(f"{exc} (the site itself is deployed)")
        click.echo(
            f"Invalidated {_count(len(paths), 'path')} on CloudFront distribution {distribution_id} ({invalidation}): {_listed(paths)}"
        )


def summary(site_dir: Path, target: Target, report: DeployReport) -> list[str]:
    """The one-screen summary: what went up, what stayed, what went away."""
    plan, verb = report.plan, ("Would upload" if report.dry_run else "Uploaded")
    new = [file.path for file in plan.uploads if file.path in plan.new]
    changed = [file.path for file in plan.uploads if file.path not in plan.new]
    unchanged = plan.unchanged
    lines = [f"{'Dry run: ' if report.dry_run else ''}{site_dir} -> {target.where()}"]
    if report.manifest == "none":
        lines.append("  no manifest in the bucket: a first deploy (objects Briefing did not put there are left alone)")
    elif report.manifest == "unreadable":
        lines.append("  the bucket's manifest is unreadable: every file uploaded (--full), nothing deleted")
    lines.append(
        f"  {verb.lower():<13} {_count(len(plan.uploads), 'file'):>12}  {_size(report.uploaded_bytes):>9}  ({len(new):,} new, {len(changed):,} changed)"
    )
    lines.append(f"  {'unchanged':<13} {_count(len(unchanged), 'file'):>12}  {_size(sum(f.size for f in unchanged)):>9}")
    lines.append(f"  {'would delete' if report.dry_run else 'deleted':<13} {_count(len(plan.deletes), 'file'):>12}")
    if plan.kept:
        lines.append(f"  {'kept':<13} {_count(len(plan.kept), 'file'):>12}  (gone from the site; --no-delete)")
    for mark, label, paths in (("+", "new", new), ("~", "changed", changed), ("-", "deleted", plan.deletes), ("=", "kept", plan.kept)):
        lines += [f"    {mark} {path}" for path in paths[:LISTED]]
        if len(paths) > LISTED:
            lines.append(f"    {mark} ... and {len(paths) - LISTED:,} more {label}")
    if report.dry_run:
        lines.append("Nothing uploaded or deleted (dry run).")
    else:
        lines.append(f"Done in {report.seconds:.1f} s; manifest {target.url(MANIFEST_NAME)}")
    return lines


def _listed(paths: list[str]) -> str:
    shown = ", ".join(paths[:LISTED])
    return shown + (f" and {len(paths) - LISTED} more" if len(paths) > LISTED else "")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _size(size: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_FAILED)
