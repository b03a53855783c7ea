"""Careers stated by verbs and moves: "plays for", "joined", "his move to" (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of

CAREER_RULE_KINDS = frozenset({"career", "joined", "move", "hired", "possessive"})
"""The career rules' kinds (not the pair classifiers')."""


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Tom Hale, who plays for Westbury Rovers, scored twice.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "The striker Tom Hale joined Westbury Rovers in 2003 from Ashford Town.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Tom Hale has struggled since his move to Westbury Rovers in the summer.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Tom Hale has struggled since his move from Westbury Rovers in the summer.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "His agent says Tom Hale would desperately like to stay at Westbury Rovers.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Ann Bell joined Labour in 1997 and was elected in 2001.",
            ("Ann Bell", "memberOf", "Labour Party"),
        ),
        (
            "Tom Hale was outstanding on his debut for Westbury Rovers.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Tom Hale, who moved to Westbury Rovers in 2003, scored twice.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Tom Hale scored twice for Westbury Rovers on Saturday.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Westbury Rovers have signed Tom Hale from Ashford Town for £2m.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
        (
            "Westbury Rovers' Tom Hale scored twice as the side beat Ashford Town 2-0.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
    ],
)
def test_careers_verbs_and_moves_tie_a_person_to_a_body(nlp, text, fact):
    assert fact in facts_of(nlp(text), CAREER_RULE_KINDS)


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale has been linked with a move to Westbury Rovers.",
        "Tom Hale wants to play for Westbury Rovers.",
        "Tom Hale would join Westbury Rovers if the fee was right.",
        "Tom Hale never played for Westbury Rovers.",
        "Ann Bell joined Acme Holdings in criticising the plan.",
        "Tom Hale's proposed move to Westbury Rovers is on hold.",
        "Westbury Rovers want to sign Tom Hale.",
        "Tom Hale could move to Westbury Rovers in the summer.",
        "There are rumours Tom Hale will be moved to Acme Holdings next year.",
        "Sony's Clie PEG UX50 broke the design rules.",
    ],
)
def test_careers_hopes_rumours_and_deeds_are_no_career(nlp, text):
    assert facts_of(nlp(text), CAREER_RULE_KINDS) == set()


def test_careers_a_transfer_source_is_no_home(nlp):
    doc = nlp("Westbury Rovers have signed Tom Hale from Ashford Town for £2m.")
    assert ("Tom Hale", "livesIn", "Ashford Town") not in facts_of(doc)
    doc = nlp("Police arrested Tom Hale from Ashford on Monday.")
    assert ("Tom Hale", "livesIn", "Ashford") in facts_of(doc)
