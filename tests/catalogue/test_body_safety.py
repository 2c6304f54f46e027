"""An article body is sanitised: raw HTML and links in it cannot run script in a reader's browser.

One article (cases/bodies/hostile-body.md) carries scripts, event handlers, `javascript:` and `data:`
URLs (raw, in Markdown links, references and images, entity-encoded), an iframe, SVG, a style and a
tag posing as an autolink, beside what editors legitimately write (emphasis, a link with a title,
sub- and superscripts, an abbreviation, an autolink with a query, a table with bold text).

- `briefing check` passes with one warning per removal, at its line and column;
- `briefing export` writes Markdown that, rendered, holds no payload;
- the built site (HTML parsed as a browser reads it) holds no payload, and the legitimate part renders
  exactly as it does with `allow_raw_html: true` (the body as written, as before sanitising);
- `mkdocs build --strict` refuses the article (the warnings are MkDocs warnings);
- `allow_raw_html: true` publishes the body as written, without a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from tests.support.catalogue import assert_clean_exit, browser_soup, run_cli, tree_hash
from tests.support.clock import DEMO_SCHEDULED_CHECK_LINE
from tests.support.hostile_body import ARTICLE, MARK, URL, make_body_project
from tests.support.site import mkdocs_build, page_file

SCHEMES = "links must be web (http, https), mailto, tel or ftp addresses"
WARNINGS = [
    f"{ARTICLE}:14:1: warning: body: removed <script> and its content: articles cannot run scripts or styles",
    f"{ARTICLE}:15:1: warning: body: removed the event handler 'onerror' of <img>: articles cannot run scripts",
    f"{ARTICLE}:16:1: warning: body: removed the tag <svg onload=\"window.pwned = 'svg'\">: only formatting HTML is published in articles",
    f"{ARTICLE}:16:36: warning: body: removed the tag <circle r=1 />: only formatting HTML is published in articles",
    f"{ARTICLE}:17:1: warning: body: removed the href 'javascript:window.pwned = 'href'' of <a>: {SCHEMES}",
    f"{ARTICLE}:17:63: warning: body: removed the href 'jav&#x09;ascript:window.pwned = 'tab'' of <a>: {SCHEMES}",
    f"{ARTICLE}:18:18: warning: body: disabled the link to 'javascript:window.pwned='inline'': {SCHEMES}",
    f"{ARTICLE}:18:68: warning: body: disabled the link to 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=': {SCHEMES}",
    f"{ARTICLE}:19:46: warning: body: disabled the link to '&#106;avascript:window.pwned='entity'': {SCHEMES}",
    f'{ARTICLE}:20:1: warning: body: removed the tag <iframe src="https://example.org">: only formatting HTML is published in articles',
    f"{ARTICLE}:20:44: warning: body: removed the event handler 'ontoggle' of <details>: articles cannot run scripts",
    f"{ARTICLE}:21:1: warning: body: removed the attribute 'style' of <p>: it is not published in articles",
    f"{ARTICLE}:21:46: warning: body: removed the tag <javascript:window.pwned='autolink'>: only formatting HTML is published in articles",
    f"{ARTICLE}:24:8: warning: body: disabled the link to 'javascript:window.pwned='reference'': {SCHEMES}",
    DEMO_SCHEDULED_CHECK_LINE,
    "0 errors, 14 warnings",
]


def payloads_in(document: BeautifulSoup | Tag) -> list[str]:
    """Every element or attribute of `document` that could run script or restyle the page."""
    found = []
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            lowered = "".join(value.split()).lower()
            if name.startswith("on") or name == "style":
                found.append(f"<{element.name} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and lowered.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{element.name} {name}={value!r}>")
    found += [str(e)[:80] for e in document.find_all(["script", "iframe", "object", "embed", "style"]) if MARK in str(e)]
    found += [
        str(e)[:80] for e in document.find_all(["svg", "circle"]) if ("viewbox" not in e.attrs and e.name != "circle") or MARK in str(e)
    ]
    found += [str(e)[:80] for e in document.find_all(lambda e: ":" in e.name)]  # <javascript:...> as an element
    return found


def test_check_warns_at_every_removal_and_passes(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    before = tree_hash(project)

    checked = run_cli("check", "-f", project / "mkdocs.yml")

    assert_clean_exit(checked, 0)
    assert checked.output.splitlines() == WARNINGS
    strict = run_cli("check", "--strict", "-f", project / "mkdocs.yml")
    assert_clean_exit(strict, 1)
    assert tree_hash(project) == before


def test_export_is_markdown_without_a_payload(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    out = tmp_path / "out"
    assert_clean_exit(run_cli("export", "-f", project / "mkdocs.yml", "--out", out), 0)
    text = (out / f"{URL}.md").read_text(encoding="utf-8")

    body = text.split("\n# Xi Jinping Meets Putin Again\n", 1)[1]
    rendered = BeautifulSoup(markdown.markdown(body, extensions=["tables"]), "html.parser")
    assert payloads_in(rendered) == []
    assert "<script" not in text and "onerror" not in text and "<iframe" not in text
    assert rendered.find("a", href="https://example.org/story", title="Wire").get_text() == "link"
    assert [td.get_text() for td in rendered.select("table td")] == ["China", "3.4"]


def test_raw_html_allowed_by_the_site_is_published_as_written(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project", allow_raw_html=True)
    checked = run_cli("check", "-f", project / "mkdocs.yml")
    assert_clean_exit(checked, 0)
    assert checked.output.splitlines() == [DEMO_SCHEDULED_CHECK_LINE, "10 articles OK"]
    out = tmp_path / "out"
    assert_clean_exit(run_cli("export", "-f", project / "mkdocs.yml", "--out", out), 0)
    assert '<script>window.pwned = "script"; alert("script")</script>' in (out / f"{URL}.md").read_text(encoding="utf-8")


# -------------------------------------------------------------------- the built site


@dataclass
class Built:
    root: Path
    page: BeautifulSoup


def _build(base: Path, allow_raw_html: bool) -> Built:
    project = make_body_project(base / "project", allow_raw_html)
    site = base / "site"
    result = mkdocs_build(project, site, offline=False, strict=False)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    return Built(site, browser_soup(page_file(site, URL).read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sanitised(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("sanitised"), allow_raw_html=False)


@pytest.fixture(scope="module")
def as_written(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("as-written"), allow_raw_html=True)


def _content(built: Built) -> Tag:
    content = built.page.select_one("article.md-content__inner")
    assert content is not None
    return content


@pytest.mark.integration  # builds sites with MkDocs
def test_built_article_holds_no_payload(sanitised: Built, as_written: Built) -> None:
    assert payloads_in(sanitised.page) == []
    assert len(payloads_in(as_written.page)) >= 8  # the scan finds them where they are published
    assert MARK not in (sanitised.root / "feeds/all.xml").read_text(encoding="utf-8")
    assert MARK not in (sanitised.root / "briefing.json").read_text(encoding="utf-8")


@pytest.mark.integration  # builds sites with MkDocs
def test_what_editors_legitimately_write_renders_as_before(sanitised: Built, as_written: Built) -> None:
    def legitimate(built: Built) -> list[str]:
        content = _content(built)
        paragraph = next(p for p in content.find_all("p") if p.get_text().startswith("What editors write"))
        return [str(paragraph), str(content.find("table"))]

    assert legitimate(sanitised) == legitimate(as_written)
    first, table = legitimate(sanitised)
    assert '<a href="https://example.org/story" title="Wire">link</a>' in first
    assert '<a href="https://example.org/a?b=c">https://example.org/a?b=c</a>' in first
    assert "H<sub>2</sub>O, 10<sup>3</sup>" in first and '<abbr title="Shanghai Cooperation Organisation">SCO</abbr>' in first
    assert "<td><b>3.4</b></td>" in table
    details = _content(sanitised).find("details")
    assert details is not None and details.get_text() == "MoreKept text." and details.attrs == {"open": ""}


@pytest.mark.integration  # runs `mkdocs build --strict`
def test_strict_build_refuses_a_body_it_had_to_clean(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site", strict=True, quiet=False)  # `-q` hides warnings from --strict too
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings[:2] == [f"WARNING -  {line}" for line in WARNINGS[:2]]
