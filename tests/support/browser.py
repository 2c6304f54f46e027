"""Helpers for the browser tests (tests/browser): Chromium's settings, a local server, screenshots."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page

from tests.support.site import REPO

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` over http on a free port; its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class ConsoleErrors(list):
    """Console errors and uncaught exceptions seen by a page."""


def save_screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def publish_screenshots(names: list[str]) -> None:
    """Copy the screenshots the README shows into docs/assets/screenshots when asked to."""
    if os.environ.get("BRIEFING_UPDATE_SCREENSHOTS") != "1":
        return
    target = REPO / "docs" / "assets" / "screenshots"
    for name in names:
        shutil.copy2(SCREENSHOTS / f"{name}.png", target / f"{name}.png")
