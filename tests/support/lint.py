"""Run the Makefile's `lint` recipe from a test, so the linters and the recipe cannot rot."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.support.site import REPO

VARIABLE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?::=|\?=|=)\s*(.*?)\s*$")
REFERENCE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def read_recipe(target: str, makefile: Path = REPO / "Makefile") -> tuple[dict[str, str], list[str]]:
    """The Makefile's simple variables and the command lines of `target`, unexpanded."""
    variables: dict[str, str] = {}
    commands: list[str] = []
    in_target = False
    for line in makefile.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t"):
            if in_target:
                commands.append(line.strip().lstrip("@-"))
            continue
        in_target = line.startswith(f"{target}:")
        match = VARIABLE.match(line.removeprefix("export ").strip())
        if match:
            variables[match[1]] = match[2]
    if not commands:
        raise AssertionError(f"the Makefile has no recipe for `{target}`")
    return variables, commands


def expand(text: str, variables: dict[str, str]) -> str:
    """Expand `$(NAME)` references as make does for simple variables."""
    for _ in range(10):
        expanded = REFERENCE.sub(lambda m: variables.get(m[1], ""), text)
        if expanded == text:
            return expanded
        text = expanded
    raise AssertionError(f"Makefile variables refer to each other in a loop: {text}")


def lint_commands(**overrides: str) -> list[list[str]]:
    """`make lint` as argument lists, using the tools installed beside this Python.

    `overrides` replace Makefile variables, e.g. `LINT_PATHS=/tmp/x/probe.py`.
    """
    variables, commands = read_recipe("lint")
    variables.update(BIN=str(Path(sys.executable).parent), **overrides)
    return [shlex.split(expand(command, variables)) for command in commands]


def run_lint_command(command: list[str], **env_overrides: str) -> subprocess.CompletedProcess[str]:
    """One linter, run from the repository (where pyproject.toml configures it)."""
    env = dict(os.environ, NO_COLOR="1", **env_overrides)
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=600)
