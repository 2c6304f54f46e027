"""Property-based fuzzing of what editors write: front matter (random YAML-ish text and random
structured values) and registries. Nothing may escape `load_corpus` or `briefing check` but
one-line problems with a file and a line; `briefing check` exits 0 or 1, nothing else.

Seeded and short in the suite (see tests/support/fuzzing.py); `make fuzz` runs 5,000 examples each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from briefing.cli.commands import cli
from briefing.load.corpus import load_corpus
from briefing.model.settings import Settings
from tests.support.fuzzing import (
    FUZZ_SETTINGS,
    assert_problems_keep_the_contract,
    dump,
    front_matter_mappings,
    registry_mappings,
    small_project,
    structured_values,
    yamlish_text,
)

ARTICLE = "articles/2024/2024-05-15-fuzzed.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_project(tmp_path_factory.mktemp("fuzz") / "project")


def load_with(project: Path, relative: str, content: bytes) -> None:
    target = project / relative
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(content)
    try:
        corpus = load_corpus(Settings(root=project))
        assert_problems_keep_the_contract(corpus.log.problems, relative)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)


@FUZZ_SETTINGS
@given(text=yamlish_text)
def test_yamlish_front_matter_never_escapes_load_corpus(project: Path, text: str) -> None:
    load_with(project, ARTICLE, f"---\n{text}\n---\nBody.\n".encode("utf-8", "surrogatepass"))


@FUZZ_SETTINGS
@given(data=front_matter_mappings)
def test_structured_front_matter_never_escapes_load_corpus(project: Path, data: dict) -> None:
    load_with(project, ARTICLE, f"---\n{dump(data)}---\nBody.\n".encode())


@FUZZ_SETTINGS
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_as_an_article_never_escape_load_corpus(project: Path, raw: bytes) -> None:
    load_with(project, ARTICLE, b"---\n" + raw + b"\n---\n")


@FUZZ_SETTINGS
@given(
    collection=st.sampled_from(["actors", "topics", "regions"]),
    data=registry_mappings | structured_values,
    text=yamlish_text,
    as_text=st.booleans(),
)
def test_registries_never_escape_load_corpus(project: Path, collection: str, data: object, text: str, as_text: bool) -> None:
    content = text if as_text else dump(data)
    load_with(project, f"data/{collection}.yml", content.encode("utf-8", "surrogatepass"))


@FUZZ_SETTINGS
@given(data=front_matter_mappings, text=yamlish_text, as_text=st.booleans())
def test_briefing_check_exits_0_or_1_with_one_line_problems(project: Path, data: dict, text: str, as_text: bool) -> None:
    article = project / ARTICLE
    article.write_bytes(f"---\n{text if as_text else dump(data)}\n---\nBody.\n".encode("utf-8", "surrogatepass"))
    try:
        result = CliRunner().invoke(cli, ["check", "-f", str(project / "mkdocs.yml")])
    finally:
        article.unlink()
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines, "check printed nothing"
    for line in lines[:-1]:
        assert line.startswith(("articles/", "data/")), line
