"""reporting: plain lines and GitHub workflow-command annotations."""

from __future__ import annotations

from briefing.cli.reporting import format_github, format_text
from briefing.model.problems import Problem, Severity


def test_text_format_is_problem_format() -> None:
    problems = [Problem("a.md", 2, 3, "title", "missing"), Problem("b.md", 0, 0, "", "empty")]

    assert list(format_text(problems)) == ["a.md:2:3: title: missing", "b.md: empty"]


def test_github_error_with_all_properties() -> None:
    problem = Problem("articles/a.md", 6, 5, "actors", "unknown actor 'X'")

    assert list(format_github([problem])) == ["::error file=articles/a.md,line=6,col=5,title=actors::unknown actor 'X'"]


def test_github_omits_unknown_properties() -> None:
    assert list(format_github([Problem("a.md", 0, 0, "", "m")])) == ["::error file=a.md::m"]
    assert list(format_github([Problem("a.md", 4, 0, "", "m")])) == ["::error file=a.md,line=4::m"]


def test_github_warning_and_strict() -> None:
    problem = Problem("a.md", 1, 1, "f", "careful", Severity.WARNING)

    assert list(format_github([problem])) == ["::warning file=a.md,line=1,col=1,title=f::careful"]
    assert list(format_github([problem], strict=True)) == ["::error file=a.md,line=1,col=1,title=f::careful"]


def test_github_escaping() -> None:
    problem = Problem("dir,x/a:b.md", 1, 0, "source.url", "100% sure\r\nnext, line: here")

    assert list(format_github([problem])) == ["::error file=dir%2Cx/a%3Ab.md,line=1,title=source.url::100%25 sure%0D%0Anext, line: here"]
