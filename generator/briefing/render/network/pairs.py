"""The network's accessible twin: its strongest pairs as a table, folded in a <details>.

A closed <details> costs the browser no layout, and the table is bounded (`limit` rows)
whatever the corpus size; each actor's page lists all who appear with it. Written one element
per line, no blank line, no indentation, so it passes through Markdown as a raw HTML block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.render.network.graph import ActorLike
from briefing.render.network.markup import escape_text as _e

RIGHT = ' style="text-align: right"'


def network_pairs_html(
    pairs: Sequence[tuple[ActorLike, ActorLike, int]],
    url_for: Callable[[str], str],
    *,
    total: int,
    count_href: Callable[[str, str, int], str] | None = None,
) -> str:
    """`pairs` (strongest first) as a folded table of links; `total` says how many pairs exist.

    `url_for(actor_id)` must give the final, output-relative URL (raw HTML is not rewritten);
    `count_href(a, b, weight)`, if given, links each count to the briefings naming both.
    """
    shown = len(pairs)
    summary = f"The {shown} strongest of {total} pairs" if total > shown else f"All {total} {'pair' if total == 1 else 'pairs'}"
    lines = [
        '<details class="bn-pairs">',
        f"<summary>{summary}, by shared briefings</summary>",
        "<table>",
        f"<thead><tr><th>Actor</th><th>Actor</th><th{RIGHT}>Shared briefings</th></tr></thead>",
        "<tbody>",
    ]
    for a, b, weight in pairs:
        count = f'<a href="{_e(count_href(a.id, b.id, weight))}">{weight}</a>' if count_href is not None else str(weight)
        lines.append(
            f'<tr><td><a href="{_e(url_for(a.id))}">{_e(a.name)}</a></td>'
            f'<td><a href="{_e(url_for(b.id))}">{_e(b.name)}</a></td><td{RIGHT}>{count}</td></tr>'
        )
    lines += ["</tbody>", "</table>", "</details>"]
    return "\n".join(lines)
