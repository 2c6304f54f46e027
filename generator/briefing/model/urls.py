"""Where every generated page lives, decided in one place.

Pages are addressed by their Markdown source URI (`actors/xi-jinping.md`); the site
generator turns that into a URL (`/actors/xi-jinping/`). URIs come from file names
and registry ids, never from titles, so links stay stable when a headline changes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from urllib.parse import quote

from briefing.model.entities import Article, Collection, Entity

HOME = "index.md"
TIMELINE = "timeline.md"


def article_uri(article: Article) -> str:
    """`articles/YYYY/MM/<slug>.md` (computed once, when the Article is made)."""
    return article.uri


def entity_uri(entity: Entity) -> str:
    return entity_uri_for(entity.collection, entity.id)


def entity_uri_for(collection: Collection, entity_id: str) -> str:
    return f"{collection}/{entity_id}.md"


def collection_index_uri(collection: Collection) -> str:
    return f"{collection}/index.md"


@lru_cache(maxsize=65536)
def relative_link(from_uri: str, to_uri: str) -> str:
    """A link from one page's source to another's, as Markdown writes it (`../x.md`).

    URIs are normalised relative paths, so this is plain prefix arithmetic (posixpath.relpath
    would consult the working directory, and is called for every link on every page).
    """
    source = from_uri.split("/")[:-1]
    target = to_uri.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The URL a page is served at: `actors/x.md` -> `actors/x/` (or `actors/x.html`)."""
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + ("" if directory_urls else "index.html")
    return stem + "/" if directory_urls else stem + ".html"


def html_href(from_uri: str, to_uri: str, directory_urls: bool = True, fragment: str = "") -> str:
    """A final, output-relative URL for raw HTML (lists, SVG links), which MkDocs does not rewrite
    (`to_uri` may end in `#fragment`).

    Prefix arithmetic on normalised URLs, like `relative_link`: it runs for every listed item,
    so each page's URL is split once (`_url_parts`) and the pairs are not cached (too many).
    """
    if not fragment and "#" in to_uri:
        to_uri, _, fragment = to_uri.partition("#")
    source_dir = _url_parts(from_uri, directory_urls)[:-1]
    target = _url_parts(to_uri, directory_urls)
    common = 0
    limit = min(len(source_dir), len(target) - 1)
    while common < limit and source_dir[common] == target[common]:
        common += 1
    relative = "../" * (len(source_dir) - common) + "/".join(target[common:])
    return (relative or "./") + ("#" + fragment if fragment else "")


@cache
def _url_parts(uri: str, directory_urls: bool) -> tuple[str, ...]:
    return tuple(page_url(uri, directory_urls).split("/"))


def absolute_url(site_url: str, uri: str, directory_urls: bool = True) -> str:
    return site_url.rstrip("/") + "/" + quoted_url(page_url(uri, directory_urls))


def quoted_url(url: str) -> str:
    """A page URL made of ids and slugs, percent-encoded all the same before Briefing writes it
    anywhere (feeds, data exports): a character a URL may not hold can never reach an output."""
    return quote(url, safe="/")


def encoded_url(url: str) -> str:
    """An editor's http(s) URL with quotes, angle brackets, spaces and the like percent-encoded,
    as browsers would send it: the href is then a plain URL, whatever was typed."""
    return "".join(f"%{ord(c):02X}" if c in "<>()[] \"'\\`" else c for c in url)


def feed_uri(entity: Entity | None = None) -> str:
    """`feeds/all.xml`, or `feeds/actors/<id>.xml` for one actor, topic or region."""
    if entity is None:
        return "feeds/all.xml"
    return f"feeds/{entity.collection}/{entity.id}.xml"


SEARCH = "search.md"
NETWORK = "network.md"
NETWORK_SCRIPT = "assets/briefing-network.js"
PERIODS_SCRIPT = "assets/briefing-periods.js"  # the network over time (theme assets, like NETWORK_SCRIPT)
DATA_JSON = "briefing.json"
DATA_CSV = "articles.csv"


def timeline_month_uri(month: dt.date) -> str:
    """`timeline/2024-05.md`: one page per month keeps the timeline small at any size."""
    return f"timeline/{month:%Y-%m}.md"


MAP = "map.md"
DIGESTS = "digests/index.md"
DIGEST_FEED = "feeds/digests.xml"


def digest_uri(year: int, week: int) -> str:
    """`digests/2024-W20.md`: one page per ISO week with briefings."""
    return f"digests/{year}-W{week:02d}.md"


def pair_uri(actor_id: str, other_id: str) -> str:
    """`actors/<a>/with/<b>.md`: the briefings naming both actors (a < b: one page per pair), for
    the pairs sharing too many briefings for a section of `pairs_uri`."""
    first, second = sorted((actor_id, other_id))
    return f"actors/{first}/with/{second}.md"


def pairs_uri(actor_id: str) -> str:
    """`actors/<a>/with.md`: the pairs of `a` kept there, a section each (`pair_fragment`)."""
    return f"actors/{actor_id}/with.md"


def pair_fragment(other_id: str) -> str:
    """The id of the section of `pairs_uri` on the briefings naming its actor and `other_id`."""
    return f"with-{other_id}"


CORRECTIONS = "corrections.md"
CORRECTIONS_FEED = "feeds/corrections.xml"


def correction_fragments(article: Article) -> list[str]:
    """The anchor of each of an article's corrections (`correction-2024-05-20`, then `-2` for a
    second one that day): stable while the earlier corrections stay as they are."""
    fragments: list[str] = []
    seen: dict[dt.date, int] = {}
    for correction in article.corrections:
        seen[correction.date] = seen.get(correction.date, 0) + 1
        suffix = f"-{seen[correction.date]}" if seen[correction.date] > 1 else ""
        fragments.append(f"correction-{correction.date.isoformat()}{suffix}")
    return fragments
