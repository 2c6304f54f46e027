"""The caches `mkdocs serve` keeps between rebuilds: less work, the same pages as a fresh run."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from briefing.index.related import RELATED
from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.options import RenderOptions
from briefing.runtime.progress import Progress
from briefing.runtime.reuse import Counted, MemoryReuse
from briefing.runtime.timing import Timings
from tests.support.factories import small_corpus, write_article_md

SETTINGS_TODAY = dict(now=__import__("datetime").datetime(2030, 1, 1, tzinfo=__import__("datetime").timezone.utc))


def fresh(root: Path) -> dict[str, str]:
    result = build_pages(Settings(root=root, **SETTINGS_TODAY), RenderOptions(), render_with_errors=True)
    return {page.uri: page.file_text for page in result.pages}


def cached(root: Path, memory: MemoryReuse | Counted):
    """A rebuild as `mkdocs serve` runs it: with the memory of the last one, which keeps what it used."""
    result = build_pages(Settings(root=root, **SETTINGS_TODAY), RenderOptions(), True, reuse=memory)
    (memory.reuse if isinstance(memory, Counted) else memory).prune()  # type: ignore[union-attr]
    return result


@pytest.fixture
def project(make_project) -> Path:
    return make_project(small_corpus())


def test_unchanged_rebuild_parses_and_renders_nothing(project: Path) -> None:
    memory = MemoryReuse()
    first = cached(project, memory)
    assert first.timings.counts["articles parsed"] == 4
    again = cached(project, memory)
    assert again.timings.counts["articles parsed"] == 0
    assert again.timings.counts["pages rendered"] == 0
    assert [(p.uri, p.file_text) for p in again.pages] == [(p.uri, p.file_text) for p in first.pages]


def test_an_article_edit_reparses_one_file_and_rerenders_only_pages_that_show_it(project: Path) -> None:
    memory = MemoryReuse()
    before = {p.uri: p.file_text for p in cached(project, memory).pages}
    path = project / "articles/2024/2024-06-01-nato.md"
    path.write_text(path.read_text(encoding="utf-8").replace("NATO summit", "NATO summit in Washington"), encoding="utf-8")

    after = cached(project, memory)

    assert after.timings.counts["articles parsed"] == 1
    pages = {p.uri: p.file_text for p in after.pages}
    assert pages == fresh(project)
    changed = {uri for uri in pages if pages[uri] != before.get(uri)}
    assert "articles/2024/06/nato.md" in changed and "actors/nato.md" in changed
    assert "actors/xi-jinping.md" not in changed  # Xi is not in the NATO briefing
    assert after.timings.counts["pages rendered"] < len(pages) / 2


def test_related_lists_are_reused_when_no_date_or_entry_changed(project: Path) -> None:
    memory = Counted(MemoryReuse())
    cached(project, memory)
    assert memory.found[RELATED.name] == 0
    path = project / "articles/2024/2024-03-01-summit.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Xi and Putin meet", "Xi and Putin meet again"), encoding="utf-8")
    after = cached(project, memory)
    assert memory.found[RELATED.name] == 1
    assert {p.uri: p.file_text for p in after.pages} == fresh(project)  # new title shown in the related lists too
    path.write_text(path.read_text(encoding="utf-8").replace("  - Trade\n", ""), encoding="utf-8")
    after = cached(project, memory)
    assert memory.found[RELATED.name] == 1  # a topic less: related lists computed again
    assert {p.uri: p.file_text for p in after.pages} == fresh(project)


def test_a_registry_edit_rereads_every_article(project: Path) -> None:
    memory = MemoryReuse()
    cached(project, memory)
    registry = project / "data/actors.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("aliases: [Putin]", "aliases: [Putin, V. Putin]"), encoding="utf-8")

    after = cached(project, memory)

    assert after.timings.counts["articles parsed"] == 4
    assert {p.uri: p.file_text for p in after.pages} == fresh(project)
    assert "V. Putin" in next(p.file_text for p in after.pages if p.uri == "actors/vladimir-putin.md")


def test_problems_are_reported_again_from_the_cache(project: Path) -> None:
    """A broken article stays reported on every rebuild, not only when it is parsed."""
    (project / "articles/2024/2024-07-01-bad.md").write_text(write_article_md(actors=["Xi Jingping"]), encoding="utf-8")
    memory = MemoryReuse()
    first = cached(project, memory).corpus.log.sorted()
    second = cached(project, memory).corpus.log.sorted()
    assert first == second and any("Xi Jingping" in p.message for p in second)


def test_random_edit_sequences_give_the_pages_of_a_fresh_run(project: Path) -> None:
    """Titles, dates, actors, deletions and new files, in random order: cached == fresh after each."""
    rng = random.Random(7)
    memory = MemoryReuse()
    actors = ["Xi Jinping", "Vladimir Putin", "China", "Russia", "NATO"]
    for step in range(25):
        files = sorted((project / "articles").rglob("*.md"))
        action = rng.choice(["title", "date", "actors", "delete", "add"] if len(files) > 2 else ["add"])
        if action == "add":
            day = rng.randint(1, 28)
            path = project / f"articles/2024/2024-0{rng.randint(1, 9)}-{day:02d}-new-{step}.md"
            path.write_text(write_article_md(title=f"New {step}", date=path.name[:10], actors=rng.sample(actors, 2)), encoding="utf-8")
        elif action == "delete":
            rng.choice(files).unlink()
        else:
            path = rng.choice(files)
            text = path.read_text(encoding="utf-8")
            if action == "title":
                text = text.replace('title: "', f'title: "Step {step} ', 1)
            elif action == "date":
                text = text.replace("date: 2024-", "date: 2023-", 1)
            else:
                text = text.replace("actors:\n", f"actors:\n  - {rng.choice(actors)}\n", 1)
            path.write_text(text, encoding="utf-8")
        result = cached(project, memory)
        assert {p.uri: p.file_text for p in result.pages} == fresh(project), f"after step {step} ({action})"


def test_other_options_start_from_an_empty_render_cache(project: Path) -> None:
    memory = MemoryReuse()
    cached(project, memory)
    result = build_pages(Settings(root=project, **SETTINGS_TODAY), RenderOptions(directory_urls=False), True, reuse=memory)
    expected = build_pages(Settings(root=project, **SETTINGS_TODAY), RenderOptions(directory_urls=False), True)
    assert [p.file_text for p in result.pages] == [p.file_text for p in expected.pages]
    assert result.timings.counts["pages rendered"] > 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only() -> None:
    quiet = io.StringIO()
    progress = Progress("rendering pages", 3, quiet)
    for _ in range(3):
        progress.step()
    progress.close()
    assert quiet.getvalue() == ""

    terminal = _Terminal()
    progress = Progress("rendering pages", 3, terminal)
    for _ in range(3):
        progress.step()
    assert "Briefing: rendering pages 3/3" in terminal.getvalue()
    progress.close()
    assert terminal.getvalue().endswith("\r\033[K")


def test_timings_summary_names_counts_and_phases() -> None:
    timings = Timings()
    with timings.phase("load"):
        pass
    timings.count("articles", 12)
    assert timings.summary().startswith("12 articles; load 0.0 s")
