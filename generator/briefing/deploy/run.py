"""A deploy from start to end: scan, plan, upload in order, delete, record.

Safe to interrupt at any point and to run again. Each object is replaced by one PUT, so a key
serves either its old or its new bytes, never a mix. Uploads go by rank (`headers.upload_rank`):
assets and Pagefind's chunks, then Pagefind's metadata, entry files and list of parts, then the pages, then
feeds and sitemaps; a failed upload stops the deploy before the next rank, so no page goes up
before what it loads. Deletes come after every upload, pages first. The manifest is written
before the first upload (the paths about to change marked unknown, so a new object is Briefing's
even if the deploy dies before the end), after the uploads, and after the deletes: the next
deploy re-uploads whatever was unknown and deletes whatever is left.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Protocol

from briefing.deploy.manifest import Manifest, decode, encode
from briefing.deploy.plan import Plan, make_plan
from briefing.deploy.site_files import SiteFile, check_site_dir, scan_site
from briefing.deploy.target import MANIFEST_NAME, DeployError, Target
from briefing.runtime.progress import Progress

MAX_KEY_BYTES = 1024  # S3's limit on an object key


class Bucket(Protocol):
    """What a deploy needs of a bucket (`bucket.S3Bucket` through boto3)."""

    target: Target

    def check(self) -> None: ...
    def read_manifest(self) -> bytes | None: ...
    def write_manifest(self, data: bytes) -> None: ...
    def upload(self, file: SiteFile) -> None: ...
    def delete(self, paths: list[str]) -> None: ...


@dataclass(frozen=True)
class DeployOptions:
    delete: bool = True
    dry_run: bool = False
    full: bool = False  # upload every file, whatever the manifest says
    jobs: int = 8  # uploads (and hashes) at once


@dataclass(frozen=True)
class DeployReport:
    plan: Plan
    manifest: str  # "found", "none" (a first deploy) or "unreadable" (ignored with --full)
    dry_run: bool
    seconds: float

    @property
    def uploaded_bytes(self) -> int:
        return sum(file.size for file in self.plan.uploads)


def deploy(site_dir: Path, bucket: Bucket, options: DeployOptions, on_phase: Callable[[str], None] | None = None) -> DeployReport:
    """Make the bucket hold the site in `site_dir`, uploading only what changed."""
    start = time.perf_counter()
    say = on_phase or (lambda _message: None)
    check_site_dir(site_dir)
    bucket.check()
    files = scan_site(site_dir, options.jobs)
    _check_keys(files, bucket.target)
    previous, state = _previous_manifest(bucket, options.full)
    plan = make_plan(files, previous, delete=options.delete, full=options.full)
    if not options.dry_run and plan.has_work:
        try:
            _apply(bucket, plan, previous, options.jobs, say)
        except DeployError as exc:
            raise DeployError(
                f"{exc}. The deploy stopped part-way: every file online is its old or its new version; run it again to finish"
            ) from None
    return DeployReport(plan, state, options.dry_run, time.perf_counter() - start)


def _apply(bucket: Bucket, plan: Plan, previous: Manifest, jobs: int, say: Callable[[str], None]) -> None:
    written = previous
    if plan.uploads:
        written = _record(bucket, plan.before_uploads(), written)
        say(f"uploading {len(plan.uploads)} files")
        upload_in_order(bucket, plan.uploads, jobs)
    written = _record(bucket, plan.after_uploads(), written)
    if plan.deletes:
        say(f"deleting {len(plan.deletes)} files")
        bucket.delete(plan.deletes)
    _record(bucket, plan.after_deletes(), written)


def upload_in_order(bucket: Bucket, files: list[SiteFile], jobs: int) -> None:
    """Upload rank by rank, `jobs` at a time; the first failure stops the deploy once the uploads
    under way are done (the files of later ranks are not started)."""
    progress = Progress("uploading", len(files))
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for _rank, group in groupby(files, key=lambda file: file.rank):
                futures = [pool.submit(bucket.upload, file) for file in group]
                try:
                    for future in as_completed(futures):
                        future.result()
                        progress.step()
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
    finally:
        progress.close()


def _previous_manifest(bucket: Bucket, full: bool) -> tuple[Manifest, str]:
    data = bucket.read_manifest()
    if data is None:
        return {}, "none"
    try:
        return decode(data, bucket.target.url(MANIFEST_NAME)), "found"
    except DeployError:
        if full:  # every file goes up again; nothing is deleted, since what Briefing owned is unknown
            return {}, "unreadable"
        raise


def _record(bucket: Bucket, manifest: Manifest, written: Manifest) -> Manifest:
    if manifest != written:
        bucket.write_manifest(encode(manifest))
    return manifest


def _check_keys(files: list[SiteFile], target: Target) -> None:
    for file in files:
        if len(target.key(file.path).encode("utf-8")) > MAX_KEY_BYTES:
            raise DeployError(f"{file.source}: its object key would be over S3's {MAX_KEY_BYTES} bytes; shorten the path or the prefix")
