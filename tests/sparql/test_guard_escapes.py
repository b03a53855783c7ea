"""Tests for kg.sparql.guard on the parsed query: no SERVICE or FROM gets through."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.serve.endpoint import refusal
from kg.sparql.guard import QueryError, checked_form
from kg.sparql.run import run_query, run_store_query
from tests.listener import Listener

Q3 = '"' * 3


def hidden_service(port: int) -> str:
    """A SERVICE clause between two comment lines holding a long-string quote."""
    return (
        f"SELECT * WHERE {{\n# {Q3}\nSERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}\n"
        f"# {Q3}\n}}"
    )


def hidden_from(port: int) -> str:
    return f"SELECT * \n# {Q3}\nFROM <http://127.0.0.1:{port}/g.ttl>\n# {Q3}\nWHERE {{ ?s ?p ?o }}"


def escaped_service(port: int) -> str:
    return f"SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"


BYPASSES = [hidden_service, hidden_from, escaped_service]


@pytest.mark.parametrize("make", BYPASSES)
def test_guard_refuses_a_hidden_service_or_from(make, listener: Listener) -> None:
    with pytest.raises(QueryError, match="SERVICE and FROM are refused"):
        checked_form(make(listener.port))


@pytest.mark.parametrize("make", BYPASSES)
def test_rdflib_query_never_reaches_the_network(make, listener: Listener) -> None:
    with pytest.raises(QueryError, match="SERVICE and FROM are refused"):
        run_query(Graph(), make(listener.port))
    listener.close()
    assert listener.hits == []


@pytest.mark.parametrize("make", BYPASSES)
def test_store_query_never_reaches_the_network(make, listener: Listener) -> None:
    with pytest.raises(QueryError, match="SERVICE and FROM are refused"):
        run_store_query(ox.Store(), make(listener.port))
    listener.close()
    assert listener.hits == []


@pytest.mark.parametrize("make", [hidden_service, escaped_service])
def test_serve_refuses_a_hidden_service(make, listener: Listener) -> None:
    reply = refusal(make(listener.port))
    assert reply is not None and reply.status == 403 and b"SERVICE" in reply.body


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT ?s WHERE {{ ?s ?p {Q3}SERVICE <urn:x> # FROM{Q3} }}",
        "SELECT ?from WHERE { ?from ?service ?o } # SERVICE <urn:x> { }",
        "PREFIX service: <urn:s#> SELECT * WHERE { ?s service:from ?o }",
    ],
)
def test_guard_lets_the_words_through_where_they_are_not_keywords(query: str) -> None:
    assert checked_form(query) == "SELECT"
    assert refusal(query) is None
