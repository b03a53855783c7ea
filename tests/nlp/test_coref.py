"""kg_coref: one cluster per entity of an article."""

from __future__ import annotations

from kg.nlp.coref import acronym, normalise
from tests.conftest import clusters_by_label


def mention_texts(doc, cluster) -> set[str]:
    return {doc[s:e].text for s, e, _ in cluster.mentions}


def test_coref_seed_person_gathers_names_pronouns_and_role(seed_doc):
    dick = clusters_by_label(seed_doc)["Cressida Dick"]
    texts = mention_texts(seed_doc, dick)
    assert {"Cressida Dick", "Dick", "she", "She", "Commissioner"} <= texts
    assert dick.gender == "female"


def test_coref_seed_organisation_short_forms_join(seed_doc):
    by_label = clusters_by_label(seed_doc)
    met = next(c for c in by_label.values() if "Met" in c.names)
    assert {
        "London Metropolitan Police",
        "Metropolitan Police Service",
        "Metropolitan Police",
    } <= set(met.names)
    assert "force" in mention_texts(seed_doc, met)
    federation = by_label["Metropolitan Police Federation"]
    assert federation.key != met.key


def test_coref_pronoun_object_is_not_its_own_subject(nlp):
    doc = nlp(
        "Commissioner Jane Roe resigned. Her deputy Ann Smith, who had clashed with Roe, "
        "praised her on Friday."
    )
    clusters = doc._.kg_clusters
    her = next(t for t in doc if t.lower_ == "her" and t.i > 10)
    assert clusters.clusters[clusters.by_token[her.i]].label == "Jane Roe"


def test_coref_acronym_and_party_aliases(nlp):
    doc = nlp(
        "The firm was admonished by the Securities and Exchange Commission. "
        "Analysts said the SEC acted fast. The Tories and the Conservatives agreed."
    )
    by_label = clusters_by_label(doc)
    assert "SEC" in by_label["Securities and Exchange Commission"].names


def test_coref_helpers():
    assert normalise("The Met's") == "met"
    assert acronym("Office of Federal Housing Enterprise Oversight") == "OFHEO"
