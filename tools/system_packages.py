"""What `make test` needs from the system (Node.js with npm, a Java runtime, a Chromium-family browser),
installed from Debian/Ubuntu packages when this user may, or one line saying the command to run.

Standard library only: make runs it with the system's python3 before any virtual environment exists.
`python3 tools/system_packages.py` installs what is missing (as root, or with passwordless sudo) and
exits 0, or prints the one command to run and exits 1; `--check` only says what is missing.
The browser is found as the browser tests find it (`find_browser`, imported by tests/support/browser.py):
`BRIEFING_BROWSER` (a path or a command), else the first of `BROWSER_COMMANDS` on PATH. On Ubuntu
24.04 Chromium is a snap, and GitHub's runners have Google Chrome instead, which is enough.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

BROWSER_COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser(environ: Mapping[str, str] | None = None) -> str | None:
    """The browser executable's path, or None when neither the setting nor PATH names one."""
    environ = os.environ if environ is None else environ
    path = environ.get("PATH")
    setting = environ.get("BRIEFING_BROWSER", "").strip()
    if setting:
        return shutil.which(setting, path=path)
    for command in BROWSER_COMMANDS:
        found = shutil.which(command, path=path)
        if found:
            return found
    return None


def missing_browser_message(environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    setting = environ.get("BRIEFING_BROWSER", "").strip()
    if setting:
        return f"BRIEFING_BROWSER={setting!r} is not an executable browser"
    return f"no browser found: set BRIEFING_BROWSER or put one of {', '.join(BROWSER_COMMANDS)} on PATH (Debian: apt-get install chromium)"


@dataclass(frozen=True)
class Need:
    """One thing the tests need, and the Debian packages that bring it."""

    what: str
    packages: tuple[str, ...]


NODE = Need("Node.js with npm (installs the HTML and accessibility checkers)", ("nodejs", "npm"))
JAVA = Need("a Java runtime (runs the Nu HTML Checker)", ("default-jre-headless",))
BROWSER = Need("Chromium or Chrome (the browser tests and pa11y)", ("chromium",))
UBUNTU_BROWSER = Need(BROWSER.what, ("chromium-browser",))  # Ubuntu's package installs the snap


def _is_ubuntu(os_release: str = "/etc/os-release") -> bool:
    try:
        with open(os_release, encoding="utf-8") as handle:
            return any(line.strip() in ("ID=ubuntu", 'ID="ubuntu"') for line in handle)
    except OSError:
        return False


def missing(environ: Mapping[str, str] | None = None) -> list[Need]:
    """What is not on PATH (the browser: not found as the tests find it)."""
    environ = os.environ if environ is None else environ
    path = environ.get("PATH")
    needs = []
    if not (shutil.which("npm", path=path) and shutil.which("node", path=path)):
        needs.append(NODE)
    if not shutil.which("java", path=path):
        needs.append(JAVA)
    if find_browser(environ) is None:
        needs.append(UBUNTU_BROWSER if _is_ubuntu() else BROWSER)
    return needs


def install_command(needs: list[Need], environ: Mapping[str, str] | None = None, is_root: bool | None = None) -> list[list[str]] | None:
    """The commands that install `needs` for this user (root, or passwordless sudo), or None if it may not."""
    environ = os.environ if environ is None else environ
    path = environ.get("PATH")
    if shutil.which("apt-get", path=path) is None:
        return None
    root = os.geteuid() == 0 if is_root is None else is_root
    prefix: list[str] = []
    if not root:
        sudo = shutil.which("sudo", path=path)
        if sudo is None or subprocess.run([sudo, "-n", "true"], capture_output=True, env=dict(environ), check=False).returncode != 0:
            return None
        prefix = [sudo, "-n"]
    packages = [package for need in needs for package in need.packages]
    return [[*prefix, "apt-get", "update", "-qq"], [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]]


def manual_command(needs: list[Need]) -> str:
    return "sudo apt-get install -y " + " ".join(package for need in needs for package in need.packages)


def main(argv: list[str]) -> int:
    needs = missing()
    if not needs:
        return 0
    names = "; ".join(need.what for need in needs)
    if "--check" in argv:
        print(f"missing: {names}", file=sys.stderr)
        return 1
    commands = install_command(needs)
    if commands is None:
        print(f"make test needs {names}. Run this, then make test again:\n  {manual_command(needs)}", file=sys.stderr)
        return 1
    print(f"make test needs {names}: installing {' '.join(commands[-1][commands[-1].index('--no-install-recommends') + 1 :])}")
    environ = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in commands:
        if subprocess.run(command, env=environ, check=False).returncode != 0:
            print(f"could not install them ({' '.join(command)} failed). Run this, then make test again:\n  {manual_command(needs)}", file=sys.stderr)
            return 1
    still = missing()
    if still:
        print(f"still missing after the install: {'; '.join(need.what for need in still)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
