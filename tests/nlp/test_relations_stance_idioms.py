"""Stance idioms, nominalisations and listed agents (invented sentences and names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of

STANCES = frozenset({"criticisedBy", "praisedBy", "supportedBy", "accusedBy"})


def stances_of(doc) -> set[tuple[str, str, str]]:
    """The stance facts of ``doc`` as (subject, property, object) labels."""
    return {fact for fact in facts_of(doc) if fact[1] in STANCES}


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Rosa Kemp chided Mark Lund on Friday.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        ("Mark Lund was mocked by Rosa Kemp.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        ("Rosa Kemp extolled Mark Lund.", ("Mark Lund", "praisedBy", "Rosa Kemp")),
        ("Rosa Kemp rounded on Mark Lund.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        ("Rosa Kemp hit back at Mark Lund.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        ("Rosa Kemp railed against Mark Lund.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        (
            "Rosa Kemp tore into Mark Lund over the budget.",
            ("Mark Lund", "criticisedBy", "Rosa Kemp"),
        ),
        ("Rosa Kemp spoke out against Mark Lund.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        ("Rosa Kemp stood by Mark Lund.", ("Mark Lund", "supportedBy", "Rosa Kemp")),
        ("Rosa Kemp sided with Mark Lund.", ("Mark Lund", "supportedBy", "Rosa Kemp")),
        ("Rosa Kemp vouched for Mark Lund.", ("Mark Lund", "supportedBy", "Rosa Kemp")),
        ("Rosa Kemp stuck up for Mark Lund.", ("Mark Lund", "supportedBy", "Rosa Kemp")),
        (
            "Rosa Kemp, who later sided with Mark Lund, quit.",
            ("Mark Lund", "supportedBy", "Rosa Kemp"),
        ),
    ],
)
def test_stance_verbs_and_phrasal_verbs(nlp, text, fact):
    assert fact in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Rosa Kemp stood by the door with Mark Lund.",
        "Rosa Kemp did not side with Mark Lund.",
        "Rosa Kemp never rounded on Mark Lund.",
    ],
)
def test_no_stance_from_a_place_or_a_denial(nlp, text):
    assert not stances_of(nlp(text))
