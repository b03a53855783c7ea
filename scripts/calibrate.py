"""Measure how often each rule group's facts are right and write kg's calibration table.

Builds the given articles with kg's pipeline minus ``kg_calibration`` (so facts keep
their raw confidences), scores the graph against the gold files and writes the
counts by rule group to ``kg/nlp/data/calibration.json`` (or ``--out``). Fit it on
the development half of the annotated articles only, and read the reliability table
of ``kg eval`` on the other half to see whether it holds.

    python scripts/calibrate.py --articles A [A ...] --gold G [G ...] [--out FILE]

The articles (files or folders) are built together; the gold files (or folders of
them) name their documents. kg's table is fit on the development half of the gold dev
articles plus the repository's own annotated articles (``examples/`` and
``tests/data/articles/``).
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


def measure(articles: list[Path], gold: list[Path], prior_weight: float) -> Calibration:
    """Build ``articles`` with raw confidences and count right facts by rule group."""
    nlp = build_pipeline()
    nlp.remove_pipe("kg_calibration")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(nlp, read_inputs(map(str, articles)).articles, out, min_confidence=0.0)
        report = evaluate(out, gold)
    judged = [
        (j.rules[0] if j.rules else "?", j.confidence, j.correct) for j in report.total.judged
    ]
    return Calibration(count_groups(judged), prior_weight)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, nargs="+", required=True, help="articles")
    parser.add_argument("--gold", type=Path, nargs="+", required=True, help="their gold files")
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
