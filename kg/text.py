"""Read articles from files, folders and standard input, refusing what is not text."""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.records import Article

TEXT_SUFFIXES = frozenset({".txt"})
DEFAULT_MAX_CHARS = 2_000_000


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    >>> decode("café".encode("utf-8"), "a.txt")
    'café'
    >>> decode(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), "b.txt")
    'hi'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (binary content)")
    return _decode(data, "utf-8", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (byte {err.start}); convert it to UTF-8"
        ) from None


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters other than newline and tab.

    >>> clean_text("a\\r\\nb\\x07c")
    'a\\nbc'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)


def title_of(text: str) -> str:
    """The first line when it reads as a headline (short, no full stop), else ''.

    >>> title_of("Police chief quits\\n\\nThe chief of ...")
    'Police chief quits'
    """
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 150 and not first.endswith((".", '"', ":")) else ""


def make_article(raw: bytes, name: str, doc_id: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Check and decode one article's bytes."""
    text = clean_text(decode(raw, name))
    if not text.strip():
        raise InputError(f"{name}: empty article (no text)")
    if len(text) > max_chars:
        raise InputError(
            f"{name}: {len(text):,} characters is over the limit of "
            f"{max_chars:,} (raise it with --max-chars)"
        )
    return Article(doc_id, text, name, title_of(text))


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named, and the .txt files found (recursively) in folders named.

    ``-`` stands for standard input. Raises :class:`InputError` for a missing path
    or a folder with no text files.
    """
    found: list[str] = []
    for item in inputs:
        if item == "-":
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                str(p) for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()
            )
            if not files:
                raise InputError(f"{item}: folder has no .txt files")
            found += files
        elif path.is_file():
            found.append(str(path))
        else:
            raise InputError(f"{item}: no such file or folder")
    return found


def read_article(item: str, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Read one input (a path or ``-``) as an :class:`Article`."""
    if item == "-":
        raw = sys.stdin.buffer.read()
        return make_article(raw, "<stdin>", "stdin-" + hashlib.sha1(raw).hexdigest()[:8], max_chars)
    path = Path(item)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{item}: cannot read ({err.strerror})") from None
    return make_article(raw, str(path), doc_id_for(path), max_chars)


def doc_id_for(path: Path) -> str:
    """A document id from a file name: its stem.

    >>> doc_id_for(Path("news/000_abc.txt"))
    '000_abc'
    """
    return path.stem
