"""kg push: a built graph loaded into a real Oxigraph server on 127.0.0.1 (GSP and Update)."""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize
from rdflib import BNode, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.sparql.push import choose_protocol, pack, read_triples, triple_groups

OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # pip install oxigraph (the test extra)
KGR = "https://kg-news.org/resource/"
MAYOR = f"ASK {{ <{KGR}person/daniel-frost> <https://kg-news.org/ontology#mayorOf> ?place }}"
SUMMARY = re.compile(r"^Pushed (\d+) triples to (\S+) \((.*)\) in [\d.]+ s$")
P = "urn:kg:test:p"
ELSEWHERE = "http://127.0.0.1:9/elsewhere"
OWL_ = "http://www.w3.org/2002/07/owl#"
WHOLE_AXIOM = (  # an evidence annotation with all its parts on one blank node
    f"SELECT DISTINCT ?a WHERE {{ ?a a <{OWL_}Axiom> ; <{OWL_}annotatedSource> ?s ;"
    f" <{OWL_}annotatedProperty> ?p ; <{OWL_}annotatedTarget> ?o ;"
    " <https://kg-news.org/ontology#evidenceSentence> ?e }"
)
HOSTILE = [
    '} } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "z" } #',
    '""" } """',
    "''' } '''",
    'back\\slash \\\\ \\u0022 \\" \\u007D end\\',
    "line\nbreak\r\ttab\x0c",
    "controls \x01 \x1f \x7f",
    "\u2028 \u202e rtl \U0001f600",
    "> < {} | ^ `",
    "#not a comment",
    "",
]
runner = CliRunner()


@pytest.fixture(autouse=True)
def _direct(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy: every connection goes straight to 127.0.0.1."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(
    port: int, method: str, path: str, body: bytes | None = None, **headers: str
) -> tuple[int, bytes]:
    """One HTTP request to 127.0.0.1:port (http.client: never through a proxy)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body, {k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Oxigraph:
    """A running ``oxigraph serve`` on 127.0.0.1."""

    def __init__(self, location: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(location), "--bind", self.url[7:]],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def ready(self, seconds: float) -> bool:
        """Wait until the server answers, at most ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                return request(self.port, "GET", "/query?query=ASK%7B%7D")[0] == 200
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def _query(self, query: str) -> dict:
        """POST a query; the SPARQL JSON results."""
        status, body = request(
            self.port,
            "POST",
            "/query",
            query.encode("utf-8"),
            Content_Type="application/sparql-query",
            Accept="application/sparql-results+json",
        )
        assert status == 200, body
        return json.loads(body)

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT; rows as {variable: value}."""
        rows = self._query(query)["results"]["bindings"]
        return [{name: cell["value"] for name, cell in row.items()} for row in rows]

    def ask(self, query: str) -> bool:
        return self._query(query)["boolean"]

    def count(self, graph: str | None, pattern: str = "?s ?p ?o") -> int:
        """Solutions of ``pattern`` in ``graph`` (None: the default graph)."""
        where = pattern if graph is None else f"GRAPH <{graph}> {{ {pattern} }}"
        return int(self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])

    def blank_nodes(self, graph: str | None) -> int:
        """How many distinct blank nodes the graph holds."""
        inner = "{ ?b ?p ?o } UNION { ?s ?p ?b }"
        where = inner if graph is None else f"GRAPH <{graph}> {{ {inner} }}"
        query = f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ {where} FILTER(isBlank(?b)) }}"
        return int(self.select(query)[0]["n"])

    def fetch(self, graph: str | None) -> Graph:
        """The graph as the server holds it (GSP GET)."""
        where = "default" if graph is None else "graph=" + quote(graph, safe="")
        status, body = request(self.port, "GET", f"/store?{where}", Accept="application/n-triples")
        assert status == 200, body
        return Graph().parse(data=body.decode("utf-8"), format="nt")

    def update(self, text: str) -> None:
        status, body = request(
            self.port,
            "POST",
            "/update",
            text.encode("utf-8"),
            Content_Type="application/sparql-update",
        )
        assert status in (200, 204), body


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    """A real Oxigraph server on a free port of 127.0.0.1 (a few tries: ports race)."""
    for attempt in range(3):
        server = Oxigraph(tmp_path_factory.mktemp(f"oxigraph{attempt}"))
        if server.ready(20):
            break
        server.stop()
    else:
        pytest.fail(f"{OXIGRAPH} serve did not answer on 127.0.0.1")
    yield server
    server.stop()
    assert server.process.returncode is not None


@pytest.fixture(scope="module")
def local(example_build: Path) -> Graph:
    """The example build's graph, as kg wrote it."""
    return Graph().parse(example_build / "graph.nt", format="nt")


