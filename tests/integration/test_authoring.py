"""`briefing new` and `briefing import`: files an editor can commit, never an overwrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from click.testing import CliRunner

from briefing.cli.commands import cli
from tests.support.oracle import normalize, read_corpus
from tests.support.project import copy_demo_project
from tests.support.site import REPO

# CI lays shared/ beside the clone; a developer's checkout lives in /work/main beside /work/shared.
RAW = next(
    (p for p in (REPO.parent / "shared/samples/raw", Path("/work/shared/samples/raw")) if p.is_dir()),
    REPO.parent / "shared/samples/raw",
)


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, [args[0], "-f", str(project / "mkdocs.yml"), *args[1:]])


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_new_writes_a_valid_skeleton_and_never_overwrites(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    args = (
        "new",
        "Kim <b>visits</b> Moscow: part 2",
        "--date",
        "2024-09-01",
        "--region",
        "korea",
        "--actor",
        "Kim",
        "--actor",
        "the Kremlin",
        "--topic",
        "military cooperation",
    )
    result = run(project, *args)
    assert result.exit_code == 0, result.output
    path = project / "articles/2024/2024-09-01-kim-b-visits-b-moscow-part-2.md"
    meta = front_matter(path)
    assert meta == {
        "title": "Kim <b>visits</b> Moscow: part 2",
        "date": dt.date(2024, 9, 1),
        "region": "Korean Peninsula",
        "actors": ["Kim Jong Un", "Russia"],
        "topics": ["Military cooperation"],
    }
    assert run(project, "check").exit_code == 0
    before = path.read_bytes()
    again = run(project, *args)
    assert again.exit_code == 1
    assert "already exists; not overwritten" in again.output
    assert path.read_bytes() == before


def test_new_refuses_unknown_names_with_a_suggestion(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    result = run(project, "new", "X", "--date", "2024-09-01", "--region", "East Asia", "--actor", "Xi Jingping")
    assert result.exit_code == 2
    assert "--actor: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)" in result.output
    assert not list((project / "articles").rglob("2024-09-01-*"))


def test_import_detects_title_body_note_date_and_leftovers(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    for old in (project / "articles").rglob("*xi-putin-beijing*"):
        old.unlink()
    result = run(project, "import", "--accept", str(RAW / "2024-05-xi-putin-beijing.txt"), "--date", "2024-05-15")
    assert result.exit_code == 0, result.output
    assert "removed trailing 'Recent'" in result.output
    path = project / "articles/2024/2024-05-15-xi-putin-beijing.md"
    text = path.read_text(encoding="utf-8")
    meta = front_matter(path)
    assert meta["title"] == "Xi Jinping and Putin's Strategic Meeting in Beijing amidst Global Turmoil"
    assert meta["summary"].startswith("The growing alignment between China and Russia")
    assert "## Grand strategy" in text
    assert not text.rstrip().endswith("Recent") and "Editor's P/S" not in text
    assert text.count("Strategic Meeting in Beijing amidst Global Turmoil") == 1  # repeated title dropped
    assert {"Xi Jinping", "Vladimir Putin", "Jens Stoltenberg", "NATO", "Iran", "North Korea"} <= set(meta["actors"])
    assert "Li Mingjiang" in result.output and "Manoj Kewalramani" in result.output  # candidates, not added
    assert "Li Mingjiang" not in meta["actors"]
    assert run(project, "check").exit_code == 0


def test_import_never_overwrites_an_existing_article(tmp_path: Path) -> None:
    """Another story whose file name and date are an existing article's: written beside it, never over it."""
    project = copy_demo_project(tmp_path / "p")
    existing = project / "articles/2024/2024-07-23-beijing-declaration-palestinian-factions.md"
    before = existing.read_bytes()
    raw = tmp_path / "2024-07-23-beijing-declaration-palestinian-factions.txt"
    raw.write_text(
        "Palestinian Factions Meet Again\n\nDelegates of fourteen Palestinian factions met again in Beijing "
        "on July 23, 2024, a week after the first round, to set up a working group on reconstruction.\n",
        encoding="utf-8",
    )
    result = run(project, "import", str(raw))
    assert result.exit_code == 0, result.output
    assert f"{existing} holds another article (not overwritten); this one goes to {existing.stem}-2.md" in result.output
    assert existing.read_bytes() == before
    written = existing.with_name(f"{existing.stem}-2.md")
    assert front_matter(written)["title"] == "Palestinian Factions Meet Again"
    assert "working group on reconstruction" in written.read_text(encoding="utf-8")

    again = run(project, "import", str(raw))  # the same text a second time: already in the archive
    assert again.exit_code == 0, again.output
    assert "already in the archive" in again.output
    assert not existing.with_name(f"{existing.stem}-3.md").exists()
    assert existing.read_bytes() == before


