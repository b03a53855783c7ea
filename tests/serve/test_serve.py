"""kg serve: the SPARQL 1.1 Protocol endpoint, queried over HTTP on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import select
import shutil
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.serve.endpoint import negotiate, refusal
from kg.serve.server import SparqlServer, make_server

KG = "https://kg-news.org/ontology#"
KGR = "https://kg-news.org/resource/"
MAYOR = "SELECT ?person ?place WHERE { ?person kg:mayorOf ?place }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(example_build: Path) -> Iterator[SparqlServer]:
    """The example build served on a free port of 127.0.0.1, in a thread; shut down after."""
    server = make_server(example_build, host="127.0.0.1", port=0, timeout=2.0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)
    assert not thread.is_alive()


def wrapper(server: SparqlServer, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def http(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    """GET (or POST ``data``); return status, headers and body text, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def get(server: SparqlServer, query: str, **params: str) -> tuple[int, dict[str, str], str]:
    return http(server.url + "?" + urllib.parse.urlencode({"query": query, **params}))


def test_serve_select_json(server: SparqlServer) -> None:
    result = wrapper(server, MAYOR, JSON).queryAndConvert()
    (row,) = result["results"]["bindings"]
    assert row["person"]["value"] == KGR + "person/daniel-frost"
    assert row["place"] == {"type": "uri", "value": KGR + "place/harbourside"}


def test_serve_select_xml(server: SparqlServer) -> None:
    document = wrapper(server, MAYOR, XML).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [KGR + "person/daniel-frost", KGR + "place/harbourside"]


def test_serve_select_csv_with_labels(server: SparqlServer) -> None:
    query = (
        "SELECT ?who ?whom WHERE { ?c kg:praisedBy ?b . ?b rdfs:label ?who . "
        "?c rdfs:label ?whom } ORDER BY ?who"
    )
    text = wrapper(server, query, CSV).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["who", "whom"]
    assert ["Eleanor Whitcombe", "Margaret Oyelaran"] in rows[1:]


def test_serve_select_tsv_by_format_parameter(server: SparqlServer) -> None:
    status, headers, body = get(server, MAYOR, format="tsv")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.splitlines()[0] == "?person\t?place"


def test_serve_construct_turtle(server: SparqlServer) -> None:
    query = "CONSTRUCT { ?p kg:holdsPositionIn ?o } WHERE { ?p kg:chairmanOf ?o }"
    data = wrapper(server, query, TURTLE).queryAndConvert()
    graph = Graph().parse(data=data, format="turtle")
    assert (
        URIRef(KGR + "person/tom-pritchard"),
        URIRef(KG + "holdsPositionIn"),
        URIRef(KGR + "organization/harbourside-police-federation"),
    ) in graph


