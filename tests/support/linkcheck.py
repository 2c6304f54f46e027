"""Check every internal link of a built site: the target file exists and so does its #anchor."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str


def internal_links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    links = []
    for tag, attribute in LINK_ATTRIBUTES:
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value and not urlsplit(value).scheme and not value.startswith("//"):
                links.append(value)
    return links


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a relative href points to from `page`, and its fragment."""
    parts = urlsplit(href)
    page_dir = page.parent.relative_to(site).as_posix()
    if parts.path.startswith("/"):
        raise ValueError(f"absolute link {href!r}: breaks when the site is served from a sub-path or a folder")
    target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path))) if parts.path else page.relative_to(site).as_posix()
    path = site / target
    if path.is_dir() or href.split("#")[0].endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


@lru_cache(maxsize=4096)
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(element["id"] for element in soup.find_all(id=True))


def check_site(site: Path) -> list[BrokenLink]:
    """Every broken internal link in the site, as (page, href, reason)."""
    _ids.cache_clear()
    broken: list[BrokenLink] = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        for href in internal_links(page.read_text(encoding="utf-8")):
            try:
                target, fragment = resolve(site, page, href)
            except ValueError as exc:
                broken.append(BrokenLink(name, href, str(exc)))
                continue
            if not target.is_file():
                broken.append(BrokenLink(name, href, "no such file"))
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                broken.append(BrokenLink(name, href, f"no element with id '{fragment}'"))
    return broken
