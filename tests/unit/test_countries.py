"""ISO 3166-1 codes of states in data/actors.yml: checked with pycountry, with a did-you-mean."""

from __future__ import annotations

from pathlib import Path

from briefing.load.registry import load_registry
from briefing.model.entities import Actor
from briefing.model.problems import ProblemLog


def load_actors(tmp_path: Path, text: str) -> tuple[dict[str, Actor], list[str]]:
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    log = ProblemLog(tmp_path)
    registry = load_registry("actors", path, log)
    return dict(registry.entries), [p.format() for p in log.sorted()]  # type: ignore[arg-type]


STATE = "{id}:\n  name: {name}\n  kind: {kind}\n  iso: {iso}\n  description: A state.\n"


def test_alpha_2_codes_are_kept_upper_case(tmp_path: Path) -> None:
    actors, problems = load_actors(tmp_path, STATE.format(id="china", name="China", kind="state", iso="cn"))
    assert problems == []
    assert actors["china"].iso == "CN"


def test_unknown_code_suggests_the_code_of_the_name(tmp_path: Path) -> None:
    _, problems = load_actors(tmp_path, STATE.format(id="north-korea", name="North Korea", kind="state", iso="NK"))
    assert problems == [
        "actors.yml:4:8: north-korea.iso: unknown ISO 3166-1 alpha-2 code 'NK' (did you mean 'KP', Korea, Democratic People's Republic of?)"
    ]


def test_unknown_code_without_a_likely_country_has_no_suggestion(tmp_path: Path) -> None:
    actors, problems = load_actors(tmp_path, STATE.format(id="narnia", name="Narnia", kind="state", iso="QQ"))
    assert problems == ["actors.yml:4:8: narnia.iso: unknown ISO 3166-1 alpha-2 code 'QQ'"]
    assert actors["narnia"].iso is None


def test_alpha_3_code_points_at_alpha_2(tmp_path: Path) -> None:
    _, problems = load_actors(tmp_path, STATE.format(id="russia", name="Russia", kind="state", iso="RUS"))
    assert problems == ["actors.yml:4:8: russia.iso: 'RUS' is an alpha-3 code; write the alpha-2 code 'RU' (Russian Federation)"]


def test_only_states_have_codes_and_each_its_own(tmp_path: Path) -> None:
    text = (
        STATE.format(id="putin", name="Vladimir Putin", kind="person", iso="RU")
        + STATE.format(id="china", name="China", kind="state", iso="CN")
        + STATE.format(id="prc", name="PRC", kind="state", iso="CN")
    )
    _, problems = load_actors(tmp_path, text)
    assert problems == [
        "actors.yml:4:8: putin.iso: only states have an ISO 3166-1 code; remove 'iso' or set 'kind: state'",
        "actors.yml:14:8: prc.iso: 'CN' is already the ISO code of 'China' (china); each state has its own",
    ]


def test_demo_registry_places_every_state(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[2] / "data" / "actors.yml"
    actors, problems = load_actors(tmp_path, demo.read_text(encoding="utf-8"))
    assert problems == []
    states = [a for a in actors.values() if a.kind == "state"]
    assert states and all(a.iso for a in states)
