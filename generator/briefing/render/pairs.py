"""Pairs of actors: the briefings naming both, for every pair the site links to.

Every "Appears with" entry of an actor page and every tie of the network page (its line and
its link in the list) links to the briefings naming both actors. Only the pairs shown have
them, so their number is bounded by the actors' pages (CO_LIST_LIMIT each) and the ties the
network draws (NETWORK_EDGE_LIMIT); the briefings are the true intersection of the two actors'
lists, newest first.

Most pairs share a few briefings, and a page of its own for each was 29 % of a 50,000-article
site's pages, almost all of each the theme's markup. So a pair is a section (`pair_fragment`)
of one page per actor, `actors/<a>/with/` (`pairs_uri`), the page of whichever of the two is
named in fewer briefings (ties: the first id), which keeps every such page to about the
CO_LIST_LIMIT pairs of its actor's own list: a hub actor named with a thousand others keeps few.
A pair sharing more than SECTION_LIMIT briefings keeps its own pages, `actors/<a>/with/<b>/`
(ids in order), in pages of ENTITY_PAGE_SIZE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from briefing.index.corpus_index import CorpusIndex
from briefing.model.entities import Article, Entity
from briefing.model.pagination import paginate
from briefing.model.urls import NETWORK, pair_fragment, pair_uri, pairs_uri
from briefing.render.context import RenderContext
from briefing.render.html_blocks import HtmlWriter, plural
from briefing.render.output import MarkdownPage

Pair = tuple[str, str]  # actor ids, first < second

SECTION_LIMIT = 50  # briefings a pair's section lists; a pair sharing more has pages of its own


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
    """Where a pair's count leads: its section (`uri#fragment`) or pages, or for a single shared
    briefing that briefing."""
    if count > SECTION_LIMIT:
        return pair_uri(a, b)
    if count > 1:
        owner = pair_owner(index, _ordered(a, b))
        return f"{pairs_uri(owner)}#{pair_fragment(b if owner == a else a)}"
    return shared_articles(index, _ordered(a, b))[0].uri


def pair_owner(index: CorpusIndex, pair: Pair) -> str:
    """The actor whose page of pairs holds the pair's section: the one named in fewer briefings."""
    first, second = pair
    return second if index.count(("actors", second)) < index.count(("actors", first)) else first


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
    """The briefings of every pair the site links to, by ids (`render.site` binds the limit of the
    actor pages' lists and `drawn`, the network's ties, which decide the pairs shown): each
    actor's page of pairs, then the pages of the pairs that have their own."""
    index = site.index
    sections: dict[str, list[Pair]] = {}
    own_pages: list[Pair] = []
    ties = index.actor_ties()
    for pair in shown_pairs(index, per_actor, drawn(index)):
        if ties.get(pair, 0) > SECTION_LIMIT:
            own_pages.append(pair)
        else:
            sections.setdefault(pair_owner(index, pair), []).append(pair)
    for owner in sorted(sections):
        yield pairs_page(site, owner, sections[owner])
    yield from pair_pages(site, own_pages, page_size)


def pairs_page(site: RenderContext, owner: str, pairs: Sequence[Pair]) -> MarkdownPage:
    """`actors/<owner>/with/`: a section per pair, by the other actor's name."""
    index = site.index
    actor = index.corpus.actors[owner]
    others = sorted((index.corpus.actors[b if a == owner else a] for a, b in pairs), key=lambda e: (e.name, e.id))
    sections = []
    shown: list[Article] = []
    for other in others:
        articles = shared_articles(index, _ordered(owner, other.id))[::-1]
        shown.extend(articles)
        sections.append((pair_fragment(other.id), f"{actor.name} and {other.name}", (actor, other), articles))
    heading = f"{actor.name}: briefings with other actors"
    return site.page(
        pairs_uri(owner),
        "pairs.md.j2",
        None,
        in_nav=False,
        front_matter={"briefing": {"kind": "listing", "title": heading, "sitemap": False}},  # only regroups articles
        heading=heading,
        actor=actor,
        sections=sections,
        bylines=site.bylines(shown),
        network=NETWORK,
    )


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
                front_matter={"briefing": {"kind": "listing", "title": heading, "sitemap": False}},
                heading=heading,
                first=first,
                second=second,
                listing=listing,
                bylines=site.bylines(listing.items),
                network=NETWORK,
            )
