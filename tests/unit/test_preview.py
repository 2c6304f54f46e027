"""`mkdocs serve` rebuilds: the theme's templates compiled once, the first build's heap frozen."""

from __future__ import annotations

import gc

import jinja2
import pytest

from briefing.site.preview import TemplateCode, freeze_heap_later


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


def test_the_heap_is_collected_and_frozen_once_idle() -> None:
    before = gc.get_freeze_count()
    try:
        freeze_heap_later(0.0).join(timeout=30)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
