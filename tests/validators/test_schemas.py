"""The JSON Schemas in schemas/ accept the demo's front matter and registries, in the validators editors use.

An unquoted `date: 2024-05-15` is a date to PyYAML and a string to JSON Schema tools: the schema
says "a string in the date format", check-jsonschema reads YAML dates as strings, and with
python-jsonschema the YAML is read the same way (tests/support/yaml_as_json.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from briefing.load.frontmatter import decode_article, split_front_matter
from tests.support.site import REPO
from tests.support.yaml_as_json import load_as_json

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ARTICLE_SCHEMA = REPO / "schemas" / "article.schema.json"


def _front_matters() -> dict[str, str]:
    articles = sorted((REPO / "articles").rglob("*.md"))
    assert len(articles) >= 9
    return {str(p.relative_to(REPO)): split_front_matter(decode_article(p.read_bytes())).yaml_text for p in articles}


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(ARTICLE_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True, timeout=120
    )


def test_the_schema_asks_for_a_date_written_as_text() -> None:
    date = json.loads(ARTICLE_SCHEMA.read_text(encoding="utf-8"))["properties"]["date"]
    assert date["type"] == "string"
    assert [branch["format"] for branch in date["anyOf"]] == ["date", "date-time"]  # a day, or a time with its zone


def test_python_jsonschema_accepts_every_demo_article() -> None:
    validator = _validator()
    for name, front_matter in _front_matters().items():
        data = load_as_json(front_matter)
        assert isinstance(data["date"], str)
        assert [e.message for e in validator.iter_errors(data)] == [], name


def test_pyyaml_dates_are_what_the_schema_cannot_accept() -> None:
    """Why the reader matters: PyYAML's own dates fail `type: string` in every validator."""
    name, front_matter = next(iter(_front_matters().items()))
    errors = [e.message for e in _validator().iter_errors(yaml.safe_load(front_matter))]
    assert len(errors) == 1 and errors[0].endswith("is not of type 'string'"), (name, errors)


def test_check_jsonschema_accepts_every_demo_article_and_registry(tmp_path: Path) -> None:
    files = []
    for name, front_matter in _front_matters().items():
        path = tmp_path / (name.replace("/", "__") + ".yaml")
        path.write_text(front_matter, encoding="utf-8")
        files.append(path)
    result = _check_jsonschema(ARTICLE_SCHEMA, files)
    assert result.returncode == 0, result.stdout + result.stderr
    for collection in ("actors", "topics", "regions", "authors"):
        result = _check_jsonschema(REPO / "schemas" / f"{collection}.schema.json", [REPO / "data" / f"{collection}.yml"])
        assert result.returncode == 0, result.stdout + result.stderr


def test_both_validators_reject_an_impossible_date(tmp_path: Path) -> None:
    front_matter = next(iter(_front_matters().values()))
    bad = "\n".join("date: 2024-02-30" if line.startswith("date:") else line for line in front_matter.splitlines()) + "\n"
    assert "date: 2024-02-30" in bad
    [error] = _validator().iter_errors(load_as_json(bad))
    assert error.message == "'2024-02-30' is not valid under any of the given schemas"
    assert "'2024-02-30' is not a 'date'" in [sub.message for sub in error.context]
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    result = _check_jsonschema(ARTICLE_SCHEMA, [tmp_path / "bad.yaml"])
    assert result.returncode == 1 and "'2024-02-30' is not valid under any of the given schemas" in result.stdout, result.stdout
