"""An article body with scripts, event handlers and `javascript:` links, in Chromium: nothing runs.

Every payload of tests/catalogue/cases/bodies/hostile-body.md would set `window.pwned` (or open a
dialog); the reader hovers, focuses and clicks everything in the article. The same page built with
`allow_raw_html: true` shows that the payloads do run when published as written, so the test can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from tests.support.browser import served
from tests.support.hostile_body import MARK, URL, make_body_project
from tests.support.site import mkdocs_build


def _site(base: Path, allow_raw_html: bool) -> Path:
    site = base / "site"
    result = mkdocs_build(make_body_project(base / "project", allow_raw_html), site, offline=False, strict=False)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sanitised_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(_site(tmp_path_factory.mktemp("body-sanitised"), allow_raw_html=False)) as url:
        yield url


@pytest.fixture(scope="module")
def as_written_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(_site(tmp_path_factory.mktemp("body-as-written"), allow_raw_html=True)) as url:
        yield url


def what_ran(browser: Browser, url: str) -> tuple[object, list[str]]:
    """`window.pwned` and the dialogs seen after reading the article and touching everything in it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page: Page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        page.goto(url + URL + "/")
        page.wait_for_load_state("load")
        content = page.locator("article.md-content__inner")
        for element in content.locator("a, img, details, summary, p, svg, circle").all():
            element.dispatch_event("mouseover")
            element.dispatch_event("focus")
        for link in content.locator("a").all():
            href = link.get_attribute("href") or ""
            if href.startswith(("javascript:", "#")) or not href:
                link.click(force=True, timeout=2000, no_wait_after=True)
        page.wait_for_timeout(300)
        marked = page.evaluate(f"window.{MARK}")
        return marked, dialogs
    finally:
        context.close()


def test_no_payload_of_the_body_runs(browser: Browser, sanitised_url: str) -> None:
    assert what_ran(browser, sanitised_url) == (None, [])


def test_the_same_body_published_as_written_does_run(browser: Browser, as_written_url: str) -> None:
    marked, dialogs = what_ran(browser, as_written_url)
    assert marked is not None or dialogs, "the payloads should run when the site allows raw HTML"
