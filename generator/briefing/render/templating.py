"""Pages from Jinja templates: the environment, links between pages, and the page factory.

Every value from the editors' files passes through `escape_inline` on its way out (Jinja's
`finalize`), so a template cannot forget to escape; generated links are `Markdown` and pass
as they are. Templates are in `render/templates/`, one or two per page family.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import jinja2

from briefing.model.entities import Article, Entity
from briefing.model.urls import TIMELINE, article_uri, entity_uri, relative_link
from briefing.render.cache import CacheUse, computed
from briefing.render.html_blocks import HtmlWriter, long_date, plural, preview
from briefing.render.markdown_text import Markdown, escape_inline, escape_paragraphs, link
from briefing.render.output import MarkdownPage


def _finalize(value: Any) -> Any:
    """Jinja calls this on every `{{ }}` value: escape editors' text unless already Markdown."""
    if value is None:
        return ""
    if isinstance(value, (Markdown, int, float)):
        return value
    return escape_inline(value)


@functools.cache
def make_environment() -> jinja2.Environment:
    """The one Jinja environment of a process: Markdown output, escaped by `_finalize`. Its
    templates ship with the package, so they are compiled once, not for every `mkdocs serve`
    rebuild."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing.render", "templates"),
        finalize=_finalize,
        autoescape=False,  # output is Markdown, escaped by `_finalize`, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates ship with the package: no stat per page to check for edits
    )
    env.filters["long_date"] = long_date
    env.filters["preview"] = preview
    env.filters["paragraphs"] = escape_paragraphs
    env.filters["plural"] = plural
    env.filters["safe_markdown"] = Markdown  # generator-made HTML (html.link), never editor text
    env.globals["list_indent"] = lambda depth: Markdown("    " * depth)
    return env


def linker(from_uri: str) -> Callable[..., Markdown]:
    """`link_to(x)` in templates: a relative Markdown link from this page to an article, entry or URI."""

    def link_to(target: Article | Entity | str, text: object | None = None) -> Markdown:
        if isinstance(target, Article):
            uri, label = article_uri(target), target.title
        elif isinstance(target, Entity):
            uri, label = entity_uri(target), target.name
        else:
            uri, label = target, target
        return link(text if text is not None else label, relative_link(from_uri, uri))

    return link_to


class PageFactory:
    """Renders a template into a `MarkdownPage`, or takes it from the cache when its context is unchanged.

    Every template gets `page_uri`, `link_to` (relative links from this page), `html` (the
    generated HTML blocks, `html_blocks.HtmlWriter`) and `timeline`, besides its own context.
    """

    def __init__(self, directory_urls: bool, cache: CacheUse) -> None:
        self.env = make_environment()
        self.directory_urls = directory_urls
        self.cache = cache

    def page(
        self,
        uri: str,
        template: str,
        source_path: str | None,
        front_matter: dict[str, Any] | None = None,
        in_nav: bool = True,
        **context: Any,
    ) -> MarkdownPage:
        return self.cache.page(
            uri,
            lambda: (template, source_path, in_nav, front_matter, context),
            lambda: self._render(uri, template, source_path, front_matter, in_nav, context),
        )

    def _render(
        self,
        uri: str,
        template: str,
        source_path: str | None,
        front_matter: dict[str, Any] | None,
        in_nav: bool,
        context: dict[str, Any],
    ) -> MarkdownPage:
        stash: list[str] = []
        body = self.env.get_template(template).render(
            page_uri=uri,
            link_to=linker(uri),
            html=HtmlWriter(uri, self.directory_urls, stash),
            timeline=TIMELINE,
            **computed(context),
        )
        header = ""
        if front_matter:  # only generator-chosen keys: never editor text
            # JSON is valid YAML, and json.dumps is far faster than PyYAML's emitter.
            header = "---\n" + json.dumps(front_matter, sort_keys=True, ensure_ascii=False) + "\n---\n\n"
        return MarkdownPage(uri=uri, content=header + body, source_path=source_path, in_nav=in_nav, blocks=tuple(stash))
