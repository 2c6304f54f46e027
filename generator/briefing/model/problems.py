"""Problems found in the editors' files, collected and reported all at once.

Every stage appends to a `ProblemLog` instead of raising, so an editor sees every
mistake in one run, each on one line naming the file, line, column and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place; `line`/`column` are 1-based, 0 when unknown."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """`path:line:column: field: message`, the shape editors and editors' tools expect."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{subject}{self.message}"


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls, DEL and the Unicode line/paragraph separators: anything that would split
# or garble a one-line report (and so a GitHub annotation) when editor text is echoed in it.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """`Kim\\nJong Il` for a value holding a newline: every problem stays on one line.

    Report lines are printed in CI logs, where GitHub's runner takes a line starting with `::`
    (after spaces) and any `##[` in a line as a workflow command: with no line break left, only
    `##[` can appear, and it is written `#\\#[`.
    """
    return _CONTROLS.sub(lambda m: _NAMED_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text).replace("##[", "#\\#[")


def inert_line(line: str) -> str:
    """One line of output that a GitHub runner cannot read as a workflow command."""
    line = escape_controls(line)
    return "\\" + line if line.lstrip().startswith("::") else line


@dataclass(frozen=True)
class Position:
    """Where a value starts in a file (1-based)."""

    line: int
    column: int


@dataclass
class ProblemLog:
    """Collects problems for a whole run; paths are shown relative to `root`."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    _root_cache: Path | None = field(default=None, repr=False, compare=False)

    def relative(self, path: Path) -> str:
        # Most paths come from walking the root, so try the cheap absolute form before resolving links.
        try:
            return path.absolute().relative_to(self._absolute_root()).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _absolute_root(self) -> Path:
        if self._root_cache is None:
            self._root_cache = self.root.absolute()
        return self._root_cache

    def add(
        self,
        path: Path,
        field_name: str,
        message: str,
        position: Position | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line, column = (position.line, position.column) if position else (0, 0)
        where = escape_controls(self.relative(path))  # a file name may hold a newline too
        self.problems.append(Problem(where, line, column, escape_controls(field_name), escape_controls(message), severity))

    def error(self, path: Path, field_name: str, message: str, position: Position | None = None) -> None:
        self.add(path, field_name, message, position, Severity.ERROR)

    def warning(self, path: Path, field_name: str, message: str, position: Position | None = None) -> None:
        self.add(path, field_name, message, position, Severity.WARNING)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        """Problems in file order, so the report reads top to bottom like the files."""
        return sorted(set(self.problems))


def summarize(problems: list[Problem]) -> str:
    """The closing count line, e.g. `2 errors, 1 warning`."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
