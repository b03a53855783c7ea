"""Benchmark of ``kg query`` on a graph file against bare pyoxigraph, side by side.

Not a test: run it by hand, on a quiet machine, and paste the table into README.md.

    .venv/bin/python -m bench.query_bench                    # builds the BBC corpus first
    .venv/bin/python -m bench.query_bench --source OUT/graph.nt --work /tmp/qb

The graph: the BBC corpus (``../shared/data/bbc/bbc_news.jsonl``) built with ``kg
build`` (or ``--source``, a built graph.nt), copied under new ids until it has about
``--triples`` triples: copy k renames every resource IRI (``kgr:...``) and blank node
with the suffix ``~k``, so the copies are disjoint graphs sharing the ontology and
the labels. Written as N-Triples into ``--work``.

The query (:data:`QUERY`): a two-hop join with a label filter: people who hold a
position (a sub-property of kg:holdsPositionIn) in an organisation whose label
contains ``--needle``, with each of their other facts.

Timed in one run, ``--runs`` times each, alternating, medians shown:

- *bare pyoxigraph*: ``Store()``, ``bulk_load`` of the file, ``store.query(q)`` with
  every solution's every value read.
- *kg query*: ``kg.sparql.bounded.bounded_query`` plus ``format_result(table)``, what
  ``kg query FILE --file q.rq`` runs after the interpreter has started: the child
  process, the guard, the bulk load, the query, the terms sent back, the table.
  ``query_path`` alone (the same in this process, no child, no table) is shown too.
- *old rdflib path* (for contrast, on a smaller graph, :func:`role_slice`: the
  ontology and every triple about the people holding a position and their
  organisations, about ``--rdflib-triples`` triples): ``kg.sparql.load.load_graph``
  then rdflib's ``prepareQuery`` and ``graph.query``, iterated; in a child process
  stopped after ``--rdflib-cap`` s. The pyoxigraph paths are timed on that graph too.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "bbc" / "bbc_news.jsonl"
TARGET_RATIO = 1.2
RESOURCE = "<https://kg-news.org/resource/"

QUERY = """PREFIX kg: <https://kg-news.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?name ?role ?organisation ?orgName ?property ?value WHERE {
  ?role rdfs:subPropertyOf+ kg:holdsPositionIn .
  ?person ?role ?organisation .
  ?organisation a kg:Organization ; rdfs:label ?orgName .
  FILTER(CONTAINS(LCASE(STR(?orgName)), "NEEDLE"))
  ?person rdfs:label ?name ; ?property ?value .
  FILTER(?property != ?role)
}"""


def query_text(needle: str) -> str:
    """:data:`QUERY` with its filter string (a plain word: letters, digits, spaces)."""
    if not re.fullmatch(r"[\w ]+", needle):
        raise SystemExit("--needle: letters, digits and spaces only")
    return QUERY.replace("NEEDLE", needle.lower())


def built_source(work: Path, data: Path) -> Path:
    """The BBC corpus built with ``kg build`` into ``work/bbc`` (kept for the next run)."""
    out = work / "bbc"
    if (out / "graph.nt").is_file():
        return out / "graph.nt"
    print(f"building {data} with kg build into {out} ...", file=sys.stderr)
    started = time.perf_counter()
    command = [sys.executable, "-m", "kg", "build", str(data), "-o", str(out), "-q"]
    subprocess.run(command, check=True, cwd=REPO)
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return out / "graph.nt"


def _renamed(term: str, suffix: str) -> str:
    """A resource IRI or blank node of copy ``suffix``; other terms as they are."""
    if term.startswith(RESOURCE):
        return term[:-1] + suffix + ">"
    if term.startswith("_:"):
        return term + suffix.replace("~", "x")
    return term


def scaled(source: Path, target: int, out: Path) -> tuple[Path, int]:
    """Write ``source`` (N-Triples) and renamed copies of its data until about ``target``
    lines; return the file and the number of copies."""
    lines = source.read_text(encoding="utf-8").splitlines()
    data = [line for line in lines if line.startswith((RESOURCE, "_:"))]
    copies = max(1, 1 + math.ceil((target - len(lines)) / max(len(data), 1)))
    with out.open("w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        for copy in range(1, copies):
            suffix = f"~{copy}"
            for line in data:
                subject, predicate, rest = line.split(" ", 2)
                obj = rest[:-2]  # "<object> ." -> "<object>"
                handle.write(f"{_renamed(subject, suffix)} {predicate} {_renamed(obj, suffix)} .\n")
    return out, copies


SUB_PROPERTY = "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>"
HOLDS_POSITION = "<https://kg-news.org/ontology#holdsPositionIn>"


def role_slice(source: Path, target: int, out: Path) -> Path:
    """A smaller graph the query still answers: the ontology (every triple whose
    subject is not a resource or blank node) and every triple about the people who
    hold a position and their organisations, taken in file order until about
    ``target`` triples."""
    ontology, about = [], {}
    for line in source.read_text(encoding="utf-8").splitlines():
        subject = line.split(" ", 1)[0]
        if subject.startswith((RESOURCE, "_:")):
            about.setdefault(subject, []).append(line)
        else:
            ontology.append(line)
    roles, grew = {HOLDS_POSITION}, True
    while grew:  # the sub-properties of kg:holdsPositionIn, transitively
        found = {
            line.split(" ", 1)[0]
            for line in ontology
            if f" {SUB_PROPERTY} " in line and line.split(" ")[2] in roles
        }
        grew = not found <= roles
        roles |= found
    kept, size = set(), len(ontology)
    for subject, lines in about.items():
        for line in lines:
            _, predicate, rest = line.split(" ", 2)
            if predicate not in roles or size >= target:
                continue
            for node in (subject, rest[:-2]):
                if node not in kept:
                    kept.add(node)
                    size += len(about.get(node, ()))
    chosen = ontology + [line for node in sorted(kept) for line in about.get(node, ())]
    out.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return out


def bare(path: Path, sparql: str) -> dict[str, float]:
    """Bare pyoxigraph: a Store, bulk_load, the query with every value read."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    loaded = time.perf_counter()
    answer = store.query(sparql)
    names = [variable.value for variable in answer.variables]
    rows = 0
    for solution in answer:
        for name in names:
            solution[name]
        rows += 1
    return _timing(started, loaded, time.perf_counter(), rows, len(store))


