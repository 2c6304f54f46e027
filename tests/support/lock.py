"""Read the hashed lock files of requirements/ (uv's `pip compile --generate-hashes` format)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT_SOURCE = "briefing (pyproject.toml)"


@dataclass
class LockedPackage:
    """One `name==version [; marker]` entry, its hashes and the packages its `# via` names."""

    requirement: Requirement
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return canonicalize_name(self.requirement.name)

    @property
    def version(self) -> str:
        (spec,) = self.requirement.specifier
        return spec.version


def read_lock(path: Path) -> list[LockedPackage]:
    entries: list[LockedPackage] = []
    in_via = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            entries.append(LockedPackage(Requirement(line.removesuffix("\\").strip())))
            in_via = False
            continue
        stripped = line.strip()
        if stripped.startswith("--hash="):
            entries[-1].hashes.append(stripped.removeprefix("--hash=").removesuffix("\\").strip())
        elif stripped == "# via":
            in_via = True
        elif stripped.startswith("# via "):
            entries[-1].via.append(stripped.removeprefix("# via "))
            in_via = False
        elif in_via and stripped.startswith("#   "):
            entries[-1].via.append(stripped.removeprefix("#   "))
    return entries


def via_packages(entry: LockedPackage) -> list[str]:
    """The names in `# via` that are packages or pyproject (constraint files are not a reason to be there)."""
    return [name if name == PYPROJECT_SOURCE else canonicalize_name(name) for name in entry.via if not name.startswith("-c ")]


def pyproject_requirements(pyproject: Path, extras: tuple[str, ...] = ()) -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"])
    for extra in extras:
        texts += project["optional-dependencies"][extra]
    return [Requirement(re.sub(r"\s+#.*$", "", text)) for text in texts]
