"""What keeps a `mkdocs serve` rebuild quick besides Briefing's own caches.

MkDocs makes a new Jinja environment for the theme on every rebuild, so Material's templates
would be compiled again each time (about a tenth of a rebuild at 5,000 articles):
`TemplateCode` keeps their compiled code in memory between rebuilds, checked against each
template's source by Jinja.

Python's cyclic garbage collector walks every object alive each time it runs a full
collection: after the first build that is the whole corpus, index and site, so a collection
falling inside a rebuild added a second or two to it at 5,000 articles. `IdleCollector`
collects once at the end of the first build and moves what is alive out of the collector's
reach (`gc.freeze`): a second on a build of minutes, before the server starts serving, so even
an edit saved right after the server came up rebuilds without walking that heap. After every
later build it collects, when the server is idle, what that build left; full collections no
longer start on their own in the middle of a rebuild.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import jinja2

from briefing.build.search_index import BackgroundIndexer
from briefing.model.settings import Settings
from briefing.pipeline import BuildResult, build_pages
from briefing.render.options import RenderOptions
from briefing.runtime.parallel import Workers
from briefing.runtime.reuse import MemoryReuse
from briefing.runtime.timing import own_peak_mb

IDLE_DELAY = 2.0  # seconds after a build: the page is served meanwhile
# Younger collections between full ones (Python's default is 10): a rebuild runs a few dozen,
# so full collections are left to the idle time after each build.
FULL_COLLECTION_THRESHOLD = 1000


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates in memory, by template and source checksum (Jinja checks both)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class IdleCollector:
    """Full garbage collections between `mkdocs serve` rebuilds rather than inside them."""

    def __init__(self, delay: float = IDLE_DELAY) -> None:
        self.delay = delay
        self.timer: threading.Timer | None = None
        self.frozen = False

    def build_starts(self) -> None:
        """A rebuild begins: a collection not started yet waits for the next idle time."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def build_ended(self) -> threading.Timer | None:
        """After the first build, collect and freeze now (returns None); after a later one,
        collect `delay` seconds from now, unless a rebuild starts first."""
        self.build_starts()
        if not self.frozen:
            self._freeze_first_build()
            return None
        self.timer = threading.Timer(self.delay, gc.collect)
        self.timer.daemon = True
        self.timer.start()
        return self.timer

    def _freeze_first_build(self) -> None:
        gc.collect()
        gc.freeze()  # what the first build left alive: the caches every rebuild reuses
        gen0, gen1, _ = gc.get_threshold()
        gc.set_threshold(gen0, gen1, FULL_COLLECTION_THRESHOLD)
        self.frozen = True


class PreviewSession:
    """What `mkdocs serve` keeps between rebuilds: the core's memory of the last build
    (`runtime.reuse.MemoryReuse`: parsed articles, registries, related lists, pages), the
    theme's compiled templates, the idle collector and the background search indexer."""

    def __init__(self) -> None:
        self.memory = MemoryReuse()
        self.template_code = TemplateCode()
        self.collector = IdleCollector()
        self.indexer = BackgroundIndexer()
        self.started = 0.0

    def build(self, settings: Settings, options: RenderOptions) -> BuildResult:
        """A rebuild's core, with the articles with errors left out (the preview keeps going)."""
        self.started = time.perf_counter()
        self.collector.build_starts()
        self.indexer.cancel()  # the preview comes first; search is indexed again after this build
        result = build_pages(settings, options, render_with_errors=True, reuse=self.memory, workers=Workers(1))
        self.memory.prune()
        return result

    def built(self, result: BuildResult, site_dir: Path, parts: Sequence[Sequence[str]] | None, pages_seconds: float) -> str:
        """The rebuild is written: search catches up in the background; the summary line."""
        if parts is not None:
            self.indexer.index_later(site_dir, parts)
        peak = own_peak_mb()
        self.collector.build_ended()  # see `IdleCollector`
        line = [
            f"Briefing: {result.timings.summary()}",
            f"MkDocs pages {pages_seconds:.1f} s",
            f"total {time.perf_counter() - self.started:.1f} s",
        ]
        if peak:
            line.append(f"peak memory build {peak:.0f} MB")
        return "; ".join(line)