def _score(curated: set[str], imported: set[str]) -> tuple[float, float]:
    hits = len(curated & imported)
    return hits / len(curated) if curated else 1.0, hits / len(imported) if imported else 1.0


def test_importing_every_sample_comes_close_to_the_curated_corpus(tmp_path: Path, capsys) -> None:
    """Per field: how much of the curated metadata the importer suggests (recall) and how much of it is right (precision)."""
    project = copy_demo_project(tmp_path / "p")
    curated = {a.path.name.split("-", 3)[-1]: a for a in read_corpus(REPO)}
    for old in (project / "articles").rglob("*.md"):
        old.unlink()
    raws = sorted(RAW.glob("*.txt"))
    result = run(project, "import", "--accept", *[str(r) for r in raws if "xi-putin-beijing" not in r.name])
    assert result.exit_code == 0, result.output
    assert run(project, "import", "--accept", str(RAW / "2024-05-xi-putin-beijing.txt"), "--date", "2024-05-15").exit_code == 0
    imported = {a.path.name.split("-", 3)[-1]: a for a in read_corpus(project)}
    assert imported.keys() == curated.keys()
    totals = {"title": 0, "date±3d": 0, "region": 0}
    actor_scores, topic_scores = [], []
    for name, want in curated.items():
        got = imported[name]
        totals["title"] += got.title == want.title
        want_date = dt.date.fromisoformat(front_matter(want.path)["date"].isoformat())
        got_date = front_matter(got.path)["date"]
        totals["date±3d"] += abs((got_date - want_date).days) <= 3
        totals["region"] += got.region == want.region
        actor_scores.append(_score(set(want.actors), set(got.actors)))
        topic_scores.append(_score(set(want.topics), set(got.topics)))
    n = len(curated)
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    report = {
        **{k: f"{v}/{n}" for k, v in totals.items()},
        "actors recall": round(mean([r for r, _ in actor_scores]), 2),
        "actors precision": round(mean([p for _, p in actor_scores]), 2),
        "topics recall": round(mean([r for r, _ in topic_scores]), 2),
        "topics precision": round(mean([p for _, p in topic_scores]), 2),
    }
    print("import vs curated:", report)
    assert totals["title"] == n
    assert totals["date±3d"] >= n - 1
    assert totals["region"] >= n // 2
    assert report["actors recall"] >= 0.85 and report["actors precision"] >= 0.7
    summaries = [front_matter(imported[k].path).get("summary") for k in curated]
    assert sum(s is not None for s in summaries) == 4  # the four raw files with an Editor's P/S
    assert normalize(front_matter(imported["xi-europe-tour.md"].path)["summary"]).startswith("the tour showed beijing's strategy")


