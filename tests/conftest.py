"""Markers by folder: everything under tests/browser is `browser`, under tests/integration `integration`.

`make test-fast` (`-m "not browser and not integration"`) leaves both out; a test elsewhere that
builds a whole site with MkDocs carries `@pytest.mark.integration` itself.

Every build the suite runs, in this process or a child, happens at one instant
(`SOURCE_DATE_EPOCH`, `tests/support/clock.py`): what is scheduled, and every date MkDocs prints,
is the same whatever day the suite runs.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.clock import SUITE_NOW, epoch

os.environ["SOURCE_DATE_EPOCH"] = epoch(SUITE_NOW)

TESTS = Path(__file__).resolve().parent
MARKED_FOLDERS = {"browser": pytest.mark.browser, "integration": pytest.mark.integration}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(item.path).resolve()
        if not path.is_relative_to(TESTS):
            continue
        folder = path.relative_to(TESTS).parts[0]
        if folder in MARKED_FOLDERS:
            item.add_marker(MARKED_FOLDERS[folder])


@pytest.fixture(autouse=True)
def heap_as_found() -> Iterator[None]:
    """A build in this process freezes its heap (`runtime.heap.settle`: `gc.freeze`, process-wide);
    each test leaves the collector as it found it, so no test depends on the ones before."""
    frozen = gc.get_freeze_count()
    yield
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()
