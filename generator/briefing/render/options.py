"""What a site may tune in the rendered pages without touching templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefing.model.settings import DEFAULT_OPTIONS, SiteOptions


@dataclass(frozen=True)
class RenderOptions:
    """Set by the plugin (or by `briefing export`) from the `briefing` plugin's options in mkdocs.yml
    (`SiteOptions`, whose defaults these are) and MkDocs' own site name, URL and URL style."""

    home_title: str = DEFAULT_OPTIONS.home_title
    site_name: str = "Briefing"
    site_author: str | None = None  # mkdocs.yml `site_author`: signs the feeds (else the site name)
    site_url: str = "https://example.org/"  # feeds need absolute links
    directory_urls: bool = True  # `/actors/x/` (hosted) or `actors/x.html` (browsable from a folder)
    autolink: bool = DEFAULT_OPTIONS.autolink  # link the first mention of each entry in article bodies
    words_per_minute: int = DEFAULT_OPTIONS.words_per_minute

    @classmethod
    def of(cls, options: SiteOptions, **site: Any) -> RenderOptions:
        """The render options a site's `SiteOptions` give; `site` adds MkDocs' site_name, site_url, directory_urls."""
        return cls(home_title=options.home_title, autolink=options.autolink, words_per_minute=options.words_per_minute, **site)
