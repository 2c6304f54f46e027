"""Candidate names on real wire text: companies the text writes as companies are never typed as people;
the people it quotes stay people (suggest/organisations.py, suggest/people.py)."""

from __future__ import annotations

import pytest

from briefing.suggest.organisations import not_a_person, written_as_organization
from briefing.suggest.people import find_candidates
from tests.support.wire import WIRE, wire_archive


@pytest.fixture(scope="module")
def candidates():
    """story file -> {candidate name: kind}, each story read with the registries built from the tags."""
    articles, registries = wire_archive()
    return {a.source_path: {c.name: c.kind for c in find_candidates(a.body, registries.actors)} for a in articles}


@pytest.mark.parametrize(
    ("story", "company"),
    [
        ("reut-00008.xml", "Industrial Equity"),  # "Industrial Equity (Pacific) Ltd, a Hong Kong investment firm"
        ("reut-00018.xml", "Nippon Kokan"),  # "Nippon Kokan KK <NKKT.T>"
        ("reut-00020.xml", "Atlas Copco"),  # "Atlas Copco <ASTS ST>"
        ("reut-00029.xml", "Dale Burdett"),  # "Dale Burdett Inc said"
        ("reut-00039.xml", "Penn Traffic"),  # "Penn Traffic Co", "shares of Penn Traffic"
        ("reut-00048.xml", "Novo Astro"),  # "a 19 pct stake in Novo Astro, a private company"
    ],
)
def test_a_company_that_reads_like_a_name_is_never_a_person(candidates, story: str, company: str) -> None:
    found = candidates[story]
    assert found.get(company) != "person"
    assert not [n for n, kind in found.items() if kind == "person" and n.startswith(company)]


def test_the_people_the_stories_quote_stay_people(candidates) -> None:
    people = {n for found in candidates.values() for n, kind in found.items() if kind == "person"}
    assert {"Debra Strohmaier", "Richard Lacy", "Peter Goldie", "Sumner Redstone", "Perrin Long", "Warren Idsal"} <= people


def test_no_person_candidate_is_written_anywhere_as_a_company_a_city_or_a_family(candidates) -> None:
    texts = {a.source_path: a.body for a in wire_archive()[0]}
    wrong = [
        (story, name)
        for story, found in candidates.items()
        for name, kind in found.items()
        if kind == "person" and (written_as_organization(name, texts[story]) or not_a_person(name, texts[story]))
    ]
    assert wrong == []
    assert WIRE.is_dir()


def test_the_context_rules_read_as_a_person_would() -> None:
    assert written_as_organization("Novo Astro", "It bought a stake in Novo Astro, a private company.")
    assert not written_as_organization("Debra Strohmaier", "said Debra Strohmaier, a ChemLawn spokeswoman. The company said")
    assert not written_as_organization("Peter Goldie", "Peter Goldie, a group vice president, said")
    assert not written_as_organization("Jane Roe", "Jane Roe, the head of the group, said")
    assert written_as_organization("Pierce Fenner", "Merrill Lynch, Pierce Fenner and Smith Inc has increased")
    assert not_a_person("Santa Barbara", "Financial Corp of Santa Barbara said")
    assert not_a_person("Thre Wallenbergs", "Thre Wallenbergs paid. The Wallenbergs' stake rose.")


def test_a_batch_merges_a_short_company_name_into_the_company_another_file_names_in_full() -> None:
    from briefing.suggest.candidates import merge_candidates
    from briefing.suggest.people import Candidate

    merged = merge_candidates(
        [
            [Candidate("Penn Traffic Co", "organization", 2)],
            [Candidate("Penn Traffic", "person", 3), Candidate("David T. Mizrahi", "person", 1)],
            [Candidate("Mizrahi", "person", 2)],
        ]
    )
    assert [(c.name, c.kind, c.mentions, c.aliases) for c in merged] == [
        ("Penn Traffic Co", "organization", 5, ["Penn Traffic"]),
        ("David T. Mizrahi", "person", 3, ["Mizrahi"]),
    ]


def test_a_candidate_state_comes_with_its_iso_code_and_the_registrys_region() -> None:
    import yaml

    from briefing.cli.review import candidates_yaml, review_article
    from briefing.ingest.rawtext import RawArticle

    articles, registries = wire_archive()
    story = next(a for a in articles if a.source_path == "reut-00001.xml")  # "<Sedio N.V.> of Lugano, Switzerland"
    review = review_article(RawArticle(story.title, [story.body], []), registries, {}, None)
    entries = yaml.safe_load(candidates_yaml(review.candidates))
    assert entries["switzerland"] == {
        "name": "Switzerland",
        "kind": "state",
        "iso": "CH",
        "region": "europe",
    }  # no Western Europe registered
    assert entries["woodco-inc"] == {"name": "Woodco Inc", "kind": "organization"}


def test_a_place_that_opens_with_a_common_word_keeps_it(candidates) -> None:
    """'New' may open a sentence, but "New Jersey" is not the island of Jersey, nor "New York Stock Exchange" "York"."""
    names = {n for found in candidates.values() for n in found}
    assert "Jersey" not in names and "York Stock Exchange" not in names
    assert "New York Stock Exchange" in names


def test_a_city_in_a_companys_name_is_not_its_alias(candidates) -> None:
    from briefing.suggest.people import find_candidates

    articles, registries = wire_archive()
    story = next(a for a in articles if a.source_path == "reut-00032.xml")
    hotel = next(c for c in find_candidates(story.body, registries.actors) if c.name == "Santa Barbara Biltmore Hotel")
    assert hotel.kind == "organization" and "Santa Barbara" not in hotel.aliases
