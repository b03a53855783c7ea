"""Turn a resolved :class:`~kg.records.Corpus` into an RDF graph.

The graph is itself an OWL ontology (IRI ``config.GRAPH_IRI``) that embeds the kg
ontology, so one file opens alone in Protégé and SPARQL can follow
``rdfs:subPropertyOf``. Entities, documents and quotes are named individuals below
``config.RESOURCE``; every fact is one triple, and each piece of its evidence is one
``owl:Axiom`` annotating that triple (sentence, document, offsets, rule, confidence).
A fact stored in the passive voice (``X kg:criticisedBy Y``) is also written the
other way, in the active voice of its ``owl:inverseOf`` (``Y kg:criticised X``), without
evidence of its own (see :func:`kg.rdf.ontology.active_voice`). Axiom blank nodes are
named from a hash of their content, so output is byte-stable.

>>> from kg.records import Corpus, Node
>>> g = build_graph(Corpus(nodes=(Node("person/ada", "Ada", "Person"),)))
>>> (node_iri("person/ada"), RDF.type, KG.Person) in g
True
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import quote, unquote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node as Term

from kg import config
from kg.inputs.sources import plain_source
from kg.rdf.ontology import (
    ROLE_PARENT,
    active_voice,
    declared_terms,
    load_ontology,
    new_graph,
    ontology_version,
    term,
)
from kg.rdf.vocab import KG
from kg.records import AttributedQuote, Corpus, DocumentInfo, Evidence, Fact, Node

_SURROGATE = re.compile("[\ud800-\udfff]")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
_LABEL_LENGTH = 80
_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
SCHEMA = Namespace("https://schema.org/")


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


def slug_of(iri: str) -> str:
    """The slug of a node IRI (the inverse of :func:`node_iri`).

    >>> slug_of(node_iri("place/são paulo"))
    'place/são paulo'
    """
    return unquote(str(iri).removeprefix(config.RESOURCE))


def doc_id_of(iri: str) -> str:
    """The document id of a document IRI (the inverse of :func:`document_iri`).

    >>> doc_id_of(document_iri("a/b c"))
    'a/b c'
    """
    return unquote(str(iri).removeprefix(f"{config.RESOURCE}document/"))


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
    >>> str(g.value(document_iri("a1"), KG.title))
    'Title'
    """
    graph = new_graph()
    add_corpus(graph, corpus)
    return graph


class TripleSink(Protocol):
    """Where :func:`add_corpus` puts triples: an rdflib Graph, or a store writer."""

    def add(self, triple: tuple[Term, Term, Term], /) -> object:
        """Take one triple (rdflib terms); adding a triple twice is harmless."""


class _TypedOnce:
    """Passes triples on, each ``rdf:type`` triple only the first time.

    Every reference to a node or document declares it again (so that no reference
    is ever undeclared); a graph ignores the repeats, a store writer should not
    have to convert and send them.
    """

    def __init__(self, sink: TripleSink) -> None:
        self._sink = sink
        self._typed: set[tuple[Term, Term]] = set()

    def add(self, triple: tuple[Term, Term, Term], /) -> None:
        if triple[1] == RDF.type:
            if (triple[0], triple[2]) in self._typed:
                return
            self._typed.add((triple[0], triple[2]))
        self._sink.add(triple)


def add_corpus(sink: TripleSink, corpus: Corpus, ontology: Graph | None = None) -> None:
    """Add the triples of a corpus, and the ontology it embeds, to ``sink``.

    ``ontology`` defaults to kg's own (:func:`kg.rdf.ontology.load_ontology`).
    """
    ontology = load_ontology() if ontology is None else ontology
    sink = _TypedOnce(sink)
    for triple in ontology:
        if triple[0] != URIRef(config.ONTOLOGY_IRI):
            sink.add(triple)
    _add_header(sink)
    for doc in corpus.documents:
        _add_document(sink, doc)
    for node in corpus.nodes:
        _add_node(sink, node)
    declared = set(declared_terms("object"))
    for name, title in sorted(corpus.roles.items()):
        if (term(name), RDF.type, OWL.ObjectProperty) not in ontology:
            _declare_role(sink, name, title)
        declared.add(name)
    published = {doc.doc_id: doc.published for doc in corpus.documents if doc.published}
    active = active_voice()
    for fact in corpus.facts:
        if fact.predicate not in declared:
            _declare_predicate(sink, fact.predicate, ontology)
            declared.add(fact.predicate)
        _add_fact(sink, fact, published, active.get(fact.predicate))
    counters: dict[str, int] = {}
    for quote_ in corpus.quotes:
        index = counters.get(quote_.doc_id, 0)
        counters[quote_.doc_id] = index + 1
        _add_quote(sink, quote_, index)


