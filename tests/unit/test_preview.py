"""`mkdocs serve` rebuilds: the theme's templates compiled once, the first build's heap frozen."""

from __future__ import annotations

import gc
import weakref

import jinja2
import pytest

from briefing.build.preview import FULL_COLLECTION_THRESHOLD, IdleCollector, TemplateCode


def environment(cache: TemplateCode, source: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)


def test_a_template_is_compiled_once_across_environments_until_its_source_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = TemplateCode()
    assert environment(cache, "<h1>{{ title }}</h1>").get_template("page.html").render(title="A") == "<h1>A</h1>"
    again = environment(cache, "<h1>{{ title }}</h1>")  # MkDocs makes a new environment per rebuild

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(again, "compile", no_compiling)
    assert again.get_template("page.html").render(title="B") == "<h1>B</h1>"
    edited = environment(cache, "<h2>{{ title }}</h2>")  # an edited template override
    assert edited.get_template("page.html").render(title="C") == "<h2>C</h2>"


class Node:
    me: object = None


def test_the_first_build_freezes_the_heap_at_once_and_later_ones_only_collect_when_idle() -> None:
    before, threshold = gc.get_freeze_count(), gc.get_threshold()
    collector = IdleCollector(delay=0.0)
    try:
        assert collector.build_ended() is None  # no waiting: an edit saved right away finds the heap frozen
        frozen = gc.get_freeze_count()
        assert frozen > before and gc.get_threshold()[2] == FULL_COLLECTION_THRESHOLD
        kept = [[n] for n in range(20_000)]  # alive at the next collection: a second freeze would take them
        node = Node()
        node.me = node  # garbage only the cyclic collector frees
        dead = weakref.ref(node)
        del node
        timer = collector.build_ended()
        assert timer is not None
        timer.join(timeout=30)
        assert dead() is None and len(kept) == 20_000
        assert gc.get_freeze_count() < frozen + 20_000  # frozen once, after the first build
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_a_rebuild_that_starts_puts_off_the_collection() -> None:
    threshold = gc.get_threshold()
    collector = IdleCollector(delay=0.3)
    try:
        collector.build_ended()  # the first build: frozen at once
        node = Node()
        node.me = node  # garbage only the cyclic collector frees
        dead = weakref.ref(node)
        del node
        gc.disable()  # no collection of its own in between
        timer = collector.build_ended()
        assert timer is not None
        collector.build_starts()
        timer.join(timeout=5)
        assert dead() is not None and collector.timer is None  # the idle collection never ran
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*threshold)
