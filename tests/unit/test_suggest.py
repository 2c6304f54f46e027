"""suggest: name normalisation and did-you-mean suggestions."""

from __future__ import annotations

import pytest

from briefing.model.names import closest, did_you_mean, normalize_name


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Xi Jinping", "xi jinping"),
        ("  Xi \t  Jinping \n", "xi jinping"),
        ("China–Russia relations", "china-russia relations"),  # en dash
        ("China—Russia", "china-russia"),  # em dash
        ("China‐Russia", "china-russia"),  # hyphen
        ("China‑Russia", "china-russia"),  # non-breaking hyphen
        ("China−Russia", "china-russia"),  # minus sign
        ("Straße", "strasse"),  # casefold, not lower
        ("ＮＡＴＯ", "nato"),  # NFKC folds full-width letters
        ("Владимир Путин", "владимир путин"),
    ],
)
def test_normalize_name(name: str, normal: str) -> None:
    assert normalize_name(name) == normal


def test_closest_finds_a_misspelling() -> None:
    assert closest("Xi Jingping", ["Xi Jinping", "Vladimir Putin", "Xi"]) == ["Xi Jinping"]


def test_closest_ignores_case_and_dashes() -> None:
    assert closest("CHINA-RUSIA RELATIONS", ["China–Russia relations", "Sanctions"]) == ["China–Russia relations"]


def test_closest_returns_nothing_below_the_cutoff() -> None:
    assert closest("Emmanuel Macron", ["Xi Jinping", "Vladimir Putin"]) == []
    assert closest("anything", []) == []


def test_closest_ranks_best_first_and_honours_limit() -> None:
    choices = ["Sanctions", "Sanction", "Sanctioned", "Trade"]

    assert closest("Sanctionz", choices, limit=3) == ["Sanction", "Sanctions", "Sanctioned"]
    assert closest("Sanctionz", choices, limit=1) == ["Sanction"]


def test_ties_are_broken_alphabetically() -> None:
    assert closest("abcd", ["abce", "abcf", "abcc"], limit=3) == ["abcc", "abce", "abcf"]


def test_duplicate_choices_are_listed_once() -> None:
    assert closest("Xi Jingping", ["Xi Jinping", "Xi Jinping"], limit=5) == ["Xi Jinping"]


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["title", "date", "region"]) == " (did you mean 'title'?)"
    assert did_you_mean("author", ["title", "date", "region"]) == ""
