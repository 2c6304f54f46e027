"""The demo site built once for hosting (as the deploy workflow builds it), for the external validators."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.site import REPO, mkdocs_build


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("validated-site")
    result = mkdocs_build(REPO, site, offline=False)
    assert result.returncode == 0, result.stderr
    return site
