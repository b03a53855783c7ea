r"""The one ``\uXXXX`` escaper for characters that text output must not carry raw.

JSON Lines files and RDF files may hold NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029) raw, but some readers (Python's ``str.splitlines``,
JavaScript) take them for line ends; RDF output also writes the other control
characters escaped. JSON, Turtle and N-Triples all read ``\uXXXX`` alike.
(The HTML page escapes for HTML and ``<script>`` instead: a different job.)

>>> escape_chars('{"q": "a\u2028b"}')
'{"q": "a\\u2028b"}'
>>> escape_chars('"a\x01b\x7f"', RDF_UNSAFE)
'"a\\u0001b\\u007F"'
"""

from __future__ import annotations

import re

LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line ends to ``str.splitlines`` that JSON leaves raw: NEL, LS, PS."""

RDF_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters (but tab, LF and CR), DEL, C1 controls (NEL among them), LS and PS."""


def escape_chars(text: str, chars: re.Pattern[str] = LINE_BREAKS) -> str:
    r"""Write each character that ``chars`` matches as ``\uXXXX`` (upper-case hex)."""
    return chars.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
