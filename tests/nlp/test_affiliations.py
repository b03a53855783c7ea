"""kg.nlp.affiliations: general constructions for places, homes and employers."""

from __future__ import annotations


def _located(doc):
    clusters = doc._.kg_clusters.clusters
    return {
        (clusters[r.subject].label, clusters[r.object].label)
        for r in doc._.kg_relations
        if r.rule == "located:comma"
    }


def test_affiliations_place_comma_place_is_containment(nlp):
    doc = nlp("The mill closed in Aiken, South Carolina, last spring.")
    assert ("Aiken", "South Carolina") in _located(doc)


def test_affiliations_a_list_of_places_is_no_containment(nlp):
    doc = nlp("Delegates came from Colombia, Bolivia, Venezuela, Ecuador and Peru.")
    assert _located(doc) == set()
