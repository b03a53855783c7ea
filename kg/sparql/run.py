"""Run read-only SPARQL with pyoxigraph, and format the answer.

Every query runs on pyoxigraph: a build's on-disk store, a graph file bulk-loaded
into an in-memory store, or an rdflib graph copied into one. The guard
(:mod:`kg.sparql.guard`) decides on the parsed query first. Values for variables
are passed as ``bindings`` and written into ``VALUES`` blocks by pyoxigraph's own
term syntax (escaped), never pasted into the query text as given.

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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.rdf.prefixes import PREFIXES
from kg.rdf.prefixes import shorten as shorten_iri
from kg.sparql.guard import QueryError, blanked, checked_form, one_line, query_form

Format = TypingLiteral["table", "csv", "json"]
T = TypeVar("T")


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
    """Run a read-only query on an rdflib graph; ``bindings`` give variables their values.

    The graph is copied into an in-memory pyoxigraph store and queried there, as
    :func:`query_path` does: one engine for every query. A binding value in ``<...>``,
    a full IRI (``scheme://...``, ``urn:...``) or a ``prefix:local`` name with a known
    prefix becomes an IRI; anything else is a plain literal. Raises
    :class:`QueryError` for updates, remote data (SERVICE, FROM), syntax errors and
    unknown variables.
    """
    from kg.sparql.memory import graph_store

    form = checked_form(sparql)  # before the copy: a refused query costs nothing
    loaded = graph_store(graph)
    return _answer(loaded.store, sparql, form, bindings, prefixes=loaded.prefixes)


def query_path(
    path: str | Path,
    sparql: str,
    bindings: dict[str, str | Node] | None = None,
    *,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a read-only query on a build folder or graph file, with pyoxigraph.

    A build folder with an on-disk store (``OUTDIR/store``, see kg.sparql.store) is
    queried in the store, without loading anything into memory; otherwise the graph
    file (a folder's ``graph.ttl``) is bulk-loaded into an in-memory store
    (:func:`kg.sparql.memory.load_memory_store`).
    """
    from kg.sparql.memory import load_memory_store
    from kg.sparql.store import has_store, open_store

    form = checked_form(sparql)  # before the load: a refused query costs nothing
    if has_store(Path(path)):
        return _answer(open_store(Path(path)), sparql, form, bindings, max_rows=max_rows)
    loaded = load_memory_store(path)
    return _answer(
        loaded.store,
        sparql,
        form,
        bindings,
        prefixes=loaded.prefixes,
        union=loaded.union,
        max_rows=max_rows,
    )


def run_store_query(
    store,
    sparql: str,
    bindings: dict[str, str | Node] | None = None,
    *,
    prefixes: Mapping[str, str] = PREFIXES,
    union: bool = False,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a read-only query on a pyoxigraph store; see :func:`run_query` for the rules.

    ``prefixes`` may be used by the query without a ``PREFIX`` line and shorten IRIs
    in tables; ``union`` makes the default graph the union of the store's graphs.
    More than ``max_rows`` rows raise a KgError (exit 4, setting ``max_rows``).

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("A")))
    >>> run_store_query(store, "SELECT ?s WHERE { ?s ?p ?l }", {"l": "A"}).rows
    [('urn:a',)]
    """
    form = checked_form(sparql)
    return _answer(store, sparql, form, bindings, prefixes=prefixes, union=union, max_rows=max_rows)


def _answer(
    store,
    sparql: str,
    form: str,
    bindings: dict[str, str | Node] | None,
    *,
    prefixes: Mapping[str, str] = PREFIXES,
    union: bool = False,
    max_rows: int | None = None,
) -> QueryResult:
    """:func:`run_store_query` for a query the guard has passed (``form`` is its form)."""
    import pyoxigraph as ox

    from kg.sparql.store import to_oxigraph

    values = {
        _variable(name, sparql): to_oxigraph(_to_term(value, prefixes))
        for name, value in (bindings or {}).items()
    }
    try:
        answer = store.query(
            _with_values(sparql, values),
            prefixes=dict(prefixes),
            use_default_graph_as_union=union,
        )
    except SyntaxError as error:
        unknown = _unknown_prefixes(sparql, prefixes)
        if unknown and "Prefix not found" in str(error):
            names = ", ".join(f"{name}:" for name in unknown)
            raise QueryError(
                f"invalid SPARQL: unknown prefix {names} (declare it with PREFIX)"
            ) from None
        raise QueryError(f"invalid SPARQL: {one_line(error)}") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {one_line(error)}") from error
    table = tuple(sorted(prefixes.items()))
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ASK", ("ask",), ((Literal(bool(answer)),),), table)
        read = _term_reader()
        if isinstance(answer, ox.QueryTriples):
            found = _capped(answer, max_rows)
            triples = sorted(tuple(read(t) for t in triple) for triple in found)
            return QueryResult(form, ("subject", "predicate", "object"), tuple(triples), table)
        columns = tuple(v.value for v in answer.variables)
        found = _capped(answer, max_rows)
        indexes = range(len(columns))
        rows = tuple(tuple(read(row[i]) for i in indexes) for row in found)
    except (OSError, ValueError, RuntimeError) as error:  # evaluation is lazy
        raise QueryError(f"query failed: {one_line(error)}") from error
    return QueryResult("SELECT", columns, rows, table)


def _term_reader() -> Callable[[object], Node | None]:
    """:func:`kg.sparql.store.from_oxigraph` with a memory: a term that recurs in an
    answer (a role, an organisation, a label) becomes one rdflib object, converted,
    sent from a child process and shortened in a table once."""
    from kg.sparql.store import from_oxigraph

    seen: dict[object, Node | None] = {}

    def read(term: object) -> Node | None:
        found = seen.get(term, seen)
        if found is seen:
            found = seen[term] = from_oxigraph(term)
        return found  # type: ignore[return-value]

    return read


def _unknown_prefixes(sparql: str, prefixes: Mapping[str, str]) -> list[str]:
    """Prefixes the query uses but neither declares nor finds in ``prefixes``.

    >>> _unknown_prefixes("PREFIX a: <urn:a> SELECT * { ?s a:p nope:x, kg:y }", {"kg": "u"})
    ['nope']
    """
    code = blanked(sparql)
    declared = set(re.findall(r"PREFIX\s+([\w.-]*):", code, re.I)) | set(prefixes)
    used = re.findall(r"(?<![\w?$.:-])([A-Za-z](?:[\w.-]*\w)?)?:", code)
    return sorted({name for name in used if name not in declared})


def _capped(answer: Iterable[T], max_rows: int | None) -> list[T]:
    """The rows of ``answer``; a KgError as soon as there are more than ``max_rows``."""
    rows = list(answer if max_rows is None else islice(answer, max_rows + 1))
    if max_rows is not None and len(rows) > max_rows:
        message = f"the answer has more than {max_rows:,} rows, over the limit of {max_rows:,}"
        raise KgError(message, 4, setting="max_rows")
    return rows


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
    shown: dict[Node | None, str] = {}  # terms recur: shorten each once

    def cell(term: Node | None) -> str:
        text = shown.get(term)
        if text is None:
            text = shown[term] = _cut(shorten(term, result.prefixes), max_width)
        return text

    cells = [[cell(t) for t in row] for row in result.terms]
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
