"""Coverage over time: the network narrowed to a period, and "appears with" year by year.

At build time, for the ties the network draws (at most NETWORK_EDGE_LIMIT) and the actors it
shows (at most NETWORK_NODE_LIMIT), the briefings of each year are counted; the counts ride
on the period form as one compact JSON attribute (ids once, then a row of counts per year),
so the page stays bounded at any corpus size and nothing is fetched. The theme's script (`site/theme/assets/briefing-periods.js`) hides the
actors with no briefing in the chosen years and draws that period's ties in place of the
network's own (`?from=2024&to=2024` or `?year=2024` presets it).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Sequence

from briefing.model.corpus import Corpus
from briefing.model.entities import Article, Entity
from briefing.render.html_blocks import HtmlWriter
from briefing.render.network import Network

YEAR_CO_LIMIT = 10  # co-actors listed per year on an actor page


def year_weights(articles: Iterable[Article], pairs: Sequence[tuple[str, str]], nodes: Sequence[str]) -> dict[str, object]:
    """Per-year counts: `{"years": [...], "nodes": [ids], "edges": [[i, j], ...] (node positions),
    "n": {year: [count per node]}, "e": {year: [count per edge]}}`, only years with briefings.
    Every pair's actors must be among `nodes`."""
    node_at = {node: i for i, node in enumerate(nodes)}
    wanted = {pair: i for i, pair in enumerate(pairs)}
    node_counts: dict[int, list[int]] = {}
    edge_counts: dict[int, list[int]] = {}
    for article in articles:
        year = article.date.year
        if year not in node_counts:
            node_counts[year], edge_counts[year] = [0] * len(nodes), [0] * len(pairs)
        actors = sorted(set(article.actors))
        for a in actors:
            if a in node_at:
                node_counts[year][node_at[a]] += 1
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                at = wanted.get((a, b))
                if at is not None:
                    edge_counts[year][at] += 1
    years = sorted(node_counts)
    return {
        "years": years,
        "nodes": list(nodes),
        "edges": [[node_at[a], node_at[b]] for a, b in pairs],
        "n": {str(y): node_counts[y] for y in years},
        "e": {str(y): edge_counts[y] for y in years},
    }


def network_periods(articles: Iterable[Article], network: Network) -> dict[str, object]:
    """`year_weights` for the ties and actors a network draws."""
    return year_weights(articles, [(e.a, e.b) for e in network.edges], [n.id for n in network.nodes])


def period_controls_html(weights: dict[str, object], target: str = "briefing-network") -> str:
    """The period form (hidden until the script runs): from year, to year, and a status line."""
    years = [int(y) for y in weights["years"]]  # type: ignore[attr-defined]
    if not years:
        return ""
    # In a single-quoted attribute, so JSON's many double quotes need no entity each.
    data = json.dumps(weights, separators=(",", ":"), sort_keys=True)
    data = data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    options_from = "".join(f'<option value="{y}"{" selected" if y == years[0] else ""}>{y}</option>' for y in years)
    options_to = "".join(f'<option value="{y}"{" selected" if y == years[-1] else ""}>{y}</option>' for y in years)
    return (
        f'<form class="bf-period" data-target="{html.escape(target)}" data-periods=\'{data}\' hidden="hidden">'
        f'<fieldset><legend>Period</legend><label>From <select name="from">{options_from}</select></label>'
        f'<label>to <select name="to">{options_to}</select></label></fieldset>'
        '<button type="submit">Apply</button>'  # a form needs a submit button (WCAG 2, 3.2.2); the script stops the reload
        '<button type="button" name="all">All years</button>'
        '<p class="bf-period-status" role="status" aria-live="polite"></p></form>'
    )


def co_actors_by_year(entity: Entity, articles: Iterable[Article], corpus: Corpus) -> list[tuple[int, list[tuple[Entity, int]], int]]:
    """(year, the most shared actors that year, how many share any), newest year first."""
    by_year: dict[int, Counter[str]] = {}
    for article in articles:
        counter = by_year.setdefault(article.date.year, Counter())
        for other in set(article.actors):
            if other != entity.id:
                counter[other] += 1
    result = []
    for year in sorted(by_year, reverse=True):
        ranked = sorted(by_year[year].items(), key=lambda item: (-item[1], item[0]))
        if ranked:
            shared: list[tuple[Entity, int]] = [(corpus.actors[i], n) for i, n in ranked[:YEAR_CO_LIMIT]]
            result.append((year, shared, len(ranked)))
    return result


def co_by_year_html(page_uri: str, directory_urls: bool, rows: Sequence[tuple[int, list[tuple[Entity, int]], int]]) -> str:
    """An actor's co-actors per year (`co_actors_by_year`), in a closed `<details>` under "Appears with"."""
    if not rows:
        return ""
    writer = HtmlWriter(page_uri, directory_urls)
    parts = ['<details class="bf-by-year" data-pagefind-ignore>', "<summary>Appears with, year by year</summary>"]
    for year, shared, total in rows:
        more = f" (the {len(shared)} most shared of {total})" if total > len(shared) else ""
        items = ", ".join(f"{writer.entity_link(other)} ({count})" for other, count in shared)
        parts.append(f"<p><strong>{year}</strong>{more}: {items}</p>")
    parts.append("</details>")
    return "\n".join(parts) + "\n"
