"""kg_news_relation_model: the weakly supervised news classifier and how it joins the rules."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy
from spacy.vocab import Vocab

from kg.errors import KgError
from kg.nlp import register_components
from kg.nlp.news_pairs import LABELS, NONE, news_pairs, pair_view
from kg.nlp.news_relation_model import RULE, NewsRelationModel, default_model_path
from kg.nlp.sentences import sentence_starts

ARTICLE = Path(__file__).resolve().parents[2] / "tests" / "data" / "articles"


class _Fixed:
    """A classifier that gives every pair the same scores."""

    def __init__(self, **scores: float) -> None:
        self.vocab = Vocab()
        row = [scores.get(name, 0.0) for name in LABELS]
        self.textcat = SimpleNamespace(labels=LABELS, predict=lambda docs: [row for _ in docs])

    def get_pipe(self, name: str):
        assert name == "textcat"
        return self.textcat


def _facts(doc, rule=None) -> set[tuple[str, str, str]]:
    clusters = doc._.kg_clusters.clusters
    return {
        (clusters[r.subject].label, r.predicate, clusters[r.object].label)
        for r in doc._.kg_relations
        if rule is None or r.rule == rule
    }


def _rules_only(nlp, text: str):
    doc = nlp(text)
    doc._.kg_relations = [r for r in doc._.kg_relations if not r.rule.startswith("model:")]
    return doc


@pytest.fixture(scope="module")
def shipped() -> NewsRelationModel:
    model = NewsRelationModel(None)
    model.initialize()
    return model


def test_news_relation_model_weights_are_committed_and_small():
    path = default_model_path()
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert (path / "textcat" / "model").is_file() and size < 30_000_000


def test_news_relation_model_loads_the_shipped_weights_and_scores_a_fixture_pair(nlp, shipped):
    assert set(shipped.classifier.get_pipe("textcat").labels) == set(LABELS)
    text = (ARTICLE / "01_brightwater_airline.txt").read_text("utf-8")
    doc = _rules_only(nlp, text)
    starts = sentence_starts(doc)
    pairs = news_pairs(doc, doc._.kg_clusters, starts)
    assert pairs
    scored = shipped.scores([pair_view(doc, p) for p in pairs])
    assert len(scored) == len(pairs)
    assert all(set(s) == set(LABELS) and abs(sum(s.values()) - 1.0) < 1e-3 for s in scored)
    shipped(doc)
    added = [r for r in doc._.kg_relations if r.rule == RULE]
    assert all(shipped.threshold <= r.confidence <= 1.0 for r in added)


def test_news_relation_model_pipe_adds_what_one_call_at_a_time_adds(nlp, shipped):
    texts = [p.read_text("utf-8") for p in sorted(ARTICLE.glob("*.txt"))]

    def facts(docs):
        return [
            [(r.subject, r.predicate, r.object, r.confidence) for r in d._.kg_relations]
            for d in docs
        ]

    one = facts([shipped(_rules_only(nlp, t)) for t in texts])
    batched = facts(shipped.pipe([_rules_only(nlp, t) for t in texts], batch_size=3))
    assert one == batched and any(one)


def test_news_relation_model_respects_the_threshold(nlp):
    text = "Mark Doyle and Ann Hale had lunch with staff from Kestrel Bank."
    low = NewsRelationModel(_Fixed(praisedBy=0.6, NONE=0.4), threshold=0.5)
    high = NewsRelationModel(_Fixed(praisedBy=0.6, NONE=0.4), threshold=0.7)
    assert ("Mark Doyle", "praisedBy", "Ann Hale") in _facts(low(_rules_only(nlp, text)), RULE)
    assert not _facts(high(_rules_only(nlp, text)), RULE)


def test_news_relation_model_keeps_types_to_the_label(nlp):
    model = NewsRelationModel(_Fixed(basedIn=0.9, praisedBy=0.05, NONE=0.05), threshold=0.5)
    facts = _facts(model(_rules_only(nlp, "Kestrel Bank opened an office in Leeds.")), RULE)
    assert facts == {("Kestrel Bank", "basedIn", "Leeds")}
    people = _facts(model(_rules_only(nlp, "Mark Doyle met Ann Hale.")), RULE)
    assert not any(p == "basedIn" for _, p, _ in people)  # a person is not based in a place


def test_news_relation_model_never_overrides_or_doubles_a_rule(nlp):
    text = "Mark Doyle was criticised by Ann Hale on Tuesday."
    rules = _facts(_rules_only(nlp, text))
    model = NewsRelationModel(_Fixed(praisedBy=0.99), threshold=0.5)
    doc = model(_rules_only(nlp, text))
    assert ("Mark Doyle", "criticisedBy", "Ann Hale") in rules <= _facts(doc)
    assert not _facts(doc, RULE)  # the rules relate these two here: the model says nothing


def test_news_relation_model_role_needs_a_title_for_a_country_and_one_body(nlp):
    model = NewsRelationModel(_Fixed(role=0.9, NONE=0.1), threshold=0.5)
    country = _facts(model(_rules_only(nlp, "Mark Doyle flew to France on Monday.")), RULE)
    assert not country  # no one simply works for a country
    text = "Ann Hale advised the Kestrel Bay Council after years at Brightwater Airlines."
    doc = model(_rules_only(nlp, text))
    posts = [r for r in doc._.kg_relations if r.rule == RULE and r.predicate == "worksFor"]
    assert len(posts) == 1  # one body a person a sentence


def test_news_relation_model_role_defers_to_a_post_the_rules_found(nlp):
    model = NewsRelationModel(_Fixed(role=0.9, NONE=0.1), threshold=0.5)
    text = "Ann Hale, the chairman of Brightwater Airlines, visited Kestrel Bank."
    doc = model(_rules_only(nlp, text))
    assert ("Ann Hale", "chairmanOf", "Brightwater Airlines") in _facts(doc)
    assert not any(s == "Ann Hale" for s, _, _ in _facts(doc, RULE))


def test_news_relation_model_threshold_judges_the_best_allowed_label(nlp):
    model = NewsRelationModel(_Fixed(NONE=0.8, praisedBy=0.2), threshold=0.1)
    assert _facts(model(_rules_only(nlp, "Mark Doyle met Ann Hale.")), RULE) == {
        ("Mark Doyle", "praisedBy", "Ann Hale"),
        ("Ann Hale", "praisedBy", "Mark Doyle"),
    }  # the threshold is the judge: NONE's score does not veto a label above it
    assert NONE in LABELS


def test_news_relation_model_is_saved_and_loaded_with_the_pipeline(nlp, tmp_path):
    register_components()
    text = (ARTICLE / "02_kestrel_bay_council.txt").read_text("utf-8")
    pipe = spacy.blank("en")
    pipe.add_pipe("kg_news_relation_model", config={"threshold": 0.3})
    pipe.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("kg_news_relation_model").threshold == 0.3
    first = pipe.get_pipe("kg_news_relation_model")(_rules_only(nlp, text))
    second = loaded.get_pipe("kg_news_relation_model")(_rules_only(nlp, text))
    assert [(r.subject, r.predicate, r.object, r.confidence) for r in first._.kg_relations] == [
        (r.subject, r.predicate, r.object, r.confidence) for r in second._.kg_relations
    ]


def test_news_relation_model_path_is_checked(tmp_path):
    model = NewsRelationModel(None, model_path=str(tmp_path / "none"))
    with pytest.raises(KgError, match="no news relation model at"):
        model.initialize()


def test_news_relation_model_says_nothing_of_a_negated_verb(nlp):
    model = NewsRelationModel(_Fixed(criticisedBy=0.9, NONE=0.1), threshold=0.5)
    assert not _facts(model(_rules_only(nlp, "Jane Roe did not criticise Tom Bell.")), RULE)
    said = _facts(model(_rules_only(nlp, "Jane Roe met Tom Bell in the spring.")), RULE)
    assert ("Tom Bell", "criticisedBy", "Jane Roe") in said


def test_news_relation_model_ties_no_role_across_reported_speech(nlp):
    model = NewsRelationModel(_Fixed(role=0.9, NONE=0.1), threshold=0.5)
    text = "Ann Hale said the Kestrel Bay Council remained a strong body."
    assert not _facts(model(_rules_only(nlp, text)), RULE)
    tied = _facts(model(_rules_only(nlp, "Ann Hale advised the Kestrel Bay Council in May.")), RULE)
    assert tied == {("Ann Hale", "worksFor", "Kestrel Bay Council")}
