"""Materialise the facts that the ontology implies (``kg build --infer``).

owlrl computes the OWL 2 RL closure of the property axioms (sub-property, inverse,
symmetric, transitive, equivalent property, property chains) over the facts of a
built graph, so ``kg:commissionerOf`` facts also become ``kg:holdsPositionIn`` and
``kg:affiliatedWith`` facts, ``X kg:worksFor Y`` gives ``Y kg:employs X``, and so on
(the active voice of a stance, ``Y kg:praised X`` beside ``X kg:praisedBy Y``, is
written by every build already: see :mod:`kg.rdf.graph`).
Class axioms are left out of the reasoning: they only derive types, which are not
kept. Of the closure, :func:`keep_inferred` keeps only the new triples whose predicate
is a ``kg:`` object property and whose subject and object are entities (people,
organisations, places); owlrl's other output (reflexive ``owl:sameAs``, ``owl:Thing``
types, schema.org super-properties, triples about the vocabulary) is dropped. The
result stays OWL 2 DL and byte-stable. Inferred facts carry no evidence axiom: the
evidence stays on the asserted facts they come from.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix kg: <https://kg-news.org/ontology#> .
... @prefix kgr: <https://kg-news.org/resource/> .
... @prefix owl: <http://www.w3.org/2002/07/owl#> .
... kg:Person a owl:Class . kg:praisedBy a owl:ObjectProperty .
... kg:praised a owl:ObjectProperty ; owl:inverseOf kg:praisedBy .
... kgr:a a kg:Person . kgr:b a kg:Person . kgr:a kg:praisedBy kgr:b .
... ''', format="turtle")
>>> [(s[-1], p.split("#")[1], o[-1]) for s, p, o in inferred_triples(g)]
[('b', 'praised', 'a')]
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from kg import config
from kg.rdf.vocab import KG
from kg.records import ENTITY_TYPES

Triple = tuple[Node, Node, Node]

ENTITY_CLASSES = ENTITY_TYPES
"""Instances of these kg classes (and their sub-classes) are the entities of a graph."""

_PROPERTY_AXIOMS = frozenset(
    {
        RDFS.subPropertyOf,
        OWL.inverseOf,
        OWL.equivalentProperty,
        OWL.propertyChainAxiom,
        RDF.first,
        RDF.rest,
    }
)
_PROPERTY_TYPES = frozenset(
    {
        OWL.ObjectProperty,
        OWL.SymmetricProperty,
        OWL.TransitiveProperty,
        OWL.ReflexiveProperty,
        OWL.InverseFunctionalProperty,
        OWL.FunctionalProperty,
    }
)


def entities(graph: Graph) -> frozenset[URIRef]:
    """Return the kgr: IRIs typed with an entity class or one of its sub-classes."""
    classes: set[Node] = set()
    for name in ENTITY_CLASSES:
        classes.update(graph.transitive_subjects(RDFS.subClassOf, KG[name]))
    return frozenset(
        s
        for s, cls in graph.subject_objects(RDF.type)
        if cls in classes and isinstance(s, URIRef) and s.startswith(config.RESOURCE)
    )


def kg_object_properties(graph: Graph) -> frozenset[URIRef]:
    """Return the ``kg:`` properties declared as owl:ObjectProperty in the graph."""
    return frozenset(
        p
        for p in graph.subjects(RDF.type, OWL.ObjectProperty)
        if isinstance(p, URIRef) and p.startswith(config.KG)
    )


def keep_inferred(asserted: Graph, closure: Iterable[Triple]) -> list[Triple]:
    """Return, sorted, the triples of ``closure`` worth adding to ``asserted``.

    A triple is kept when it is new, its predicate is a ``kg:`` object property of
    ``asserted`` and its subject and object are entities of ``asserted`` (pure).
    """
    nodes = entities(asserted)
    properties = kg_object_properties(asserted)
    return sorted(
        {
            (s, p, o)
            for s, p, o in closure
            if p in properties and s in nodes and o in nodes and (s, p, o) not in asserted
        }
    )


def reasoning_input(graph: Graph) -> Graph:
    """Return the part of ``graph`` that can imply facts between entities.

    The declarations and axioms of properties, and the kg: object property
    assertions between entities; not labels, classes, types or evidence.
    """
    nodes = entities(graph)
    properties = kg_object_properties(graph)
    out = Graph(bind_namespaces="none")
    for s, p, o in graph:
        if (
            p in _PROPERTY_AXIOMS
            or (p == RDF.type and o in _PROPERTY_TYPES)
            or (p in properties and s in nodes and o in nodes)
        ):
            out.add((s, p, o))
    return out


def inferred_triples(graph: Graph) -> list[Triple]:
    """Return the facts between entities that the ontology implies, sorted."""
    import owlrl

    closure = reasoning_input(graph)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    return keep_inferred(graph, closure)


def with_inferences(graph: Graph) -> Graph:
    """Add the implied facts to ``graph`` (in place) and return it."""
    for triple in inferred_triples(graph):
        graph.add(triple)
    return graph
