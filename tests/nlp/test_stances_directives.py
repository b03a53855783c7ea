"""Directives that criticise (telling someone to stop, resign or apologise) and tributes
paid in the passive (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of

STANCES = frozenset({"criticisedBy", "praisedBy", "supportedBy", "accusedBy"})


@pytest.mark.parametrize(
    "text",
    [
        "Former winger Dee Lomax has told Rovers to stop whingeing after their defeat.",
        "Dee Lomax urged Perry Vance to stop complaining.",
        "Dee Lomax called on Perry Vance to apologise.",
        "Dee Lomax ordered Perry Vance to apologise.",
        "Dee Lomax demanded that Perry Vance apologise.",
        "Dee Lomax told Perry Vance to resign.",
        "Dee Lomax challenged Perry Vance to stand down.",
    ],
)
def test_directive_to_stop_resign_or_apologise_criticises(nlp, text):
    target = "Rovers" if "Rovers" in text else "Perry Vance"
    assert (target, "criticisedBy", "Dee Lomax") in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Dee Lomax told Perry Vance to report on Monday.",
        "Dee Lomax told Perry Vance to stop smoking.",
        "Dee Lomax told reporters Perry Vance had resigned.",
        "Dee Lomax told Perry Vance in May she would step down as chair.",
        "Dee Lomax did not tell Perry Vance to resign.",
        "Dee Lomax insisted that Perry Vance would not resign.",
    ],
)
def test_neutral_or_denied_directive_states_no_stance(nlp, text):
    assert not {f for f in facts_of(nlp(text)) if f[1] in STANCES}


def test_tribute_paid_in_the_passive_praises(nlp):
    facts = facts_of(nlp("Tributes have been paid to Del Ray by Ann Lee."))
    assert ("Del Ray", "praisedBy", "Ann Lee") in facts
