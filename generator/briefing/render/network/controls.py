"""The filter form beside the network's SVG: kinds, minimum shared briefings, focus actor.

The script behind it is the static asset `site/theme/assets/briefing-network.js`.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing.render.network.graph import ActorLike, ordered_kinds
from briefing.render.network.markup import escape_text as _e
from briefing.render.network.markup import kind_colour, kind_title


def network_controls_html(
    kinds: Iterable[str],
    actors: Iterable[ActorLike],
    *,
    max_weight: int = 1,
    target: str = "briefing-network",
) -> str:
    """The filter form for the SVG whose id is `target`: kinds, minimum shared briefings, focus.

    The form is `hidden` until the script `briefing-network.js` runs, so without JavaScript nobody meets controls
    that do nothing. `actors` (id, name) fill the "focus on actor" list, sorted by name; pass
    the shown nodes (`network.nodes`), with `kinds=network.kinds` and
    `max_weight=network.max_weight`. One element per line, no blank line, no indentation,
    well-formed XML too: a raw HTML block in Markdown.
    """
    tid = _e(target)
    lines = [
        f'<form class="briefing-network-controls" data-target="{tid}" hidden="hidden">',
        "<fieldset>",
        "<legend>Kinds of actor</legend>",
    ]
    for kind in ordered_kinds(kinds):
        lines.append(
            f'<label><input type="checkbox" name="kind" value="{_e(kind)}" checked="checked"/>'
            f' <span class="bn-swatch" style="display:inline-block;width:.75em;height:.75em;border-radius:50%;background:{kind_colour(kind)}"></span> {_e(kind_title(kind))}</label>'
        )
    lines.append("</fieldset>")
    top = max(int(max_weight), 1)
    lines.append(
        f'<label>Minimum shared briefings <input type="number" name="min" min="1" max="{top}" step="1" value="1"'
        ' inputmode="numeric"/></label>'
    )
    lines.append('<label>Focus on actor <select name="focus">')
    lines.append('<option value="">All actors</option>')
    unique = {actor.id: actor for actor in actors}
    for actor in sorted(unique.values(), key=lambda a: (a.name.casefold(), a.name, a.id)):
        lines.append(f'<option value="{_e(actor.id)}">{_e(actor.name)}</option>')
    lines.append("</select></label>")
    # A form needs a submit button (WCAG 2, 3.2.2): Enter or "Apply" filters now; the script stops the page reload.
    lines.append('<button type="submit">Apply</button>')
    lines.append('<button type="reset">Show all</button>')
    lines.append('<p class="bn-status" role="status" aria-live="polite"></p>')
    lines.append("</form>")
    return "\n".join(lines)
