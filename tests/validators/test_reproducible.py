"""Two clean builds of the demo site are byte-identical, the Pagefind index included."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from briefing.build.pagefind_stable import stabilize_bundle
from tests.support.site import REPO, mkdocs_build


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(demo_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = mkdocs_build(REPO, again, offline=False)
    assert result.returncode == 0, result.stderr
    first, second = _digests(demo_site), _digests(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    # Pagefind alone writes its filters in a random order: the run really had something to fix.
    assert len([name for name in first if name.startswith("pagefind/filter/")]) == 6  # actor, topic, region, author, year, type


def test_pagefind_alone_differs_between_runs_and_stabilizing_fixes_it(demo_site: Path, tmp_path: Path) -> None:
    """The cause: Pagefind 1.5 orders filter values and filters by a randomly seeded hash map."""
    bundles = [tmp_path / "one", tmp_path / "two"]
    for bundle in bundles:
        command = [sys.executable, "-m", "pagefind", "--site", str(demo_site), "--output-path", str(bundle), "--silent"]
        assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    raw = [_digests(bundle) for bundle in bundles]
    assert raw[0] != raw[1]
    assert {n for n in raw[0] if not n.startswith("filter/") and not n.endswith(".pf_meta")} - {"pagefind-entry.json"} == {
        n for n in raw[1] if not n.startswith("filter/") and not n.endswith(".pf_meta")
    } - {"pagefind-entry.json"}
    for bundle in bundles:
        stabilize_bundle(bundle)
    assert _digests(bundles[0]) == _digests(bundles[1])
