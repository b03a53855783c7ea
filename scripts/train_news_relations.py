"""Train kg's news relation classifier by weak supervision (CPU, 2 cores: ~10 minutes).

kg's pipeline runs over a corpus of articles (JSON Lines: ``id``, ``text``); kg's
rules label the typed pairs of named entities of each sentence
(:mod:`kg.nlp.news_labels`); a spaCy bag-of-n-grams text classifier learns the
labels from a compact view of each pair (:func:`kg.nlp.news_pairs.pair_view`).
Articles whose id names a file of an ``--exclude`` folder (the gold evaluation set)
are left out. So that the model learns more than the rules' trigger words, the
trigger of a positive pair is hidden in ``--mask-rate`` of them; ``--hold-out``
keeps the positives of one rule family (a rule name prefix) out of training and
reports how many of them the model still finds.

Reproducible: fixed seeds, the corpus order, the config below. Writes the spaCy
pipeline to kg/nlp/models/news_rel/ and prints the scores on a validation tenth of
the articles (by a hash of their id) against the weak labels::

    python scripts/train_news_relations.py ../shared/data/bbc/bbc_news.jsonl \
        --exclude ../shared/gold/dev
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import srsly
from spacy.training import Example
from spacy.util import fix_random_seed

from kg.nlp.news_labels import weak_labels
from kg.nlp.news_pairs import LABELS, NONE, news_pairs, pair_view, token_table, view_doc
from kg.nlp.news_relation_model import default_model_path
from kg.nlp.sentences import sentence_starts
from kg.nlp.textcat_training import blank_classifier, train_epochs

SEED = 13
EPOCHS = 8
NEGATIVES_PER_POSITIVE = 3.0
MASK_RATE = 0.3
VALIDATION_SHARE = 10
"""One article in this many (by a CRC32 of its id) is kept for validation."""
TRAINING_FILE = "training.json"


def read_corpus(path: Path, excluded: set[str], limit: int | None) -> tuple[list[dict], int]:
    """The articles of a JSON Lines corpus in file order, without the excluded ids."""
    if not path.is_file():
        sys.exit(f"error: no corpus file at {path}")
    articles, skipped = [], 0
    for n, line in enumerate(path.read_text("utf-8").splitlines()):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            article = {"id": str(record["id"]), "text": str(record["text"])}
        except (ValueError, KeyError, TypeError):
            sys.exit(f"error: {path}:{n + 1} is not an article (JSON with id and text)")
        if article["id"] in excluded:
            skipped += 1
            continue
        articles.append(article)
        if limit is not None and len(articles) >= limit:
            break
    return articles, skipped


def excluded_ids(folders: list[Path]) -> set[str]:
    """The ids named by the files of the ``--exclude`` folders (``bbc_business_083.gold.json``)."""
    ids = set()
    for folder in folders:
        if not folder.is_dir():
            sys.exit(f"error: --exclude {folder} is not a folder")
        ids |= {p.name.split(".")[0] for p in folder.iterdir() if p.name.endswith(".gold.json")}
    return ids


def check_excluded(path: Path, folders: list[Path], ids: set[str]) -> int:
    """How many excluded ids the corpus holds; says so if a gold text differs from it."""
    found = 0
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("id") not in ids:
            continue
        found += 1
        for folder in folders:
            txt = folder / f"{record['id']}.txt"
            if txt.is_file() and txt.read_text("utf-8").strip() != record["text"].strip():
                print(f"warning: {txt.name} differs from the corpus article {record['id']}")
    return found


def labelled_records(nlp, articles: list[dict]) -> Iterator[dict]:
    """Every pair the rules label (abstentions counted, not kept), article by article."""
    pairs_in = ((a["text"], a["id"]) for a in articles)
    for doc, doc_id in nlp.pipe(pairs_in, as_tuples=True, batch_size=16):
        starts = sentence_starts(doc)
        pairs = news_pairs(doc, doc._.kg_clusters, starts)
        table = token_table(doc)
        for pair, weak in zip(pairs, weak_labels(doc, pairs, starts), strict=True):
            record = {"doc": doc_id, "label": weak.label, "reason": weak.reason}
            if weak.label is not None:
                record["text"] = pair_view(doc, pair, table=table)
                if weak.label != NONE:
                    record["masked"] = pair_view(doc, pair, weak.triggers, table)
            yield record


def split(records: list[dict], hold_out: str | None, negatives_per_positive: float, seed: int):
    """(train, validation, held-out family) lists of labelled records."""
    rng = random.Random(seed)
    labelled = [r for r in records if r["label"] is not None]
    positives = [r for r in labelled if r["label"] != NONE]
    quiet = [r for r in labelled if r["reason"] == "quiet"]
    rng.shuffle(quiet)
    keep = int(negatives_per_positive * len(positives))
    sampled = {id(r) for r in quiet[:keep]}
    chosen = [r for r in labelled if r["reason"] != "quiet" or id(r) in sampled]
    train, valid, held = [], [], []
    for record in chosen:
        if hold_out and record["label"] != NONE and record["reason"].startswith(hold_out):
            held.append(record)
        elif zlib.crc32(record["doc"].encode("utf-8")) % VALIDATION_SHARE == 0:
            valid.append(record)
        else:
            train.append(record)
    return train, valid, held


def fit(train: list[dict], mask_rate: float, epochs: int, seed: int, report=None):
    """The classifier trained on the records (a positive's trigger hidden at ``mask_rate``)."""
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = blank_classifier(LABELS)
    examples = []
    for record in train:
        masked = "masked" in record and rng.random() < mask_rate
        text = record["masked"] if masked else record["text"]
        cats = {name: float(name == record["label"]) for name in LABELS}
        examples.append(Example.from_dict(view_doc(nlp.vocab, text), {"cats": cats}))
    on_epoch = None if report is None else lambda e, losses, n: report(e, losses["textcat"], n)
    return train_epochs(nlp, examples, epochs, rng, on_epoch)


def predict(nlp, records: list[dict], threshold: float) -> list[str]:
    """The label the classifier gives each record's text (``NONE`` below ``threshold``)."""
    out = []
    for doc in nlp.pipe(view_doc(nlp.vocab, r["text"]) for r in records):
        best = max((c for c in doc.cats if c != NONE), key=lambda c: (doc.cats[c], c))
        out.append(best if doc.cats[best] >= threshold else NONE)
    return out


def scores(nlp, records: list[dict], threshold: float = 0.5) -> dict[str, float]:
    """Micro precision, recall and F1 over the non-``NONE`` labels."""
    tp = fp = fn = 0
    for record, guess in zip(records, predict(nlp, records, threshold), strict=True):
        gold = record["label"]
        tp += guess != NONE and guess == gold
        fp += guess != NONE and guess != gold
        fn += gold != NONE and guess != gold
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / max(p + r, 1e-9), 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSON Lines articles (id, text)")
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a folder of .gold.json files whose ids to leave out (repeatable)",
    )
    parser.add_argument("--out", type=Path, default=default_model_path())
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--mask-rate", type=float, default=MASK_RATE)
    parser.add_argument(
        "--negatives",
        type=float,
        default=NEGATIVES_PER_POSITIVE,
        help="quiet-sentence negatives kept per positive",
    )
    parser.add_argument(
        "--hold-out",
        default=None,
        help="a rule name prefix whose positives are kept out of training",
    )
    parser.add_argument(
        "--pairs",
        type=Path,
        default=None,
        help="a JSON Lines file of labelled pairs: read if it exists, else written",
    )
    parser.add_argument("--model", default=None, help="the spaCy model package (kg's default)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    records = _records(args)
    reasons = Counter(r["reason"] if r["label"] is None else f"{r['label']}" for r in records)
    print(f"{len(records)} candidate pairs; labels, abstentions: {dict(sorted(reasons.items()))}")
    train, valid, held = split(records, args.hold_out, args.negatives, SEED)
    print(
        f"train {len(train)}  validation {len(valid)}  held-out family {len(held)}  "
        f"train labels {dict(sorted(Counter(r['label'] for r in train).items()))}"
    )

    def report(epoch: int, loss: float, nlp) -> None:
        print(f"epoch {epoch:2d}  loss {loss:.2f}  validation {scores(nlp, valid)}")

    nlp = fit(train, args.mask_rate, args.epochs, SEED, report)
    summary = {
        "validation": scores(nlp, valid),
        "train_pairs": len(train),
        "labels": dict(sorted(Counter(r["label"] for r in train).items())),
        "mask_rate": args.mask_rate,
        "epochs": args.epochs,
        "seed": SEED,
    }
    if held:
        found = Counter(
            guess == r["label"] for r, guess in zip(held, predict(nlp, held, 0.5), strict=True)
        )
        summary["held_out_recall"] = round(found[True] / len(held), 3)
        print(
            f"held-out family {args.hold_out!r}: recall {summary['held_out_recall']} "
            f"({found[True]}/{len(held)})"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out, exclude=["vocab"])  # hashed features: no word of the corpus shipped
    srsly.write_json(args.out / TRAINING_FILE, summary)
    print(f"saved to {args.out} in {time.perf_counter() - started:.0f} s")


def _records(args) -> list[dict]:
    if args.pairs is not None and args.pairs.is_file():
        return list(srsly.read_jsonl(args.pairs))
    from kg.nlp import build_pipeline

    ids = excluded_ids(args.exclude)
    articles, skipped = read_corpus(args.corpus, ids, args.limit)
    if args.exclude:
        held = check_excluded(args.corpus, args.exclude, ids)
        print(
            f"excluded {skipped} articles of {len(ids)} evaluation ids "
            f"({held} of them in the corpus)"
        )
    nlp = build_pipeline(args.model) if args.model else build_pipeline()
    for name in ("kg_relation_model", "kg_news_relation_model"):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)  # labels come from rules, never from a model
    records = list(labelled_records(nlp, articles))
    if args.pairs is not None:
        srsly.write_jsonl(args.pairs, records)
    return records


if __name__ == "__main__":
    main()
