"""`briefing deploy s3` against a local S3 server (moto in server mode), with boto3 as the client.

The demo site (its search index in parts, as a large site's is) is built three times: as it is,
after a one-article edit, and without one article. Every deploy is checked on what the bucket
then holds, object by object, and on how often each key was written (the buckets are versioned).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from botocore.exceptions import ConnectionClosedError

from briefing.deploy.bucket import S3Bucket
from briefing.deploy.run import DeployOptions, deploy
from briefing.deploy.target import DeployError, Target
from tests.support.project import split_search_project
from tests.support.s3server import (
    MATERIAL_HASHED,
    TEST_CREDENTIALS,
    S3Server,
    changed_paths,
    digests,
    s3_server,
    site_files,
    stored_digests,
    stored_objects,
    writes_per_key,
)
from tests.support.site import REPO, mkdocs_build

EDITED = "articles/2024/2024-05-15-xi-putin-beijing.md"
EDITED_PAGE = "articles/2024/05/xi-putin-beijing/index.html"
REMOVED = "articles/2024/2024-07-25-china-russia-bombers-alaska.md"
MANIFEST = ".briefing-deploy.json.gz"
BRIEFING = Path(sys.executable).with_name("briefing")  # the console script of this environment

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
SHORT = "public, max-age=600"
OCTET = "application/octet-stream"
# What each kind of file the site has must be served as, written out here rather than taken from the code.
EXPECTED_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".map": "application/json",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",  # the icon sprite of a hosted site
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".pagefind": OCTET,
    ".pf_meta": OCTET,
    ".pf_index": OCTET,
    ".pf_fragment": OCTET,
    ".pf_filter": OCTET,
}


@dataclass(frozen=True)
class Builds:
    original: Path
    edited: Path  # one article's body edited
    reduced: Path  # the edited site without another article


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("deploy")
    project = split_search_project(root / "project")
    sites = Builds(root / "site-original", root / "site-edited", root / "site-reduced")
    _build(project, sites.original)
    (project / EDITED).write_text((project / EDITED).read_text(encoding="utf-8") + "\nThe talks ended with a statement on energy.\n")
    _build(project, sites.edited)
    (project / REMOVED).unlink()
    _build(project, sites.reduced)
    return sites


def _build(project: Path, site: Path) -> None:
    result = mkdocs_build(project, site, offline=False)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[S3Server]:
    with s3_server() as running:
        yield running


def run_deploy(
    server: S3Server, site: Path, bucket: str, *options: str, env: dict[str, str] | None = None, endpoint: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`briefing deploy s3` (the installed command) in its own process, credentials in the environment only."""
    command = [str(BRIEFING), "deploy", "s3", str(site), "--bucket", bucket, "--endpoint-url", endpoint or server.url, *options]
    result = subprocess.run(command, capture_output=True, text=True, env=env or server.environment(), timeout=120)
    assert TEST_CREDENTIALS["AWS_SECRET_ACCESS_KEY"] not in result.stdout + result.stderr
    assert TEST_CREDENTIALS["AWS_ACCESS_KEY_ID"] not in result.stdout + result.stderr
    return result


