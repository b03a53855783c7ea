"""Choosing where extraction runs, without loading a model where none is needed."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.runners import choose_extractor
from kg.runners.local import load_model


def test_cluster_extractor_is_made_without_a_model_or_a_connection():
    extractor = choose_extractor("no_such_model_package", scheduler="tcp://127.0.0.1:1")
    assert callable(extractor)  # the model is the workers' business


@pytest.mark.parametrize("model", ["no_such_model_package", "no_such_parent.child"])
def test_processes_need_an_installed_model(model):
    with pytest.raises(KgError, match="cannot load the spaCy model .*no such package") as caught:
        choose_extractor(model, jobs=2)
    assert caught.value.exit_code == 2


def test_processes_extractor_with_an_installed_package_loads_nothing_here():
    assert callable(choose_extractor("json", jobs=2))  # any importable package passes the check


def test_jobs_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        choose_extractor(jobs=0)


def test_a_missing_model_is_one_clear_error():
    with pytest.raises(KgError, match="cannot load the spaCy model 'no_such_model_package'") as e:
        load_model("no_such_model_package")
    assert e.value.exit_code == 2
    with pytest.raises(KgError, match="cannot load the spaCy model"):
        choose_extractor("no_such_model_package")  # jobs=1: loaded in this process
