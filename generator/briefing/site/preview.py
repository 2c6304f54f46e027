"""What keeps a `mkdocs serve` rebuild quick besides Briefing's own caches.

MkDocs makes a new Jinja environment for the theme on every rebuild, so Material's templates
would be compiled again each time (about a tenth of a rebuild at 5,000 articles):
`TemplateCode` keeps their compiled code in memory between rebuilds, checked against each
template's source by Jinja. And Python's cyclic garbage collector walks every object alive
each time it runs a full collection; after the first build that is the whole corpus, index
and site, so a collection falling inside a rebuild added about a second to it.
`freeze_heap_later` collects once, when the server is idle after its first build, and moves
what is alive then out of the collector's reach (`gc.freeze`): later rebuilds' collections
only walk what those rebuilds made.
"""

from __future__ import annotations

import gc
import threading

import jinja2

IDLE_DELAY = 2.0  # seconds after the first build: the first page is served meanwhile


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


def freeze_heap_later(delay: float = IDLE_DELAY) -> threading.Timer:
    """Collect garbage and freeze what is alive, `delay` seconds from now, once."""
    timer = threading.Timer(delay, _collect_and_freeze)
    timer.daemon = True
    timer.start()
    return timer


def _collect_and_freeze() -> None:
    gc.collect()
    gc.freeze()