def _add_header(graph: TripleSink) -> None:
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


def _individual(graph: TripleSink, iri: URIRef, cls: URIRef | None = None) -> None:
    graph.add((iri, RDF.type, OWL.NamedIndividual))
    if cls is not None:
        graph.add((iri, RDF.type, cls))


def _document(graph: TripleSink, doc_id: str) -> URIRef:
    """The IRI of a document, declared as a kg:Document individual."""
    iri = document_iri(doc_id)
    _individual(graph, iri, KG.Document)
    return iri


def _node(graph: TripleSink, slug: str) -> URIRef:
    """The IRI of a node, declared as a named individual (its type comes from the Node)."""
    iri = node_iri(slug)
    _individual(graph, iri)
    return iri


def _add_document(graph: TripleSink, doc: DocumentInfo) -> None:
    iri = _document(graph, doc.doc_id)
    graph.add((iri, RDF.type, SCHEMA.NewsArticle))
    graph.add((iri, RDFS.label, _text(doc.title or doc.doc_id)))
    graph.add((iri, KG.sourcePath, _text(plain_source(doc.source))))
    if doc.title:
        graph.add((iri, KG.title, _text(doc.title)))
    if doc.url:
        graph.add((iri, KG.url, Literal(_text(doc.url), datatype=XSD.anyURI)))
    if doc.published:
        graph.add((iri, KG.published, date_time_literal(doc.published)))
    if doc.publisher:
        graph.add((iri, KG.publisher, _text(doc.publisher)))
    if doc.content_hash:
        graph.add((iri, KG.contentHash, Literal(doc.content_hash)))


def date_time_literal(lexical: str) -> Literal:
    """An ``xsd:dateTime`` literal from its lexical form, kept as written (see kg.inputs.dates).

    >>> date_time_literal("2022-03-04T00:00:00").n3()
    '"2022-03-04T00:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>'
    """
    return Literal(lexical, datatype=XSD.dateTime, normalize=False)


def _add_node(graph: TripleSink, node: Node) -> None:
    iri = _node(graph, node.slug)
    graph.add((iri, RDF.type, term(node.type)))
    graph.add((iri, RDFS.label, _text(node.label)))
    for alias in node.aliases:
        if alias != node.label:
            graph.add((iri, SKOS.altLabel, _text(alias)))
    for doc_id in node.documents:
        graph.add((iri, KG.mentionedIn, _document(graph, doc_id)))


def _declare_role(graph: TripleSink, name: str, title: str) -> None:
    """Declare a role property that the ontology lacks, minted from a job title."""
    prop = term(name)
    graph.add((prop, RDF.type, OWL.ObjectProperty))
    graph.add((prop, RDFS.subPropertyOf, KG[ROLE_PARENT]))
    graph.add((prop, RDFS.domain, KG.Person))
    graph.add((prop, RDFS.label, Literal(role_label(name, title), lang="en")))
    comment = f"Minted by kg from the job title “{title}”: the subject holds that position."
    graph.add((prop, RDFS.comment, Literal(comment, lang="en")))
    if title:
        graph.add((prop, KG.jobTitle, _text(title)))


def _declare_predicate(graph: TripleSink, name: str, ontology: Graph) -> None:
    """Declare a fact's predicate, which neither the ontology nor a role declares."""
    prop = term(name)
    if (prop, None, None) in ontology:
        raise ValueError(f"kg:{name} is not an object property; a fact cannot use it")
    label = " ".join(_CAMEL.split(name)).lower()
    graph.add((prop, RDF.type, OWL.ObjectProperty))
    graph.add((prop, RDFS.label, Literal(label, lang="en")))
    comment = "Minted by kg for a relation that the kg ontology does not name."
    graph.add((prop, RDFS.comment, Literal(comment, lang="en")))


