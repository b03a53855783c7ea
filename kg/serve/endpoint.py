"""The query side of ``kg serve``: worker processes that answer SPARQL on pyoxigraph.

Each worker process loads the graph into an in-memory pyoxigraph ``Store`` and
answers one query at a time; :class:`QueryPool` hands queries to idle workers and
kills a worker whose query runs past the time or memory limit (so the query really
stops) and starts a fresh one; it keeps one worker more than the slow queries it
lets run, and notices when the graph on disk changes. :func:`answer` stops an
answer that grows past the size limit. :func:`negotiate` picks the result format
from ``Accept`` or a ``format`` parameter; :func:`refusal` turns away updates and
``SERVICE`` before anything runs, and each worker runs without network where the
kernel allows (:mod:`kg.sandbox`). Nothing here knows about HTTP beyond status codes.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.wording import counted

if TYPE_CHECKING:
    from pyoxigraph import Store

RESULT_FORMATS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("application/sparql-results+json", "JSON", ("json", "srj", "application/json")),
    ("application/sparql-results+xml", "XML", ("xml", "srx", "application/xml", "text/xml")),
    ("text/csv", "CSV", ("csv",)),
    ("text/tab-separated-values", "TSV", ("tsv",)),
)
"""SELECT/ASK results: media type, pyoxigraph QueryResultsFormat, other names."""

GRAPH_FORMATS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("text/turtle", "TURTLE", ("turtle", "ttl", "application/turtle", "application/x-turtle")),
    ("application/n-triples", "N_TRIPLES", ("nt", "ntriples", "n-triples", "text/plain")),
    ("application/rdf+xml", "RDF_XML", ("rdfxml", "rdf", "xml", "application/xml", "text/xml")),
    ("application/ld+json", "JSON_LD", ("jsonld", "json-ld", "json", "application/json")),
)
"""CONSTRUCT/DESCRIBE graphs: media type, pyoxigraph RdfFormat, other names."""

UPDATE_MESSAGE = "kg serve is read-only: SPARQL updates are refused"

MB = 1024 * 1024
DEFAULT_MAX_RESULT_MB = 100
"""Largest answer a query may give, in MiB (413 past it)."""
DEFAULT_MEMORY_MB = 1024
"""Most memory a query worker may grow by past the loaded graph, in MiB."""
DEFAULT_SLOW_AFTER = 1.0
"""Seconds after which a running query counts as slow (see QueryPool)."""


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer: status, content type and body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        """A plain-text error answer of one line."""
        text = " ".join(message.split())
        return cls(status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8"))


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    """Parse an Accept header into (media range, q) pairs."""
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def negotiate(kind: str, accept: str = "", formats: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """Choose (media type, pyoxigraph format name) for ``kind`` "results" or "graph".

    A ``format`` value that fits the kind wins; otherwise the best ``Accept`` match,
    exact types before wildcards; no Accept header gives the first format. None
    means that nothing acceptable can be produced (HTTP 406).

    >>> negotiate("results", "text/csv, */*;q=0.5")
    ('text/csv', 'CSV')
    >>> negotiate("results", "text/html,application/xhtml+xml,*/*;q=0.8")
    ('application/sparql-results+json', 'JSON')
    >>> negotiate("graph", "application/sparql-results+json", ("nt",))
    ('application/n-triples', 'N_TRIPLES')
    >>> negotiate("graph", "image/png") is None
    True
    """
    table = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    for wanted in formats:
        wanted = wanted.strip().lower()
        for media, name, aliases in table:
            if wanted == media or wanted in aliases:
                return media, name
    if not accept.strip():
        return table[0][0], table[0][1]
    ranges = _accept_ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, (media, name, aliases) in enumerate(table):
        # The most specific range that matches decides this format's q (RFC 9110).
        matches = [
            (2 if pattern == media or pattern in aliases else 1 if pattern.endswith("/*") else 0, q)
            for pattern, q in ranges
            if pattern in (media, *aliases, media.split("/")[0] + "/*", "*/*")
        ]
        if not matches:
            continue
        specificity, q = max(matches)
        score = (q, specificity, -index)
        if q > 0 and (best is None or score > best):
            best, chosen = score, (media, name)
    return chosen


def refusal(sparql: str) -> Reply | None:
    """Return the refusal of a query kg serve will not run (updates, SERVICE), or None.

    >>> refusal("DELETE WHERE { ?s ?p ?o }").status
    403
    >>> refusal("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }").status
    403
    >>> refusal('SELECT ?service WHERE { ?service ?p "SERVICE" }') is None
    True
    """
    from kg.sparql.guard import (
        QUERY_FORMS,
        UPDATE_WORDS,
        QueryError,
        parse_tree,
        query_form,
        remote_parts,
        remote_words,
        unescaped,
    )

    text = unescaped(sparql)
    form = query_form(text)
    if form in UPDATE_WORDS:
        only = "/".join(QUERY_FORMS)
        return Reply.error(403, f"{UPDATE_MESSAGE}: {form} is an update; only {only} run here")
    try:  # decided on the parsed query, not on the text
        tree = parse_tree(sparql)
    except QueryError as err:
        status = 403 if err.args[0].startswith("updates") else 400
        return Reply.error(status, f"{UPDATE_MESSAGE}: {err}" if status == 403 else str(err))
    if "SERVICE" in remote_parts(tree) or remote_words(sparql, "SERVICE"):
        return Reply.error(403, "SERVICE is refused: kg serve queries its own graph only")
    return None


def load_store(path: str | Path) -> Store:
    """Load a built graph (an output folder's graph.ttl, or an RDF file) into a Store.

    A folder with an on-disk store (``OUTDIR/store``, see kg.sparql.store) is opened
    read-only instead: nothing is loaded into memory.
    """
    import pyoxigraph

    from kg.sparql.store import has_store, open_store

    path = Path(path)
    if has_store(path):
        return open_store(path)
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise KgError(f"no graph at {path}", 2)
    try:
        fmt = pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    except ValueError:
        fmt = None
    if fmt is None:
        raise KgError(f"{path}: unknown graph format {path.suffix!r}", 2)
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise KgError(f"{path}: cannot load the graph: {' '.join(str(err).split())}", 2) from None
    return store


class _ResultTooLarge(Exception):
    """Raised by :class:`_CappedBuffer` when the answer passes its size limit."""


class _CappedBuffer:
    """A write-only byte buffer that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data: bytes) -> int:
        """Keep ``data``, or raise _ResultTooLarge past the limit."""
        self.size += len(data)
        if self.size > self.limit:
            raise _ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes stay in memory."""

    def getvalue(self) -> bytes:
        """The bytes written so far."""
        return b"".join(self.parts)


def answer(
    store: Store,
    sparql: str,
    accept: str,
    formats: tuple[str, ...],
    prefixes: dict[str, str],
    max_bytes: int = DEFAULT_MAX_RESULT_MB * MB,
) -> Reply:
    """Run one query on a pyoxigraph ``store`` and serialise the negotiated answer.

    An answer over ``max_bytes`` is stopped while it is written: 413 with the limit.
    """
    import pyoxigraph

    try:
        result = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)
    except SyntaxError as err:
        return Reply.error(400, f"invalid SPARQL: {err}")
    except Exception as err:  # noqa: BLE001 - evaluation errors are the client's to read
        return Reply.error(400, f"query failed: {err}")
    kind = "graph" if isinstance(result, pyoxigraph.QueryTriples) else "results"
    chosen = negotiate(kind, accept, formats)
    if chosen is None:
        table = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
        offered = ", ".join(media for media, _, _ in table)
        return Reply.error(406, f"no acceptable format; this query can give: {offered}")
    media, name = chosen
    fmt_enum = pyoxigraph.RdfFormat if kind == "graph" else pyoxigraph.QueryResultsFormat
    buffer = _CappedBuffer(max_bytes)
    try:
        result.serialize(buffer, format=getattr(fmt_enum, name))
    except Exception as err:  # noqa: BLE001 - lazy evaluation fails here, not above
        if isinstance(err, _ResultTooLarge) or isinstance(err.__cause__, _ResultTooLarge):
            return Reply.error(413, _too_large(max_bytes))
        return Reply.error(400, f"query failed: {err}")
    text = media.startswith("text/") or media.endswith("xml")
    return Reply(200, f"{media}; charset=utf-8" if text else media, buffer.getvalue())


def _too_large(max_bytes: int) -> str:
    """The one-line answer for a result over the size limit."""
    return (
        f"the result is larger than the limit of {max_bytes / MB:.3g} MB "
        "(kg serve --max-result-mb); add LIMIT or select fewer variables"
    )


def _worker_main(path: str, prefixes: dict[str, str], max_bytes: int, conn: Connection) -> None:
    """A worker process: give up the network (:func:`kg.sandbox.confine_network`), load
    the graph, then answer queries until the pipe closes."""
    from kg.sandbox import confine_network

    confine_network()  # first, while the process has one thread
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        store = load_store(path)
    except KgError as err:
        conn.send(("error", str(err)))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            sparql, accept, formats = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, sparql, accept, formats, prefixes, max_bytes))


def _resident_bytes(pid: int) -> int | None:
    """A process's resident memory in bytes (Linux /proc), or None where unknown."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def fingerprint(path: Path) -> tuple[tuple[str, int, int, int], ...]:
    """What identifies one version of the graph at ``path``: names, inodes, sizes, mtimes.

    For a build with an on-disk store, the store folder's files; otherwise the graph
    file. A rebuild (files replaced or rewritten) changes it.
    """
    from kg.sparql.store import has_store, store_path

    if has_store(path):
        folder = store_path(path)
        files = [folder, *sorted(folder.iterdir())]
    else:
        files = [path]
    stamps = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            stamps.append((file.name, 0, -1, 0))
            continue
        stamps.append((file.name, info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(stamps)


@dataclass(slots=True, eq=False)  # hashed by identity
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    baseline: int = 0  # resident bytes once the graph was loaded


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may use: time, memory growth of its worker, answer size.

    ``slow_after``: a query running longer counts as slow; at most ``workers`` queries
    may be slow at once, and the pool keeps one worker more than that, so a fast query
    always finds a free worker while slow ones run.
    """

    timeout: float = 30.0
    memory_mb: float = DEFAULT_MEMORY_MB
    max_result_mb: float = DEFAULT_MAX_RESULT_MB
    slow_after: float = DEFAULT_SLOW_AFTER


class QueryPool:
    """Worker processes, each with the graph in memory; a query past a limit is killed.

    ``workers`` slow queries may run at once, plus one worker kept for the rest;
    a query that becomes slow while ``workers`` others already are is stopped (503).
    A query whose worker grows past ``memory_mb`` is stopped (503); the worker is
    replaced. Once the graph on disk changes, queries get 503 saying so.
    """

    def __init__(
        self, path: Path, *, workers: int = 2, timeout: float = 30.0, limits: Limits | None = None
    ) -> None:
        from kg.rdf.ontology import PREFIXES

        limits = limits or Limits(timeout=timeout)
        if workers < 1 or limits.timeout <= 0:
            raise KgError("kg serve wants at least one worker and a positive time limit", 2)
        if limits.memory_mb <= 0 or limits.max_result_mb <= 0:
            raise KgError("kg serve wants positive memory and result size limits", 2)
        self.path, self.limits, self.size = path, limits, workers
        self.timeout = limits.timeout
        self.triples = 0
        self._prefixes = dict(PREFIXES)
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._slow = 0
        self._closed = False
        self._version = fingerprint(path)
        started = [self._spawn() for _ in range(workers + 1)]
        try:
            for worker in started:
                self._idle.put(self._wait_ready(worker))
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        max_bytes = int(self.limits.max_result_mb * MB)
        process = self._context.Process(
            target=_worker_main,
            args=(str(self.path), self._prefixes, max_bytes, child),
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _wait_ready(self, worker: _Worker) -> _Worker:
        try:
            if not worker.conn.poll(120):
                raise KgError("kg serve: a query worker did not start within 120 s", 1)
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            raise KgError("kg serve: a query worker died while loading the graph", 1) from None
        if status != "ready":
            raise KgError(str(value), 2)
        self.triples = int(value)
        worker.baseline = _resident_bytes(worker.process.pid or 0) or 0
        return worker

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background."""
        self._kill(worker)

        def restart() -> None:
            if self._closed:
                return
            try:
                fresh = self._wait_ready(self._spawn())
            except KgError as err:
                if not self._closed:  # a worker killed by close() is no news
                    text = str(err)
                    print(
                        text if text.startswith("kg serve") else f"kg serve: {text}",
                        file=sys.stderr,
                    )
                return
            if self._closed:
                self._kill(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=restart, daemon=True).start()

    def changed(self) -> bool:
        """Whether the graph on disk is no longer the one the workers loaded."""
        return fingerprint(self.path) != self._version

    def run(self, sparql: str, accept: str = "", formats: tuple[str, ...] = ()) -> Reply:
        """Answer a query within the limits, or 503 saying which limit stopped it."""
        if self.changed():
            return Reply.error(
                503,
                f"the graph at {self.path} changed since kg serve started; "
                "restart kg serve to query the new build",
            )
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            busy = "the query worker is" if self.size == 1 else f"all {self.size} query workers are"
            return Reply.error(503, f"{busy} busy; try again later")
        try:
            worker.conn.send((sparql, accept, formats))
            reply = self._await(worker)
        except (EOFError, OSError):
            reply = None
        if isinstance(reply, Reply):
            self._idle.put(worker)
            return reply
        message = reply or _died(worker, self.limits.memory_mb)
        self._replace(worker)
        return Reply.error(503 if reply else 500, message)

    def _await(self, worker: _Worker) -> Reply | str:
        """Wait for the worker's answer; a string says which limit it broke."""
        limits = self.limits
        started = time.monotonic()
        slow = False
        try:
            while not worker.conn.poll(0.05):
                elapsed = time.monotonic() - started
                if elapsed >= limits.timeout:
                    return (
                        f"the query ran longer than the time limit of {limits.timeout:g} s "
                        "and was stopped"
                    )
                if self._over_memory(worker):
                    return (
                        f"the query used more than the memory limit of {limits.memory_mb:g} MB "
                        "(kg serve --memory-mb) and was stopped"
                    )
                if not slow and elapsed >= limits.slow_after:
                    slow = self._mark_slow()
                    if not slow:
                        return (
                            f"{counted(self.size, 'long query')}"
                            f" {'is' if self.size == 1 else 'are'} already running; this one was "
                            f"stopped after {limits.slow_after:g} s, try again later"
                        )
            return worker.conn.recv()
        finally:
            if slow:
                with self._lock:
                    self._slow -= 1

    def _mark_slow(self) -> bool:
        """Count one more slow query, unless ``size`` already run."""
        with self._lock:
            if self._slow >= self.size:
                return False
            self._slow += 1
            return True

    def _over_memory(self, worker: _Worker) -> bool:
        """Whether the worker has grown past the memory limit since it loaded the graph."""
        resident = _resident_bytes(worker.process.pid or 0)
        return resident is not None and resident - worker.baseline > self.limits.memory_mb * MB

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._kill(worker)


def _died(worker: _Worker, memory_mb: float) -> str:
    """The answer when a worker process ended in the middle of a query."""
    worker.process.join(1)
    return (
        f"the query worker stopped unexpectedly (exit code {worker.process.exitcode}); "
        f"a query may need more than {memory_mb:g} MB; try again"
    )
