"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a built graph.

The graph is loaded into in-memory pyoxigraph stores, one per worker process; the
HTTP side is the standard library's ``ThreadingHTTPServer``:

- ``GET /sparql?query=...``, ``POST /sparql`` with an ``application/sparql-query``
  body or an ``application/x-www-form-urlencoded`` ``query=`` form;
- results as SPARQL JSON, XML, CSV or TSV, graphs (CONSTRUCT, DESCRIBE) as Turtle,
  N-Triples, RDF/XML or JSON-LD, chosen by the ``Accept`` header or a ``format``
  parameter (``json``, ``xml``, ``csv``, ``tsv``, ``turtle``, ``nt``, ``rdfxml``,
  ``jsonld``), which wins when it names a format that fits the query;
- updates (``update=``, ``application/sparql-update``, INSERT/DELETE/LOAD/... as a
  query) are refused with 403; ``SERVICE`` (it would fetch remote data) with 403;
  a query that does not parse gets 400 with the parser's message;
- every query runs in a worker process under a time limit and a memory limit: past
  either the worker is killed, so the query really stops, a fresh worker takes its
  place, and the client gets 503; an answer over the size limit gets 413; one worker
  more than the slow queries allowed keeps fast queries answerable; once the graph on
  disk changes, queries get 503 saying so;
- a client has ``READ_TIMEOUT`` seconds to send its request; a Host header that does
  not name this server (DNS rebinding) gets 403;
- ``GET /`` is an offline query page (:mod:`kg.serve.page`).

Tests start :func:`make_server` on port 0 and call ``serve_forever`` in a thread.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import KgError
from kg.serve.endpoint import UPDATE_MESSAGE, Limits, QueryPool, Reply, refusal
from kg.wording import counted

MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes."""

READ_TIMEOUT = 10.0
"""Seconds a client has to send a whole request (line, headers and body)."""

WRITE_TIMEOUT = 120.0
"""Seconds a client has to take in a whole answer (a slow reader holds no thread)."""

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
"""Host header names always served (with the server's port)."""


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server of ``kg serve``; ``server_close`` also stops the query workers."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        pool: QueryPool,
        page: str,
        quiet: bool,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        self.pool, self.page, self.quiet = pool, page.encode("utf-8"), quiet
        self.read_timeout = read_timeout
        self.given_host = address[0].lower()  # a name, when one was given, not its address
        super().__init__(address, _Handler)

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request's Host header names this server (no DNS rebinding).

        Loopback names and the listening address (as given and as bound) are served;
        a wildcard listener (0.0.0.0, ::) also serves any IP address and this
        machine's name. No Host header (HTTP/1.0) is allowed: browsers always send one.
        """
        if host is None:
            return True
        port = str(self.server_address[1])
        name, _, given = host.strip().lower().rpartition(":")
        if not name or name.endswith(":") or (name.startswith("[") != name.endswith("]")):
            name, given = host.strip().lower(), port  # no port in the header
        if given != port:
            return False
        bound = str(self.server_address[0]).lower()
        listening = f"[{bound}]" if ":" in bound else bound
        if name in (*LOOPBACK_NAMES, listening, self.given_host, f"[{self.given_host}]"):
            return True
        if bound not in ("0.0.0.0", "::"):
            return False
        return _is_ip(name.strip("[]")) or name == socket.gethostname().lower()

    @property
    def url(self) -> str:
        """The endpoint's URL."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def _is_ip(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"

    def setup(self) -> None:
        """Give every socket read a timeout: a silent client is dropped."""
        self.timeout = self.server.read_timeout
        super().setup()

    def handle_one_request(self) -> None:
        """Read and answer one request; a client too slow to send it is cut off.

        The socket timeout bounds each read; the deadline bounds the whole request,
        so a client dripping a byte at a time cannot hold a thread either.
        """
        self._deadline = threading.Timer(self.server.read_timeout, self._cut_off)
        self._deadline.daemon = True
        self._deadline.start()
        try:
            super().handle_one_request()
        finally:
            self._deadline.cancel()

    def _cut_off(self) -> None:
        """Stop reading from a client that did not send its request in time."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RD)
        except OSError:
            pass

    def _request_read(self) -> bool:
        """Stop the read deadline; False (and a 403) when the Host is not this server."""
        self._deadline.cancel()
        if self.server.host_allowed(self.headers.get("Host")):
            return True
        self._send(
            Reply.error(
                403, "this Host is not served here: kg serve answers its own address and localhost"
            )
        )
        return False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.connection.settimeout(WRITE_TIMEOUT)
            self.wfile.write(reply.body)
            self.connection.settimeout(self.server.read_timeout)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        from kg.serve.page import CONTENT_SECURITY_POLICY

        if not self._request_read():
            return
        url = urlsplit(self.path)
        if url.path in ("", "/"):
            page = Reply(200, "text/html; charset=utf-8", self.server.page)
            self._send(page, {"Content-Security-Policy": CONTENT_SECURITY_POLICY})
        elif url.path.rstrip("/") == "/sparql":
            self._dispatch(parse_qs(url.query, keep_blank_values=True))
        else:
            self._send(Reply.error(404, "not found: the endpoint is /sparql, the page is /"))

    def do_POST(self) -> None:  # noqa: N802
        if not self.server.host_allowed(self.headers.get("Host")):
            self._request_read()
            return
        url = urlsplit(self.path)
        if url.path.rstrip("/") != "/sparql":
            self._send(Reply.error(404, "not found: the endpoint is /sparql"))
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(Reply.error(411, "a POST needs a Content-Length"))
            return
        if length < 0 or length > MAX_BODY:
            self._send(Reply.error(413, f"the request body is over {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length)
        if len(body) < length:  # the client stopped early or was cut off
            self.close_connection = True
            return
        if not self._request_read():
            return
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._send(Reply.error(400, "the request body is not UTF-8"))
            return
        if ctype == "application/x-www-form-urlencoded":
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/sparql-update":
            self._send(Reply.error(403, UPDATE_MESSAGE))
            return
        else:
            self._send(Reply.error(415, "POST application/sparql-query or a query= form"))
            return
        self._dispatch(params)

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send(Reply.error(403, UPDATE_MESSAGE))
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._send(
                Reply.error(400, "default-graph-uri/named-graph-uri: kg serve has one graph")
            )
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(Reply.error(400, "give exactly one non-empty query parameter"))
            return
        reply = refusal(queries[0]) or self.server.pool.run(
            queries[0], self.headers.get("Accept", ""), tuple(params.get("format", ()))
        )
        self._send(reply)


def make_server(
    graph: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 30.0,
    workers: int = 2,
    quiet: bool = False,
    limits: Limits | None = None,
    read_timeout: float = READ_TIMEOUT,
) -> SparqlServer:
    """Load ``graph`` and return a server bound to (host, port), not yet serving.

    ``limits`` (time, memory, result size per query) replaces ``timeout`` when given.
    Call ``serve_forever()`` to serve, ``shutdown()`` (from another thread) and
    ``server_close()`` to stop. Port 0 picks a free port (see ``server.url``).
    """
    from kg.serve.page import EXTRA_EXAMPLES, render_page
    from kg.sparql.named import named_queries
    from kg.sparql.store import has_store

    path = Path(graph)
    if path.is_dir() and not has_store(path):
        path = path / "graph.ttl"
    limits = limits or Limits(timeout=timeout)
    pool = QueryPool(path, workers=workers, limits=limits)  # one line if the graph is bad
    texts = {name: file.read_text(encoding="utf-8") for name, file in named_queries().items()}
    first = ("roles", "stances", "quotes", "evidence")  # neighbours needs a ?name binding
    names = [n for n in first if n in texts] + [n for n in texts if n not in first]
    examples = {name: texts[name] for name in names if "?name" not in texts[name]}
    page = render_page(
        {**examples, **EXTRA_EXAMPLES}, f"{path.name} ({counted(pool.triples, 'triple')})"
    )
    try:
        return SparqlServer((host, port), pool, page, quiet, read_timeout)
    except OSError as err:
        pool.close()
        raise KgError(f"cannot listen on {host}:{port}: {err.strerror or err}", 2) from None


def serve(server: SparqlServer) -> None:
    """Serve until interrupted (Ctrl-C, or SIGTERM), then stop the workers."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _interrupt(signum: int, frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt, so the workers are stopped on the way out."""
    raise KeyboardInterrupt
