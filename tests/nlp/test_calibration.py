"""kg_calibration: confidences rescaled by rule group from a measured table."""

from __future__ import annotations

import pytest

from kg.nlp.calibration import Calibration, Calibrator, GroupCount, count_groups, rule_group
from kg.nlp.relations import RelationMention


def test_rule_group_drops_details_marks_implied_and_splits_models_by_property():
    assert rule_group("role:title-compound", "chairmanOf") == "role:title-compound"
    assert rule_group("role:copula+implied-organization", "chiefOf") == "role:copula+implied"
    assert rule_group("model:conll04-rel", "basedIn") == "model:conll04-rel/basedIn"


def test_a_group_that_was_mostly_wrong_is_scaled_down_and_an_unseen_one_kept():
    table = Calibration({"model:x/livesIn": GroupCount(facts=8, correct=0, raw_sum=5.6)})
    assert table.calibrated("model:x", "livesIn", 0.7) < 0.25
    assert table.calibrated("verb:praise-active", "praisedBy", 0.85) == 0.85


def test_a_group_that_was_always_right_rises_but_not_past_the_ceiling():
    table = Calibration({"quote:praise": GroupCount(facts=40, correct=40, raw_sum=24.0)})
    assert 0.6 < table.calibrated("quote:praise", "praisedBy", 0.6) <= table.ceiling
    assert table.calibrated("quote:praise", "praisedBy", 0.95) == table.ceiling


def test_few_observations_move_a_confidence_less_than_many():
    few = Calibration({"r:a": GroupCount(1, 0, 0.8)})
    many = Calibration({"r:a": GroupCount(20, 0, 16.0)})
    assert many.calibrated("r:a", "p", 0.8) < few.calibrated("r:a", "p", 0.8) < 0.8


def test_table_round_trips_through_json():
    table = Calibration(count_groups([("r:a", "p", 0.8, True), ("model:m", "livesIn", 0.6, False)]))
    again = Calibration.from_json(table.to_json())
    assert again == Calibration(dict(table.groups), table.prior_weight, table.ceiling)
    assert again.groups["model:m/livesIn"] == GroupCount(1, 0, 0.6)


def test_component_rescales_each_relation_of_a_doc(nlp):
    calibrator = nlp.get_pipe("kg_calibration")
    assert isinstance(calibrator, Calibrator)
    doc = nlp.make_doc("x")
    doc._.kg_relations = [RelationMention("a", "livesIn", "b", 0, "model:conll04-rel", 0.9)]
    table = calibrator.table
    expected = table.calibrated("model:conll04-rel", "livesIn", 0.9)
    (out,) = calibrator(doc)._.kg_relations
    assert out.confidence == pytest.approx(expected)
    assert (out.subject, out.predicate, out.object, out.rule) == (
        "a",
        "livesIn",
        "b",
        "model:conll04-rel",
    )


def test_component_is_saved_with_the_pipeline(nlp, tmp_path):
    calibrator = nlp.get_pipe("kg_calibration")
    calibrator.to_disk(tmp_path)
    again = Calibrator().from_disk(tmp_path)
    assert again.table == calibrator.table