def deployed(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def summary_count(output: str, label: str) -> int:
    """The number on the summary line `  uploaded    5 files ...`."""
    line = next(line for line in output.splitlines() if line.strip().startswith(f"{label} "))
    return int(line.split()[len(label.split())].replace(",", ""))


def expected_cache_control(path: str) -> str:
    suffix = Path(path).suffix
    if (path.startswith("pagefind/") and suffix.startswith(".pf_")) or MATERIAL_HASHED.match(path):
        return IMMUTABLE
    if suffix in {".html", ".xml", ".json", ".txt", ".csv", ".gz"}:
        return REVALIDATE
    return SHORT


def expected_type(path: str, body: bytes) -> str:
    if path.endswith(".xml"):
        return "application/atom+xml" if b'<feed xmlns="http://www.w3.org/2005/Atom"' in body[:500] else "application/xml"
    suffix = Path(path).suffix
    assert suffix in EXPECTED_TYPES, f"{path}: a kind of file this test does not know; add what it must be served as"
    return EXPECTED_TYPES[suffix]


def test_first_deploy_uploads_every_file_with_its_type_and_caching(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    output = deployed(run_deploy(server, builds.original, bucket))
    local = site_files(builds.original)
    stored = stored_objects(server.client(), bucket)
    assert set(stored) == set(local)
    assert summary_count(output, "uploaded") == len(local)
    feeds = sitemaps = hashed = 0
    for path, body in local.items():
        stored_object = stored[path]
        assert stored_object.body == body, path
        assert stored_object.content_type == expected_type(path, body), path
        assert stored_object.cache_control == expected_cache_control(path), path
        feeds += stored_object.content_type == "application/atom+xml"
        sitemaps += path in ("sitemap.xml", "sitemap.xml.gz")
        hashed += stored_object.cache_control == IMMUTABLE
    # The kinds the rules are about are all there: feeds, sitemaps, Material's and Pagefind's hashed files, parts.
    assert feeds >= 10 and sitemaps == 2 and hashed >= 50
    assert stored["assets/javascripts/bundle." + _hash_of(local, "assets/javascripts/bundle.") + ".min.js"].cache_control == IMMUTABLE
    assert stored["pagefind/pagefind-entry.json"].cache_control == REVALIDATE
    assert stored["pagefind/part-1/pagefind-entry.json"].cache_control == REVALIDATE
    assert stored["pagefind/briefing-parts.json"].cache_control == REVALIDATE
    assert stored["index.html"].cache_control == REVALIDATE
    assert stored["pagefind/wasm.en.pagefind"].cache_control == SHORT
    assert stored["feeds/all.xml"].content_type == "application/atom+xml"
    assert stored["sitemap.xml"].content_type == "application/xml"
    manifest = _manifest(server, bucket)
    assert set(manifest["files"]) == set(local)
    assert all(stored[path].metadata["sha256"] == entry[0] for path, entry in manifest["files"].items())


def test_one_article_edit_uploads_only_the_files_it_changed(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    deployed(run_deploy(server, builds.original, bucket))
    before = writes_per_key(server.client(), bucket)
    output = deployed(run_deploy(server, builds.edited, bucket))
    changed, removed = changed_paths(site_files(builds.original), site_files(builds.edited))
    assert EDITED_PAGE in changed and len(changed) <= 10, sorted(changed)  # a handful: the page and its search chunks
    after = writes_per_key(server.client(), bucket)
    written = {key for key, writes in after.items() if writes > before.get(key, 0) and key != MANIFEST}
    assert written == changed | removed  # each uploaded once, each removed deleted once; nothing else touched
    assert all(after[key] == before.get(key, 0) + 1 for key in written)
    assert summary_count(output, "uploaded") == len(changed)
    assert summary_count(output, "deleted") == len(removed)
    assert summary_count(output, "unchanged") == len(site_files(builds.edited)) - len(changed)
    assert stored_digests(server.client(), bucket) == digests(site_files(builds.edited))


def test_removed_files_are_deleted_and_no_delete_keeps_them(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    client = server.client()
    foreign = {"archive/downloads/report.pdf": b"%PDF-1.7 not Briefing's", "index.html": b"the bucket's root, outside the prefix"}
    for key, body in foreign.items():
        client.put_object(Bucket=bucket, Key=key, Body=body)
    deployed(run_deploy(server, builds.edited, bucket, "--prefix", "/archive/"))
    _, removed = changed_paths(site_files(builds.edited), site_files(builds.reduced))
    assert "articles/2024/07/china-russia-bombers-alaska/index.html" in removed

    kept = deployed(run_deploy(server, builds.reduced, bucket, "--prefix", "archive", "--no-delete"))
    assert summary_count(kept, "kept") == len(removed)
    assert set(stored_digests(client, bucket, "archive/")) == set(site_files(builds.reduced)) | removed | {"downloads/report.pdf"}

    output = deployed(run_deploy(server, builds.reduced, bucket, "--prefix", "archive"))
    assert summary_count(output, "uploaded") == 0 and summary_count(output, "deleted") == len(removed)
    stored = stored_digests(client, bucket, "archive/")
    assert {path: md5 for path, md5 in stored.items() if path != "downloads/report.pdf"} == digests(site_files(builds.reduced))
    for key, body in foreign.items():  # never Briefing's, never touched
        assert client.get_object(Bucket=bucket, Key=key)["Body"].read() == body
    assert writes_per_key(client, bucket)["archive/downloads/report.pdf"] == 1


class FailingUpload:
    """A botocore hook that breaks the connection on the PUT of one key, as a network failure would."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.failed = 0

    def __call__(self, params: dict[str, Any], **_: Any) -> None:
        if params.get("Key") == self.key:
            self.failed += 1
            raise ConnectionClosedError(endpoint_url="http://127.0.0.1/")


def _bucket_with_failure(server: S3Server, bucket: str, failing_key: str) -> tuple[S3Bucket, FailingUpload]:
    client = server.client()
    hook = FailingUpload(failing_key)
    client.meta.events.register("before-parameter-build.s3.PutObject", hook)
    return S3Bucket(client, Target.of(bucket)), hook


def test_interrupted_deploy_serves_old_or_new_files_and_the_next_run_finishes(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    original, edited = site_files(builds.original), site_files(builds.edited)
    deploy(builds.original, S3Bucket(server.client(), Target.of(bucket)), DeployOptions())
    changed, removed = changed_paths(original, edited)
    new_index = next(path for path in changed if path.endswith(".pf_index"))
    failing, hook = _bucket_with_failure(server, bucket, new_index)
    with pytest.raises(DeployError, match="run it again to finish"):
        deploy(builds.edited, failing, DeployOptions(jobs=1))
    assert hook.failed >= 1

    stored, old, new = stored_digests(server.client(), bucket), digests(original), digests(edited)
    assert all(md5 in (old.get(path), new.get(path)) for path, md5 in stored.items())
    assert set(original) <= set(stored)  # nothing deleted before every upload is done
    # What names the failed chunk goes up after it, so nothing served points at a missing file.
    for path in ("pagefind/pagefind-entry.json", EDITED_PAGE, *(p for p in changed if p.endswith((".pf_meta", ".json")))):
        assert stored.get(path) == old.get(path), path

    result = deploy(builds.edited, S3Bucket(server.client(), Target.of(bucket)), DeployOptions())
    assert new_index in {file.path for file in result.plan.uploads}
    assert {file.path for file in result.plan.uploads} <= changed
    assert set(result.plan.deletes) == removed
    assert stored_digests(server.client(), bucket) == new


def test_files_an_interrupted_deploy_added_are_deleted_when_the_site_drops_them(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    original, edited = site_files(builds.original), site_files(builds.edited)
    deploy(builds.original, S3Bucket(server.client(), Target.of(bucket)), DeployOptions())
    failing, _ = _bucket_with_failure(server, bucket, EDITED_PAGE)  # the search chunks go up, the page fails
    with pytest.raises(DeployError):
        deploy(builds.edited, failing, DeployOptions())
    added = set(edited) - set(original)
    assert added and added <= set(stored_digests(server.client(), bucket))

    deploy(builds.original, S3Bucket(server.client(), Target.of(bucket)), DeployOptions())  # the edit is reverted
    assert stored_digests(server.client(), bucket) == digests(original)


def test_dry_run_uploads_and_deletes_nothing(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    deployed(run_deploy(server, builds.original, bucket))
    client = server.client()
    writes, manifest = writes_per_key(client, bucket), _manifest(server, bucket)
    output = deployed(run_deploy(server, builds.edited, bucket, "--dry-run"))
    changed, removed = changed_paths(site_files(builds.original), site_files(builds.edited))
    assert summary_count(output, "would upload") == len(changed)
    assert summary_count(output, "would delete") == len(removed)
    assert EDITED_PAGE in output and "Nothing uploaded or deleted (dry run)." in output
    assert writes_per_key(client, bucket) == writes and _manifest(server, bucket) == manifest


def test_invalidation_names_the_changed_pages(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    cloudfront = server.client("cloudfront")
    distribution = cloudfront.create_distribution(DistributionConfig=_distribution_config(bucket))["Distribution"]["Id"]
    env = server.environment(AWS_ENDPOINT_URL_CLOUDFRONT=server.url)
    first = deployed(run_deploy(server, builds.original, bucket, "--invalidate", distribution, env=env))
    assert f"on CloudFront distribution {distribution}" in first
    deployed(run_deploy(server, builds.edited, bucket, "--invalidate", distribution, env=env))
    listed = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]["Items"]
    assert len(listed) == 2
    paths = {
        invalidation["Id"]: cloudfront.get_invalidation(DistributionId=distribution, Id=invalidation["Id"])["Invalidation"][
            "InvalidationBatch"
        ]["Paths"]["Items"]
        for invalidation in listed
    }
    assert sorted(paths.values(), key=len) == [
        ["/*"],  # the first deploy changed everything
        sorted(
            [
                "/articles/2024/05/xi-putin-beijing/",
                "/articles/2024/05/xi-putin-beijing/index.html",
                *(f"/{p}" for p in changed_paths(site_files(builds.original), site_files(builds.edited))[0] if p.endswith(".json")),
            ]
        ),
    ]


def test_bad_bucket_endpoint_credentials_or_site_give_one_line_and_a_failure(server: S3Server, builds: Builds, tmp_path: Path) -> None:
    bucket = server.new_bucket()
    closed_port = _closed_port()
    no_credentials = {k: v for k, v in server.environment().items() if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    cases = {
        "no-such-bucket": (run_deploy(server, builds.original, "no-such-bucket"), "bucket 'no-such-bucket' does not exist"),
        "closed endpoint": (
            run_deploy(server, builds.original, bucket, endpoint=f"http://127.0.0.1:{closed_port}"),
            f"127.0.0.1:{closed_port}",
        ),
        "not a URL": (run_deploy(server, builds.original, bucket, endpoint="ftp:/nowhere"), "--endpoint-url"),
        "no credentials": (run_deploy(server, builds.original, bucket, env=no_credentials), "no AWS credentials found"),
        "not a site": (run_deploy(server, tmp_path, bucket), "not a built site"),
    }
    for name, (result, expected) in cases.items():
        assert result.returncode == 1, name
        assert result.stdout == "", name
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0], (name, result.stderr)
    assert not stored_digests(server.client(), bucket)


def test_an_unreadable_manifest_stops_the_deploy_until_full(server: S3Server, builds: Builds) -> None:
    bucket = server.new_bucket()
    server.client().put_object(Bucket=bucket, Key=MANIFEST, Body=b"not gzip")
    refused = run_deploy(server, builds.original, bucket)
    assert refused.returncode == 1 and refused.stderr.startswith(f"Error: s3://{bucket}/{MANIFEST}: not a manifest")
    assert "--full" in refused.stderr and len(refused.stderr.splitlines()) == 1
    output = deployed(run_deploy(server, builds.original, bucket, "--full"))
    assert "manifest is unreadable" in output and summary_count(output, "uploaded") == len(site_files(builds.original))
    again = deployed(run_deploy(server, builds.original, bucket))
    assert summary_count(again, "uploaded") == 0


def test_the_deploy_workflow_can_deploy_to_s3_with_named_secrets() -> None:
    text = (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    job = workflow["jobs"]["s3"]
    assert "vars.DEPLOY_TARGET" in job["if"]
    assert "vars.DEPLOY_TARGET != 's3'" in workflow["jobs"]["build"]["if"]  # Pages still the default
    steps = " ".join(step.get("run", "") for step in job["steps"])
    assert "pip install --require-hashes -r requirements/s3-lock.txt" in steps and "pip install --no-deps -e ." in steps
    assert "mkdocs build --strict" in steps and "briefing deploy s3" in steps
    env = {k: v for step in job["steps"] for k, v in step.get("env", {}).items()} | job.get("env", {})
    for secret in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "S3_BUCKET"):
        assert env[secret] == f"${{{{ secrets.{secret} }}}}"
    deploy_step = next(step for step in job["steps"] if "briefing deploy s3" in step.get("run", ""))
    assert all(re.fullmatch(r"\$\{\{ (secrets|vars)\.[A-Z0-9_]+ \}\}", value) for value in deploy_step["env"].values())
    assert "AKIA" not in text  # no access key id written into the file


def test_the_readme_cloudfront_function_serves_directory_urls() -> None:
    """The viewer-request function README gives for CloudFront, run in node on the URLs a hosted build links."""
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("## Past GitHub Pages", 1)[1].split("\n## ", 1)[0]
    (function,) = re.findall(r"```js\n(.*?)```", readme, re.S)
    node = shutil.which("node")
    assert node is not None, "node is needed (the HTML checkers need it too: see README, Quickstart)"
    uris = ["/", "/actors/xi-jinping/", "/actors/xi-jinping", "/assets/briefing.css", "/pagefind/wasm.en.pagefind", "/feeds/all.xml"]
    harness = "\nconsole.log(JSON.stringify(JSON.parse(process.argv[1]).map(function (uri) { return handler({request: {uri: uri}}); })));"
    result = subprocess.run([node, "-e", textwrap.dedent(function) + harness, json.dumps(uris)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert [answer.get("uri") for answer in answers] == [
        "/index.html",
        "/actors/xi-jinping/index.html",
        None,
        "/assets/briefing.css",
        "/pagefind/wasm.en.pagefind",
        "/feeds/all.xml",
    ]
    assert answers[2] == {
        "statusCode": 301,
        "statusDescription": "Moved Permanently",
        "headers": {"location": {"value": "/actors/xi-jinping/"}},
    }


def _manifest(server: S3Server, bucket: str) -> dict[str, Any]:
    data = server.client().get_object(Bucket=bucket, Key=MANIFEST)["Body"].read()
    manifest: dict[str, Any] = json.loads(gzip.decompress(data))
    return manifest


def _hash_of(local: dict[str, bytes], prefix: str) -> str:
    (name,) = [path for path in local if path.startswith(prefix) and path.endswith(".min.js")]
    return name.removeprefix(prefix).split(".")[0]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _distribution_config(bucket: str) -> dict[str, Any]:
    return {
        "CallerReference": bucket,
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [{"Id": "site", "DomainName": f"{bucket}.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "site",
            "ViewerProtocolPolicy": "redirect-to-https",
            "MinTTL": 0,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
        },
    }
