"""Real-browser tests: the demo site built for hosting, served on localhost, driven in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.browser import CHROMIUM_ARGS, find_browser, missing_browser_message, served, watched_page
from tests.support.project import split_search_project
from tests.support.site import REPO, mkdocs_build


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site as GitHub Pages would serve it (clean URLs, Pagefind index)."""
    site = tmp_path_factory.mktemp("hosted-site")
    result = mkdocs_build(REPO, site, offline=False)
    assert result.returncode == 0, result.stderr
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    return site


@pytest.fixture(scope="session")
def folder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site as `make site` leaves it, read straight from the folder (file://)."""
    site = tmp_path_factory.mktemp("folder-site")
    result = mkdocs_build(REPO, site, offline=True)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def base_url(hosted_site: Path) -> Iterator[str]:
    with served(hosted_site) as url:
        yield url


@pytest.fixture(scope="session")
def split_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hosted demo site with its search index in parts of 3 articles, as a large site has it."""
    site = tmp_path_factory.mktemp("split-site")
    result = mkdocs_build(split_search_project(tmp_path_factory.mktemp("split-project") / "demo"), site, offline=False)
    assert result.returncode == 0, result.stderr
    assert (site / "pagefind" / "part-3" / "pagefind-entry.json").is_file()
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_browser()
    if executable is None:
        pytest.fail(missing_browser_message())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context, page, errors = watched_page(browser)
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
