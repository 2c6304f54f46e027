"""`briefing export --for zensical` builds with Zensical, Material for MkDocs' successor, by hand (the
steps `briefing build --engine zensical` runs: tests/integration/test_engines.py): no warnings, no
broken links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefing.cli.commands import cli
from tests.support.linkcheck import check_site
from tests.support.site import REPO

ZENSICAL = Path(sys.executable).parent / "zensical"
CONFIG = REPO / "tests" / "support" / "zensical" / "zensical.toml"


def _export(project: Path, *options: str) -> None:
    result = CliRunner(mix_stderr=False).invoke(cli, ["export", *options, "--out", str(project / "docs"), "-f", str(REPO / "mkdocs.yml")])
    assert result.exit_code == 0, result.output + result.stderr


def _zensical_project(tmp_path: Path, *options: str) -> Path:
    """The demo moved over as the README says: the export, the hand-written pages, zensical.toml."""
    project = tmp_path / "zensical-site"
    project.mkdir()
    _export(project, *options)
    for source in (REPO / "docs").rglob("*"):
        relative = source.relative_to(REPO / "docs")
        if source.is_file() and relative.as_posix() != "performance.md" and relative.parts[:2] != ("assets", "screenshots"):
            (project / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / "docs" / relative)
    shutil.copy2(CONFIG, project / "zensical.toml")
    return project


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL")}
    return subprocess.run(
        [str(ZENSICAL), "build", "--strict", "--clean"], cwd=project, capture_output=True, text=True, env=env, timeout=300
    )


def test_the_export_builds_with_zensical_without_warnings_or_broken_links(tmp_path: Path) -> None:
    project = _zensical_project(tmp_path, "--for", "zensical")
    result = _build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    output = (result.stdout + result.stderr).splitlines()
    assert "No issues found" in output and not any("warning" in line.lower() for line in output), output
    site = project / "site"
    for page in ("index.html", "actors/xi-jinping/index.html", "articles/2024/05/xi-putin-beijing/index.html", "network/index.html"):
        assert (site / page).is_file(), page
    assert (site / "feeds" / "all.xml").is_file() and (site / "assets" / "briefing-network.js").is_file()
    # 404.html links from the site root on purpose (it is served at any missing address).
    assert [link for link in check_site(site) if link.page != "404.html"] == []


def test_without_the_zensical_option_raw_html_links_break_under_zensical(tmp_path: Path) -> None:
    """Why `--for zensical`: Zensical reads raw-HTML links from the source file, MkDocs leaves them alone."""
    project = _zensical_project(tmp_path)
    assert _build(project).returncode == 0  # Zensical checks .md links only: it does not see these
    broken = [link for link in check_site(project / "site") if link.page == "actors/xi-jinping/index.html"]
    assert len(broken) >= 10 and any(link.target.startswith("../../../timeline/") for link in broken), broken


def test_the_readme_says_how_to_build_on_each_engine() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Choosing an engine", 1)[1].split("\n## ", 1)[0]
    for command in ("make site ENGINE=properdocs", "make site ENGINE=zensical", "briefing build --engine zensical", "properdocs.yml"):
        assert command in section, command
    for lock in ("requirements/properdocs-lock.txt", "requirements/zensical-lock.txt"):
        assert lock in section and (REPO / lock).is_file(), lock
