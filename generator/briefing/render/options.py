"""What a site may tune in the rendered pages without touching templates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """Set from mkdocs.yml by the plugin (or by `briefing export`); every page family reads them."""

    home_title: str = "Latest briefings"
    site_name: str = "Briefing"
    site_url: str = "https://example.org/"  # feeds need absolute links
    directory_urls: bool = True  # `/actors/x/` (hosted) or `actors/x.html` (browsable from a folder)
    autolink: bool = True  # link the first mention of each entry in article bodies
    words_per_minute: int = 220
    more_on_actors: int = 3  # "More on <actor>" lists at the end of an article
    more_on_articles: int = 3
