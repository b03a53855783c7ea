"""Speed of the page's analysis on synthetic graphs: layout, communities, node sizes.

Not a test: run it by hand on a quiet machine (the tests check what the layout does,
this measures how long it takes)::

    python -m bench.layout_bench                       # 1,000, 4,000, 20,000 nodes
    python -m bench.layout_bench --sizes 4000 --runs 5

For each size it builds a synthetic corpus (:mod:`bench.synthetic`), its networkx
graph once (:func:`kg.analysis.network.to_networkx`, as a page does), and times
:func:`kg.analysis.layout.layout`, :func:`kg.analysis.network.communities` and
:func:`kg.analysis.network.node_importance` on it (median of ``--runs``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bench.synthetic import synthetic_corpus
from kg.analysis.layout import layout
from kg.analysis.network import communities, node_importance, to_networkx


def median_seconds(run: Callable[[], object], runs: int) -> float:
    """The median time of ``runs`` calls of ``run``, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(n_nodes: int, runs: int) -> dict[str, float]:
    """Seconds to build the graph and to lay out, group and size its nodes."""
    corpus = synthetic_corpus(n_nodes)
    graph = to_networkx(corpus)
    positions = layout(graph)
    if len(set(positions.values())) != graph.number_of_nodes():
        raise RuntimeError(f"{n_nodes} nodes: two nodes share a position")
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "graph_s": median_seconds(lambda: to_networkx(corpus), runs),
        "layout_s": median_seconds(lambda: layout(graph), runs),
        "communities_s": median_seconds(lambda: communities(graph), runs),
        "importance_s": median_seconds(lambda: node_importance(graph), runs),
    }


def table(rows: list[dict[str, float]]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| nodes | edges | graph | layout | communities | importance |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['graph_s']:.2f} s | {r['layout_s']:.2f} s"
            f" | {r['communities_s']:.2f} s | {r['importance_s']:.3f} s |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(table([measure(n, args.runs) for n in args.sizes]))


if __name__ == "__main__":
    main()
