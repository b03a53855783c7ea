"""kg's components as spaCy components: config, initialize, saving and no per-Doc state."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

import kg.nlp.lexicon
import kg.nlp.relation_model
from kg.errors import KgError
from kg.nlp import KG_COMPONENTS, register_components
from kg.nlp.relation_model import RULE

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbourside_police_chief.txt"


def _facts(doc) -> list[tuple]:
    return [(r.subject, r.predicate, r.object, r.rule, r.confidence) for r in doc._.kg_relations]


def _no_packaged_data(*_args, **_kwargs):
    raise AssertionError("a saved pipeline read kg's packaged data")


def test_saved_pipeline_extracts_the_same_without_kg_data(nlp, tmp_path, monkeypatch) -> None:
    text = EXAMPLE.read_text("utf-8")
    before = nlp(text)
    nlp.to_disk(tmp_path / "pipeline")
    monkeypatch.setattr(kg.nlp.lexicon, "packaged_data_dir", _no_packaged_data)
    monkeypatch.setattr(kg.nlp.relation_model, "default_model_path", _no_packaged_data)
    register_components()
    loaded = spacy.load(tmp_path / "pipeline")
    after = loaded(text)
    assert loaded.pipe_names == nlp.pipe_names
    assert _facts(after) == _facts(before) and _facts(after)
    assert [(e.start, e.end, e.label_) for e in after.ents] == [
        (e.start, e.end, e.label_) for e in before.ents
    ]
    assert after._.kg_clusters.clusters == before._.kg_clusters.clusters


def test_default_config_values_reach_the_components() -> None:
    register_components()
    blank = spacy.blank("en")
    model = blank.add_pipe("kg_relation_model", config={"threshold": 0.8, "max_gap": 7})
    coref = blank.add_pipe("kg_coref")
    assert (model.threshold, model.max_gap) == (0.8, 7)
    assert blank.config["components"]["kg_relation_model"]["threshold"] == 0.8
    assert blank.config["components"]["kg_coref"]["lookback_sentences"] == coref.lookback_sentences
    with pytest.raises(ValueError):
        blank.add_pipe("kg_coref", name="bad", config={"lookback_sentences": "many"})


def test_relation_model_threshold_from_config_changes_its_facts(nlp) -> None:
    register_components()
    doc = nlp(EXAMPLE.read_text("utf-8"))
    rules_only = [r for r in doc._.kg_relations if r.rule != RULE]
    blank = spacy.blank("en")
    found = {}
    for threshold in (0.5, 0.95):
        model = blank.add_pipe(
            "kg_relation_model", name=f"model{threshold}", config={"threshold": threshold}
        )
        doc._.kg_relations = list(rules_only)
        found[threshold] = [r for r in model(doc)._.kg_relations if r.rule == RULE]
        assert all(r.confidence >= threshold for r in found[threshold])
    assert found[0.5] and len(found[0.95]) < len(found[0.5])


def test_components_keep_no_state_of_a_doc(nlp) -> None:
    def snapshot() -> dict[str, dict[str, int]]:
        return {
            name: {key: id(value) for key, value in vars(nlp.get_pipe(name)).items()}
            for name in KG_COMPONENTS
        }

    nlp("Warm-up: Ann Lee met the mayor of Leeds.")
    first = snapshot()
    nlp(EXAMPLE.read_text("utf-8"))
    second = snapshot()
    nlp("The French minister said he would resign. “I am sorry,” she said.")
    assert first == second == snapshot()


def test_initialize_reads_the_lexicon_folder_and_bytes_keep_it(tmp_path) -> None:
    register_components()
    folder = tmp_path / "data"
    shutil.copytree(kg.nlp.lexicon.packaged_data_dir(), folder)
    data = json.loads((folder / "lexicon.json").read_text("utf-8"))
    data["honorifics"].append("zorp")
    (folder / "lexicon.json").write_text(json.dumps(data), "utf-8")
    blank = spacy.blank("en")
    roles = blank.add_pipe("kg_roles")
    roles.initialize(nlp=blank, lexicon_path=folder)
    assert "zorp" in roles.lexicon.honorifics
    copy = blank.add_pipe("kg_roles", name="copy").from_bytes(roles.to_bytes())
    assert "zorp" in copy.lexicon.honorifics
    lazy = blank.add_pipe("kg_roles", name="lazy")
    lazy(blank("Ann"))  # uninitialised: kg's own lexicon
    assert "zorp" not in lazy.lexicon.honorifics and lazy.lexicon.honorifics


def test_initialize_from_a_folder_without_data_says_so(tmp_path) -> None:
    register_components()
    roles = spacy.blank("en").add_pipe("kg_roles")
    with pytest.raises(KgError, match="cannot read kg data file .*lexicon.json"):
        roles.initialize(lexicon_path=tmp_path)


def test_relation_model_path_from_config_is_checked(tmp_path) -> None:
    register_components()
    blank = spacy.blank("en")
    model = blank.add_pipe("kg_relation_model", config={"model_path": str(tmp_path / "none")})
    with pytest.raises(KgError, match="no relation model at"):
        model.initialize(nlp=blank)
