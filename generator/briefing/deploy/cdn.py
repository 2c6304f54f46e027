"""Telling a CloudFront distribution to drop what a deploy changed (`--invalidate DISTRIBUTION_ID`).

Pages and entry files are served with `max-age=0, must-revalidate`, which a CDN that follows the
origin's headers (CloudFront's managed policies do) revalidates anyway; an invalidation matters
when the distribution holds them longer. Only revalidated files are named: hashed assets get a
new URL when they change. Each named path counts against CloudFront's free invalidations (1,000
a month) and a wildcard counts as one, so past `MAX_PATHS` the whole distribution is invalidated
with `/*`. Paths are the site's own (`/actors/x/`): the distribution's origin path is the prefix.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from briefing.deploy.bucket import client_config, session, translated
from briefing.deploy.headers import is_content_hashed
from briefing.deploy.plan import Plan

MAX_PATHS = 15


def invalidation_paths(plan: Plan) -> list[str]:
    """The viewer paths whose cached copies a deploy made stale: a page both as `/dir/` and `/dir/index.html`."""
    changed = [file.path for file in plan.uploads] + plan.deletes
    paths: set[str] = set()
    for path in changed:
        if is_content_hashed(path):  # a new version has a new name; an old one is asked for only by old pages
            continue
        paths.add("/" + quote(path))
        if path == "index.html" or path.endswith("/index.html"):
            paths.add("/" + quote(path.removesuffix("index.html")))
    return ["/*"] if len(paths) > MAX_PATHS else sorted(paths)


def invalidate(distribution_id: str, paths: list[str], region: str | None) -> str:
    """Create the invalidation (boto3's CloudFront client, the same credential chain); its id."""
    with translated(f"invalidating {len(paths)} paths on CloudFront distribution {distribution_id}"):
        client = session(region).client("cloudfront", config=client_config(1))
        response = client.create_invalidation(
            DistributionId=distribution_id,
            InvalidationBatch={"Paths": {"Quantity": len(paths), "Items": paths}, "CallerReference": f"briefing-{time.time_ns()}"},
        )
    invalidation_id: str = response["Invalidation"]["Id"]
    return invalidation_id
