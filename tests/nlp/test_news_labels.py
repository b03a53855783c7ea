"""kg.nlp.news_labels and news_pairs: kg's rules as labelling functions for news pairs."""

from __future__ import annotations

import pytest

from kg.nlp.news_labels import WeakLabel, fact_label, weak_labels
from kg.nlp.news_pairs import NONE, news_pairs, pair_view, signature_labels
from kg.nlp.relations import RelationMention
from kg.nlp.sentences import sentence_starts


def _labels(nlp, text: str) -> dict[tuple[str, str], WeakLabel]:
    doc = nlp(text)
    clusters = doc._.kg_clusters.clusters
    starts = sentence_starts(doc)
    pairs = news_pairs(doc, doc._.kg_clusters, starts)
    return {
        (clusters[p.head_key].label, clusters[p.tail_key].label): label
        for p, label in zip(pairs, weak_labels(doc, pairs, starts), strict=True)
    }


def test_news_labels_a_confident_rule_gives_a_positive_and_its_reverse_a_negative(nlp):
    labels = _labels(nlp, "Mark Doyle was criticised by Ann Hale on Tuesday.")
    assert labels[("Mark Doyle", "Ann Hale")].label == "criticisedBy"
    assert labels[("Mark Doyle", "Ann Hale")].reason.startswith("verb:criticise")
    assert labels[("Ann Hale", "Mark Doyle")] == WeakLabel(NONE, "reverse")


def test_news_labels_a_quiet_sentence_gives_negatives(nlp):
    labels = _labels(nlp, "Mark Doyle and Ann Hale had lunch with staff from Kestrel Bank.")
    assert labels and {w.label for w in labels.values()} == {NONE}
    assert {w.reason for w in labels.values()} == {"quiet"}


def test_news_labels_abstain_on_a_hedged_rule_and_beside_a_rule(nlp):
    labels = _labels(nlp, "Ann Hale reportedly criticised Mark Doyle.")
    assert labels[("Mark Doyle", "Ann Hale")] == WeakLabel(None, "unsure")
    assert labels[("Ann Hale", "Mark Doyle")] == WeakLabel(None, "busy-sentence")


def test_news_labels_abstain_on_a_close_pair_no_rule_explains(nlp):
    labels = _labels(nlp, "Millbrook Rovers fan Dan Webb cheered twice on Saturday.")
    assert labels[("Dan Webb", "Millbrook Rovers")] == WeakLabel(None, "close-pair")


def test_news_labels_a_role_is_a_positive_whose_trigger_is_the_title(nlp):
    doc = nlp("Ann Hale, the chairman of Brightwater Airlines, criticised Mark Doyle.")
    clusters = doc._.kg_clusters.clusters
    starts = sentence_starts(doc)
    pairs = news_pairs(doc, doc._.kg_clusters, starts)
    found = {
        (clusters[p.head_key].label, clusters[p.tail_key].label): (p, w)
        for p, w in zip(pairs, weak_labels(doc, pairs, starts), strict=True)
    }
    pair, weak = found[("Ann Hale", "Brightwater Airlines")]
    assert weak.label == "role" and [doc[i].text for i in weak.triggers] == ["chairman"]
    assert "chairman" in pair_view(doc, pair)
    assert "chairman" not in pair_view(doc, pair, weak.triggers)
    assert found[("Mark Doyle", "Ann Hale")][1].label == "criticisedBy"


def test_news_labels_disagreeing_rules_abstain(nlp, monkeypatch):
    doc = nlp("Mark Doyle had lunch on Monday with Ann Hale.")
    starts = sentence_starts(doc)
    pairs = news_pairs(doc, doc._.kg_clusters, starts)
    pair = next(p for p in pairs if doc[p.head[0]].text == "Mark")
    doc._.kg_relations = [
        RelationMention(pair.head_key, "praisedBy", pair.tail_key, 1, "verb:x", 0.85),
        RelationMention(pair.head_key, "criticisedBy", pair.tail_key, 1, "verb:y", 0.85),
    ]
    assert weak_labels(doc, [pair], starts) == [WeakLabel(None, "disagree")]
    doc._.kg_relations = [
        RelationMention(pair.head_key, "praisedBy", pair.tail_key, 1, "model:news-rel", 0.99)
    ]
    assert weak_labels(doc, [pair], starts)[0] == WeakLabel(NONE, "quiet")  # models never label


@pytest.mark.parametrize(
    ("predicate", "rule", "expected"),
    [
        ("chairmanOf", "role:apposition", "role"),
        ("worksFor", "works:at", "role"),
        ("memberOf", "role:post-in-party", "memberOf"),
        ("accusedBy", "verb:accuse-active", "accusedBy"),
        ("killedBy", "verb:kill-active", None),
    ],
)
def test_news_labels_fact_label(predicate, rule, expected):
    assert fact_label(RelationMention("c1", predicate, "c2", 0, rule, 0.9)) == expected


def test_news_pairs_keep_to_the_types_of_the_labels():
    assert signature_labels("ORG", "LOC") == ("basedIn",)
    assert signature_labels("PER", "CTRY") == ("role",)
    assert "criticisedBy" in signature_labels("ORG", "PER")
    assert signature_labels("PER", "LOC") == () and signature_labels("CTRY", "ORG") == ()
