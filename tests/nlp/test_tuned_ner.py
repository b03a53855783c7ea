"""kg's fine-tuned NER weights (committed, small, text-free) and kg_backup_ner, the
model's original NER for the sentences the tuned weights leave a proper noun in."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Span

from kg.nlp import KG_COMPONENTS, TUNED_NER, build_pipeline, shipped_model_path
from kg.nlp.tuned_ner import union


def test_tuned_ner_weights_are_committed_small_and_hold_no_strings():
    models = shipped_model_path(TUNED_NER).parent
    size = sum(f.stat().st_size for f in models.rglob("*") if f.is_file())
    assert (shipped_model_path(TUNED_NER) / "model").exists()
    assert size < 20_000_000  # every committed model together
    assert not (shipped_model_path(TUNED_NER) / "vocab").exists()  # no text it was trained on


def test_tuned_ner_weights_are_in_ner_and_the_originals_in_the_backup(nlp):
    assert nlp.pipe_names.index("kg_backup_ner") == nlp.pipe_names.index("ner") + 1
    tuned = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
    backup = nlp.get_pipe("kg_backup_ner").recognizer.to_bytes(exclude=["vocab"])
    original = build_pipeline(tuned_ner=False)
    assert "kg_backup_ner" not in original.pipe_names
    assert backup == original.get_pipe("ner").to_bytes(exclude=["vocab"]) != tuned


def test_backup_ner_adds_names_the_tuned_weights_leave_out(nlp):
    text = "Ahmed \u200fالعربي\u200f, chairman of Acme Corp, praised the Met on Monday."
    with nlp.select_pipes(disable=["kg_backup_ner", *KG_COMPONENTS]):
        tuned_only = {e.text for e in nlp(text).ents}
    with nlp.select_pipes(disable=list(KG_COMPONENTS)):
        both = {e.text for e in nlp(text).ents}
    assert tuned_only < both  # the backup adds, never takes away
    assert "Met" in both or any("Ahmed" in name for name in both - tuned_only)


def test_tuned_ner_prefers_its_entities_and_keeps_the_models_others():
    doc = English()("Mr Ahmed of Acme Corp met the Met in Leeds")
    tuned = [Span(doc, 3, 5, "ORG"), Span(doc, 9, 10, "GPE")]
    own = [Span(doc, 1, 2, "PERSON"), Span(doc, 3, 4, "PERSON"), Span(doc, 7, 8, "ORG")]
    assert [(e.text, e.label_) for e in union(tuned, own)] == [
        ("Ahmed", "PERSON"),
        ("Acme Corp", "ORG"),
        ("Met", "ORG"),
        ("Leeds", "GPE"),
    ]


def test_tuned_ner_pipe_gives_what_one_call_gives(nlp):
    texts = [
        "Lazutkin flew from BANGKOK to Vladivostok.",
        "It rained.",
        "The Met said Ahmed \u200fالعربي\u200f spoke. Acme Corp agreed.",
    ]
    one_by_one = [[(e.text, e.label_) for e in nlp(t).ents] for t in texts]
    for batch_size in (1, 2):
        piped = nlp.pipe(texts, batch_size=batch_size)
        assert [[(e.text, e.label_) for e in d.ents] for d in piped] == one_by_one


def test_backup_ner_cuts_sentences_as_span_as_doc_would(nlp):
    """The entity-free copy gives each sentence the very Doc ``as_doc`` gave, read once."""
    from kg.nlp.tuned_ner import _unread_all

    doc = nlp("Ann Lee met Bo Chen in Paris. They spoke at the Louvre. Ann Lee left.")
    sentences = [(doc, sent) for sent in doc.sents]
    for (_, sent), unread in zip(sentences, _unread_all(sentences), strict=True):
        expected = sent.as_doc()
        expected.set_ents([], default="missing")
        assert unread.to_bytes(exclude=["user_data"]) == expected.to_bytes(exclude=["user_data"])
