"""Benchmark Briefing against "the floor" (the same articles as a plain MkDocs + Material site).

    .venv/bin/python bench/run.py --sizes 1000 5000 10000 --repeat 3 --out bench/results.json
    .venv/bin/python bench/run.py --serve-edit 1000
    .venv/bin/python bench/run.py --profile-core 5000

For each corpus size N: the core pipeline's time, full `mkdocs build` wall time and
peak memory of Briefing and of the floor (interleaved, so both share the machine's
noise), the pages produced, and the search payload a reader downloads. Every
figure is a median of --repeat runs, each in a fresh process. What the figures
mean is in bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from make_corpus import generate
from make_floor import write_floor

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_SIZES = [1000, 5000, 10000]
# Hosted build (clean URLs, no offline plugin), cold: the build cache is off unless a mode turns it on.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "BRIEFING_OFFLINE": "false", "BRIEFING_CACHE": "off"}
POLL_SECONDS = 0.1


class BenchError(Exception):
    """A build or server failed; the message carries the end of its log."""


# ------------------------------------------------------------------ processes


@dataclass(frozen=True)
class Run:
    """One child process: wall time and the peak resident memory the kernel recorded for it."""

    seconds: float
    max_rss_mb: float
    warnings: int
    build_peak_mb: float | None = None  # the MkDocs process alone, as its summary line reports it
    pagefind_peak_mb: float | None = None  # Pagefind alone, run beside it at the end of the build
    pagefind_seconds: float | None = None  # Pagefind's part of the build (all its runs)
    cpu_seconds: float | None = None  # user + system time of the process and every child it waited for
    all_peak_mb: float | None = None  # the largest summed PSS of the process and all its descendants (`TreeMemory`)


EXTRA_ENV: dict[str, str] = {}  # set by modes: the build cache on, BRIEFING_JOBS


def child_env() -> dict[str, str]:
    return {**os.environ, **BUILD_ENV, **EXTRA_ENV}


def log_tail(path: Path, lines: int = 15) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def run_measured(command: list[str], log_path: Path) -> Run:
    """Run `command` to completion; time it and read its peak RSS from `os.wait4`.

    `wait4` gives the rusage of this one child (on Linux, ru_maxrss also covers the
    grandchildren it waited for, e.g. Pagefind), so no delta arithmetic over
    RUSAGE_CHILDREN is needed and runs cannot contaminate each other.
    """
    with log_path.open("wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=child_env(), cwd=REPO)
        memory = TreeMemory(process.pid)
        memory.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            memory.stop.set()
            memory.join()
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command)} exited with {process.returncode}:\n{log_tail(log_path)}")
    text = log_path.read_text(encoding="utf-8", errors="replace")
    warnings = sum(1 for line in text.splitlines() if line.startswith("WARNING"))
    peaks = PEAKS_LINE.search(text)
    build_peak, pagefind_peak = (float(peaks[1]), peaks[2] and float(peaks[2])) if peaks else (None, None)
    pagefind = PAGEFIND_LINE.search(text)
    cpu = usage.ru_utime + usage.ru_stime  # wait4 adds the children this child waited for: workers, Pagefind
    all_peak = memory.peak_kb / 1024 if memory.peak_kb else None
    return Run(seconds, usage.ru_maxrss / 1024, warnings, build_peak, pagefind_peak, pagefind and float(pagefind[1]), cpu, all_peak)


class TreeMemory(threading.Thread):
    """The largest summed proportional set size (PSS) of a process and all its descendants,
    sampled every 0.2 s (Linux; 0 elsewhere): what the machine needs for the whole build at once,
    MkDocs, its page workers and the Pagefind runs beside it, with the memory forked workers share
    counted once. `ru_maxrss` gives only the largest single process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            tree, at = [self.pid], 0
            while at < len(tree):
                tree += _children(tree[at])
                at += 1
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in tree))


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found += [int(child) for child in children.read().split()]
    except OSError:  # gone meanwhile, or not Linux
        pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# The plugin's summary line ends with e.g. `peak memory build 1203 MB, Pagefind 3391 MB`.
