"""Plain records passed between kg's stages.

Data flows one way: an :class:`Article` is read from disk, the spaCy stage turns it
into a :class:`DocumentExtraction` (entities with their mentions, relations with
their evidence, quotes), :mod:`kg.resolve.resolver` merges the extractions of a build into a
:class:`Corpus` of :class:`Node` and :class:`Fact` records, and :mod:`kg.rdf.graph`
turns the corpus into RDF. No record holds a spaCy or rdflib object, so every one
can be pickled, written as JSON and compared in tests.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityType = Literal["Person", "Organization", "Place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization", "Place")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document.

    >>> Article("a1", "Text.", "a1.txt").doc_id
    'a1'
    """

    doc_id: str
    text: str
    source: str
    title: str = ""
    url: str = ""
    published: str = ""
    """Publication time as an ``xsd:dateTime`` lexical form (see :mod:`kg.inputs.dates`), or ""."""
    publisher: str = ""
    """The news outlet, e.g. "BBC News" (the ``source`` field of a JSON Lines record)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of the article text that refers to an entity.

    ``kind`` says how it refers: ``name`` (a proper name), ``surname``, ``title``
    (title or honorific plus name, as in "Mr Khan"), ``acronym``, ``pronoun`` or
    ``description`` ("the Commissioner", "the force").
    """

    start: int
    end: int
    text: str
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity of one article: its canonical label, type and every mention."""

    key: str
    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a fact is believed: where it was read and what found it.

    ``start``/``end`` are the character offsets of the sentence in the article;
    ``rule`` names the pattern or model that produced the fact.
    """

    doc_id: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact of one article between two of its entities (by ``Entity.key``).

    ``predicate`` is the local name of an ontology property, e.g. ``commissionerOf``.
    ``title`` keeps the job title for role facts ("Commissioner").
    """

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    title: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct speech attributed to an entity of the article."""

    speaker: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """Everything kg took from one article."""

    doc_id: str
    source: str
    title: str
    text_length: int
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    url: str = ""
    published: str = ""
    publisher: str = ""
    content_hash: str = ""
    """SHA-256 of the article text: ``kg build --update`` skips articles it has seen."""

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the line format of ``extractions.jsonl``)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentExtraction:
        """Rebuild a record from :meth:`to_json` output (one ``extractions.jsonl`` line).

        >>> people = (Entity("e1", "Ada", "Person"), Entity("e2", "Leeds", "Place"))
        >>> x = DocumentExtraction("a1", "a1.txt", "", 5, people, relations=(Relation(
        ...     "e1", "mayorOf", "e2", Evidence("a1", "S.", 0, 2, "rule", 0.9)),))
        >>> DocumentExtraction.from_json(x.to_json()) == x
        True

        Raises ValueError, naming the field, if ``data`` is not such a record (a
        missing or unknown field, a wrong JSON type, an unknown entity type, a
        relation or quote naming an entity the record does not have).
        """
        _check_extraction(data)
        fields = dict(data)
        fields["entities"] = tuple(
            Entity(
                e["key"],
                e["label"],
                e["type"],
                tuple(e["aliases"]),
                tuple(Mention(**m) for m in e["mentions"]),
            )
            for e in data.get("entities", ())
        )
        fields["relations"] = tuple(
            Relation(**{**r, "evidence": Evidence(**r["evidence"])})
            for r in data.get("relations", ())
        )
        fields["quotes"] = tuple(Quote(**q) for q in data.get("quotes", ()))
        return cls(**fields)


