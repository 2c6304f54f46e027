"""Check an Atom feed against RFC 4287: its RELAX NG grammar, then the rules a grammar cannot say.

No feed validator installs from PyPI or npm (the W3C's runs as a web service), and feedparser
accepts feeds the W3C validator rejects ("Missing entry element: author"). So: the grammar of
RFC 4287 Appendix B, written out in `schemas/atom.rnc` and read with rnc2rng and lxml, plus the
"MUST"s of sections 4.1.1 and 4.1.2 on every feed and entry.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import rnc2rng
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM}
GRAMMAR = Path(__file__).parent / "schemas" / "atom.rnc"


@functools.cache
def atom_grammar() -> etree.RelaxNG:
    # rnc2rng declares the no-namespace prefix as xmlns:local="", which XML 1.0 namespaces forbid;
    # the grammar refers to that namespace by ns="" only, so the declaration can go.
    rng = rnc2rng.dumps(rnc2rng.load(str(GRAMMAR))).replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def atom_problems(xml: bytes) -> list[str]:
    """Every way `xml` breaks RFC 4287, one line each (empty when it is a valid Atom feed)."""
    try:
        document = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if document.tag != f"{{{ATOM}}}feed":
        return [f"the root element is {document.tag}, not atom:feed"]
    grammar = atom_grammar()
    problems = [] if grammar.validate(document) else [f"line {e.line}: {e.message}" for e in grammar.error_log]
    problems += _feed_rules(document)
    return problems


def _feed_rules(feed: etree._Element) -> list[str]:
    problems = []
    for name in ("id", "title", "updated"):
        if len(feed.findall(f"atom:{name}", NS)) != 1:
            problems.append(f"feed: must have exactly one atom:{name} (RFC 4287, 4.1.1)")
    if not any(link.get("rel") == "self" for link in feed.findall("atom:link", NS)):
        problems.append("feed: should have an atom:link with rel='self' (RFC 4287, 4.1.1)")
    feed_has_author = _has_author(feed)
    ids: set[str] = set()
    for number, entry in enumerate(feed.findall("atom:entry", NS), 1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            if len(entry.findall(f"atom:{name}", NS)) != 1:
                problems.append(f"{where}: must have exactly one atom:{name} (RFC 4287, 4.1.2)")
        source = entry.find("atom:source", NS)
        if not (_has_author(entry) or feed_has_author or (source is not None and _has_author(source))):
            problems.append(f"{where}: Missing entry element: author (RFC 4287, 4.1.2: on the entry, its source or the feed)")
        if entry.find("atom:content", NS) is None and not any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall("atom:link", NS)
        ):
            problems.append(f"{where}: without atom:content it must have an alternate atom:link (RFC 4287, 4.1.2)")
        entry_id = entry.findtext("atom:id", default="", namespaces=NS)
        if entry_id in ids:
            problems.append(f"{where}: id {entry_id} is used by an earlier entry")
        ids.add(entry_id)
    for element in feed.iter(f"{{{ATOM}}}updated", f"{{{ATOM}}}published"):
        if not _is_rfc3339(element.text or ""):
            problems.append(f"line {element.sourceline}: {element.text!r} is not an RFC 3339 date-time with a time zone")
    for author in feed.iter(f"{{{ATOM}}}author"):
        if not (author.findtext("atom:name", default="", namespaces=NS)).strip():
            problems.append(f"line {author.sourceline}: atom:author must have a non-empty atom:name (RFC 4287, 3.2.1)")
    return problems


def _has_author(element: etree._Element) -> bool:
    return element.find("atom:author", NS) is not None


def _is_rfc3339(text: str) -> bool:
    try:
        parsed = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text and parsed.tzinfo is not None
