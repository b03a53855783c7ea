"""The ``kg_news_relation_model`` component: news relations learnt from kg's own rules.

A spaCy bag-of-n-grams text classifier (``scripts/train_news_relations.py``, trained
by weak supervision: kg's rules label the pairs of a news corpus, see
:mod:`kg.nlp.news_labels`) scores every typed pair of named entities of a sentence
(:mod:`kg.nlp.news_pairs`) for the role family, ``memberOf``, ``resignedFrom``,
``appointedBy``, ``basedIn`` and the four stances. A pair whose best label (of
those its types allow) scores at least ``threshold`` becomes a fact with rule
``model:news-rel`` and the score as confidence. The default, 0.3, is the best F1 of
0.3, 0.5 and 0.7 on one half of the gold dev articles (the other half confirms it).

How it joins the rules: a fact the rules found is never changed; the model adds no
fact between two entities the rules already relate in that sentence, nor one they
already state. Checks of sense veto the rest:

- types must fit the label (:data:`kg.nlp.news_pairs.SIGNATURES`, kg's types);
- nothing is said across a negated word ("X did not criticise Y");
- a national side is based nowhere ("a defeat for Wales in Hamilton" is a match);
- a role needs the organisation or country the sentence ties to the person: the
  two joined by a short dependency path (``max_role_path`` arcs) within one clause
  (not across a reported-speech or adverbial clause), the best scored
  one for that person in the sentence, and no post the rules found for the person
  there; the property is the title the rules saw the person hold in the sentence,
  else ``worksFor`` (an organisation only: no one simply works for a country).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path, minibatch

from kg.errors import KgError
from kg.nlp import shipped_model_path
from kg.nlp.extensions import register_extensions
from kg.nlp.news_labels import fact_label
from kg.nlp.news_pairs import (
    MAX_GAP,
    ROLE,
    NewsPair,
    dependency_path,
    news_pairs,
    pair_view,
    signature_labels,
    token_table,
    view_doc,
)
from kg.nlp.relations import RelationMention
from kg.nlp.sentences import sentence_starts

MODEL_NAME = "news_rel"
RULE = "model:news-rel"
THRESHOLD = 0.3
MAX_ROLE_PATH = 4
CLASSIFIER_DIR = "classifier"
CLAUSE_ARCS = frozenset({"ccomp", "advcl", "parataxis"})
"""Arcs into another clause: a role's person and body are never tied across them."""


def default_model_path() -> Path:
    """Where the committed weights live (``kg/nlp/models/news_rel``)."""
    return shipped_model_path(MODEL_NAME)


@Language.factory(
    "kg_news_relation_model",
    assigns=["doc._.kg_relations"],
    requires=["doc._.kg_clusters", "doc._.kg_relations", "doc._.kg_roles"],
    default_config={
        "threshold": THRESHOLD,
        "model_path": None,
        "max_gap": MAX_GAP,
        "max_role_path": MAX_ROLE_PATH,
    },
)
def make_news_relation_model(
    nlp: Language,
    name: str,
    threshold: float,
    model_path: str | None,
    max_gap: int,
    max_role_path: int,
) -> NewsRelationModel:
    """Create the ``kg_news_relation_model`` component.

    ``threshold``: the least score a pair needs to become a fact; ``model_path``:
    the classifier read by ``initialize`` (default: kg's own weights); ``max_gap``:
    the most tokens between a pair's names; ``max_role_path``: the most dependency
    arcs between a person and the organisation or country of a role.
    """
    register_extensions()
    return NewsRelationModel(
        None, threshold, model_path=model_path, max_gap=max_gap, max_role_path=max_role_path
    )


