"""Load a built graph for SPARQL: an output folder, an RDF file or RDF text.

>>> len(load_graph_text("<urn:a> <urn:b> <urn:c> .", "nt"))
1
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.rdf.prefixes import PREFIXES
from kg.sparql.guard import one_line

FORMATS: dict[str, str] = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".nq": "nquads"}
"""File extension -> rdflib parser name."""

_ALWAYS_BOUND = ("kg", "kgr")
"""Prefixes of :data:`~kg.rdf.ontology.PREFIXES` bound in every loaded graph."""


def graph_file(path: str | Path) -> tuple[Path, str]:
    """The graph file a path names (an output folder's ``graph.ttl``) and its format.

    The format follows the extension: ``.ttl``, ``.nt``, ``.jsonld`` or ``.nq``.
    Raises FileNotFoundError (no such file) or ValueError (unknown extension).
    """
    path = Path(path)
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"no graph at {path}")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown graph format {path.suffix!r}; use one of {sorted(FORMATS)}")
    return path, fmt


def load_graph(path: str | Path) -> Graph:
    """Load a built graph: an output folder (its ``graph.ttl``) or an RDF file
    (see :func:`graph_file`)."""
    path, fmt = graph_file(path)
    try:
        return load_graph_text(path.read_text(encoding="utf-8"), fmt)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not a {fmt} graph (not UTF-8 text)") from error
    except OSError:
        raise
    except Exception as error:  # noqa: BLE001 - rdflib's parsers raise many types
        raise InputError(f"{path}: not a valid {fmt} graph: {one_line(error)[:200]}") from error


def refuse_remote_contexts(data: str) -> None:
    """Raise ValueError if JSON-LD text names a context to fetch (a URL, a file, ``@import``).

    rdflib would fetch such a context from the network or the disk; kg loads offline.

    >>> refuse_remote_contexts('{"@context": {"n": "urn:n"}, "n": "A"}')
    >>> refuse_remote_contexts('{"@context": ["file:///etc/passwd"]}')
    Traceback (most recent call last):
    ...
    ValueError: remote @context 'file:///etc/passwd' refused: kg loads JSON-LD offline
    """
    import json

    stack = [json.loads(data)]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for remote in _remote_references(node):
                message = f"remote @context {remote[:200]!r} refused: kg loads JSON-LD offline"
                raise ValueError(message)
            stack.extend(node.values())


def _remote_references(node: dict) -> list[str]:
    """Context references that would be fetched: string ``@context`` values and ``@import``."""
    context = node.get("@context")
    found = [c for c in (context if isinstance(context, list) else [context]) if isinstance(c, str)]
    if "@import" in node:
        found.append(str(node["@import"]))
    return found


def load_graph_text(data: str, fmt: str) -> Graph:
    """Parse RDF text in rdflib format ``fmt``; quads are merged into one graph.

    >>> len(load_graph_text("<urn:a> <urn:b> <urn:c> <urn:g> .", "nquads"))
    1
    """
    if fmt == "nquads":
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(data=data, format=fmt)
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        for prefix, namespace in dataset.namespaces():
            graph.bind(prefix, namespace, override=False)
    else:
        if fmt == "json-ld":
            refuse_remote_contexts(data)
        graph = Graph()
        graph.parse(data=data, format=fmt)
    bound = {str(ns) for _, ns in graph.namespaces()}
    for prefix in _ALWAYS_BOUND:
        namespace = PREFIXES[prefix]
        if namespace not in bound:
            graph.bind(prefix, namespace, override=False)
    return graph
