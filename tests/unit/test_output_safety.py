"""Editors' text that could break out of where it is published: edit links, data exports, names and ids."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from briefing.build.edit_links import edit_url
from briefing.index.corpus_index import build_index
from briefing.load.corpus import load_corpus
from briefing.load.registry import load_registry
from briefing.model.problems import ProblemLog
from briefing.model.settings import Settings
from briefing.render.data_export import render_csv, render_json, spreadsheet_text
from tests.support.factories import write_article_md

ACTORS = (
    "xi-jinping:\n  name: Xi Jinping\n  kind: person\n  description: President of China.\n"
    "china:\n  name: China\n  kind: state\n  description: A state.\n"
)


def registry_problems(tmp_path: Path, collection: str, text: str) -> list[str]:
    path = tmp_path / f"{collection}.yml"
    path.write_text(text, encoding="utf-8")
    log = ProblemLog(tmp_path)
    load_registry(collection, path, log)  # type: ignore[arg-type]
    return [p.format() for p in log.sorted()]


# -------------------------------------------------------------------- "Edit this page"


def test_edit_url_quotes_the_file_path() -> None:
    url = edit_url("https://github.com/o/r", "edit/main/docs/", "docs", None, 'articles/2024/x"><img src=x onerror=alert(1)> é.md')
    assert url == "https://github.com/o/r/edit/main/articles/2024/x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20%C3%A9.md"


def test_edit_url_of_an_ordinary_file_is_unchanged() -> None:
    url = edit_url("https://github.com/o/r/", "edit/main/docs/", "docs", None, "articles/2024/2024-05-15-xi-putin.md")
    assert url == "https://github.com/o/r/edit/main/articles/2024/2024-05-15-xi-putin.md"


# -------------------------------------------------------------------- CSV export


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("Xi meets Putin", "Xi meets Putin"),
        ("", ""),
    ],
)
def test_spreadsheet_cells_that_would_run_are_text(cell: str, written: str) -> None:
    assert spreadsheet_text(cell) == written


def test_csv_export_neutralises_formulas_and_quotes_every_cell(make_project) -> None:
    text = write_article_md(title="=1+1;=cmd|' /C calc'!A0", extra="source: {name: '@Wire'}")
    root = make_project({"2024-05-15-a.md": text})
    corpus = load_corpus(Settings(root=root))
    assert corpus.ok, corpus.log.problems
    index = build_index(corpus)
    out = render_csv(index, directory_urls=True)

    [header, row] = list(csv.reader(io.StringIO(out)))
    assert header[0] == "url"
    assert row[1] == "'=1+1;=cmd|' /C calc'!A0" and row[6] == "'@Wire"
    assert all(line.startswith('"') for line in out.splitlines())  # a `;` never starts a cell where `;` separates them
    assert '"url":"articles/2024/05/a/"' in render_json(index, directory_urls=True)


# -------------------------------------------------------------------- one-line fields, length limits, ids


def test_titles_and_names_refuse_line_breaks(make_project) -> None:
    root = make_project({"2024-05-15-a.md": write_article_md(title="a\u2028::error::injected")})
    problems = [p.format() for p in load_corpus(Settings(root=root)).log.errors]
    assert problems == ["articles/2024-05-15-a.md:2:8: title: holds a line break; write it on one line"]


def test_source_name_refuses_a_line_break(make_project) -> None:
    text = write_article_md(title="t", extra='source: {name: "Wire\\n::add-mask::x"}')
    root = make_project({"2024-05-15-a.md": text})
    problems = [p.format() for p in load_corpus(Settings(root=root)).log.errors]
    assert problems == ["articles/2024-05-15-a.md:9:16: source.name: holds a line break; write it on one line"]


def test_a_twenty_thousand_character_name_is_refused(tmp_path: Path) -> None:
    problems = registry_problems(tmp_path, "actors", ACTORS + f"li:\n  name: {'L' * 20_000}\n  kind: person\n  description: d.\n")
    assert problems == [f"{'actors.yml'}:10:9: li.name: is too long (20,000 characters; at most 200)"]


def test_descriptions_may_span_lines_within_their_limit(tmp_path: Path) -> None:
    long = "word " * 500
    problems = registry_problems(
        tmp_path, "actors", ACTORS + f"li:\n  name: Li\n  kind: person\n  description: |\n    First line.\n    {long}\n"
    )
    assert problems == ["actors.yml:12:16: li.description: is too long (2,513 characters; at most 2,000)"]


def test_id_with_a_trailing_newline_is_not_an_id(tmp_path: Path) -> None:
    problems = registry_problems(tmp_path, "actors", ACTORS + '"li-qiang\\n":\n  name: Li Qiang\n  kind: person\n  description: d.\n')
    assert problems == ["actors.yml:9:1: li-qiang\\n: ids use lowercase letters, digits and single hyphens (e.g. 'xi-jinping')"]


def test_slug_with_a_trailing_newline_is_refused(make_project) -> None:
    text = write_article_md(title="t", extra='slug: "a-b\\n"')
    root = make_project({"2024-05-15-a.md": text})
    problems = [p.format() for p in load_corpus(Settings(root=root)).log.errors]
    assert problems == [
        "articles/2024-05-15-a.md:9:7: slug: 'a-b\\n' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'east-asia')"
    ]


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u202a"])
def test_bidi_controls_in_names_are_warnings(tmp_path: Path, control: str) -> None:
    problems = registry_problems(tmp_path, "actors", ACTORS + f'li:\n  name: "Li {control}gnaiQ"\n  kind: person\n  description: d.\n')
    code = f"U+{ord(control):04X}"
    assert problems == [
        f"actors.yml:10:9: warning: li.name: contains the bidirectional control character {code}, which makes the text "
        "display in another order than it is written; delete it"
    ]


def test_bidi_marks_in_right_to_left_names_pass(tmp_path: Path) -> None:
    assert registry_problems(tmp_path, "actors", ACTORS + 'abbas:\n  name: "محمود عباس\u200f"\n  kind: person\n  description: d.\n') == []


def test_bidi_controls_in_front_matter_are_warnings(make_project) -> None:
    root = make_project({"2024-05-15-a.md": write_article_md(title="Xi \u202eniP")})
    warnings = [p.format() for p in load_corpus(Settings(root=root)).log.warnings if p.field == "title"]
    assert warnings == [
        "articles/2024-05-15-a.md:2:8: warning: title: contains the bidirectional control character U+202E, which makes the text "
        "display in another order than it is written; delete it"
    ]
