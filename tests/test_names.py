"""One name normaliser: resolution, coreference and evaluation compare names alike."""

from __future__ import annotations

import doctest

import pytest

import kg.names
from kg.evaluation.gold import gold_name_key
from kg.names import normalise_name
from kg.nlp.coref import normalise
from kg.resolve import resolver, rules


@pytest.mark.parametrize(
    "name, expected",
    [
        ("The  Treasury's", "treasury"),
        ("  the Met’s ", "met"),
        ("KHAN'S", "khan"),
        ("Democrats'", "democrats"),
        ("Theresa May", "theresa may"),
        ("Theo", "theo"),
        ("O’Brien", "o’brien"),
    ],
)
def test_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


def test_every_stage_uses_the_one_normaliser() -> None:
    assert normalise is normalise_name
    assert rules.normalise_name is normalise_name
    assert resolver.normalise_name is normalise_name


def test_gold_key_also_straightens_apostrophes() -> None:
    assert gold_name_key("O’Brien") == gold_name_key("O'Brien") == "o'brien"
    assert normalise_name("O’Brien") != normalise_name("O'Brien")
    assert gold_name_key("The Met’s") == normalise_name("The Met’s")


def test_doctests() -> None:
    result = doctest.testmod(kg.names)
    assert result.attempted > 0 and result.failed == 0
