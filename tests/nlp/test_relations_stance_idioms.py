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


@pytest.mark.parametrize(
    "text",
    [
        "Stars including Rosa Kemp, Jane Hill and Peter Brown praised Mark Lund.",
        "Figures such as Rosa Kemp and Jane Hill praised Mark Lund.",
        "Mark Lund was praised by colleagues, including Rosa Kemp and Jane Hill.",
    ],
)
def test_a_plural_noun_listing_names_gives_one_fact_per_listed_agent(nlp, text):
    facts = stances_of(nlp(text))
    assert ("Mark Lund", "praisedBy", "Rosa Kemp") in facts
    assert ("Mark Lund", "praisedBy", "Jane Hill") in facts


def test_listed_objects_each_get_the_fact(nlp):
    text = "Rosa Kemp criticised firms such as Acme Corp and Zenith Group over pay."
    facts = stances_of(nlp(text))
    assert ("Acme Corp", "criticisedBy", "Rosa Kemp") in facts
    assert ("Zenith Group", "criticisedBy", "Rosa Kemp") in facts


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Rosa Kemp heaped praise on Mark Lund.", ("Mark Lund", "praisedBy", "Rosa Kemp")),
        ("Rosa Kemp was full of praise for Mark Lund.", ("Mark Lund", "praisedBy", "Rosa Kemp")),
        (
            "Rosa Kemp singled out Mark Lund for special praise.",
            ("Mark Lund", "praisedBy", "Rosa Kemp"),
        ),
        ("Rosa Kemp poured scorn on Mark Lund.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        ("Rosa Kemp took a swipe at Mark Lund.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        (
            "Rosa Kemp launched an attack on Mark Lund.",
            ("Mark Lund", "criticisedBy", "Rosa Kemp"),
        ),
        (
            "Rosa Kemp threw her weight behind Mark Lund.",
            ("Mark Lund", "supportedBy", "Rosa Kemp"),
        ),
        ("Mark Lund has the backing of Rosa Kemp.", ("Mark Lund", "supportedBy", "Rosa Kemp")),
        (
            "Rosa Kemp made allegations against Mark Lund.",
            ("Mark Lund", "accusedBy", "Rosa Kemp"),
        ),
        (
            "Acme Corp has taken legal action against Zenith Group.",
            ("Zenith Group", "accusedBy", "Acme Corp"),
        ),
        (
            "The criticism of Mark Lund by Rosa Kemp was harsh.",
            ("Mark Lund", "criticisedBy", "Rosa Kemp"),
        ),
        (
            "The tributes to Mark Lund from Rosa Kemp were warm.",
            ("Mark Lund", "praisedBy", "Rosa Kemp"),
        ),
        ("Rosa Kemp urged Mark Lund to apologise.", ("Mark Lund", "criticisedBy", "Rosa Kemp")),
        (
            "Rosa Kemp demanded an apology from Mark Lund.",
            ("Mark Lund", "criticisedBy", "Rosa Kemp"),
        ),
        (
            "Rosa Kemp called for the resignation of Mark Lund.",
            ("Mark Lund", "criticisedBy", "Rosa Kemp"),
        ),
        (
            "Support for Mark Lund came from Acme Corp today.",
            ("Mark Lund", "supportedBy", "Acme Corp"),
        ),
    ],
)
def test_stance_idioms_and_nominalisations(nlp, text, fact):
    assert fact in facts_of(nlp(text))


def test_each_coordinated_agent_of_an_idiom_gets_the_fact(nlp):
    text = "Rosa Kemp, Jane Hill and Peter Brown have lent their backing to Acme Group."
    facts = stances_of(nlp(text))
    for agent in ("Rosa Kemp", "Jane Hill", "Peter Brown"):
        assert ("Acme Group", "supportedBy", agent) in facts


@pytest.mark.parametrize(
    "text",
    [
        "Mark Lund needs the support of Rosa Kemp.",
        "Rosa Kemp gave no support to Mark Lund.",
        "Acme Corp at first declined to take action against Zenith Group.",
        "Acme Corp is to take legal action against Zenith Group.",
        "Acme Corp considered taking action against Zenith Group but dropped the idea.",
        "Rosa Kemp refused to criticise Mark Lund.",
    ],
)
def test_no_stance_from_a_need_a_refusal_or_a_plan(nlp, text):
    relations = nlp(text)._.kg_relations
    assert not any(r.rule.startswith(("verb:", "noun:")) for r in relations)


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Rosa Kemp praised the work of Mark Lund.", ("Mark Lund", "praisedBy", "Rosa Kemp")),
        (
            "Rosa Kemp criticised the decision of Acme Corp to close the plant.",
            ("Acme Corp", "criticisedBy", "Rosa Kemp"),
        ),
        (
            "Rosa Kemp paid glowing tribute to Mark Lund's record.",
            ("Mark Lund", "praisedBy", "Rosa Kemp"),
        ),
    ],
)
def test_a_stance_on_what_someone_did_is_a_stance_on_them(nlp, text, fact):
    assert fact in facts_of(nlp(text))


def test_a_stance_on_how_someone_was_treated_is_none_on_them(nlp):
    facts = stances_of(nlp("Rosa Kemp criticised the handling of Acme Corp by the state."))
    assert ("Acme Corp", "criticisedBy", "Rosa Kemp") not in facts


def test_each_company_of_a_dashed_list_gets_the_fact(nlp):
    text = (
        "Acme Corp is suing four companies - Zenith Group, its unit Zenith Oil, Bolt Energy "
        "and the shell company which won the bidding."
    )
    facts = stances_of(nlp(text))
    for company in ("Zenith Group", "Zenith Oil", "Bolt Energy"):
        assert (company, "accusedBy", "Acme Corp") in facts


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Mark Lund's remarks were condemned by Rosa Kemp.",
            ("Mark Lund", "criticisedBy", "Rosa Kemp"),
        ),
        (
            "Mark Lund's handling of the crisis was praised by Rosa Kemp.",
            ("Mark Lund", "praisedBy", "Rosa Kemp"),
        ),
    ],
)
def test_a_passive_stance_on_what_someone_said_or_did(nlp, text, fact):
    assert fact in facts_of(nlp(text))


def test_a_passive_attack_on_someones_property_is_no_criticism(nlp):
    assert not stances_of(nlp("Mark Lund's house was attacked by Rosa Kemp."))
