"""Where every generated page lives, decided in one place.

Pages are addressed by their Markdown source URI (`actors/xi-jinping.md`); the site
generator turns that into a URL (`/actors/xi-jinping/`). URIs come from file names
and registry ids, never from titles, so links stay stable when a headline changes.
"""

from __future__ import annotations

import posixpath

from .model import Article, Collection, Entity

HOME = "index.md"
TIMELINE = "timeline.md"


def article_uri(article: Article) -> str:
    return f"articles/{article.date:%Y}/{article.date:%m}/{article.slug}.md"


def entity_uri(entity: Entity) -> str:
    return entity_uri_for(entity.collection, entity.id)


def entity_uri_for(collection: Collection, entity_id: str) -> str:
    return f"{collection}/{entity_id}.md"


def collection_index_uri(collection: Collection) -> str:
    return f"{collection}/index.md"


def relative_link(from_uri: str, to_uri: str) -> str:
    """A link from one page's source to another's, as Markdown writes it (`../x.md`)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def page_url(uri: str) -> str:
    """The directory-style URL a page is served at (`actors/x.md` -> `actors/x/`)."""
    if uri == HOME:
        return ""
    stem = uri.removesuffix(".md")
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
