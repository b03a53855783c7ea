"""kg.nlp.name_shapes on hand-built Docs (no model)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from kg.nlp.name_shapes import (
    company_marked,
    is_amount,
    is_leading_function_word,
    is_leading_weekday,
    trailing_numbers,
)

MARKERS = frozenset({"plc", "holdings", "bank", "funds"})


@pytest.fixture(scope="module")
def blank():
    return English()


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$1.13bn", True),
        ("£600m", True),
        ("5m euros", True),
        ("7.5%", True),
        ("117th", True),
        ("3GSM World Congress", False),
        ("Channel 4", False),
        ("Fathers 4 Justice", False),
    ],
)
def test_name_shapes_amounts(blank, text, amount):
    assert is_amount(blank(text)[:]) is amount


def test_name_shapes_function_word_only_when_it_opens_a_sentence(blank):
    words = ["Since", "Under", "Armour", "rose", "."]
    doc = Doc(blank.vocab, words=words, sent_starts=[True, False, False, False, False])
    fw = frozenset({"since", "under"})
    assert is_leading_function_word(doc[0], fw)
    assert not is_leading_function_word(doc[1], fw)  # mid-sentence: part of a name


def test_name_shapes_weekday_before_a_person_or_not_modifying(blank):
    doc = Doc(blank.vocab, words=["Sunday", "Blare", "Monday", "Ann", "Lee"])
    doc[0].dep_, doc[2].dep_ = "compound", "npadvmod"
    days = frozenset({"sunday", "monday"})
    assert not is_leading_weekday(doc[0], days, "ORG")  # a paper's name
    assert is_leading_weekday(doc[0], days, "PERSON")
    assert is_leading_weekday(doc[2], days, "ORG")


def test_name_shapes_trailing_numbers_keep_the_name(blank):
    assert trailing_numbers(blank("Ravell 74")[:]) == 1
    assert trailing_numbers(blank("Joe")[:]) == 0
    assert trailing_numbers(blank("74 Ravell")[:]) == 0


def test_name_shapes_company_markers(blank):
    doc = blank("Dawlish Holdings , Hale & Hart , Bank Sal Orme , West Bank , Trelawny Funds")
    assert company_marked(doc[0:2], MARKERS)
    assert company_marked(doc[3:6], MARKERS)
    assert company_marked(doc[7:10], MARKERS)
    assert not company_marked(doc[11:13], MARKERS, place=True)
    assert company_marked(doc[14:16], MARKERS, place=True)
    assert not company_marked(doc[0:1], MARKERS)
