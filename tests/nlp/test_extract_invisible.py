"""Extraction keeps invisible characters out of names, in evidence (issue 14 item 13)."""

from __future__ import annotations

from kg.nlp.extract import extract
from kg.records import Article


def test_extracted_names_are_clean_and_evidence_is_as_written(nlp) -> None:
    text = "Gor\u200bdon Brown met Angela\u00ad Merkel in Berlin on Tuesday."
    article = Article("a", text, "a.txt")
    found = extract(nlp(text), article)
    labels = {e.label for e in found.entities}
    assert {"Gordon Brown", "Angela Merkel"} <= labels
    names = [n for e in found.entities for n in (e.label, *e.aliases)]
    assert not any(c in n for n in names for c in "\u200b\u00ad")
    assert any("\u200b" in m.text for e in found.entities for m in e.mentions)
