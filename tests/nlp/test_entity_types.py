"""kg_entities: type cues read from an article's words (works, posts, people).

Every name is invented; where the recogniser's reading may change with its weights,
the test sets it by hand (:func:`mended`).
"""

from __future__ import annotations

from tests.nlp.test_entity_quality import ents, mended


def test_names_listed_after_a_work_noun_are_titles_not_entities(nlp):
    doc = mended(
        nlp,
        "Gamecorp sells titles such as Skyrace and Tom Varley, and films like Dan Brill.",
        ("Gamecorp", "ORG"),
        ("Skyrace", "PERSON"),
        ("Tom Varley", "PERSON"),
        ("Dan Brill", "PERSON"),
    )
    assert ents(doc) == [("Gamecorp", "ORG")]


def test_title_after_a_work_noun_is_dropped_in_every_mention(nlp):
    doc = mended(
        nlp,
        "Ann Lee won for the film Harbourline. Harbourline took $20m.",
        ("Ann Lee", "PERSON"),
        ("Harbourline", "GPE"),
        ("Harbourline", "ORG"),
    )
    assert ents(doc) == [("Ann Lee", "PERSON")]


def test_work_noun_before_a_clause_subject_is_no_title(nlp):
    doc = mended(nlp, "It was the game Wexford lost.", ("Wexford", "ORG"))
    assert ents(doc) == [("Wexford", "ORG")]
