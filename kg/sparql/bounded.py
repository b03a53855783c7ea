"""Run a query in a child process with a deadline and no network (``kg query``).

A thread cannot be stopped, so the load and the query run in a child process that
is killed at the deadline. The child first gives up its network
(:func:`kg.sandbox.confine_network`), so even a query that slipped past the guard
could not reach another host.
"""

from __future__ import annotations

from pathlib import Path

from rdflib.term import Node

from kg.errors import KgError
from kg.sparql.guard import QueryError
from kg.sparql.run import QueryResult, query_path

DEFAULT_TIMEOUT = 60.0
"""Seconds a ``kg query`` may take, load included, unless told otherwise."""
DEFAULT_MAX_ROWS = 100_000
"""Rows a ``kg query`` answer may have, unless told otherwise."""


def bounded_query(
    path: str | Path,
    sparql: str,
    bindings: dict[str, str | Node] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> QueryResult:
    """Run :func:`~kg.sparql.run.query_path` in a child process, stopped after ``timeout`` s.

    More than ``max_rows`` rows is refused, as is a timeout, with a KgError (exit 4)
    that names its setting (``timeout``, ``max_rows``).
    """
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    args = (str(path), sparql, bindings, max_rows, sender)
    process = context.Process(target=_child_query, args=args, daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise KgError(f"the query ran past {timeout:g} s and was stopped", 4, setting="timeout")
        kind, value = receiver.recv()
    except EOFError:
        raise KgError("the query process ended without an answer (out of memory?)", 4) from None
    finally:
        process.kill()
        process.join()
        receiver.close()
    if kind == "ok":
        return value
    raise _rebuilt(*value)


def _child_query(path: str, sparql: str, bindings, max_rows: int, sender) -> None:
    """The child's side of :func:`bounded_query`: confine, answer, or send the error back."""
    from kg.sandbox import confine_network

    confine_network()
    try:
        sender.send(("ok", query_path(path, sparql, bindings, max_rows=max_rows)))
    except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it
        code = getattr(error, "exit_code", None)
        setting = getattr(error, "setting", None)
        sender.send(("error", (type(error).__name__, str(error), code, setting)))
    finally:
        sender.close()


def _rebuilt(name: str, message: str, code: int | None, setting: str | None) -> Exception:
    """The child's error as the parent raises it: same kind, same message."""
    kinds = {"QueryError": QueryError, "FileNotFoundError": FileNotFoundError}
    if code is not None:
        return KgError(message, code, setting=setting)
    if name in kinds:
        return kinds[name](message)
    return ValueError(message) if name.endswith("Error") else KgError(message, 1)
