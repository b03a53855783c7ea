"""The CoNLL04 labels and how kg's types and properties map to them, in one place.

The relation model needs them at run time, the benchmark to score, the training
scripts to read the corpus; this module is data only (no spaCy, no evaluation code).

>>> LABEL_OF_PROPERTY["killedBy"], SIGNATURES["Live_In"], MODEL_SIGNATURES[("PER", "ORG")]
('Kill', ('Peop', 'Loc'), 'Work_For')
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

CONLL_OF_TYPE: Final = MappingProxyType({"Person": "Peop", "Organization": "Org", "Place": "Loc"})
"""kg entity type -> CoNLL04 entity type (CoNLL04's ``Other`` has no kg type)."""

PROPERTY_OF_LABEL: Final = MappingProxyType(
    {
        "Work_For": "worksFor",
        "OrgBased_In": "basedIn",
        "Live_In": "livesIn",
        "Located_In": "locatedIn",
        "Kill": "killedBy",
    }
)
"""CoNLL04 relation label -> the kg property it is (Kill(Y, X) is "X killedBy Y")."""

LABEL_OF_PROPERTY: Final = MappingProxyType({p: label for label, p in PROPERTY_OF_LABEL.items()})
"""kg property -> CoNLL04 relation label."""

SIGNATURES: Final = MappingProxyType(
    {
        "Work_For": ("Peop", "Org"),
        "OrgBased_In": ("Org", "Loc"),
        "Live_In": ("Peop", "Loc"),
        "Located_In": ("Loc", "Loc"),
        "Kill": ("Peop", "Peop"),
    }
)
"""The argument types of each CoNLL04 relation: a post held in a country is no Work_For."""

MODEL_TYPE_OF_CONLL: Final = MappingProxyType({"Peop": "PER", "Org": "ORG", "Loc": "LOC"})
"""CoNLL04 entity type -> the type name the relation classifier reads in its input text."""

MODEL_SIGNATURES: Final = MappingProxyType(
    {
        (MODEL_TYPE_OF_CONLL[head], MODEL_TYPE_OF_CONLL[tail]): label
        for label, (head, tail) in SIGNATURES.items()
    }
)
"""(head, tail) classifier types -> the one CoNLL04 label they can have, in label order."""

NER_LABEL_OF_CONLL: Final = MappingProxyType({"Peop": "PERSON", "Org": "ORG", "Loc": "GPE"})
"""CoNLL04 entity type -> the spaCy NER label it trains (a place keeps GPE/LOC/FAC if given)."""
