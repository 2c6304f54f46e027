"""Registries for tests: the demo's, read the way the loader reads them."""

from __future__ import annotations

from pathlib import Path

from briefing.load.registry import load_registry
from briefing.model.problems import ProblemLog
from briefing.model.registry import Registries
from tests.support.site import REPO


def demo_registries(root: Path = REPO) -> Registries:
    log = ProblemLog(root)
    registries = Registries(
        actors=load_registry("actors", root / "data/actors.yml", log),
        topics=load_registry("topics", root / "data/topics.yml", log),
        regions=load_registry("regions", root / "data/regions.yml", log),
    )
    assert not log.errors, log.sorted()
    return registries