def local_blank_nodes(graph: Graph) -> int:
    return len({t for triple in graph for t in triple if isinstance(t, BNode)})


def local_axioms(graph: Graph) -> int:
    return len({s for s in graph.subjects(RDF.type, OWL.Axiom) if isinstance(s, BNode)})


def push(*args: str) -> tuple[int, str, str]:
    """Run ``kg push`` in process; exit code, stdout, stderr."""
    result = runner.invoke(app, ["push", *args])
    return result.exit_code, result.stdout, result.stderr


def summary(stdout: str) -> tuple[int, str, str]:
    """(triples, URL, details) from the summary line."""
    match = SUMMARY.match(stdout.strip())
    assert match, stdout
    return int(match[1]), match[2], match[3]


def test_gsp_replaces_the_default_graph_with_an_identical_copy(oxigraph, example_build, local):
    url = oxigraph.url + "/store"
    for _ in range(2):  # a re-push with --replace (the default) changes nothing
        code, out, err = push(str(example_build), "--endpoint", url)
        assert code == 0, err
        assert summary(out) == (len(local), url, "default graph, replaced; gsp, 1 request")
        assert oxigraph.count(None) == len(local)
    assert oxigraph.ask(MAYOR)
    assert oxigraph.blank_nodes(None) == local_blank_nodes(local) > 0


def test_update_in_small_chunks_keeps_every_blank_node_whole(oxigraph, example_build, local):
    graph = "urn:kg:test:update"
    url = oxigraph.url + "/update"
    for _ in range(2):
        code, out, err = push(
            str(example_build), "--endpoint", url, "--graph", graph, "--chunk-size", "25"
        )
        assert code == 0, err
        triples, _, details = summary(out)
        assert triples == len(local) and details.startswith(f"graph <{graph}>, replaced; update")
        assert int(details.split()[-2]) >= len(local) // 25  # many requests
        assert oxigraph.count(graph) == len(local)
    assert oxigraph.count(graph, WHOLE_AXIOM) == local_axioms(local) > 0
    assert oxigraph.blank_nodes(graph) == local_blank_nodes(local)
    assert isomorphic(oxigraph.fetch(graph), local)


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_append_adds_to_another_graph_and_leaves_the_first(
    oxigraph, example_build, local, protocol
):
    first, other = f"urn:kg:test:{protocol}:first", f"urn:kg:test:{protocol}:other"
    url = oxigraph.url + ("/store" if protocol == "gsp" else "/update")
    assert push(str(example_build), "--endpoint", url, "--graph", first)[0] == 0
    for _ in range(2):
        code, out, err = push(str(example_build), "--endpoint", url, "--graph", other, "--append")
        assert code == 0, err
        assert f"graph <{other}>, added; {protocol}" in out
    with_blank = sum(1 for s, _, o in local if isinstance(s, BNode) or isinstance(o, BNode))
    # the same triples again: the ground ones are already there, blank nodes are new ones
    assert oxigraph.count(other) == len(local) + with_blank
    assert oxigraph.count(first) == len(local)
    assert push(str(example_build), "--endpoint", url, "--graph", other)[0] == 0
    assert oxigraph.count(other) == len(local)


def hostile_graph(folder: Path) -> Path:
    """A graph.nt whose literals try to end an INSERT DATA early."""
    folder.mkdir()
    triples = [
        Triple(NamedNode(f"urn:kg:test:s{i}"), NamedNode(P), Literal(text))
        for i, text in enumerate(HOSTILE)
    ]
    triples.append(
        Triple(NamedNode("urn:kg:test:lang"), NamedNode(P), Literal("} ;", language="en"))
    )
    serialize(triples, folder / "graph.nt", RdfFormat.N_TRIPLES)
    return folder


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_hostile_literals_round_trip_intact(oxigraph, tmp_path, protocol):
    oxigraph.update('INSERT DATA { GRAPH <urn:kg:test:sentinel> { <urn:a> <urn:b> "c" } }')
    graph = f"urn:kg:test:hostile:{protocol}"
    url = oxigraph.url + ("/store" if protocol == "gsp" else "/update")
    folder = str(hostile_graph(tmp_path / "out"))
    code, out, err = push(folder, "--endpoint", url, "--protocol", protocol, "--graph", graph)
    assert code == 0, err
    assert summary(out)[0] == len(HOSTILE) + 1
    rows = oxigraph.select(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s <{P}> ?o }} }}")
    assert sorted(row["o"] for row in rows) == sorted([*HOSTILE, "} ;"])
    assert oxigraph.count("urn:kg:test:sentinel") == 1  # no DROP ALL ran
    assert oxigraph.count(None, "<urn:x> <urn:y> ?z") == 0


