"""A bad edit stops `mkdocs build` with one precise line per problem, and the last good site survives."""

from __future__ import annotations

from pathlib import Path

from tests.support.project import copy_demo_project, replace_in
from tests.support.site import mkdocs_build

ARTICLE = "articles/2024/2024-05-15-xi-putin-beijing.md"


def test_unknown_actor_and_bad_date_stop_the_build(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    good_home = (site / "index.html").read_text(encoding="utf-8")
    good_tree = sorted(path.relative_to(site).as_posix() for path in site.rglob("*"))

    replace_in(project / ARTICLE, "actors: [Xi Jinping,", "actors: [Xi Jingping,")
    replace_in(project / "articles/2024/2024-03-18-putin-fifth-term.md", "date: 2024-03-18", "date: 2024-03-32")
    result = mkdocs_build(project, site)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{ARTICLE}:5:10: actors: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)" in result.stderr
    assert (
        "articles/2024/2024-03-18-putin-fifth-term.md:3:7: date: invalid date '2024-03-32'; write a real date as YYYY-MM-DD"
        in result.stderr
    )
    assert "Briefing found 2 errors, 0 warnings" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == good_home
    # nothing added or removed: the folders made ahead for the new site (`site_folders`) are gone too
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*")) == good_tree


def test_missing_title_is_reported_with_its_file(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "project")
    path = project / ARTICLE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("title:")), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"{ARTICLE}:2:1: title: required field is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_hand_written_page_cannot_shadow_a_generated_one(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "project")
    (project / "docs" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/timeline.md conflicts with a page Briefing generates" in result.stderr
    assert (project / "docs" / "timeline.md").read_text(encoding="utf-8") == "# Mine\n"
