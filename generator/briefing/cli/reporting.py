"""Problem reports for people (one line each) and for GitHub pull-request annotations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from briefing.model.corpus import Corpus
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


def format_scheduled(corpus: Corpus, github: bool = False) -> Iterator[str]:
    """What is scheduled and when, soonest first: one line each (a notice on the diff for GitHub)."""
    for article in corpus.scheduled:
        when = article.publication_time
        offset = when.utcoffset() or dt.timedelta(0)
        shown = when.isoformat(sep=" ") if article.published_at is not None else f"{article.date.isoformat()} (00:00 UTC)"
        if article.published_at is not None and offset:
            shown += f" = {when.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
        left = f"in {_span(when - corpus.now)}" if corpus.now is not None else ""
        message = f"scheduled: published {shown}, {left}; until then the site leaves it out" if left else f"scheduled: published {shown}"
        position = article.field_positions.get("date")
        if github:
            line = f",line={position.line}" if position else ""
            yield f"::notice file={_escape_property(article.source_path)}{line},title=scheduled::{_escape_data(message)}"
        else:
            where = f"{article.source_path}:{position.line}:{position.column}" if position else article.source_path
            yield f"{where}: {message}"


def _span(delta: dt.timedelta) -> str:
    """`268 days`, `5 hours`, `12 minutes`: how long until a scheduled article is due."""
    seconds = max(0, int(delta.total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return "less than a minute"
