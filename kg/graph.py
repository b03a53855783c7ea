"""Turn a resolved :class:`~kg.records.Corpus` into an RDF graph.

The graph is itself an OWL ontology (IRI ``config.GRAPH_IRI``) that embeds the kg
ontology, so one file opens alone in Protégé and SPARQL can follow
``rdfs:subPropertyOf``. Entities, documents and quotes are named individuals below
``config.RESOURCE``; every fact is one triple, and each piece of its evidence is one
``owl:Axiom`` annotating that triple (sentence, document, offsets, rule, confidence).
Axiom blank nodes are named from a hash of their content, so output is byte-stable.

>>> from kg.records import Corpus, Node
>>> g = build_graph(Corpus(nodes=(Node("person/ada", "Ada", "Person"),)))
>>> (node_iri("person/ada"), RDF.type, KGNS.Person) in g
True
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef

from kg import config
from kg.ontology import (
    KGNS,
    ROLE_PARENT,
    declared_terms,
    load_ontology,
    new_graph,
    ontology_version,
    term,
)
from kg.records import AttributedQuote, Corpus, DocumentInfo, Evidence, Fact, Node

_SURROGATE = re.compile("[\ud800-\udfff]")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
_LABEL_LENGTH = 80
_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _text(value: str) -> Literal:
    """A plain literal; lone surrogates (not encodable in any RDF syntax) become U+FFFD."""
    return Literal(_SURROGATE.sub("\ufffd", value))


def _safe(path: str) -> str:
    """Percent-encode everything but unreserved characters and ``/`` (injective)."""
    return quote(path, safe="/-._~")


def node_iri(slug: str) -> URIRef:
    """Return the IRI of the node with this slug.

    >>> node_iri("person/cressida-dick")
    rdflib.term.URIRef('https://kg-news.org/resource/person/cressida-dick')
    >>> node_iri("place/são paulo")
    rdflib.term.URIRef('https://kg-news.org/resource/place/s%C3%A3o%20paulo')
    """
    if not slug:
        raise ValueError("empty node slug")
    return URIRef(config.RESOURCE + _safe(slug))


def document_slug(doc_id: str) -> str:
    """Return the IRI-safe form of a document id (``/`` is encoded too).

    >>> document_slug("000_fb23.txt"), document_slug("a/b c")
    ('000_fb23.txt', 'a%2Fb%20c')
    """
    if not doc_id:
        raise ValueError("empty document id")
    return quote(doc_id, safe="-._~")


def document_iri(doc_id: str) -> URIRef:
    """Return the IRI of a document.

    >>> document_iri("a1")
    rdflib.term.URIRef('https://kg-news.org/resource/document/a1')
    """
    return URIRef(f"{config.RESOURCE}document/{document_slug(doc_id)}")


def quote_iri(doc_id: str, index: int) -> URIRef:
    """Return the IRI of the ``index``-th (0-based) quote of a document in corpus order.

    >>> quote_iri("a1", 0)
    rdflib.term.URIRef('https://kg-news.org/resource/quote/a1-0')
    """
    return URIRef(f"{config.RESOURCE}quote/{document_slug(doc_id)}-{index}")


def confidence_literal(value: float) -> Literal:
    """Return a confidence as an ``xsd:decimal`` clamped to [0, 1], at most 4 places.

    >>> str(confidence_literal(0.85)), str(confidence_literal(1)), str(confidence_literal(-2))
    ('0.85', '1.0', '0.0')
    """
    value = 0.0 if math.isnan(value) else min(1.0, max(0.0, float(value)))
    lexical = f"{value:.4f}".rstrip("0")
    return Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=_DECIMAL)


def role_label(name: str, title: str) -> str:
    """Return the label of a role property minted from a job title.

    >>> role_label("deputyMayorOf", "Deputy Mayor"), role_label("envoyTo", "UN Envoy")
    ('deputy mayor of', 'UN envoy to')
    """
    title = " ".join(title.split()) or " ".join(_CAMEL.split(name)).lower()
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in title.split()]
    last = _CAMEL.split(name)[-1]
    if last in ("Of", "For", "To", "In", "At") and len(_CAMEL.split(name)) > 1:
        words.append(last.lower())
    return " ".join(words)


def build_graph(corpus: Corpus) -> Graph:
    """Return the RDF/OWL graph of a corpus (pure; same corpus, same triples).

    >>> from kg.records import Corpus, DocumentInfo
    >>> g = build_graph(Corpus(documents=(DocumentInfo("a1", "a1.txt", "Title"),)))
    >>> str(g.value(document_iri("a1"), KGNS["title"]))
    'Title'
    """
    graph = new_graph()
    ontology = load_ontology()
    for triple in ontology:
        if triple[0] != URIRef(config.ONTOLOGY_IRI):
            graph.add(triple)
    _add_header(graph)
    for doc in corpus.documents:
        _add_document(graph, doc)
    for node in corpus.nodes:
        _add_node(graph, node)
    for name, title in sorted(corpus.roles.items()):
        if (term(name), RDF.type, OWL.ObjectProperty) not in ontology:
            _declare_role(graph, name, title)
    object_props = declared_terms("object")
    for fact in corpus.facts:
        _declare_predicate(graph, fact.predicate, object_props)
        _add_fact(graph, fact)
    counters: dict[str, int] = {}
    for quote_ in corpus.quotes:
        index = counters.get(quote_.doc_id, 0)
        counters[quote_.doc_id] = index + 1
        _add_quote(graph, quote_, index)
    return graph


def _add_header(graph: Graph) -> None:
    header = URIRef(config.GRAPH_IRI)
    version = ontology_version()
    graph.add((header, RDF.type, OWL.Ontology))
    graph.add((header, RDFS.label, Literal("kg news knowledge graph", lang="en")))
    graph.add(
        (
            header,
            RDFS.comment,
            Literal(
                "Entities, facts and quotes that kg read in news articles, with the "
                f"evidence for each fact. Embeds the kg ontology {version} "
                f"({config.ONTOLOGY_IRI}).",
                lang="en",
            ),
        )
    )
    graph.add((header, OWL.versionInfo, Literal(version)))
    graph.add((header, RDFS.seeAlso, URIRef(config.ONTOLOGY_IRI)))


def _individual(graph: Graph, iri: URIRef, cls: URIRef | None = None) -> None:
    graph.add((iri, RDF.type, OWL.NamedIndividual))
    if cls is not None:
        graph.add((iri, RDF.type, cls))


def _document(graph: Graph, doc_id: str) -> URIRef:
    """The IRI of a document, declared as a kg:Document individual."""
    iri = document_iri(doc_id)
    _individual(graph, iri, KGNS.Document)
    return iri


def _node(graph: Graph, slug: str) -> URIRef:
    """The IRI of a node, declared as a named individual (its type comes from the Node)."""
    iri = node_iri(slug)
    _individual(graph, iri)
    return iri


def _add_document(graph: Graph, doc: DocumentInfo) -> None:
    iri = _document(graph, doc.doc_id)
    graph.add((iri, RDFS.label, _text(doc.title or doc.doc_id)))
    graph.add((iri, KGNS.sourcePath, _text(doc.source)))
    if doc.title:
        graph.add((iri, KGNS["title"], _text(doc.title)))


def _add_node(graph: Graph, node: Node) -> None:
    iri = _node(graph, node.slug)
    graph.add((iri, RDF.type, term(node.type)))
    graph.add((iri, RDFS.label, _text(node.label)))
    for alias in node.aliases:
        if alias != node.label:
            graph.add((iri, SKOS.altLabel, _text(alias)))
    for doc_id in node.documents:
        graph.add((iri, KGNS.mentionedIn, _document(graph, doc_id)))


def _declare_role(graph: Graph, name: str, title: str) -> None:
    """Declare a role property that the ontology lacks, minted from a job title."""
    prop = term(name)
    graph.add((prop, RDF.type, OWL.ObjectProperty))
    graph.add((prop, RDFS.subPropertyOf, KGNS[ROLE_PARENT]))
    graph.add((prop, RDFS.domain, KGNS.Person))
    graph.add((prop, RDFS.label, Literal(role_label(name, title), lang="en")))
    comment = f"Minted by kg from the job title “{title}”: the subject holds that position."
    graph.add((prop, RDFS.comment, Literal(comment, lang="en")))
    if title:
        graph.add((prop, KGNS.jobTitle, _text(title)))


def _declare_predicate(graph: Graph, name: str, object_props: frozenset[str]) -> None:
    """Make sure a fact's predicate is declared as an object property."""
    prop = term(name)
    if name in object_props or (prop, RDF.type, OWL.ObjectProperty) in graph:
        return
    if (prop, None, None) in graph:
        raise ValueError(f"kg:{name} is not an object property; a fact cannot use it")
    label = " ".join(_CAMEL.split(name)).lower()
    graph.add((prop, RDF.type, OWL.ObjectProperty))
    graph.add((prop, RDFS.label, Literal(label, lang="en")))
    comment = "Minted by kg for a relation that the kg ontology does not name."
    graph.add((prop, RDFS.comment, Literal(comment, lang="en")))


