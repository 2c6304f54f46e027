"""problems: one-line problem formatting, the log, and the closing count."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model.problems import Position, Problem, ProblemLog, Severity, summarize


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("a.md", 3, 7, "date", "bad"), "a.md:3:7: date: bad"),
        (Problem("a.md", 3, 0, "date", "bad"), "a.md:3: date: bad"),
        (Problem("a.md", 0, 0, "date", "bad"), "a.md: date: bad"),
        (Problem("a.md", 0, 5, "", "bad"), "a.md: bad"),
        (Problem("a.md", 2, 1, "", "bad"), "a.md:2:1: bad"),
        (Problem("a.md", 2, 1, "x", "careful", Severity.WARNING), "a.md:2:1: warning: x: careful"),
    ],
)
def test_format(problem: Problem, text: str) -> None:
    assert problem.format() == text


def test_log_paths_are_relative_to_root(tmp_path: Path) -> None:
    log = ProblemLog(tmp_path)
    log.error(tmp_path / "articles" / "a.md", "title", "missing", Position(2, 1))
    log.warning(Path("/elsewhere/b.md"), "", "outside")

    assert log.problems == [
        Problem("articles/a.md", 2, 1, "title", "missing", Severity.ERROR),
        Problem("/elsewhere/b.md", 0, 0, "", "outside", Severity.WARNING),
    ]
    assert [p.message for p in log.errors] == ["missing"]
    assert [p.message for p in log.warnings] == ["outside"]


def test_sorted_reads_in_file_order_and_drops_repeats(tmp_path: Path) -> None:
    log = ProblemLog(tmp_path)
    log.error(tmp_path / "b.md", "x", "later file")
    log.error(tmp_path / "a.md", "x", "line 10", Position(10, 1))
    log.error(tmp_path / "a.md", "x", "line 2", Position(2, 5))
    log.error(tmp_path / "a.md", "x", "line 2", Position(2, 5))

    assert [p.format() for p in log.sorted()] == ["a.md:2:5: x: line 2", "a.md:10:1: x: line 10", "b.md: x: later file"]


@pytest.mark.parametrize(
    ("severities", "text"),
    [
        ([], "0 errors, 0 warnings"),
        ([Severity.ERROR], "1 error, 0 warnings"),
        ([Severity.WARNING], "0 errors, 1 warning"),
        ([Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.WARNING], "2 errors, 2 warnings"),
    ],
)
def test_summarize(severities: list[Severity], text: str) -> None:
    assert summarize([Problem("a", 0, 0, "", "m", s) for s in severities]) == text
