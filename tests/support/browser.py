"""Helpers for the browser tests (tests/browser): which browser, its settings, a local server, screenshots.

`BRIEFING_BROWSER` names the Chromium-family browser the tests drive (a path or a command); without
it, the first of `BROWSER_COMMANDS` found on PATH: Debian has `chromium`, Ubuntu's snap
`chromium-browser`, GitHub's ubuntu-24.04 runners come with Google Chrome (`google-chrome`,
`google-chrome-stable`). `python -m tests.support.browser` prints the choice, so a workflow can show
it before the tests run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page
from tools.system_packages import BROWSER_COMMANDS as BROWSER_COMMANDS  # found as `make test` finds it
from tools.system_packages import find_browser, missing_browser_message

from tests.support.site import REPO

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


def watched_page(browser: Browser, scheme: str = "light") -> tuple[BrowserContext, Page, ConsoleErrors]:
    """A new 1280x900 page in `scheme` (light or dark) and the list its console errors and
    uncaught exceptions are collected into."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    errors = ConsoleErrors()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


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


if __name__ == "__main__":
    found = find_browser()
    print(found or missing_browser_message(), file=sys.stdout if found else sys.stderr)
    sys.exit(0 if found else 1)
