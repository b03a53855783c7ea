"""Calls to vote against a party or a person criticise them (invented names)."""

from __future__ import annotations

from tests.conftest import facts_of


def test_urging_a_vote_against_a_party_criticises_it(nlp):
    doc = nlp("The Harlow Union urged voters to vote against the Kestrel Party.")
    assert ("Kestrel Party", "criticisedBy", "Harlow Union") in facts_of(doc)


def test_urging_a_vote_for_or_not_urging_one_against_criticises_nobody(nlp):
    for text in (
        "The Harlow Union urged voters to vote for the Kestrel Party.",
        "The Harlow Union did not urge voters to vote against the Kestrel Party.",
    ):
        assert not any(p == "criticisedBy" for _, p, _ in facts_of(nlp(text)))
