"""Measure how often each rule group's facts are right and write kg's calibration table.

Builds the given articles with kg's pipeline minus ``kg_calibration`` (so facts keep
their raw confidences), scores the graph against the gold files and writes the
counts by rule group to ``kg/nlp/data/calibration.json`` (or ``--out``). Fit it on
the development half of the annotated articles only, and read the reliability table
of ``kg eval`` on the other half to see whether it holds.

    python scripts/calibrate.py ARTICLES_FOLDER GOLD_FOLDER [--out FILE]

The articles folder holds the ``.txt`` files the gold files name.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.build import build
from kg.evaluation.gold import evaluate
from kg.inputs.read import read_inputs
from kg.nlp import build_pipeline
from kg.nlp.calibration import Calibration, count_groups
from kg.nlp.lexicon import packaged_data_dir


def measure(articles: Path, gold: Path, prior_weight: float) -> Calibration:
    """Build ``articles`` with raw confidences and count right facts by rule group."""
    nlp = build_pipeline()
    nlp.remove_pipe("kg_calibration")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(nlp, read_inputs([str(articles)]).articles, out)
        report = evaluate(out, [gold])
    judged = [
        (rule, prop, j.confidence, j.correct)
        for j in report.total.judged
        for rule, prop in [(j.rules[0] if j.rules else "?", j.property)]
    ]
    return Calibration(count_groups(judged), prior_weight)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="folder of the articles' .txt files")
    parser.add_argument("gold", type=Path, help="folder of their .gold.json files")
    parser.add_argument("--out", type=Path, default=packaged_data_dir() / "calibration.json")
    parser.add_argument("--prior-weight", type=float, default=2.0)
    args = parser.parse_args()
    table = measure(args.articles, args.gold, args.prior_weight)
    args.out.write_text(table.to_json(), encoding="utf-8")
    for name, count in sorted(table.groups.items()):
        print(f"{name:50} {count.correct:3}/{count.facts:<3} factor {table.factor(name):.2f}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
