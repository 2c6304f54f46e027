"""The file system as editors leave it: pipes, links, folders and unreadable files where files belong,
and export folders that are not Briefing's to write.

Each case is installed into a fresh copy of the demo project. `briefing check` must print one line
per problem (`path[:line[:column]]: field: message`) and the count, exit 1 (0 when only warnings),
never hang or print a traceback, and leave the project untouched. Tests run as root, where file
permissions do not stop a read, so "permission denied" is simulated at the call that would fail.
"""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.catalogue import assert_clean_exit, run_cli, tree_hash
from tests.support.clock import DEMO_SCHEDULED_CHECK_LINE
from tests.support.project import copy_demo_project

ARTICLE = "articles/2024/2024-03-18-putin-fifth-term.md"


def check_lines(project: Path) -> list[str]:
    return run_cli("check", "-f", project / "mkdocs.yml").output.splitlines()


def run_check_in_a_process(project: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`briefing check` in its own process, so a hang fails the test instead of stopping the suite."""
    code = "import sys; from briefing.cli.commands import cli; cli(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", code, "check", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_demo_project(tmp_path / "project")


# -------------------------------------------------------------------- registries


@pytest.mark.parametrize(
    ("make", "kind"),
    [(os.mkfifo, "a named pipe (FIFO)"), (os.mkdir, "a folder")],
    ids=["fifo", "folder"],
)
def test_registry_that_is_not_a_file_is_one_line_without_reading_it(project: Path, make: Callable[[Path], None], kind: str) -> None:
    registry = project / "data/topics.yml"
    registry.unlink()
    make(registry)
    before = tree_hash(project)

    result = run_check_in_a_process(project)  # reading a FIFO would block forever

    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"data/topics.yml: is {kind}, not a file; replace it with an ordinary text file",
        "1 error, 0 warnings",
    ]
    assert tree_hash(project) == before


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Make opening `target` fail as it does for a file without read permission."""
    real_open = builtins.open
    target = target.resolve()

    def fake_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file).resolve() == target:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)


def test_unreadable_registry_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_open(monkeypatch, project / "data/actors.yml")
    result = run_cli("check", "-f", project / "mkdocs.yml")

    assert_clean_exit(result, 1)
    assert result.output.splitlines() == [
        "data/actors.yml: cannot be read (permission denied); check the file's permissions",
        "1 error, 0 warnings",
    ]


def test_oversized_registry_is_refused_before_it_is_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = project / "data/actors.yml"
    with registry.open("ab") as handle:
        handle.truncate(10_000_001)  # a sparse file: large to stat, nothing on disk
    refuse_to_open(monkeypatch, registry)  # the limit is checked without opening the file

    result = run_cli("check", "-f", project / "mkdocs.yml")

    assert_clean_exit(result, 1)
    assert result.output.splitlines() == [
        "data/actors.yml: file is 10,000,001 bytes; registries are limited to 10,000,000 bytes",
        "1 error, 0 warnings",
    ]


def test_registry_of_two_thousand_people_with_four_aliases_each_passes(project: Path) -> None:
    entries = "".join(
        f"person-{i}:\n  name: Person Number {i}\n  kind: person\n  aliases: [P{i} One, P{i} Two, P{i} Three, P{i} Four]\n  description: Someone.\n"
        for i in range(2000)
    )
    with (project / "data/actors.yml").open("a", encoding="utf-8") as handle:
        handle.write(entries)

    lines = check_lines(project)

    assert lines[-2:] == [DEMO_SCHEDULED_CHECK_LINE, "0 errors, 2000 warnings"]  # "no article names ..." for each new person
    assert all(": warning: person-" in line for line in lines[:-2])


# -------------------------------------------------------------------- articles


def test_article_that_is_a_fifo_is_refused_without_reading_it(project: Path) -> None:
    os.mkfifo(project / "articles/2024/2024-08-01-pipe.md")

    result = run_check_in_a_process(project)

    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "articles/2024/2024-08-01-pipe.md: is a named pipe (FIFO), not a file; replace it with an ordinary text file",
        "1 error, 0 warnings",
    ]


def test_dangling_symlink_article_is_reported(project: Path) -> None:
    (project / "articles/2024/2024-08-01-moved.md").symlink_to("../drafts/2024-08-01-moved.md")

    assert check_lines(project) == [
        "articles/2024/2024-08-01-moved.md: is a symbolic link to a missing file (../drafts/2024-08-01-moved.md); fix or remove the link",
        "1 error, 0 warnings",
    ]


def test_folder_named_like_an_article_and_upper_case_extension_are_warnings(project: Path) -> None:
    (project / "articles/2024/2024-08-01-folder.md").mkdir()
    (project / "articles/2024/2024-08-01-shouting.MD").write_bytes((project / ARTICLE).read_bytes())

    result = run_cli("check", "-f", project / "mkdocs.yml")

    assert_clean_exit(result, 0)
    assert result.output.splitlines() == [
        "articles/2024/2024-08-01-folder.md: warning: a folder named like an article; the articles inside it are read, the folder is not one",
        "articles/2024/2024-08-01-shouting.MD: warning: not read: article files end in lowercase '.md'; rename it to '2024-08-01-shouting.md'",
        DEMO_SCHEDULED_CHECK_LINE,
        "0 errors, 2 warnings",
    ]


def test_unreadable_article_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_open(monkeypatch, project / ARTICLE)

    assert check_lines(project) == [
        f"{ARTICLE}: cannot be read (permission denied); check the file's permissions",
        "1 error, 0 warnings",
    ]


