"""The theme's icons in one SVG sprite file, so that pages need not each carry their paths.

Material writes each icon's SVG inline wherever it is used: the logo and the repository icon
twice per page (header and navigation drawer), the colour-scheme toggles, the edit button, about
4 KB on every page of the site. A hosted build draws them with `<use href="sprite#id">` from
`SPRITE`, fetched once and cached (`site/theme/partials/briefing-icon.html`); a site opened from a
folder keeps them inline, since a file:// page may not use another file's SVG.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SPRITE = "assets/briefing-icons.svg"

_SVG = re.compile(r'<svg\b[^>]*\bviewBox="([^"]+)"[^>]*>(.*)</svg>\s*$', re.S)


@dataclass(frozen=True)
class Sprite:
    """The sprite's bytes and each icon's viewBox, by the name templates use (`material/library`)."""

    content: bytes
    boxes: dict[str, str]


def symbol_id(name: str) -> str:
    return name.replace("/", "--")


def build_sprite(names: Iterable[str], theme_dirs: Sequence[str]) -> Sprite:
    """A `<symbol>` per icon found in the theme's `.icons` folders (the first folder that has it,
    as the theme's own templates find it); icons not found, or not drawn as one `<svg viewBox>`,
    are left out and stay inline."""
    symbols: list[str] = []
    boxes: dict[str, str] = {}
    for name in sorted(set(names)):
        source = next((Path(d, ".icons", name + ".svg") for d in theme_dirs if Path(d, ".icons", name + ".svg").is_file()), None)
        if source is None:
            continue
        found = _SVG.match(source.read_text(encoding="utf-8").strip())
        if found is None:
            continue
        box, inner = found.groups()
        boxes[name] = box
        symbols.append(f'<symbol id="{symbol_id(name)}" viewBox="{box}">{inner}</symbol>')
    content = '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"
    return Sprite(content.encode("utf-8"), boxes)
