"""Run read-only SPARQL on an rdflib graph or a pyoxigraph store, and format the answer.

Values for variables are passed as ``bindings`` (rdflib ``initBindings``), never
pasted into the query text.

>>> from kg.sparql.load import load_graph_text
>>> g = load_graph_text('<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .', "nt")
>>> print(format_result(run_query(g, "SELECT ?s ?l WHERE { ?s rdfs:label ?l }"), "csv"))
s,l
urn:a,A
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as TypingLiteral

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError
from kg.rdf.prefixes import PREFIXES
from kg.rdf.prefixes import shorten as shorten_iri
from kg.sparql.guard import (
    REMOTE_MESSAGE,
    QueryError,
    blanked,
    checked_form,
    one_line,
    query_form,
    refuse_update,
    remote_parts,
)
from kg.sparql.load import load_graph

Format = TypingLiteral["table", "csv", "json"]


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer to a query: column names and one tuple of terms per row.

    ``kind`` is the query form; ASK gives one column ``ask``, CONSTRUCT and DESCRIBE
    give the columns ``subject``, ``predicate``, ``object``. ``prefixes`` are the
    graph's (prefix, namespace) pairs, used to shorten IRIs in tables.
    """

    kind: str
    columns: tuple[str, ...]
    terms: tuple[tuple[Node | None, ...], ...]
    prefixes: tuple[tuple[str, str], ...] = ()

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The rows as strings (full IRIs, lexical forms, ``""`` when unbound)."""
        return [tuple("" if t is None else str(t) for t in row) for row in self.terms]

    def records(self) -> list[dict[str, str]]:
        """The rows as ``{column: value}`` dicts."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def run_query(
    graph: Graph, sparql: str, bindings: dict[str, str | Node] | None = None
) -> QueryResult:
    """Run a read-only query; ``bindings`` give variables their values.

    A binding value in ``<...>``, a full IRI (``scheme://...``, ``urn:...``) or a
    ``prefix:local`` name with a prefix of the graph becomes an IRI; anything else
    is a plain literal. Raises :class:`QueryError` for updates, remote data
    (SERVICE, FROM), syntax errors and unknown variables.
    """
    checked_form(sparql)
    prefixes = {p: str(ns) for p, ns in graph.namespaces()}
    try:
        from rdflib.plugins.sparql import prepareQuery

        prepared = prepareQuery(sparql, initNs=prefixes)
    except Exception as error:  # noqa: BLE001 - pyparsing and rdflib raise many types
        refuse_update(sparql)
        raise QueryError(f"invalid SPARQL: {one_line(error)}") from error
    if remote_parts(prepared.algebra):  # the very object rdflib evaluates
        raise QueryError(REMOTE_MESSAGE)
    init = {
        _variable(name, sparql): _to_term(value, prefixes)
        for name, value in (bindings or {}).items()
    }
    try:
        result = graph.query(prepared, initBindings=init)
    except Exception as error:  # noqa: BLE001
        raise QueryError(f"query failed: {one_line(error)}") from error
    return _to_result(result, tuple(sorted(prefixes.items())))


def query_path(
    path: str | Path, sparql: str, bindings: dict[str, str | Node] | None = None
) -> QueryResult:
    """Run a read-only query on a build folder or graph file.

    A build folder with an on-disk store (``OUTDIR/store``, see kg.sparql.store) is queried
    in the store, without loading anything into memory; otherwise the graph file
    is loaded with :func:`load_graph`.
    """
    from kg.sparql.store import has_store, open_store

    if has_store(Path(path)):
        return run_store_query(open_store(Path(path)), sparql, bindings)
    return run_query(load_graph(path), sparql, bindings)


def run_store_query(
    store, sparql: str, bindings: dict[str, str | Node] | None = None
) -> QueryResult:
    """Run a read-only query on a pyoxigraph store; same rules and result as run_query.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("A")))
    >>> run_store_query(store, "SELECT ?s WHERE { ?s ?p ?l }", {"l": "A"}).rows
    [('urn:a',)]
    """
    import pyoxigraph as ox

    from kg.sparql.store import from_oxigraph, to_oxigraph

    form = checked_form(sparql)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    values = {
        _variable(name, sparql): to_oxigraph(_to_term(value, PREFIXES))
        for name, value in (bindings or {}).items()
    }
    try:
        answer = store.query(prologue + _with_values(sparql, values))
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {one_line(error)}") from error
    except (OSError, ValueError) as error:
        raise QueryError(f"query failed: {one_line(error)}") from error
    prefixes = tuple(sorted(PREFIXES.items()))
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", ("ask",), ((Literal(bool(answer)),),), prefixes)
    if isinstance(answer, ox.QueryTriples):
        triples = sorted(tuple(from_oxigraph(t) for t in triple) for triple in answer)
        return QueryResult(form, ("subject", "predicate", "object"), tuple(triples), prefixes)
    columns = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(from_oxigraph(row[c]) for c in columns) for row in answer)
    return QueryResult("SELECT", columns, rows, prefixes)


