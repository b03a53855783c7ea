"""The ``kg_calibration`` component: confidences that say how often a fact is right.

Each rule and model gives its facts a confidence of its own making. This last stage
of the pipeline rescales them with a table measured on annotated articles
(``kg/nlp/data/calibration.json``, written by ``scripts/calibrate.py``): for each
*rule group* it holds how many of the group's facts were right and the mean of their
raw confidences. A fact's calibrated confidence is its raw confidence times the
group's estimated precision over that mean, where the estimate is smoothed towards
the raw confidences by ``prior_weight`` pseudo-facts, so a group seen a few times
moves little and a group never seen keeps its confidences:

    precision = (correct + prior_weight * mean_raw) / (facts + prior_weight)
    calibrated = min(ceiling, raw * precision / mean_raw)

A rule group is the rule's name without its details after ``+``, marked
``+implied`` when the fact's object was implied rather than stated, and, for a
model, the property too (a model is good at some relations and poor at others):

>>> rule_group("role:copula+implied-country", "ministerOf")
'role:copula+implied'
>>> rule_group("model:conll04-rel", "livesIn")
'model:conll04-rel/livesIn'
>>> table = Calibration({"model:conll04-rel/livesIn": GroupCount(10, 1, 6.0)}, 2.0, 0.99)
>>> round(table.calibrated("model:conll04-rel", "livesIn", 0.6), 3)
0.183
>>> table.calibrated("verb:praise-active", "praisedBy", 0.85)
0.85
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.component import DataComponent
from kg.nlp.extensions import register_extensions

CALIBRATION_FILE = "calibration.json"


@dataclass(frozen=True, slots=True)
class GroupCount:
    """What the annotated articles said of one rule group's facts."""

    facts: int
    correct: int
    raw_sum: float
    """The sum of the group's raw confidences."""


@dataclass(frozen=True, slots=True)
class Calibration:
    """Rule groups' counts and the smoothing that turns them into a rescaling."""

    groups: Mapping[str, GroupCount]
    prior_weight: float = 2.0
    ceiling: float = 0.99

    def factor(self, group: str) -> float:
        """How much the group's raw confidences are scaled (1.0 for an unseen group)."""
        count = self.groups.get(group)
        if count is None or count.facts == 0 or count.raw_sum <= 0:
            return 1.0
        mean_raw = count.raw_sum / count.facts
        precision = (count.correct + self.prior_weight * mean_raw) / (
            count.facts + self.prior_weight
        )
        return precision / mean_raw

    def calibrated(self, rule: str, prop: str, raw: float) -> float:
        """The calibrated confidence of a fact found by ``rule`` with ``raw`` confidence."""
        return round(min(self.ceiling, raw * self.factor(rule_group(rule, prop))), 3)

    def to_json(self) -> str:
        """The table as the JSON of ``calibration.json`` (sorted, one group a line)."""
        rows = ",\n".join(
            f'    {json.dumps(name)}: {{"facts": {c.facts}, "correct": {c.correct}, '
            f'"raw_sum": {round(c.raw_sum, 3)}}}'
            for name, c in sorted(self.groups.items())
        )
        return (
            f'{{\n  "prior_weight": {self.prior_weight},\n  "ceiling": {self.ceiling},\n'
            f'  "groups": {{\n{rows}\n  }}\n}}\n'
        )

    @classmethod
    def from_json(cls, data: str | bytes) -> Calibration:
        """Read a table written by :meth:`to_json`."""
        raw = json.loads(data)
        groups = {name: GroupCount(**count) for name, count in raw.get("groups", {}).items()}
        return cls(groups, float(raw.get("prior_weight", 2.0)), float(raw.get("ceiling", 0.99)))


def rule_group(rule: str, prop: str) -> str:
    """The calibration group of a fact: its rule, implied or stated, and a model's property."""
    base, _, details = rule.partition("+")
    group = base + ("+implied" if "implied" in details else "")
    return f"{group}/{prop}" if base.startswith("model:") else group


def count_groups(facts: Iterable[tuple[str, str, float, bool]]) -> dict[str, GroupCount]:
    """Tally ``(rule, property, raw confidence, correct)`` judgements by rule group.

    >>> count_groups([("verb:x", "praisedBy", 0.8, True), ("verb:x", "praisedBy", 0.6, False)])
    {'verb:x': GroupCount(facts=2, correct=1, raw_sum=1.4)}
    """
    tally: dict[str, list[float]] = {}
    for rule, prop, raw, correct in facts:
        row = tally.setdefault(rule_group(rule, prop), [0, 0, 0.0])
        row[0] += 1
        row[1] += int(correct)
        row[2] += raw
    return {
        name: GroupCount(int(n), int(c), round(s, 6)) for name, (n, c, s) in sorted(tally.items())
    }


@Language.factory("kg_calibration", assigns=["doc._.kg_relations"], requires=["doc._.kg_relations"])
def make_calibration(nlp: Language, name: str) -> Calibrator:
    """Create the ``kg_calibration`` component."""
    register_extensions()
    return Calibrator()


class Calibrator(DataComponent):
    """Replace each fact's confidence in ``doc._.kg_relations`` by its calibrated one."""

    data_files = (CALIBRATION_FILE,)
    table: Calibration

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the calibration table."""
        self.table = Calibration.from_json(files[CALIBRATION_FILE])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        doc._.kg_relations = [
            replace(r, confidence=self.table.calibrated(r.rule, r.predicate, r.confidence))
            for r in doc._.kg_relations or []
        ]
        return doc
