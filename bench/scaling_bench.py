"""Extraction time against article length: 10x the text must take at most ~10x the time.

One generated article of ``--sentences`` repeated sentences, then one ten times as
long, each through kg's pipeline once (the pipeline is loaded first, not timed)::

    python -m bench.scaling_bench --sentences 200
"""

from __future__ import annotations

import argparse
import time

SENTENCE = "Mayor Daniel Frost of Harbourside met Chief Anna Reyes of the Harbourside Police."
TARGET_RATIO = 12.0
"""10x the text at most ~10x the time: a little slack for noise and batching."""


def article(sentences: int) -> str:
    """One article of ``sentences`` copies of :data:`SENTENCE`."""
    return " ".join([SENTENCE] * sentences)


def seconds(nlp, text: str) -> float:
    """Seconds kg's pipeline takes over ``text``."""
    start = time.perf_counter()
    nlp(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200, help="sentences of the 1x text")
    args = parser.parse_args()

    from kg.nlp import build_pipeline

    nlp = build_pipeline()
    nlp.max_length = max(nlp.max_length, len(article(args.sentences * 10)) + 1)
    seconds(nlp, article(20))  # warm up
    small = seconds(nlp, article(args.sentences))
    large = seconds(nlp, article(args.sentences * 10))
    ratio = large / small
    print(f"{args.sentences:>6} sentences: {small:7.2f} s")
    print(f"{args.sentences * 10:>6} sentences: {large:7.2f} s")
    verdict = "ok" if ratio <= TARGET_RATIO else "TOO SLOW"
    print(f"10x the text takes {ratio:.1f}x the time ({verdict}, target <= {TARGET_RATIO:g}x)")


if __name__ == "__main__":
    main()
