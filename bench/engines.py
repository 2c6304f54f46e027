"""The same corpora built by each engine, side by side in one run (README: "Choosing an engine").

    flock /work/bench.lock .venv/bin/python bench/engines.py [--sizes demo,1000,5000] [--repeat 3]

Each build is a clean one-off build in a fresh process: MkDocs 1.6.1 and ProperDocs 1.6.7 with
`build --strict` (the build cache off: BRIEFING_CACHE=false), Zensical 0.1.2 with
`briefing build --engine zensical` (export, Zensical, Pagefind). Then, for MkDocs and ProperDocs, a
warm build after a one-article edit (the build cache on), which Zensical has no counterpart for.
The engines take turns within each repeat, so a busy machine slows them alike; medians are printed
as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "properdocs", "zensical")


def corpus(size: str, root: Path) -> Path:
    if size == "demo":
        project = root / "demo"
        project.mkdir()
        for part in ("mkdocs.yml", "docs", "data", "articles"):
            source = REPO / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        return project
    project = root / f"corpus-{size}"
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), size, str(project)], check=True, capture_output=True)
    return project


def build(engine: str, project: Path, cache: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BRIEFING_CACHE="true" if cache else "false", BRIEFING_OFFLINE="false")
    config = str(project / "mkdocs.yml")
    if engine == "zensical":
        command = [str(BIN / "briefing"), "build", "--engine", "zensical", "-f", config]
    else:
        command = [str(BIN / engine), "build", "--strict", "-q", "-f", config, "-d", str(project / f"site-{engine}")]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{engine} on {project.name} failed:\n{result.stderr[-3000:]}")
    return seconds


def edit_one(project: Path, round_: int) -> None:
    article = sorted((project / "articles").rglob("*.md"))[len(list((project / "articles").rglob("*.md"))) // 2]
    article.write_text(article.read_text(encoding="utf-8") + f"\nOne more sentence ({round_}).\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="demo,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-warm", action="store_true", help="clean builds only (no warm build after an edit)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as folder:
        for size in args.sizes.split(","):
            project = corpus(size, Path(folder))
            clean: dict[str, list[float]] = {engine: [] for engine in ENGINES}
            warm: dict[str, list[float]] = {engine: [] for engine in ENGINES[:2]}
            for engine in ENGINES[:2] if not args.no_warm else ():
                build(engine, project, cache=True)  # fills each engine's part of the build cache
            for round_ in range(args.repeat):
                for engine in ENGINES:
                    clean[engine].append(build(engine, project, cache=False))
                edit_one(project, round_)
                for engine in ENGINES[:2] if not args.no_warm else ():
                    warm[engine].append(build(engine, project, cache=True))
                print(
                    size,
                    round_,
                    {e: f"{v[-1]:.1f}" for e, v in clean.items()},
                    {e: f"{v[-1]:.1f}" for e, v in warm.items() if v},
                    flush=True,
                )
            rows.append(
                (size, {e: statistics.median(v) for e, v in clean.items()}, {e: statistics.median(v) for e, v in warm.items() if v})
            )
    print("\n| corpus | MkDocs 1.6.1 clean | warm | ProperDocs 1.6.7 clean | warm | Zensical 0.1.2 clean (no warm builds) |")
    print("|---|---|---|---|---|---|")
    for size, clean_s, warm_s in rows:
        ratio = clean_s["zensical"] / clean_s["mkdocs"]
        print(
            f"| {size} | {clean_s['mkdocs']:.1f} s | {_seconds(warm_s, 'mkdocs')} | {clean_s['properdocs']:.1f} s | "
            f"{_seconds(warm_s, 'properdocs')} | {clean_s['zensical']:.1f} s ({ratio:.2f}x MkDocs) |"
        )


def _seconds(values: dict[str, float], engine: str) -> str:
    return f"{values[engine]:.1f} s" if engine in values else "not measured"


if __name__ == "__main__":
    main()
