"""Cross-article merging and IRI slugs."""

from __future__ import annotations

from kg.records import DocumentExtraction, Entity, Evidence, Relation
from kg.resolve.resolver import resolve, slugify


def extraction(doc_id, entities, relations=()):
    return DocumentExtraction(
        doc_id,
        f"{doc_id}.txt",
        "",
        100,
        tuple(Entity(k, label, etype, aliases) for k, label, etype, aliases in entities),
        tuple(relations),
    )


def evidence(doc_id, confidence=0.9):
    return Evidence(doc_id, "A sentence.", 0, 11, "rule:test", confidence)


def test_resolve_merges_same_entity_across_articles():
    a = extraction(
        "a",
        [("e0", "Tony Blair", "Person", ("Blair",)), ("e1", "United Kingdom", "Place", ("UK",))],
        [Relation("e0", "primeMinisterOf", "e1", evidence("a"))],
    )
    b = extraction(
        "b",
        [
            ("e0", "Tony Blair", "Person", ("Mr Blair",)),
            ("e1", "United Kingdom", "Place", ("Britain",)),
        ],
        [Relation("e0", "primeMinisterOf", "e1", evidence("b", 0.6))],
    )
    corpus = resolve([a, b])
    people = [n for n in corpus.nodes if n.type == "Person"]
    assert [p.slug for p in people] == ["person/tony-blair"]
    assert set(people[0].aliases) == {"Blair", "Mr Blair"}
    assert people[0].documents == ("a", "b")
    [fact] = corpus.facts
    assert [e.doc_id for e in fact.evidence] == ["a", "b"] and fact.confidence == 0.9


def test_resolve_surname_alone_does_not_merge_two_people():
    a = extraction("a", [("e0", "Tony Blair", "Person", ("Blair",))])
    b = extraction("b", [("e0", "Cherie Blair", "Person", ("Blair",))])
    c = extraction("c", [("e0", "Blair", "Person", ())])
    slugs = {n.slug for n in resolve([a, b, c]).nodes}
    assert {"person/tony-blair", "person/cherie-blair", "person/blair"} == slugs


def test_resolve_names_that_slug_alike_get_distinct_iris():
    a = extraction("a", [("e0", "O'Neil", "Person", ()), ("e1", "ONeil", "Person", ())])
    slugs = [n.slug for n in resolve([a]).nodes]
    assert len(set(slugs)) == 2 and all(s.startswith("person/") for s in slugs)


def test_resolve_min_confidence_drops_weak_facts():
    a = extraction(
        "a",
        [("e0", "Jane Roe", "Person", ()), ("e1", "Acme", "Organization", ())],
        [Relation("e0", "worksFor", "e1", evidence("a", 0.4))],
    )
    assert resolve([a], min_confidence=0.5).facts == ()
    assert len(resolve([a], min_confidence=0.3).facts) == 1


def test_slugify_is_ascii_and_safe():
    assert slugify("Société Générale") == "societe-generale"
    assert slugify("<script>alert(1)</script>") == "script-alert-1-script"
    assert slugify("").startswith("x-")
