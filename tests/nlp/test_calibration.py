"""kg_calibration: confidences rescaled by rule group from a measured table."""

from __future__ import annotations

import pytest

from kg.nlp.calibration import (
    Calibration,
    Calibrator,
    GroupCount,
    count_groups,
    family_of,
    rule_group,
)
from kg.nlp.relations import RelationMention


def test_rule_group_drops_details_and_marks_implied_objects():
    assert rule_group("role:title-compound") == "role:title-compound"
    assert rule_group("role:copula+implied-organization") == "role:copula+implied-organization"
    assert rule_group("role:copula+implied-country") == "role:copula+implied-country"
    assert family_of("role:copula+implied-country") == "role+implied-country"
    assert family_of("model:conll04-rel") == "model"


def test_a_group_that_was_mostly_wrong_is_scaled_down_and_an_unseen_family_kept():
    table = Calibration({"model:x": GroupCount(facts=8, correct=0, raw_sum=5.6)})
    assert table.calibrated("model:x", 0.7) < 0.25
    assert table.calibrated("verb:praise-active", 0.85) == 0.85


def test_an_unseen_rule_takes_its_familys_rescaling():
    table = Calibration({"model:x": GroupCount(facts=8, correct=0, raw_sum=5.6)})
    assert table.factor("model:y") < 0.4
    assert table.calibrated("model:y", 0.7) < 0.3


def test_a_rare_rule_is_pulled_towards_its_family():
    family = {"verb:a": GroupCount(30, 3, 24.0)}
    alone = Calibration({"verb:b": GroupCount(1, 1, 0.8)})
    beside = Calibration({**family, "verb:b": GroupCount(1, 1, 0.8)})
    assert beside.calibrated("verb:b", 0.8) < alone.calibrated("verb:b", 0.8)


def test_a_group_that_was_always_right_rises_but_not_past_the_ceiling():
    table = Calibration({"quote:praise": GroupCount(facts=40, correct=40, raw_sum=24.0)})
    assert 0.6 < table.calibrated("quote:praise", 0.6) <= table.ceiling
    assert table.calibrated("quote:praise", 0.95) == table.ceiling


def test_few_observations_move_a_confidence_less_than_many():
    few = Calibration({"r:a": GroupCount(1, 0, 0.8)})
    many = Calibration({"r:a": GroupCount(20, 0, 16.0)})
    assert many.calibrated("r:a", 0.8) < few.calibrated("r:a", 0.8) < 0.8


def test_table_round_trips_through_json():
    table = Calibration(count_groups([("r:a", 0.8, True), ("model:m", 0.6, False)]))
    again = Calibration.from_json(table.to_json())
    assert again == Calibration(dict(table.groups), table.prior_weight, table.ceiling)
    assert again.groups["model:m"] == GroupCount(1, 0, 0.6)


def test_component_rescales_each_relation_of_a_doc(nlp):
    calibrator = nlp.get_pipe("kg_calibration")
    assert isinstance(calibrator, Calibrator)
    doc = nlp.make_doc("x")
    doc._.kg_relations = [RelationMention("a", "livesIn", "b", 0, "model:conll04-rel", 0.9)]
    table = calibrator.table
    expected = table.calibrated("model:conll04-rel", 0.9)
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
