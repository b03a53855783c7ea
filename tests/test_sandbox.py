"""Tests for kg.sandbox: query processes run with no network (issue #14 item 4).

CI runs as root on Linux, where confinement must succeed: these tests fail, not
skip, when it does not.
"""

from __future__ import annotations

import multiprocessing
import socket
import threading
from pathlib import Path

import pytest

from kg.sandbox import confine_network
from kg.sparql.guard import QueryError
from tests.listener import Listener

ONE_DOC = Path(__file__).parent / "data" / "eval_one_doc.ttl"


def _connect(port: int, confine: bool, results) -> None:
    """Child process: optionally confine, then try to reach the parent's socket."""
    confined = confine_network() if confine else False
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        outcome = "connected"
    except OSError as error:
        outcome = type(error).__name__
    results.put((confined, outcome))


def _in_child(port: int, confine: bool, method: str) -> tuple[bool, str]:
    context = multiprocessing.get_context(method)
    results = context.Queue()
    process = context.Process(target=_connect, args=(port, confine, results))
    process.start()
    answer = results.get(timeout=60)
    process.join(10)
    return answer


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_sandbox_confined_child_cannot_reach_the_parent(listener: Listener, method: str) -> None:
    confined, outcome = _in_child(listener.port, True, method)
    assert confined is True, "network confinement failed on this machine"
    assert outcome != "connected"
    assert listener.close() == 0


def test_sandbox_unconfined_child_reaches_the_parent(listener: Listener) -> None:
    """The control: without confinement the same connection succeeds."""
    assert _in_child(listener.port, False, "fork") == (False, "connected")
    assert listener.close() == 1


def _count_threads_then_confine(results) -> None:
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        results.put(confine_network())
    finally:
        stop.set()
        helper.join()


def test_sandbox_refuses_to_claim_a_threaded_process() -> None:
    """A namespace is entered by one thread only: with two, confinement is not claimed."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=_count_threads_then_confine, args=(results,))
    process.start()
    assert results.get(timeout=60) is False
    process.join(10)


def _service(port: int) -> str:
    return f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


def test_sandbox_bounded_query_child_has_no_network(listener: Listener, monkeypatch) -> None:
    """With the parse guard switched off, kg query's child still cannot reach the socket."""
    import kg.sparql.run as run
    from kg.sparql.bounded import bounded_query

    monkeypatch.setattr(run, "checked_form", lambda sparql: "SELECT")  # the child is forked
    with pytest.raises(QueryError, match="query failed"):
        bounded_query(ONE_DOC, _service(listener.port), timeout=60)
    assert listener.close() == 0


def test_sandbox_unguarded_query_in_process_does_reach_the_socket(
    listener: Listener, monkeypatch
) -> None:
    """The control for the test above: the same query, unconfined, connects."""
    import kg.sparql.run as run

    monkeypatch.setattr(run, "checked_form", lambda sparql: "SELECT")
    with pytest.raises(QueryError):
        run.query_path(ONE_DOC, _service(listener.port))
    assert listener.close() >= 1


def test_sandbox_serve_worker_has_no_network(listener: Listener) -> None:
    """kg serve's workers: a SERVICE that reaches the pool (past refusal()) fails offline."""
    from kg.serve.endpoint import Limits, QueryPool

    pool = QueryPool(ONE_DOC, workers=1, limits=Limits(timeout=30))
    try:
        reply = pool.run(_service(listener.port))
    finally:
        pool.close()
    assert reply.status == 400 and b"query failed" in reply.body
    assert listener.close() == 0
