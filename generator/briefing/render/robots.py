"""robots.txt: every page may be crawled, and the sitemap MkDocs writes says where they are.

Crawlers read robots.txt only at the root of a host: it takes effect where the site is served
from a domain's root (a custom domain on GitHub Pages), and is harmless below one.
"""

from __future__ import annotations

from briefing.model.urls import absolute_url


def render_robots(site_url: str | None) -> str:
    """The file's text; the `Sitemap:` line needs the absolute address of the site."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {absolute_url(site_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"