def test_import_adds_only_what_is_confirmed_and_prints_registry_entries(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    raw = tmp_path / "2024-11-05-kursk.txt"
    raw.write_text(
        "North Korean Troops in Kursk\n\nNorth Korean troops are fighting in Russia's Kursk region, "
        "South Korean President Yoon Suk Yeol said on November 5, 2024, as sanctions on Pyongyang were tightened "
        "and new sanctions announced. Yoon said the troops were a threat.\n",
        encoding="utf-8",
    )
    result = run(project, "import", str(raw), "--candidates", "yaml")
    assert result.exit_code == 0, result.output
    meta = front_matter(project / "articles/2024/2024-11-05-kursk.md")
    assert meta["region"] == "" and meta["actors"] == [] and meta["topics"] == []  # nothing confirmed
    text = (project / "articles/2024/2024-11-05-kursk.md").read_text(encoding="utf-8")
    assert "# suggested region: Eastern Europe (" in text and "Sanctions (0." in text.split("# suggested topics:")[1]
    pasted = result.output.split("# for data/actors.yml (review, then paste):\n")[1].split("\n1 source read")[0]
    entries = yaml.safe_load(pasted)  # one registry for the batch, after its drafts, ready to paste as it is
    assert entries["yoon-suk-yeol"]["role"] == "President of South Korea"
    assert "'sanctions' ×2" in result.output.lower()

    raw.rename(tmp_path / "2024-11-05-kursk-again.txt")
    result = run(project, "import", "--accept", str(tmp_path / "2024-11-05-kursk-again.txt"))
    assert "already in the archive" in result.output  # the same text under another name
    assert not (project / "articles/2024/2024-11-05-kursk-again.md").exists()
    (project / "articles/2024/2024-11-05-kursk.md").unlink()  # the editor drops the first draft, imports again with --accept
    result = run(project, "import", "--accept", str(tmp_path / "2024-11-05-kursk-again.txt"))
    assert result.exit_code == 0, result.output
    meta = front_matter(project / "articles/2024/2024-11-05-kursk-again.md")
    assert meta["region"] == "Eastern Europe" and "Military cooperation" in meta["topics"] and "North Korea" in meta["actors"]


def test_new_refuses_an_empty_title_or_one_with_a_control_character(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    before = sorted(p.as_posix() for p in (project / "articles").rglob("*"))
    for title, message in (
        ("", "TITLE: must not be empty"),
        ("  ", "TITLE: must not be empty"),
        ("Xi\x01Putin", "TITLE: contains the control character U+0001; remove it"),
        ("Xi\n::add-mask::x", "TITLE: holds a line break; write it on one line"),
    ):
        result = run(project, "new", title, "--region", "East Asia", "--date", "2024-09-01")
        assert result.exit_code == 2, result.output
        assert result.output.splitlines() == [message, "Nothing written."]
    assert sorted(p.as_posix() for p in (project / "articles").rglob("*")) == before


def test_import_removes_control_characters_so_check_accepts_the_title_and_summary(tmp_path: Path) -> None:
    project = copy_demo_project(tmp_path / "p")
    raw = tmp_path / "2024-05-16-talks.txt"
    raw.write_bytes(
        b"Xi\x00 Jinping Meets Putin\n\nXi Jinping met Vladimir Putin in Beijing on May 16, 2024 \x1b[1mtoday\x1b[0m.\n\n"
        b"Editor's P/S:\n\nA note\x07 on the talks.\n"
    )
    result = run(project, "import", str(raw))
    assert result.exit_code == 0, result.output
    assert f"{raw}: removed 4 control characters (NUL, escape codes...) from the text" in result.output.splitlines()
    path = project / "articles/2024/2024-05-16-talks.md"
    meta = front_matter(path)
    assert (meta["title"], meta["summary"]) == ("Xi Jinping Meets Putin", "A note on the talks.")
    assert "\x1b" not in path.read_text(encoding="utf-8")
    checked = CliRunner().invoke(cli, ["check", "-f", str(project / "mkdocs.yml")])
    about_the_text = [line for line in checked.output.splitlines() if "talks.md" in line and (": title:" in line or ": summary:" in line)]
    assert about_the_text == []  # the title and summary are accepted (region and actors await the editor)


def test_import_of_a_long_text_is_quick(tmp_path: Path) -> None:
    import time

    project = copy_demo_project(tmp_path / "p")
    paragraph = "Xi Jinping and Vladimir Putin discussed sanctions with analysts of the Alpha Beta Institute in East Asia. " * 8
    raw = tmp_path / "2024-05-16-long.txt"
    raw.write_text("Long Talks\n\n" + "\n\n".join([paragraph] * 1200) + "\n\nMay 16, 2024.\n", encoding="utf-8")
    assert raw.stat().st_size > 1_000_000
    start = time.perf_counter()
    result = run(project, "import", str(raw))
    elapsed = time.perf_counter() - start

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    actors = lines[lines.index("  actors:") + 1 : lines.index("  actors:") + 3]
    assert [line.split(" (")[0].strip() for line in actors] == ["Vladimir Putin", "Xi Jinping"]
    assert all("named ×9600" in line for line in actors), actors
    assert elapsed < 8, f"import of a 1 MB text took {elapsed:.1f} s"
