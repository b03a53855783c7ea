"""Document ids in a build (issue 14: items 1, 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import read_extractions
from kg.errors import InputError


def test_a_deeply_nested_extractions_line_is_a_clear_input_error(tmp_path: Path) -> None:
    (tmp_path / "extractions.jsonl").write_text("[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the previous build"):
        list(read_extractions(tmp_path))


def test_a_renamed_id_never_lands_on_another_documents_id() -> None:
    from kg.build import unique_ids
    from kg.records import Article

    given = [Article("a", "One.", "d1/a.txt"), Article("a", "Two.", "d2/a.txt")]
    given.append(Article("a-2", "Three.", "d3/a-2.txt"))
    ids = [a.doc_id for a in unique_ids(given)]
    assert ids == ["a", "a-3", "a-2"]


def test_a_build_caps_a_long_id() -> None:
    from kg.build import unique_ids
    from kg.inputs.ids import MAX_ID
    from kg.records import Article

    assert len(unique_ids([Article("x" * 1_000_000, "One.", "x.txt")])[0].doc_id) == MAX_ID
