"""Quotes whose judgement falls on a name they hold (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


def rules_of(doc, fact: tuple[str, str, str]) -> set[str]:
    """The rules that state ``fact`` in ``doc``."""
    cl = doc._.kg_clusters.clusters
    return {
        r.rule
        for r in doc._.kg_relations
        if (cl[r.subject].label, r.predicate, cl[r.object].label) == fact
    }


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            '"This is a shocking blunder by Jim Harte," said Ana Coll.',
            ("Jim Harte", "criticisedBy", "Ana Coll"),
        ),
        ('"Jim Harte\'s gaffe cost us," said Ana Coll.', ("Jim Harte", "criticisedBy", "Ana Coll")),
        (
            '"Jim Harte has been a disgrace," said Ana Coll.',
            ("Jim Harte", "criticisedBy", "Ana Coll"),
        ),
        ('"Jim Harte was brilliant," Ana Coll said.', ("Jim Harte", "praisedBy", "Ana Coll")),
        ('Ana Coll said: "Jim Harte is a genius."', ("Jim Harte", "praisedBy", "Ana Coll")),
        (
            '"Jim Harte is one of the best players in the world," said Ana Coll.',
            ("Jim Harte", "praisedBy", "Ana Coll"),
        ),
    ],
)
def test_quote_judging_a_name_it_holds(nlp, text, fact):
    doc = nlp(text)
    assert fact in facts_of(doc)
    assert any(rule.startswith("quote:judgement-") for rule in rules_of(doc, fact))


@pytest.mark.parametrize(
    "text",
    [
        'Ana Coll said: "Jim Harte is not a genius."',
        'Ana Coll said: "Jim Harte would be a disaster and a failure."',
        '"I spoke to Jim Harte and it was a disgrace," Ana Coll said.',
        '"If Jim Harte is a failure, we all are," Ana Coll said.',
        '"The Fenwicks is the greatest TV show of all time," said Ana Coll.',
        '"Jim Harte is one of the players in the squad," said Ana Coll.',
        '"Cala Verde is an amazing site to take a bunch of kids," said Connor Vale.',
        '"We will never return to the mistakes of Jim Harte and his bank," said Ana Coll.',
    ],
)
def test_no_judgement_denied_hypothetical_or_aimed_elsewhere(nlp, text):
    doc = nlp(text)
    rules = {r.rule for r in doc._.kg_relations}
    assert not {rule for rule in rules if rule.startswith("quote:judgement-")}


def test_a_quote_that_blames_only_under_a_modal_states_no_criticism(nlp):
    doc = nlp(
        '"I think John Smith would be a disgrace as leader, it would be wrong," said Mary Jones.'
    )
    assert not [r for r in doc._.kg_relations if r.predicate == "criticisedBy"]


def test_a_quote_that_blames_outright_still_criticises(nlp):
    doc = nlp('"I am not satisfied with John Smith," said Mary Jones.')
    assert ("John Smith", "criticisedBy", "Mary Jones") in facts_of(doc)


def test_a_quote_praises_the_name_its_verdict_is_about(nlp):
    doc = nlp('"Tom Vale is doing a tremendous job," said Ann Rowe.')
    assert ("Tom Vale", "praisedBy", "Ann Rowe") in facts_of(doc)
    doc = nlp('"I have built a fantastic relationship with Tom Vale," said Ann Rowe.')
    assert ("Tom Vale", "praisedBy", "Ann Rowe") in facts_of(doc)


def test_a_quote_does_not_praise_a_name_it_only_mentions(nlp):
    for text in (
        '"It is a great honour to be named alongside Tom Vale," said Ann Rowe.',
        '"Since Tom Vale gave those figures, we have had some great hope," said Ann Rowe.',
    ):
        doc = nlp(text)
        assert not [f for f in facts_of(doc) if f[1] == "praisedBy"], text


def test_a_quote_on_what_a_name_feels_or_undergoes_is_no_criticism(nlp):
    doc = nlp('"Tom Vale feels deeply betrayed," said Ann Rowe.')
    assert not [f for f in facts_of(doc) if f[1] == "criticisedBy"]
    doc = nlp('"Tom Vale has betrayed us all," said Ann Rowe.')
    assert ("Tom Vale", "criticisedBy", "Ann Rowe") in facts_of(doc)
