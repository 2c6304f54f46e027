"""`briefing check --audit`: actors the text names often but the metadata leaves out, and the reverse."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefing.cli.commands import cli
from briefing.index.audit import MentionMatcher
from tests.support.clock import DEMO_SCHEDULED_CHECK_LINE
from tests.support.project import copy_demo_project, replace_in
from tests.support.registries import demo_registries

DEMO_FINDINGS = [
    "articles/2024/2024-05-15-xi-putin-beijing.md:5:9: warning: actors: the text names 'Ukraine' 3 times but `actors` leaves it out; add it?",
    "articles/2024/2024-06-20-putin-kim-pyongyang-treaty.md:5:9: warning: actors: the text names 'Ukraine' 4 times but `actors` leaves it out; add it?",
    "articles/2024/2024-07-25-china-russia-bombers-alaska.md:5:9: warning: actors: 'Canada' is listed but the text never names it (nor an alias); remove it or add the alias used?",
]


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["check", "-f", str(project / "mkdocs.yml"), *args])


def test_audit_warns_with_file_and_line(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    result = run(project, "--audit")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [*DEMO_FINDINGS, DEMO_SCHEDULED_CHECK_LINE, "0 errors, 3 warnings"]
    assert run(project, "--audit", "--strict").exit_code == 1
    assert run(project).output == f"{DEMO_SCHEDULED_CHECK_LINE}\n9 articles OK\n"  # without --audit: no findings


def test_listing_the_actor_silences_the_warning(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    replace_in(
        project / "articles/2024/2024-06-20-putin-kim-pyongyang-treaty.md", "actors: [Vladimir Putin,", "actors: [Ukraine, Vladimir Putin,"
    )
    assert DEMO_FINDINGS[1] not in run(project, "--audit").output


def test_mentions_are_counted_longest_spelling_first() -> None:
    matcher = MentionMatcher(demo_registries().actors)
    counts = matcher.count(
        "North Korean leader Kim Jong Un met Kim's guests. North Korea's Kim spoke; NATO Secretary General Jens Stoltenberg"
    )
    assert counts["kim-jong-un"] == 3  # "North Korean leader Kim Jong Un" (an alias), "Kim's", "Kim"
    assert counts["north-korea"] == 1  # "North Korea's"; "North Korean" is not "North Korea"
    assert counts["jens-stoltenberg"] == 1 and "nato" not in counts  # the longer alias wins
    assert matcher.occurs("nato", "NATO Secretary General Jens Stoltenberg said")  # but NATO is named
