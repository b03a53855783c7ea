"""The one form in which kg compares names of entities.

Resolution, coreference and the gold evaluation all ask "are these the same name?";
they ask it of :func:`normalise_name`.

>>> normalise_name("  The  Met’s ")
'met'
>>> normalise_name("Jones'") == normalise_name("JONES")
True
>>> normalise_name("Gor\u200bdon Brown") == normalise_name("Gordon Brown")
True
"""

from __future__ import annotations

import re
import unicodedata

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)


def clean_name(name: str) -> str:
    """A name as written, in NFC and without format characters (Unicode category Cf).

    Zero-width spaces and joiners, soft hyphens, byte-order marks and bidi controls are
    invisible: left in, they make a lookalike of a name.

    >>> clean_name("Gor\u00addon\u200b \ufeffBrown\u202c")
    'Gordon Brown'
    >>> clean_name("Sa\u0303o Paulo") == "S\u00e3o Paulo"
    True
    """
    if name.isascii():
        return name
    text = unicodedata.normalize("NFC", name)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def normalise_name(name: str) -> str:
    """Lower-case, collapse spaces, drop a leading "the" and a trailing possessive ('s, ').

    >>> normalise_name("The  Treasury's")
    'treasury'
    """
    text = _LEADING_THE.sub("", clean_name(name).strip())
    return " ".join(_POSSESSIVE.sub("", text).lower().split())
