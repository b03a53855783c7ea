"""kg_roles and kg_relations: general patterns, each on a sentence of its own."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Ken Marsh, chairman of the Police Federation, spoke.",
            ("Ken Marsh", "chairmanOf", "Police Federation"),
        ),
        ("The Mayor of London Mr Khan spoke yesterday.", ("Khan", "mayorOf", "London")),
        (
            "Wolves chairman Rick Hayward said the club was happy.",
            ("Rick Hayward", "chairmanOf", "Wolves"),
        ),
        (
            "British Prime Minister Boris Johnson visited.",
            ("Boris Johnson", "primeMinisterOf", "United Kingdom"),
        ),
        ("Armando Falcon, OFHEO director, said so.", ("Armando Falcon", "directorOf", "OFHEO")),
        (
            "Glenn Hoddle has been unveiled as the new Wolves manager.",
            ("Glenn Hoddle", "managerOf", "Wolves"),
        ),
    ],
)
def test_relations_roles(nlp, text, fact):
    assert fact in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Senator Jane Roe criticised Tom Bell on Monday.",
            ("Tom Bell", "criticisedBy", "Jane Roe"),
        ),
        (
            "Tom Bell was criticised by Jane Roe on Monday.",
            ("Tom Bell", "criticisedBy", "Jane Roe"),
        ),
        ("Jane Roe paid tribute to Tom Bell.", ("Tom Bell", "praisedBy", "Jane Roe")),
        (
            "Acme Corp faced criticism from the Federal Trade Commission.",
            ("Acme Corp", "criticisedBy", "Federal Trade Commission"),
        ),
        ("Jane Roe accused Tom Bell of lying.", ("Tom Bell", "accusedBy", "Jane Roe")),
        (
            "Tom Bell was killed by John Wilkes Booth.",
            ("Tom Bell", "killedBy", "John Wilkes Booth"),
        ),
        (
            "Jane Roe resigned after losing the backing of Mayor Tom Bell.",
            ("Jane Roe", "lostSupportOf", "Tom Bell"),
        ),
    ],
)
def test_relations_stances_and_events(nlp, text, fact):
    assert fact in facts_of(nlp(text))


def test_relations_negation_yields_nothing(nlp):
    doc = nlp("Jane Roe did not criticise Tom Bell.")
    assert not any(p == "criticisedBy" for _, p, _ in facts_of(doc))


def test_relations_hedging_lowers_confidence(nlp):
    plain = nlp("Jane Roe criticised Tom Bell.")._.kg_relations
    hedged = nlp("Jane Roe reportedly criticised Tom Bell.")._.kg_relations
    assert plain and hedged
    assert hedged[0].confidence < plain[0].confidence


def test_relations_future_resignation_is_not_a_fact(nlp):
    doc = nlp("Paul Smith, chairman of Acme Holdings, is to step down next year.")
    assert not any(p == "resignedFrom" for _, p, _ in facts_of(doc))


def test_relations_quote_praise_goes_to_the_speaker(nlp):
    doc = nlp(
        'Prime Minister Tony Blair said: "Paul Boateng has been a valued colleague '
        'and a trusted friend."'
    )
    assert ("Paul Boateng", "praisedBy", "Tony Blair") in facts_of(doc)


def test_relations_seed_must_facts(seed_doc):
    facts = facts_of(seed_doc)
    for fact in [
        ("Cressida Dick", "commissionerOf", "Metropolitan Police Service"),
        ("Sadiq Khan", "mayorOf", "London"),
        ("Boris Johnson", "primeMinisterOf", "United Kingdom"),
        ("Priti Patel", "homeSecretaryOf", "United Kingdom"),
        ("Ken Marsh", "chairmanOf", "Metropolitan Police Federation"),
        ("Cressida Dick", "resignedFrom", "Metropolitan Police Service"),
        ("Cressida Dick", "praisedBy", "Boris Johnson"),
    ]:
        assert fact in facts, fact
    assert ("Sadiq Khan", "mayorOf", "United Kingdom") not in facts
    assert ("Cressida Dick", "praisedBy", "Sadiq Khan") not in facts
