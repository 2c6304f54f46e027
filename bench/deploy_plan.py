"""What `briefing deploy s3` would do between two builds of a site, measured without a bucket.

    python bench/deploy_plan.py BEFORE_SITE AFTER_SITE [--jobs N]

Scans both built folders as the deploy does (SHA-256 and headers of every file), plans the
deploy of AFTER_SITE onto a bucket holding BEFORE_SITE (the manifest a deploy of BEFORE_SITE
writes), and prints the time of each scan, the files to upload and delete, and the manifest's
size. README ("Past GitHub Pages") quotes it for a one-article edit of a 10,000-article corpus:

    python bench/make_corpus.py 10000 /tmp/c10k && cd /tmp/c10k
    BRIEFING_OFFLINE=false mkdocs build -q -d /tmp/site-before
    echo "One more sentence." >> "$(ls articles/2024/*.md | sed -n 100p)"
    BRIEFING_OFFLINE=false mkdocs build -q -d /tmp/site-after
    python bench/deploy_plan.py /tmp/site-before /tmp/site-after
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from briefing.deploy.cdn import invalidation_paths
from briefing.deploy.manifest import Entry, encode
from briefing.deploy.plan import make_plan
from briefing.deploy.site_files import SiteFile, scan_site


def timed_scan(site: Path, jobs: int) -> tuple[list[SiteFile], float]:
    start = time.perf_counter()
    files = scan_site(site, jobs)
    return files, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--jobs", type=int, default=16, help="hashing threads (the deploy's --jobs)")
    args = parser.parse_args()
    before, before_seconds = timed_scan(args.before, args.jobs)
    after, after_seconds = timed_scan(args.after, args.jobs)
    manifest = {file.path: Entry.of(file) for file in before}
    plan = make_plan(after, manifest)
    size = sum(file.size for file in after)
    print(f"before: {len(before):,} files scanned in {before_seconds:.1f} s")
    print(f"after:  {len(after):,} files, {size / 1e6:,.0f} MB, scanned in {after_seconds:.1f} s")
    print(f"upload: {len(plan.uploads):,} files, {sum(f.size for f in plan.uploads) / 1e3:,.0f} kB ({len(plan.new)} new)")
    print(f"delete: {len(plan.deletes):,} files; unchanged {len(plan.unchanged):,}")
    print(f"manifest: {len(encode(manifest)) / 1e6:.2f} MB gzip-compressed")
    print(f"invalidation paths: {invalidation_paths(plan)}")
    for file in plan.uploads:
        print(f"  + {file.path}")
    for path in plan.deletes:
        print(f"  - {path}")


if __name__ == "__main__":
    main()
