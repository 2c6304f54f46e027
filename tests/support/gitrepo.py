"""A demo project under git, for commands that compare two commits (`briefing diff`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.project import copy_demo_project

_IDENTITY = ("-c", "user.name=Briefing Tests", "-c", "user.email=tests@example.org")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *_IDENTITY, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def demo_repository(destination: Path) -> Path:
    """The demo project committed on branch `main`."""
    project = copy_demo_project(destination)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    return project
