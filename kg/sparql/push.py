"""``kg push``: send a built graph to a SPARQL 1.1 server.

Two protocols:

- the Graph Store HTTP Protocol (``gsp``): the whole graph is one N-Triples document,
  streamed from disk as the body of one request (chunked transfer encoding): ``PUT``
  replaces the target graph, ``POST`` adds to it;
- SPARQL 1.1 Update (``update``): ``INSERT DATA`` requests of ``chunk_size`` triples;
  with ``replace`` the first request opens with ``DROP SILENT`` of the target graph.

A blank node is scoped to one request, so every triple that mentions a blank node,
and every blank node linked to it (an OWL list, a restriction), travels in the same
``INSERT DATA``: such triples are spooled to a temporary on-disk SQLite table and
sent together, one connected group at a time. Memory holds one chunk, plus a
union-find table of the blank nodes that are linked to other blank nodes.

Every term is parsed from the source and written back by pyoxigraph in N-Triples
syntax (escaped literals, validated IRIs), which is also valid inside ``INSERT
DATA``: nothing read from an article can end the update early.
"""

from __future__ import annotations

import base64
import http.client
import itertools
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, parse

from kg.errors import EndpointError, InputError, KgError

Protocol = Literal["gsp", "update"]

GRAPH_FILES = ("graph.nt", "graph.ttl")
"""The files read from a build folder, the first that exists."""

SOURCE_FORMATS = {".nt": RdfFormat.N_TRIPLES, ".ttl": RdfFormat.TURTLE}

UPDATE_PATHS = ("update", "sparql-update")
"""Last URL path segments that mean SPARQL Update under the ``auto`` protocol."""

CHUNK_BYTES = 16_000_000
"""An ``INSERT DATA`` request is cut before it grows past this size (bytes)."""

BODY_BLOCK = 1 << 16
"""Bytes per block of a streamed Graph Store body."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where and how to push: endpoint URL, protocol, graph (None: default), mode."""

    url: str
    protocol: Protocol
    graph: str | None = None
    replace: bool = True
    timeout: float = 60.0
    authorization: str | None = None
    chunk_size: int = 20_000

    @property
    def graph_name(self) -> str:
        """``default graph`` or ``graph <IRI>``, for messages."""
        return "default graph" if self.graph is None else f"graph <{self.graph}>"


@dataclass(frozen=True, slots=True)
class PushResult:
    """What a push sent: triples, HTTP requests and seconds."""

    triples: int
    requests: int
    seconds: float


# --- the source ------------------------------------------------------------------


def graph_source(path: Path) -> Path:
    """The file to read: a build folder's graph.nt (else graph.ttl), or a .nt/.ttl file."""
    if path.is_dir():
        found = [path / name for name in GRAPH_FILES if (path / name).is_file()]
        if not found:
            raise InputError(f"{path}: no {' or '.join(GRAPH_FILES)} in this folder")
        return found[0]
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if path.suffix.lower() not in SOURCE_FORMATS:
        raise InputError(f"{path}: not a .nt or .ttl file")
    return path


def read_triples(source: Path) -> Iterator[Quad]:
    """Stream the triples of ``source`` from disk (pyoxigraph quads, default graph).

    The one place that reads a graph: another source (an on-disk store) is one more
    branch here. A file that does not parse raises :class:`InputError`.
    """
    try:
        yield from parse(path=source, format=SOURCE_FORMATS[source.suffix.lower()])
    except SyntaxError as err:
        first = str(err).splitlines()[0] if str(err) else "syntax error"
        raise InputError(f"{source}: not a valid graph: {first[:200]}") from None


def ntriples_line(triple: Quad) -> str:
    """One triple as an N-Triples line, every term written by pyoxigraph.

    >>> from pyoxigraph import Literal, Quad
    >>> ntriples_line(Quad(NamedNode("urn:a"), NamedNode("urn:b"), Literal('} "x"')))
    '<urn:a> <urn:b> "} \\\\"x\\\\"" .\\n'
    """
    return f"{triple.subject} {triple.predicate} {triple.object} .\n"