@dataclass(frozen=True, slots=True)
class Node:
    """One real-world entity of the whole build.

    ``slug`` is the path of its IRI below the base, e.g. ``person/cressida-dick``.
    """

    slug: str
    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    """One assertion of the graph, with every piece of evidence for it."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...] = ()
    title: str = ""

    @property
    def confidence(self) -> float:
        """The highest confidence of any of its evidence."""
        return max((e.confidence for e in self.evidence), default=0.0)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document of the build, as the graph records it."""

    doc_id: str
    source: str
    title: str = ""
    url: str = ""
    published: str = ""
    publisher: str = ""
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    """A quote of the build, its speaker given by node slug."""

    speaker: str
    text: str
    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Merge:
    """Why one node is made of several article entities, or of one whose type the type
    vote changed (a line of ``merges.jsonl``).

    ``members`` are ``(doc_id, label)`` pairs, the label as that article wrote it;
    ``reasons`` each link that joined them, in the order resolution made them, e.g.
    ``alias: "Blair" (b) is an alias of "Tony Blair" (a)``.
    """

    slug: str
    label: str
    type: EntityType
    members: tuple[tuple[str, str], ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Corpus:
    """The resolved result of a build: what the graph is made of.

    All tuples are sorted, so building the graph from a corpus is deterministic.
    """

    documents: tuple[DocumentInfo, ...] = ()
    nodes: tuple[Node, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[AttributedQuote, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    """Role property local name -> the title it was minted from, e.g. mayorOf -> Mayor."""
    merges: tuple[Merge, ...] = ()
    """Every node made of more than one article entity and why, sorted by slug."""


_PREDICATE = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")
_STR, _INT, _NUM, _LIST = (str,), (int,), (int, float), (list, tuple)
_RECORD = {"doc_id": _STR, "source": _STR, "title": _STR, "text_length": _INT}
_RECORD_OPTIONAL = {
    "entities": _LIST,
    "relations": _LIST,
    "quotes": _LIST,
    "url": _STR,
    "published": _STR,
    "publisher": _STR,
    "content_hash": _STR,
}
_ENTITY = {"key": _STR, "label": _STR, "type": _STR, "aliases": _LIST, "mentions": _LIST}
_MENTION = {"start": _INT, "end": _INT, "text": _STR}
_RELATION = {"subject": _STR, "predicate": _STR, "object": _STR, "evidence": (dict,)}
_EVIDENCE = {
    "doc_id": _STR,
    "sentence": _STR,
    "start": _INT,
    "end": _INT,
    "rule": _STR,
    "confidence": _NUM,
}
_QUOTE = {"speaker": _STR, "text": _STR, "start": _INT, "end": _INT}


def _check_fields(
    data: object,
    required: dict[str, tuple[type, ...]],
    where: str,
    optional: dict[str, tuple[type, ...]] | None = None,
) -> dict[str, Any]:
    """Check that ``data`` is an object with exactly these fields, of these JSON types."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, not {type(data).__name__}")
    optional = optional or {}
    for name in data:
        if name not in required and name not in optional:
            raise ValueError(f"{where}: unknown field {str(name)[:40]!r}")
    for name, types in {**required, **optional}.items():
        if name not in data:
            if name in required:
                raise ValueError(f"{where}: missing field {name!r}")
            continue
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, types):
            kind = "number" if float in types else types[0].__name__
            raise ValueError(f"{where}.{name}: expected {kind}, not {type(value).__name__}")
    return data


def _check_extraction(data: object) -> None:
    """Raise ValueError unless ``data`` is a well-formed extraction record (see from_json)."""
    record = _check_fields(data, _RECORD, "record", _RECORD_OPTIONAL)
    keys = set()
    for i, raw in enumerate(record.get("entities", [])):
        entity = _check_fields(raw, _ENTITY, f"entities[{i}]")
        if entity["type"] not in ENTITY_TYPES:
            raise ValueError(f"entities[{i}].type: unknown entity type {entity['type'][:40]!r}")
        if not all(isinstance(a, str) for a in entity["aliases"]):
            raise ValueError(f"entities[{i}].aliases: expected strings")
        for j, mention in enumerate(entity["mentions"]):
            _check_fields(mention, _MENTION, f"entities[{i}].mentions[{j}]", {"kind": _STR})
        keys.add(entity["key"])
    for i, raw in enumerate(record.get("relations", [])):
        relation = _check_fields(raw, _RELATION, f"relations[{i}]", {"title": _STR})
        _check_fields(relation["evidence"], _EVIDENCE, f"relations[{i}].evidence")
        if not _PREDICATE.match(relation["predicate"]):
            raise ValueError(f"relations[{i}].predicate: not a property name")
        for end in ("subject", "object"):
            if relation[end] not in keys:
                raise ValueError(f"relations[{i}].{end}: no entity {relation[end][:40]!r}")
    for i, raw in enumerate(record.get("quotes", [])):
        quote = _check_fields(raw, _QUOTE, f"quotes[{i}]")
        if quote["speaker"] not in keys:
            raise ValueError(f"quotes[{i}].speaker: no entity {quote['speaker'][:40]!r}")
