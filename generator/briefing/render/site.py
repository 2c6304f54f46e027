"""Render the indexed corpus into plain Markdown pages: `{src_uri: markdown}`.

No file I/O and no MkDocs here: the MkDocs plugin wraps the result into generated
files and `briefing export` writes it to a folder. Every value from the editors'
files passes through `escape_inline` on its way out (Jinja's `finalize`), so a
template cannot forget to escape; generated links are `Markdown` and pass as is.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import Any, TypeVar
from urllib.parse import urlencode

import jinja2

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import Actor, Article, Collection, Entity
from briefing.model.pagination import Pagination, page_of_item, paged_uri, paginate
from briefing.model.urls import (
    DATA_CSV,
    DATA_JSON,
    DIGEST_FEED,
    DIGESTS,
    HOME,
    NETWORK,
    NETWORK_SCRIPT,
    SEARCH,
    TIMELINE,
    article_uri,
    collection_index_uri,
    entity_uri,
    entity_uri_for,
    feed_uri,
    html_href,
    relative_link,
    timeline_month_uri,
)
from briefing.render.autolink import LinkTarget, link_first_mentions
from briefing.render.charts import coverage_svg, monthly_counts
from briefing.render.data_export import render_csv, render_json
from briefing.render.digests import digest_pages, latest_week, render_digest_feed
from briefing.render.feeds import feed_sources, render_feed
from briefing.render.html_blocks import HtmlWriter, inline_blocks, long_date, plural, preview
from briefing.render.map_page import map_page, region_map
from briefing.render.markdown_text import Markdown, escape_inline, escape_paragraphs, link
from briefing.render.network import NETWORK_JS, build_network, network_controls_html, network_description, network_svg
from briefing.render.pairs import appears_with_html, pair_pages, pair_target, shown_pairs
from briefing.render.periods import PERIODS_JS, PERIODS_SCRIPT, co_actors_by_year, co_by_year_html, network_periods, period_controls_html
from briefing.runtime.parallel import map_indexes

T = TypeVar("T")

COLLECTION_TITLES: dict[Collection, str] = {"actors": "Actors", "topics": "Topics", "regions": "Regions"}
ACTOR_KIND_TITLES = {"person": "People", "state": "States", "organization": "Organizations", "group": "Groups"}
HOME_LATEST = 10
HOME_TOP = 10
HOME_RECENT_WINDOW = 50  # "most covered lately" = within the latest 50 briefings
NETWORK_NODE_LIMIT = 100  # actors drawn: the most covered
NETWORK_EDGE_LIMIT = 600  # lines drawn: the strongest ties among them
NETWORK_LIST_LIMIT = 200  # the accessible list of pairs; the page must not grow with the corpus
# Pages must not grow with the corpus: long lists are split into pages, short ones capped.
ENTITY_PAGE_SIZE = 50  # briefings per page of an actor, topic or region
INDEX_PAGE_SIZE = 200  # entries per page of the actors / topics index
CO_LIST_LIMIT = 20  # "Appears with" and the like: the most shared entries only


@dataclass(frozen=True)
class RenderOptions:
    """What a site may tune without touching templates."""

    home_title: str = "Latest briefings"
    site_name: str = "Briefing"
    site_url: str = "https://example.org/"  # feeds need absolute links
    directory_urls: bool = True  # `/actors/x/` (hosted) or `actors/x.html` (browsable from a folder)
    autolink: bool = True  # link the first mention of each entry in article bodies
    words_per_minute: int = 220
    more_on_actors: int = 3  # "More on <actor>" lists at the end of an article
    more_on_articles: int = 3


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, and the editor's file it comes from."""

    uri: str
    # What MkDocs converts: each generated HTML block is a placeholder comment, put back by the
    # plugin after conversion (`html_blocks.inline_blocks`), so Markdown never parses the lists.
    mkdocs_markdown: str
    source_path: str | None  # for "Edit this page"
    in_nav: bool = True
    blocks: tuple[str, ...] = ()

    @cached_property
    def markdown(self) -> str:
        """The complete Markdown, blocks in place: what `briefing export` writes."""
        return inline_blocks(self.mkdocs_markdown, self.blocks)


