"""registry: loading actors/topics/regions and resolving names to ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.load.registry import load_registry
from briefing.model.entities import Actor, Region, Topic
from briefing.model.problems import ProblemLog
from briefing.model.registry import Registry, Resolution


def load(tmp_path: Path, collection: str, text: str | bytes, name: str | None = None) -> tuple[Registry, list[str]]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    path = data / (name or f"{collection}.yml")
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    log = ProblemLog(tmp_path)
    registry = load_registry(collection, path, log)  # type: ignore[arg-type]
    return registry, [p.format() for p in log.sorted()]


# ------------------------------------------------------------------ resolving names


@pytest.mark.parametrize(
    "name",
    ["xi-jinping", "Xi Jinping", "Xi", "President Xi", "xi jinping", "XI JINPING", "  Xi   Jinping ", "XI-JINPING", "president xi"],
)
def test_actor_resolves_by_id_name_alias_any_case(registries, name: str) -> None:
    regs, _, _ = registries

    assert regs.actors.resolve(name) == Resolution("xi-jinping")


@pytest.mark.parametrize(
    "name",
    [
        "China–Russia relations",  # en dash, as in the registry
        "China-Russia relations",  # ASCII hyphen-minus
        "China—Russia relations",  # em dash
        "China‑Russia relations",  # non-breaking hyphen
        "CHINA-RUSSIA RELATIONS",
        "sino-russian relations",
        "Sino–Russian relations",
        "china-russia-relations",
    ],
)
def test_topic_resolution_ignores_case_and_dash_kind(registries, name: str) -> None:
    regs, _, _ = registries

    assert regs.topics.resolve(name) == Resolution("china-russia-relations")


def test_region_resolves_by_alias(registries) -> None:
    regs, _, _ = registries

    assert regs.regions.resolve("korea") == Resolution("korean-peninsula")


def test_misspelt_name_suggests_the_canonical_name(registries) -> None:
    regs, _, _ = registries

    assert regs.actors.resolve("Xi Jingping") == Resolution(
        None, "unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)", closest_id="xi-jinping"
    )


def test_suggestion_from_an_alias_names_the_entry(registries) -> None:
    regs, _, _ = registries

    assert regs.topics.resolve("Sino-Russan relations") == Resolution(
        None,
        "unknown topic 'Sino-Russan relations' (did you mean 'China–Russia relations'?)",
        closest_id="china-russia-relations",
    )


def test_unknown_name_without_a_close_match(registries) -> None:
    regs, _, _ = registries

    assert regs.actors.resolve("Emmanuel Macron") == Resolution(
        None, "unknown actor 'Emmanuel Macron'; add it to actors.yml or check the spelling"
    )
    assert regs.regions.resolve("Atlantis") == Resolution(None, "unknown region 'Atlantis'; add it to regions.yml or check the spelling")


def test_names_do_not_cross_collections(registries) -> None:
    regs, _, _ = registries

    assert regs.topics.resolve("Xi Jinping").id is None
    assert regs.actors.resolve("Sanctions").id is None


# ------------------------------------------------------------------ loaded entries


def test_entries_become_value_objects(registries) -> None:
    regs, _, _ = registries

    xi = regs.actors.entries["xi-jinping"]
    assert xi == Actor(
        collection="actors",
        id="xi-jinping",
        name="Xi Jinping",
        aliases=("Xi", "President Xi"),
        description="Leader of China since 2012.",
        source_path="data/actors.yml",
        source_line=1,
        kind="person",
        role="President of China",
        country="China",
    )
    assert regs.actors.entries["china"].source_line == 15
    assert isinstance(regs.topics.entries["sanctions"], Topic)
    east_asia = regs.regions.entries["east-asia"]
    assert isinstance(east_asia, Region)
    assert east_asia.parent == "asia"
    assert regs.regions.entries["asia"].parent is None
    assert list(regs.actors.entries) == ["xi-jinping", "vladimir-putin", "china", "russia", "nato"]
    assert len(regs.actors) == 5
    assert [e.id for e in regs.topics] == ["china-russia-relations", "sanctions", "trade"]


def test_empty_registry_file_is_valid_and_empty(tmp_path: Path) -> None:
    registry, problems = load(tmp_path, "topics", "# nothing yet\n")

    assert problems == []
    assert len(registry) == 0
    assert registry.resolve("Trade") == Resolution(None, "unknown topic 'Trade'; add it to topics.yml or check the spelling")


def test_bom_and_crlf_in_a_registry_are_accepted(tmp_path: Path) -> None:
    registry, problems = load(tmp_path, "topics", b"\xef\xbb\xbftrade:\r\n  name: Trade\r\n  description: Flows.\r\n")

    assert problems == []
    assert registry.resolve("trade") == Resolution("trade")


# ------------------------------------------------------------------ problems


def test_alias_claimed_by_two_entries_names_both(tmp_path: Path) -> None:
    registry, problems = load(
        tmp_path,
        "actors",
        "alpha:\n"
        "  name: Alpha\n"
        "  kind: person\n"
        "  aliases: [Shared]\n"
        "  description: a\n"
        "beta:\n"
        "  name: Beta\n"
        "  kind: state\n"
        "  aliases: [Gamma, shared]\n"
        "  description: b\n",
    )

    assert problems == [
        "data/actors.yml:9:20: beta.aliases: 'shared' is already a name or alias of 'Alpha' (alpha); each name must point to one actor"
    ]
    # the first claim wins; the second entry keeps its other names
    assert registry.resolve("Shared") == Resolution("alpha")
    assert registry.resolve("Gamma") == Resolution("beta")


def test_name_equal_to_another_entrys_name_is_an_error(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path,
        "topics",
        "trade:\n  name: Trade\n  description: a\ncommerce:\n  name: trade\n  description: b\n",
    )

    assert problems == [
        "data/topics.yml:5:9: commerce.name: 'trade' is already a name or alias of 'Trade' (trade); each name must point to one topic"
    ]


def test_alias_equal_to_another_entrys_id_is_an_error(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path,
        "regions",
        "asia:\n  name: Asia\n  description: a\nfar-east:\n  name: Far East\n  aliases: [ASIA]\n  description: b\n",
    )

    assert problems == [
        "data/regions.yml:6:13: far-east.aliases: 'ASIA' is already a name or alias of 'Asia' (asia); each name must point to one region"
    ]


def test_bad_id_is_reported_and_skipped(tmp_path: Path) -> None:
    registry, problems = load(
        tmp_path,
        "actors",
        "Xi_Jinping:\n  name: Xi Jinping\n  kind: person\n  description: x\nok-id:\n  name: Ok\n  kind: person\n  description: y\n",
    )

    assert problems == ["data/actors.yml:1:1: Xi_Jinping: ids use lowercase letters, digits and single hyphens (e.g. 'xi-jinping')"]
    assert list(registry.entries) == ["ok-id"]


@pytest.mark.parametrize("bad_id", ["Xi", "xi--jinping", "-xi", "xi-", "xi jinping", "xi_jinping"])
def test_ids_must_be_lowercase_words_with_single_hyphens(tmp_path: Path, bad_id: str) -> None:
    registry, problems = load(tmp_path, "topics", f"'{bad_id}':\n  name: N\n  description: d\n")

    assert problems == [f"data/topics.yml:1:1: {bad_id}: ids use lowercase letters, digits and single hyphens (e.g. 'xi-jinping')"]
    assert len(registry) == 0


@pytest.mark.parametrize("collection", ["actors", "topics", "regions"])
def test_id_index_is_reserved(tmp_path: Path, collection: str) -> None:
    registry, problems = load(tmp_path, collection, "index:\n  name: Index\n  kind: group\n  description: d\n")

    assert problems == [f"data/{collection}.yml:1:1: index: the id 'index' is reserved for the {collection} index pages; choose another"]
    assert len(registry) == 0


def test_wrong_kind_lists_the_allowed_values(tmp_path: Path) -> None:
    registry, problems = load(tmp_path, "actors", "xi-jinping:\n  name: Xi Jinping\n  kind: leader\n  description: x\n")

    assert problems == ["data/actors.yml:3:9: xi-jinping.kind: must be one of 'person', 'state', 'organization' or 'group', got 'leader'"]
    assert registry.resolve("xi-jinping").id == "xi-jinping"  # kept for its names: articles naming it get no second error


def test_misspelt_kind_gets_a_suggestion(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "actors", "nato:\n  name: NATO\n  kind: organisation\n  description: x\n")

    assert problems == [
        "data/actors.yml:3:9: nato.kind: must be one of 'person', 'state', 'organization' or 'group', "
        "got 'organisation' (did you mean 'organization'?)"
    ]


def test_missing_required_fields_point_at_the_entry_id(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "actors", "xi-jinping:\n  name: Xi Jinping\n")

    assert problems == [
        "data/actors.yml:1:1: xi-jinping.kind: required field is missing",
    ]


def test_unknown_field_in_an_entry_lists_known_fields(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "topics", "trade:\n  name: Trade\n  description: d\n  colour: red\n")

    assert problems == [
        "data/topics.yml:4:3: trade.colour: unknown field 'colour'; known fields: name, aliases, description, wikidata, keywords"
    ]


def test_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "topics", "trade: Trade and investment\n")

    assert problems == ["data/topics.yml:1:8: trade: expected 'key: value' lines, got the text 'Trade and investment'"]


def test_registry_that_is_a_list(tmp_path: Path) -> None:
    registry, problems = load(tmp_path, "regions", "- asia\n- europe\n")

    assert problems == ["data/regions.yml:1:1: expected one entry per id ('east-asia:' with its fields indented below), got a list"]
    assert len(registry) == 0


def test_duplicate_id_is_a_yaml_error(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "topics", "trade:\n  name: A\n  description: d\ntrade:\n  name: B\n  description: d\n")

    assert problems == ["data/topics.yml:4:1: duplicate key 'trade'"]


def test_missing_registry_file(tmp_path: Path) -> None:
    log = ProblemLog(tmp_path)
    registry = load_registry("topics", tmp_path / "data" / "topics.yml", log)

    assert [p.format() for p in log.problems] == ["data/topics.yml: registry file not found; create topics.yml (it may be empty)"]
    assert len(registry) == 0


def test_non_utf8_registry(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "topics", b"trade:\n  name: Caf\xe9\n  description: d\n")

    assert problems == [
        "data/topics.yml:2:12: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]  # the first bad byte, by line and column


def test_one_bad_entry_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    registry, problems = load(
        tmp_path,
        "actors",
        "good:\n  name: Good\n  kind: person\n  description: g\nbad:\n  name: Bad\n  kind: robot\n  description: b\n",
    )

    assert problems == ["data/actors.yml:7:9: bad.kind: must be one of 'person', 'state', 'organization' or 'group', got 'robot'"]
    assert registry.resolve("Good") == Resolution("good")
    assert registry.resolve("Bad") == Resolution("bad")  # its problem is reported once, at its line; its name still resolves


def test_ids_like_page_numbers_are_reserved(tmp_path: Path) -> None:
    registry, problems = load(tmp_path, "actors", "page-2:\n  name: Page Two\n  kind: group\n  description: d\n")

    assert problems == ["data/actors.yml:1:1: page-2: the id 'page-2' is reserved for the actors index pages; choose another"]
    assert len(registry) == 0


def test_topic_keywords_are_validated_like_aliases(tmp_path: Path) -> None:
    registry, problems = load(tmp_path, "topics", "trade:\n  name: Trade\n  description: d\n  keywords: [tariffs, tariffs, exports]\n")
    assert problems == []
    assert registry.entries["trade"].keywords == ("tariffs", "exports")

    _, problems = load(tmp_path, "topics", "trade:\n  name: Trade\n  description: d\n  keywords: [tariffs, '']\n")
    assert len(problems) == 1 and problems[0].startswith("data/topics.yml:4:") and "trade.keywords" in problems[0]
