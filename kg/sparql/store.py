"""The on-disk graph store of large builds: an embedded pyoxigraph (RocksDB) store.

A build of many articles writes its triples into ``OUTDIR/store/`` instead of an
in-memory rdflib graph, and exports graph.ttl, graph.nt and graph.jsonld from it by
streaming: the build holds the resolved corpus (nodes, facts, evidence), never the
RDF graph (about 1 KB a triple in rdflib) nor its files. ``kg query`` and ``kg
serve`` read the store directly when it is there, without loading anything.

The store is written into a fresh folder beside the old one and swapped in when the
whole build has succeeded (see :func:`kg.fileio.stage_folder`). Exports are
byte-stable: the store orders triples by its term hashes, which depend only on the
terms, and blank nodes are named from their content before they reach it.

>>> import tempfile
>>> from rdflib import Literal, URIRef
>>> with open_new_store(Path(tempfile.mkdtemp()) / "s") as sink:
...     sink.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("x")))
>>> len(sink.store)
1
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node as Term

from kg.errors import InputError
from kg.escapes import RDF_UNSAFE, escape_chars
from kg.export.rdf import jsonld_chunks, jsonld_context, subject_order
from kg.fileio import atomic_write_with, stage_folder

STORE_FOLDER = "store"
EXPORTS = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.jsonld": None,  # kg.export.rdf.jsonld_chunks, one node object at a time
}
_CHUNK = 50_000


class StoreSink:
    """Collects rdflib triples and writes them to a pyoxigraph store in chunks."""

    def __init__(self, store: ox.Store, chunk: int = _CHUNK) -> None:
        self.store = store
        self._chunk = chunk
        self._pending: list[ox.Quad] = []
        self._iris: dict[URIRef, ox.NamedNode] = {}  # IRIs recur: convert each once

    def add(self, triple: tuple[Term, Term, Term], /) -> None:
        """Queue one triple; every ``chunk`` triples go to the store together."""
        s, p, o = triple
        self._pending.append(ox.Quad(self._term(s), self._term(p), self._term(o)))
        if len(self._pending) >= self._chunk:
            self.flush()

    def _term(self, term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if type(term) is URIRef:
            found = self._iris.get(term)
            if found is None:
                found = self._iris[term] = ox.NamedNode(str(term))
            return found
        return to_oxigraph(term)

    def flush(self) -> None:
        """Write the queued triples."""
        if self._pending:
            self.store.bulk_extend(self._pending)
            self._pending = []


def to_oxigraph(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return the pyoxigraph form of an rdflib term.

    >>> to_oxigraph(Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))
    <Literal value=5 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def from_oxigraph(term: object) -> Term | None:
    """The rdflib form of a pyoxigraph term (None for an unbound value)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype in (_XSD_STRING, _LANG_STRING):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype), normalize=False)


@contextmanager
def open_new_store(path: Path) -> Iterator[StoreSink]:
    """Write a new store that will replace the one at ``path`` (if any).

    The triples go into a temporary folder beside ``path``; when the block ends
    without error the folder is flushed, and staged to replace ``path``.
    """
    path = Path(path)
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    folder.chmod(0o755)
    try:
        store = ox.Store(str(folder))
        sink = StoreSink(store)
        yield sink
        sink.flush()
        store.flush()
        store.optimize()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    stage_folder(folder, path)


def export(store: ox.Store, outdir: Path, prefixes: dict[str, str]) -> list[Path]:
    """Write graph.ttl, graph.nt and graph.jsonld from ``store``, each atomically.

    The three are written at once, in threads: pyoxigraph serialises without
    holding the GIL.
    """
    paths = [Path(outdir) / name for name in EXPORTS]
    streamed = [(p, fmt) for p, fmt in zip(paths, EXPORTS.values(), strict=True) if fmt]
    with ThreadPoolExecutor(len(streamed)) as pool:
        futures = [  # each in a copy of this context: the writes stay staged (kg.fileio)
            pool.submit(
                copy_context().run,
                _dump,
                store,
                path,
                fmt,
                prefixes if fmt == ox.RdfFormat.TURTLE else None,
            )
            for path, fmt in streamed
        ]
        for future in futures:
            future.result()  # raises the first error
    context = jsonld_context(prefixes)
    atomic_write_with(
        Path(outdir) / "graph.jsonld",
        lambda handle: _write_chunks(handle, jsonld_chunks(context, store_nodes(store))),
    )
    return paths


def store_nodes(store: ox.Store) -> Iterator[tuple[Term, list[tuple[Term, Term]]]]:
    """Each subject of the store's default graph with its (predicate, object) pairs, in
    the order of graph.jsonld; only the subjects are held, one node's triples at a time."""
    default = ox.DefaultGraph()
    subjects = {q.subject for q in store.quads_for_pattern(None, None, None, default)}
    for subject in sorted(subjects, key=lambda s: subject_order(from_oxigraph(s))):
        pairs = [
            (from_oxigraph(q.predicate), from_oxigraph(q.object))
            for q in store.quads_for_pattern(subject, None, None, default)
        ]
        yield from_oxigraph(subject), pairs


def _write_chunks(handle: BinaryIO, chunks: Iterator[str]) -> None:
    for chunk in chunks:
        handle.write(chunk.encode("utf-8"))


def _dump(store: ox.Store, path: Path, fmt: ox.RdfFormat, prefixes: dict | None) -> None:
    def write(handle: BinaryIO) -> None:
        writer = _EscapingWriter(handle)
        store.dump(writer, fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        writer.flush()

    atomic_write_with(path, write)


class _EscapingWriter:
    """A binary writer that escapes line-like characters, wherever chunks split them."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._tail = b""

    def write(self, data: bytes) -> int:
        data = self._tail + bytes(data)
        cut = _safe_end(data)
        self._tail = data[cut:]
        self._handle.write(_escape(data[:cut]))
        return len(data)

    def flush(self) -> None:
        self._handle.write(_escape(self._tail))
        self._tail = b""
        self._handle.flush()


def _safe_end(data: bytes) -> int:
    """The length of ``data`` up to any UTF-8 sequence that the next chunk completes."""
    for back in range(1, min(3, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # a lead byte or ASCII
            needed = 1 if byte < 0x80 else 2 if byte >> 5 == 6 else 3 if byte >> 4 == 14 else 4
            return len(data) - back if needed > back else len(data)
    return len(data)


def _escape(data: bytes) -> bytes:
    """Escape as the memory writer does (:data:`kg.escapes.RDF_UNSAFE`); whole UTF-8 only."""
    return escape_chars(data.decode("utf-8"), RDF_UNSAFE).encode("utf-8")


def store_path(outdir: Path) -> Path:
    """Where a build in ``outdir`` keeps its store."""
    return Path(outdir) / STORE_FOLDER


def has_store(outdir: Path) -> bool:
    """Whether ``outdir`` is a build folder with an on-disk store."""
    return Path(outdir).is_dir() and store_path(outdir).is_dir()


def open_store(outdir: Path) -> ox.Store:
    """Open a build's store read-only (several readers may share it).

    Raises InputError (exit code 2) when the store cannot be opened.
    """
    try:
        return ox.Store.read_only(str(store_path(outdir)))
    except (OSError, RuntimeError) as err:  # RocksDB reports corruption as RuntimeError
        message = " ".join(str(err).split())
        raise InputError(f"{store_path(outdir)}: cannot open the store: {message}") from None
