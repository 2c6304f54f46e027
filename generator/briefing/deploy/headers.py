"""The `Content-Type` and `Cache-Control` of each file of a built site, and the order uploads go in.

Types come from a fixed table, not from the host's mimetypes database, which differs between
machines (a Debian runner and a Mac would label `.woff2` or `.pf_index` differently); an
extension the table lacks falls back to Python's built-in table alone, then to
`application/octet-stream`. Text types say `charset=utf-8` only when the bytes are UTF-8.

Caching has three classes. A file whose name carries a hash of its content (Material's
`assets/javascripts/bundle.<hash>.min.js`, Pagefind's `.pf_*` files: Pagefind names them by a
hash of what they hold, and `site/pagefind_stable.py` keeps it so) never changes at its URL:
cached for a year, `immutable`. Pages and the files that name other files (HTML, feeds,
sitemaps, `robots.txt`, `pagefind-entry.json`, `briefing-parts.json`, data exports) are
revalidated on every use, so a deploy shows at once. Other un-hashed assets (images, Briefing's
scripts and styles, Pagefind's `pagefind.js` and `.pagefind` WebAssembly) keep ten minutes, what
GitHub Pages gives every file.
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
from dataclasses import dataclass

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
SHORT = "public, max-age=600"

OCTET_STREAM = "application/octet-stream"

# By lower-case extension. Text types get `; charset=utf-8` when the file is UTF-8 (see `content_type`).
TYPES: dict[str, str] = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",  # RFC 9239
    ".mjs": "text/javascript",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".json": "application/json",
    ".map": "application/json",  # source maps
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",  # Atom and RSS feeds are told by their root element (`xml_type`)
    ".xsl": "application/xslt+xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
    ".gz": "application/gzip",  # sitemap.xml.gz: a gzip file, not gzip-encoded XML
    ".zip": "application/zip",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    # Pagefind's files are gzip-compressed data that pagefind.js inflates itself: served as they
    # are, with no Content-Encoding (a browser that inflated them would hand Pagefind the wrong bytes).
    ".pagefind": OCTET_STREAM,
    ".pf_meta": OCTET_STREAM,
    ".pf_index": OCTET_STREAM,
    ".pf_fragment": OCTET_STREAM,
    ".pf_filter": OCTET_STREAM,
}
# Python's own table, without the files of the host (`MimeTypes()` copies only the built-in defaults).
_BUILT_IN = mimetypes.MimeTypes()

# Files that name other files, or whose content is the site's: revalidated on every use.
_REVALIDATED_SUFFIXES = {".html", ".htm", ".xml", ".gz", ".txt", ".csv", ".json", ".webmanifest"}
_PAGEFIND_HASHED = {".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"}
# Material's build names its bundles `name.<8 hex>.min.js|css` (and their source maps).
_MATERIAL_HASHED = re.compile(r"^[\w-]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")


@dataclass(frozen=True)
class Headers:
    content_type: str
    cache_control: str


def headers_for(path: str, head: bytes, utf8: bool) -> Headers:
    """What a site file is served with: `path` relative to the site's root, `head` its first
    bytes (to tell an Atom feed from other XML), `utf8` whether all its bytes are UTF-8."""
    return Headers(content_type(path, head, utf8), cache_control(path))


def suffix_of(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def content_type(path: str, head: bytes = b"", utf8: bool = True) -> str:
    suffix = suffix_of(path)
    base = TYPES.get(suffix)
    if base == "application/xml":
        base = xml_type(head)
    if base is None:
        guessed, encoding = _BUILT_IN.guess_type(path, strict=True)
        base = guessed if guessed and encoding is None else OCTET_STREAM
    if base.startswith("text/") and utf8:
        return f"{base}; charset=utf-8"
    return base


def xml_type(head: bytes) -> str:
    """`application/atom+xml` for an Atom feed, `application/rss+xml` for RSS, else `application/xml`."""
    text = head[:2048].decode("utf-8", errors="replace")
    root = re.search(r"<(?![?!])([\w:.-]+)", text)
    name = root.group(1).rsplit(":", 1)[-1] if root else ""
    if name == "feed" and "http://www.w3.org/2005/Atom" in text:
        return "application/atom+xml"
    if name == "rss":
        return "application/rss+xml"
    return "application/xml"


def is_content_hashed(path: str) -> bool:
    """Whether the file's name changes whenever its content does (so it may be cached for good)."""
    name = posixpath.basename(path)
    if path.startswith("pagefind/") and suffix_of(name) in _PAGEFIND_HASHED:
        return True
    return path.startswith("assets/") and _MATERIAL_HASHED.match(name) is not None


def cache_control(path: str) -> str:
    if is_content_hashed(path):
        return IMMUTABLE
    if suffix_of(path) in _REVALIDATED_SUFFIXES:
        return REVALIDATE
    return SHORT


# Upload order: a file goes up after the files it names, so a reader never gets a page or an
# index that points at a file not there yet (deletes go the other way round).
RANK_ASSET, RANK_SEARCH_META, RANK_SEARCH_ENTRY, RANK_SEARCH_PARTS, RANK_PAGE, RANK_LISTING = range(6)


def upload_rank(path: str) -> int:
    """0: assets and Pagefind's chunks; 1: Pagefind's metadata (names the chunks); 2: its entry
    files (name the metadata); 3: `briefing-parts.json` (names the parts' entry files); 4: HTML
    pages (load the assets and the search); 5: feeds, sitemaps, robots.txt and data exports
    (name the pages)."""
    suffix = suffix_of(path)
    if suffix == ".pf_meta":
        return RANK_SEARCH_META
    if path.startswith("pagefind/") and suffix == ".json":
        return RANK_SEARCH_ENTRY if posixpath.basename(path) == "pagefind-entry.json" else RANK_SEARCH_PARTS
    if suffix in (".html", ".htm"):
        return RANK_PAGE
    if cache_control(path) == REVALIDATE:
        return RANK_LISTING
    return RANK_ASSET
