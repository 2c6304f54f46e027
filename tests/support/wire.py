"""The Reuters wire stories of ../shared/samples/wire/ as an archive: articles tagged with their editors'
topics and the registries a newsroom would build from the tags (bench/wire_stories.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from briefing.model.entities import Article
from briefing.model.registry import Registries
from tests.support.registries import demo_registries
from tests.support.site import REPO

WIRE = next(
    (p for p in (REPO.parent / "shared/samples/wire/acq", Path("/work/shared/samples/wire/acq")) if p.is_dir()),
    REPO.parent / "shared/samples/wire/acq",
)


def _wire_stories() -> ModuleType:
    """bench/wire_stories.py, loaded once by path (bench/ is not a package)."""
    name = "bench_wire_stories"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "bench/wire_stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def wire_archive(folder: Path = WIRE) -> tuple[list[Article], Registries]:
    stories = _wire_stories()
    read = stories.read_stories(folder)
    with tempfile.TemporaryDirectory() as tmp:
        stories.write_registries(read, Path(tmp) / "data")
        registries = demo_registries(Path(tmp))
    slug = lambda t: re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")  # noqa: E731
    articles = [
        Article(source_path=s.name, slug=s.name.removesuffix(".xml"), title=s.raw.title, date=s.date, region="x", actors=(),
                topics=tuple(slug(t) for t in s.topics), summary=None, body=s.raw.body)
        for s in read
    ]  # fmt: skip
    return articles, registries
