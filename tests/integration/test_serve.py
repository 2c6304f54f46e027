"""`mkdocs serve`: editing an article or a registry rebuilds the site and reloads the browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.project import copy_demo_project, replace_in

ARTICLE = "articles/2024/2024-05-15-xi-putin-beijing.md"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, predicate, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = _get(url)
        if last is not None and predicate(last):
            return last
        time.sleep(0.3)
    raise AssertionError(f"{url} did not reach the expected state in {timeout}s; last body starts {str(last)[:200]!r}")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    project = copy_demo_project(tmp_path / "project")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", lambda body: "Latest briefings" in body)
        # `mkdocs serve` mounts the site at site_url's path (e.g. /briefing/) and redirects / there.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            base = response.geturl().rstrip("/")
        yield project, base, process
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.seek(0)
        print(log.read())
        log.close()


def test_article_and_registry_edits_show_up(served) -> None:
    project, base, _ = served
    article_url = f"{base}/articles/2024/05/xi-putin-beijing.html"
    first = _wait_for(article_url, lambda body: "Strategic Meeting in Beijing" in body)
    assert "livereload" in first  # the browser is told to reload after each rebuild

    replace_in(project / ARTICLE, "Strategic Meeting in Beijing", "Summit in Beijing")
    _wait_for(article_url, lambda body: "Summit in Beijing" in body and "Strategic Meeting in Beijing" not in body)

    replace_in(project / "data/actors.yml", "aliases: [Xi, President Xi,", "aliases: [Xi, President Xi, Comrade Xi,")
    _wait_for(f"{base}/actors/xi-jinping.html", lambda body: "Comrade Xi" in body)


def test_a_bad_edit_keeps_the_preview_running(served) -> None:
    project, base, process = served
    replace_in(project / ARTICLE, "actors: [Xi Jinping,", "actors: [Xi Jingping,")
    _wait_for(f"{base}/actors/xi-jinping.html", lambda body: "xi-putin-beijing" not in body)
    assert process.poll() is None
    replace_in(project / ARTICLE, "actors: [Xi Jingping,", "actors: [Xi Jinping,")
    _wait_for(f"{base}/actors/xi-jinping.html", lambda body: "xi-putin-beijing" in body)
