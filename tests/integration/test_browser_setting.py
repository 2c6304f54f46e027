"""The browser tests and the workflows find the browser by one setting, on Debian and on GitHub's runners."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tools.system_packages import BROWSER

from tests.support.browser import BROWSER_COMMANDS, find_browser
from tests.support.site import REPO


def _fake_browsers(folder: Path, names: list[str]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\n", encoding="utf-8")
        path.chmod(0o755)
    return str(folder)


def test_the_first_browser_on_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_BROWSER", raising=False)
    monkeypatch.setenv("PATH", _fake_browsers(tmp_path / "runner", ["google-chrome-stable", "google-chrome"]))
    assert find_browser() == str(tmp_path / "runner" / "google-chrome")
    monkeypatch.setenv("PATH", _fake_browsers(tmp_path / "debian", ["chromium"]) + os.pathsep + str(tmp_path / "runner"))
    assert find_browser() == str(tmp_path / "debian" / "chromium")


def test_the_setting_overrides_path_and_a_wrong_one_is_not_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _fake_browsers(tmp_path / "bin", ["chromium"]))
    chrome = Path(_fake_browsers(tmp_path / "opt", ["chrome"])) / "chrome"
    monkeypatch.setenv("BRIEFING_BROWSER", str(chrome))
    assert find_browser() == str(chrome)
    monkeypatch.setenv("BRIEFING_BROWSER", str(tmp_path / "missing"))
    assert find_browser() is None
    result = subprocess.run([sys.executable, "-m", "tests.support.browser"], cwd=REPO, capture_output=True, text=True, env=dict(os.environ))
    assert result.returncode == 1 and "BRIEFING_BROWSER" in result.stderr


def test_no_browser_is_a_clear_message(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "tests.support.browser"], cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"no browser found: set BRIEFING_BROWSER or put one of {', '.join(BROWSER_COMMANDS)} on PATH (Debian: apt-get install chromium)"
    )


def test_workflows_install_no_chromium_and_show_the_browser() -> None:
    for name in ("check.yml", "deploy.yml"):
        text = (REPO / ".github/workflows" / name).read_text(encoding="utf-8")
        assert "apt-get" not in text and "snap" not in text.replace("snap on Ubuntu", ""), name
    check = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in check["jobs"]["check"]["steps"]]
    assert runs.index("python -m tests.support.browser") < next(i for i, run in enumerate(runs) if "pytest" in run)
    assert BROWSER.packages == ("chromium",)  # CI here (Debian): `make test` installs Debian's chromium when none is found
