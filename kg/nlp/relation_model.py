"""The ``kg_relation_model`` component: a relation classifier trained on CoNLL04.

Rules are precise but miss many ways of saying where someone lives or works. This
component scores every pair of named entities of a sentence whose types fit a
relation (person-organisation: works for; organisation-place: based in;
person-place: lives in; place-place: located in; person-person: killed) with a
spaCy text classifier (bag of n-grams, trained on CPU in a minute, see
``scripts/train_relation_model.py``) over a compact view of the pair: the two
entities as type markers, the words between them, a little context and the
dependency path. A pair scored above ``threshold`` becomes a fact with rule
``model:conll04-rel`` and the score as confidence.

How rules and model are combined: a fact the rules found is kept whatever the
model says; the model only adds facts of its five properties, above its threshold,
and no "works for" or "lives in" where the rules already found a post between the
same two.
Three checks of sense veto the model: "killed by" needs a word of killing in the
sentence (the pattern file's ``kill-verbs`` and ``kill-nouns``), a country is
never located in another country, and a national side is based nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import ensure_path, minibatch

from kg.errors import KgError
from kg.nlp import shipped_model_path
from kg.nlp.conll04_labels import MODEL_SIGNATURES, PROPERTY_OF_LABEL
from kg.nlp.extensions import register_extensions
from kg.nlp.patterns import PATTERN_FILE, lexicon_words
from kg.nlp.relations import POST_SAYS_MORE, PROPERTY_TYPES, RelationMention
from kg.nlp.sentences import sentence_starts

MODEL_NAME = "conll04_rel"
RULE = "model:conll04-rel"
TYPE_OF_LABEL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SIGNATURES = MODEL_SIGNATURES
LABELS = ("NONE", *SIGNATURES.values())
MAX_GAP = 25
Triple = tuple[str, str, str]
"""A fact as ``(subject key, property, object key)``."""
KILL_LEXICONS = ("kill-verbs", "kill-nouns")
"""Pattern-file lexicons one of whose lemmas a sentence needs before the model may
say someone was killed."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An ordered pair of entity spans (token offsets) and their coarse types."""

    head: tuple[int, int]
    tail: tuple[int, int]
    head_type: str
    tail_type: str

    @property
    def label(self) -> str:
        return SIGNATURES[(self.head_type, self.tail_type)]


def candidates(
    spans: list[tuple[int, int, str]], sent_of, max_gap: int = MAX_GAP
) -> list[Candidate]:
    """Ordered pairs of spans in one sentence, near each other, typed for a relation.

    ``spans`` are ``(start, end, coarse type)``; ``sent_of(i)`` gives a token's
    sentence start; at most ``max_gap`` tokens lie between the two.
    """
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for span in spans:  # each span is paired with its own sentence's only: no all-pairs scan
        by_sentence.setdefault(sent_of(span[0]), []).append(span)
    found = []
    for h in spans:
        for t in by_sentence[sent_of(h[0])]:
            if h is t or (h[2], t[2]) not in SIGNATURES:
                continue
            gap = max(h[0], t[0]) - min(h[1], t[1])
            if 0 <= gap <= max_gap:
                found.append(Candidate((h[0], h[1]), (t[0], t[1]), h[2], t[2]))
    return found


def _path(doc: Doc, a: Token, b: Token) -> list[str]:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return []
    left = up_a[: up_a.index(common)]
    right = up_b[: up_b.index(common)]
    return (
        [f"^{t.dep_}" for t in left]
        + [common.lemma_.lower()]
        + [f"v{t.dep_}" for t in reversed(right)]
    )


def pair_text(doc: Doc, cand: Candidate) -> str:
    """The classifier's view of a pair: markers, words between, context, path.

    The head is written as ``H-<TYPE>`` and the tail as ``T-<TYPE>``.
    """
    first, second = sorted([(cand.head, "H-" + cand.head_type), (cand.tail, "T-" + cand.tail_type)])
    between = [t.lower_ for t in doc[first[0][1] : second[0][0]]]
    before = [t.lower_ for t in doc[max(0, first[0][0] - 2) : first[0][0]]]
    after = [t.lower_ for t in doc[second[0][1] : second[0][1] + 2]]
    gap = len(between)
    bucket = "d0" if gap == 0 else "d1" if gap <= 2 else "d2" if gap <= 5 else "d3"
    path = _path(doc, doc[cand.head[1] - 1], doc[cand.tail[1] - 1])
    return " ".join(
        ["<", *before, first[1], *between, second[1], *after, ">", bucket, "path", *path]
    )


