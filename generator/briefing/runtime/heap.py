"""A one-off build's heap, kept out of the cyclic garbage collector's way.

What the core makes (the corpus, the index, every page) stays alive until a one-off build's
process ends. Python's collector does not know that: each full collection walks all of it
again, and at 10,000 articles a warm build spent two seconds in a dozen of them, the
interpreter another one and a half at exit (its last collections walk the whole heap), and
each forked page worker walked the parent's heap in its own collections, copying the memory
it touched. `settle` moves what is alive out of the collector's reach (`gc.freeze`): new
garbage is still collected, and nothing is freed any later than it would have been, since
all of it lives until the end. `mkdocs serve`, which keeps running, has its own policy
(`site.preview.IdleCollector`).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """What is alive now lives until the process ends: no full collection walks it again."""
    gc.freeze()
