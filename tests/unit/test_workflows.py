"""The workflows' safety promises, read from the YAML: pinned actions, no kept token, main-only deploys,
a restore-only cache in pull requests, renames seen by the editor-only filter, and no workflow command
from editors' text. The filter's script is run against a real git repository."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.gitrepo import git
from tests.support.site import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PIN = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+(?:/[\w.-]+)?)@(?P<sha>[0-9a-f]{40})$")
TAG_COMMENT = re.compile(r"uses: (?P<uses>\S+) # (?P<tag>v\d+(?:\.\d+){0,2})\b")


def workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(name: str) -> list[tuple[str, dict[str, Any]]]:
    return [(job_name, step) for job_name, job in workflow(name)["jobs"].items() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_every_action_is_pinned_by_commit_with_its_tag_in_a_comment(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = [step["uses"] for _, step in steps(name) if "uses" in step]
    assert uses
    assert [u for u in uses if not PIN.match(u)] == []
    commented = {m.group("uses"): m.group("tag") for m in TAG_COMMENT.finditer(text)}
    assert set(uses) <= set(commented), "each pinned action says its tag: uses: owner/action@<sha> # vX.Y.Z"
    assert all(u.startswith("actions/") for u in uses)  # GitHub's own actions only


def test_one_commit_per_action_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for name in ("check.yml", "deploy.yml"):
        for _, step in steps(name):
            if "uses" in step:
                action, sha = step["uses"].split("@")
                pins.setdefault(action.split("/")[0] + "/" + action.split("/")[1], set()).add(sha)
    assert {action: len(shas) for action, shas in pins.items() if len(shas) > 1} == {}


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_checkout_never_keeps_the_token(name: str) -> None:
    checkouts = [step for _, step in steps(name) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)
    runs = " ".join(step.get("run", "") for _, step in steps(name))
    assert "git fetch" not in runs  # nothing needs the token once the checkout is done


def test_deploy_runs_from_main_only() -> None:
    deploy = workflow("deploy.yml")
    assert deploy[True]["push"] == {"branches": ["main"]}  # YAML reads the key `on` as true
    for name, job in deploy["jobs"].items():
        condition = job["if"]
        assert condition == "github.ref == 'refs/heads/main'" or condition.startswith("github.ref == 'refs/heads/main' && "), name


def test_pages_artifact_leaves_hidden_files_and_links_out() -> None:
    build = [step for job, step in steps("deploy.yml") if job == "build"]
    at = next(i for i, step in enumerate(build) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert re.search(r"upload-pages-artifact@[0-9a-f]{40} # v4\.", (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    assert build[at - 1]["name"] == "The site holds no symbolic link" and "find _site -type l" in build[at - 1]["run"]


def test_pull_requests_restore_the_build_cache_but_never_save_it() -> None:
    check_uses = [step["uses"] for _, step in steps("check.yml") if "uses" in step]
    assert [u for u in check_uses if u.startswith("actions/cache")] == [
        next(u for u in check_uses if u.startswith("actions/cache/restore@"))
    ]
    deploy_uses = [step["uses"] for _, step in steps("deploy.yml") if "uses" in step]
    assert any(re.match(r"actions/cache@[0-9a-f]{40}$", u) for u in deploy_uses)  # only main's deploy saves


def test_editors_text_in_the_log_runs_between_stop_commands() -> None:
    for _, step in steps("check.yml"):
        run = step.get("run", "")
        for command in ('briefing diff "$BASE_SHA"\n', "mkdocs build"):
            if command in run + "\n":
                lines = run.splitlines()
                at = next(
                    i for i, line in enumerate(lines) if line.strip().startswith(command.strip()) and "GITHUB_STEP_SUMMARY" not in line
                )
                assert lines[at - 1].strip() == 'echo "::stop-commands::$stop"', run
                assert lines[at + 1].strip() == 'echo "::$stop::"', run
                assert "secrets.token_hex" in run


# -------------------------------------------------------------------- the editor-only filter, run for real


def run_filter(repo: Path, base: str, tmp_path: Path) -> str:
    script = next(step["run"] for _, step in steps("check.yml") if step.get("id") == "paths")
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    env = dict(os.environ, BASE_SHA=base, GITHUB_OUTPUT=str(output))
    subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, check=True, capture_output=True)
    return output.read_text(encoding="utf-8").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for path, text in {"articles/a.md": "a\n", "data/actors.yml": "{}\n", "generator/code.py": "x = 1\n"}.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_filter_an_editors_change_is_editor_only(repo: Path, tmp_path: Path) -> None:
    base = head(repo)
    (repo / "articles/b.md").write_text("b\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "article")
    assert run_filter(repo, base, tmp_path) == "code=false"


def test_filter_code_moved_into_articles_counts_as_code(repo: Path, tmp_path: Path) -> None:
    base = head(repo)
    git(repo, "mv", "generator/code.py", "articles/code.py")
    git(repo, "commit", "-q", "-m", "move")
    assert "generator/code.py" not in git(repo, "diff", "--name-only", base, "HEAD")  # what the filter used to see
    assert run_filter(repo, base, tmp_path) == "code=true"


def test_filter_a_code_change_is_code(repo: Path, tmp_path: Path) -> None:
    base = head(repo)
    (repo / "generator/code.py").write_text("x = 2\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "code")
    assert run_filter(repo, base, tmp_path) == "code=true"
