"""The kg ontology: where it lives, its namespaces and the names of its properties.

``ontology/kg.ttl`` is the source of truth. The package reaches it as ``kg/rdf/data/kg.ttl``
(a symlink) through :mod:`importlib.resources`, so an installed ``kg`` finds it too.
Nothing is read at import time: the file is parsed on first use and cached.

>>> term("commissionerOf")
rdflib.term.URIRef('https://kg-news.org/ontology#commissionerOf')
>>> is_role_property("mayorOf"), is_role_property("criticisedBy")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph

from kg import config
from kg.rdf.prefixes import PREFIXES
from kg.rdf.vocab import KG

_ANY_KG = Namespace(config.KG)
"""Any name below ``kg:``, declared or not; reached only through :func:`term`."""

ROLE_PARENT = "holdsPositionIn"
"""Every role property (one per job title) is a sub-property of this one."""

STANCE_PROPERTIES: frozenset[str] = frozenset(
    "criticisedBy praisedBy supportedBy accusedBy lostSupportOf clashedWith".split()
)
"""Who took a stance towards whom."""
EVENT_PROPERTIES: frozenset[str] = frozenset("resignedFrom appointedBy killedBy".split())
"""What happened to someone, and by whose hand."""
PLACE_PROPERTIES: frozenset[str] = frozenset("basedIn livesIn locatedIn".split())
"""Where organisations, people and places are."""
CORE_PROPERTIES: frozenset[str] = (
    frozenset({"affiliatedWith", "holdsPositionIn", "worksFor", "memberOf"})
    | STANCE_PROPERTIES
    | EVENT_PROPERTIES
    | PLACE_PROPERTIES
)
"""The core vocabulary of the gold annotations, apart from the role properties."""

PASSIVE_PROPERTIES: frozenset[str] = frozenset(
    {
        "criticisedBy",
        "praisedBy",
        "supportedBy",
        "accusedBy",
        "lostSupportOf",
        "appointedBy",
        "killedBy",
    }
)
"""The stance and event properties that facts are stored with, in the passive voice
("X criticisedBy Y"). Each has an active-voice ``owl:inverseOf`` in the ontology, and a
build writes that direction too (see :func:`active_voice`)."""

_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def ontology_text() -> str:
    """Return the Turtle text of the kg ontology.

    >>> ontology_text().count("owl:Ontology")
    1
    """
    return resources.files("kg.rdf").joinpath("data").joinpath("kg.ttl").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _parsed() -> Graph:
    """The ontology, parsed once; blank nodes renamed canonically, to short stable ids."""
    canonical = to_canonical_graph(Graph().parse(data=ontology_text(), format="turtle"))
    found = sorted({node for triple in canonical for node in triple if isinstance(node, BNode)})
    short = {node: BNode(f"o{i}") for i, node in enumerate(found)}
    graph = new_graph()
    for s, p, o in canonical:
        graph.add((short.get(s, s), p, short.get(o, o)))
    return graph


def new_graph() -> Graph:
    """Return an empty graph whose prefixes are exactly :data:`PREFIXES`.

    >>> sorted(prefix for prefix, _ in new_graph().namespaces())[:3]
    ['dcterms', 'foaf', 'kg']
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def load_ontology() -> Graph:
    """Return a fresh copy of the kg ontology (blank node ids are stable across runs).

    >>> (KG.mayorOf, RDFS.subPropertyOf, KG.holdsPositionIn) in load_ontology()
    True
    """
    graph = new_graph()
    for triple in _parsed():
        graph.add(triple)
    return graph


def term(local_name: str) -> URIRef:
    """Return the IRI of a kg term named at run time, declared in the ontology or not.

    For names that come from data: node types, fact predicates and role properties
    minted from job titles. Code that names an ontology term uses :class:`~kg.rdf.vocab.KG`
    (``KG.mayorOf``), which fails on a misspelling; this only checks the name's shape.

    >>> term("mayorOf")
    rdflib.term.URIRef('https://kg-news.org/ontology#mayorOf')
    """
    if not _LOCAL_NAME.match(local_name):
        raise ValueError(f"not a valid kg local name: {local_name!r}")
    return _ANY_KG[local_name]


