"""`make test` on a fresh machine (tools/system_packages.py): what is missing is found on PATH as the
tests would look for it, installed when this user may, or named with the one command to run.
Nothing is installed here: apt-get and sudo are stand-ins on a PATH made for each test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tools.system_packages import BROWSER, JAVA, NODE, UBUNTU_BROWSER, find_browser, install_command, missing

SCRIPT = Path(__file__).parents[2] / "tools" / "system_packages.py"


def executable(folder: Path, name: str, body: str = "exit 0") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def env_with(path: Path, **extra: str) -> dict[str, str]:
    return {"PATH": str(path), **extra}


def browser_need() -> object:
    return UBUNTU_BROWSER if "ID=ubuntu" in Path("/etc/os-release").read_text(encoding="utf-8", errors="replace") else BROWSER


def test_nothing_missing_when_all_are_on_path(tmp_path: Path) -> None:
    for name in ("npm", "node", "java", "chromium"):
        executable(tmp_path / "bin", name)
    assert missing(env_with(tmp_path / "bin")) == []


def test_each_missing_tool_names_its_packages(tmp_path: Path) -> None:
    executable(tmp_path / "bin", "npm")  # npm without node is not Node.js
    assert missing(env_with(tmp_path / "bin")) == [NODE, JAVA, browser_need()]
    assert NODE.packages == ("nodejs", "npm") and JAVA.packages == ("default-jre-headless",)


@pytest.mark.parametrize("browser", ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"])
def test_any_browser_the_tests_take_is_enough(tmp_path: Path, browser: str) -> None:
    for name in ("npm", "node", "java", browser):
        executable(tmp_path / "bin", name)
    assert missing(env_with(tmp_path / "bin")) == []
    assert find_browser(env_with(tmp_path / "bin")) == str(tmp_path / "bin" / browser)


def test_the_browser_setting_is_honoured(tmp_path: Path) -> None:
    for name in ("npm", "node", "java"):
        executable(tmp_path / "bin", name)
    chrome = executable(tmp_path / "elsewhere", "my-chrome")
    assert missing(env_with(tmp_path / "bin", BRIEFING_BROWSER=str(chrome))) == []
    assert missing(env_with(tmp_path / "bin", BRIEFING_BROWSER="no-such-browser")) == [browser_need()]


def test_root_with_apt_installs_directly(tmp_path: Path) -> None:
    executable(tmp_path / "bin", "apt-get")
    commands = install_command([JAVA], env_with(tmp_path / "bin"), is_root=True)
    assert commands == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "default-jre-headless"],
    ]


def test_passwordless_sudo_installs_through_sudo(tmp_path: Path) -> None:
    executable(tmp_path / "bin", "apt-get")
    sudo = executable(tmp_path / "bin", "sudo", "exit 0")
    commands = install_command([NODE], env_with(tmp_path / "bin"), is_root=False)
    assert commands is not None and commands[1][:3] == [str(sudo), "-n", "apt-get"] and commands[1][-2:] == ["nodejs", "npm"]


@pytest.mark.parametrize("sudo", ["exit 1", None], ids=["sudo-asks-a-password", "no-sudo"])
def test_without_rights_nothing_is_tried(tmp_path: Path, sudo: str | None) -> None:
    executable(tmp_path / "bin", "apt-get")
    if sudo is not None:
        executable(tmp_path / "bin", "sudo", sudo)
    assert install_command([JAVA], env_with(tmp_path / "bin"), is_root=False) is None


def test_without_apt_nothing_is_tried(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    assert install_command([JAVA], env_with(tmp_path / "bin"), is_root=True) is None


def run_script(path: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(path), "HOME": str(path.parent)}
    return subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, env=env, timeout=60, check=False)


def test_script_installs_what_is_missing_and_checks_again(tmp_path: Path) -> None:
    """A stand-in apt-get records its arguments and 'installs' by putting the commands on PATH."""
    bin_dir = tmp_path / "bin"
    log = tmp_path / "apt.log"
    for name in ("npm", "node", "chromium"):
        executable(bin_dir, name)
    executable(bin_dir, "apt-get", f'echo "$@" >> {log}\nprintf "#!/bin/sh\\nexit 0\\n" > {bin_dir}/java\n/bin/chmod +x {bin_dir}/java')
    executable(bin_dir, "sudo", 'shift; exec "$@"')  # passwordless, for a run that is not root

    result = run_script(bin_dir)

    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == ["update -qq", "install -y -qq --no-install-recommends default-jre-headless"]
    assert "installing default-jre-headless" in result.stdout


def test_script_stops_at_once_with_the_command_to_run(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    executable(bin_dir, "npm")
    executable(bin_dir, "node")

    result = run_script(bin_dir)  # no apt-get here: nothing can be installed

    assert result.returncode == 1
    packages = " ".join(browser_need().packages)  # type: ignore[attr-defined]
    assert result.stderr.splitlines()[-1] == f"  sudo apt-get install -y default-jre-headless {packages}"
    assert result.stderr.splitlines()[0].startswith("make test needs a Java runtime")


def test_make_test_runs_it_before_anything_needs_npm() -> None:
    makefile = (SCRIPT.parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "\ntest: system-packages " in makefile
    assert "node_modules/.installed: package.json package-lock.json | system-packages" in makefile
    assert [line for line in (SCRIPT.parents[1] / ".ci/run").read_text(encoding="utf-8").splitlines() if not line.startswith("#")][
        -1
    ] == "make test"
    assert os.access(SCRIPT.parents[1] / ".ci/run", os.X_OK)