def _add_fact(graph: Graph, fact: Fact) -> None:
    subject, prop, obj = _node(graph, fact.subject), term(fact.predicate), _node(graph, fact.object)
    graph.add((subject, prop, obj))
    for evidence in fact.evidence:
        _add_evidence(graph, (subject, prop, obj), fact, evidence)


def _add_evidence(
    graph: Graph, triple: tuple[URIRef, URIRef, URIRef], fact: Fact, evidence: Evidence
) -> None:
    """Add one owl:Axiom that annotates ``triple`` with one piece of evidence."""
    key = json.dumps([*triple, fact.title, *map(str, _evidence_fields(evidence))])
    axiom = BNode("ev" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:24])
    subject, prop, obj = triple
    graph.add((axiom, RDF.type, OWL.Axiom))
    graph.add((axiom, OWL.annotatedSource, subject))
    graph.add((axiom, OWL.annotatedProperty, prop))
    graph.add((axiom, OWL.annotatedTarget, obj))
    graph.add((axiom, KGNS.evidenceSentence, _text(evidence.sentence)))
    graph.add((axiom, KGNS.evidenceDocument, _document(graph, evidence.doc_id)))
    graph.add((axiom, KGNS.startChar, Literal(int(evidence.start))))
    graph.add((axiom, KGNS.endChar, Literal(int(evidence.end))))
    graph.add((axiom, KGNS.extractedBy, _text(evidence.rule)))
    graph.add((axiom, KGNS.confidence, confidence_literal(evidence.confidence)))
    graph.add((axiom, KGNS.evidenceCount, Literal(len(fact.evidence))))
    if fact.title:
        graph.add((axiom, KGNS.jobTitle, _text(fact.title)))


def _evidence_fields(evidence: Evidence) -> tuple[object, ...]:
    return (
        evidence.doc_id,
        evidence.sentence,
        evidence.start,
        evidence.end,
        evidence.rule,
        confidence_literal(evidence.confidence),
    )


def _add_quote(graph: Graph, quote_: AttributedQuote, index: int) -> None:
    iri = quote_iri(quote_.doc_id, index)
    _individual(graph, iri, KGNS.Quote)
    text = " ".join(quote_.text.split())
    if len(text) > _LABEL_LENGTH:
        text = text[: _LABEL_LENGTH - 1].rstrip() + "…"
    graph.add((iri, RDFS.label, _text(f"“{text}”")))
    graph.add((iri, KGNS.quoteText, _text(quote_.text)))
    graph.add((iri, KGNS.saidBy, _node(graph, quote_.speaker)))
    graph.add((iri, KGNS.quotedIn, _document(graph, quote_.doc_id)))
    graph.add((iri, KGNS.startChar, Literal(int(quote_.start))))
    graph.add((iri, KGNS.endChar, Literal(int(quote_.end))))
