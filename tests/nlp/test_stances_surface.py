"""Stance verbs whose parse went astray, and titles held by a named body (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of

STANCES = frozenset({"criticisedBy", "praisedBy", "supportedBy", "accusedBy"})


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            '"Some people are leaders and some aren\'t." Dee Lomax, though, defended coach '
            "Perry Vance.",
            ("Perry Vance", "supportedBy", "Dee Lomax"),
        ),
        (
            '"There is no one in the pack." Dee Lomax, though, praised captain Perry Vance.',
            ("Perry Vance", "praisedBy", "Dee Lomax"),
        ),
    ],
)
def test_stance_verb_read_off_the_word_order_where_the_parse_fails(nlp, text, fact):
    facts = facts_of(nlp(text))
    assert fact in facts


def test_the_name_before_the_comma_is_the_subject_not_the_body_before_it(nlp):
    text = (
        "But director of the Victims of Harm Trust, Norman Bellamy, accused Lord Wexley of "
        'having an "arrogant contempt for victims of crime".'
    )
    facts = facts_of(nlp(text))
    assert ("Lord Wexley", "accusedBy", "Norman Bellamy") in facts
    assert ("Lord Wexley", "accusedBy", "Victims of Harm Trust") not in facts


@pytest.mark.parametrize(
    "text",
    [
        '"There is no one in the pack." Dee Lomax, though, never praised captain Perry Vance.',
        "Dee Lomax criticised the decision Perry Vance made.",
    ],
)
def test_no_surface_stance_across_a_denial_or_a_clause(nlp, text):
    facts = facts_of(nlp(text))
    assert ("Perry Vance", "praisedBy", "Dee Lomax") not in facts
    assert ("Perry Vance", "criticisedBy", "Dee Lomax") not in facts


def test_a_body_named_before_a_title_is_not_the_one_praised(nlp):
    facts = facts_of(nlp("Dee Lomax praised the former Rovers captain Perry Vance."))
    assert ("Perry Vance", "praisedBy", "Dee Lomax") in facts
    assert ("Rovers", "praisedBy", "Dee Lomax") not in facts
