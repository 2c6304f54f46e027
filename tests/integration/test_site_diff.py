"""`briefing diff BASE`: what a branch changes on the site, from two real builds of two git trees."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefing.cli.commands import cli
from tests.support.gitrepo import demo_repository, git
from tests.support.project import replace_in

BOMBERS = "articles/2024/2024-07-25-china-russia-bombers-alaska.md"
FIFTH_TERM = "articles/2024/2024-03-18-putin-fifth-term.md"


def _branch_editing_two_articles_and_an_actor(tmp_path: Path) -> Path:
    project = demo_repository(tmp_path / "site")
    git(project, "checkout", "-q", "-b", "edit")
    replace_in(
        project / BOMBERS,
        "topics: [Military cooperation, Arctic security, China–Russia relations, Great-power competition]",
        "topics: [Military cooperation, Arctic security, China–Russia relations]",
    )
    text = (project / FIFTH_TERM).read_text(encoding="utf-8")
    (project / FIFTH_TERM).write_text(text + "\nTurnout was reported at 77 percent.\n", encoding="utf-8")
    replace_in(
        project / "data/actors.yml",
        "description: President of the French Republic since May 2017.",
        "description: President of France since 2017.",
    )
    git(project, "commit", "-q", "-am", "edit two articles and an actor")
    return project


def run_diff(project: Path, *args: str):
    return CliRunner().invoke(cli, ["diff", "-f", str(project / "mkdocs.yml"), *args])


def test_diff_prints_exactly_what_the_branch_changes(tmp_path: Path) -> None:
    project = _branch_editing_two_articles_and_an_actor(tmp_path)
    result = run_diff(project, "main")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Changes to the site against main:",
        "Articles (2):",
        "  changed  /articles/2024/03/putin-fifth-term/  Putin Claims Fifth Term After Three-Day Vote Without Real Opposition (body)",
        "  changed  /articles/2024/07/china-russia-bombers-alaska/  Chinese and Russian Bombers Fly Joint Patrol Near Alaska for the First Time (topics -great-power-competition)",
        "Registry entries (1):",
        "  changed  /actors/emmanuel-macron/  actor emmanuel-macron (Emmanuel Macron)",
        # every page that lists the bombers article shows its topics; a body edit shows on its own page only
        "Actor, topic and region pages whose lists change (16):",
        *(
            f"  changed  /actors/{a}/  {n}"
            for a, n in [
                ("canada", "Canada"),
                ("china", "China"),
                ("emmanuel-macron", "Emmanuel Macron"),
            ]
        ),
        "  changed  /actors/  Actors",
        *(
            f"  changed  /actors/{a}/  {n}"
            for a, n in [
                ("japan", "Japan"),
                ("nato", "NATO"),
                ("north-american-aerospace-defense-command", "North American Aerospace Defense Command"),
                ("russia", "Russia"),
                ("south-korea", "South Korea"),
                ("united-states", "United States"),
            ]
        ),
        "  changed  /regions/arctic/  Arctic",
        "  changed  /topics/arctic-security/  Arctic security",
        "  changed  /topics/china-russia-relations/  China–Russia relations",
        "  changed  /topics/great-power-competition/  Great-power competition",
        "  changed  /topics/  Topics",
        "  changed  /topics/military-cooperation/  Military cooperation",
        "Feeds (2):",
        "  changed  /feeds/actors/emmanuel-macron.xml",
        "  changed  /feeds/topics/great-power-competition.xml",
        "Other pages that change (5):",
        "  changed  /articles.csv  articles.csv",
        '  changed  /articles/2024/07/beijing-declaration-palestinian-factions/  Palestinian Factions Sign "Beijing Declaration" on National Unity',
        '  changed  /articles/2024/07/nato-washington-summit/  NATO Calls China a "Decisive Enabler" of Russia\'s War at Washington Summit',
        "  changed  /briefing.json  briefing.json",
        "  changed  /  Latest briefings",
    ]


def test_diff_reports_added_removed_and_disappearing_urls_as_markdown(tmp_path: Path) -> None:
    project = demo_repository(tmp_path / "site")
    git(project, "checkout", "-q", "-b", "rename")
    git(project, "mv", FIFTH_TERM, "articles/2024/2024-03-18-putin-claims-fifth-term.md")
    git(project, "commit", "-q", "-m", "rename")
    result = run_diff(project, "main", "--format", "github")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "| added | `/articles/2024/03/putin-claims-fifth-term/` |" in out
    assert "| removed | `/articles/2024/03/putin-fifth-term/` |" in out
    assert "### ⚠ URLs that disappear (1)" in out and "- `/articles/2024/03/putin-fifth-term/`" in out


def test_diff_against_an_unknown_ref_is_one_line(tmp_path: Path) -> None:
    project = demo_repository(tmp_path / "site")
    result = run_diff(project, "no-such-branch")
    assert result.exit_code == 2
    assert result.output.startswith("Error: no-such-branch: ") and len(result.output.splitlines()) == 1
    assert "Traceback" not in result.output


def test_no_change_says_so(tmp_path: Path) -> None:
    project = demo_repository(tmp_path / "site")
    result = run_diff(project, "HEAD")
    assert result.exit_code == 0 and result.output == "No change to the site against HEAD.\n"


def test_diff_shows_an_added_correction_author_and_scheduled_article(tmp_path: Path) -> None:
    project = demo_repository(tmp_path / "site")
    git(project, "checkout", "-q", "-b", "newsroom")
    replace_in(
        project / BOMBERS,
        "\n---\n",
        "\nauthors: [Ana Silva]\ncorrections:\n  - {date: 2024-07-26, text: The bombers flew on July 24.}\n---\n",
    )
    with (project / "data/authors.yml").open("a", encoding="utf-8") as authors:
        authors.write("ana-silva:\n  name: Ana Silva\n  role: Analyst\n")
    scheduled = project / "articles/2027/2027-10-01-later.md"
    scheduled.write_text(
        (project / FIFTH_TERM).read_text(encoding="utf-8").replace("date: 2024-03-18", "date: 2027-10-01T09:00:00Z"), encoding="utf-8"
    )
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "a correction, a new author and a scheduled article")
    lines = run_diff(project, "main").output.splitlines()
    title = "Chinese and Russian Bombers Fly Joint Patrol Near Alaska for the First Time"
    assert f"  changed  /articles/2024/07/china-russia-bombers-alaska/  {title} (authors +ana-silva; corrections +2024-07-26)" in lines
    assert "  added    /authors/ana-silva/  author ana-silva (Ana Silva)" in lines
    assert "Scheduled articles (not on the site until they are due) (1):" in lines
    assert any(line.startswith("  added    /articles/2027/10/later/  ") and "published 2027-10-01 09:00:00+00:00" in line for line in lines)
    assert "  changed  /corrections/  Corrections" in lines
    assert "  added    /feeds/authors/ana-silva.xml" in lines
