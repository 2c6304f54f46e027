"""Hypothesis strategies and the contract every loaded input must keep, for tests/fuzz.

The contract (README, "Bad input"): nothing escapes `load_corpus` or `briefing check` but
problems, each on one line naming its file (and, for an error about a file's content, a line).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from briefing.model.problems import Problem, Severity
from tests.support.site import REPO

# Short and seeded in the suite; `make fuzz` (BRIEFING_FUZZ_EXAMPLES=5000) runs long.
EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "60"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=EXAMPLES <= 200,  # the suite's run is the same every time; long runs explore
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)

FIELDS = ["title", "date", "region", "actors", "topics", "summary", "source", "slug", "draft", "name", "url", "titel"]
NAMES = ["Xi Jinping", "Vladimir Putin", "East Asia", "Sanctions", "xi-jinping", "Xi Jingping", "NATO", ""]

# Characters YAML gives meaning to, plus letters, digits, non-Latin text and a few controls.
_YAMLISH = st.sampled_from(
    list(":-[]{},#&*!|>'\"%@`?\n\n\n  \t\\") + list("abcxyzXP0129") + ["é", "习", "\u2028", "\x00", "\x0b", "\ufeff"]
)
yamlish_text = st.text(_YAMLISH, max_size=300)

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(NAMES),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
structured_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5)),
    max_leaves=25,
)
front_matter_mappings = st.dictionaries(st.sampled_from(FIELDS), structured_values, max_size=8)
registry_mappings = st.dictionaries(
    st.sampled_from(["xi-jinping", "putin", "Bad Id", "index", "a", "new-one"]) | st.text(max_size=10),
    st.dictionaries(st.sampled_from(["name", "kind", "aliases", "description", "region", "parent", "role"]), structured_values, max_size=6)
    | structured_values,
    max_size=6,
)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def small_project(root: Path) -> Path:
    """The demo registries and no articles: a fuzzed file is the only input that varies."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles/2024").mkdir(parents=True)
    shutil.copytree(REPO / "data", root / "data")
    (root / "mkdocs.yml").write_text("site_name: Fuzz\nplugins:\n  - briefing\n", encoding="utf-8")
    return root


def assert_problems_keep_the_contract(problems: list[Problem], fuzzed: str) -> None:
    """One line each, with a file; errors about the fuzzed file's content also have a line."""
    for problem in problems:
        line = problem.format()
        assert "\n" not in line and "\r" not in line and "\u2028" not in line, line
        assert problem.path, line
        about_content = problem.path == fuzzed and not problem.message.startswith(("file is", "same URL"))
        if problem.severity is Severity.ERROR and about_content:
            assert problem.line > 0, line
