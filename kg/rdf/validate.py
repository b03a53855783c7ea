"""Check a built graph against kg's SHACL shapes with pySHACL.

The shapes are ``ontology/shapes.ttl`` plus, for role properties that a build minted
for job titles the ontology lacks, shapes generated from the graph's own
declarations (:func:`kg.rdf.shapes.property_shapes`). Each violation comes back as a
plain :class:`Violation`: the focus node's label, the path, the message and the
offending value.

>>> from kg.sparql.load import load_graph_text
>>> g = load_graph_text('<urn:a> a <https://kg-news.org/ontology#Person> .', "turtle")
>>> print(format_violations(validate_graph(g)))
urn:a | rdfs:label | an entity must have exactly one rdfs:label
1 violation
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf.ontology import load_ontology, local_name
from kg.rdf.prefixes import shorten
from kg.rdf.shapes import SH, kg_properties, load_shapes, property_shapes, shape_iri
from kg.rdf.vocab import KG


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL violation, as text: who, where, what is wrong, and the bad value."""

    focus: str
    path: str
    message: str
    value: str = ""


def shapes_for(graph: Graph) -> Graph:
    """Return kg's shapes plus shapes for properties declared only in ``graph``."""
    shapes = load_shapes()
    known = {p for p in kg_properties(graph) if (shape_iri(p), None, None) in shapes}
    for triple in property_shapes(graph, skip=known):
        shapes.add(triple)
    return shapes


def validate_graph(graph: Graph) -> list[Violation]:
    """Return the violations of ``graph`` against kg's shapes, sorted (empty: it conforms).

    A graph without the embedded ontology is checked with the ontology added, so that
    ``sh:class kg:Place`` also accepts a ``kg:City``.
    """
    import pyshacl

    data = graph
    if (KG.City, RDFS.subClassOf, KG.Place) not in graph:
        data = graph + load_ontology()
    shapes = shapes_for(graph)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    if not isinstance(report, Graph):
        raise TypeError("pySHACL returned no results graph")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus, value = report.value(result, SH.focusNode), report.value(result, SH.value)
        path = report.value(result, SH.resultPath)
        source = report.value(result, SH.sourceShape)
        if path is None and source is not None:
            path = shapes.value(source, SH.targetSubjectsOf)
        found.add(
            Violation(
                focus=describe(data, focus),
                path=_short(path),
                message=str(report.value(result, SH.resultMessage) or ""),
                value="" if value == focus else _value(data, value),
            )
        )
    return sorted(found)


def validate_path(path: str | Path) -> list[Violation]:
    """Validate a built graph: an output folder (its ``graph.ttl``) or an RDF file."""
    from kg.sparql.load import load_graph

    return validate_graph(load_graph(path))


def _short(term: Node | None) -> str:
    """A compact ``prefix:local`` form of an IRI, ``-`` for none."""
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        return shorten(term, prefixed_name=False)
    return "(complex path)" if isinstance(term, BNode) else str(term)


def _value(graph: Graph, term: Node | None) -> str:
    if term is None:
        return ""
    return str(term) if isinstance(term, Literal) else describe(graph, term)


def describe(graph: Graph, node: Node | None) -> str:
    """A readable name for a node: its label, the fact an axiom annotates, or its IRI.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); _ = g.add((URIRef("urn:a"), RDFS.label, Literal("Ada")))
    >>> describe(g, URIRef("urn:a")), describe(g, URIRef("urn:b"))
    ('Ada', 'urn:b')
    """
    if node is None:
        return "-"
    labels = sorted(str(label) for label in graph.objects(node, RDFS.label))
    if labels:
        return " / ".join(labels)
    if (node, RDF.type, OWL.Axiom) in graph:
        ends = [graph.value(node, OWL[p]) for p in ("annotatedSource", "annotatedTarget")]
        prop = graph.value(node, OWL.annotatedProperty)
        name = local_name(str(prop)) if prop is not None else "?"
        source, target = (describe(graph, end) if end is not None else "?" for end in ends)
        return f"evidence for {source} {name} {target}"
    return str(node) if isinstance(node, URIRef) else f"_:{node}"


def format_violations(violations: list[Violation]) -> str:
    """Return ``conforms`` or one ``focus | path | message [| value]`` line per violation."""
    if not violations:
        return "conforms"
    lines = [
        " | ".join(filter(None, (v.focus, v.path, v.message, v.value and f"value: {v.value}")))
        for v in violations
    ]
    lines.append(f"{len(violations)} violation{'s' if len(violations) != 1 else ''}")
    return "\n".join(lines)