def test_unreadable_sub_folder_is_reported_not_skipped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = (project / "articles/2023").resolve()
    real_scandir = os.scandir

    def fake_scandir(path):
        if Path(path).resolve() == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)

    result = run_cli("check", "-f", project / "mkdocs.yml")

    assert_clean_exit(result, 1)
    assert (
        result.output.splitlines()[0] == "articles/2023: cannot read this folder (permission denied); the articles in it were not checked"
    )
    assert result.output.splitlines()[-1].startswith("1 error, ")


def test_article_over_the_limit_is_refused_before_it_is_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = project / "articles/2024/2024-08-01-huge.md"
    with huge.open("wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: 3 GB to stat, nothing to read
    refuse_to_open(monkeypatch, huge)

    assert check_lines(project) == [
        "articles/2024/2024-08-01-huge.md: file is 3,000,000,000 bytes; articles are limited to 2,000,000 bytes",
        "1 error, 0 warnings",
    ]


# -------------------------------------------------------------------- export folders


def export_to(project: Path, out: str | Path):
    return run_cli("export", "-f", project / "mkdocs.yml", "--out", out)


def test_export_under_an_existing_file_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = export_to(project, tmp_path / "notes.txt" / "site")

    assert_clean_exit(result, 2)
    assert result.output == f"Error: {tmp_path}/notes.txt is a file, so {tmp_path}/notes.txt/site cannot be created\n"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_export_to_the_root_folder_is_refused_at_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_walking(*args, **kwargs):
        raise AssertionError("the export walked a folder it should have refused")

    monkeypatch.setattr(Path, "rglob", no_walking)
    result = export_to(project, "/")

    assert_clean_exit(result, 2)
    assert result.output == "Error: / is not empty and was not created by 'briefing export'; choose a new or empty folder\n"


@pytest.mark.parametrize("below", ["", "/md"], ids=["link", "through-link"])
def test_export_through_a_symlink_is_refused(project: Path, tmp_path: Path, below: str) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = export_to(project, f"{tmp_path}/link{below}")

    assert_clean_exit(result, 2)
    assert result.output == f"Error: {tmp_path}/link is a symbolic link; give the real folder ({tmp_path}/real) instead\n"
    assert list((tmp_path / "real").iterdir()) == []


def test_export_into_a_folder_whose_parent_is_not_writable(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != locked and real_access(path, mode, **kw))

    result = export_to(project, locked / "md")

    assert_clean_exit(result, 2)
    assert result.output == f"Error: cannot write in {locked} (permission denied); choose another folder\n"
    assert list(locked.iterdir()) == []


def test_export_that_fails_while_writing_is_one_line(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    result = export_to(project, tmp_path / "md")

    assert_clean_exit(result, 2)
    assert result.output == f"Error: cannot write {tmp_path} (Permission denied); nothing exported\n"
    assert not (tmp_path / "md").exists()


# -------------------------------------------------------------------- scale


def test_ten_thousand_unknown_topics_are_reported_quickly(project: Path) -> None:
    import time

    names = ", ".join(["Sanctoins", *(f"Topic number {i}" for i in range(9999))])
    (project / "articles/2024/2024-08-01-many.md").write_text(
        f'---\ntitle: "Many"\ndate: 2024-08-01\nregion: East Asia\nactors: [Xi Jinping]\ntopics: [{names}]\n---\nx\n', encoding="utf-8"
    )
    start = time.perf_counter()
    result = run_cli("check", "-f", project / "mkdocs.yml")
    elapsed = time.perf_counter() - start

    assert_clean_exit(result, 1)
    lines = result.output.splitlines()
    assert lines[-1] == "10000 errors, 0 warnings"
    assert lines[0] == "articles/2024/2024-08-01-many.md:6:10: topics: unknown topic 'Sanctoins' (did you mean 'Sanctions'?)"
    # fuzzy suggestions for a file's first problems; the rest are still reported, each on its line
    assert lines[-2].startswith("articles/2024/2024-08-01-many.md:6:") and lines[-2].endswith(
        ": topics: unknown topic 'Topic number 9998'; add it to topics.yml or check the spelling"
    )
    assert elapsed < 5, f"{elapsed:.1f} s"


# -------------------------------------------------------------------- implausible dates


def test_implausible_dates_are_warnings_and_do_not_blow_up_the_pages(project: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline"
    assert_clean_exit(export_to(project, baseline), 0)
    text = (project / ARTICLE).read_text(encoding="utf-8")
    for name, date in (("ancient", "0024-05-15"), ("far-future", "9999-12-31"), ("victorian", "1850-03-01")):
        (project / f"articles/2024/2024-08-01-{name}.md").write_text(text.replace("date: 2024-03-18", f"date: {date}"), encoding="utf-8")

    result = run_cli("check", "-f", project / "mkdocs.yml")

    assert_clean_exit(result, 0)
    assert result.output.splitlines() == [
        "articles/2024/2024-08-01-ancient.md:3:7: warning: date: 0024-05-15 has a two-digit year; did you mean 2024-05-15?",
        "articles/2024/2024-08-01-far-future.md:3:7: warning: date: 9999-12-31 is more than 50 years from most articles (2024); is the year right?",
        "articles/2024/2024-08-01-victorian.md:3:7: warning: date: 1850-03-01 is before 1900; is the year right?",
        DEMO_SCHEDULED_CHECK_LINE,
        "articles/2024/2024-08-01-far-future.md:3:7: scheduled: published 9999-12-31 (00:00 UTC), in 2912108 days; until then the site leaves it out",
        "0 errors, 3 warnings",
    ]
    out = tmp_path / "out"
    assert_clean_exit(export_to(project, out), 0)
    for page in ("timeline.md", "actors/vladimir-putin.md"):
        assert (out / page).stat().st_size < 2 * (baseline / page).stat().st_size, page
