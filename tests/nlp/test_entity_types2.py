"""kg_entities: prizes, services, newspapers, venues and standards read by general cues.

Every name is invented, and the recogniser's reading is set by hand (:func:`mended`)
where its weights could change it.
"""

from __future__ import annotations

from tests.conftest import ents, mended


def test_prizes_of_the_lexicon_are_no_entities(nlp):
    doc = mended(
        nlp,
        "Oscar nominee Dana Pell won two Golden Globes at the 2004 Brit Awards.",
        ("Oscar", "PERSON"),
        ("Dana Pell", "PERSON"),
        ("Golden Globes", "GPE"),
        ("2004 Brit Awards", "ORG"),
    )
    assert ents(doc) == [("Dana Pell", "PERSON")]


def test_a_prize_name_opening_a_persons_name_is_a_first_name(nlp):
    doc = mended(
        nlp, "Oscar Hale said Oscar was tired.", ("Oscar Hale", "PERSON"), ("Oscar", "PERSON")
    )
    assert ents(doc) == [("Oscar Hale", "PERSON"), ("Oscar", "PERSON")]


def test_a_name_before_winning_or_nominee_is_a_prize(nlp):
    doc = mended(
        nlp,
        "Zorbo-winning actor Rob Tane met Quell winner Lu Brand.",
        ("Zorbo", "GPE"),
        ("Rob Tane", "PERSON"),
        ("Quell", "PERSON"),
        ("Lu Brand", "PERSON"),
    )
    assert ents(doc) == [("Rob Tane", "PERSON"), ("Lu Brand", "PERSON")]


def test_a_scorers_surname_before_winner_stays_a_person(nlp):
    doc = mended(
        nlp,
        "Tom Varley scored. A Varley winner sealed it.",
        ("Tom Varley", "PERSON"),
        ("Varley", "PERSON"),
    )
    assert ents(doc) == [("Tom Varley", "PERSON"), ("Varley", "PERSON")]
