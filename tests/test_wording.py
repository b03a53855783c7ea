"""kg.wording: counts in messages, singular or plural."""

from __future__ import annotations

import pytest

from kg.wording import counted, plural


@pytest.mark.parametrize(
    "count, noun, expected",
    [
        (0, "document", "0 documents"),
        (1, "document", "1 document"),
        (2, "document", "2 documents"),
        (1, "entity", "1 entity"),
        (21, "entity", "21 entities"),
        (1, "unchanged article", "1 unchanged article"),
        (3, "gold file", "3 gold files"),
        (2, "long query", "2 long queries"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
    ],
)
def test_wording_counted(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected


def test_wording_irregular_plural_is_given() -> None:
    assert counted(2, "person", "people") == "2 people"
    assert counted(1, "person", "people") == "1 person"
    assert plural("person") == "persons"  # the rules alone: why the override exists
