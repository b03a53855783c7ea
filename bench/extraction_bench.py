"""Extraction speed on CoNLL04 sentences: kg's pipeline against the bare spaCy model.

The issue's target: kg's extraction takes at most 1.5 times as long as the bare
model's ``nlp.pipe`` over the same texts, model loading excluded. Both pipelines are
loaded first; then bare and kg runs alternate (``--runs`` each) and the medians are
compared, all in one process and one run of this script::

    python -m bench.extraction_bench ../shared/data/conll04/dev.json --runs 3

``--without NAME`` removes one of kg's components first, to see what it costs.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kg.config import MODEL_PACKAGE
from kg.evaluation.conll04 import load_sentences

TARGET_RATIO = 1.5


def timed(run: Callable[[], object]) -> float:
    """Seconds one call of ``run`` takes."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a CoNLL04 JSON file")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--without", action="append", default=[], help="a kg component to remove (repeatable)"
    )
    args = parser.parse_args()

    from kg.nlp import build_pipeline

    texts = [" ".join(s["tokens"]) for s in load_sentences(args.data)]
    bare = importlib.import_module(MODEL_PACKAGE).load()
    kg = build_pipeline()
    for name in args.without:
        kg.remove_pipe(name)
    words = sum(len(t.split()) for t in texts)
    bare_times, kg_times = [], []
    for _ in range(args.runs):
        bare_times.append(timed(lambda: list(bare.pipe(texts, batch_size=args.batch_size))))
        kg_times.append(timed(lambda: list(kg.pipe(texts, batch_size=args.batch_size))))
    bare_s, kg_s = statistics.median(bare_times), statistics.median(kg_times)
    ratio = kg_s / bare_s
    print(f"{len(texts)} sentences, {words:,} words, median of {args.runs} runs each")
    print(f"bare nlp.pipe   {bare_s:7.2f} s  {words / bare_s:8,.0f} words/s")
    print(f"kg pipeline     {kg_s:7.2f} s  {words / kg_s:8,.0f} words/s")
    verdict = "met" if ratio <= TARGET_RATIO else "missed"
    print(f"ratio kg / bare {ratio:7.2f}  (target at most {TARGET_RATIO}: {verdict})")


if __name__ == "__main__":
    main()
