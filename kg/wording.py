"""Counts in messages, in the right number: "1 document", "2 documents".

>>> counted(1, "document"), counted(2, "entity"), counted(0, "gold file")
('1 document', '2 entities', '0 gold files')
"""

from __future__ import annotations

_VOWELS = frozenset("aeiou")


def plural(noun: str) -> str:
    """The plural of an English noun (its last word) by the regular rules.

    >>> [plural(w) for w in ("entity", "day", "quote", "match", "query worker")]
    ['entities', 'days', 'quotes', 'matches', 'query workers']
    """
    if noun.endswith("y") and noun[-2:-1] not in _VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def counted(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, plural unless the count is one.

    ``plural_form`` is for nouns that the regular rules get wrong.

    >>> counted(1, "long query"), counted(3, "person", "people")
    ('1 long query', '3 people')
    """
    word = noun if count == 1 else (plural_form or plural(noun))
    return f"{count} {word}"
