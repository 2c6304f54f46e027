"""Editors' text printed in the pull-request check's log cannot become a GitHub workflow command.

GitHub's runner reads every line of a step's output: one that starts with `::` (after spaces)
is a command (`::add-mask::`, `::error::`, `::stop-commands::`), and so is any line holding `##[`
(the older syntax). `briefing diff` and `briefing check` print titles, names and file names there.
A branch whose title tries both (a line break was refused since; `##[` is typed as it is) must leave
only lines the runner would print, which `parse_command` below decides as the runner does
(actions/runner: ActionCommand.TryParseV2 and TryParse).
"""

from __future__ import annotations

from pathlib import Path

from briefing.cli.diff import Change, SiteDiff, format_text
from briefing.cli.reporting import format_github
from briefing.cli.reporting import format_text as format_problems
from briefing.model.problems import ProblemLog
from tests.support.catalogue import assert_clean_exit, run_cli
from tests.support.gitrepo import demo_repository, git
from tests.support.project import replace_in

COMMANDS = {"add-mask", "error", "warning", "notice", "debug", "group", "endgroup", "stop-commands", "echo", "set-output", "save-state"}


def parse_command(line: str) -> str | None:
    """The workflow command GitHub's runner would run for this line of output, if any."""
    trimmed = line.lstrip()
    if trimmed.startswith("::"):
        end = trimmed.find("::", 2)
        if end >= 0:
            name = trimmed[2:end].split(" ", 1)[0]
            if name in COMMANDS:
                return name
    start = line.find("##[")
    if start >= 0:
        end = line.find("]", start)
        if end >= 0:
            name = line[start + 3 : end].split(" ", 1)[0]
            if name in COMMANDS:
                return name
    return None


def test_the_parser_finds_what_the_runner_runs() -> None:
    assert parse_command("::add-mask::secret") == "add-mask"
    assert parse_command("   ::error file=a::x") == "error"
    assert parse_command("text ##[add-mask]secret") == "add-mask"
    assert parse_command("text :: error") is None


def test_diff_text_cannot_emit_a_command_whatever_a_change_holds() -> None:
    hostile = [
        "Title\n::add-mask::secret",
        "Title\r::error::forged",
        "Title\u2028::stop-commands::x",
        "Title ##[add-mask]secret",
        "::error::at the start",
    ]
    diff = SiteDiff(articles=[Change("added", what, f"/articles/2024/08/a{i}/") for i, what in enumerate(hostile)])
    lines = format_text(diff, "##[add-mask]main")
    text = "\n".join(lines)
    assert [parse_command(line) for line in text.splitlines()] == [None] * (2 + len(hostile))
    assert "Title\\n::add-mask::secret" in text and "Title #\\#[add-mask]secret" in text


def test_problem_lines_cannot_emit_a_command(tmp_path: Path) -> None:
    log = ProblemLog(tmp_path)
    log.error(tmp_path / "articles/2024/a\n::add-mask::x.md", "actors", "unknown actor '##[add-mask]Xi\n::error::y'")
    lines = [*format_problems(log.problems)]
    assert [parse_command(line) for line in "\n".join(lines).splitlines()] == [None]
    [annotation] = format_github(log.problems)
    assert annotation.startswith("::error file=articles/2024/a\\n%3A%3Aadd-mask%3A%3Ax.md,title=actors::")
    assert "\n" not in annotation and "\r" not in annotation


def test_briefing_diff_of_a_hostile_branch_prints_no_command(tmp_path: Path) -> None:
    project = demo_repository(tmp_path / "site")
    git(project, "checkout", "-q", "-b", "hostile")
    article = project / "articles/2024/2024-08-01-hostile.md"
    article.write_text(
        '---\ntitle: "Xi ##[add-mask]Jinping ::error::x"\ndate: 2024-08-01\nregion: East Asia\n'
        "actors: [Xi Jinping]\ntopics: [Sanctions]\n---\nBody.\n",
        encoding="utf-8",
    )
    replace_in(project / "data/actors.yml", "aliases: [Xi, President Xi,", 'aliases: [Xi, "##[error]President Xi",')
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "hostile")

    result = run_cli("diff", "-f", project / "mkdocs.yml", "main")

    assert_clean_exit(result, 0)
    lines = result.output.splitlines()
    assert any("Xi #\\#[add-mask]Jinping ::error::x" in line for line in lines)
    assert any(line.strip().startswith("changed") and "actor xi-jinping" in line for line in lines)
    assert [line for line in lines if parse_command(line)] == []


def test_a_title_with_a_line_break_is_refused_before_any_diff(tmp_path: Path) -> None:
    project = demo_repository(tmp_path / "site")
    git(project, "checkout", "-q", "-b", "newline")
    article = project / "articles/2024/2024-08-01-newline.md"
    article.write_text(
        '---\ntitle: "Xi\\n::add-mask::secret"\ndate: 2024-08-01\nregion: East Asia\nactors: [Xi Jinping]\ntopics: [Sanctions]\n---\nBody.\n',
        encoding="utf-8",
    )
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "newline")

    result = run_cli("diff", "-f", project / "mkdocs.yml", "main")

    assert_clean_exit(result, 1)
    assert "articles/2024/2024-08-01-newline.md:2:8: title: holds a line break; write it on one line" in result.output.splitlines()
    assert [line for line in result.output.splitlines() if parse_command(line)] == []
