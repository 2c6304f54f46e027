"""Schema.org JSON-LD for search engines and other software: `NewsArticle` on article pages,
`Person`, `Organization`, `Country`, `Place` (and `DefinedTerm` for topics) on entry pages, a
`ProfilePage` on author pages.

Plain data (dicts of strings), serialised here once (`script_json`) with `<`, `>`, `&` and `'`
escaped as `\u003c`..., so no value can end the script element (`</script>` in a title stays
text); the page's front matter carries that text and the theme writes it into the page's head as
it is. (As one string, not a mapping, it costs MkDocs' front matter parser a fifth as much.)
Properties follow Google's Article documentation (headline, datePublished, dateModified, author
with name and url) and schema.org.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.model.entities import Actor, Article, Author, Entity, Region, Source, Topic
from briefing.model.urls import absolute_url, entity_uri
from briefing.render.options import RenderOptions

CONTEXT = "https://schema.org"
ACTOR_TYPES = {"person": "Person", "state": "Country", "organization": "Organization", "group": "Organization"}


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


def script_json(data: dict[str, Any]) -> str:
    """`data` as JSON that can sit inside `<script type="application/ld+json">`: nothing in it is
    markup to an HTML parser (the characters that could be are JSON escapes), keys in order."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SCRIPT_SAFE)


def wikidata_url(item: str) -> str:
    return f"https://www.wikidata.org/wiki/{item}"


def _url(entity: Entity, options: RenderOptions) -> str:
    return absolute_url(options.site_url, entity_uri(entity), options.directory_urls)


def schema_type(entity: Entity) -> str:
    if isinstance(entity, Actor):
        return ACTOR_TYPES[entity.kind]
    if isinstance(entity, Region):
        return "Place"
    if isinstance(entity, Topic):
        return "DefinedTerm"
    return "Person"


def thing(entity: Entity, options: RenderOptions) -> dict[str, Any]:
    """A short reference to an entry: its type, name, page and Wikidata item."""
    data: dict[str, Any] = {"@type": schema_type(entity), "name": entity.name, "url": _url(entity, options)}
    if entity.wikidata:
        data["sameAs"] = wikidata_url(entity.wikidata)
    return data


def _person(author: Author, options: RenderOptions) -> dict[str, Any]:
    data = thing(author, options)
    same_as = [wikidata_url(author.wikidata)] if author.wikidata else []
    same_as += [url for _, url in author.links]
    if same_as:
        data["sameAs"] = same_as
    return data


def _source_work(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CreativeWork", "name": source.name}
    if source.url:
        data["url"] = source.url
    return data


def publisher(options: RenderOptions) -> dict[str, Any]:
    return {"@type": "Organization", "name": options.site_name, "url": options.site_url}


def article_data(
    article: Article,
    authors: list[Author],
    actors: list[Entity],
    topics: list[Entity],
    region: Entity,
    options: RenderOptions,
) -> dict[str, Any]:
    """The `NewsArticle` of an article page. Its author is its authors; without any, the source
    it is based on (an organisation), else the site."""
    url = absolute_url(options.site_url, article.uri, options.directory_urls)
    published = article.published_at.isoformat() if article.published_at is not None else article.date.isoformat()
    author: list[dict[str, Any]]
    if authors:
        author = [_person(a, options) for a in authors]
    elif article.source is not None:
        author = [{"@type": "Organization", "name": article.source.name, **({"url": article.source.url} if article.source.url else {})}]
    else:
        author = [publisher(options)]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "datePublished": published,
        "dateModified": article.modified.isoformat() if article.modified is not None else published,
        "author": author,
        "publisher": publisher(options),
        "contentLocation": thing(region, options),
        "isAccessibleForFree": True,
    }
    if article.summary:
        data["description"] = " ".join(article.summary.split())
    if article.source is not None:
        data["isBasedOn"] = _source_work(article.source)
        data["citation"] = _source_work(article.source)
    if actors:
        data["about"] = [thing(actor, options) for actor in actors]
    if topics:
        data["keywords"] = [topic.name for topic in topics]
        data["mentions"] = [thing(topic, options) for topic in topics]
    if article.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": c.date.isoformat(), "text": c.text} for c in article.corrections
        ]
    return data


def entity_data(entity: Entity, options: RenderOptions) -> dict[str, Any]:
    """An actor, topic or region page: the entry as what it is (`Person`, `Country`...)."""
    data: dict[str, Any] = {"@context": CONTEXT, **thing(entity, options)}
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.description:
        data["description"] = entity.description
    if isinstance(entity, Actor) and entity.kind == "person" and entity.role:
        data["jobTitle"] = entity.role
    return data


def author_data(author: Author, options: RenderOptions) -> dict[str, Any]:
    """An author's page: a `ProfilePage` whose main entity is the author."""
    person = _person(author, options)
    if author.aliases:
        person["alternateName"] = list(author.aliases)
    if author.role:
        person["jobTitle"] = author.role
    if author.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    if author.description:
        person["description"] = author.description
    return {"@context": CONTEXT, "@type": "ProfilePage", "url": person["url"], "mainEntity": person}