@dataclass
class RenderCache:
    """Pages of the previous render with the inputs they were made from (`mkdocs serve`).

    A page is rendered again only when its template context differs. Articles and entries
    from the load cache keep their identity when unchanged, so comparing contexts is mostly
    identity checks; an edited article compares unequal and so do the pages showing it.
    """

    options: RenderOptions | None = None
    pages: dict[str, tuple[tuple[Any, ...], Page]] = field(default_factory=dict)
    bodies: dict[str, tuple[Article, tuple[LinkTarget, ...], Markdown]] = field(default_factory=dict)
    memos: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # feeds, network layout
    rendered: int = 0  # pages rendered in the last run (the rest came from the cache)


def render_site(index: CorpusIndex, options: RenderOptions | None = None, cache: RenderCache | None = None) -> list[Page]:
    """Every page of the briefing site, in a stable order."""
    options = options or RenderOptions()
    if cache is not None and cache.options != options:
        cache.options, cache.pages, cache.bodies, cache.memos = options, {}, {}, {}
    renderer = _Renderer(index, options, cache)
    pages = list(renderer.pages())
    if cache is not None:
        cache.pages = {uri: entry for uri, entry in cache.pages.items() if uri in renderer.seen}
        cache.memos = {name: entry for name, entry in cache.memos.items() if name in renderer.memo_seen}
        cache.rendered = renderer.rendered
    return pages


