"""The CoNLL04 benchmark: span mapping, label mapping and strict scoring."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.evaluation.conll04 import PRF, SIGNATURES, predict, relation_label, score, token_offsets
from tests.conftest import REPO

SAMPLE = REPO / "tests" / "data" / "conll04_sample.json"
"""Eight sentences written for kg in CoNLL04's JSON format, one or more of each label."""

SENTENCE = {
    "tokens": "Yesterday diver Brian Michaud of Millinocket , Maine , spoke .".split(),
    "entities": [
        {"type": "Peop", "start": 2, "end": 4},
        {"type": "Loc", "start": 5, "end": 6},
        {"type": "Loc", "start": 7, "end": 8},
    ],
    "relations": [
        {"type": "Live_In", "head": 0, "tail": 1},
        {"type": "Located_In", "head": 1, "tail": 2},
    ],
}


def test_benchmark_labels_and_offsets():
    assert relation_label("killedBy") == "Kill"
    assert relation_label("chairmanOf") == "Work_For"
    assert relation_label("criticisedBy") is None
    assert token_offsets(["a", "bc"]) == [(0, 1), (2, 4)]


def test_benchmark_scoring_is_strict():
    exact = score([SENTENCE], [SENTENCE])
    assert exact.entities.f1 == 1.0 and exact.relations.f1 == 1.0
    shifted = dict(
        SENTENCE, entities=[dict(SENTENCE["entities"][0], start=1)] + SENTENCE["entities"][1:]
    )
    off = score([SENTENCE], [shifted])
    assert off.entities.tp == 2 and off.entities.fp == 1 and off.entities.fn == 1
    assert off.relations.tp == 1  # Live_In lost with its head's span; Located_In kept
    assert PRF(0, 0, 3).f1 == 0.0


def test_benchmark_prediction_maps_back_to_token_spans(nlp):
    [pred] = predict(nlp, [SENTENCE])
    assert pred["tokens"] == SENTENCE["tokens"]
    spans = {(e["start"], e["end"], e["type"]) for e in pred["entities"]}
    assert (2, 4, "Peop") in spans
    assert score([SENTENCE], [pred]).relations.tp >= 1


def test_benchmark_cli_on_a_sample(tmp_path):
    dev = json.loads(SAMPLE.read_text())
    out = tmp_path / "pred.json"
    result = CliRunner().invoke(app, ["benchmark", "conll04", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "relations" in result.output and "Located_In" in result.output
    predictions = json.loads(out.read_text())
    assert len(predictions) == len(dev)
    assert all(p["tokens"] == g["tokens"] for p, g in zip(predictions, dev, strict=True))
    for p in predictions:  # a post held in a country is no Work_For, and so on
        ents = p["entities"]
        assert all(
            (ents[r["head"]]["type"], ents[r["tail"]]["type"]) == SIGNATURES[r["type"]]
            for r in p["relations"]
        )


def test_benchmark_person_span_takes_in_the_titles_conll04_counts(nlp):
    sentence = {
        "tokens": "In 1881 , President Ezra Hollis was shot by Carl Dunmore .".split(),
        "entities": [],
        "relations": [],
    }
    [pred] = predict(nlp, [sentence])
    spans = {(e["start"], e["end"], e["type"]) for e in pred["entities"]}
    assert (3, 6, "Peop") in spans and (9, 11, "Peop") in spans
