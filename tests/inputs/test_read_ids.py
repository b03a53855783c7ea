"""Hostile document ids and JSON Lines records (issue 14: items 1, 12, 15)."""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.inputs.read import read_articles


def _found(path: Path) -> tuple[list, list[str]]:
    found = read_articles(str(path))
    articles = [a for a in found if not isinstance(a, InputError)]
    return articles, [str(e) for e in found if isinstance(e, InputError)]


def test_a_deeply_nested_json_line_is_one_skipped_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a1", "text": "The chief quit."}\n' + "[" * 100_000 + "\n", encoding="utf-8"
    )
    articles, errors = _found(path)
    assert [a.doc_id for a in articles] == ["a1"]
    assert errors == [f"{path}:2: not a JSON object (nested too deeply)"]