PEAKS_LINE = re.compile(r"peak memory build ([0-9.]+) MB(?:, Pagefind ([0-9.]+) MB)?")
PAGEFIND_LINE = re.compile(r"; Pagefind ([0-9.]+) s")


def mkdocs_build(config: Path, site: Path, log_path: Path) -> Run:
    """A full `mkdocs build` into a folder that does not exist, as a deploy runs it."""
    set_aside(site)
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)], log_path)


def set_aside(folder: Path) -> None:
    """Move an earlier build's site out of the way, to be deleted with the work folder once every
    build is measured. Deleting it right before the next build would slow that build down on a file
    system without a journal (ext4 `nojournal`, as on the machine of docs/performance.md): there, a
    new inode is never one freed in the last 60 to 360 seconds, and ext4 looks at each of those in
    turn first (`recently_deleted`), so deleting a site of 60,000 files made every folder and file
    of the next build slower, the floor's too. A deploy builds on a machine that deleted nothing."""
    if folder.exists():
        trash = folder.parent / "set-aside"
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{folder.name}-{len(list(trash.iterdir()))}")


def core_run(root: Path, log_path: Path) -> tuple[Run, dict]:
    """The core pipeline in a fresh interpreter; its own clock excludes imports."""
    run = run_measured([sys.executable, str(BENCH / "core_probe.py"), str(root)], log_path)
    report = json.loads(log_path.read_text(encoding="utf-8").strip().splitlines()[-1])
    if not report["ok"]:
        raise BenchError(f"the corpus in {root} has errors: {report['first_errors']}")
    return Run(report["seconds"], run.max_rss_mb, 0), report


# ------------------------------------------------------------------ corpus cache


