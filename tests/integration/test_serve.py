"""`mkdocs serve`: editing an article or a registry rebuilds the site and reloads the browser."""

from __future__ import annotations

import os
import re
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
from tests.support.site import ENGINE

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


@pytest.fixture(params=["full", "dirty"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    """`mkdocs serve` as editors run it: `make serve` passes --dirty (only changed pages are rebuilt)."""
    project = copy_demo_project(tmp_path / "project")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed by the fixture teardown
    dirty = ["--dirty"] if request.param == "dirty" else []
    process = subprocess.Popen(
        [sys.executable, "-m", ENGINE, "serve", "--livereload", *dirty, "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
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


def test_the_preview_shows_scheduled_articles_marked_as_such(served) -> None:
    project, base, _ = served
    scheduled = _wait_for(f"{base}/articles/2027/09/eastern-economic-forum-preview.html", lambda body: "bf-scheduled-note" in body)
    assert "<strong>Scheduled:</strong> published on 1 September 2027, 08:00 (UTC+02:00)." in scheduled
    home = _wait_for(f"{base}/", lambda body: "Latest briefings" in body)
    assert "<span class=bf-scheduled>Scheduled</span>" in home  # minified, as a build writes it
    replace_in(project / "articles/2027/2027-09-01-eastern-economic-forum-preview.md", "date: 2027-09-01T", "date: 2024-09-01T")
    moved = f"{base}/articles/2024/09/eastern-economic-forum-preview.html"
    _wait_for(moved, lambda body: "Eastern Economic Forum" in body and "bf-scheduled-note" not in body)  # due: no mark


def test_a_bad_edit_keeps_the_preview_running(served) -> None:
    project, base, process = served
    replace_in(project / ARTICLE, "actors: [Xi Jinping,", "actors: [Xi Jingping,")
    _wait_for(f"{base}/actors/xi-jinping.html", lambda body: "xi-putin-beijing" not in body)
    assert process.poll() is None
    replace_in(project / ARTICLE, "actors: [Xi Jingping,", "actors: [Xi Jinping,")
    _wait_for(f"{base}/actors/xi-jinping.html", lambda body: "xi-putin-beijing" in body)


# What MkDocs' server inserts before </body> of every HTML page it serves.
LIVERELOAD_SCRIPT = re.compile(r"<script>\s*var livereload = function.*?</script>(?=\s*</body>)", re.DOTALL)


def _wait_for_rebuild(project: Path, log_marker: str, count: int, timeout: float = 60.0) -> None:
    """Wait until the serve log shows `count` builds finished (Briefing's summary line)."""
    log_path = project.parent / "serve.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_path.read_text(encoding="utf-8").count(log_marker) >= count:
            time.sleep(0.5)  # MkDocs finishes writing after the plugin's post-build line
            return
        time.sleep(0.2)
    raise AssertionError(f"fewer than {count} builds finished in {timeout}s")


def test_preview_after_edits_equals_a_clean_build(served, tmp_path: Path) -> None:
    """Correctness of the incremental preview: after edits, every served file is what a clean build makes."""
    project, base, _ = served
    marker = "Briefing: "
    _wait_for_rebuild(project, marker, 1)
    replace_in(project / ARTICLE, "Strategic Meeting in Beijing", "Summit in Beijing")
    _wait_for_rebuild(project, marker, 2)
    replace_in(project / "data/actors.yml", "aliases: [Xi, President Xi,", "aliases: [Xi, President Xi, Comrade Xi,")
    _wait_for_rebuild(project, marker, 3)
    moved = project / "articles/2024/2024-05-15-xi-putin-beijing.md"
    moved.rename(project / "articles/2024/2024-05-16-beijing-summit.md")  # a page vanishes, another appears
    _wait_for_rebuild(project, marker, 4)

    clean = tmp_path / "clean-site"
    subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(clean)],
        check=True,
        # The preview shows scheduled articles, marked: the clean build to compare with does too.
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base + "/", BRIEFING_PREVIEW_SCHEDULED="true"),
    )
    compared = 0
    for path in sorted(clean.rglob("*")):
        relative = path.relative_to(clean).as_posix()
        if not path.is_file() or relative.startswith(("pagefind/", "search/")) or relative.endswith(".gz"):
            continue  # Pagefind indexes in the background under serve; .gz files carry a timestamp
        with urllib.request.urlopen(f"{base}/{relative}", timeout=10) as response:
            served_bytes = response.read()
        expected = path.read_bytes()
        if relative.endswith(".html"):
            served_bytes = LIVERELOAD_SCRIPT.sub("", served_bytes.decode("utf-8")).encode("utf-8")
        assert served_bytes == expected, _first_difference(relative, served_bytes, expected)
        compared += 1
    assert compared > 100
    assert _get(f"{base}/articles/2024/05/xi-putin-beijing.html") is None  # the renamed article's old page is gone


def _first_difference(name: str, served: bytes, expected: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(served, expected)) if a != b), min(len(served), len(expected)))
    return f"{name} differs at byte {at}: served {served[at - 80 : at + 80]!r}, clean build {expected[at - 80 : at + 80]!r}"
