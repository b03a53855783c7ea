"""What graph.html shows, read from the RDF graph of a build: plain records.

The page is drawn from the graph the build wrote, not from the resolved corpus, so
the facts that ``kg build --infer`` adds reach it too. :func:`from_rdf` reads an
rdflib Graph (memory builds), :func:`from_store` a pyoxigraph store (``--store
disk``) one predicate at a time, without loading it into rdflib. Both read the
layout of :mod:`kg.rdf.graph`: entities typed ``kg:Person``/``kg:Organization``/
``kg:Place`` with ``rdfs:label``, ``skos:altLabel`` and ``kg:mentionedIn``; documents
with ``kg:sourcePath``, ``kg:title`` and ``kg:url``; facts as plain triples between entities,
each piece of evidence an ``owl:Axiom`` that annotates its triple. A fact without
any evidence axiom was inferred (see :mod:`kg.rdf.infer`). A triple whose property is
declared ``owl:inverseOf`` another, beside the triple it mirrors (the active-voice
``Y kg:criticised X`` that a build writes beside ``X kg:criticisedBy Y``), is the
same fact: the page shows it once, in its stored direction.

>>> from kg.rdf.graph import build_graph
>>> from kg.records import Corpus, Evidence, Fact, Node
>>> corpus = Corpus(nodes=(Node("person/a", "A", "Person"), Node("place/b", "B", "Place")),
...                 facts=(Fact("person/a", "livesIn", "place/b",
...                             (Evidence("d1", "A lives in B.", 0, 13, "r", 0.9),)),))
>>> from_rdf(build_graph(corpus)) == from_corpus(corpus)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rdflib import OWL, RDF, RDFS, SKOS, BNode, URIRef

from kg import config
from kg.rdf.graph import doc_id_of, slug_of
from kg.rdf.ontology import local_name
from kg.records import ENTITY_TYPES, Corpus, DocumentInfo, Evidence, Fact, Node

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

_NEWS_ARTICLE = "https://schema.org/NewsArticle"
_AXIOM_FIELDS = (
    "annotatedSource",
    "annotatedProperty",
    "annotatedTarget",
    "evidenceDocument",
    "evidenceSentence",
    "startChar",
    "endChar",
    "extractedBy",
    "confidence",
)


@dataclass(frozen=True, slots=True)
class PageGraph:
    """The nodes, facts and documents a page shows (all tuples sorted, as in a Corpus).

    ``inferred`` holds the ``(subject, predicate, object)`` of the facts that the
    ontology implies: they carry no evidence. ``roles`` are the predicates minted
    from a job title (the facts that carry one).
    """

    documents: tuple[DocumentInfo, ...] = ()
    nodes: tuple[Node, ...] = ()
    facts: tuple[Fact, ...] = ()
    roles: frozenset[str] = frozenset()
    inferred: frozenset[tuple[str, str, str]] = field(default_factory=frozenset)


def from_corpus(corpus: Corpus) -> PageGraph:
    """The page records of a resolved corpus (no inferred facts)."""
    return PageGraph(corpus.documents, corpus.nodes, corpus.facts, frozenset(corpus.roles))


class TripleSource(Protocol):
    """Triples of one predicate; IRIs and literals as their text, blank nodes as ``_:id``."""

    def pairs(self, predicate: str) -> Iterable[tuple[str, str]]:
        """``(subject, object)`` of every triple with this predicate."""

    def subjects(self, predicate: str, obj: str) -> Iterable[str]:
        """Subjects of every triple with this predicate and this IRI object."""


class _RdflibSource:
    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    def pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        for s, o in self._graph.subject_objects(URIRef(predicate)):
            yield _rdflib_text(s), _rdflib_text(o)

    def subjects(self, predicate: str, obj: str) -> Iterator[str]:
        for s in self._graph.subjects(URIRef(predicate), URIRef(obj)):
            yield _rdflib_text(s)


def _rdflib_text(term: object) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


class _StoreSource:
    def __init__(self, store: ox.Store) -> None:
        self._store = store

    def pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        import pyoxigraph as ox

        quads = self._store.quads_for_pattern(
            None, ox.NamedNode(predicate), None, ox.DefaultGraph()
        )
        for quad in quads:
            yield _store_text(quad.subject), _store_text(quad.object)

    def subjects(self, predicate: str, obj: str) -> Iterator[str]:
        import pyoxigraph as ox

        quads = self._store.quads_for_pattern(
            None, ox.NamedNode(predicate), ox.NamedNode(obj), ox.DefaultGraph()
        )
        for quad in quads:
            yield _store_text(quad.subject)


def _store_text(term: object) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value  # type: ignore[attr-defined]


def from_rdf(graph: Graph) -> PageGraph:
    """Read the page records from an rdflib graph made by :mod:`kg.rdf.graph`."""
    return read_page_graph(_RdflibSource(graph))


def from_store(store: ox.Store) -> PageGraph:
    """Read the page records from a build's pyoxigraph store (its default graph)."""
    return read_page_graph(_StoreSource(store))


