"""Lookalike names made with invisible characters (issue 14 item 13)."""

from __future__ import annotations

from kg.records import DocumentExtraction, Entity
from kg.resolve.resolver import resolve


def _extraction(doc_id: str, label: str, aliases: tuple[str, ...] = ()) -> DocumentExtraction:
    entity = Entity("e0", label, "Person", aliases)
    return DocumentExtraction(doc_id, f"{doc_id}.txt", "", 100, (entity,), ())


def test_a_lookalike_name_is_the_real_node_and_keeps_its_iri() -> None:
    real = _extraction("a", "Gordon Brown")
    fakes = [
        _extraction("b", "Gor\u200bdon Brown", ("Mr\u00ad Brown",)),
        _extraction("c", "\ufeffGordon \u202eBrown\u202c"),
    ]
    corpus = resolve([real, *fakes])
    assert [(n.slug, n.label) for n in corpus.nodes] == [("person/gordon-brown", "Gordon Brown")]
    assert corpus.nodes[0].aliases == ("Mr Brown",)
    assert corpus.nodes[0].documents == ("a", "b", "c")
