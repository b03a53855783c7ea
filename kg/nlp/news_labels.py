"""Weak labels for news pairs: kg's rule components used as labelling functions.

The rules are not copied here: a Doc run through kg's pipeline carries their
output (``doc._.kg_relations``, ``doc._.kg_roles``) and each candidate pair of
:func:`kg.nlp.news_pairs.news_pairs` is labelled from it, so that a better rule set
gives better labels when the model is retrained. For an ordered pair of clusters in
one sentence:

- *positive*: the rules state one fact of a news label between the two, in that
  sentence, with at least ``min_confidence`` and not merely implied (``+implied-``);
- *negative* (``NONE``): the rules state the fact the other way round ("reverse"),
  or no rule fires anywhere in the sentence ("quiet") and the two names are not
  bound by a short construction ("Arsenal striker Jose Reyes": a word missing from
  the lexicons there is as likely as no relation, so such a pair abstains);
- *abstain* (label None): the rules disagree (two labels), are unsure (below
  ``min_confidence``, hedged, implied, a quote's tone), state a property outside the
  news labels, or fire in the sentence on other pairs (a pair they pass over there
  may be a fact they miss).

Facts of kg's learnt components (rule ``model:*``) are never labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.nlp.news_pairs import LABELS, NONE, ROLE, NewsPair, dependency_path
from kg.nlp.relations import RelationMention

MIN_CONFIDENCE = 0.65
"""The least confidence a rule's fact needs to be a positive label."""
UNSURE_RULES = ("quote:",)
CLOSE_ARCS = 2
"""A pair joined by at most this many dependency arcs is never a quiet negative."""
"""Rule families whose facts are never confident enough to label."""


@dataclass(frozen=True, slots=True)
class WeakLabel:
    """A pair's label (None: abstain), why, and the trigger tokens of the rule behind it."""

    label: str | None
    reason: str
    triggers: tuple[int, ...] = ()


def fact_label(rel: RelationMention) -> str | None:
    """The news label of a rule's fact (None for a property outside them).

    >>> fact_label(RelationMention("c1", "chairmanOf", "c2", 0, "role:apposition", 0.85))
    'role'
    >>> fact_label(RelationMention("c1", "livesIn", "c2", 0, "lives:of", 0.65)) is None
    True
    """
    post = rel.rule.startswith("role:") and rel.predicate != "memberOf"
    if post or rel.predicate == "worksFor":
        return ROLE
    return rel.predicate if rel.predicate in LABELS[1:] else None


def _unsure(rel: RelationMention, min_confidence: float) -> bool:
    return (
        rel.confidence < min_confidence
        or "+implied" in rel.rule
        or rel.rule.startswith(UNSURE_RULES)
    )


def rule_facts(doc: Doc) -> list[RelationMention]:
    """The facts of kg's rules in a processed Doc (not those of learnt models)."""
    return [r for r in doc._.kg_relations or [] if not r.rule.startswith("model:")]


def _triggers(doc: Doc, rel: RelationMention) -> tuple[int, ...]:
    """The words that made a rule fire: a role's whole title, else the fact's token."""
    for role in doc._.kg_roles or []:
        if role.title[0] == rel.token:
            return tuple(range(*role.title))
    return (rel.token,)


def weak_labels(
    doc: Doc,
    pairs: Iterable[NewsPair],
    starts: list[int],
    min_confidence: float = MIN_CONFIDENCE,
) -> list[WeakLabel]:
    """One :class:`WeakLabel` per pair, from the rules' output in ``doc``.

    ``starts`` is :func:`kg.nlp.sentences.sentence_starts` of ``doc``.
    """
    facts: dict[tuple[str, str, int], list[RelationMention]] = {}
    busy: set[int] = {starts[role.title[0]] for role in doc._.kg_roles or []}
    for rel in rule_facts(doc):
        sentence = starts[rel.token]
        busy.add(sentence)
        facts.setdefault((rel.subject, rel.object, sentence), []).append(rel)
    return [_label(doc, pair, facts, busy, min_confidence) for pair in pairs]


def _label(
    doc: Doc,
    pair: NewsPair,
    facts: dict[tuple[str, str, int], list[RelationMention]],
    busy: set[int],
    min_confidence: float,
) -> WeakLabel:
    stated = facts.get((pair.head_key, pair.tail_key, pair.sentence), [])
    if stated:
        labels = {fact_label(r) for r in stated}
        if None in labels:
            return WeakLabel(None, "other-property")
        if len(labels) > 1:
            return WeakLabel(None, "disagree")
        sure = [r for r in stated if not _unsure(r, min_confidence)]
        if not sure:
            return WeakLabel(None, "unsure")
        best = max(sure, key=lambda r: (r.confidence, r.rule))
        return WeakLabel(labels.pop(), best.rule, _triggers(doc, best))
    reverse = facts.get((pair.tail_key, pair.head_key, pair.sentence), [])
    if any(fact_label(r) is not None and not _unsure(r, min_confidence) for r in reverse):
        return WeakLabel(NONE, "reverse")
    if pair.sentence in busy:
        return WeakLabel(None, "busy-sentence")
    if _close(doc, pair):
        return WeakLabel(None, "close-pair")
    return WeakLabel(NONE, "quiet")


def _close(doc: Doc, pair: NewsPair) -> bool:
    """Whether two names are bound by a short construction, not a coordination.

    "Arsenal striker Jose Reyes", "Brazil's Pele": where no rule fires on such a pair,
    a word missing from kg's lexicons is as likely as no relation.
    """
    head = doc[pair.head[0] : pair.head[1]].root
    tail = doc[pair.tail[0] : pair.tail[1]].root
    path = dependency_path(head, tail)
    return 0 < len(path) - 1 <= CLOSE_ARCS and not any(arc.endswith("conj") for arc in path)
