"""Pairs of actors: one page per pair shown on the site, listing the briefings that name both.

Every "Appears with" entry of an actor page and every tie of the network page (its line and
its link in the list) links to `actors/<a>/with/<b>/` (ids in order, so one page per pair).
Only the pairs shown get a page, so their number is bounded by the actors' pages
(CO_LIST_LIMIT each) and the ties the network draws (NETWORK_EDGE_LIMIT); the briefings are the true intersection of the two actors' lists, newest first, in pages
of ENTITY_PAGE_SIZE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import Article, Entity
from briefing.model.pagination import paginate
from briefing.model.urls import NETWORK, pair_uri
from briefing.render.context import RenderContext
from briefing.render.html_blocks import HtmlWriter, plural
from briefing.render.output import MarkdownPage

Pair = tuple[str, str]  # actor ids, first < second


def shown_pairs(index: CorpusIndex, per_actor: int, drawn: Iterable[Pair]) -> list[Pair]:
    """The pairs that get a page: of each actor's `per_actor` most shared and the ties the network
    draws (`drawn`, each linked from its list and its line), those sharing two briefings or more,
    sorted. A pair sharing one briefing links straight to it (`pair_target`): most pairs do."""
    pairs: set[Pair] = set()
    for actor_id in index.corpus.actors:
        neighbours = [(o, n) for o, n in index.neighbours(("actors", actor_id), "actors") if o != actor_id]
        for other, weight in neighbours[:per_actor]:
            if weight > 1:
                pairs.add(_ordered(actor_id, other))
    ties = index.actor_ties()
    pairs.update(pair for pair in (_ordered(a, b) for a, b in drawn) if ties.get(pair, 0) > 1)
    return sorted(pairs)


def pair_target(index: CorpusIndex, a: str, b: str, count: int) -> str:
    """Where a pair's count leads: its page, or for a single shared briefing that briefing."""
    if count > 1:
        return pair_uri(a, b)
    return shared_articles(index, _ordered(a, b))[0].uri


def shared_articles(index: CorpusIndex, pair: Pair) -> list[Article]:
    """The briefings naming both actors, oldest first."""
    first, second = pair
    of_first = index.articles_of.get(("actors", first), [])
    of_second = index.articles_of.get(("actors", second), [])
    # Walk the shorter posting (both are in corpus order; an article lists an actor once).
    if len(of_second) < len(of_first):
        return [a for a in of_second if first in a.actors]
    return [a for a in of_first if second in a.actors]


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def pair_title(index: CorpusIndex, pair: Pair) -> str:
    return f"{index.corpus.actors[pair[0]].name} and {index.corpus.actors[pair[1]].name}"


def appears_with_rows(index: CorpusIndex, actor: Entity, shared: Iterable[tuple[Entity, int]]) -> list[tuple[Entity, int, str]]:
    """An actor's "Appears with" entries: the other actor, the count, and where the count leads."""
    return [(other, count, pair_target(index, actor.id, other.id, count)) for other, count in shared]


def appears_with_html(page_uri: str, directory_urls: bool, rows: Iterable[tuple[Entity, int, str]]) -> str:
    """The "Appears with" list of the page at `page_uri`: each other actor, and the count linking
    to the briefings of both (`appears_with_rows`)."""
    writer = HtmlWriter(page_uri, directory_urls)
    items = [f"<li>{writer.entity_link(other)} ({writer.link(target, plural(count, 'briefing'))})</li>" for other, count, target in rows]
    return '<ul class="bf-counted" data-pagefind-ignore>\n' + "\n".join(items) + "\n</ul>\n" if items else ""


def pages(site: RenderContext, per_actor: int, drawn: Callable[[CorpusIndex], Iterable[Pair]], page_size: int) -> Iterator[MarkdownPage]:
    """The page of every pair the site links to, by ids (`render.site` binds the limit of the
    actor pages' lists and `drawn`, the network's ties, which decide the pairs shown)."""
    yield from pair_pages(site, shown_pairs(site.index, per_actor, drawn(site.index)), page_size)


def pair_pages(site: RenderContext, pairs: Sequence[Pair], page_size: int) -> Iterator[MarkdownPage]:
    index = site.index
    for pair in pairs:
        articles = shared_articles(index, pair)
        first, second = (index.corpus.actors[i] for i in pair)
        title = pair_title(index, pair)
        for listing in paginate(articles[::-1], page_size, pair_uri(*pair)):
            heading = title if listing.number == 1 else f"{title}: briefings {listing.first_item}–{listing.last_item}"
            yield site.page(
                listing.uri,
                "pair.md.j2",
                None,
                in_nav=False,
                front_matter={"briefing": {"kind": "listing", "title": heading}},
                heading=heading,
                first=first,
                second=second,
                listing=listing,
                bylines=site.bylines(listing.items),
                network=NETWORK,
            )
