"""The one form in which kg compares names of entities.

Resolution, coreference and the gold evaluation all ask "are these the same name?";
they ask it of :func:`normalise_name`.

>>> normalise_name("  The  Met’s ")
'met'
>>> normalise_name("Jones'") == normalise_name("JONES")
True
"""

from __future__ import annotations

import re

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """Lower-case, collapse spaces, drop a leading "the" and a trailing possessive ('s, ').

    >>> normalise_name("The  Treasury's")
    'treasury'
    """
    text = _LEADING_THE.sub("", name.strip())
    return " ".join(_POSSESSIVE.sub("", text).lower().split())