def local_name(iri: str) -> str:
    """Return the local name of a kg IRI, or ``""`` for an IRI outside ``kg:``.

    >>> local_name(KG.mayorOf), local_name("https://schema.org/Person")
    ('mayorOf', '')
    """
    return iri[len(config.KG) :] if iri.startswith(config.KG) else ""


def ontology_version() -> str:
    """Return the ``owl:versionInfo`` of the ontology.

    >>> ontology_version().count(".")
    2
    """
    return str(_parsed().value(URIRef(config.ONTOLOGY_IRI), OWL.versionInfo))


@lru_cache(maxsize=1)
def _declared() -> Mapping[str, frozenset[str]]:
    """Local names of the kg terms declared in the ontology, by OWL kind."""
    graph = _parsed()
    kinds = {
        "class": OWL.Class,
        "object": OWL.ObjectProperty,
        "data": OWL.DatatypeProperty,
        "annotation": OWL.AnnotationProperty,
    }
    return MappingProxyType(
        {
            kind: frozenset(filter(None, (local_name(s) for s in graph.subjects(RDF.type, iri))))
            for kind, iri in kinds.items()
        }
    )


def object_properties() -> frozenset[str]:
    """Return the local names of the ontology's object properties.

    >>> {"criticisedBy", "mayorOf", "mentionedIn"} <= object_properties()
    True
    """
    return _declared()["object"]


def declared_terms(kind: str) -> frozenset[str]:
    """Return local names of declared kg terms of one kind.

    ``kind`` is ``class``, ``object``, ``data`` or ``annotation``.

    >>> sorted(declared_terms("data"))[:4]
    ['contentHash', 'published', 'publisher', 'quoteText']
    """
    return _declared()[kind]


@lru_cache(maxsize=1)
def _active_voice() -> Mapping[str, str]:
    """Passive property -> the ontology property declared ``owl:inverseOf`` it."""
    graph = _parsed()
    found = {
        local_name(stored): local_name(active)
        for active, stored in graph.subject_objects(OWL.inverseOf)
        if local_name(stored) in PASSIVE_PROPERTIES and local_name(active)
    }
    return MappingProxyType(dict(sorted(found.items())))


def active_voice() -> dict[str, str]:
    """Return each passive stance/event property with its active-voice inverse.

    The graph holds both directions of such a fact; evidence annotates the passive one.

    >>> active_voice()["criticisedBy"], active_voice()["lostSupportOf"]
    ('criticised', 'withdrewSupportFrom')
    """
    return dict(_active_voice())


@lru_cache(maxsize=1)
def _roles() -> Mapping[str, str]:
    """Role properties of the ontology, local name -> label, sorted by name."""
    graph = _parsed()
    found = {}
    for prop in graph.subjects(RDFS.subPropertyOf, KG[ROLE_PARENT]):
        name = local_name(prop)
        label = graph.value(prop, RDFS.label)
        if name and (prop, RDF.type, OWL.ObjectProperty) in graph:
            found[name] = str(label) if isinstance(label, Literal) else name
    return MappingProxyType(dict(sorted(found.items())))


def role_properties() -> dict[str, str]:
    """Return the role properties of the ontology: local name -> label.

    >>> role_properties()["primeMinisterOf"]
    'prime minister of'
    """
    return dict(_roles())


def is_role_property(name: str) -> bool:
    """Tell whether ``name`` is a role property (a sub-property of holdsPositionIn).

    >>> is_role_property("chiefExecutiveOf"), is_role_property("worksFor")
    (True, False)
    """
    return name in _roles()


def is_core_property(name: str) -> bool:
    """Tell whether ``name`` is in the core vocabulary (role properties included).

    >>> is_core_property("clashedWith"), is_core_property("mayorOf"), is_core_property("said")
    (True, True, False)
    """
    return name in CORE_PROPERTIES or is_role_property(name)