def read_page_graph(source: TripleSource) -> PageGraph:
    """Read the page records from any :class:`TripleSource` (one pass per predicate)."""
    types: dict[str, str] = {}
    for name in reversed(ENTITY_TYPES):  # the first entity type wins
        for iri in source.subjects(str(RDF.type), config.KG + name):
            if _is_resource(iri):
                types[iri] = name
    documents = set(source.subjects(str(RDF.type), config.KG + "Document"))
    listed = set(source.subjects(str(RDF.type), _NEWS_ARTICLE)) & documents
    quotes = set(source.subjects(str(RDF.type), config.KG + "Quote"))
    labels = _values(source, str(RDFS.label), types)
    aliases = _all_values(source, str(SKOS.altLabel), types)
    mentions = _all_values(source, config.KG + "mentionedIn", types)
    nodes = tuple(
        sorted(
            (
                Node(
                    slug_of(iri),
                    labels.get(iri, slug_of(iri)),
                    name,  # type: ignore[arg-type]
                    tuple(sorted(aliases.get(iri, ()))),
                    tuple(sorted(doc_id_of(d) for d in mentions.get(iri, ()))),
                )
                for iri, name in types.items()
            ),
            key=lambda n: n.slug,
        )
    )
    sources = _values(source, config.KG + "sourcePath", listed)
    titles = _values(source, config.KG + "title", listed)
    urls = _values(source, config.KG + "url", listed)
    docs = tuple(
        sorted(
            (
                DocumentInfo(doc_id_of(d), sources.get(d, ""), titles.get(d, ""), urls.get(d, ""))
                for d in listed
            ),
            key=lambda d: d.doc_id,
        )
    )
    not_entities = documents | quotes
    properties = [
        p
        for p in source.subjects(str(RDF.type), str(OWL.ObjectProperty))
        if p.startswith(config.KG)
    ]
    triples = _without_mirrors(
        {
            (s, p, o)
            for p in properties
            for s, o in source.pairs(p)
            if _is_resource(s)
            and _is_resource(o)
            and s not in not_entities
            and o not in not_entities
        },
        dict(source.pairs(str(OWL.inverseOf))),
    )
    evidence, job_titles = _evidence(source)
    facts, roles, inferred = [], set(), set()
    for s, p, o in triples:
        key = (slug_of(s), local_name(p), slug_of(o))
        found = evidence.get((s, p, o), ())
        title = job_titles.get((s, p, o), "")
        facts.append(Fact(*key, tuple(sorted(found, key=_evidence_order)), title))
        if title:
            roles.add(key[1])
        if not found:
            inferred.add(key)
    facts.sort(key=lambda f: (f.subject, f.predicate, f.object))
    return PageGraph(docs, nodes, tuple(facts), frozenset(roles), frozenset(inferred))


def _without_mirrors(
    triples: set[tuple[str, str, str]], inverse_of: dict[str, str]
) -> set[tuple[str, str, str]]:
    """Drop each triple whose property is ``owl:inverseOf`` another when the triple it
    mirrors is there too (one fact, one edge).

    >>> sorted(_without_mirrors({("a", "criticisedBy", "b"), ("b", "criticised", "a"),
    ...                          ("c", "criticised", "d")}, {"criticised": "criticisedBy"}))
    [('a', 'criticisedBy', 'b'), ('c', 'criticised', 'd')]
    """
    return {
        (s, p, o)
        for s, p, o in triples
        if p not in inverse_of or (o, inverse_of[p], s) not in triples
    }


def _evidence(
    source: TripleSource,
) -> tuple[dict[tuple[str, str, str], set[Evidence]], dict[tuple[str, str, str], str]]:
    """Each annotated triple's evidence, and its job title (from its axioms).

    Axioms are numbered once; each field is then a column of values by number.
    """
    number: dict[str, int] = {}
    for axiom, _ in source.pairs(str(OWL.annotatedSource)):
        number.setdefault(axiom, len(number))
    columns = []
    for name in (*_AXIOM_FIELDS, "jobTitle"):
        column: list[str | None] = [None] * len(number)
        iri = str(OWL[name]) if name.startswith("annotated") else config.KG + name
        for axiom, value in source.pairs(iri):
            at = number.get(axiom)
            if at is not None:
                column[at] = value
        columns.append(column)
    evidence: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    titles: dict[tuple[str, str, str], str] = {}
    for *values, title in zip(*columns, strict=True):
        if any(v is None for v in values):
            continue
        subject, prop, target, doc, sentence, start, end, rule, confidence = values
        triple = (subject, prop, target)
        evidence[triple].add(
            Evidence(doc_id_of(doc), sentence, int(start), int(end), rule, float(confidence))
        )
        if title is not None:
            titles.setdefault(triple, title)
    return evidence, titles


def _evidence_order(evidence: Evidence) -> tuple[str, int, str]:
    return evidence.doc_id, evidence.start, evidence.rule


def _values(source: TripleSource, predicate: str, keep: Iterable[str]) -> dict[str, str]:
    """One value of ``predicate`` for each subject in ``keep`` (the smallest, if several)."""
    wanted = set(keep)
    found: dict[str, str] = {}
    for s, o in source.pairs(predicate):
        if s in wanted and (s not in found or o < found[s]):
            found[s] = o
    return found


def _all_values(source: TripleSource, predicate: str, keep: Iterable[str]) -> dict[str, list[str]]:
    wanted = set(keep)
    found: dict[str, list[str]] = defaultdict(list)
    for s, o in source.pairs(predicate):
        if s in wanted:
            found[s].append(o)
    return found


def _is_resource(iri: str) -> bool:
    return iri.startswith(config.RESOURCE)
