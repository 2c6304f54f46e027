"""The external checkers run on a built site: the Nu HTML Checker (vnu.jar, Java) and pa11y (Node).

Both come from npm (`package.json`, installed by `make test` with `npm ci --ignore-scripts`: no
Java or browser download); vnu needs a Java runtime, pa11y the browser of tests/support/browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.site import REPO

NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y_SCRIPT = Path(__file__).parent / "pa11y_site.mjs"
INSTALL_HINT = "run `make test` (it installs the checkers with `npm ci --ignore-scripts`)"


@dataclass(frozen=True)
class Allowed:
    """A finding that is Material's own markup, harmless, and not Briefing's to change."""

    message: str  # a regex on the checker's message
    extract: str  # a regex on the markup it points at
    why: str

    def matches(self, message: str, extract: str) -> bool:
        return bool(re.search(self.message, message) and re.search(self.extract, extract))


def run_vnu(files: list[Path]) -> list[dict[str, object]]:
    """Every message vnu gives for `files`, from one Java process (`--format json`)."""
    java = shutil.which("java")
    if java is None:
        raise AssertionError("no `java` on PATH: the Nu HTML Checker needs a Java runtime (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        raise AssertionError(f"{VNU_JAR} is missing: {INSTALL_HINT}")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", *map(str, files)], capture_output=True, text=True, timeout=600)
    messages: list[dict[str, object]] = json.loads(result.stderr)["messages"]
    return messages


def run_pa11y(base_url: str, paths: list[str], browser: str) -> dict[str, list[dict[str, object]]]:
    """pa11y's errors (WCAG 2 AA, HTML_CodeSniffer) for each page path, all in one browser."""
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "pa11y").is_dir():
        raise AssertionError(f"pa11y needs node and {NODE_MODULES / 'pa11y'}: {INSTALL_HINT}")
    result = subprocess.run(
        [node, str(PA11Y_SCRIPT), base_url, browser], input=json.dumps(paths), capture_output=True, text=True, timeout=900, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    issues: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return issues
