"""Where an organisation is, from a description that refers back to it (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


@pytest.mark.parametrize(
    "text",
    [
        "Acme Holdings cut 300 jobs on Monday. Shares in the Leeds firm fell 5%.",
        "Acme Holdings cut 300 jobs on Monday. Analysts praised the Leeds firm for its plan.",
    ],
)
def test_org_places_description_after_the_named_organisation(nlp, text):
    assert ("Acme Holdings", "basedIn", "Leeds") in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Acme Holdings has agreed to buy the Seattle firm for $5bn.",
        "Acme Holdings cut 300 jobs. It will buy the Seattle firm next year.",
        "Acme Holdings and Beta Corp cut jobs. Shares in the Seattle firm fell.",
        "Acme Holdings cut 300 jobs on Monday. Shares in the US firm fell 5%.",
        "Acme Holdings cut 300 jobs on Monday. Shares in the American firm fell 5%.",
        "Acme Holdings was criticised. The Paris-based pressure group said it had failed.",
    ],
)
def test_org_places_description_of_another_or_of_either_is_no_place(nlp, text):
    assert not any(p == "basedIn" for _, p, _ in facts_of(nlp(text)))
