"""Invisible characters inside names (issue 14 item 13)."""

from __future__ import annotations

import pytest

from kg.names import clean_name, normalise_name

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u2066", "\u2060"]


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_leave_names_and_keys(char: str) -> None:
    name = f"Gor{char}don Brown"
    assert clean_name(name) == "Gordon Brown"
    assert normalise_name(name) == normalise_name("Gordon Brown") == "gordon brown"


def test_names_are_nfc() -> None:
    assert clean_name("Sa\u0303o Paulo") == "S\u00e3o Paulo"
    assert normalise_name("Sa\u0303o Paulo") == normalise_name("S\u00e3o Paulo")
