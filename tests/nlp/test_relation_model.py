"""kg_relation_model: the CoNLL04-trained pair classifier and how it joins the rules."""

from __future__ import annotations

from types import SimpleNamespace

from kg.nlp.patterns import lexicon_words
from kg.nlp.relation_model import (
    KILL_LEXICONS,
    LABELS,
    RULE,
    Candidate,
    RelationModel,
    candidates,
    default_model_path,
    pair_text,
)


def test_relation_model_candidates_respect_types_and_sentences():
    spans = [(0, 2, "PER"), (3, 4, "ORG"), (5, 6, "LOC"), (40, 41, "LOC")]
    found = candidates(spans, lambda i: 0 if i < 30 else 30)
    pairs = {(c.head, c.tail) for c in found}
    assert ((0, 2), (3, 4)) in pairs  # person - organisation
    assert ((3, 4), (0, 2)) not in pairs  # no organisation - person signature
    assert not any(c.tail == (40, 41) for c in found if c.head[0] < 30)  # other sentence


def test_relation_model_pair_text_marks_head_and_tail(nlp):
    doc = nlp("Brian Michaud of Millinocket spoke .")
    text = pair_text(doc, Candidate((0, 2), (3, 4), "PER", "LOC"))
    assert text.split()[:6] == ["<", "H-PER", "of", "T-LOC", "spoke", "."]


def test_relation_model_weights_are_committed_and_small():
    path = default_model_path()
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert (path / "textcat" / "model").exists() and size < 20_000_000


def _facts(doc, rule=None):
    clusters = doc._.kg_clusters.clusters
    return {
        (clusters[r.subject].label, r.predicate, clusters[r.object].label)
        for r in doc._.kg_relations
        if rule is None or r.rule == rule
    }


def test_relation_model_adds_facts_the_rules_miss(nlp):
    doc = nlp(
        "Kevin O'Brien, who has long worked in public relations for General Motors, "
        "declined to comment."
    )
    assert ("Kevin O'Brien", "worksFor", "General Motors") in _facts(doc, RULE)
    assert all(0.0 < r.confidence <= 1.0 for r in doc._.kg_relations)


def test_relation_model_defers_to_a_post_the_rules_found(nlp):
    doc = nlp("IBM's chairman John Akers spoke in Armonk.")
    assert ("John Akers", "chairmanOf", "IBM") in _facts(doc)
    assert ("John Akers", "worksFor", "IBM") not in _facts(doc)


class _Sure:
    """A classifier that scores every candidate pair 0.99 for every label."""

    def pipe(self, texts):
        for _ in texts:
            yield SimpleNamespace(cats=dict.fromkeys(LABELS, 0.99))


def _model_facts(nlp, text):
    doc = nlp(text)
    doc._.kg_relations = []
    return _facts(RelationModel(_Sure(), 0.5, lexicon_words(*KILL_LEXICONS))(doc))


def test_relation_model_says_killed_by_only_with_a_word_of_killing(nlp):
    assert not any(
        p == "killedBy"
        for _, p, _ in _model_facts(nlp, "Tom Hardwick met Selma Okafor in Leeds on Tuesday.")
    )
    assert ("Selma Okafor", "killedBy", "Tom Hardwick") in _model_facts(
        nlp, "Tom Hardwick shot Selma Okafor in Leeds on Tuesday."
    )


def test_relation_model_puts_no_country_inside_another(nlp):
    facts = _model_facts(nlp, "Trade between France and Germany grew, officials in Munich said.")
    assert not any(
        s in {"France", "Germany"} and o in {"France", "Germany"}
        for s, p, o in facts
        if p == "locatedIn"
    )
    assert {("Munich", "locatedIn", "France"), ("Munich", "locatedIn", "Germany")} & facts


def test_relation_model_candidates_look_within_each_sentence_only():
    """Per-sentence work: spans of other sentences are never compared (no all-pairs scan)."""
    spans = [
        (i * 10 + k * 3, i * 10 + k * 3 + 1, "ORG" if k else "PER")
        for i in range(500)
        for k in range(2)
    ]
    looked = 0

    def sent_of(token: int) -> int:
        nonlocal looked
        looked += 1
        return token - token % 10

    found = candidates(spans, sent_of)
    assert len(found) == 500 and {c.head_type for c in found} == {"PER"}
    assert looked <= 3 * len(spans)  # all pairs: 2 * len(spans) ** 2
