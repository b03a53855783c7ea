"""kg.rdf.graph.build_graph: the RDF/OWL shape of a built corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef

from kg import config
from kg.rdf.graph import (
    build_graph,
    confidence_literal,
    document_iri,
    node_iri,
    quote_iri,
    role_label,
)
from kg.rdf.ontology import active_voice, load_ontology, term
from kg.rdf.vocab import KG
from kg.records import AttributedQuote, Corpus, Fact, Node
from tests.factories import HOSTILE, HOSTILE_DOC, evidence, sample_corpus

R = config.RESOURCE
DICK = URIRef(R + "person/cressida-dick")
KHAN = URIRef(R + "person/sadiq-khan")
MET = URIRef(R + "organization/met-police")
LONDON = URIRef(R + "place/london")
A1 = URIRef(R + "document/a1")
B2 = URIRef(R + "document/b%202%2F%C3%BC")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(sample_corpus())


def axioms_for(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> list[BNode]:
    found = []
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        source = graph.value(axiom, OWL.annotatedSource)
        prop = graph.value(axiom, OWL.annotatedProperty)
        target = graph.value(axiom, OWL.annotatedTarget)
        if (source, prop, target) == (s, p, o):
            found.append(axiom)
    return found


def test_graph_is_an_ontology_that_embeds_kg(graph: Graph) -> None:
    assert (URIRef(config.GRAPH_IRI), RDF.type, OWL.Ontology) in graph
    assert (URIRef(config.ONTOLOGY_IRI), RDF.type, OWL.Ontology) not in graph
    assert len(set(graph.subjects(RDF.type, OWL.Ontology))) == 1
    header = URIRef(config.ONTOLOGY_IRI)
    for s, p, o in load_ontology():
        if s != header:
            assert (s, p, o) in graph, (s, p, o)


def test_node_shape(graph: Graph) -> None:
    assert (DICK, RDF.type, OWL.NamedIndividual) in graph
    assert (DICK, RDF.type, KG.Person) in graph
    assert (MET, RDF.type, KG.Organization) in graph
    assert (LONDON, RDF.type, KG.Place) in graph
    assert graph.value(DICK, RDFS.label) == Literal("Cressida Dick")
    aliases = set(graph.objects(DICK, SKOS.altLabel))
    assert aliases == {Literal("Dick"), Literal("Commissioner Dick"), Literal(HOSTILE)}
    assert set(graph.objects(MET, KG.mentionedIn)) == {A1, B2}
    assert (SKOS.altLabel, RDF.type, OWL.AnnotationProperty) in graph


def test_document_shape(graph: Graph) -> None:
    assert (A1, RDF.type, OWL.NamedIndividual) in graph
    assert (A1, RDF.type, KG.Document) in graph
    assert graph.value(A1, KG.title) == Literal("Met chief under fire")
    assert graph.value(A1, KG.sourcePath) == Literal("data/a1.txt")
    assert graph.value(A1, RDFS.label) == Literal("Met chief under fire")
    assert graph.value(B2, KG.title) == Literal(HOSTILE)
    assert document_iri(HOSTILE_DOC) == B2


def test_fact_with_two_evidences(graph: Graph) -> None:
    assert (DICK, KG.commissionerOf, MET) in graph
    axioms = axioms_for(graph, DICK, KG.commissionerOf, MET)
    assert len(axioms) == 2
    by_doc = {graph.value(a, KG.evidenceDocument): a for a in axioms}
    assert set(by_doc) == {A1, B2}
    hostile = by_doc[B2]
    assert graph.value(hostile, KG.evidenceSentence) == Literal(HOSTILE)
    assert graph.value(hostile, KG.startChar) == Literal(40)
    assert graph.value(hostile, KG.endChar) == Literal(40 + len(HOSTILE))
    assert graph.value(hostile, KG.extractedBy) == Literal("role_appos")
    confidence = graph.value(hostile, KG.confidence)
    assert isinstance(confidence, Literal) and confidence.toPython() == Decimal("0.7")
    assert graph.value(hostile, KG.jobTitle) == Literal("Commissioner")
    assert graph.value(hostile, KG.evidenceCount) == Literal(2)


def test_fact_without_title_or_evidence(graph: Graph) -> None:
    (axiom,) = axioms_for(graph, DICK, KG.criticisedBy, KHAN)
    assert graph.value(axiom, KG.jobTitle) is None
    assert (KHAN, KG.mayorOf, LONDON) in graph
    assert axioms_for(graph, KHAN, KG.mayorOf, LONDON) == []


def test_minted_role_property(graph: Graph) -> None:
    prop = term("deputyMayorOf")
    assert (prop, RDF.type, OWL.ObjectProperty) in graph
    assert (prop, RDFS.subPropertyOf, KG.holdsPositionIn) in graph
    assert (prop, RDFS.domain, KG.Person) in graph
    assert graph.value(prop, RDFS.label) == Literal("deputy mayor of", lang="en")
    assert (KHAN, prop, LONDON) in graph
    # mayorOf is in the ontology already: not declared a second time
    assert len(list(graph.objects(KG.mayorOf, RDFS.label))) == 1


def test_sparql_finds_roles_through_sub_properties(graph: Graph) -> None:
    query = """
        SELECT ?s ?o WHERE { ?p rdfs:subPropertyOf* kg:holdsPositionIn . ?s ?p ?o }
    """
    rows = {(s, o) for s, o in graph.query(query, initNs={"kg": str(KG), "rdfs": RDFS})}
    assert {(DICK, MET), (KHAN, LONDON)} <= rows


def test_quotes(graph: Graph) -> None:
    first, hostile, other = quote_iri("a1", 0), quote_iri("a1", 1), quote_iri(HOSTILE_DOC, 0)
    assert str(other) == R + "quote/b%202%2F%C3%BC-0"
    for iri, speaker, doc in ((first, DICK, A1), (hostile, KHAN, A1), (other, MET, B2)):
        assert (iri, RDF.type, OWL.NamedIndividual) in graph
        assert (iri, RDF.type, KG.Quote) in graph
        assert graph.value(iri, KG.saidBy) == speaker
        assert graph.value(iri, KG.quotedIn) == doc
    assert graph.value(hostile, KG.quoteText) == Literal(HOSTILE)
    assert graph.value(first, KG.quoteText) == Literal("We will act.")


def test_build_is_deterministic_and_pure() -> None:
    corpus = sample_corpus()
    first, second = build_graph(corpus), build_graph(corpus)
    assert set(first) == set(second)  # same triples, blank node ids included
    assert corpus == sample_corpus()


def test_blank_node_ids_are_short(graph: Graph) -> None:
    bnodes = {n for t in graph for n in t if isinstance(n, BNode)}
    assert all(len(b) <= 32 for b in bnodes)


def test_duplicate_evidence_gives_one_axiom() -> None:
    ev = evidence("a1", "Same.", 3)
    corpus = Corpus(facts=(Fact("person/a", "praisedBy", "person/b", (ev, ev)),))
    graph = build_graph(corpus)
    a, b = node_iri("person/a"), node_iri("person/b")
    assert len(axioms_for(graph, a, KG.praisedBy, b)) == 1
    # nodes missing from corpus.nodes are still declared individuals
    assert (a, RDF.type, OWL.NamedIndividual) in graph
    assert (document_iri("a1"), RDF.type, KG.Document) in graph


def test_unsafe_slugs_are_percent_encoded() -> None:
    iri = node_iri('person/o\'brien <x> "y"')
    assert str(iri) == R + "person/o%27brien%20%3Cx%3E%20%22y%22"
    assert node_iri("person/ok-name_1.2") == URIRef(R + "person/ok-name_1.2")
    with pytest.raises(ValueError):
        node_iri("")


def test_unknown_predicate_is_declared_but_not_a_role() -> None:
    corpus = Corpus(facts=(Fact("person/a", "metWith", "person/b", (evidence(),)),))
    graph = build_graph(corpus)
    assert (term("metWith"), RDF.type, OWL.ObjectProperty) in graph
    assert (term("metWith"), RDFS.subPropertyOf, KG.holdsPositionIn) not in graph


@pytest.mark.parametrize("predicate", ["title", "evidenceSentence", "bad name", ""])
def test_predicates_that_cannot_be_object_properties(predicate: str) -> None:
    corpus = Corpus(facts=(Fact("person/a", predicate, "person/b"),))
    with pytest.raises(ValueError):
        build_graph(corpus)


def test_every_predicate_of_the_data_is_declared(graph: Graph) -> None:
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    builtin = (str(RDF), str(RDFS), str(OWL))
    for p in set(graph.predicates()):
        if not str(p).startswith(builtin):
            assert any((p, RDF.type, k) in graph for k in kinds), p


def test_lone_surrogates_are_replaced() -> None:
    corpus = Corpus(nodes=(Node("person/x", "bad \ud800 label", "Person"),))
    label = build_graph(corpus).value(node_iri("person/x"), RDFS.label)
    assert label == Literal("bad \ufffd label")


def test_quote_numbering_is_per_document() -> None:
    quotes = (
        AttributedQuote("person/a", "one", "d1", 0, 3),
        AttributedQuote("person/a", "two", "d2", 0, 3),
        AttributedQuote("person/b", "three", "d1", 5, 10),
    )
    graph = build_graph(Corpus(quotes=quotes))
    assert graph.value(quote_iri("d1", 1), KG.quoteText) == Literal("three")
    assert graph.value(quote_iri("d2", 0), KG.quoteText) == Literal("two")


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(0.95, "0.95"), (1, "1.0"), (0, "0.0"), (1.7, "1.0"), (-0.1, "0.0"), (float("nan"), "0.0")],
)
def test_confidence_literal(value: float, lexical: str) -> None:
    assert str(confidence_literal(value)) == lexical


def test_role_label() -> None:
    assert role_label("deputyMayorOf", "Deputy Mayor") == "deputy mayor of"
    assert role_label("spokespersonFor", "spokesman") == "spokesman for"
    assert role_label("ceoOf", "CEO") == "CEO of"


def test_stance_facts_are_written_in_both_voices(graph: Graph) -> None:
    assert (DICK, KG.criticisedBy, KHAN) in graph  # stored: Dick criticised by Khan
    assert (KHAN, KG.criticised, DICK) in graph  # its mirror: Khan criticised Dick
    answer = graph.query("SELECT ?a ?b WHERE { ?a kg:criticised ?b }")
    assert [tuple(row) for row in answer] == [(KHAN, DICK)]
    assert (KHAN, KG.clashedWith, DICK) in graph
    assert (DICK, KG.clashedWith, KHAN) not in graph  # symmetric, not passive: stored once


def test_evidence_annotates_the_stored_direction_only(graph: Graph) -> None:
    assert len(axioms_for(graph, DICK, KG.criticisedBy, KHAN)) == 1
    assert axioms_for(graph, KHAN, KG.criticised, DICK) == []
    annotated = set(graph.objects(None, OWL.annotatedProperty))
    assert not annotated & {KG[active] for active in active_voice().values()}


@pytest.mark.parametrize("stored", sorted(active_voice()))
def test_every_passive_fact_gets_its_active_voice(stored: str) -> None:
    corpus = Corpus(
        nodes=(Node("person/a", "A", "Person"), Node("person/b", "B", "Person")),
        facts=(Fact("person/a", stored, "person/b", (evidence(),)),),
    )
    graph = build_graph(corpus)
    a, b = node_iri("person/a"), node_iri("person/b")
    active = term(active_voice()[stored])
    assert (b, active, a) in graph
    assert (active, OWL.inverseOf, term(stored)) in graph
    facts = {(s, p, o) for s, p, o in graph if s in (a, b) and o in (a, b)}
    assert facts == {(a, term(stored), b), (b, active, a)}


def test_other_facts_get_no_mirror() -> None:
    corpus = Corpus(
        nodes=(Node("person/a", "A", "Person"), Node("organization/o", "O", "Organization")),
        facts=(
            Fact("person/a", "worksFor", "organization/o", (evidence(),)),
            Fact("person/a", "resignedFrom", "organization/o", (evidence(),)),
        ),
    )
    graph = build_graph(corpus)
    a, o = node_iri("person/a"), node_iri("organization/o")
    assert set(graph.predicates(o, a)) == set()
