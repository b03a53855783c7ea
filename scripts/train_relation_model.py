"""Train kg's relation classifier on the CoNLL04 train split (CPU, about a minute).

Reproducible: fixed seeds, fixed epochs, the config below. Writes the spaCy pipeline
to kg/nlp/models/conll04_rel/ and prints dev scores on gold entity pairs.

    python scripts/train_relation_model.py ../shared/data/conll04/train.json \
        ../shared/data/conll04/dev.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.training import Example
from spacy.util import fix_random_seed

from kg.config import MODEL_PACKAGE
from kg.evaluation.conll04 import entity_char_spans
from kg.nlp.conll04_labels import MODEL_TYPE_OF_CONLL
from kg.nlp.relation_model import (
    LABELS,
    SIGNATURES,
    candidates,
    default_model_path,
    pair_text,
)
from kg.nlp.textcat_training import blank_classifier, train_epochs

CONLL_TYPES = MODEL_TYPE_OF_CONLL
EPOCHS = 12
SEED = 13


def labelled_pairs(parser, sentences):
    """(classifier text, gold label) for every typed pair of gold entities."""
    texts = [" ".join(s["tokens"]) for s in sentences]
    for doc, sentence in zip(parser.pipe(texts, batch_size=64), sentences, strict=True):
        spans, index = [], {}
        for n, (start, end, kind) in enumerate(entity_char_spans(sentence)):
            if kind not in CONLL_TYPES:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            spans.append((span.start, span.end, CONLL_TYPES[kind]))
            index[(span.start, span.end)] = n
        gold = {(r["head"], r["tail"]): r["type"] for r in sentence["relations"]}
        for cand in candidates(spans, lambda i: 0):
            key = (index[cand.head], index[cand.tail])
            label = gold.get(key, "NONE")
            yield pair_text(doc, cand), label if label == cand.label else "NONE"


def train(train_pairs, dev_pairs, out: Path) -> None:
    def report(epoch: int, losses: dict[str, float], nlp) -> None:
        print(f"epoch {epoch:2d}  loss {losses['textcat']:.2f}  dev {_dev_f1(nlp, dev_pairs)}")

    nlp = _fit(train_pairs, report)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)


def _cats(label: str) -> dict[str, float]:
    return {name: float(name == label) for name in LABELS}


def _dev_f1(nlp, pairs, threshold: float = 0.5) -> str:
    tp = fp = fn = 0
    for doc, (_, label) in zip(nlp.pipe(t for t, _ in pairs), pairs, strict=True):
        best = max(doc.cats, key=doc.cats.get)
        predicted = best if best != "NONE" and doc.cats[best] >= threshold else "NONE"
        if predicted != "NONE" and predicted == label:
            tp += 1
        else:
            fp += predicted != "NONE"
            fn += label != "NONE"
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"


def cross_validate(train_pairs, folds: int = 5) -> None:
    """Pair-level P/R/F1 at several thresholds, by k-fold over the train split only."""
    thresholds = (0.3, 0.4, 0.5, 0.6, 0.7)
    scored: list[tuple[dict[str, float], str]] = []
    for k in range(folds):
        # contiguous blocks, so that a sentence's pairs stay (nearly always) in one fold
        fold_of = [n * folds // len(train_pairs) for n in range(len(train_pairs))]
        held = [p for p, f in zip(train_pairs, fold_of, strict=True) if f == k]
        rest = [p for p, f in zip(train_pairs, fold_of, strict=True) if f != k]
        nlp = _fit(rest)
        scored += [
            (doc.cats, label)
            for doc, (_, label) in zip(nlp.pipe(t for t, _ in held), held, strict=True)
        ]
    for threshold in thresholds:
        tp = fp = fn = 0
        for cats, label in scored:
            best = max((c for c in cats if c != "NONE"), key=cats.get)
            predicted = best if cats[best] >= threshold else "NONE"
            tp += predicted != "NONE" and predicted == label
            fp += predicted != "NONE" and predicted != label
            fn += label != "NONE" and predicted != label
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"threshold {threshold:.1f}  P {p:.3f} R {r:.3f} F1 {f1:.3f}")


def _fit(pairs, report: Callable[[int, dict[str, float], Any], None] | None = None):
    """The classifier trained on (text, label) pairs: fixed seed, ``EPOCHS`` epochs."""
    fix_random_seed(SEED)
    nlp = blank_classifier(LABELS)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": _cats(label)}) for text, label in pairs
    ]
    return train_epochs(nlp, examples, EPOCHS, random.Random(SEED), report)


def main() -> None:
    parser_args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser_args.add_argument("train", type=Path)
    parser_args.add_argument("dev", type=Path)
    parser_args.add_argument("--out", type=Path, default=default_model_path())
    parser_args.add_argument(
        "--cv", action="store_true", help="only print k-fold threshold scores on the train split"
    )
    args = parser_args.parse_args()
    parser = importlib.import_module(MODEL_PACKAGE).load(exclude=["ner"])
    train_pairs = list(labelled_pairs(parser, json.loads(args.train.read_text())))
    dev_pairs = list(labelled_pairs(parser, json.loads(args.dev.read_text())))
    print(
        f"{len(train_pairs)} training pairs, {len(dev_pairs)} dev pairs, "
        f"signatures {sorted(SIGNATURES.values())}"
    )
    if args.cv:
        cross_validate(train_pairs)
        return
    train(train_pairs, dev_pairs, args.out)
    print(f"saved to {args.out}")


if __name__ == "__main__":
    main()
