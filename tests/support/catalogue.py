"""Helpers shared by the catalogue tests (tests/catalogue): run the CLI in-process, fingerprint folders, match report lines."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from briefing.cli.commands import cli


def run_cli(*args: str | Path) -> Result:
    """`briefing <args>` in-process; stdout and stderr are mixed into `result.output`."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_clean_exit(result: Result, code: int) -> None:
    """The command ended through sys.exit with `code`: no exception escaped, no traceback printed."""
    assert "Traceback" not in result.output, result.output
    assert isinstance(result.exception, SystemExit) or (code == 0 and result.exception is None), (
        f"{type(result.exception).__name__}: {result.exception}\n{result.output}"
    )
    assert result.exit_code == code, result.output


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256): equal before and after means nothing was touched."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class Like:
    """An expected report line given as a regular expression (where the exact wording is not ours to fix).

    `{file}` in the pattern stands for the case's file in the project, matched literally.
    """

    pattern: str

    def matches(self, line: str, file: str) -> bool:
        return re.fullmatch(self.pattern.replace("{file}", re.escape(file)), line) is not None


def expected_lines(expected: list[str | Like], actual: list[str], file: str) -> list[str]:
    """`expected` with `{file}` filled in; a `Like` that matches its actual line is replaced by that line.

    Comparing the result with `actual` gives pytest's list diff, with exact strings where they exist.
    """
    lines = []
    for index, item in enumerate(expected):
        if isinstance(item, Like):
            candidate = actual[index] if index < len(actual) else ""
            lines.append(candidate if item.matches(candidate, file) else f"<line matching {item.pattern!r}>")
        else:
            lines.append(item.replace("{file}", file))
    return lines


_TITLE = re.compile(r"<title>(.*?)</title", re.IGNORECASE | re.DOTALL)


def browser_title(page_html: str) -> str:
    """The document title as a browser reads it.

    `<title>` holds escapable raw text: a browser takes everything up to the first `</title`
    literally, decoding only character references. Python's html.parser (behind
    BeautifulSoup's "html.parser") would instead parse tags inside it, so read it here.
    """
    found = _TITLE.search(page_html)
    assert found is not None, "page has no <title>"
    return html.unescape(found.group(1))


def browser_soup(page_html: str) -> BeautifulSoup:
    """The page parsed as a browser would: the `<title>` text (up to the first `</title`) is text,
    and whatever follows that first `</title` is markup, as it is for a browser."""
    found = _TITLE.search(page_html)
    if found is not None:
        text = html.escape(html.unescape(found.group(1)), quote=False)
        page_html = page_html[: found.start()] + f"<title>{text}</title" + page_html[found.end() :]
    return BeautifulSoup(page_html, "html.parser")
