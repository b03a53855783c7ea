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
