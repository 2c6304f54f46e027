"""What the SVG and the filter form share: escaping, and each kind's colour and title."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import cast

from briefing.model.entities import ACTOR_KIND_TITLES

# Okabe-Ito hues, chosen to be told apart with the common colour-vision deficiencies, each
# with at least 3:1 contrast on Material's white and on its dark "slate" background.
KIND_COLOURS = {"person": "#1f78b4", "state": "#d55e00", "organization": "#009e73", "group": "#cc79a7"}
OTHER_COLOUR = "#767676"


def escape_text(value: object) -> str:
    """Text for SVG or HTML: whitespace collapsed (a newline in a name must not break the raw
    HTML block it sits in), then escaped, quotes included."""
    return html.escape(" ".join(str(value).split()), quote=True)


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_COLOUR)


def kind_title(kind: str) -> str:
    # Keyed by `ActorKind`; looking up any other string is safe and falls back to the default.
    return cast(Mapping[str, str], ACTOR_KIND_TITLES).get(kind, kind.capitalize())
