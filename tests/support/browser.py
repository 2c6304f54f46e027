"""The one place that says which Chromium-family browser the tests drive.

`BRIEFING_BROWSER` names it (a path or a command); without it, the first of `BROWSER_COMMANDS`
found on PATH: Debian has `chromium`, Ubuntu's snap `chromium-browser`, GitHub's ubuntu-24.04
runners come with Google Chrome (`google-chrome`, `google-chrome-stable`). `python -m tests.support.browser`
prints the choice, so a workflow can show it before the tests run.
"""

from __future__ import annotations

import os
import shutil
import sys

BROWSER_COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The browser executable's path, or None when neither the setting nor PATH names one."""
    setting = os.environ.get("BRIEFING_BROWSER", "").strip()
    if setting:
        return shutil.which(setting)
    for command in BROWSER_COMMANDS:
        path = shutil.which(command)
        if path:
            return path
    return None


def missing_browser_message() -> str:
    setting = os.environ.get("BRIEFING_BROWSER", "").strip()
    if setting:
        return f"BRIEFING_BROWSER={setting!r} is not an executable browser"
    return f"no browser found: set BRIEFING_BROWSER or put one of {', '.join(BROWSER_COMMANDS)} on PATH (Debian: apt-get install chromium)"


if __name__ == "__main__":
    found = find_browser()
    print(found or missing_browser_message(), file=sys.stdout if found else sys.stderr)
    sys.exit(0 if found else 1)