def kg_cli(path: Path, sparql: str) -> dict[str, float]:
    """What ``kg query FILE`` runs: bounded_query (child process) and the table."""
    from kg.sparql.bounded import bounded_query
    from kg.sparql.run import format_result

    started = time.perf_counter()
    result = bounded_query(path, sparql, timeout=3600, max_rows=10**9)
    format_result(result, "table")
    return {"total": time.perf_counter() - started, "rows": len(result.terms)}


def kg_in_process(path: Path, sparql: str) -> dict[str, float]:
    """kg.sparql.run.query_path in this process: guard, bulk load, query, rdflib terms."""
    from kg.sparql.run import query_path

    started = time.perf_counter()
    result = query_path(path, sparql)
    return {"total": time.perf_counter() - started, "rows": len(result.terms)}


def kg_command(path: Path, sparql: str) -> dict[str, float]:
    """``kg query FILE --file q.rq`` as a command: interpreter start and imports included."""
    query_file = path.with_name("query.rq")
    query_file.write_text(sparql, encoding="utf-8")
    command = [sys.executable, "-m", "kg", "query", str(path), "--file", str(query_file)]
    command += ["--timeout", "3600", "--max-rows", str(10**9)]
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    rows = re.search(r"\((\d+) rows?\)\s*$", done.stdout)
    return {"total": seconds, "rows": int(rows.group(1)) if rows else -1}


def old_rdflib(path: Path, sparql: str) -> dict[str, float]:
    """The path kg query took before: rdflib parses the file, rdflib answers."""
    from rdflib.plugins.sparql import prepareQuery

    from kg.sparql.load import load_graph

    started = time.perf_counter()
    graph = load_graph(path)
    loaded = time.perf_counter()
    namespaces = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    rows = sum(1 for _ in graph.query(prepareQuery(sparql, initNs=namespaces)))
    return _timing(started, loaded, time.perf_counter(), rows, len(graph))


PATHS: dict[str, tuple[Callable[[Path, str], dict[str, float]], str]] = {
    "bare": (bare, "bare pyoxigraph (Store + bulk_load + query)"),
    "kg": (kg_cli, "kg query (bounded_query + table)"),
    "in-process": (kg_in_process, "kg query_path, in process"),
    "command": (kg_command, "`kg query` command (+ interpreter, imports)"),
}
"""What is timed side by side: name -> (function, label in the table)."""


def _child(function: Callable, args: tuple, sender) -> None:
    sender.send(function(*args))
    sender.close()


