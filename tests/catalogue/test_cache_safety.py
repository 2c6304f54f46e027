"""The build cache cannot be turned against the site or the project (issue #28).

Each case builds a copy of the demo project with `mkdocs build` in its own process, as CI does:
a `cache_dir` that is the project or one of its folders is refused before anything is written or
deleted; a secret linked into the cache is never published; a forged entry is never used; a
changed `!ENV` value is a changed page; two builds sharing a cache do not prune each other; and
a build stopped by Ctrl-C or SIGTERM leaves no staging folder, no worker and no lock behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.build.cache_folder import CacheFolder
from tests.support.catalogue import tree_hash
from tests.support.project import copy_demo_project, replace_in
from tests.support.store import entry_files
from tests.support.trees import differing_files

pytestmark = pytest.mark.integration


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` with the build cache on, hosted URLs, `env` added."""
    variables = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_OFFLINE": "false", "BRIEFING_CACHE": "on", **env}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return subprocess.run(command, capture_output=True, text=True, env=variables, timeout=300)


def set_cache_dir(project: Path, cache_dir: str) -> None:
    replace_in(project / "mkdocs.yml", "  - briefing:\n", f"  - briefing:\n      cache_dir: {cache_dir!r}\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_demo_project(tmp_path / "project")


@pytest.mark.parametrize("cache_dir", [".", "..", "articles", "data", "docs", "site", "articles/2024"])
def test_a_cache_dir_that_is_or_holds_the_projects_files_is_refused_and_nothing_is_deleted(project: Path, cache_dir: str) -> None:
    """`cache_dir: "."` used to delete every article of the project in a normal build."""
    set_cache_dir(project, cache_dir)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    before = tree_hash(project.parent)
    result = build(project, project / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and f"cache_dir {project / cache_dir}" in errors[0] and "folder of its own" in errors[0], errors
    assert tree_hash(project.parent) == before  # every article, registry, page and the last site as they were


def test_a_cache_dir_holding_someone_elses_files_is_refused(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "draft.txt").write_text("mine", encoding="utf-8")
    set_cache_dir(project, "notes")
    result = build(project, project.parent / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "holds files Briefing did not write" in result.stderr and "CACHEDIR.TAG" in result.stderr
    assert os.listdir(project / "notes") == ["draft.txt"]


def test_a_secret_linked_into_the_cache_is_never_published(project: Path, tmp_path: Path) -> None:
    """Every blob of a filled cache replaced by a link to a secret (a checkout's token, say): a warm
    build reads none of them, publishes none, and equals a clean build."""
    secret = tmp_path / "git-config"
    secret.write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0LXRva2Vu\n", encoding="utf-8")
    assert build(project, tmp_path / "first").returncode == 0
    blobs = [p for p in entry_files(project / ".briefing-cache") if p.parent.parent.name == "blobs"]
    assert len(blobs) > 100
    for blob in blobs:
        blob.unlink()
        blob.symlink_to(secret)
    warm = build(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    clean = build(project, tmp_path / "clean", BRIEFING_CACHE="off")
    assert clean.returncode == 0
    assert differing_files(tmp_path / "warm", tmp_path / "clean") == []
    published = b"".join(p.read_bytes() for p in (tmp_path / "warm").rglob("*") if p.is_file())
    assert b"c2VjcmV0LXRva2Vu" not in published
    assert not any(p.is_symlink() for p in (tmp_path / "warm").rglob("*"))
    assert secret.read_text(encoding="utf-8").endswith("c2VjcmV0LXRva2Vu\n")  # and the secret itself was not deleted
    assert "were unreadable or not Briefing's and were rebuilt" in warm.stderr


def test_a_changed_env_value_is_a_changed_page(project: Path, tmp_path: Path) -> None:
    """`repo_url: !ENV REPO_URL`: a warm build after it changed gives every page its new edit link."""
    assert build(project, tmp_path / "first", REPO_URL="https://example.org/old/repo").returncode == 0
    warm = build(project, tmp_path / "warm", REPO_URL="https://example.org/new/repo")
    clean = build(project, tmp_path / "clean", REPO_URL="https://example.org/new/repo", BRIEFING_CACHE="off")
    assert warm.returncode == clean.returncode == 0
    assert differing_files(tmp_path / "warm", tmp_path / "clean") == []
    article = (tmp_path / "warm" / "articles" / "2024" / "05" / "xi-putin-beijing" / "index.html").read_text(encoding="utf-8")
    assert "example.org/new/repo/edit/main/articles/2024/2024-05-15-xi-putin-beijing.md" in article and "old/repo" not in article


def test_a_build_finding_the_cache_in_use_builds_without_it_and_prunes_nothing(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "first").returncode == 0
    kept = tree_hash(project / ".briefing-cache")
    replace_in(project / "articles" / "2024" / "2024-05-15-xi-putin-beijing.md", "\n---\n", "\n---\nA new first paragraph.\n\n")
    held = CacheFolder.open(project / ".briefing-cache")  # another build, still running
    assert held is not None
    try:
        second = build(project, tmp_path / "second")
    finally:
        held.close()
    assert second.returncode == 0, second.stderr
    assert "another build is using the build cache" in second.stderr
    assert tree_hash(project / ".briefing-cache") == kept  # not one entry of the other build's removed or added
    assert build(project, tmp_path / "clean", BRIEFING_CACHE="off").returncode == 0
    assert differing_files(tmp_path / "second", tmp_path / "clean") == []


STOP_HOOK = """# Test hook: the build stops here (the test sends a signal) while the page loop runs.
import os, time


def on_page_content(html, page, config, files):
    if page.file.src_uri == "articles/2024/05/xi-putin-beijing.md":
        open(os.environ["STOP_READY"], "w").close()
        time.sleep(120)
    return html
"""


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_build_stopped_by_a_signal_leaves_no_staging_folder_worker_or_lock(project: Path, tmp_path: Path, stop: signal.Signals) -> None:
    site = tmp_path / "site"
    assert build(project, site).returncode == 0  # a last site to build over, and a full cache
    (project / "hooks").mkdir()
    (project / "hooks" / "stop.py").write_text(STOP_HOOK, encoding="utf-8")
    replace_in(project / "mkdocs.yml", "\nnav:\n", "\nhooks:\n  - hooks/stop.py\n\nnav:\n")
    replace_in(project / "articles" / "2024" / "2024-05-15-xi-putin-beijing.md", "\n---\n", "\n---\nStopped here.\n\n")
    ready = tmp_path / "ready"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BRIEFING_OFFLINE="false", BRIEFING_CACHE="on", STOP_READY=str(ready))
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ready.exists(), "the build never reached the page loop"
    os.killpg(process.pid, stop) if stop == signal.SIGINT else process.send_signal(stop)  # Ctrl-C reaches the whole group
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("the build did not stop") from None
    assert process.returncode != 0
    assert [name for name in os.listdir(site) if name.startswith(".briefing")] == [], os.listdir(site)
    assert [name for name in os.listdir(tmp_path) if name.startswith(".")] == []
    assert subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True).stdout == b"", "processes of the build are left"
    again = CacheFolder.open(project / ".briefing-cache")  # the lock was let go
    assert again is not None, stderr
    again.close()
    (project / "hooks" / "stop.py").write_text("", encoding="utf-8")
    assert build(project, site).returncode == 0
    assert build(project, tmp_path / "clean", BRIEFING_CACHE="off").returncode == 0
    assert differing_files(site, tmp_path / "clean") == []
