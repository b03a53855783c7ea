"""Fine-tune the spaCy model's NER on CoNLL04 train, rehearsing on news (CPU, minutes).

Only the ``ner`` component is updated (in en_core_web_sm it has its own embedding,
so tagger and parser are untouched). Two kinds of training sentences are mixed:

- CoNLL04 train: gold people, organisations and places become PERSON, ORG and GPE
  (or the model's own place label when it agrees on the span); the model's own
  predictions of its other labels (dates, numbers, nationalities...) are kept so it
  does not forget them; CoNLL04 "Other" spans it does not predict are left
  unannotated (missing, not "outside").
- Rehearsal: sentences of real news articles (a JSON Lines corpus such as the BBC
  one) labelled by the untouched model itself, so that the tuned model keeps what it
  did on news. Articles listed with ``--exclude`` (the gold dev articles) are skipped.

Fixed seeds, sentence choice and epochs: the same command writes the same weights.

    python scripts/train_ner.py ../shared/data/conll04/train.json \\
        --rehearse ../shared/data/bbc/bbc_news.jsonl --exclude ../shared/gold/dev
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.training import Example, offsets_to_biluo_tags
from spacy.util import fix_random_seed, minibatch

from kg.config import MODEL_PACKAGE
from kg.evaluation.conll04 import entity_char_spans
from kg.nlp import shipped_model_path
from kg.nlp.conll04_labels import NER_LABEL_OF_CONLL

CORE = NER_LABEL_OF_CONLL
PLACE_LABELS = {"GPE", "LOC", "FAC"}
EPOCHS = 8
SEED = 7
REHEARSAL_SENTENCES = 5000
EVERY_NTH_ARTICLE = 3


def conll_examples(nlp: Language, sentences: list[dict]) -> list[Example]:
    """Training examples: gold entities plus the model's own other labels."""
    out = []
    texts = [" ".join(s["tokens"]) for s in sentences]
    for predicted, sentence in zip(nlp.pipe(texts, batch_size=64), sentences, strict=True):
        gold = entity_char_spans(sentence)
        own = {(e.start_char, e.end_char): e.label_ for e in predicted.ents}
        spans, missing = [], []
        for start, end, kind in gold:
            if kind in CORE:
                label = own.get((start, end))
                spans.append(
                    (start, end, label if kind == "Loc" and label in PLACE_LABELS else CORE[kind])
                )
            elif (start, end) in own:
                spans.append((start, end, own[(start, end)]))
            else:
                missing.append((start, end))
        for e in predicted.ents:
            if e.label_ in CORE.values() or e.label_ in PLACE_LABELS:
                continue
            if all(e.end_char <= s or e.start_char >= t for s, t, _ in gold):
                spans.append((e.start_char, e.end_char, e.label_))
        example = _example(nlp, predicted.text, spans, missing)
        if example is not None:
            out.append(example)
    return out


def _example(nlp: Language, text: str, spans, missing=()) -> Example | None:
    doc = nlp.make_doc(text)
    try:
        tags = offsets_to_biluo_tags(doc, sorted(spans))
    except ValueError:
        return None  # overlapping spans: leave the sentence out
    for start, end in missing:
        for token in doc.char_span(start, end, alignment_mode="expand") or []:
            if tags[token.i] == "O":
                tags[token.i] = "-"
    return Example.from_dict(doc, {"entities": tags})  # "-": unannotated, not "outside"


def news_sentences(corpus: Path, excluded: set[str]) -> Iterator[str]:
    """Every sentence-sized line of every ``EVERY_NTH_ARTICLE``-th article, in corpus order."""
    with corpus.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            record = json.loads(line)
            if n % EVERY_NTH_ARTICLE or record["id"] in excluded:
                continue
            for paragraph in record["text"].split("\n"):
                if len(paragraph.split()) >= 6:
                    yield paragraph.strip()


def rehearsal_examples(nlp: Language, corpus: Path, excluded: set[str]) -> list[Example]:
    """News sentences labelled by the untouched model (only those with an entity)."""
    out: list[Example] = []
    for doc in nlp.pipe(news_sentences(corpus, excluded), batch_size=64):
        for sent in doc.sents:
            ents = [
                (e.start_char - sent.start_char, e.end_char - sent.start_char, e.label_)
                for e in sent.ents
            ]
            if not ents:
                continue
            example = _example(nlp, sent.text, ents)
            if example is not None:
                out.append(example)
            if len(out) >= REHEARSAL_SENTENCES:
                return out
    return out


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("train", type=Path)
    args.add_argument("--rehearse", type=Path, help="JSON Lines news corpus for rehearsal")
    args.add_argument("--exclude", type=Path, help="folder of gold articles to leave out")
    args.add_argument("--out", type=Path, default=shipped_model_path("ner_conll04"))
    opts = args.parse_args()
    fix_random_seed(SEED)
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    data = conll_examples(nlp, json.loads(opts.train.read_text()))
    print(f"{len(data)} CoNLL04 training sentences")
    if opts.rehearse:
        excluded = {p.stem for p in opts.exclude.glob("*.txt")} if opts.exclude else set()
        rehearsal = rehearsal_examples(nlp, opts.rehearse, excluded)
        print(f"{len(rehearsal)} rehearsal sentences from {opts.rehearse.name}")
        data += rehearsal
    rng = random.Random(SEED)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        for epoch in range(EPOCHS):
            rng.shuffle(data)
            losses: dict[str, float] = {}
            for batch in minibatch(data, size=16):
                nlp.update(batch, drop=0.3, sgd=optimizer, losses=losses)
            print(f"epoch {epoch + 1}  ner loss {losses['ner']:.1f}")
    opts.out.mkdir(parents=True, exist_ok=True)
    # without the vocab: the model's features are hashed, and the strings it saw
    # (news text) are not to be shipped
    nlp.get_pipe("ner").to_disk(opts.out, exclude=["vocab"])
    print(f"saved to {opts.out}")


if __name__ == "__main__":
    main()
