"""CoNLL04 benchmark: run kg's extraction on the benchmark's sentences and score it.

Each sentence's tokens are joined by single spaces and run through the same
pipeline the builder uses; predicted entity mentions are mapped back to token
spans, ontology properties to the benchmark's relation labels, and both are
scored strictly (span and type must match; relations need both arguments'
spans and types), micro-averaged as SpERT and REBEL report.

Three conventions of the benchmark are mapped, all read off the train split: a
person's span takes in the titles CoNLL04 counts as part of names
(``TITLES_IN_SPAN``), a relation is only given the benchmark's label when its
arguments have that label's types (``SIGNATURES``: a post held in a country is no
Work_For, whose tail is an organisation), and membership of an organisation is
Work_For (4 of the 5 "member of" an organisation in train are).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.conll04_labels import CONLL_OF_TYPE, LABEL_OF_PROPERTY, SIGNATURES
from kg.nlp.lexicon import load_lexicon

ENTITY_TYPES = CONLL_OF_TYPE
RELATION_LABELS = LABEL_OF_PROPERTY
SWAPPED = frozenset({"killedBy"})
"""Properties whose subject is the benchmark's tail ("X killedBy Y" is Kill(Y, X))."""
NAME_KINDS = frozenset({"name", "surname", "title", "acronym"})
TITLES_IN_SPAN = frozenset({"President", "Mr.", "Mr", "Mrs.", "Ms.", "Gen.", "Rev."})
"""Words CoNLL04 counts as part of a person's span ("President Lincoln", "Mrs. Higgins").

kg keeps names without titles; these are the words that precede a name inside more
gold spans than outside on the CoNLL04 train split (President 43:17, Mr. 6:0, Mrs. 6:0,
Ms. 5:0, Mr 5:0, Gen. 3:0, Rev. 3:0; but Sen. 5:9, Gov. 1:7, Judge 0:9, Lt. 0:6,
Dr. 5:5), so the benchmark adds them to a predicted person's span.
"""


def relation_label(prop: str) -> str | None:
    """The CoNLL04 label of an ontology property, or None.

    >>> relation_label("commissionerOf"), relation_label("basedIn"), relation_label("praisedBy")
    ('Work_For', 'OrgBased_In', None)
    >>> relation_label("memberOf")
    'Work_For'
    """
    if prop in RELATION_LABELS:
        return RELATION_LABELS[prop]
    roles = {t.property for t in load_lexicon().titles.values()}
    return "Work_For" if prop in roles else None


def token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    """Character offsets of tokens joined by single spaces.

    >>> token_offsets(["New", "York", "."])
    [(0, 3), (4, 8), (9, 10)]
    """
    offsets, pos = [], 0
    for token in tokens:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    return offsets


