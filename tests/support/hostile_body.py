"""A demo project with one article whose body carries raw HTML and link payloads beside what editors
legitimately write (tests/catalogue/cases/bodies/hostile-body.md).

The body-safety catalogue tests and the browser test build it: no payload may run, every legitimate
construct must render as before.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.project import copy_demo_project, replace_in

CASE = Path(__file__).parents[1] / "catalogue" / "cases" / "bodies" / "hostile-body.md"
ARTICLE = "articles/2024/2024-08-01-hostile-body.md"
URL = "articles/2024/08/hostile-body"
MARK = "pwned"  # every payload sets window.pwned: a script that ran leaves it defined


def make_body_project(destination: Path, allow_raw_html: bool = False) -> Path:
    project = copy_demo_project(destination)
    (project / ARTICLE).write_bytes(CASE.read_bytes())
    if allow_raw_html:
        replace_in(
            project / "mkdocs.yml",
            "      home_title: Latest briefings\n",
            "      home_title: Latest briefings\n      allow_raw_html: true\n",
        )
    return project
