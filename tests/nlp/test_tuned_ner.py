"""kg_tuned_ner: kg's fine-tuned NER weights, committed, small, text-free, and joined
with the model's own entities."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Span

from kg.nlp import TUNED_NER, build_pipeline, shipped_model_path
from kg.nlp.tuned_ner import union


def test_tuned_ner_weights_are_committed_small_and_hold_no_strings():
    models = shipped_model_path(TUNED_NER).parent
    size = sum(f.stat().st_size for f in models.rglob("*") if f.is_file())
    assert (shipped_model_path(TUNED_NER) / "model").exists()
    assert size < 20_000_000  # every committed model together
    assert not (shipped_model_path(TUNED_NER) / "vocab").exists()  # no text it was trained on


def test_tuned_ner_runs_after_the_models_own_with_kg_weights(nlp):
    assert nlp.pipe_names.index("kg_tuned_ner") == nlp.pipe_names.index("ner") + 1
    recognizer = nlp.get_pipe("kg_tuned_ner").recognizer
    assert recognizer.to_bytes(exclude=["vocab"]) != nlp.get_pipe("ner").to_bytes(
        exclude=["vocab"]
    )
    assert "kg_tuned_ner" not in build_pipeline(tuned_ner=False).pipe_names


def test_tuned_ner_prefers_its_entities_and_keeps_the_models_others():
    doc = English()("Mr Ahmed of Acme Corp met the Met in Leeds")
    tuned = [Span(doc, 3, 5, "ORG"), Span(doc, 9, 10, "GPE")]
    own = [Span(doc, 1, 2, "PERSON"), Span(doc, 3, 4, "PERSON"), Span(doc, 7, 8, "ORG")]
    assert [(e.text, e.label_) for e in union(tuned, own)] == [
        ("Ahmed", "PERSON"), ("Acme Corp", "ORG"), ("Met", "ORG"), ("Leeds", "GPE")
    ]


def test_tuned_ner_pipe_gives_what_one_call_gives(nlp):
    texts = ["Lazutkin flew from BANGKOK to Vladivostok.", "The Met said Ahmed Khan spoke."]
    one_by_one = [[(e.text, e.label_) for e in nlp(t).ents] for t in texts]
    piped = [[(e.text, e.label_) for e in d.ents] for d in nlp.pipe(texts, batch_size=1)]
    assert piped == one_by_one
