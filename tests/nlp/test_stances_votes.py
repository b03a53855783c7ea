"""Calls to vote against someone, or for them to resign or apologise, criticise them
(invented names)."""

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


def test_saying_someone_should_resign_or_apologise_criticises_them(nlp):
    for text in (
        "Lord Fenwick should resign, says Labour leader Anna Pryce.",
        "Anna Pryce said Lord Fenwick must apologise.",
    ):
        assert ("Lord Fenwick", "criticisedBy", "Anna Pryce") in facts_of(nlp(text))


def test_a_denied_or_conditional_call_to_resign_is_no_plain_criticism(nlp):
    for text in (
        "Anna Pryce said Lord Fenwick should not resign.",
        "Anna Pryce did not say Lord Fenwick should resign.",
        "Anna Pryce said that if he lied, Lord Fenwick should resign.",
    ):
        doc = nlp(text)
        assert not any(
            r.predicate == "criticisedBy" and r.confidence >= 0.6 for r in doc._.kg_relations
        )


def test_saying_someone_should_step_down_or_be_sacked_criticises_them(nlp):
    for text in (
        "Anna Pryce insisted Lord Fenwick must step down.",
        "Anna Pryce said Lord Fenwick should be sacked.",
        "Lord Fenwick must be dismissed, says Anna Pryce.",
    ):
        assert ("Lord Fenwick", "criticisedBy", "Anna Pryce") in facts_of(nlp(text))


def test_saying_someone_should_not_step_down_or_be_sacked_criticises_nobody(nlp):
    for text in (
        "Anna Pryce said Lord Fenwick should not step down.",
        "Anna Pryce said Lord Fenwick should not be sacked.",
        "Anna Pryce said that if he lied, Lord Fenwick should step down.",
    ):
        doc = nlp(text)
        assert not any(
            r.predicate == "criticisedBy" and r.confidence >= 0.6 for r in doc._.kg_relations
        )
