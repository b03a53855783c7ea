"""Decode HTML character references in text that kg reads as plain text.

News feeds and copied web text often carry references such as ``&#233;``, ``&#x2019;``,
``&eacute;`` or ``&amp;`` in plain text. kg decodes them once, at input, in the text of
``.txt`` files and standard input and in the ``text``, ``title`` and ``source`` fields
of JSON Lines records (HTML documents are decoded by their parser instead; URLs are
left as given). The rule:

- Only a **complete** reference is decoded: ``&`` + an HTML5 entity name + ``;``, or
  ``&#`` + decimal digits + ``;``, or ``&#x`` + hex digits + ``;``. Without its ``;``
  nothing is a reference, so "AT&T", "R&D", "M&S" and "&copy 2024" stay as written, and
  so does an unknown name (``&foo;``).
- One level only: ``&amp;`` is an escaped ampersand and becomes ``&``; ``&amp;lt;``
  becomes ``&lt;``, as a browser would show it.
- Numbers follow HTML: ``&#128;`` to ``&#159;`` are the Windows-1252 characters
  (``&#150;`` is an en dash). A reference that names no usable character stays as
  written: NUL, a surrogate, a number past U+10FFFF (or of more than seven digits), a
  control character (newline and tab too) or a noncharacter. No reference can put a
  control character into the text.
- Text that holds an HTML tag (``<p>``, ``</b>``, ``<br/>``) is not plainly text: it is
  left exactly as written, so that markup is never half decoded.

>>> decode_references("Caf&eacute; owner says &#8220;no&#8221; to AT&T &amp; R&D")
'Café owner says “no” to AT&T & R&D'
>>> decode_references("&#0; &#xD800; &#99999999; &#1; &foo; &amp")
'&#0; &#xD800; &#99999999; &#1; &foo; &amp'
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.entities import html5

_REFERENCE = re.compile(
    r"&(?:#0*([0-9]{1,7})|#[xX]0*([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));"
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def decode_references(text: str) -> str:
    """Decode the complete character references of plain ``text`` (module rules)."""
    if "&" not in text or _TAG.search(text):
        return text
    return _REFERENCE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    """The text of one reference, or the reference itself when it names no usable text."""
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        decoded = html5.get(name + ";")
    else:
        code = int(decimal, 10) if decimal is not None else int(hexadecimal, 16)
        decoded = _character(code)
    return decoded if decoded and all(map(_usable, decoded)) else match.group()


def _character(code: int) -> str | None:
    """The character numeric reference ``code`` stands for in HTML, or None."""
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return None
    return html.unescape(f"&#{code};")  # also maps 128-159 as Windows-1252


def _usable(char: str) -> bool:
    """Not a control character, a surrogate or a noncharacter."""
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return False
    return unicodedata.category(char) not in ("Cc", "Cs")
