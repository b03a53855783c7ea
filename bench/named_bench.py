"""Benchmark of the named queries (``kg query --named``) on synthetic builds.

Not a test: run it by hand, on a quiet machine.

    .venv/bin/python -m bench.named_bench                  # 500 and 2,000 entities
    .venv/bin/python -m bench.named_bench --sizes 5000 --repeat 1

For each size it builds a synthetic corpus (:mod:`bench.synthetic`, about two facts
per entity, one document in 25, each dated; stances are stored passively, so the
graph also holds their active-voice mirrors) as ``kg build`` writes it, and times
every named query on it twice: ``memory``, the rdflib graph copied into an in-memory
pyoxigraph store for each query (:func:`kg.sparql.run.run_query`, as ``kg query`` on a
graph file loads it), and ``store``, the on-disk pyoxigraph store of a large build.
Each is timed without parameters, and with a name parameter given in upper case (the
most connected person; names match in any case). A query with a required parameter
is only timed with it. Prints seconds (best of
``--repeat``) and the number of rows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.synthetic import synthetic_corpus
from kg.rdf.graph import add_corpus, build_graph
from kg.records import Corpus
from kg.sparql.named import named_queries, named_query, run_named
from kg.sparql.run import QueryResult, run_query, run_store_query
from kg.sparql.store import open_new_store

NAME_PARAM = {
    "roles": "person",
    "stances": "who",
    "quotes": "speaker",
    "neighbours": "name",
    "evidence": "subject",
    "timeline": "name",
}
"""The name parameter each query is timed with."""


def busiest_person(corpus: Corpus) -> str:
    """The label of the person in the most facts (ties: the first slug)."""
    counts: dict[str, int] = {}
    for fact in corpus.facts:
        for slug in (fact.subject, fact.object):
            counts[slug] = counts.get(slug, 0) + 1
    people = [n for n in corpus.nodes if n.type == "Person"]
    return max(people, key=lambda n: (counts.get(n.slug, 0), n.slug)).label


def dated(corpus: Corpus) -> Corpus:
    """The corpus with a publication date on every document (for ``timeline``)."""
    documents = tuple(
        replace(d, published=f"2022-01-{1 + i % 28:02d}T09:00:00")
        for i, d in enumerate(corpus.documents)
    )
    return replace(corpus, documents=documents)


def best_of(repeat: int, work: Callable[[], QueryResult]) -> tuple[float, int]:
    """The best time of ``repeat`` runs of ``work`` and its number of rows."""
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(work().rows)
        times.append(time.perf_counter() - started)
    return min(times), rows


def bench_size(size: int, repeat: int, folder: Path) -> list[str]:
    """One table row per named query and engine for a corpus of ``size`` entities."""
    corpus = dated(synthetic_corpus(size))
    graph = build_graph(corpus)
    with open_new_store(folder / f"store-{size}") as sink:
        add_corpus(sink, corpus)
    engines: dict[str, Callable[[str, dict[str, str]], QueryResult]] = {
        "memory": lambda text, bindings: run_query(graph, text, bindings),
        "store": lambda text, bindings: run_store_query(sink.store, text, bindings),
    }
    who = busiest_person(corpus).upper()
    lines = []
    for name in named_queries():
        query = named_query(name)
        required = any(p.required for p in query.params)
        for engine, run in engines.items():
            cells = [f"{size:>6,}", f"{name:<11}", f"{engine:<8}"]
            for params in ({}, {NAME_PARAM[name]: who}):
                if required and not params:
                    cells.append(f"{'-':>16}")
                    continue
                seconds, rows = best_of(repeat, lambda n=name, p=params, r=run: run_named(n, p, r))
                cells.append(f"{seconds:8.3f} s {rows:5}")
            lines.append("  ".join(cells))
    return [f"{size:,} entities, {len(corpus.facts):,} facts, {len(graph):,} triples", *lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'size':>6}  {'query':<11}  {'engine':<8}  {'no params':>16}  {'NAME (upper)':>16}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            for line in bench_size(size, args.repeat, Path(folder)):
                print(line, flush=True)


if __name__ == "__main__":
    main()
