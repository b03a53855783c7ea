"""SHACL shapes generated from the ontology: both ends of every relation get their types.

``ontology/shapes.ttl`` has a hand-written part (entities, evidence) and, below
:data:`MARKER`, one shape per kg object or datatype property with a domain or range,
generated here from ``ontology/kg.ttl``. A property without its own domain or range
takes it from the nearest kg super-property (so ``kg:mayorOf`` gets the range of
``kg:holdsPositionIn``); an ``owl:unionOf`` becomes ``sh:or``. Regenerate the file
with ``python -m kg.rdf.shapes`` (``make shapes``).

>>> from kg.rdf.ontology import load_ontology
>>> g = property_shapes(load_ontology())
>>> print(g.value(SHAPES["mayorOfObjectShape"], SH.message))
the object of kg:mayorOf must be an Organization or a Place
"""

from __future__ import annotations

import sys
from collections.abc import Container, Iterator
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.rdf.ontology import local_name
from kg.rdf.prefixes import PREFIXES, last_segment

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://kg-news.org/shapes#")
"""Namespace of kg's shapes (prefix ``kgsh:``)."""

MARKER = "# ---- generated from ontology/kg.ttl by `make shapes`: do not edit below this line ----"
_PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty)
_PREFIXES = {**PREFIXES, "kgsh": str(SHAPES), "sh": str(SH)}
"""The one prefix table (:data:`kg.rdf.ontology.PREFIXES`) plus the SHACL namespaces."""


def shape_iri(prop: URIRef, end: str = "") -> URIRef:
    """Return the IRI of the shape of a kg property (``end`` is ``""`` or ``"Object"``).

    >>> from kg.rdf.vocab import KG
    >>> shape_iri(KG.mayorOf, "Object")
    rdflib.term.URIRef('https://kg-news.org/shapes#mayorOfObjectShape')
    """
    return SHAPES[f"{local_name(prop)}{end}Shape"]


def kg_properties(graph: Graph) -> list[URIRef]:
    """Return the kg object and datatype properties declared in ``graph``, sorted."""
    found = {
        s
        for kind in _PROPERTY_KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and local_name(s)
    }
    return sorted(found)


def _inherited(graph: Graph, prop: URIRef, axis: URIRef) -> list[Node]:
    """The values of ``axis`` (domain or range) of ``prop`` or of its nearest kg ancestor."""
    level, seen = [prop], {prop}
    while level:
        values = sorted({v for p in level for v in graph.objects(p, axis)}, key=str)
        if values:
            return values
        parents = {s for p in level for s in graph.objects(p, RDFS.subPropertyOf) if local_name(s)}
        level = sorted(parents - seen)
        seen |= parents
    return []


def _members(graph: Graph, expression: Node) -> list[Node]:
    """The classes of a named class or of an ``owl:unionOf`` expression."""
    union = graph.value(expression, OWL.unionOf)
    if union is not None:
        return list(Collection(graph, union))
    return [expression]


def _is_datatype(term: Node) -> bool:
    return str(term).startswith(str(XSD)) or term == RDFS.Literal


def _name(graph: Graph, cls: Node) -> str:
    """A class name for messages: ``a Person``, ``an Organization``, ``a string``."""
    label = graph.value(cls, RDFS.label)
    text = str(label) if label is not None else last_segment(cls)
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"


def _either(names: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _constrain(out: Graph, graph: Graph, shape: URIRef | BNode, expressions: list[Node]) -> str:
    """Add sh:class / sh:datatype / sh:or for ``expressions`` (all must hold); return names."""
    names = []
    for expression in expressions:
        members = _members(graph, expression)
        names.append(_either([_name(graph, m) for m in members]))
        if len(members) == 1:
            kind = SH.datatype if _is_datatype(members[0]) else SH["class"]
            out.add((shape, kind, members[0]))
            continue
        alternatives = []
        for member in members:
            alternative = BNode()
            kind = SH.datatype if _is_datatype(member) else SH["class"]
            out.add((alternative, kind, member))
            alternatives.append(alternative)
        head = BNode()
        Collection(out, head, alternatives)
        out.add((shape, SH["or"], head))
    return " and ".join(names)


def _shapes_for(out: Graph, graph: Graph, prop: URIRef) -> None:
    domains, ranges = _inherited(graph, prop, RDFS.domain), _inherited(graph, prop, RDFS.range)
    if not domains and not ranges:
        return
    shape, name = shape_iri(prop), f"kg:{local_name(prop)}"
    out.add((shape, RDF.type, SH.NodeShape))
    out.add((shape, SH.targetSubjectsOf, prop))
    if domains:
        names = _constrain(out, graph, shape, domains)
        out.add((shape, SH.message, Literal(f"the subject of {name} must be {names}")))
    if ranges:
        value_shape = shape_iri(prop, "Object")
        out.add((shape, SH.property, value_shape))
        out.add((value_shape, RDF.type, SH.PropertyShape))
        out.add((value_shape, SH.path, prop))
        names = _constrain(out, graph, value_shape, ranges)
        out.add((value_shape, SH.message, Literal(f"the object of {name} must be {names}")))


def property_shapes(graph: Graph, skip: Container[URIRef] = ()) -> Graph:
    """Return shapes for the kg properties declared in ``graph`` (not those in ``skip``).

    ``graph`` is the ontology, or a built graph: it embeds the ontology and declares
    the role properties minted for job titles that the ontology lacks.
    """
    out = Graph(bind_namespaces="none")
    for prefix, namespace in _PREFIXES.items():
        out.bind(prefix, namespace)
    for prop in kg_properties(graph):
        if prop not in skip:
            _shapes_for(out, graph, prop)
    return out


def _turtle_body(graph: Graph) -> Iterator[str]:
    """The Turtle of ``graph`` without its PREFIX lines (the file header declares them)."""
    text = graph.serialize(format="turtle")
    lines = [line for line in text.splitlines() if not line.startswith(("@prefix ", "PREFIX "))]
    while lines and not lines[0].strip():
        lines.pop(0)
    yield from lines


def shapes_text(current: str, ontology: Graph) -> str:
    """Return ``current`` (the shapes file) with its generated part made from ``ontology``."""
    head, found, _ = current.partition(MARKER)
    if not found:
        raise ValueError("the shapes file has no marker line for its generated part")
    body = "\n".join(_turtle_body(property_shapes(ontology)))
    return f"{head}{MARKER}\n\n{body}\n"


def shapes_source() -> str:
    """Return the Turtle text of the shapes shipped with kg (``ontology/shapes.ttl``)."""
    return resources.files("kg.rdf").joinpath("data").joinpath("shapes.ttl").read_text("utf-8")


def load_shapes() -> Graph:
    """Return the shapes graph shipped with kg.

    >>> (SHAPES.EntityShape, RDF.type, SH.NodeShape) in load_shapes()
    True
    """
    return Graph().parse(data=shapes_source(), format="turtle")


def main(argv: list[str] | None = None) -> None:
    """Regenerate the shapes file in place: ``python -m kg.rdf.shapes [ontology/shapes.ttl]``."""
    from kg.fileio import atomic_write_text
    from kg.rdf.ontology import load_ontology

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "ontology/shapes.ttl")
    atomic_write_text(path, shapes_text(path.read_text(encoding="utf-8"), load_ontology()))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
