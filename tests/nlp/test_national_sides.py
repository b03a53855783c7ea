"""A country's name read as its national side where only a team fits the sentence."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


def _types(doc, label: str) -> list[str]:
    """The types of the clusters whose label is ``label``, sorted."""
    return sorted(c.type for c in doc._.kg_clusters.clusters.values() if c.label == label)


@pytest.mark.parametrize(
    "text, country",
    [
        ("Norway are third in the table after losing to Chile.", "Norway"),
        ("The Norway striker Ola Dahl scored twice.", "Norway"),
        ("Ola Dahl was named captain of Norway on Monday.", "Norway"),
        ("Norway coach Ola Dahl praised his players.", "Norway"),
        ("It was their first defeat to Norway in ten years.", "Norway"),
        ("Ola Dahl, who played for Norway in 2001, has retired.", "Norway"),
    ],
)
def test_a_country_on_a_team_cue_is_its_side(nlp, text, country):
    assert _types(nlp(text), country) == ["Organization"]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Trade ties with Norway have grown, the minister said.", "Norway"),
        ("Kestrel Oil's Norway boss Ola Dahl resigned on Monday.", "Norway"),
        ("Norway has raised its interest rates again.", "Norway"),
        ("Ola Dahl lives in Norway. Norway are third in the table.", "Norway"),
    ],
)
def test_a_country_without_a_team_cue_or_with_a_place_use_stays_a_place(nlp, text, country):
    assert _types(nlp(text), country) == ["Place"]


def test_a_side_and_its_demonym_noun_are_one_node_but_an_office_stays_the_country(nlp):
    doc = nlp(
        "Norway are top of the group. The Norwegian captain Ola Dahl beat Chile on his"
        " own, and Norwegian sports minister Kari Lund hailed the win."
    )
    assert _types(doc, "Norway") == ["Organization", "Place"]
    clusters = doc._.kg_clusters.clusters.values()
    (side,) = [c for c in clusters if c.label == "Norway" and c.type == "Organization"]
    assert {kind for *_, kind in side.mentions} >= {"name", "demonym"}
    assert ("Kari Lund", "sportsMinisterOf", "Norway") in facts_of(doc)


def test_facts_about_a_side(nlp):
    doc = nlp(
        "Norway are bottom of the table. Former Chile wing Ana Ruiz has told Norway to stop"
        " whingeing after their defeat to Peru. Norway's Ola Dahl missed two kicks."
        " A heavy defeat followed for Norway in Lima."
    )
    facts = facts_of(doc)
    assert ("Norway", "criticisedBy", "Ana Ruiz") in facts
    assert ("Ola Dahl", "memberOf", "Norway") in facts  # a side's people are members
    assert not any(p == "basedIn" and s == "Norway" for s, p, _ in facts)  # a match


def test_it_never_stands_for_a_side(nlp):
    doc = nlp(
        'Norway are top of the group. "I set a high standard against Norway and I have'
        ' to back it up," said Ola Dahl.'
    )
    (side,) = [c for c in doc._.kg_clusters.clusters.values() if c.label == "Norway"]
    assert [kind for *_, kind in side.mentions] == ["name", "name"]