def test_a_malformed_graph_is_refused_before_anything_is_sent(oxigraph, tmp_path):
    oxigraph.update('INSERT DATA { GRAPH <urn:kg:test:sentinel2> { <urn:a> <urn:b> "c" } }')
    bad = tmp_path / "graph.nt"
    bad.write_text(
        '<urn:a> <urn:b> "ok" .\n'
        '<urn:a> <urn:b> "x" } ; DROP ALL ; INSERT DATA { <urn:c> <urn:d> "y" .\n',
        encoding="utf-8",
    )
    code, out, err = push(str(bad), "--endpoint", oxigraph.url + "/update", "--graph", "urn:g")
    assert code == 2 and out == ""
    assert err.startswith("kg: error: ") and "not a valid graph" in err and str(bad) in err
    assert oxigraph.count("urn:kg:test:sentinel2") == 1
    assert oxigraph.count("urn:g") == 0


def test_connection_refused_is_one_line_and_exit_5(example_build):
    url = f"http://127.0.0.1:{free_port()}/store"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    run = subprocess.run(
        [sys.executable, "-m", "kg", "push", str(example_build), "--endpoint", url],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert run.returncode == 5, run.stderr
    assert run.stderr.decode() == f"kg: error: cannot connect to {url}: connection refused\n"
    assert run.stdout == b""


def test_a_silent_server_times_out(example_build):
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/update"
        started = time.monotonic()
        code, out, err = push(str(example_build), "--endpoint", url, "--timeout", "0.3")
    assert code == 5 and out == ""
    assert err == f"kg: error: {url}: no answer within 0.3 s\n"
    assert time.monotonic() - started < 10


def _drip(server: socket.socket, stop: threading.Event) -> None:
    """Accept one connection and answer one byte of headers every 0.1 s until ``stop``."""
    server.settimeout(10)
    try:
        connection, _ = server.accept()
    except OSError:
        return
    with connection:
        connection.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(300):  # 30 s at most
            if stop.wait(0.1):
                return
            try:
                connection.sendall(b"a")
            except OSError:
                return


def test_timeout_is_a_deadline_for_the_whole_request(tmp_path):
    graph = tmp_path / "g.nt"
    graph.write_text('<urn:a> <urn:b> "c" .\n', encoding="utf-8")
    stop = threading.Event()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = f"http://127.0.0.1:{server.getsockname()[1]}/update"
        dripper = threading.Thread(target=_drip, args=(server, stop), daemon=True)
        dripper.start()
        started = time.monotonic()
        code, out, err = push(str(graph), "--endpoint", url, "--timeout", "1")
        elapsed = time.monotonic() - started
        stop.set()
        dripper.join(10)
    assert code == 5 and out == ""
    assert err == f"kg: error: {url}: no answer within 1 s\n"
    assert elapsed < 5


@pytest.mark.parametrize(
    ("path", "protocol", "expected"),
    [
        ("/query", "gsp", "HTTP 404 Not Found: PUT /query is not supported by this server"),
        ("/store", "update", "HTTP 415 Unsupported Media Type: No supported content"),
    ],
)
def test_http_errors_give_status_and_server_message(
    oxigraph, example_build, path, protocol, expected
):
    code, out, err = push(
        str(example_build), "--endpoint", oxigraph.url + path, "--protocol", protocol
    )
    assert code == 5 and out == ""
    assert err.startswith(f"kg: error: {oxigraph.url}{path}: {expected}")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--endpoint", "ftp://127.0.0.1/store"], "must be an http:// or https:// URL"),
        (["--endpoint", "file:///etc/passwd"], "must be an http:// or https:// URL"),
        (["--endpoint", "http://ann:pw@127.0.0.1:9/store"], "must not hold a user or password"),
        (["--endpoint", "http://127.0.0.1:99999/store"], "bad port"),
        (["--endpoint", "http://127.0.0.1:9/st ore"], "spaces or control characters"),
        (["--endpoint", "http://[::1"], "the endpoint URL is not valid (Invalid IPv6 URL)"),
        (["--endpoint", "http://[::1/store"], "the endpoint URL is not valid"),
        (["--endpoint", "http://127.0.0.1:9/store", "--graph", "not an iri"], "not an absolute"),
        (["--endpoint", "http://127.0.0.1:9/store", "--user", "ann"], "KG_ENDPOINT_PASSWORD"),
    ],
)
def test_bad_usage_is_exit_2(example_build, args, message):
    code, out, err = push(str(example_build), *args)
    assert code == 2 and out == ""
    assert err.startswith("kg: error: ") and message in err
    assert err.count("\n") <= 2  # the error line, and at most an option hint


