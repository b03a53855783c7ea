"""One CoNLL04 label map for the relation model, the benchmark and the training scripts."""

from __future__ import annotations

import doctest

import kg.nlp.conll04_labels as labels
from kg.evaluation import conll04
from kg.nlp import relation_model
from kg.records import ENTITY_TYPES


def test_maps_agree_with_each_other() -> None:
    assert set(labels.CONLL_OF_TYPE) == set(ENTITY_TYPES)
    assert {labels.LABEL_OF_PROPERTY[p]: p for p in labels.LABEL_OF_PROPERTY} == dict(
        labels.PROPERTY_OF_LABEL
    )
    assert list(labels.MODEL_SIGNATURES.values()) == list(labels.SIGNATURES)
    conll_types = set(labels.CONLL_OF_TYPE.values())
    assert all(set(pair) <= conll_types for pair in labels.SIGNATURES.values())


def test_users_read_the_one_map() -> None:
    assert relation_model.SIGNATURES is labels.MODEL_SIGNATURES
    assert relation_model.LABELS == (
        "NONE",
        "Work_For",
        "OrgBased_In",
        "Live_In",
        "Located_In",
        "Kill",
    )
    assert conll04.SIGNATURES is labels.SIGNATURES
    assert conll04.relation_label("basedIn") == "OrgBased_In"


def test_doctests() -> None:
    result = doctest.testmod(labels)
    assert result.attempted > 0 and result.failed == 0
