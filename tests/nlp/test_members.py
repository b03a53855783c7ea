"""Membership read from titles: members of bodies and of bands (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Tom Hale, a member of the Kestrel Society, spoke.",
            ("Tom Hale", "memberOf", "Kestrel Society"),
        ),
        (
            "Tom Hale is a founder member of the Green Alliance.",
            ("Tom Hale", "memberOf", "Green Alliance"),
        ),
        ("Acme Motors board member Jo Roe spoke.", ("Jo Roe", "memberOf", "Acme Motors")),
        (
            "Kestrel Ridge frontman Tom Hale said the album was done.",
            ("Tom Hale", "memberOf", "Kestrel Ridge"),
        ),
        (
            "Jo Roe, drummer with the Vandals, said the tour was over.",
            ("Jo Roe", "memberOf", "Vandals"),
        ),
        (
            "Tom Hale, lead singer of the Vandals, spoke.",
            ("Tom Hale", "memberOf", "Vandals"),
        ),
    ],
)
def test_a_member_or_a_band_member_is_a_member_of_the_body_named(nlp, text, fact):
    assert fact in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale, a member of the public, saw it.",
        "Harlow Records said drummer Jo Roe had left.",
        "He is the only non-Nato member leader invited to the summit, said Tom Hale.",
        "Traders liked comments from the energy minister of Opec member Algeria.",
    ],
)
def test_no_membership_without_a_body_in_a_negated_one_or_for_a_country(nlp, text):
    assert not any(p == "memberOf" for _, p, _ in facts_of(nlp(text)))


def test_a_member_title_keeps_its_property_whatever_words_lead_it(nlp):
    doc = nlp("Kestrel Society committee member Jo Roe spoke.")
    assert [r.property for r in doc._.kg_roles] == ["memberOf"]  # no committeeMemberOf
    assert ("Jo Roe", "memberOf", "Kestrel Society") in facts_of(doc)


def test_the_country_lexicon_knows_smaller_countries(nlp):
    facts = facts_of(nlp("Algerian oil firm Sahra Petroleum raised its output."))
    assert ("Sahra Petroleum", "basedIn", "Algeria") in facts
