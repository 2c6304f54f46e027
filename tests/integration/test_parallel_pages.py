"""MkDocs' page loop on every CPU writes exactly the site the serial loop writes, on MkDocs 1.6.1 and
on ProperDocs 1.6.7 (its maintained fork: the same loop), and so does a warm build."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.site import page_loop
from briefing.site.page_loop import check_mkdocs_internals
from tests.support.site import ENGINES, REPO, mkdocs_build
from tests.support.trees import differing_files

ARTICLES = 1000  # the parallel loop starts at 1,000 pages; generated pages take the corpus past it


def test_mkdocs_build_internals_are_the_ones_the_parallel_loop_drives() -> None:
    """Fails loudly when an MkDocs upgrade changes `_populate_page`, `_build_page` or how `build` calls them."""
    check_mkdocs_internals()


def test_properdocs_build_internals_are_the_ones_the_parallel_loop_drives() -> None:
    """The same check under ProperDocs, which answers `import mkdocs` with itself (in a fresh interpreter)."""
    code = "import properdocs.replacement, mkdocs; from briefing.site.page_loop import check_mkdocs_internals as c, engine; c(); print(engine())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.split() == ["properdocs"], result.stdout + result.stderr


def test_an_engine_not_checked_builds_serially_after_an_info_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Not a warning: `--strict` would count it and stop a build that the serial loop makes correctly."""
    monkeypatch.setattr(page_loop, "VERIFIED", {"mkdocs": "0.0", "properdocs": "0.0"})
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.briefing"):
        assert page_loop.page_loop_available() is False
    (record,) = caplog.records
    assert record.levelno == logging.INFO and "knows only mkdocs 0.0 or properdocs 0.0" in record.getMessage()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "bench"
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(ARTICLES), str(root)], check=True, capture_output=True)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - briefing:\n" in text
    # Search indexing is not part of the page loop (and Pagefind orders its filter files freely).
    config.write_text(text.replace("  - briefing:\n", "  - briefing:\n      pagefind: false\n", 1), encoding="utf-8")
    return root


@pytest.mark.parametrize("engine", ENGINES)
def test_parallel_pages_equal_serial_pages_byte_for_byte(corpus: Path, tmp_path: Path, engine: str) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    one = mkdocs_build(corpus, serial, offline=False, strict=False, quiet=False, jobs=1, engine=engine)
    two = mkdocs_build(corpus, parallel, offline=False, strict=False, quiet=False, jobs=2, engine=engine)
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert "on 2 processes" in two.stderr and "processes" not in one.stderr
    assert len(list(serial.rglob("*.html"))) > ARTICLES
    assert differing_files(serial, parallel) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_warnings_in_workers_are_counted_by_strict_mode(corpus: Path, tmp_path: Path, engine: str) -> None:
    """Workers' log lines reach MkDocs' warning counter: `--strict` counts as many warnings as in a serial build."""
    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    article = sorted((project / "articles").rglob("*.md"))[500]
    article.write_text(article.read_text(encoding="utf-8") + "\n[a broken link](no-such-page.md)\n", encoding="utf-8")
    one = mkdocs_build(project, tmp_path / "serial", offline=False, quiet=False, jobs=1, engine=engine)
    two = mkdocs_build(project, tmp_path / "parallel", offline=False, quiet=False, jobs=2, engine=engine)
    assert one.returncode == two.returncode == 1, one.stderr[-2000:] + two.stderr[-2000:]
    aborted = [next(line for line in (r.stdout + r.stderr).splitlines() if "in strict mode" in line) for r in (one, two)]
    assert one.returncode == two.returncode == 1
    assert aborted[0] == aborted[1], aborted
    for result in (one, two):
        assert sum("no-such-page.md" in line for line in result.stderr.splitlines()) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_a_warm_parallel_build_equals_a_clean_one(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    """With the build cache on two processes (article workers, page workers, the page loop's
    snapshot read before they fork): after an edit, a warm build writes the clean build's site."""
    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    monkeypatch.setenv("BRIEFING_CACHE", "on")
    fill = mkdocs_build(project, tmp_path / "fill", offline=False, strict=False, quiet=False, jobs=2, engine=engine)
    edited = sorted((project / "articles").rglob("*.md"))[500]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    warm = mkdocs_build(project, tmp_path / "warm", offline=False, strict=False, quiet=False, jobs=2, engine=engine)
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    clean = mkdocs_build(project, tmp_path / "clean", offline=False, strict=False, quiet=False, jobs=2, engine=engine)
    assert fill.returncode == warm.returncode == clean.returncode == 0, fill.stderr + warm.stderr + clean.stderr
    summary = next(line for line in warm.stderr.splitlines() if "MkDocs pages" in line)
    assert ", 1 articles parsed," in summary and "on 2 processes" in summary, summary
    rendered, reused = (int(part.split()[0]) for part in summary.split("; ")[0].split(", ")[3:5])  # "12 pages rendered", "2600 reused"
    assert 0 < rendered < 100 and reused > ARTICLES, summary
    assert differing_files(tmp_path / "warm", tmp_path / "clean") == []