def test_serve_describe_ntriples_and_ask(server: SparqlServer) -> None:
    describe = f"DESCRIBE <{KGR}place/london>"
    status, headers, body = http(
        server.url,
        describe.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert f"<{KGR}place/london> <http://www.w3.org/2000/01/rdf-schema#label> " in body
    ask = wrapper(server, "ASK { ?p kg:mayorOf ?o }", JSON).queryAndConvert()
    assert ask["boolean"] is True


def test_serve_refuses_updates(server: SparqlServer) -> None:
    insert = f"INSERT DATA {{ <{KGR}x> <{KG}mayorOf> <{KGR}y> }}"
    sparql = wrapper(server, insert, JSON)
    sparql.setMethod(POST)  # SPARQLWrapper sends it as update=
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert "read-only" in refused.value.read().decode()
    status, _, body = get(server, insert)  # as query=
    assert status == 403 and "INSERT is an update" in body
    form = urllib.parse.urlencode({"update": insert}).encode()
    assert http(server.url, form)[0] == 403
    headers = {"Content-Type": "application/sparql-update"}
    assert http(server.url, insert.encode(), headers)[0] == 403
    count = wrapper(server, f"ASK {{ <{KGR}x> ?p ?o }}", JSON).queryAndConvert()
    assert count["boolean"] is False


def test_serve_syntax_error_is_400_with_the_parser_message(server: SparqlServer) -> None:
    with pytest.raises(QueryBadFormed, match=r"invalid SPARQL: .*line:1"):
        wrapper(server, "SELECT ?x WHERE { ?x ?y }", JSON).query()


def test_serve_refuses_service(server: SparqlServer) -> None:
    query = "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, body = get(server, query)
    assert status == 403 and "SERVICE" in body


def test_serve_time_limit_stops_the_query(server: SparqlServer) -> None:
    status, _, body = get(server, CROSS)
    assert status == 503 and "time limit of 2 s" in body
    for _ in range(3):  # the killed worker is replaced; queries go on
        assert get(server, MAYOR)[0] == 200


def test_serve_not_acceptable_and_bad_requests(server: SparqlServer) -> None:
    assert (
        http(
            server.url + "?" + urllib.parse.urlencode({"query": MAYOR}),
            None,
            {"Accept": "image/png"},
        )[0]
        == 406
    )
    assert http(server.url)[0] == 400  # no query
    assert http(server.url.replace("/sparql", "/nowhere"))[0] == 404
    headers = {"Content-Type": "text/plain"}
    assert http(server.url, MAYOR.encode(), headers)[0] == 415


def test_serve_query_page_is_offline(server: SparqlServer) -> None:
    status, headers, page = http(server.url.removesuffix("sparql"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and "<table" not in page.split("<script")[0]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(", page)
    assert "innerHTML" not in page and "textContent" in page
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    examples = re.search(r'id="example-data">(.*?)</script>', page, re.S)
    assert examples and {"roles", "stances", "quotes"} <= set(json.loads(examples.group(1)))


def test_serve_negotiate() -> None:
    assert negotiate("results", "") == ("application/sparql-results+json", "JSON")
    assert negotiate("results", "application/sparql-results+xml") == (
        "application/sparql-results+xml",
        "XML",
    )
    assert negotiate("results", "text/*;q=0.9, application/json;q=0.5")[0] == "text/csv"
    assert negotiate("results", "text/csv;q=0") is None
    assert negotiate("graph", "*/*")[0] == "text/turtle"
    assert negotiate("graph", "application/json")[0] == "application/ld+json"
    assert negotiate("results", "text/csv", ("json",))[0] == "application/sparql-results+json"
    assert negotiate("graph", "text/turtle", ("csv",))[0] == "text/turtle"  # unfit: ignored


@pytest.mark.parametrize(
    "query, refused",
    [
        ("PREFIX ex: <http://e.org/#>\n# note\nCLEAR ALL", True),
        ("LOAD <http://example.org/data.ttl>", True),
        ("SELECT * WHERE { service <http://e.org/s> { ?s ?p ?o } }", True),
        ("SELECT ?service WHERE { ?service ?p '''SERVICE''' } # SERVICE", False),
        ("SELECT * WHERE { ?s <http://e.org/SERVICE> ?o }", False),
    ],
)
def test_serve_refusal(query: str, refused: bool) -> None:
    reply = refusal(query)
    assert (reply is not None and reply.status == 403) is refused


def test_serve_bad_graph_is_one_line(tmp_path: Path) -> None:
    from kg.errors import KgError

    (tmp_path / "graph.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(KgError, match="cannot load the graph") as error:
        make_server(tmp_path, port=0, workers=1, quiet=True)
    assert "\n" not in str(error.value)


def test_serve_cli_errors_are_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["serve", str(tmp_path / "missing"), "--port", "0"])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    (tmp_path / "graph.ttl").write_text("@prefix broken", encoding="utf-8")
    broken = runner.invoke(app, ["serve", str(tmp_path), "--port", "0", "--workers", "1"])
    assert broken.exit_code == 2 and "cannot load the graph" in broken.output
    for result in (missing, broken):
        assert result.output.startswith("kg: error:") and result.output.count("\n") == 1
    assert "--infer" in runner.invoke(app, ["build", "--help"]).output


def test_serve_reads_an_on_disk_store(nlp, tmp_path: Path) -> None:
    """A store-backed build is served from its store, read-only, the same answers."""
    from kg.build import build
    from kg.inputs.read import read_article
    from tests.conftest import EXAMPLE

    build(nlp, [read_article(str(EXAMPLE))], tmp_path, store="disk")
    (tmp_path / "graph.ttl").unlink()  # the answers can only come from the store
    served = make_server(tmp_path, host="127.0.0.1", port=0, timeout=5.0, quiet=True)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    try:
        result = wrapper(served, MAYOR, JSON).queryAndConvert()
        (row,) = result["results"]["bindings"]
        assert row["person"]["value"] == KGR + "person/daniel-frost"
        status, _, body = http(
            served.url,
            data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            headers={"Content-Type": "application/sparql-update"},
        )
        assert status == 403, body
    finally:
        served.shutdown()
        served.server_close()
        thread.join(10)


@contextlib.contextmanager
def serving(graph: Path, **options: object) -> Iterator[SparqlServer]:
    """A server on a free port of 127.0.0.1, in a thread, for one test or module."""
    served = make_server(graph, host="127.0.0.1", port=0, quiet=True, **options)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.shutdown()
        served.server_close()
        thread.join(10)


@pytest.fixture(scope="module")
def limited(example_build: Path) -> Iterator[SparqlServer]:
    """The example build served with small limits: 1 s to send a request, 8 s per
    query, 200 MB of worker growth, 20 KB answers, two slow queries at once."""
    from kg.serve.endpoint import Limits

    limits = Limits(timeout=8.0, memory_mb=200, max_result_mb=0.02, slow_after=1.0)
    with serving(example_build, workers=2, limits=limits, read_timeout=1.0) as served:
        yield served


def _closed_within(sock: socket.socket, seconds: float) -> float:
    """Seconds until the server closes ``sock`` (what it sent is ignored); fails past."""
    started = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        pytest.fail(f"the server still holds the connection after {seconds} s")
    except ConnectionResetError:
        pass
    return time.monotonic() - started


def _dripped_until_closed(sock: socket.socket, seconds: float) -> float:
    """Send a header byte every 0.2 s (each read is in time); seconds until closed."""
    started = time.monotonic()
    try:
        while time.monotonic() - started < seconds:
            sock.sendall(b"X")
            if select.select([sock], [], [], 0.2)[0] and not sock.recv(4096):
                return time.monotonic() - started
    except OSError:
        return time.monotonic() - started
    pytest.fail(f"a client sending a byte every 0.2 s was still served after {seconds} s")


def test_serve_drops_a_slow_loris(limited: SparqlServer) -> None:
    host, port = limited.server_address[:2]
    with socket.create_connection((host, port), timeout=5) as half:
        half.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        assert _closed_within(half, 5) < 4
    with socket.create_connection((host, port), timeout=5) as drip:
        drip.sendall(b"GET / HTTP/1.1\r\n")
        assert _dripped_until_closed(drip, 4) < 2.5  # the 1 s deadline, not each read
    short = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nASK"
    with socket.create_connection((host, port), timeout=5) as body:
        body.sendall(short)
        assert _closed_within(body, 5) < 4
    assert get(limited, MAYOR)[0] == 200


def test_serve_refuses_a_foreign_host(limited: SparqlServer) -> None:
    port = limited.server_address[1]
    url = limited.url + "?" + urllib.parse.urlencode({"query": MAYOR})
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1:1", "localhost.evil:80"):
        status, _, body = http(url, None, {"Host": host})
        assert status == 403 and "Host" in body, host
    form = urllib.parse.urlencode({"query": MAYOR}).encode()
    assert http(limited.url, form, {"Host": "evil.example"})[0] == 403
    assert http(limited.url.removesuffix("sparql"), None, {"Host": "evil.example"})[0] == 403
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert http(url, None, {"Host": host})[0] == 200, host


@pytest.mark.slow
def test_serve_fast_query_answers_while_slow_ones_run(limited: SparqlServer) -> None:
    slow: list[tuple[int, dict[str, str], str]] = []
    threads = [threading.Thread(target=lambda: slow.append(get(limited, CROSS))) for _ in "ab"]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # both are slow queries by now
    started = time.monotonic()
    assert get(limited, MAYOR)[0] == 200
    assert time.monotonic() - started < 2
    third = get(limited, CROSS)  # a third slow query is stopped, not queued
    assert third[0] == 503 and "long queries are already running" in third[2]
    for thread in threads:
        thread.join(20)
    assert [status for status, _, _ in slow] == [503, 503]
    assert get(limited, MAYOR)[0] == 200


@pytest.mark.slow
def test_serve_memory_limit_stops_the_query(limited: SparqlServer) -> None:
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
    started = time.monotonic()
    status, _, body = get(limited, hungry)
    assert status == 503 and "memory limit of 200 MB" in body
    assert time.monotonic() - started < 8  # the memory limit, not the time limit
    for _ in range(3):
        assert get(limited, MAYOR)[0] == 200


def test_serve_result_size_limit(limited: SparqlServer) -> None:
    for query in ("SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"):
        status, _, body = get(limited, query)
        assert status == 413 and "larger than the limit of 0.02 MB" in body
        assert body.count("\n") == 1
    assert get(limited, MAYOR)[0] == 200


def test_serve_reports_a_changed_graph(example_build: Path, tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    shutil.copyfile(example_build / "graph.ttl", graph)
    with serving(graph, workers=1, timeout=10.0) as served:
        assert get(served, MAYOR)[0] == 200
        rebuilt = tmp_path / "graph.new"
        shutil.copyfile(example_build / "graph.ttl", rebuilt)
        os.replace(rebuilt, graph)  # how a build commits its files
        status, _, body = get(served, MAYOR)
        assert status == 503 and "changed since kg serve started" in body


def test_serve_cli_passes_the_limits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import kg.serve.server
    from kg.cli import app
    from kg.errors import KgError
    from kg.serve.endpoint import Limits

    seen: dict[str, object] = {}

    def fake(graph: Path, **options: object) -> SparqlServer:
        seen.update(options)
        raise KgError("stop here", 2)

    monkeypatch.setattr(kg.serve.server, "make_server", fake)
    args = ["serve", str(tmp_path), "--timeout", "5", "--memory-mb", "300"]
    result = CliRunner().invoke(app, [*args, "--max-result-mb", "2"])
    assert result.exit_code == 2 and "stop here" in result.output
    assert seen["limits"] == Limits(timeout=5.0, memory_mb=300.0, max_result_mb=2.0)
    refused = CliRunner().invoke(app, ["serve", str(tmp_path), "--memory-mb", "0"])
    assert refused.exit_code == 2


def test_serve_refuses_a_service_hidden_between_comments_in_a_form_post(
    server: SparqlServer,
) -> None:
    """A cross-origin form POST with a SERVICE hidden from a lexer: 403, no connection made."""
    listener = __import__("socket").create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    quote = '"' * 3
    service = f"SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }}"
    query = f"SELECT * WHERE {{\n# {quote}\n{service}\n# {quote}\n}}"
    form = urllib.parse.urlencode({"query": query}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = http(server.url, data=form, headers=headers)
    with listener, pytest.raises(TimeoutError):
        listener.accept()  # nothing came
    assert status == 403 and "SERVICE" in body
