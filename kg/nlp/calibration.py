"""The ``kg_calibration`` component: confidences that say how often a fact is right.

Each rule and model gives its facts a confidence of its own making. This last stage
of the pipeline rescales them with a table measured on annotated articles
(``kg/nlp/data/calibration.json``, written by ``scripts/calibrate.py``): for each
*rule group* it holds how many of the group's facts were right and the sum of their
raw confidences. Annotated facts are few, so estimates are shrunk twice: a rule
family's precision towards its raw confidences, and a rule's towards its family's,
each by ``prior_weight`` pseudo-facts:

    family = (correct_f + prior_weight * mean_raw_f) / (facts_f + prior_weight)
    rule = (correct_r + prior_weight * family) / (facts_r + prior_weight)
    calibrated = min(ceiling, raw * rule / mean_raw_r)

A rule group is the rule's name without its details after ``+``, marked with how the
fact's object was implied when it was not stated (``+implied-country``: a national
office in the article's country; ``+implied-organization``: a post in its main body,
a guess that fails more often); its family is the part before ``:`` (``role``,
``verb``, ``model``...), with the same mark. A group never seen keeps its family's
rescaling, and a family never seen keeps its raw confidences:

>>> rule_group("role:copula+implied-country")
'role:copula+implied-country'
>>> family_of("role:copula+implied-country")
'role+implied-country'
>>> table = Calibration({"model:conll04-rel": GroupCount(10, 1, 6.0)}, 2.0, 0.99)
>>> round(table.calibrated("model:conll04-rel", 0.6), 3)
0.114
>>> table.calibrated("verb:praise-active", 0.85)
0.85
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

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
    families: Mapping[str, GroupCount] = field(init=False, repr=False, compare=False)
    _factors: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "families", self._family_counts())
        object.__setattr__(self, "_factors", {})

    def factor(self, group: str) -> float:
        """How much the group's raw confidences are scaled (1.0 for an unseen family);
        worked out once per group."""
        found = self._factors.get(group)
        if found is None:
            found = self._factors[group] = self._factor(group)
        return found

    def _factor(self, group: str) -> float:
        family = self.families.get(family_of(group))
        if family is None or family.facts == 0 or family.raw_sum <= 0:
            return 1.0
        family_mean = family.raw_sum / family.facts
        family_precision = _shrunk(family.correct, family.facts, family_mean, self.prior_weight)
        count = self.groups.get(group)
        if count is None or count.facts == 0 or count.raw_sum <= 0:
            return family_precision / family_mean
        precision = _shrunk(count.correct, count.facts, family_precision, self.prior_weight)
        return precision / (count.raw_sum / count.facts)

    def _family_counts(self) -> dict[str, GroupCount]:
        families: dict[str, GroupCount] = {}
        for name, c in self.groups.items():
            f = families.get(family_of(name), GroupCount(0, 0, 0.0))
            families[family_of(name)] = GroupCount(
                f.facts + c.facts, f.correct + c.correct, f.raw_sum + c.raw_sum
            )
        return families

    def calibrated(self, rule: str, raw: float) -> float:
        """The calibrated confidence of a fact found by ``rule`` with ``raw`` confidence."""
        return round(min(self.ceiling, raw * self.factor(rule_group(rule))), 3)

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


def rule_group(rule: str) -> str:
    """The calibration group of a fact: its rule, and how its object was implied."""
    base, _, details = rule.partition("+")
    implied = re.search(r"implied(-\w+)?", details)
    return base + (f"+{implied.group(0)}" if implied else "")


def family_of(group: str) -> str:
    """A rule group's family: the rule's kind before ``:``, with the group's mark."""
    kind, _, rest = group.partition(":")
    _, plus, implied = rest.partition("+")
    return kind + plus + implied


def _shrunk(correct: int, facts: int, prior: float, weight: float) -> float:
    return (correct + weight * prior) / (facts + weight)


def count_groups(facts: Iterable[tuple[str, float, bool]]) -> dict[str, GroupCount]:
    """Tally ``(rule, raw confidence, correct)`` judgements by rule group.

    >>> count_groups([("verb:x", 0.8, True), ("verb:x", 0.6, False)])
    {'verb:x': GroupCount(facts=2, correct=1, raw_sum=1.4)}
    """
    tally: dict[str, list[float]] = {}
    for rule, raw, correct in facts:
        row = tally.setdefault(rule_group(rule), [0, 0, 0.0])
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
            replace(r, confidence=self.table.calibrated(r.rule, r.confidence))
            for r in doc._.kg_relations or []
        ]
        return doc