def count_triples(source: Path) -> int:
    """Read the whole source once: its size, and any syntax error before anything is sent."""
    return sum(1 for _ in read_triples(source))


# --- blank-node groups -----------------------------------------------------------


class BlankGroups:
    """Union-find over blank-node labels that share a triple."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, label: str) -> str:
        """The label that stands for ``label``'s group."""
        root = label
        while (up := self.parent.get(root, root)) != root:
            root = up
        while label != root:  # path compression
            self.parent[label], label = root, self.parent[label]
        return root

    def union(self, first: str, second: str) -> None:
        """Put two labels in one group."""
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def triple_groups(triples: Iterable[Quad]) -> Iterator[list[str]]:
    """N-Triples lines in groups that must travel in one request.

    A triple without blank nodes is a group of its own, yielded as it is read; the
    others are spooled to disk and yielded at the end, one connected group at a time.
    """
    groups = BlankGroups()
    with _Spool() as spool:
        for triple in triples:
            labels = [t.value for t in (triple.subject, triple.object) if isinstance(t, BlankNode)]
            if not labels:
                yield [ntriples_line(triple)]
                continue
            if len(labels) == 2:
                groups.union(*labels)
            spool.add(labels[0], ntriples_line(triple))
        yield from spool.grouped(groups.find)


