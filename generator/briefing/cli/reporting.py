"""Problem reports for people (one line each) and for GitHub pull-request annotations."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.model.problems import Problem, Severity


def format_text(problems: list[Problem], strict: bool = False) -> Iterator[str]:
    for problem in problems:
        yield problem.format()


def format_github(problems: list[Problem], strict: bool = False) -> Iterator[str]:
    """`::error file=…,line=…,col=…,title=…::message`, escaped as the workflow-command syntax requires."""
    for problem in problems:
        level = "error" if strict or problem.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(problem.path)}"]
        if problem.line:
            props.append(f"line={problem.line}")
        if problem.column:
            props.append(f"col={problem.column}")
        if problem.field:
            props.append(f"title={_escape_property(problem.field)}")
        yield f"::{level} {','.join(props)}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
