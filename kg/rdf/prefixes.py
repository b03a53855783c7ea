"""The one prefix table, and the one way to write an IRI short.

>>> shorten("https://kg-news.org/ontology#mayorOf")
'kg:mayorOf'
>>> shorten("https://kg-news.org/resource/person/ada"), shorten("urn:x")
('https://kg-news.org/resource/person/ada', 'urn:x')
>>> shorten("https://kg-news.org/resource/person/ada", prefixed_name=False)
'kgr:person/ada'
>>> last_segment("https://kg-news.org/resource/person/ada")
'ada'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from kg import config

PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "dcterms": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "kg": config.KG,
        "kgr": config.RESOURCE,
        "org": "http://www.w3.org/ns/org#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "prov": "http://www.w3.org/ns/prov#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "schema": "https://schema.org/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
)
"""The one prefix table: Turtle prefixes, the JSON-LD ``@context`` and SPARQL prologues."""

_PREFIXED_LOCAL = re.compile(r"[\w.-]+")


def shorten(
    iri: str,
    prefixes: Mapping[str, str] | Iterable[tuple[str, str]] = PREFIXES,
    *,
    prefixed_name: bool = True,
) -> str:
    """Write ``iri`` as ``prefix:local`` when a namespace covers it, else return it as is.

    The longest covering namespace wins. With ``prefixed_name`` the local part must be
    plain (letters, digits, ``_``, ``.``, ``-``), so the result is a valid SPARQL name;
    without it any non-empty rest is kept (``kgr:person/ada``), for messages.
    """
    pairs = prefixes.items() if isinstance(prefixes, Mapping) else prefixes
    text = str(iri)
    for prefix, namespace in sorted(pairs, key=lambda item: -len(item[1])):
        local = text[len(namespace) :]
        if not namespace or not text.startswith(namespace) or not local:
            continue
        if not prefixed_name or _PREFIXED_LOCAL.fullmatch(local):
            return f"{prefix}:{local}"
    return text


def last_segment(iri: str) -> str:
    """Return what follows the last ``#`` or ``/`` of an IRI (the whole IRI if neither)."""
    return re.split(r"[#/]", str(iri))[-1]