class _Spool:
    """A temporary on-disk SQLite table of (blank-node label, line)."""

    BATCH = 5_000

    def __enter__(self) -> _Spool:
        self.db = sqlite3.connect("")  # "": a private on-disk database, deleted on close
        self.db.execute("CREATE TABLE spool (label TEXT NOT NULL, line TEXT NOT NULL)")
        self.pending: list[tuple[str, str]] = []
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def add(self, label: str, line: str) -> None:
        """Spool one line, keyed by a blank node it mentions."""
        self.pending.append((label, line))
        if len(self.pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO spool VALUES (?, ?)", self.pending)
        self.pending = []

    def grouped(self, root: Callable[[str], str]) -> Iterator[list[str]]:
        """The spooled lines, one list per group (``root`` names a label's group)."""
        self._flush()
        self.db.create_function("kg_root", 1, root, deterministic=True)
        rows = self.db.execute("SELECT kg_root(label) AS root, line FROM spool ORDER BY root")
        for _, members in itertools.groupby(rows, key=lambda row: row[0]):
            yield [line for _, line in members]


def pack(
    groups: Iterable[list[str]], size: int, max_bytes: int = CHUNK_BYTES
) -> Iterator[list[str]]:
    """Chunks of at most ``size`` lines (and about ``max_bytes``), never splitting a group.

    A group larger than a chunk is a chunk of its own.

    >>> list(pack([["a"], ["b", "c"], ["d"]], 2))
    [['a'], ['b', 'c'], ['d']]
    """
    chunk: list[str] = []
    weight = 0
    for group in groups:
        extra = sum(len(line) for line in group)
        if chunk and (len(chunk) + len(group) > size or weight + extra > max_bytes):
            yield chunk
            chunk, weight = [], 0
        chunk.extend(group)
        weight += extra
    if chunk:
        yield chunk


# --- requests --------------------------------------------------------------------


def choose_protocol(url: str, protocol: str) -> Protocol:
    """``gsp`` or ``update``; ``auto`` picks update when the URL path ends in /update.

    >>> choose_protocol("http://h/ds/update", "auto"), choose_protocol("http://h/store", "auto")
    ('update', 'gsp')
    """
    if protocol in ("gsp", "update"):
        return protocol  # type: ignore[return-value]
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower()
    return "update" if last in UPDATE_PATHS else "gsp"


def check_url(url: str) -> str:
    """The endpoint URL, or :class:`KgError` (exit 2) when it is not plain http(s)."""
    try:
        parts = urlsplit(url)
    except ValueError as err:  # e.g. "Invalid IPv6 URL" for an unclosed "["
        raise KgError(
            f"the endpoint URL is not valid ({err}): {url!r}", 2, setting="endpoint"
        ) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise KgError(
            f"the endpoint must be an http:// or https:// URL, got {url!r}", 2, setting="endpoint"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise KgError(f"the endpoint URL has a bad port: {url!r}", 2, setting="endpoint") from None
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise KgError(
            f"the endpoint URL must not contain spaces or control characters: {url!r}",
            2,
            setting="endpoint",
        )
    if parts.username is not None or parts.password is not None:
        raise KgError("the endpoint URL must not hold a user or password", 2, setting="credentials")
    if parts.fragment:
        raise KgError(f"the endpoint URL must not have a #fragment: {url!r}", 2, setting="endpoint")
    return url


def check_graph_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI, else :class:`KgError` (exit 2)."""
    try:
        return NamedNode(iri).value
    except ValueError as err:
        raise KgError(
            f"graph name {iri!r} is not an absolute IRI: {err}", 2, setting="graph"
        ) from None


def basic_authorization(user: str, password: str) -> str:
    """The ``Authorization`` header value for HTTP basic auth.

    >>> basic_authorization("ann", "s3cret")
    'Basic YW5uOnMzY3JldA=='
    """
    if ":" in user:
        raise KgError("a basic auth user name must not contain ':'", 2, setting="user")
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are errors: a body cannot be re-sent, credentials must not follow."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class _Deadline:
    """A time limit for one whole request: when it passes, its sockets are shut down.

    A socket timeout bounds each read or write alone, so a server that drips a byte
    now and then would hold a request forever; shutting the sockets down ends every
    read and write at once, from the timer's thread.
    """

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        """Seconds left, at least a millisecond (a socket timeout must be positive)."""
        return max(self.end - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has passed)."""
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        _shut(sock)

    def expire(self) -> None:
        """The deadline has passed: end every watched socket's reads and writes."""
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed
        pass


def _bounded(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Callable:
    """A connection factory for urllib whose connections obey ``deadline``."""

    class Bounded(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            self.timeout = deadline.remaining()
            super().connect()
            deadline.watch(self.sock)

    return Bounded


class _BoundedHTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_bounded(http.client.HTTPConnection, self.deadline), req)


class _BoundedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_bounded(http.client.HTTPSConnection, self.deadline), req)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """An opener that follows no redirect and gives up when ``deadline`` passes."""
    return urllib.request.build_opener(_NoRedirect, _BoundedHTTP(deadline), _BoundedHTTPS(deadline))


def send(
    target: Target, method: str, url: str, body: bytes | Iterable[bytes], content_type: str
) -> None:
    """One HTTP request, answered within ``target.timeout`` seconds in all (a deadline,
    not a limit per socket read); any failure becomes a one-line :class:`EndpointError`.
    """
    headers = {"Content-Type": content_type, "User-Agent": "kg-push"}
    if target.authorization:
        headers["Authorization"] = target.authorization
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    deadline = _Deadline(target.timeout)
    timer = threading.Timer(target.timeout, deadline.expire)
    timer.daemon = True
    timer.start()
    try:
        _exchange(_opener(deadline), request, target, deadline)
    finally:
        timer.cancel()


def _exchange(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    target: Target,
    deadline: _Deadline,
) -> None:
    """Send ``request`` and read the start of the answer; errors as :class:`EndpointError`."""
    try:
        with opener.open(request, timeout=target.timeout) as response:
            response.read(1 << 16)
        if deadline.expired:  # an answer cut short at the deadline may look complete
            raise TimeoutError
    except urllib.error.HTTPError as err:
        raise EndpointError(_http_message(target.url, err)) from None
    except urllib.error.URLError as err:
        reason = TimeoutError() if deadline.expired else err.reason
        raise EndpointError(_connect_message(target, reason)) from None
    except (TimeoutError, ConnectionError, http.client.HTTPException) as err:
        reason = TimeoutError() if deadline.expired else err
        raise EndpointError(_connect_message(target, reason)) from None
    except OSError as err:  # e.g. an SSL error from a socket shut down at the deadline
        if not deadline.expired:
            raise
        raise EndpointError(_connect_message(target, TimeoutError())) from err


def _http_message(url: str, err: urllib.error.HTTPError) -> str:
    try:
        text = err.read(4096).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    message = f"{url}: HTTP {err.code} {err.reason}"
    if 300 <= err.code < 400:
        message += f" to {err.headers.get('Location', '?')} (redirects are not followed)"
    first = text.splitlines()[0][:200] if text else ""
    return f"{message}: {first}" if first else message


def _connect_message(target: Target, reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot connect to {target.url}: connection refused"
    if isinstance(reason, TimeoutError):
        return f"{target.url}: no answer within {target.timeout:g} s"
    if isinstance(reason, BrokenPipeError | ConnectionResetError | http.client.HTTPException):
        detail = getattr(reason, "strerror", None) or type(reason).__name__
        return f"{target.url}: the server closed the connection before answering ({detail})"
    detail = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"cannot connect to {target.url}: {detail}"


def _with_query(url: str, query: str) -> str:
    """``url`` with ``query`` added to its query string.

    >>> _with_query("http://h/store", "default"), _with_query("http://h/s?a=1", "default")
    ('http://h/store?default', 'http://h/s?a=1&default')
    """
    return f"{url}{'&' if urlsplit(url).query else '?'}{query}"


def _stream(lines: Iterable[str]) -> Iterator[bytes]:
    """Lines as UTF-8 blocks of about :data:`BODY_BLOCK` bytes."""
    block: list[bytes] = []
    size = 0
    for line in lines:
        data = line.encode("utf-8")
        block.append(data)
        size += len(data)
        if size >= BODY_BLOCK:
            yield b"".join(block)
            block, size = [], 0
    if block:
        yield b"".join(block)


# --- the two protocols -----------------------------------------------------------


def push_gsp(source: Path, target: Target) -> int:
    """PUT (replace) or POST (add) the whole graph as one streamed N-Triples body."""
    where = "default" if target.graph is None else "graph=" + quote(target.graph, safe="")
    body = _stream(ntriples_line(t) for t in read_triples(source))
    method = "PUT" if target.replace else "POST"
    send(target, method, _with_query(target.url, where), body, "application/n-triples")
    return 1


def push_update(source: Path, target: Target) -> int:
    """INSERT DATA in chunks (after DROP SILENT with replace); returns the request count."""
    graph = None if target.graph is None else NamedNode(target.graph)
    drop = f"DROP SILENT {'DEFAULT' if graph is None else f'GRAPH {graph}'} ;\n"
    requests = 0
    for chunk in pack(triple_groups(read_triples(source)), target.chunk_size):
        opening = drop if target.replace and requests == 0 else ""
        send_update(target, opening + insert_data(chunk, graph))
        requests += 1
    if target.replace and requests == 0:  # an empty graph still replaces
        send_update(target, drop)
        requests = 1
    return requests


def insert_data(lines: list[str], graph: NamedNode | None) -> str:
    """An INSERT DATA operation for N-Triples lines (into ``graph``, or the default).

    >>> print(insert_data(['<urn:a> <urn:b> "c" .\\n'], NamedNode("urn:g")), end="")
    INSERT DATA { GRAPH <urn:g> {
    <urn:a> <urn:b> "c" .
    } }
    """
    if graph is None:
        return "INSERT DATA {\n" + "".join(lines) + "}\n"
    return f"INSERT DATA {{ GRAPH {graph} {{\n" + "".join(lines) + "} }\n"


def send_update(target: Target, update: str) -> None:
    """POST one SPARQL Update request."""
    body = update.encode("utf-8")
    send(target, "POST", target.url, body, "application/sparql-update; charset=utf-8")


def push(path: Path, target: Target) -> PushResult:
    """Send the graph at ``path`` (a build folder or a .nt/.ttl file) to ``target``.

    The source is read once before anything is sent, so a graph that does not parse
    leaves the endpoint untouched.
    """
    start = time.perf_counter()
    source = graph_source(path)
    triples = count_triples(source)
    sender = push_gsp if target.protocol == "gsp" else push_update
    requests = sender(source, target)
    return PushResult(triples, requests, time.perf_counter() - start)