def input_fingerprint(n: int, seed: int) -> str:
    """Everything a generated corpus depends on; a changed generator or site config invalidates the cache."""
    digest = hashlib.sha256(f"{n}:{seed}".encode())
    sources = [BENCH / "make_corpus.py", BENCH / "make_floor.py", REPO / "mkdocs.yml"]
    sources += sorted(p for p in (REPO / "docs").rglob("*") if p.is_file())
    for path in sources:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_corpus(n: int, seed: int, cache: Path) -> tuple[Path, Path]:
    """(corpus, floor) folders for N, generated once per fingerprint and reused afterwards."""
    corpus, floor = cache / f"corpus-{n}-s{seed}", cache / f"floor-{n}-s{seed}"
    stamp = cache / f"corpus-{n}-s{seed}.stamp"
    fingerprint = input_fingerprint(n, seed)
    if stamp.exists() and stamp.read_text() == fingerprint and corpus.is_dir() and floor.is_dir():
        return corpus, floor
    for folder in (corpus, floor):
        shutil.rmtree(folder, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    print(f"  generating N={n}: {generate(n, corpus, seed)}", file=sys.stderr)
    write_floor(corpus, floor)
    stamp.write_text(fingerprint)
    return corpus, floor


# ------------------------------------------------------------------ built sites


def transfer_size(data: bytes) -> int:
    """Bytes on the wire with gzip content-encoding; Pagefind's files are gzipped already."""
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def html_stats(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    sizes = {p: p.stat().st_size for p in pages}
    largest = max(pages, key=lambda p: sizes[p])
    return {
        "html_pages": len(pages),
        "html_bytes": sum(sizes.values()),
        "largest_page": str(largest.relative_to(site)),
        "largest_page_kb": sizes[largest] / 1024,
    }


def lunr_payload(site: Path) -> dict | None:
    """Material's built-in search downloads the whole index before it can show a result."""
    index = site / "search" / "search_index.json"
    if not index.exists():
        return None
    data = index.read_bytes()
    return {"files": ["search/search_index.json"], "bytes": len(data), "transfer_bytes": transfer_size(data)}


def pagefind_payload(site: Path) -> dict | None:
    """What Pagefind fetches before its first result on the faceted search page.

    From the primary bundle: the loader, the entry file, the language's WASM and metadata,
    one index chunk (the largest: a worst-case query) and every filter file (the page shows
    counts for every facet). A large site's index comes in parts (`briefing-parts.json`);
    each merged part adds its entry file, metadata, largest chunk and filters (merged parts
    reuse the primary's WASM). The UI script and stylesheet are reported apart, as are the
    per-result fragments.
    """
    bundle = site / "pagefind"
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.exists():
        return None
    manifest = bundle / "briefing-parts.json"
    parts = [bundle / name for name in json.loads(manifest.read_text(encoding="utf-8"))["parts"]] if manifest.exists() else []
    needed = [bundle / "pagefind.js", *([manifest] if manifest.exists() else [])]
    chunks_total = largest_chunks = filter_bytes = pages = 0
    for number, part in enumerate([bundle, *parts]):
        languages = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        language = "en" if "en" in languages else sorted(languages)[0]
        info = languages[language]
        chunks = sorted((part / "index").glob(f"{language}_*.pf_index"), key=lambda p: p.stat().st_size)
        filters = sorted((part / "filter").glob(f"{language}_*.pf_filter"))
        wasm = [part / f"wasm.{info['wasm']}.pagefind"] if number == 0 else []
        needed += [part / "pagefind-entry.json", *wasm, part / f"pagefind.{info['hash']}.pf_meta", *chunks[-1:], *filters]
        chunks_total += len(chunks)
        largest_chunks += chunks[-1].stat().st_size if chunks else 0
        filter_bytes += sum(p.stat().st_size for p in filters)
        pages += info.get("page_count") or 0
    ui = [bundle / "pagefind-ui.js", bundle / "pagefind-ui.css"]
    return {
        "files": [str(p.relative_to(site)) for p in needed],
        "bytes": sum(p.stat().st_size for p in needed),
        "transfer_bytes": sum(transfer_size(p.read_bytes()) for p in needed),
        "bundles": 1 + len(parts),
        "index_chunks": chunks_total,
        "largest_chunk_bytes": largest_chunks,
        "filter_bytes": filter_bytes,
        "ui_transfer_bytes": sum(transfer_size(p.read_bytes()) for p in ui if p.exists()),
        "pages_indexed": pages,
    }


def site_stats(site: Path) -> dict:
    return {
        **html_stats(site),
        **site_size(site),
        "search": {"lunr": lunr_payload(site), "pagefind": pagefind_payload(site)},
    }


def site_size(site: Path) -> dict:
    """The whole site as a host counts it: `du -s --apparent-size --block-size=1` (every file and
    folder, the search index included), the files alone, and how many files."""
    files = [p for p in site.rglob("*") if p.is_file() and not p.is_symlink()]
    du = subprocess.run(["du", "-s", "--apparent-size", "--block-size=1", str(site)], capture_output=True, text=True, check=True)
    return {"site_bytes": int(du.stdout.split()[0]), "site_file_bytes": sum(p.stat().st_size for p in files), "site_files": len(files)}


# ------------------------------------------------------------------ one size


def median_run(runs: list[Run]) -> dict:
    return {
        "seconds": statistics.median(r.seconds for r in runs),
        "max_rss_mb": statistics.median(r.max_rss_mb for r in runs),
        "runs_seconds": [round(r.seconds, 3) for r in runs],
        "runs_max_rss_mb": [round(r.max_rss_mb, 1) for r in runs],
        "build_peak_mb": median_or_none([r.build_peak_mb for r in runs]),
        "pagefind_peak_mb": median_or_none([r.pagefind_peak_mb for r in runs]),
        "pagefind_seconds": median_or_none([r.pagefind_seconds for r in runs]),
        "cpu_seconds": median_or_none([r.cpu_seconds for r in runs]),
        "all_peak_mb": median_or_none([r.all_peak_mb for r in runs]),
        "warnings": runs[-1].warnings,
    }


def median_or_none(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def measure_size(n: int, repeat: int, seed: int, cache: Path, work: Path) -> dict:
    """Core runs, then floor and Briefing builds alternating, then the last sites' outputs."""
    print(f"N={n}", file=sys.stderr)
    corpus, floor = ensure_corpus(n, seed, cache)
    cores = []
    for i in range(repeat):
        run, report = core_run(corpus, work / f"core-{n}-{i}.log")
        cores.append(run)
        print(f"  core {i + 1}/{repeat}: {run.seconds:.1f} s", file=sys.stderr)
    floor_runs, briefing_runs = [], []
    floor_site, briefing_site = work / f"floor-site-{n}", work / f"briefing-site-{n}"
    for i in range(repeat):
        floor_runs.append(mkdocs_build(floor / "mkdocs.yml", floor_site, work / f"floor-{n}-{i}.log"))
        briefing_runs.append(mkdocs_build(corpus / "mkdocs.yml", briefing_site, work / f"briefing-{n}-{i}.log"))
        print(
            f"  build {i + 1}/{repeat}: floor {floor_runs[-1].seconds:.1f} s, briefing {briefing_runs[-1].seconds:.1f} s", file=sys.stderr
        )
    result = {
        "n": n,
        "core": {**median_run(cores), "pages": report["pages"], "markdown_bytes": report["markdown_bytes"]},
        "briefing": {**median_run(briefing_runs), **site_stats(briefing_site)},
        "floor": {**median_run(floor_runs), **site_stats(floor_site)},
    }
    result["ratios"] = ratios(result)
    for site in (floor_site, briefing_site):
        set_aside(site)
    return result


def ratios(result: dict) -> dict:
    """Briefing over the floor, and the core's share of Briefing's build."""
    b, f = result["briefing"], result["floor"]
    b_lunr, f_lunr = b["search"]["lunr"], f["search"]["lunr"]
    return {
        "build_time": ratio(b["seconds"], f["seconds"]),
        # No schedule on c CPUs beats (CPU seconds / c): below this over the floor's time, no parallelism helps.
        "cpu_time": ratio(b.get("cpu_seconds"), f.get("cpu_seconds")),
        "max_rss": ratio(b["max_rss_mb"], f["max_rss_mb"]),
        "html_bytes": ratio(b["html_bytes"], f["html_bytes"]),
        "html_pages": ratio(b["html_pages"], f["html_pages"]),
        "site_bytes": ratio(b.get("site_bytes"), f.get("site_bytes")),
        "largest_page": ratio(b["largest_page_kb"], f["largest_page_kb"]),
        "lunr_transfer": ratio(b_lunr and b_lunr["transfer_bytes"], f_lunr and f_lunr["transfer_bytes"]),
        "core_share_of_build": ratio(result["core"]["seconds"], b["seconds"]),
    }


# ------------------------------------------------------------------ serve and edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float) -> tuple[str, str] | None:
    """(final URL, body) or None while the server is not answering; redirects are followed."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.geturl(), response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def poll(check: Callable[[], object], timeout: float, what: str, alive: Callable[[], bool]) -> object:
    """Call `check` every POLL_SECONDS until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if not alive():
            raise BenchError(f"the server exited while waiting for {what}")
        time.sleep(POLL_SECONDS)
    raise BenchError(f"timed out after {timeout:.0f} s waiting for {what}")


@contextmanager
def mkdocs_serve(config: Path, port: int, log_path: Path) -> Iterator[subprocess.Popen]:
    """`mkdocs serve --livereload --dirty` (what `make serve` runs) in its own process group, always stopped on exit."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=child_env(),
            cwd=REPO,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            stop_group(process)


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM the server's own process group (it may be running Pagefind), then SIGKILL if needed."""
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def article_path_url(article: Path) -> str:
    """articles/2024/2024-05-15-slug.md -> articles/2024/05/slug/ (Briefing's URL for it)."""
    year, month, _day, slug = article.stem.split("-", 3)
    return f"articles/{year}/{month}/{slug}/"


def set_title(article: Path, title: str) -> None:
    text = article.read_text(encoding="utf-8")
    text, replaced = re.subn(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.MULTILINE)
    if not replaced:
        raise BenchError(f"{article} has no 'title:' line")
    article.write_text(text, encoding="utf-8", newline="\n")


def title_shown(url: str, title: str, timeout: float) -> bool:
    answer = fetch(url, timeout)
    return answer is not None and title in answer[1]


def server_build_times(log_path: Path) -> list[float]:
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return [float(s) for s in re.findall(r"Documentation built in ([0-9.]+) seconds", text)]


def measure_serve_edit(n: int, seed: int, cache: Path, work: Path, edits: int, timeout: float) -> dict:
    """Seconds from writing a new title into an article until the served page shows it."""
    print(f"serve-edit N={n}", file=sys.stderr)
    corpus, _floor = ensure_corpus(n, seed, cache)
    root = work / f"serve-{n}"
    shutil.copytree(corpus, root)  # edits never touch the cached corpus
    articles = sorted((root / "articles").rglob("*.md"))
    article = articles[len(articles) // 2]
    port = free_port()
    log_path = work / f"serve-{n}.log"
    start = time.perf_counter()
    with mkdocs_serve(root / "mkdocs.yml", port, log_path) as server:

        def alive() -> bool:
            return server.poll() is None

        home = poll(lambda: fetch(f"http://127.0.0.1:{port}/", timeout), timeout, "the home page", alive)
        startup = time.perf_counter() - start
        url = home[0].rstrip("/") + "/" + article_path_url(article.relative_to(root))
        latencies = []
        for k in range(1, edits + 1):
            title = f"Bench edit {k} {os.getpid()}"
            set_title(article, title)
            written = time.perf_counter()
            poll(lambda: title_shown(url, title, timeout), timeout, f"the new title on {url}", alive)
            latencies.append(time.perf_counter() - written)
            print(f"  edit {k}/{edits}: {latencies[-1]:.2f} s", file=sys.stderr)
            time.sleep(1.0)  # let any follow-up rebuild finish before the next edit
    builds = server_build_times(log_path)
    return {
        "n": n,
        "article": str(article.relative_to(root)),
        "startup_seconds": startup,
        "edit_seconds": statistics.median(latencies),
        "runs_edit_seconds": [round(x, 3) for x in latencies],
        "server_build_seconds": builds,
    }


# ------------------------------------------------------------------ warm builds


def measure_warm_edit(n: int, seed: int, cache: Path, work: Path, edits: int) -> dict:
    """Seconds of a full `mkdocs build` with the build cache filled by the previous build, after
    a one-article edit (the body of one article) and after a registry alias change."""
    print(f"warm-edit N={n}", file=sys.stderr)
    corpus, _floor = ensure_corpus(n, seed, cache)
    root = work / f"warm-{n}"
    shutil.copytree(corpus, root)  # edits never touch the cached corpus
    articles = sorted((root / "articles").rglob("*.md"))
    config, site = root / "mkdocs.yml", work / f"warm-site-{n}"
    EXTRA_ENV["BRIEFING_CACHE"] = "on"
    try:
        fill = mkdocs_build(config, site, work / f"warm-fill-{n}.log")
        print(f"  fill the cache: {fill.seconds:.1f} s", file=sys.stderr)
        unchanged = mkdocs_build(config, site, work / f"warm-same-{n}.log")
        print(f"  nothing changed: {unchanged.seconds:.1f} s", file=sys.stderr)
        article_runs = []
        for k in range(1, edits + 1):
            article = articles[(len(articles) * k) // (edits + 1)]
            text = article.read_text(encoding="utf-8")
            article.write_text(text.replace("\n---\n", f"\n---\nBench edit {k}.\n\n", 1), encoding="utf-8")
            run = mkdocs_build(config, site, work / f"warm-edit-{n}-{k}.log")
            article_runs.append(run)
            print(f"  edit {k}/{edits}: {run.seconds:.1f} s, {summary_of(work / f'warm-edit-{n}-{k}.log')}", file=sys.stderr)
        actors = root / "data" / "actors.yml"
        text = actors.read_text(encoding="utf-8")
        first_alias = re.search(r"^  aliases: \[", text, flags=re.MULTILINE)
        if first_alias is None:
            raise BenchError(f"{actors} has no aliases list")
        actors.write_text(text[: first_alias.end()] + "Bench Alias, " + text[first_alias.end() :], encoding="utf-8")
        alias = mkdocs_build(config, site, work / f"warm-alias-{n}.log")
        print(f"  registry alias: {alias.seconds:.1f} s, {summary_of(work / f'warm-alias-{n}.log')}", file=sys.stderr)
    finally:
        EXTRA_ENV.pop("BRIEFING_CACHE", None)
    return {
        "n": n,
        "fill_seconds": fill.seconds,
        "unchanged_seconds": unchanged.seconds,
        "edit_seconds": statistics.median(run.seconds for run in article_runs),
        "runs_edit_seconds": [round(run.seconds, 3) for run in article_runs],
        "edit_max_rss_mb": max(run.max_rss_mb for run in article_runs),
        "edit_all_peak_mb": max((run.all_peak_mb or 0) for run in article_runs) or None,
        "fill_all_peak_mb": fill.all_peak_mb,
        "alias_seconds": alias.seconds,
        "edit_summary": summary_of(work / f"warm-edit-{n}-{edits}.log"),
        "alias_summary": summary_of(work / f"warm-alias-{n}.log"),
    }


def summary_of(log_path: Path) -> str:
    """The plugin's summary line (where the time went, what came from the cache)."""
    lines = [
        line for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines() if "Briefing: " in line and " total " in line
    ]
    return lines[-1].split("Briefing: ", 1)[1] if lines else ""


# ------------------------------------------------------------------ profile


def profile_core(n: int, seed: int, cache: Path, work: Path, top: int = 25) -> dict:
    """cProfile of the core at N; prints and returns the functions with the most own and cumulative time."""
    corpus, _floor = ensure_corpus(n, seed, cache)
    stats_path = work / f"core-{n}.pstats"
    run_measured([sys.executable, str(BENCH / "core_probe.py"), str(corpus), "--profile", str(stats_path)], work / f"profile-{n}.log")
    stats = pstats.Stats(str(stats_path))
    result = {"n": n, "total_seconds": stats.total_tt}
    for key in ("tottime", "cumulative"):
        stats.sort_stats(key)
        rows = []
        for func in stats.fcn_list[:top]:  # type: ignore[attr-defined]
            _cc, calls, tottime, cumtime, _callers = stats.stats[func]  # type: ignore[attr-defined]
            rows.append(
                {
                    "function": f"{short_path(func[0])}:{func[1]}({func[2]})",
                    "calls": calls,
                    "tottime": round(tottime, 3),
                    "cumtime": round(cumtime, 3),
                }
            )
        result[key] = rows
    return result


def short_path(path: str) -> str:
    for marker in ("/site-packages/", "/generator/", "/lib/python"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


# ------------------------------------------------------------------ report


def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1024:,.0f}"


def cpu_cell(r: dict) -> str:
    b, f = r["briefing"].get("cpu_seconds"), r["floor"].get("cpu_seconds")
    return "–" if b is None or f is None else f"{b:.0f} / {f:.0f}"


def x(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}×"


def markdown_tables(sizes: list[dict]) -> str:
    head1 = (
        "| N | core s | Briefing build s | floor build s | build ratio | CPU s B / F | CPU ratio | core share | "
        "Briefing peak MB | floor peak MB | memory ratio | MkDocs process / Pagefind peak MB | all processes peak MB | "
        "Pagefind s (bundles) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows1 = [
        f"| {r['n']:,} | {r['core']['seconds']:.1f} | {r['briefing']['seconds']:.1f} | {r['floor']['seconds']:.1f} | "
        f"{x(r['ratios']['build_time'])} | {cpu_cell(r)} | {x(r['ratios'].get('cpu_time'))} | "
        f"{r['ratios']['core_share_of_build']:.0%} | {r['briefing']['max_rss_mb']:.0f} | "
        f"{r['floor']['max_rss_mb']:.0f} | {x(r['ratios']['max_rss'])} | {peaks_cell(r['briefing'])} | {mb(r['briefing'].get('all_peak_mb'))} | {pagefind_cell(r['briefing'])} |"
        for r in sizes
    ]
    head2 = (
        "| N | HTML pages B / F | HTML MB B / F | size ratio | largest page B (KB) | largest page F (KB) | "
        "lunr index KB (gz) B / F | Pagefind first query KB (gz) |\n|---:|---:|---:|---:|---|---|---:|---:|"
    )
    rows2 = []
    for r in sizes:
        b, f = r["briefing"], r["floor"]
        rows2.append(
            f"| {r['n']:,} | {b['html_pages']:,} / {f['html_pages']:,} | {b['html_bytes'] / 2**20:.1f} / "
            f"{f['html_bytes'] / 2**20:.1f} | {x(r['ratios']['html_bytes'])} | `{b['largest_page']}` ({b['largest_page_kb']:,.0f}) | "
            f"`{f['largest_page']}` ({f['largest_page_kb']:,.0f}) | {payload_cell(b['search']['lunr'])} / "
            f"{payload_cell(f['search']['lunr'])} | {payload_cell(b['search']['pagefind'])} |"
        )
    head3 = "| N | site MB (du) B / F | size ratio | files B / F | B MB per 1,000 articles |\n|---:|---:|---:|---:|---:|"
    rows3 = [
        f"| {r['n']:,} | {r['briefing']['site_bytes'] / 1e6:,.0f} / {r['floor']['site_bytes'] / 1e6:,.0f} | "
        f"{x(r['ratios'].get('site_bytes'))} | {r['briefing']['site_files']:,} / {r['floor']['site_files']:,} | "
        f"{r['briefing']['site_bytes'] / 1e6 / r['n'] * 1000:.1f} |"
        for r in sizes
        if "site_bytes" in r["briefing"]
    ]
    return "\n".join([head1, *rows1, "", head2, *rows2, "", head3, *rows3])


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def peaks_cell(briefing: dict) -> str:
    build, pagefind = briefing.get("build_peak_mb"), briefing.get("pagefind_peak_mb")
    return "–" if build is None else f"{build:.0f} / {'–' if pagefind is None else f'{pagefind:.0f}'}"


def pagefind_cell(briefing: dict) -> str:
    seconds, payload = briefing.get("pagefind_seconds"), briefing["search"]["pagefind"]
    return "–" if seconds is None else f"{seconds:.1f} ({payload['bundles'] if payload else '–'})"


def payload_cell(payload: dict | None) -> str:
    return "–" if payload is None else f"{kb(payload['bytes'])} ({kb(payload['transfer_bytes'])})"


def serve_table(serve: dict) -> str:
    return (
        "| N | server start s | edit → page shows new title s (median) | runs | server rebuilds s |\n"
        "|---:|---:|---:|---|---|\n"
        f"| {serve['n']:,} | {serve['startup_seconds']:.1f} | {serve['edit_seconds']:.2f} | "
        f"{', '.join(f'{s:.2f}' for s in serve['runs_edit_seconds'])} | "
        f"{', '.join(f'{s:.1f}' for s in serve['server_build_seconds'])} |"
    )


def git(*args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return completed.stdout.strip()


def tree_digest(folder: Path) -> str:
    """A fingerprint of the code measured, uncommitted edits included (others edit it concurrently)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def metadata(args: argparse.Namespace) -> dict:
    """Enough to tell two results files apart: the code measured may change under us."""
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(git("status", "--porcelain", "--", "generator", "mkdocs.yml", "pyproject.toml")),
        "generator_sha256": tree_digest(REPO / "generator" / "briefing"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "repeat": args.repeat,
        "jobs": args.jobs,
        "seed": args.seed,
    }


# ------------------------------------------------------------------ main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", help=f"corpus sizes (default {DEFAULT_SIZES}, or none when --serve-edit or --profile-core is given)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=BENCH / ".cache",
        help="generated corpora are kept here and reused while the generator is unchanged",
    )
    parser.add_argument("--no-cache", action="store_true", help="generate corpora into a temporary folder")
    parser.add_argument("--serve-edit", type=int, metavar="N", help="measure edit-to-preview time under mkdocs serve")
    parser.add_argument("--warm-edit", type=int, metavar="N", help="measure warm builds (build cache on) after edits at N")
    parser.add_argument("--jobs", type=int, help="BRIEFING_JOBS for Briefing's builds (1: one CPU for the core and the page loop)")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--serve-timeout", type=float, default=1800)
    parser.add_argument("--profile-core", type=int, metavar="N", help="cProfile the core pipeline at N")
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = [] if args.serve_edit or args.profile_core else DEFAULT_SIZES
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.jobs:
        EXTRA_ENV["BRIEFING_JOBS"] = str(args.jobs)
    results = load_results(args.out)
    meta = metadata(args)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = Path(tmp)
        cache = work / "cache" if args.no_cache else args.cache_dir
        try:
            for n in args.sizes:
                merge_size(results, {"meta": meta, **measure_size(n, args.repeat, args.seed, cache, work)})
                write_results(args.out, results)  # keep what is done if a later size fails
            if args.warm_edit:
                results.setdefault("warm_edit", {})[str(args.warm_edit)] = {
                    "meta": meta,
                    **measure_warm_edit(args.warm_edit, args.seed, cache, work, args.edits),
                }
            if args.serve_edit:
                serve = measure_serve_edit(args.serve_edit, args.seed, cache, work, args.edits, args.serve_timeout)
                results["serve_edit"] = {"meta": meta, **serve}
            if args.profile_core:
                results["profile_core"] = {"meta": meta, **profile_core(args.profile_core, args.seed, cache, work)}
        except BenchError as exc:
            sys.exit(f"bench: {exc}")
    write_results(args.out, results)
    print_report(results, args)


def load_results(path: Path) -> dict:
    """Earlier results in --out are kept: a --serve-edit run must not erase the size table."""
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"sizes": []}


def merge_size(results: dict, size: dict) -> None:
    others = [r for r in results.get("sizes", []) if r["n"] != size["n"]]
    results["sizes"] = sorted([*others, size], key=lambda r: r["n"])


def write_results(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def print_report(results: dict, args: argparse.Namespace) -> None:
    """What this run measured; the JSON file may also hold earlier runs' figures."""
    sizes = [r for r in results.get("sizes", []) if r["n"] in args.sizes]
    if sizes:
        print(markdown_tables(sizes))
    if args.serve_edit:
        print("\n" + serve_table(results["serve_edit"]))
    if args.profile_core:
        profile = results["profile_core"]
        print(f"\ncore profile at N={profile['n']} ({profile['total_seconds']:.1f} s under cProfile), by own time:")
        for row in profile["tottime"][:15]:
            print(f"  {row['tottime']:8.2f} s own {row['cumtime']:8.2f} s cum {row['calls']:>9,}  {row['function']}")


if __name__ == "__main__":
    main()