def _context_key(value: Any) -> Any:
    """A comparable snapshot of a template context. Callables (link makers bound to the page)
    depend only on the page's URI and the options, which the cache already keys on."""
    if isinstance(value, (str, int, float, bool, dt.date, Article, Entity)) or value is None:
        return value
    if isinstance(value, dict):
        return tuple((k, _context_key(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_context_key(v) for v in value)
    if isinstance(value, Pagination):
        return (value.uri, value.count, value.first_item, value.total_items, _context_key(value.items))
    if callable(value):
        return callable
    return value


def _finalize(value: Any) -> Any:
    """Jinja calls this on every `{{ }}` value: escape editors' text unless already Markdown."""
    if value is None:
        return ""
    if isinstance(value, (Markdown, int, float)):
        return value
    return escape_inline(value)


def make_environment() -> jinja2.Environment:
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


class _Renderer:
    def __init__(self, index: CorpusIndex, options: RenderOptions, cache: RenderCache | None = None) -> None:
        self.index = index
        self.corpus = index.corpus
        self.options = options
        self.cache = cache
        self.seen: set[str] = set()
        self.memo_seen: set[str] = set()
        self.rendered = 0
        self.env = make_environment()
        self._states_by_name = {a.name: a for a in self.corpus.actors.values() if a.kind == "state"}

    def pages(self) -> Iterator[Page]:
        articles = self.corpus.articles
        if self.cache is None:
            # A one-off build: article pages (most of the work) render in forked workers while
            # this process renders the rest; they come back in order, so output is unchanged.
            article_pages = map_indexes(lambda i: self._article_page(articles[i]), len(articles), background=True)
        yield self._page(HOME, "home.md.j2", None, **self._home_context())
        yield from self._timeline_pages()
        yield from digest_pages(self)
        yield self._page(SEARCH, "search.md.j2", None, front_matter={"briefing": {"kind": "search"}})
        yield self._network_page()
        yield Page(uri=NETWORK_SCRIPT, mkdocs_markdown=NETWORK_JS, source_path=None, in_nav=False)
        yield Page(uri=PERIODS_SCRIPT, mkdocs_markdown=PERIODS_JS, source_path=None, in_nav=False)
        yield map_page(self)
        yield from self._data_files()
        for collection in ("actors", "topics", "regions"):
            yield from self._collection_index(collection)
            for entity in sorted(getattr(self.corpus, collection).values(), key=lambda e: e.id):
                yield from self._entity_pages(entity)
        yield from pair_pages(self, shown_pairs(self.index, CO_LIST_LIMIT, NETWORK_LIST_LIMIT), ENTITY_PAGE_SIZE)
        if self.cache is None:
            yield from article_pages.get()
            return
        for article in articles:
            yield self._memo(article.uri, self._article_inputs(article), lambda: self._article_page(article))

    def _network_page(self) -> Page:
        """Who appears with whom: an SVG drawn at build time, filters, and a plain list for everyone."""
        corpus = self.corpus
        edges: dict[tuple[str, str], int] = {}
        for actor_id in corpus.actors:
            for other, weight in self.index.neighbours(("actors", actor_id), "actors"):
                if actor_id < other:
                    edges[(actor_id, other)] = weight
        counts = {a: self.index.count(("actors", a)) for a in corpus.actors}
        # Bounded whatever the corpus size: the most covered actors, and the strongest ties among them.
        net = self._memo(
            NETWORK,
            (tuple(edges.items()), tuple(counts.items()), tuple(corpus.actors.values())),
            lambda: build_network(list(corpus.actors.values()), edges, counts, max_nodes=NETWORK_NODE_LIMIT, max_edges=NETWORK_EDGE_LIMIT),
        )
        directory_urls = self.options.directory_urls
        svg = network_svg(net, lambda actor_id: html_href(NETWORK, entity_uri_for("actors", actor_id), directory_urls))
        controls = network_controls_html(net.kinds, net.nodes, max_weight=net.max_weight)
        periods = self._memo("periods", (net, tuple(corpus.articles)), lambda: network_periods(corpus.articles, net))
        pairs = sorted(((w, a, b) for (a, b), w in edges.items()), key=lambda item: (-item[0], item[1], item[2]))
        return self._page(
            NETWORK,
            "network.md.j2",
            None,
            front_matter={"briefing": {"kind": "network"}},
            drawing=Markdown(controls + "\n\n" + period_controls_html(periods) + "\n\n" + svg),
            description=network_description(net),
            pairs=[(corpus.actors[a], corpus.actors[b], w) for w, a, b in pairs[:NETWORK_LIST_LIMIT]],
            pair_count=len(pairs),
            pair_target=lambda a, b, weight: pair_target(self.index, a, b, weight),
            list_limit=NETWORK_LIST_LIMIT,
        )

    def _data_files(self) -> Iterator[Page]:
        """Feeds and the analysts' exports: files, not Markdown pages."""
        options = self.options
        for source in feed_sources(self.index, options.site_name):
            xml = self._memo(source.uri, source, lambda: render_feed(source, options.site_url, options.directory_urls))
            yield Page(uri=source.uri, mkdocs_markdown=xml, source_path=None, in_nav=False)
        digest_feed = self._memo(
            DIGEST_FEED,
            tuple(self.corpus.articles),
            lambda: render_digest_feed(self.corpus, options.site_name, options.site_url, options.directory_urls),
        )
        yield Page(uri=DIGEST_FEED, mkdocs_markdown=digest_feed, source_path=None, in_nav=False)
        yield Page(uri=DATA_JSON, mkdocs_markdown=render_json(self.index, options.directory_urls), source_path=None, in_nav=False)
        yield Page(uri=DATA_CSV, mkdocs_markdown=render_csv(self.index, options.directory_urls), source_path=None, in_nav=False)

    # ------------------------------------------------------------ helpers

    def _memo(self, name: str, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or its value from the previous render when `key` is unchanged."""
        if self.cache is None:
            return compute()
        self.memo_seen.add(name)
        hit = self.cache.memos.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        self.cache.memos[name] = (key, value)
        return value

    def _page(
        self,
        uri: str,
        template: str,
        source_path: str | None,
        front_matter: dict[str, Any] | None = None,
        in_nav: bool = True,
        **context: Any,
    ) -> Page:
        self.seen.add(uri)
        key: tuple[Any, ...] = ()
        if self.cache is not None:
            key = (template, source_path, in_nav, _context_key(front_matter), _context_key(context))
            cached = self.cache.pages.get(uri)
            if cached is not None and cached[0] == key:
                return cached[1]
        self.rendered += 1
        stash: list[str] = []
        body = self.env.get_template(template).render(
            page_uri=uri,
            link_to=self._linker(uri),
            html=HtmlWriter(uri, self.options.directory_urls, stash),
            timeline=TIMELINE,
            **context,
        )
        header = ""
        if front_matter:  # only generator-chosen keys: never editor text
            # JSON is valid YAML, and json.dumps is far faster than PyYAML's emitter.
            header = "---\n" + json.dumps(front_matter, sort_keys=True, ensure_ascii=False) + "\n---\n\n"
        page = Page(uri=uri, mkdocs_markdown=header + body, source_path=source_path, in_nav=in_nav, blocks=tuple(stash))
        if self.cache is not None:
            self.cache.pages[uri] = (key, page)
        return page

    def _linker(self, from_uri: str) -> Callable[..., Markdown]:
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

    def _entities(self, collection: Collection, ids: list[str] | tuple[str, ...]) -> list[Entity]:
        registry = getattr(self.corpus, collection)
        return [registry[i] for i in ids]

    # ------------------------------------------------------------ pages

    def _home_context(self) -> dict[str, Any]:
        articles = self.corpus.articles
        recent = articles[-HOME_RECENT_WINDOW:]
        top: dict[str, list[tuple[Entity, int]]] = {}
        for collection in ("actors", "topics"):
            counts: dict[str, int] = {}
            for article in recent:
                for entity_id in getattr(article, collection):
                    counts[entity_id] = counts.get(entity_id, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:HOME_TOP]
            top[collection] = [(getattr(self.corpus, collection)[i], n) for i, n in ranked]
        return dict(
            title=self.options.home_title,
            latest=list(reversed(articles[-HOME_LATEST:])),
            top_actors=top["actors"],
            top_topics=top["topics"],
            recent_count=len(recent),
            totals=dict(
                articles=len(articles),
                actors=len(self.corpus.actors),
                topics=len(self.corpus.topics),
                regions=len(self.corpus.regions),
            ),
            first=articles[0] if articles else None,
            last=articles[-1] if articles else None,
            indexes=[(COLLECTION_TITLES[c], collection_index_uri(c)) for c in ("actors", "topics", "regions")],
            latest_digest=latest_week(self.corpus),
            digests=DIGESTS,
        )

    def _timeline_pages(self) -> Iterator[Page]:
        """The timeline (chart and months by year) and one page per month, newest first."""
        newest = list(reversed(self.corpus.articles))
        months = [
            (dt.date(year, month, 1), list(in_month))
            for (year, month), in_month in groupby(newest, key=lambda a: (a.date.year, a.date.month))
        ]
        years = [
            (year, [(month, timeline_month_uri(month), len(arts)) for month, arts in in_year])
            for year, in_year in groupby(months, key=lambda item: item[0].year)
        ]
        yield self._page(TIMELINE, "timeline.md.j2", None, years=years, month_chart=self._timeline_chart(), digests=DIGESTS)
        for i, (month, articles) in enumerate(months):
            newer = months[i - 1][0] if i > 0 else None
            older = months[i + 1][0] if i + 1 < len(months) else None
            yield self._page(
                timeline_month_uri(month),
                "timeline_month.md.j2",
                None,
                in_nav=False,
                front_matter={"briefing": {"kind": "listing", "title": f"{month:%B %Y}"}},
                month=month,
                articles=articles,
                newer=(newer, timeline_month_uri(newer)) if newer else None,
                older=(older, timeline_month_uri(older)) if older else None,
                day_month=lambda day: f"{day.day} {day:%b}",
            )

    def _timeline_chart(self) -> Markdown:
        counts = monthly_counts(a.date for a in self.corpus.articles)
        if not counts:
            return Markdown("")
        directory_urls = self.options.directory_urls
        svg = coverage_svg(
            counts,
            label=f"Briefings per month: {len(self.corpus.articles)} in all",
            link_for_month=lambda month: html_href(TIMELINE, timeline_month_uri(month), directory_urls),
        )
        return Markdown(svg)

    def _collection_index(self, collection: Collection) -> Iterator[Page]:
        """The A-Z list of a registry, split into pages of INDEX_PAGE_SIZE; actors grouped by kind."""
        entities = sorted(getattr(self.corpus, collection).values(), key=lambda e: (e.name.casefold(), e.id))
        counted = [(e, self.index.count((collection, e.id))) for e in entities]
        size = INDEX_PAGE_SIZE if collection != "regions" else max(1, len(counted))  # regions: one tree
        for listing in paginate(counted, size, collection_index_uri(collection)):
            members = list(listing.items)
            groups: list[tuple[str, list[tuple[Entity, int]]]]
            if collection == "actors":
                groups = [
                    (title, [(e, n) for e, n in members if isinstance(e, Actor) and e.kind == kind])
                    for kind, title in ACTOR_KIND_TITLES.items()
                ]
                groups = [(title, group) for title, group in groups if group]
            else:
                groups = [("", members)]
            extra: dict[str, Any] = {}
            if listing.number > 1:
                extra = dict(
                    in_nav=False,
                    front_matter={
                        "briefing": {
                            "kind": "listing",
                            "title": f"{COLLECTION_TITLES[collection]} {listing.first_item}–{listing.last_item}",
                        }
                    },
                )
            yield self._page(
                listing.uri,
                "collection_index.md.j2",
                None,
                **extra,
                title=COLLECTION_TITLES[collection],
                collection=collection,
                groups=groups,
                listing=listing,
                describe=lambda e: preview(e.description, 120),
                region_tree=self._region_tree() if collection == "regions" else [],
                total_articles=len(self.corpus.articles),
                entity_count=len(entities),
            )

    def _region_tree(self) -> list[tuple[int, Entity, int]]:
        """(depth, region, article count) in depth-first order, for a nested list."""
        regions = self.corpus.regions
        roots = sorted((r for r in regions.values() if r.parent is None), key=lambda r: r.name.casefold())
        rows: list[tuple[int, Entity, int]] = []

        def visit(region: Entity, depth: int) -> None:
            rows.append((depth, region, self.index.count(("regions", region.id))))
            for child_id in self.index.children.get(region.id, []):
                visit(regions[child_id], depth + 1)

        for root in roots:
            visit(root, 0)
        return rows

    def _entity_pages(self, entity: Entity) -> Iterator[Page]:
        """The entry's page (newest briefings first) and, for long coverage, its older pages."""
        key = (entity.collection, entity.id)
        newest = self.index.articles_newest_first(key)
        listings = paginate(newest, ENTITY_PAGE_SIZE, entity_uri(entity))
        year_jumps = self._year_jumps(newest, entity_uri(entity)) if len(listings) > 1 else []
        yield self._entity_page(entity, listings[0], year_jumps)
        for listing in listings[1:]:
            yield self._page(
                listing.uri,
                "entity_listing.md.j2",
                None,
                in_nav=False,
                front_matter={
                    "briefing": {"kind": "listing", "title": f"{entity.name}: briefings {listing.first_item}–{listing.last_item}"}
                },
                entity=entity,
                listing=listing,
                year_jumps=year_jumps,
            )

    @staticmethod
    def _year_jumps(newest: list[Article], base_uri: str) -> list[tuple[str, str]]:
        """(year, page where that year's newest briefing is) for a list split into pages."""
        jumps: list[tuple[str, str]] = []
        for position, article in enumerate(newest):
            year = str(article.date.year)
            if not jumps or jumps[-1][0] != year:
                jumps.append((year, paged_uri(base_uri, page_of_item(position, ENTITY_PAGE_SIZE))))
        return jumps

    def _co_lists(self, entity: Entity) -> list[tuple[str, list[tuple[Entity, int]], int]]:
        """(heading, the most shared entries, how many share any) for actors, topics, regions."""
        key = (entity.collection, entity.id)
        result = []
        for collection, heading in (("actors", "Appears with"), ("topics", "Topics"), ("regions", "Regions")):
            registry = getattr(self.corpus, collection)
            shared = [(registry[i], n) for i, n in self.index.neighbours(key, collection) if i != entity.id]
            if shared:
                result.append((heading, shared[:CO_LIST_LIMIT], len(shared)))
        return result

    def _entity_page(self, entity: Entity, listing: Pagination[Article], year_jumps: list[tuple[str, str]]) -> Page:
        key = (entity.collection, entity.id)
        country = None
        if isinstance(entity, Actor) and entity.country:
            country = self._states_by_name.get(entity.country) or entity.country
        parent_trail = []
        children = []
        if entity.collection == "regions":
            parent_trail = self._entities("regions", self.index.region_trail(entity.id)[:-1])
            children = [(self.corpus.regions[c], self.index.count(("regions", c))) for c in self.index.children.get(entity.id, [])]
        return self._page(
            entity_uri(entity),
            "entity.md.j2",
            entity.source_path,
            front_matter={
                "briefing": {
                    "kind": entity.collection[:-1],
                    "title": entity.name,
                    "summary": entity.description,
                    "aliases": list(entity.aliases),
                    "feed": feed_uri(entity) if self.index.count(key) else None,
                    "feed_title": f"{self.options.site_name}: {entity.name}",
                },
                "description": html.escape(preview(entity.description, 160), quote=True),
            },
            in_nav=False,
            feed=feed_uri(entity) if self.index.count(key) else None,
            search_link=self._search_link(entity),
            coverage_chart=self._coverage_chart(entity),
            entity=entity,
            singular=COLLECTION_TITLES[entity.collection][:-1].lower(),
            collection_title=COLLECTION_TITLES[entity.collection],
            collection_index=collection_index_uri(entity.collection),
            listing=listing,
            year_jumps=year_jumps,
            co_lists=self._co_lists(entity),
            co_by_year=co_by_year_html(
                HtmlWriter(entity_uri(entity), self.options.directory_urls),
                co_actors_by_year(entity, self.index.articles_of.get(key, []), self.corpus) if entity.collection == "actors" else [],
            ),
            pair_list=lambda shared: appears_with_html(
                self.index, HtmlWriter(entity_uri(entity), self.options.directory_urls), entity, shared
            ),
            country=country,
            home_region=self.corpus.regions.get(entity.region) if isinstance(entity, Actor) and entity.region else None,
            parent_trail=parent_trail,
            children=children,
            region_map=region_map(self, entity) if entity.collection == "regions" else None,
        )

    def _coverage_chart(self, entity: Entity) -> Markdown | None:
        """Briefings per month as a small SVG; each bar links to that month on the timeline."""
        articles = self.index.articles_of.get((entity.collection, entity.id), [])
        if not articles:
            return None
        uri, directory_urls = entity_uri(entity), self.options.directory_urls
        svg = self._memo(
            "chart:" + uri,
            (entity.name, tuple(a.date for a in articles)),
            lambda: coverage_svg(
                monthly_counts(a.date for a in articles),
                label=f"Coverage of {entity.name}: {plural(len(articles), 'briefing')}",
                link_for_month=lambda month: html_href(uri, timeline_month_uri(month), directory_urls),
            ),
        )
        return Markdown(svg)

    def _search_link(self, entity: Entity) -> str:
        """The faceted search page with this entry's filter already ticked."""
        facet = {"actors": "actor", "topics": "topic", "regions": "region"}[entity.collection]
        return SEARCH + "?" + urlencode({facet: entity.name})

    def _article_body(self, article: Article, uri: str) -> Markdown:
        if not self.options.autolink:
            return Markdown(article.body)
        targets = tuple(
            LinkTarget(spelling, f"{collection}/{entity.id}", relative_link(uri, entity_uri(entity)))
            for collection, ids in (("actors", article.actors), ("topics", article.topics), ("regions", (article.region,)))
            for entity in self._entities(collection, ids)
            for spelling in (entity.name, *entity.aliases)
            if len(spelling) > 2 or spelling.isupper()
        )
        cached = self.cache.bodies.get(uri) if self.cache is not None else None
        if cached is not None and cached[0] is article and cached[1] == targets:
            return cached[2]
        body = Markdown(link_first_mentions(article.body, targets))
        if self.cache is not None:
            self.cache.bodies[uri] = (article, targets, body)
        return body

    def _more_on(self, article: Article) -> list[tuple[Entity, list[Article]]]:
        """For the first few actors, their latest other briefings (bounded: newest first, a few each)."""
        shown = {article_uri(a) for a in self.index.related.get(article_uri(article), [])}
        shown.add(article_uri(article))
        result = []
        for actor_id in article.actors[: self.options.more_on_actors]:
            others = [
                a
                for a in self.index.articles_newest_first(("actors", actor_id))[: self.options.more_on_articles + 8]
                if article_uri(a) not in shown
            ][: self.options.more_on_articles]
            if others:
                result.append((self.corpus.actors[actor_id], others))
        return result

    def _article_inputs(self, article: Article) -> tuple[Any, ...]:
        """Everything an article page is made from, cheap to compare: when equal, the page is too."""
        index, options = self.index, self.options
        more_on_window = options.more_on_articles + 8
        return (
            article,
            tuple(self._entities("actors", article.actors)),
            tuple(self._entities("topics", article.topics)),
            tuple(self._entities("regions", index.region_trail(article.region))),
            tuple(index.related.get(article.uri, ())),
            index.previous_article(article),
            index.next_article(article),
            tuple(tuple(index.articles_of.get(("actors", a), ())[-more_on_window:]) for a in article.actors[: options.more_on_actors]),
        )

    def _article_page(self, article: Article) -> Page:
        region_trail = self._entities("regions", self.index.region_trail(article.region))
        uri = article_uri(article)
        words = len(article.body.split())
        return self._page(
            uri,
            "article.md.j2",
            article.source_path,
            in_nav=False,
            front_matter={
                "briefing": {
                    "kind": "article",
                    "title": article.title,
                    "summary": article.summary,
                    "date": article.date.isoformat(),
                    "year": article.date.year,
                    "actors": [self.corpus.actors[a].name for a in article.actors],
                    "topics": [self.corpus.topics[t].name for t in article.topics],
                    "regions": [r.name for r in region_trail],
                },
                "description": html.escape(preview(article.summary or article.body, 200), quote=True),
            },
            reading_minutes=max(1, round(words / self.options.words_per_minute)),
            more_on=self._more_on(article),
            article=article,
            region=region_trail[-1],
            outer_regions=region_trail[:-1],
            actors=self._entities("actors", article.actors),
            topics=self._entities("topics", article.topics),
            body=self._article_body(article, uri),
            related=self.index.related.get(article_uri(article), []),
            previous=self.index.previous_article(article),
            next=self.index.next_article(article),
        )