class NewsRelationModel:
    """Add the classifier's news facts to ``doc._.kg_relations``.

    The classifier comes from :meth:`initialize` (or :meth:`from_disk`); a model
    called uninitialised initialises itself.
    """

    def __init__(
        self,
        classifier: Any,
        threshold: float = THRESHOLD,
        *,
        model_path: str | None = None,
        max_gap: int = MAX_GAP,
        max_role_path: int = MAX_ROLE_PATH,
    ) -> None:
        self.classifier = classifier
        self.threshold = threshold
        self.model_path = model_path
        self.max_gap = max_gap
        self.max_role_path = max_role_path

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lexicon_path: str | Path | None = None,
    ) -> None:
        """Load the classifier from ``model_path`` (default: kg's shipped weights)."""
        path = Path(self.model_path) if self.model_path else default_model_path()
        if not (path / "config.cfg").is_file():
            raise KgError(f"no news relation model at {path} (kg_news_relation_model)", 2)
        self.classifier = spacy.load(path)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the classifier into the folder ``path``."""
        if self.classifier is None:
            self.initialize()
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.classifier.to_disk(folder / CLASSIFIER_DIR, exclude=["vocab"])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NewsRelationModel:
        """Load what :meth:`to_disk` saved."""
        self.classifier = spacy.load(ensure_path(path) / CLASSIFIER_DIR)
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Annotate Docs, scoring the pairs of ``batch_size`` Docs in one call."""
        if self.classifier is None:
            self.initialize()
        for batch in minibatch(docs, batch_size):
            work = [self._candidates(doc) for doc in batch]
            scores = iter(self.scores([view for _, views, _ in work for view in views]))
            for doc, (pairs, _, starts) in zip(batch, work, strict=True):
                if pairs:
                    best = [_best(pair, next(scores)) for pair in pairs]
                    found = list(doc._.kg_relations or [])
                    doc._.kg_relations = found + self.facts(doc, pairs, best, found, starts)
                yield doc

    def _candidates(self, doc: Doc) -> tuple[list[NewsPair], list[str], list[int]]:
        """The pairs of a Doc the rules leave unrelated in their sentence, their views and
        the Doc's sentence starts."""
        if doc._.kg_clusters is None:
            return [], [], []
        starts = sentence_starts(doc)
        related = _related(doc._.kg_relations or [], starts)
        pairs = [
            p
            for p in news_pairs(doc, doc._.kg_clusters, starts, self.max_gap)
            if (p.head_key, p.tail_key, p.sentence) not in related
        ]
        table = token_table(doc) if pairs else None
        return pairs, [pair_view(doc, p, table=table) for p in pairs], starts

    def scores(self, views: list[str]) -> list[dict[str, float]]:
        """The classifier's label scores for each view, in one batch."""
        if not views:
            return []
        textcat = self.classifier.get_pipe("textcat")
        vocab = self.classifier.vocab
        rows = textcat.predict([view_doc(vocab, view) for view in views])
        return [dict(zip(textcat.labels, map(float, row), strict=True)) for row in rows]

    def facts(
        self,
        doc: Doc,
        pairs: list[NewsPair],
        best: list[tuple[str, float]],
        found: list[RelationMention],
        starts: list[int],
    ) -> list[RelationMention]:
        """The facts of the pairs scored above the threshold that pass the vetoes."""
        related = _related(found, starts)
        known = {(r.subject, r.predicate, r.object) for r in found}
        posts = {(r.subject, starts[r.token]) for r in found if fact_label(r) == ROLE}
        titles = _titles(doc, coref=doc._.kg_clusters, starts=starts)
        ranked = sorted(range(len(pairs)), key=lambda n: (-best[n][1], n))
        added: list[RelationMention] = []
        for n in ranked:
            pair, (label, score) = pairs[n], best[n]
            if score < self.threshold:
                continue
            if (pair.head_key, pair.tail_key, pair.sentence) in related:
                continue  # the rules speak for these two here
            if _negated(doc, pair):
                continue  # "X did not criticise Y"
            prop, title = label, ""
            if label == ROLE:
                if (pair.head_key, pair.sentence) in posts or not self._tied(doc, pair):
                    continue
                prop, title = titles.get((pair.head_key, pair.sentence), ("", ""))
                if not prop:
                    if pair.tail_type != "ORG":
                        continue  # a country's post needs its title
                    prop = "worksFor"
                posts.add((pair.head_key, pair.sentence))  # one post a person a sentence
            if prop == "basedIn" and doc._.kg_clusters.clusters[pair.head_key].is_national_side:
                continue  # where a national side plays is a match, not its seat
            if (pair.head_key, prop, pair.tail_key) in known:
                continue
            known.add((pair.head_key, prop, pair.tail_key))
            token = min(pair.head[0], pair.tail[0])
            added.append(
                RelationMention(
                    pair.head_key, prop, pair.tail_key, token, RULE, round(score, 3), title
                )
            )
        return sorted(added, key=lambda r: (r.token, r.subject, r.predicate, r.object))

    def _tied(self, doc: Doc, pair: NewsPair) -> bool:
        """Whether the person and the body of a role are close in the parse, in one clause
        ("Ms Pike said Brightwater Air remained strong" ties Pike to no airline)."""
        head = doc[pair.head[0] : pair.head[1]].root
        tail = doc[pair.tail[0] : pair.tail[1]].root
        path = dependency_path(head, tail)
        if not path or len(path) - 1 > self.max_role_path:
            return False
        return not any(arc[1:] in CLAUSE_ARCS for arc in path if arc[:1] in "^v")


def _negated(doc: Doc, pair: NewsPair) -> bool:
    """Whether a word on the parse path between the two names is negated ("not", "never")."""
    head = doc[pair.head[0] : pair.head[1]].root
    tail = doc[pair.tail[0] : pair.tail[1]].root
    up_head, up_tail = [head, *head.ancestors], [tail, *tail.ancestors]
    on_tail = [t.i for t in up_tail]
    meet = next((n for n, t in enumerate(up_head) if t.i in on_tail), None)
    if meet is None:
        return False
    path = up_head[: meet + 1] + up_tail[: on_tail.index(up_head[meet].i)]
    return any(child.dep_ == "neg" for token in path for child in token.children)


def _related(found: list[RelationMention], starts: list[int]) -> set[tuple[str, str, int]]:
    """(subject, object, sentence) both ways of every fact found so far."""
    related = {(r.subject, r.object, starts[r.token]) for r in found}
    return related | {(o, s, n) for s, o, n in related}


def _best(pair: NewsPair, cats: dict[str, float]) -> tuple[str, float]:
    """The best label the pair's types allow, with its score."""
    allowed = signature_labels(pair.head_type, pair.tail_type)
    label = max(allowed, key=lambda name: (cats.get(name, 0.0), name))
    return label, float(cats.get(label, 0.0))


def _titles(doc: Doc, coref, starts: list[int]) -> dict[tuple[str, int], tuple[str, str]]:
    """(person, sentence) -> (role property, title label) of the titles the rules saw."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for role in doc._.kg_roles or []:
        if role.holder is None or role.property == "memberOf":
            continue
        holder = coref.cluster_at(*role.holder)
        if holder is not None:
            out.setdefault((holder.key, starts[role.title[0]]), (role.property, role.label))
    return out
