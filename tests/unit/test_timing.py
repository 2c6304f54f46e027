"""The build summary's memory figures (one child's own peak, not every child's), and stopping a child."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.runtime.timing import Cancelled, own_peak_mb, run_with_peak


def test_a_child_peak_is_its_own_and_its_output_and_exit_code_come_back() -> None:
    code, output, peak = run_with_peak([sys.executable, "-c", "b = bytearray(200 * 2**20); print('held'); raise SystemExit(3)"])
    assert (code, output.strip()) == (3, "held")
    assert peak is not None and 200 <= peak < 400
    _code, _output, small = run_with_peak([sys.executable, "-c", "pass"])
    assert small is not None and small < 100  # not the previous child's 200 MB


def test_own_peak_is_at_least_what_this_process_holds() -> None:
    before = own_peak_mb()
    block = bytearray(300 * 2**20)
    block[::4096] = b"x" * len(block[::4096])  # touch every page
    assert before is not None and own_peak_mb() >= 300


def test_a_small_child_of_a_large_process_reports_its_own_small_peak() -> None:
    """Linux copies the parent's resident size into a forked child's peak; the figure must not."""
    block = bytearray(400 * 2**20)
    block[::4096] = b"x" * len(block[::4096])
    _code, _output, peak = run_with_peak([sys.executable, "-c", "pass"])
    assert peak is not None and peak < 100
    del block


def test_a_cancelled_command_is_killed_with_its_children(tmp_path: Path) -> None:
    """`mkdocs serve` stops a stale Pagefind run (and the binary it started) when a preview build begins."""
    late = tmp_path / "late"
    child = f"import time; time.sleep(3); open({str(late)!r}, 'w').write('still running')"
    parent = f"import subprocess, sys; subprocess.call([sys.executable, '-c', {child!r}])"
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        run_with_peak([sys.executable, "-c", parent], cancel)
    assert time.perf_counter() - started < 2.5
    time.sleep(3.5)
    assert not late.exists()  # the grandchild was killed too


def test_a_command_left_alone_runs_to_the_end_with_a_cancel_event() -> None:
    code, output, _peak = run_with_peak([sys.executable, "-c", "import time; time.sleep(0.3); print('done')"], threading.Event())
    assert (code, output.strip()) == (0, "done")
