"""Recognise what an input file holds: documents that are not text, Latin-1, HTML.

kg reads UTF-8 and UTF-16 (with a BOM). Everything else is decided here, from the
bytes alone, by three documented rules:

- **Not text**: a file that starts with the signature of a PDF, a zip archive (also
  .docx, .odt, .epub, .xlsx), gzip, an old Office document or a PNG, JPEG or GIF
  image is named as such and refused.
- **Latin-1**: bytes that are not UTF-8 are read as Windows-1252 (a superset of
  Latin-1 for text) only when that reading is plausible: no byte that Windows-1252
  leaves undefined, no well-formed UTF-8 multi-byte sequence (that means damaged
  UTF-8), every non-ASCII character a letter or a common typographic sign, never
  three non-ASCII characters in a row, and every word with a non-ASCII letter also
  has an ASCII letter or is one letter long ("José", "à", "Ærø"). Otherwise the
  file is refused as invalid UTF-8.
- **HTML**: a ``.html``/``.htm`` file, or text that starts with ``<!doctype html``
  or ``<html``, is turned into plain text with the standard library's parser:
  script, style and template content dropped, block elements as paragraphs.
  Character references are decoded as a browser does (a number of no character, such
  as ``&#0;`` or one past U+10FFFF however long, becomes U+FFFD).

>>> binary_kind(b"%PDF-1.7 ...")
'a PDF'
>>> read_latin1("Jos\\xe9 Garc\\xeda said \\x93no\\x94.".encode("latin-1"))
'José García said “no”.'
>>> html_to_text("<p>Hello <b>world</b></p><script>x()</script><p>Bye</p>")
'Hello world\\n\\nBye'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import PurePath

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
"""File signatures ("magic numbers") of common documents that are not text."""

HTML_SUFFIXES = frozenset({".html", ".htm"})

_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_TYPOGRAPHIC = frozenset("‘’‚“”„–—…•·«»‹›°±§¶©®™€£¥¢×÷¼½¾¹²³ªº¿¡\xa0\xad´¨¸¯¬¦µ†‡‰ˆ˜")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3}")
_WORD = re.compile(r"[^\W\d_]+")
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_OVERLONG_REFERENCE = re.compile(r"&#(?:[xX]0*[0-9A-Fa-f]{7,}|0*[0-9]{8,});?")
"""A numeric reference past U+10FFFF by its length alone (the parser's int() of thousands
of digits would raise)."""


def binary_kind(data: bytes) -> str | None:
    """Name the kind of document ``data`` is when its signature says it is not text.

    >>> binary_kind(b"PK\\x03\\x04rest"), binary_kind(b"plain words")
    ('a zip archive', None)
    """
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def read_latin1(data: bytes) -> str | None:
    """Return ``data`` read as Windows-1252 when that is plausible (module rules), else None.

    >>> read_latin1("caf\\xe9".encode("latin-1"))
    'café'
    >>> read_latin1("café".encode() + b" \\xff") is None  # damaged UTF-8
    True
    >>> read_latin1(b"noise \\xff\\xfe\\xfa here") is None
    True
    """
    if _UTF8_SEQUENCE.search(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for char in text:
        if char >= "\x80" and not (char in _TYPOGRAPHIC or unicodedata.category(char)[0] == "L"):
            return None
    if _NON_ASCII_RUN.search(text):
        return None
    for word in _WORD.findall(text):
        if not word.isascii() and len(word) > 1 and not re.search("[A-Za-z]", word):
            return None
    return text


def looks_like_html(name: str, text: str) -> bool:
    """True for a ``.html``/``.htm`` file name or text that opens as an HTML document.

    >>> looks_like_html("a.txt", "  <!DOCTYPE html><p>x"), looks_like_html("a.txt", "<b>x</b>")
    (True, False)
    """
    return PurePath(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text))


def html_to_text(markup: str) -> str:
    """Return the text of an HTML document: paragraphs separated by blank lines.

    >>> html_to_text("<title>T</title><h1>A &amp; B</h1>one<br>two")
    'T\\n\\nA & B\\n\\none\\ntwo'
    >>> html_to_text("<p>&#0;&#99999999;&#x110000;</p>")
    '\\ufffd\\ufffd\\ufffd'
    """
    parser = _TextParser()
    parser.feed(_OVERLONG_REFERENCE.sub("\ufffd", markup))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextParser(HTMLParser):
    """Collect text; paragraphs at block elements; skip script, style and the like."""

    SKIP = frozenset({"script", "style", "template", "noscript", "svg", "math", "iframe"})
    BLOCKS = frozenset(
        "address article aside blockquote caption dd div dl dt figcaption figure footer form "
        "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th title tr ul".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []  # the open skipped elements, innermost last
        self._open: Counter[str] = Counter()  # how many of each are open: no scan per end tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping.append(tag)
            self._open[tag] += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._open[tag]:
            self._close_skipped(tag)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def _close_skipped(self, tag: str) -> None:
        """Close the innermost open ``tag`` and every skipped element inside it."""
        while True:
            closed = self._skipping.pop()
            self._open[closed] -= 1
            if closed == tag:
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))
