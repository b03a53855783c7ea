"""Measure how often each rule group's facts are right and write kg's calibration table.

Builds the given articles with kg's pipeline minus ``kg_calibration`` (so facts keep
their raw confidences), scores the graph against the gold files and writes the
counts by rule group to ``kg/nlp/data/calibration.json`` (or ``--out``). Fit it on
the development half of the annotated articles only, and read the reliability table
of ``kg eval`` on the other half to see whether it holds.

    python scripts/calibrate.py --articles A [A ...] --gold G [G ...] [--out FILE]
        [--judged JUDGED.jsonl --judged-corpus CORPUS.jsonl]

The articles (files or folders) are built together; the gold files (or folders of
them) name their documents. Gold files cover a few articles fully; ``--judged`` adds
facts judged one by one on articles without gold: each line of JUDGED names a
document of CORPUS (a JSON Lines corpus, by ``id``), a fact by its labels
(``subject``, ``predicate``, ``object``) and whether it is ``right``. Those articles
are built too, and each judged fact that the build states again counts with the
rule of its strongest evidence. kg's table is fit on the development half of the
gold dev articles, the repository's own annotated articles (``examples/`` and
``tests/data/articles/``) and ``scripts/data/judged_facts.jsonl`` (facts of 180
BBC articles outside the gold set, judged by reading their evidence sentences):

    python scripts/calibrate.py --articles EVEN_HALF examples tests/data/articles \
        --gold EVEN_HALF examples tests/data/articles \
        --judged scripts/data/judged_facts.jsonl \
        --judged-corpus ../shared/data/bbc/bbc_news.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from kg.build import build
from kg.evaluation.gold import evaluate
from kg.inputs.read import read_inputs
from kg.nlp import build_pipeline
from kg.nlp.calibration import Calibration, count_groups
from kg.nlp.lexicon import packaged_data_dir

Judgement = tuple[str, float, bool]
"""(rule of the fact's strongest evidence, its raw confidence, whether it is right)"""
FactKey = tuple[str, str, str, str]
"""(document id, subject label, property, object label)"""


def measure(
    articles: list[Path],
    gold: list[Path],
    prior_weight: float,
    judged: Path | None = None,
    judged_corpus: Path | None = None,
) -> Calibration:
    """Build ``articles`` with raw confidences and count right facts by rule group,
    adding the facts of ``judged`` found again in a build of their articles."""
    nlp = build_pipeline()
    nlp.remove_pipe("kg_calibration")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(nlp, read_inputs(map(str, articles)).articles, out, min_confidence=0.0)
        report = evaluate(out, gold)
    found: list[Judgement] = [
        (j.rules[0] if j.rules else "?", j.confidence, j.correct) for j in report.total.judged
    ]
    if judged is not None and judged_corpus is not None:
        found += judged_facts(nlp, read_verdicts(judged), judged_corpus)
    return Calibration(count_groups(found), prior_weight)


def read_verdicts(path: Path) -> dict[FactKey, bool]:
    """The judged facts of a JSON Lines file, by document and labels."""
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            key = (row["doc"], row["subject"], row["predicate"], row["object"])
            verdicts[key] = bool(row["right"])
    return verdicts


def judged_facts(nlp, verdicts: dict[FactKey, bool], corpus: Path) -> list[Judgement]:
    """Build the judged documents of ``corpus`` and pair each judged fact it states
    with the rule and raw confidence of its strongest evidence."""
    ids = {doc for doc, *_ in verdicts}
    articles = [a for a in read_inputs([str(corpus)]).articles if a.doc_id in ids]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(nlp, articles, out, min_confidence=0.0)
        records = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    strongest: dict[FactKey, tuple[float, str]] = {}
    for line in records:
        record = json.loads(line)
        label = {e["key"]: e["label"] for e in record["entities"]}
        for rel in record["relations"]:
            key = (record["doc_id"], label[rel["subject"]], rel["predicate"], label[rel["object"]])
            evidence = rel["evidence"]
            strongest[key] = max(
                strongest.get(key, (-1.0, "")), (evidence["confidence"], evidence["rule"])
            )
    return [
        (rule, confidence, verdicts[key])
        for key, (confidence, rule) in sorted(strongest.items())
        if key in verdicts
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, nargs="+", required=True, help="articles")
    parser.add_argument("--gold", type=Path, nargs="+", required=True, help="their gold files")
    parser.add_argument("--out", type=Path, default=packaged_data_dir() / "calibration.json")
    parser.add_argument("--prior-weight", type=float, default=2.0)
    parser.add_argument("--judged", type=Path, help="facts judged on articles without gold")
    parser.add_argument("--judged-corpus", type=Path, help="the JSON Lines corpus they are in")
    args = parser.parse_args()
    if (args.judged is None) != (args.judged_corpus is None):
        parser.error("--judged and --judged-corpus go together")
    table = measure(args.articles, args.gold, args.prior_weight, args.judged, args.judged_corpus)
    args.out.write_text(table.to_json(), encoding="utf-8")
    for name, count in sorted(table.groups.items()):
        print(f"{name:50} {count.correct:3}/{count.facts:<3} factor {table.factor(name):.2f}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