def _with_values(sparql: str, values: dict[str, object]) -> str:
    """Bind variables as rdflib's initBindings do, for pyoxigraph.

    A ``VALUES`` block opens every group of the WHERE clause (SPARQL evaluates groups
    bottom-up, so a block at the top alone would not reach a FILTER in a nested
    group). The values are written in N-Triples syntax by pyoxigraph (escaped), so no
    value can change the query around them.

    >>> import pyoxigraph as ox
    >>> print(_with_values("SELECT * WHERE { { ?s ?p ?o } }", {"o": ox.Literal('a"}')}))
    SELECT * WHERE { VALUES (?o) { ("a\\"}") } { VALUES (?o) { ("a\\"}") } ?s ?p ?o } }
    """
    if not values:
        return sparql
    names, terms = zip(*sorted(values.items()), strict=True)
    variables = " ".join("?" + name for name in names)
    block = f" VALUES ({variables}) {{ ({' '.join(map(str, terms))}) }}"
    braces = _group_braces(sparql)
    if not braces:
        raise QueryError("cannot bind variables: the query has no WHERE group")
    for at in reversed(braces):
        sparql = sparql[: at + 1] + block + sparql[at + 1 :]
    return sparql


def _group_braces(sparql: str) -> list[int]:
    """Indexes of the ``{`` that open groups: not a CONSTRUCT template, not VALUES data.

    >>> _group_braces("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <> } ?s ?p ?o }")
    [29]
    """
    text = blanked(sparql)
    template = -1
    first = text.find("{")
    if query_form(sparql) == "CONSTRUCT" and not re.search(
        r"CONSTRUCT\s+WHERE\s*$", text[:first], re.I
    ):
        template = first
    found, depth, skip_to = [], 0, -1
    for index, char in enumerate(text):
        if index <= skip_to:
            continue
        if char == "{":
            if re.search(r"VALUES\s*(?:[?$]\w+|\([^()]*\))\s*$", text[:index], re.I):
                skip_to = text.find("}", index)
                continue
            if index == template:
                skip_to = _closing(text, index)
                continue
            found.append(index)
            depth += 1
        elif char == "}":
            depth -= 1
    return found


def _closing(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return len(text)


def _variable(name: str, sparql: str) -> str:
    name = name.lstrip("?$")
    if not re.search(rf"[?$]{re.escape(name)}\b", sparql):
        raise QueryError(f"unknown variable ?{name}: it does not occur in the query")
    return name


def _to_term(value: str | Node, prefixes: Mapping[str, str]) -> Node:
    """Turn a binding value into an RDF term.

    >>> _to_term("kg:Person", {"kg": "https://kg-news.org/ontology#"})
    rdflib.term.URIRef('https://kg-news.org/ontology#Person')
    >>> _to_term("Cressida Dick", {})
    rdflib.term.Literal('Cressida Dick')
    """
    if not isinstance(value, str):
        return value
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if re.fullmatch(r"[A-Za-z][\w+.-]*://\S+|urn:\S+", value):
        return URIRef(value)
    curie = re.fullmatch(r"([A-Za-z][\w.-]*)?:([^\s:]*)", value)
    if curie and (curie.group(1) or "") in prefixes:
        return URIRef(prefixes[curie.group(1) or ""] + curie.group(2))
    return Literal(value)


def _to_result(result: Result, prefixes: tuple[tuple[str, str], ...]) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ASK", ("ask",), ((Literal(bool(result.askAnswer)),),), prefixes)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(result.graph or ())  # type: ignore[arg-type]
        return QueryResult(
            result.type,
            ("subject", "predicate", "object"),
            tuple(tuple(t) for t in triples),
            prefixes,
        )
    columns = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(row) for row in result)  # type: ignore[arg-type]
    return QueryResult("SELECT", columns, rows, prefixes)


def shorten(term: Node | None, prefixes: tuple[tuple[str, str], ...]) -> str:
    """Write an IRI as ``prefix:local`` when a prefix covers it (:func:`kg.rdf.prefixes.shorten`).

    >>> shorten(URIRef("https://kg-news.org/ontology#mayorOf"), (("kg", PREFIXES["kg"]),))
    'kg:mayorOf'
    >>> shorten(Literal("Khan"), ()), shorten(None, ())
    ('Khan', '')
    """
    if term is None:
        return ""
    return shorten_iri(term, prefixes) if isinstance(term, URIRef) else str(term)


def format_result(result: QueryResult, fmt: Format = "table", max_width: int = 80) -> str:
    """Render a result as an aligned ``table``, ``csv`` or ``json`` (list of objects).

    Only the table shortens IRIs and cuts cells longer than ``max_width``.
    """
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return out.getvalue()
    if fmt == "json":
        if result.kind == "ASK":
            return json.dumps([{"ask": result.rows[0][0] == "true"}])
        records = [
            {c: (None if t is None else str(t)) for c, t in zip(result.columns, row, strict=True)}
            for row in result.terms
        ]
        return json.dumps(records, ensure_ascii=False, indent=2)
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}: use table, csv or json")
    cells = [[_cut(shorten(t, result.prefixes), max_width) for t in row] for row in result.terms]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(line.rstrip() for line in lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def bounded_query(
    path: str | Path,
    sparql: str,
    bindings: dict[str, str | Node] | None = None,
    *,
    timeout: float = 60.0,
    max_rows: int = 100_000,
) -> QueryResult:
    """Run :func:`query_path` in a child process, stopped after ``timeout`` seconds.

    A thread cannot be stopped, so the load and the query run in a process that is
    killed at the deadline. More than ``max_rows`` rows is refused, as is a timeout,
    with a KgError (exit 4) that names its setting (``timeout``, ``max_rows``).
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
    """The child's side of :func:`bounded_query`: answer, or send the error back."""
    try:
        result = query_path(path, sparql, bindings)
        if len(result.terms) > max_rows:
            message = f"the answer has {len(result.terms):,} rows, over the limit of {max_rows:,}"
            raise KgError(message, 4, setting="max_rows")
        sender.send(("ok", result))
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
