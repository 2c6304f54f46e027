"""The deploy's parts without a server: headers, the plan, the manifest, the site's files, the order of writes.

The deploy against a real S3 server (moto) is tests/integration/test_deploy_s3.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from briefing.deploy.cdn import MAX_PATHS, invalidation_paths
from briefing.deploy.headers import IMMUTABLE, REVALIDATE, SHORT, cache_control, content_type, upload_rank
from briefing.deploy.manifest import Entry, Manifest, decode, encode
from briefing.deploy.plan import make_plan
from briefing.deploy.run import DeployOptions, deploy
from briefing.deploy.site_files import SiteFile, scan_site
from briefing.deploy.target import MANIFEST_NAME, DeployError, Target

ATOM = b"<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>x</id></feed>"
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>'
SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'


@pytest.mark.parametrize(
    ("path", "head", "expected"),
    [
        ("index.html", b"", "text/html; charset=utf-8"),
        ("assets/stylesheets/main.57a0d79d.min.css", b"", "text/css; charset=utf-8"),
        ("assets/javascripts/bundle.a5f9d56c.min.js", b"", "text/javascript; charset=utf-8"),
        ("assets/javascripts/bundle.a5f9d56c.min.js.map", b"", "application/json"),
        ("pagefind/pagefind-entry.json", b"", "application/json"),
        ("feeds/all.xml", ATOM, "application/atom+xml"),
        ("feeds/legacy.xml", RSS, "application/rss+xml"),
        ("sitemap.xml", SITEMAP, "application/xml"),
        ("sitemap.xml.gz", b"\x1f\x8b", "application/gzip"),
        ("robots.txt", b"", "text/plain; charset=utf-8"),
        ("articles.csv", b"", "text/csv; charset=utf-8"),
        ("assets/logo.SVG", b"", "image/svg+xml"),
        ("assets/images/favicon.png", b"", "image/png"),
        ("favicon.ico", b"", "image/x-icon"),
        ("assets/fonts/inter.woff2", b"", "font/woff2"),
        ("assets/fonts/inter.woff", b"", "font/woff"),
        ("pagefind/wasm.en.pagefind", b"", "application/octet-stream"),
        ("pagefind/pagefind.en_2fba079ce9.pf_meta", b"", "application/octet-stream"),
        ("pagefind/part-2/index/en_8320361.pf_index", b"", "application/octet-stream"),
        ("pagefind/fragment/en_1537864.pf_fragment", b"", "application/octet-stream"),
        ("pagefind/filter/en_be42f46.pf_filter", b"", "application/octet-stream"),
        ("engine.wasm", b"", "application/wasm"),
        ("docs/report.doc", b"", "application/msword"),  # not in Briefing's table: Python's own
        ("data/blob.xyz123", b"", "application/octet-stream"),
        ("LICENSE", b"", "application/octet-stream"),
    ],
)
def test_content_types_come_from_a_fixed_table(path: str, head: bytes, expected: str) -> None:
    assert content_type(path, head) == expected


def test_text_that_is_not_utf8_gets_no_charset() -> None:
    assert content_type("notes.txt", b"", utf8=False) == "text/plain"
    assert content_type("index.html", b"", utf8=False) == "text/html"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("assets/javascripts/bundle.a5f9d56c.min.js", IMMUTABLE),
        ("assets/javascripts/bundle.a5f9d56c.min.js.map", IMMUTABLE),
        ("assets/javascripts/workers/search.a7633da7.min.js", IMMUTABLE),
        ("assets/stylesheets/palette.fb2fffe2.min.css", IMMUTABLE),
        ("pagefind/pagefind.en_2fba079ce9.pf_meta", IMMUTABLE),
        ("pagefind/part-3/fragment/en_1537864.pf_fragment", IMMUTABLE),
        ("pagefind/filter/en_be42f46.pf_filter", IMMUTABLE),
        ("index.html", REVALIDATE),
        ("actors/xi-jinping/index.html", REVALIDATE),
        ("404.html", REVALIDATE),
        ("feeds/all.xml", REVALIDATE),
        ("sitemap.xml.gz", REVALIDATE),
        ("robots.txt", REVALIDATE),
        ("briefing.json", REVALIDATE),
        ("articles.csv", REVALIDATE),
        ("pagefind/pagefind-entry.json", REVALIDATE),
        ("pagefind/part-1/pagefind-entry.json", REVALIDATE),
        ("pagefind/briefing-parts.json", REVALIDATE),
        ("pagefind/wasm.en.pagefind", SHORT),  # not hashed: its name is the language's
        ("pagefind/pagefind.js", SHORT),
        ("assets/briefing-search.js", SHORT),
        ("assets/briefing.css", SHORT),
        ("assets/javascripts/lunr/min/lunr.de.min.js", SHORT),
        ("assets/screenshots/home.png", SHORT),
        ("assets/app.a5f9d56c.js", SHORT),  # not Material's naming: no proof the name follows the content
        ("downloads/en_1537864.pf_index", SHORT),  # Pagefind's names only under pagefind/
    ],
)
def test_only_content_hashed_names_are_cached_for_good(path: str, expected: str) -> None:
    assert cache_control(path) == expected


def test_uploads_go_after_what_they_name() -> None:
    order = [
        "pagefind/fragment/en_1.pf_fragment",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "pagefind/pagefind.en_2.pf_meta",
        "pagefind/part-1/pagefind-entry.json",
        "pagefind/briefing-parts.json",  # names the parts, so after their entry files
        "index.html",
        "feeds/all.xml",
        "sitemap.xml",
    ]
    ranks = [upload_rank(path) for path in order]
    assert ranks == sorted(ranks) and ranks[0] == ranks[1] < ranks[2] < ranks[3] < ranks[4] < ranks[5] < ranks[6] == ranks[7]


def test_target_normalises_the_prefix_and_refuses_bad_options() -> None:
    assert Target.of("site", "/a//b/").key("index.html") == "a/b/index.html"
    assert Target.of("site").manifest_key == MANIFEST_NAME
    assert Target.of("site", "p", "https://user:secret@s3.example.com:9000").where() == "s3://site/p/ at https://s3.example.com:9000"
    for bucket, prefix, endpoint, message in [
        ("s3://site", "", None, "--bucket"),
        ("site", "a/../b", None, "--prefix"),
        ("site", "", "s3.example.com", "--endpoint-url"),
    ]:
        with pytest.raises(DeployError, match=message):
            Target.of(bucket, prefix, endpoint)


def _site(root: Path, files: dict[str, bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root


def test_scan_hashes_every_file_and_reads_its_kind(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": b"<p>caf\xc3\xa9", "feeds/all.xml": ATOM, "notes.txt": b"caf\xe9", "a/b/c.png": b"\x89PNG"})
    files = {file.path: file for file in scan_site(site)}
    assert list(files) == ["a/b/c.png", "feeds/all.xml", "index.html", "notes.txt"]
    assert files["index.html"].sha256 == hashlib.sha256(b"<p>caf\xc3\xa9").hexdigest()
    assert files["index.html"].size == 8
    assert files["feeds/all.xml"].headers.content_type == "application/atom+xml"
    assert files["notes.txt"].headers.content_type == "text/plain"  # Latin-1 bytes: no charset claimed
    assert files["index.html"].headers.content_type == "text/html; charset=utf-8"


@pytest.mark.parametrize("kind", ["empty", "symlink", "fifo", "manifest", "control"])
def test_scan_refuses_what_is_not_a_built_sites_file(tmp_path: Path, kind: str) -> None:
    site = _site(tmp_path / "site", {} if kind == "empty" else {"index.html": b"<p>"})
    if kind == "symlink":
        (tmp_path / "outside.txt").write_text("secret")
        (site / "link.txt").symlink_to(tmp_path / "outside.txt")
    elif kind == "fifo":
        os.mkfifo(site / "pipe")
    elif kind == "manifest":
        (site / MANIFEST_NAME).write_bytes(b"x")
    elif kind == "control":
        (site / "x\n::error::y.html").write_bytes(b"x")  # would print a line of its own in a CI log
    expected = {
        "empty": "not a built site",
        "symlink": "symbolic link",
        "fifo": "not a regular file",
        "manifest": "manifest",
        "control": "control character",
    }[kind]
    with pytest.raises(DeployError, match=expected):
        scan_site(site)


def _files(tmp_path: Path, contents: dict[str, bytes]) -> list[SiteFile]:
    return scan_site(_site(tmp_path, {"index.html": b"<p>home", **contents}))


def test_the_plan_uploads_what_differs_and_deletes_what_is_gone(tmp_path: Path) -> None:
    files = _files(tmp_path, {"same.css": b"a", "edited.html": b"new", "retyped.txt": b"t", "unknown.js": b"j", "added.png": b"p"})
    by_path = {file.path: Entry.of(file) for file in files}
    previous: Manifest = {
        "index.html": by_path["index.html"],
        "same.css": by_path["same.css"],
        "edited.html": Entry("0" * 64, 3, "text/html; charset=utf-8", REVALIDATE),
        "retyped.txt": Entry(by_path["retyped.txt"].sha256, 1, "application/octet-stream", SHORT),  # headers changed
        "unknown.js": None,  # an upload was under way when a deploy stopped
        "gone/index.html": Entry("1" * 64, 5, "text/html; charset=utf-8", REVALIDATE),
        "gone.pf_fragment": Entry("2" * 64, 5, "application/octet-stream", SHORT),
    }
    plan = make_plan(files, previous)
    assert [file.path for file in plan.uploads] == ["added.png", "unknown.js", "edited.html", "retyped.txt"]  # by rank, then path
    assert plan.new == {"added.png"}
    assert {file.path for file in plan.unchanged} == {"index.html", "same.css"}
    assert plan.deletes == ["gone/index.html", "gone.pf_fragment"]  # pages before assets
    before = plan.before_uploads()
    assert all(before[file.path] is None for file in plan.uploads) and before["gone/index.html"] == previous["gone/index.html"]
    assert plan.after_uploads() == {
        **by_path,
        "gone/index.html": previous["gone/index.html"],
        "gone.pf_fragment": previous["gone.pf_fragment"],
    }
    assert plan.after_deletes() == by_path

    kept = make_plan(files, previous, delete=False)
    assert kept.deletes == [] and kept.kept == ["gone.pf_fragment", "gone/index.html"]
    assert set(kept.after_deletes()) == set(by_path) | {"gone.pf_fragment", "gone/index.html"}  # still Briefing's, for a later --delete
    assert len(make_plan(files, by_path, full=True).uploads) == len(files)
    assert not make_plan(files, by_path).has_work


def test_the_manifest_round_trips_byte_stable_and_refuses_what_it_did_not_write() -> None:
    manifest: Manifest = {"index.html": Entry("a" * 64, 12, "text/html; charset=utf-8", REVALIDATE), "é/x.js": None}
    data = encode(manifest)
    assert data == encode(dict(reversed(manifest.items())))  # same state, same bytes
    assert decode(data, "m") == manifest

    def packed(document: object) -> bytes:
        return gzip.compress(json.dumps(document).encode())

    for bad, reason in [
        (b"plain text", "unreadable"),
        (packed([1, 2]), "format"),
        (packed({"format": "briefing-deploy", "version": 9, "files": {}}), "version 9"),
        (packed({"format": "briefing-deploy", "version": 1, "files": {"../../etc/passwd": None}}), "not a path inside the site"),
        (packed({"format": "briefing-deploy", "version": 1, "files": {"a\n::warning::b": None}}), "control character"),
        (packed({"format": "briefing-deploy", "version": 1, "files": {"a.html": ["short", 1, "t", "c"]}}), "SHA-256"),
    ]:
        with pytest.raises(DeployError, match=reason) as caught:
            decode(bad, "s3://b/.briefing-deploy.json.gz")
        assert "--full" in str(caught.value) and "\n" not in str(caught.value)


@dataclass
class RecordingBucket:
    """An in-memory bucket that records every write in order, and can fail one upload."""

    target: Target = field(default_factory=lambda: Target.of("site"))
    objects: dict[str, bytes] = field(default_factory=dict)
    manifest: bytes | None = None
    log: list[str] = field(default_factory=list)
    fail_on: str | None = None

    def check(self) -> None:
        pass

    def read_manifest(self) -> bytes | None:
        return self.manifest

    def write_manifest(self, data: bytes) -> None:
        self.manifest = data
        self.log.append("manifest")

    def upload(self, file: SiteFile) -> None:
        if file.path == self.fail_on:
            raise DeployError(f"uploading {file.path}: connection reset")
        self.objects[file.path] = file.source.read_bytes()
        self.log.append(f"put {file.path}")

    def delete(self, paths: list[str]) -> None:
        for path in paths:
            self.objects.pop(path, None)  # as S3 does: deleting a missing key succeeds
            self.log.append(f"delete {path}")


def test_a_deploy_writes_in_reference_order_and_records_ownership_first(tmp_path: Path) -> None:
    first = _site(tmp_path / "a", {"index.html": b"1", "old/index.html": b"o", "pagefind/x.pf_index": b"i", "feeds/all.xml": ATOM})
    second = _site(
        tmp_path / "b", {"index.html": b"2", "pagefind/y.pf_index": b"j", "pagefind/pagefind-entry.json": b"{}", "feeds/all.xml": ATOM}
    )
    bucket = RecordingBucket()
    deploy(first, bucket, DeployOptions(jobs=1))
    bucket.log.clear()
    report = deploy(second, bucket, DeployOptions(jobs=1))
    assert bucket.log == [
        "manifest",  # new paths are Briefing's before they exist
        "put pagefind/y.pf_index",
        "put pagefind/pagefind-entry.json",
        "put index.html",
        "manifest",  # the site as uploaded, the deletes still owned
        "delete old/index.html",
        "delete pagefind/x.pf_index",
        "manifest",
    ]
    assert bucket.objects == {
        path: (second / path).read_bytes()
        for path in ("index.html", "pagefind/y.pf_index", "pagefind/pagefind-entry.json", "feeds/all.xml")
    }
    assert report.manifest == "found" and report.uploaded_bytes == 1 + 1 + 2

    bucket.log.clear()
    assert not deploy(second, bucket, DeployOptions()).plan.has_work and bucket.log == []  # nothing to do: nothing written


def test_a_failed_upload_stops_before_the_next_rank_and_keeps_ownership(tmp_path: Path) -> None:
    first = _site(tmp_path / "a", {"index.html": b"1"})
    second = _site(tmp_path / "b", {"index.html": b"2", "new/x.pf_fragment": b"f", "new/y.png": b"p"})
    bucket = RecordingBucket()
    deploy(first, bucket, DeployOptions(jobs=1))
    bucket.fail_on = "new/x.pf_fragment"
    with pytest.raises(DeployError, match=r"connection reset\. The deploy stopped part-way"):
        deploy(second, bucket, DeployOptions(jobs=1))
    assert bucket.objects["index.html"] == b"1"  # the page never went up before its assets
    assert bucket.manifest is not None
    assert set(decode(bucket.manifest, "m")) == {"index.html", "new/x.pf_fragment", "new/y.png"}

    bucket.fail_on = None
    dry = deploy(second, bucket, DeployOptions(dry_run=True))
    assert {file.path for file in dry.plan.uploads} == {"index.html", "new/x.pf_fragment", "new/y.png"}  # unknown content: again
    deploy(first, bucket, DeployOptions(jobs=1))  # the site drops the new files: they are Briefing's, so they go
    assert bucket.objects == {"index.html": b"1"}


def test_invalidation_names_changed_pages_not_hashed_files(tmp_path: Path) -> None:
    files = _files(tmp_path, {"actors/x/index.html": b"x", "pagefind/a.pf_index": b"i", "pagefind/pagefind-entry.json": b"{}"})
    previous: Manifest = {"gone/index.html": Entry("1" * 64, 1, "text/html", REVALIDATE), "pagefind/old.pf_index": None}
    assert invalidation_paths(make_plan(files, previous)) == [
        "/",
        "/actors/x/",
        "/actors/x/index.html",
        "/gone/",
        "/gone/index.html",
        "/index.html",
        "/pagefind/pagefind-entry.json",
    ]
    many = _files(tmp_path / "many", {f"p{n}/index.html": b"p" for n in range(MAX_PATHS)})
    assert invalidation_paths(make_plan(many, {})) == ["/*"]


def test_the_default_install_runs_without_boto3_and_says_how_to_get_it(tmp_path: Path) -> None:
    """boto3 is the s3 extra's: importing the CLI does not load it, and a deploy without it is one line."""
    site = _site(tmp_path / "site", {"index.html": b"<p>"})
    program = (
        "import sys\n"
        "sys.modules['boto3'] = sys.modules['botocore'] = None  # as if not installed\n"
        "import briefing.cli.commands as commands\n"
        "assert not [m for m in sys.modules if m.startswith(('boto3.', 'botocore.'))]\n"
        f"sys.argv = ['briefing', 'deploy', 's3', {str(site)!r}, '--bucket', 'site']\n"
        "commands.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: briefing deploy s3 needs boto3: pip install 'briefing[s3]' (pinned: requirements/s3-lock.txt)"
    ]