def capped(function: Callable, args: tuple, cap: float) -> dict[str, float] | None:
    """``function(*args)`` in a child process; None if it runs past ``cap`` seconds."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(function, args, sender))
    process.start()
    sender.close()
    try:
        return receiver.recv() if receiver.poll(cap) else None
    finally:
        process.kill()
        process.join()


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each measure over ``runs`` (all of them with the same rows)."""
    if len({run["rows"] for run in runs}) != 1:
        raise SystemExit(f"runs disagree on the number of rows: {runs}")
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def side_by_side(path: Path, sparql: str, runs: int) -> dict[str, dict[str, float]]:
    """Bare pyoxigraph, kg query and query_path on ``path``, alternating, ``runs`` times."""
    path.read_bytes()  # warm the page cache for everyone alike
    found: dict[str, list[dict[str, float]]] = {name: [] for name in PATHS}
    for run in range(runs):
        order = [(name, function) for name, (function, _) in PATHS.items()]
        for name, function in order if run % 2 == 0 else order[::-1]:
            found[name].append(capped(function, (path, sparql), 3600) or {})
    result = {name: medians(values) for name, values in found.items()}
    rows = {value["rows"] for value in result.values()}
    if len(rows) != 1:
        raise SystemExit(f"the paths disagree on the number of rows: {result}")
    return result


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def table(
    big: Path,
    timed: dict[str, dict[str, float]],
    small: Path,
    timed_small: dict[str, dict[str, float]],
    rdflib: dict[str, float] | None,
    cap: float,
) -> str:
    """The markdown table of the results."""
    lines = [
        "| graph | triples | path | load (s) | query (s) | total (s) | rows | vs bare |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for path, results in ((big, timed), (small, timed_small)):
        base = results["bare"]
        for name, (_, label) in PATHS.items():
            value = results[name]
            lines.append(
                f"| {path.name} | {base['triples']:,.0f} | {label} | "
                f"{_seconds(value.get('load'))} | {_seconds(value.get('query'))} | "
                f"{value['total']:.2f} | {value['rows']:,.0f} | "
                f"{value['total'] / base['total']:.2f} |"
            )
    base = timed_small["bare"]
    if rdflib is None:
        lines.append(
            f"| {small.name} | {base['triples']:,.0f} | old rdflib path | — | — | "
            f"> {cap:g} (stopped) | — | > {cap / base['total']:.0f} |"
        )
    else:
        lines.append(
            f"| {small.name} | {rdflib['triples']:,.0f} | old rdflib path | "
            f"{rdflib['load']:.2f} | {rdflib['query']:.2f} | {rdflib['total']:.2f} | "
            f"{rdflib['rows']:,.0f} | {rdflib['total'] / base['total']:.1f} |"
        )
    return "\n".join(lines)


def _warm(sparql: str) -> None:
    """Import kg's query modules and run the guard once here, before the children fork:
    a program that queries pays them once (the command row shows the cold start)."""
    import pyoxigraph  # noqa: F401

    import kg.sparql.bounded  # noqa: F401
    import kg.sparql.memory  # noqa: F401
    from kg.sparql.guard import checked_form

    checked_form(sparql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a built graph.nt (default: build BBC)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="articles to build")
    parser.add_argument("--work", type=Path, help="folder for the build and the graphs")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the big graph")
    parser.add_argument("--rdflib-triples", type=int, default=10_000, help="the smaller graph")
    parser.add_argument("--rdflib-cap", type=float, default=600, help="seconds for rdflib")
    parser.add_argument("--needle", default="party", help="organisation label filter")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-query-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = args.source or built_source(work, args.data)
    big, copies = scaled(source, args.triples, work / "big.nt")
    small = role_slice(source, args.rdflib_triples, work / "small.nt")
    sparql = query_text(args.needle)
    _warm(sparql)
    timed = side_by_side(big, sparql, args.runs)
    timed_small = side_by_side(small, sparql, args.runs)
    rdflib = capped(old_rdflib, (small, sparql), args.rdflib_cap)

    import pyoxigraph
    import rdflib as rdflib_module

    print(
        f"Source: {source} ({copies} copies); needle {args.needle!r}; medians of "
        f"{args.runs} runs; Python {platform.python_version()}, pyoxigraph "
        f"{pyoxigraph.__version__}, rdflib {rdflib_module.__version__}, "
        f"{multiprocessing.cpu_count()} CPUs\n"
    )
    print(table(big, timed, small, timed_small, rdflib, args.rdflib_cap))
    ratio = timed["kg"]["total"] / timed["bare"]["total"]
    verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(
        f"\nkg query / bare pyoxigraph on {big.name}: {ratio:.2f} "
        f"(target <= {TARGET_RATIO}: {verdict})"
    )


def _timing(started: float, loaded: float, done: float, rows: int, triples: int) -> dict:
    """One measured run: load, query and total seconds, rows read, triples loaded."""
    return {
        "load": loaded - started,
        "query": done - loaded,
        "total": done - started,
        "rows": rows,
        "triples": triples,
    }


if __name__ == "__main__":
    main()