def entity_char_spans(sentence: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Character offsets and types of a sentence's gold entities (tokens joined by spaces).

    >>> entity_char_spans({"tokens": ["In", "New", "York"],
    ...                    "entities": [{"type": "Loc", "start": 1, "end": 3}]})
    [(3, 11, 'Loc')]
    """
    offsets = token_offsets(sentence["tokens"])
    return [
        (offsets[e["start"]][0], offsets[e["end"] - 1][1], e["type"]) for e in sentence["entities"]
    ]


def _token_span(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    first = next((i for i, (s, e) in enumerate(offsets) if s <= start < e), None)
    last = next((i for i, (s, e) in enumerate(offsets) if s < end <= e), None)
    if first is None or last is None or offsets[first][0] != start:
        return None
    return first, last + 1


def predict_sentence(doc: Doc, tokens: list[str]) -> dict[str, Any]:
    """The benchmark-format prediction for one processed sentence."""
    offsets = token_offsets(tokens)
    coref = doc._.kg_clusters
    entities: list[dict[str, Any]] = []
    index: dict[tuple[int, int, str], int] = {}
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for key, cluster in sorted(coref.clusters.items()):
        label = ENTITY_TYPES.get(cluster.type)
        for start, end, kind in sorted(cluster.mentions):
            if kind not in NAME_KINDS or label is None:
                continue
            span = _token_span(offsets, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            if span is not None and label == "Peop":
                span = _with_title(tokens, span)
            if span is None or (*span, label) in index:
                continue
            index[(*span, label)] = len(entities)
            entities.append({"type": label, "start": span[0], "end": span[1]})
            spans_of.setdefault(key, []).append(span)
    relations = set()
    for rel in doc._.kg_relations or []:
        label = relation_label(rel.predicate)
        if label is None or rel.subject not in spans_of or rel.object not in spans_of:
            continue
        head, tail = (
            (rel.object, rel.subject) if rel.predicate in SWAPPED else (rel.subject, rel.object)
        )
        h = _nearest(spans_of[head], rel.token)
        t = _nearest(spans_of[tail], rel.token)
        types = ENTITY_TYPES[coref.clusters[head].type], ENTITY_TYPES[coref.clusters[tail].type]
        if types != SIGNATURES[label]:
            continue
        hi, ti = index[(*h, types[0])], index[(*t, types[1])]
        if hi != ti:
            relations.add((label, hi, ti))
    return {
        "tokens": tokens,
        "entities": entities,
        "relations": [{"type": t, "head": h, "tail": tl} for t, h, tl in sorted(relations)],
    }


def _with_title(tokens: list[str], span: tuple[int, int]) -> tuple[int, int]:
    """A person's token span with a title CoNLL04 counts as part of the name.

    >>> _with_title(["said", "President", "Lincoln"], (2, 3))
    (1, 3)
    >>> _with_title(["said", "Gov.", "Thompson"], (2, 3))
    (2, 3)
    """
    start, end = span
    return (start - 1, end) if start > 0 and tokens[start - 1] in TITLES_IN_SPAN else span


def _nearest(spans: list[tuple[int, int]], anchor: int) -> tuple[int, int]:
    return min(spans, key=lambda s: (abs(s[0] - anchor), s))


def predict(nlp: Language, sentences: list[dict[str, Any]], batch_size: int = 64):
    """Predictions for every sentence, in order."""
    texts = (" ".join(s["tokens"]) for s in sentences)
    return [
        predict_sentence(doc, s["tokens"])
        for doc, s in zip(nlp.pipe(texts, batch_size=batch_size), sentences, strict=True)
    ]


@dataclass
class PRF:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Strict micro scores, overall and per type."""

    entities: PRF = field(default_factory=PRF)
    relations: PRF = field(default_factory=PRF)
    entity_types: dict[str, PRF] = field(default_factory=dict)
    relation_types: dict[str, PRF] = field(default_factory=dict)


def _entity_set(sentence: dict[str, Any]) -> set[tuple[int, int, str]]:
    return {(e["start"], e["end"], e["type"]) for e in sentence["entities"]}


def _relation_set(sentence: dict[str, Any]) -> set[tuple]:
    ents = sentence["entities"]
    out = set()
    for r in sentence["relations"]:
        h, t = ents[r["head"]], ents[r["tail"]]
        out.add((r["type"], (h["start"], h["end"], h["type"]), (t["start"], t["end"], t["type"])))
    return out


def _count(total: PRF, per_type: dict[str, PRF], gold: set, pred: set, type_of) -> None:
    for item in pred:
        bucket = per_type.setdefault(type_of(item), PRF())
        if item in gold:
            total.tp += 1
            bucket.tp += 1
        else:
            total.fp += 1
            bucket.fp += 1
    for item in gold - pred:
        total.fn += 1
        per_type.setdefault(type_of(item), PRF()).fn += 1


def score(gold: Iterable[dict[str, Any]], predicted: Iterable[dict[str, Any]]) -> Scores:
    """Strict micro P/R/F1 of predictions against gold, sentence by sentence."""
    scores = Scores()
    for g, p in zip(gold, predicted, strict=True):
        _count(scores.entities, scores.entity_types, _entity_set(g), _entity_set(p), lambda e: e[2])
        _count(
            scores.relations,
            scores.relation_types,
            _relation_set(g),
            _relation_set(p),
            lambda r: r[0],
        )
    return scores


def format_scores(scores: Scores) -> str:
    """A table of the scores, overall first."""
    lines = [f"{'':16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]

    def row(name: str, prf: PRF) -> str:
        return (
            f"{name:16} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} "
            f"{prf.tp:5d} {prf.fp:5d} {prf.fn:5d}"
        )

    lines.append(row("entities", scores.entities))
    lines += [row(f"  {t}", prf) for t, prf in sorted(scores.entity_types.items())]
    lines.append(row("relations", scores.relations))
    lines += [row(f"  {t}", prf) for t, prf in sorted(scores.relation_types.items())]
    return "\n".join(lines)


def load_sentences(path: Path) -> list[dict[str, Any]]:
    """Read a CoNLL04 JSON file (a list of sentences)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(s, dict) and "tokens" in s for s in data):
        raise ValueError(f"{path}: not a CoNLL04 JSON list of sentences")
    return data


def type_counts(sentences: Iterable[dict[str, Any]]) -> Counter[str]:
    """How many gold relations of each type (for reports)."""
    return Counter(r["type"] for s in sentences for r in s["relations"])