def _add_fact(
    graph: TripleSink, fact: Fact, published: dict[str, str], active: str | None = None
) -> None:
    """Add a fact, its evidence axioms, and its active-voice mirror when ``active`` names one.

    The mirror (``Y kg:criticised X`` beside ``X kg:criticisedBy Y``) carries no evidence
    of its own: the axioms annotate the stored, passive direction only.
    """
    subject, prop, obj = _node(graph, fact.subject), term(fact.predicate), _node(graph, fact.object)
    graph.add((subject, prop, obj))
    if active is not None:
        graph.add((obj, term(active), subject))
    summary = FactSummary.of(fact, published)
    for evidence in fact.evidence:
        _add_evidence(graph, (subject, prop, obj), fact, evidence, summary)


@dataclass(frozen=True, slots=True)
class FactSummary:
    """What each evidence axiom of a fact repeats about the whole fact."""

    evidence_count: int
    document_count: int
    first_seen: str = ""
    last_seen: str = ""
    dates: tuple[tuple[str, str], ...] = ()
    """(doc_id, publication time) of the fact's dated documents."""

    @classmethod
    def of(cls, fact: Fact, published: dict[str, str]) -> FactSummary:
        """Count a fact's evidence and find its first and last publication times."""
        docs = sorted({e.doc_id for e in fact.evidence})
        dates = tuple((d, published[d]) for d in docs if d in published)
        times = sorted((_sortable(t), t) for _, t in dates)
        first, last = (times[0][1], times[-1][1]) if times else ("", "")
        return cls(len(fact.evidence), len(docs), first, last, dates)


def _sortable(lexical: str) -> str:
    """A dateTime lexical form as UTC for ordering (no zone: taken as UTC)."""
    moment = datetime.fromisoformat(lexical.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def _add_evidence(
    graph: TripleSink,
    triple: tuple[URIRef, URIRef, URIRef],
    fact: Fact,
    evidence: Evidence,
    summary: FactSummary,
) -> None:
    """Add one owl:Axiom that annotates ``triple`` with one piece of evidence."""
    key = json.dumps([*triple, fact.title, *map(str, _evidence_fields(evidence))])
    axiom = BNode("ev" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:24])
    subject, prop, obj = triple
    graph.add((axiom, RDF.type, OWL.Axiom))
    graph.add((axiom, OWL.annotatedSource, subject))
    graph.add((axiom, OWL.annotatedProperty, prop))
    graph.add((axiom, OWL.annotatedTarget, obj))
    graph.add((axiom, KG.evidenceSentence, _text(evidence.sentence)))
    graph.add((axiom, KG.evidenceDocument, _document(graph, evidence.doc_id)))
    graph.add((axiom, KG.startChar, Literal(int(evidence.start))))
    graph.add((axiom, KG.endChar, Literal(int(evidence.end))))
    graph.add((axiom, KG.extractedBy, _text(evidence.rule)))
    graph.add((axiom, KG.confidence, confidence_literal(evidence.confidence)))
    graph.add((axiom, KG.evidenceCount, Literal(summary.evidence_count)))
    graph.add((axiom, KG.documentCount, Literal(summary.document_count)))
    as_of = dict(summary.dates).get(evidence.doc_id)
    if as_of:
        graph.add((axiom, KG.asOf, date_time_literal(as_of)))
    if summary.first_seen:
        graph.add((axiom, KG.firstSeen, date_time_literal(summary.first_seen)))
        graph.add((axiom, KG.lastSeen, date_time_literal(summary.last_seen)))
    if fact.title:
        graph.add((axiom, KG.jobTitle, _text(fact.title)))


def _evidence_fields(evidence: Evidence) -> tuple[object, ...]:
    return (
        evidence.doc_id,
        evidence.sentence,
        evidence.start,
        evidence.end,
        evidence.rule,
        confidence_literal(evidence.confidence),
    )


def _add_quote(graph: TripleSink, quote_: AttributedQuote, index: int) -> None:
    iri = quote_iri(quote_.doc_id, index)
    _individual(graph, iri, KG.Quote)
    text = " ".join(quote_.text.split())
    if len(text) > _LABEL_LENGTH:
        text = text[: _LABEL_LENGTH - 1].rstrip() + "…"
    graph.add((iri, RDFS.label, _text(f"“{text}”")))
    graph.add((iri, KG.quoteText, _text(quote_.text)))
    graph.add((iri, KG.saidBy, _node(graph, quote_.speaker)))
    graph.add((iri, KG.quotedIn, _document(graph, quote_.doc_id)))
    graph.add((iri, KG.startChar, Literal(int(quote_.start))))
    graph.add((iri, KG.endChar, Literal(int(quote_.end))))
