"""kg's spaCy stages: components registered with ``@Language.factory``.

Load a model with every kg component added, in order::

    kg_entities -> kg_roles -> kg_coref -> kg_quotes -> kg_relations -> kg_relation_model
    -> kg_news_relation_model -> kg_calibration

and ``kg_line_breaks`` just before the model's parser (paragraph breaks end sentences;
see kg.nlp.sentences).

>>> from kg.nlp import KG_COMPONENTS
>>> KG_COMPONENTS[0]
'kg_entities'

Settings are factory config keys with defaults in ``default_config`` (they show in
``nlp.config``), e.g. ``nlp.add_pipe("kg_relation_model", config={"threshold": 0.7})``
or ``kg_coref``'s ``lookback_sentences``.

Word lists, the pattern file and the relation classifier are read by each
component's ``initialize`` (``lexicon_path``: a folder with kg's data files, by
default ``kg/nlp/data``; the relation model's ``model_path`` config key) and saved
with the pipeline by ``nlp.to_disk``: ``spacy.load`` of a saved pipeline (kg's
entry points register the factories) reads them from there, not from kg/nlp/data.
Like spaCy's rule-based components, a component used before ``initialize``
initialises itself with kg's own data on its first Doc, so
``nlp.add_pipe("kg_entities")`` works at once. Do not call ``nlp.initialize()`` on a
trained pipeline to set them up: it would reset the trained ``ner`` and ``parser``;
:func:`initialize_kg_components` initialises kg's components only.

A component keeps no state of a Doc between calls: what one Doc needs lives in
local objects (``kg_coref``'s ``DocContext``).
"""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path

from spacy.language import Language

from kg.config import MODEL_PACKAGE

KG_COMPONENTS = (
    "kg_entities",
    "kg_roles",
    "kg_coref",
    "kg_quotes",
    "kg_relations",
    "kg_relation_model",
    "kg_news_relation_model",
    "kg_calibration",
)

LINE_BREAKS = "kg_line_breaks"
"""The component that ends sentences at paragraph breaks; it runs before the parser."""


def register_components() -> None:
    """Import the component modules so their factories are registered with spaCy."""
    modules = (
        "sentences",
        "entities",
        "roles",
        "coref",
        "quotes",
        "relations",
        "relation_model",
        "news_relation_model",
        "tuned_ner",
        "calibration",
    )
    for module in modules:
        importlib.import_module(f"kg.nlp.{module}")


def initialize_kg_components(nlp: Language, lexicon_path: str | Path | None = None) -> Language:
    """Call ``initialize`` on kg's components of ``nlp`` only (not its trained ones).

    ``lexicon_path``: a folder with kg's data files (default ``kg/nlp/data``).
    """
    for name in (BACKUP_NER, *KG_COMPONENTS):
        if name in nlp.pipe_names:
            nlp.get_pipe(name).initialize(nlp=nlp, lexicon_path=lexicon_path)
    return nlp


def add_kg_components(nlp: Language) -> Language:
    """Add kg's components to a pipeline that has a parser and NER."""
    register_components()
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    for name in KG_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


DEFAULT_MODEL = MODEL_PACKAGE
"""The model kg loads by default (:data:`kg.config.MODEL_PACKAGE`); the tuned NER fits it."""
BACKUP_NER = "kg_backup_ner"
TUNED_NER = "ner_conll04"
"""kg's fine-tuned weights for the model's ``ner`` component (``scripts/train_ner.py``)."""


def shipped_model_path(name: str) -> Path:
    """Where weights committed with kg live (``kg/nlp/models/NAME``)."""
    return Path(str(resources.files("kg.nlp").joinpath("models", name)))


def build_pipeline(model: str = DEFAULT_MODEL, tuned_ner: bool = True) -> Language:
    """Load the spaCy model package ``model`` and add kg's components.

    With the default model, its ``ner`` takes kg's fine-tuned weights and
    ``kg_backup_ner`` keeps the original ones for sentences the tuned weights leave
    a proper noun unexplained in (``kg/nlp/tuned_ner.py``), unless ``tuned_ner`` is
    False; the weights fit that model only.
    """
    module = importlib.import_module(model)
    nlp = module.load()
    if tuned_ner and model == DEFAULT_MODEL:
        importlib.import_module("kg.nlp.tuned_ner")
        nlp.add_pipe(BACKUP_NER, after="ner")  # copies the original weights
        nlp.get_pipe("ner").from_disk(shipped_model_path(TUNED_NER), exclude=["vocab"])
    return initialize_kg_components(add_kg_components(nlp))
