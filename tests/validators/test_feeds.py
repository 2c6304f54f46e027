"""Every built feed is valid Atom (RFC 4287), authors included: what the W3C feed validator asks."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.support.atom import ATOM, NS, atom_problems


def _feeds(site: Path) -> list[Path]:
    feeds = sorted(p for p in site.rglob("*.xml") if p.name != "sitemap.xml")
    assert site / "feeds" / "all.xml" in feeds and len(feeds) > 50
    return feeds


def test_every_feed_is_valid_atom(demo_site: Path) -> None:
    problems = {str(feed.relative_to(demo_site)): atom_problems(feed.read_bytes()) for feed in _feeds(demo_site)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_every_feed_is_signed_by_the_site(demo_site: Path) -> None:
    for feed in _feeds(demo_site):
        document = etree.parse(str(feed)).getroot()
        assert document.findtext("atom:author/atom:name", namespaces=NS) == "Briefing"  # mkdocs.yml: site_name, no site_author


def test_the_check_rejects_what_the_w3c_validator_rejects(demo_site: Path) -> None:
    """Without the authors, the same feed fails with the W3C validator's message."""
    feed = next(p for p in _feeds(demo_site) if p.name == "vladimir-putin.xml")
    document = etree.parse(str(feed)).getroot()
    for author in list(document.iter(f"{{{ATOM}}}author")):
        author.getparent().remove(author)
    problems = atom_problems(etree.tostring(document))
    entries = len(document.findall("atom:entry", NS))
    assert entries and [p for p in problems if "Missing entry element: author" in p] == [
        f"entry {n}: Missing entry element: author (RFC 4287, 4.1.2: on the entry, its source or the feed)" for n in range(1, entries + 1)
    ]
    for element in list(document.iter(f"{{{ATOM}}}id"))[:1]:
        element.getparent().remove(element)
    assert any("atom:id" in p for p in atom_problems(etree.tostring(document)))
