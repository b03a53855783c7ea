"""scripts/train_news_relations.py end to end on a few hand-written articles."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import spacy
import srsly

from kg.nlp.news_pairs import LABELS, view_doc

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "news_articles.jsonl"


def _script():
    spec = importlib.util.spec_from_file_location(
        "train_news_relations", REPO / "scripts" / "train_news_relations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_train_news_relations_runs_end_to_end_and_leaves_out_the_gold_ids(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "news_b.gold.json").write_text("{}", "utf-8")
    out, pairs = tmp_path / "model", tmp_path / "pairs.jsonl"
    args = [str(CORPUS), "--exclude", str(gold), "--out", str(out), "--pairs", str(pairs)]
    _script().main([*args, "--epochs", "2", "--negatives", "2"])
    printed = capsys.readouterr().out
    assert "excluded 1 articles of 1 evaluation ids" in printed
    records = list(srsly.read_jsonl(pairs))
    assert {r["doc"] for r in records} == {"news_a", "news_c", "news_d"}
    labels = {r["label"] for r in records}
    assert "NONE" in labels and None in labels and labels & {"criticisedBy", "role"}
    classifier = spacy.load(out)
    assert set(classifier.get_pipe("textcat").labels) == set(LABELS)
    summary = json.loads((out / "training.json").read_text("utf-8"))
    assert summary["epochs"] == 2 and summary["train_pairs"] > 0


def test_train_news_relations_is_reproducible_from_saved_pairs(tmp_path):
    script = _script()
    pairs = tmp_path / "pairs.jsonl"
    records = [
        {
            "doc": f"d{n}",
            "label": label,
            "reason": "quiet" if label == "NONE" else "verb:x",
            "text": f"< H-PER {word} T-PER > d1 path ^nsubj {word} vdobj",
        }
        for n in range(30)
        for label, word in (("praisedBy", "praise"), ("NONE", "meet"))
    ]
    srsly.write_jsonl(pairs, records)
    weights = []
    for name in ("one", "two"):
        script.main(
            [str(CORPUS), "--pairs", str(pairs), "--out", str(tmp_path / name), "--epochs", "12"]
        )
        weights.append((tmp_path / name / "textcat" / "model").read_bytes())
    assert weights[0] == weights[1]
    classifier = spacy.load(tmp_path / "one")
    textcat = classifier.get_pipe("textcat")
    views = [f"< H-PER {w} T-PER > d1 path ^nsubj {w} vdobj" for w in ("praise", "meet")]
    praise, meet = textcat.predict([view_doc(classifier.vocab, v) for v in views])
    labels = list(textcat.labels)
    assert praise[labels.index("praisedBy")] > praise[labels.index("NONE")]
    assert meet[labels.index("NONE")] > meet[labels.index("praisedBy")]


def test_train_news_relations_says_in_one_line_what_is_wrong_with_its_input(tmp_path):
    script = _script()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Fine."}\nnot json\n', "utf-8")
    for corpus, message in ((tmp_path / "none.jsonl", "no corpus file"), (bad, "bad.jsonl:2")):
        with pytest.raises(SystemExit) as stop:
            script.read_corpus(corpus, set(), None)
        assert message in str(stop.value) and "\n" not in str(stop.value)
