"""The repository's own promises: workflows lint clean, schemas match the models, docs match the CLI."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli.commands import cli
from briefing.model.schema import all_schemas, render_schema
from briefing.model.settings import SiteOptions
from tests.support.lint import expand, lint_commands, read_recipe, run_lint_command
from tests.support.project import copy_demo_project, replace_in
from tests.support.site import REPO


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint") or str(Path(__file__).parents[2] / ".venv/bin/actionlint")
    workflows = sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = subprocess.run([actionlint, *workflows], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_use_pinned_official_actions_and_least_privilege() -> None:
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    check = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    uses = re.findall(r"uses: (\S+)", (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert all(re.search(r"@[0-9a-f]{40}$", u) for u in uses)  # pinned by commit: tests/unit/test_workflows.py
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert check["permissions"] == {"contents": "read"}
    steps = " ".join(step.get("run", "") for step in check["jobs"]["check"]["steps"])
    assert "briefing check --format github" in steps and "pytest" in steps and "mkdocs build --strict" in steps


def test_shipped_schemas_match_the_models() -> None:
    for name, schema in all_schemas().items():
        shipped = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert shipped == render_schema(schema), f"schemas/{name} is stale: run `briefing schema`"


def test_registries_point_editors_at_the_schemas() -> None:
    for collection in ("actors", "topics", "regions"):
        first = (REPO / f"data/{collection}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{collection}.schema.json"
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert set(settings["yaml.schemas"].values()) == {"data/actors.yml", "data/topics.yml", "data/regions.yml"}


def test_readme_quickstart_matches_makefile_and_ci() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quickstart.strip().splitlines()]
    assert commands == ["make site", "make test"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^site:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_readme_lists_every_plugin_option_with_its_default() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Plugin options", 1)[1].split("| option | default | what it does |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split(" | ") for line in table.strip().splitlines()[1:]]
    documented = {name.strip("| `"): default.strip("`") for name, default, _ in rows}

    def shown(value: object) -> str:
        return "unset" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    assert documented == {name: shown(f.default) for name, f in SiteOptions.model_fields.items()}


def test_every_cli_command_is_documented() -> None:
    docs = (REPO / "README.md").read_text(encoding="utf-8") + (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"briefing {name}" in docs, name


def test_github_format_annotates_the_misspelt_actor_with_the_fix(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    replace_in(project / "articles/2024/2024-05-15-xi-putin-beijing.md", "actors: [Xi Jinping,", "actors: [Xi Jingping,")
    result = CliRunner(mix_stderr=False).invoke(cli, ["check", "--format", "github", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=articles/2024/2024-05-15-xi-putin-beijing.md,line=5,col=10,title=actors::"
        "unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)"
    ]


LINT_COMMANDS = lint_commands()


def lint_name(command: list[str]) -> str:
    """`ruff-check`, `ruff-format`, `mypy`: the tool and its subcommand."""
    return "-".join([Path(command[0]).name, *(word for word in command[1:2] if word.isalpha())])


@pytest.mark.parametrize("command", LINT_COMMANDS, ids=lint_name)
def test_lint_is_clean(command: list[str]) -> None:
    """`make lint`: ruff check and ruff format --check over generator/tests/bench, mypy --strict over the core."""
    result = run_lint_command(command)
    assert result.returncode == 0, f"{shlex.join(command)}\n{result.stdout}{result.stderr}"


def test_lint_fails_on_real_errors(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        '"""One unused import, one badly formatted line, one wrong return type."""\n\nimport os\n\n\ndef double(x: int) -> str:\n    return x*2\n',
        encoding="utf-8",
    )
    commands = lint_commands(LINT_PATHS=str(probe), MYPY_PATHS=str(probe))
    # A fresh mypy cache: the shared one would replay an identical probe's errors under its old path.
    outputs = {lint_name(command): run_lint_command(command, MYPY_CACHE_DIR=str(tmp_path / "mypy-cache")) for command in commands}
    assert sorted(outputs) == ["mypy", "ruff-check", "ruff-format"]
    assert all(result.returncode == 1 for result in outputs.values()), outputs
    assert f"{probe}:3:8" in outputs["ruff-check"].stdout and "F401" in outputs["ruff-check"].stdout
    assert str(probe) in outputs["ruff-format"].stdout + outputs["ruff-format"].stderr
    assert f"{probe}:7: error: Incompatible return value type" in outputs["mypy"].stdout


def test_make_test_fast_leaves_out_browser_and_integration_tests() -> None:
    variables, [command] = read_recipe("test-fast")
    variables["BIN"] = str(Path(sys.executable).parent)
    fast = shlex.split(expand(command, variables))
    assert fast[1:4] == ["-m", "pytest", "-m"]
    result = subprocess.run([*fast, "--collect-only", "-q", "-p", "no:cacheprovider"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    collected = [line for line in result.stdout.splitlines() if "::" in line]
    assert any(test.startswith("tests/unit/") for test in collected)
    assert any(test.startswith("tests/catalogue/test_catalogue.py::test_bad_input") for test in collected)
    slow = (
        "tests/browser/",
        "tests/integration/",
        "tests/catalogue/test_injection.py",
        "tests/catalogue/test_catalogue.py::test_mkdocs_build",
    )
    assert [test for test in collected if test.startswith(slow)] == []