def test_missing_graph_is_exit_2(tmp_path):
    code, _, err = push(str(tmp_path), "--endpoint", "http://127.0.0.1:9/store")
    assert code == 2 and "no graph.nt or graph.ttl" in err


@pytest.mark.parametrize(
    ("url", "protocol"),
    [
        ("http://127.0.0.1:7878/update", "update"),
        ("http://h/ds/update/", "update"),
        ("https://h/repo/sparql-update?x=1", "update"),
        ("http://127.0.0.1:7878/store", "gsp"),
        ("http://h/ds/data", "gsp"),
        ("http://h/updates", "gsp"),
        ("http://h/sparql", "gsp"),
    ],
)
def test_auto_protocol_rule(url, protocol):
    assert choose_protocol(url, "auto") == protocol
    assert choose_protocol(url, "gsp") == "gsp"


class _Recorder(BaseHTTPRequestHandler):
    """Records each request; /moved answers a redirect, anything else 204."""

    seen: list[tuple[str, str, str | None, bytes]] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append((self.command, self.path, self.headers.get("Authorization"), body))
        if self.path.startswith("/moved"):
            self.send_response(307)
            self.send_header("Location", ELSEWHERE)
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = _answer  # noqa: N815


@pytest.fixture
def recorder() -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_basic_auth_from_the_environment_and_redirects_not_followed(
    recorder, tmp_path, monkeypatch
):
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cr:et")
    base = f"http://127.0.0.1:{recorder.server_address[1]}"
    graph = hostile_graph(tmp_path / "out")
    code, out, err = push(str(graph), "--endpoint", base + "/update", "--user", "ann")
    assert code == 0, err
    ((method, path, authorization, body),) = _Recorder.seen
    assert (method, path) == ("POST", "/update")
    assert authorization == "Basic " + base64.b64encode(b"ann:s3cr:et").decode()
    assert body.startswith(b"DROP SILENT DEFAULT ;\nINSERT DATA {\n")
    moved = base + "/moved/update"  # this recorder reads Content-Length bodies: update
    code, out, err = push(str(graph), "--endpoint", moved, "--user", "ann")
    assert code == 5 and out == ""
    redirect = f"HTTP 307 Temporary Redirect to {ELSEWHERE} (redirects are not followed)"
    assert err == f"kg: error: {moved}: {redirect}\n"
    assert [seen[1] for seen in _Recorder.seen] == ["/update", "/moved/update"]


def test_chunks_never_split_a_blank_node_group(tmp_path):
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    lines = [f"<urn:s{i}> <urn:p> <urn:o{i}> .\n" for i in range(5)]
    lines += ["<urn:c> <urn:list> _:l0 .\n"]  # an OWL-style list of 4 cells
    for i in range(4):
        rest = f"_:l{i + 1}" if i < 3 else f"<{rdf}nil>"
        lines += [f"_:l{i} <{rdf}first> <urn:m{i}> .\n", f"_:l{i} <{rdf}rest> {rest} .\n"]
    lines += ["_:axiom <urn:source> <urn:s0> .\n", '_:axiom <urn:note> "x" .\n']
    path = tmp_path / "graph.nt"
    path.write_text("".join(sorted(lines)), encoding="utf-8")
    chunks = list(pack(triple_groups(read_triples(path)), 2))
    assert sorted(line for chunk in chunks for line in chunk) == sorted(lines)
    holders: dict[str, set[int]] = {}
    for number, chunk in enumerate(chunks):
        for label in re.findall(r"_:\w+", "".join(chunk)):
            holders.setdefault(label, set()).add(number)
    assert set(holders) == {"_:axiom", "_:l0", "_:l1", "_:l2", "_:l3"}
    assert all(len(numbers) == 1 for numbers in holders.values())
    assert (
        len({n for label, numbers in holders.items() if label != "_:axiom" for n in numbers}) == 1
    )
    assert max(len(chunk) for chunk in chunks) == 9  # the list and its anchor triple: 1 + 8
