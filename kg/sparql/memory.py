"""Load a graph file into an in-memory pyoxigraph store, for ``kg query``.

A Turtle, N-Triples, N-Quads or JSON-LD file is bulk-loaded by pyoxigraph (no
rdflib graph is built); a JSON-LD file that names a context to fetch is refused
first (:func:`kg.sparql.load.refuse_remote_contexts`). The prefixes a query may use
without declaring them are kg's table (:data:`kg.rdf.prefixes.PREFIXES`) and those
the file declares before its first triple.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "g.ttl"
>>> from kg.fileio import atomic_write_text
>>> atomic_write_text(path, "@prefix ex: <urn:ex#> .\\nex:a ex:b ex:c .\\n")
>>> loaded = load_memory_store(path)
>>> len(loaded.store), loaded.prefixes["ex"]
(1, 'urn:ex#')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InputError
from kg.rdf.prefixes import PREFIXES
from kg.sparql.guard import one_line
from kg.sparql.load import graph_file, refuse_remote_contexts
from kg.sparql.store import StoreSink

OX_FORMATS: Mapping[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
}
"""kg's format names (:data:`kg.sparql.load.FORMATS`) -> pyoxigraph formats."""

_HEAD_BYTES = 1 << 20
"""How much of a Turtle file is read for its prefix declarations, at most."""

_DIRECTIVE = re.compile(
    r"\s*(?:@prefix\s+([\w.-]*):\s*<([^<>\s]*)>\s*\.|PREFIX\s+([\w.-]*):\s*<([^<>\s]*)>"
    r"|@base\s+<[^<>\s]*>\s*\.|BASE\s+<[^<>\s]*>|#[^\n]*)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class MemoryGraph:
    """A graph loaded into memory: the store, its query prefixes, and whether the
    default graph is the union of the file's graphs (N-Quads)."""

    store: ox.Store
    prefixes: Mapping[str, str] = field(default_factory=lambda: dict(PREFIXES))
    union: bool = False


def load_memory_store(path: str | Path) -> MemoryGraph:
    """Bulk-load a build folder's ``graph.ttl``, or an RDF file, into a new Store.

    Raises FileNotFoundError (no such file), ValueError (unknown extension) or
    InputError (not a valid graph; remote JSON-LD context), each with one line.
    """
    path, fmt = graph_file(path)
    prefixes = dict(PREFIXES)
    try:
        if fmt == "json-ld":
            refuse_remote_contexts(path.read_text(encoding="utf-8"))
        elif fmt == "turtle":
            prefixes.update(declared_prefixes(path))
        store = ox.Store()
        store.bulk_load(path=str(path), format=OX_FORMATS[fmt])
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a {fmt} graph (not UTF-8 text)") from None
    except (SyntaxError, ValueError) as error:
        if "Invalid UTF-8" in str(error):
            raise InputError(f"{path}: not a {fmt} graph (not UTF-8 text)") from None
        raise InputError(f"{path}: not a valid {fmt} graph: {one_line(error)[:200]}") from None
    return MemoryGraph(store, prefixes, union=fmt == "nquads")


def declared_prefixes(path: Path) -> dict[str, str]:
    """The ``@prefix``/``PREFIX`` declarations that open a Turtle file (before its
    first triple, within its first MiB).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "g.ttl"
    >>> from kg.fileio import atomic_write_text
    >>> atomic_write_text(path, "# c\\nPREFIX a: <urn:a#>\\n@prefix : <urn:b#> .\\n:x :y :z .")
    >>> declared_prefixes(path)
    {'a': 'urn:a#', '': 'urn:b#'}
    """
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    found: dict[str, str] = {}
    at = 0
    while match := _DIRECTIVE.match(head, at):
        if match.end() == at:
            break
        name, namespace = match.group(1, 2) if match.group(2) is not None else match.group(3, 4)
        if namespace is not None:
            found[name] = namespace
        at = match.end()
    return found


def graph_store(graph: Graph) -> MemoryGraph:
    """Copy an rdflib graph into a new Store, with the graph's prefixes.

    >>> from rdflib import URIRef
    >>> g = Graph()
    >>> g.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> len(graph_store(g).store)
    1
    """
    store = ox.Store()
    sink = StoreSink(store)
    for triple in graph:
        sink.add(triple)
    sink.flush()
    return MemoryGraph(store, _merged(PREFIXES, graph.namespaces()))


def _merged(base: Mapping[str, str], more: Iterable[tuple[str, object]]) -> dict[str, str]:
    """``base`` with the pairs of ``more`` added (``more`` wins)."""
    merged = dict(base)
    merged.update((prefix, str(namespace)) for prefix, namespace in more)
    return merged
