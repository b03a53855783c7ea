"""scripts/calibrate.py: facts judged on articles without gold join the counts."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "news_articles.jsonl"


def _script():
    spec = importlib.util.spec_from_file_location("calibrate", REPO / "scripts" / "calibrate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_judged_facts_pair_each_stated_fact_with_its_rule_and_verdict(nlp, tmp_path):
    script = _script()
    judged = tmp_path / "judged.jsonl"
    rows = [
        ("news_a", "Ann Hale", "chairmanOf", "Brightwater Airlines", True),
        ("news_a", "Mark Doyle", "praisedBy", "Ann Hale", False),
        ("news_a", "Ann Hale", "mayorOf", "Leeds", False),  # never stated: left out
        ("news_z", "Ann Hale", "chairmanOf", "Brightwater Airlines", True),  # no such doc
    ]
    judged.write_text(
        "".join(
            json.dumps({"doc": d, "subject": s, "predicate": p, "object": o, "right": r}) + "\n"
            for d, s, p, o, r in rows
        ),
        encoding="utf-8",
    )
    verdicts = script.read_verdicts(judged)
    assert len(verdicts) == 4
    found = script.judged_facts(nlp, verdicts, CORPUS)
    assert sorted(right for _, _, right in found) == [False, True]
    rules = {rule for rule, _, _ in found}
    assert any(r.startswith("role:") for r in rules) and all(0 < c <= 1 for _, c, _ in found)