def entity_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Named entities of a processed Doc with coarse types."""
    return [
        (e.start, e.end, TYPE_OF_LABEL[e.label_]) for e in doc.ents if e.label_ in TYPE_OF_LABEL
    ]


def default_model_path() -> Path:
    """Where the committed weights live."""
    return shipped_model_path(MODEL_NAME)


@Language.factory(
    "kg_relation_model",
    assigns=["doc._.kg_relations"],
    requires=["doc._.kg_clusters", "doc._.kg_relations"],
    default_config={"threshold": 0.5, "model_path": None, "max_gap": MAX_GAP},
)
def make_relation_model(
    nlp: Language, name: str, threshold: float, model_path: str | None, max_gap: int
) -> RelationModel:
    """Create the ``kg_relation_model`` component.

    ``threshold``: the least score a pair needs to become a fact; ``model_path``:
    the classifier read by ``initialize`` (default: kg's own weights); ``max_gap``:
    the most tokens between the two entities of a pair.
    """
    register_extensions()
    return RelationModel(None, threshold, frozenset(), model_path=model_path, max_gap=max_gap)


CLASSIFIER_DIR = "classifier"
KILL_WORDS_FILE = "kill_words.json"


class RelationModel:
    """Add the classifier's facts to ``doc._.kg_relations``.

    The classifier and the kill words come from :meth:`initialize` (or
    :meth:`from_disk`); a model called uninitialised initialises itself.
    """

    def __init__(
        self,
        classifier: Language | None,
        threshold: float,
        kill_words: frozenset[str],
        *,
        model_path: str | None = None,
        max_gap: int = MAX_GAP,
    ) -> None:
        self.classifier = classifier
        self.threshold = threshold
        self.kill_words = kill_words
        self.model_path = model_path
        self.max_gap = max_gap

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lexicon_path: str | Path | None = None,
    ) -> None:
        """Load the classifier from ``model_path`` and the kill words from the pattern file.

        ``lexicon_path`` is a folder holding the pattern file (default: ``kg/nlp/data``).
        """
        path = Path(self.model_path) if self.model_path else default_model_path()
        patterns = Path(lexicon_path) / PATTERN_FILE if lexicon_path is not None else None
        if not path.is_dir():
            raise KgError(f"no relation model at {path} (kg_relation_model's model_path)", 2)
        self.classifier = spacy.load(path)
        self.kill_words = lexicon_words(*KILL_LEXICONS, path=patterns)

    @staticmethod
    def _reading(cand, coref, starts, killing, known) -> Triple | None:
        """The fact ``cand`` would state, ``(subject, property, object)``, or None when
        a check of sense rules it out whatever the classifier says."""
        head = coref.cluster_at(*cand.head) if coref else None
        tail = coref.cluster_at(*cand.tail) if coref else None
        if head is None or tail is None or head.key == tail.key:
            return None
        prop = PROPERTY_OF_LABEL[cand.label]
        if (head.type, tail.type) != PROPERTY_TYPES[prop]:
            return None  # kg's reading of an entity differs from the model's NER label
        if prop == "killedBy" and starts[cand.head[0]] not in killing:
            return None  # a killing is said in words, not guessed from two names
        if prop == "locatedIn" and head.is_country and tail.is_country:
            return None  # no country lies within another
        if prop == "basedIn" and head.is_national_side:
            return None  # where a national side plays is a match, not its seat
        fact = (tail.key, prop, head.key) if prop == "killedBy" else (head.key, prop, tail.key)
        return None if fact in known else fact

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the classifier and the kill words into the folder ``path``."""
        if self.classifier is None:
            self.initialize()
        assert self.classifier is not None
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.classifier.to_disk(folder / CLASSIFIER_DIR)
        srsly.write_json(folder / KILL_WORDS_FILE, sorted(self.kill_words))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationModel:
        """Load what :meth:`to_disk` saved."""
        folder = ensure_path(path)
        self.classifier = spacy.load(folder / CLASSIFIER_DIR)
        self.kill_words = frozenset(srsly.read_json(folder / KILL_WORDS_FILE))
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Annotate Docs, scoring the pairs of ``batch_size`` Docs in one classifier call."""
        if self.classifier is None:
            self.initialize()
        assert self.classifier is not None
        for batch in minibatch(docs, batch_size):
            work = [self._readings(doc) for doc in batch]
            texts = [
                pair_text(doc, c)
                for doc, (readings, _) in zip(batch, work, strict=True)
                for c, _ in readings
            ]
            scored = (view.cats for view in self.classifier.pipe(texts))
            for doc, (readings, known) in zip(batch, work, strict=True):
                found = list(doc._.kg_relations or [])
                for cand, fact in readings:
                    score = float(next(scored).get(cand.label, 0.0))
                    if score < self.threshold or fact in known:
                        continue
                    known.add(fact)
                    subject, prop, obj = fact
                    found.append(
                        RelationMention(subject, prop, obj, cand.head[0], RULE, round(score, 3))
                    )
                doc._.kg_relations = found
                yield doc

    def _readings(self, doc: Doc) -> tuple[list[tuple[Candidate, Triple]], set[Triple]]:
        """The candidate pairs of ``doc`` that pass the checks of sense, with the fact each
        would state, and the facts already known (the rules', and what a post says)."""
        found = doc._.kg_relations or []
        known = {(r.subject, r.predicate, r.object) for r in found}
        # a post the rules found already says more than "works for"
        known |= {
            (r.subject, prop, r.object)
            for r in found
            if r.rule.startswith("role:") and r.predicate not in POST_SAYS_MORE
            for prop in POST_SAYS_MORE
        }
        coref = doc._.kg_clusters
        starts = sentence_starts(doc)
        killing = {starts[t.i] for t in doc if t.lemma_.lower() in self.kill_words}
        cands = candidates(entity_spans(doc), starts.__getitem__, self.max_gap)
        # the checks of sense need no score: only the pairs that pass them are scored
        readings = [(c, self._reading(c, coref, starts, killing, known)) for c in cands]
        return [(c, fact) for c, fact in readings if fact is not None], known
