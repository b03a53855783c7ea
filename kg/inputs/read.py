"""Read articles from files, folders and standard input, refusing what is not text."""

from __future__ import annotations

import codecs
import glob
import hashlib
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import InputError
from kg.inputs.charrefs import decode_references
from kg.inputs.dates import normalise_published
from kg.inputs.ids import cap_id, unique_ids
from kg.inputs.sniff import HTML_SUFFIXES, binary_kind, html_to_text, looks_like_html, read_latin1
from kg.inputs.sources import source_name
from kg.records import Article

TEXT_SUFFIXES = frozenset({".txt"}) | HTML_SUFFIXES
JSONL_SUFFIXES = frozenset({".jsonl"})
"""JSON Lines files hold one article a line: ``{"id": ..., "text": ..., "title": ...}``."""
DEFAULT_MAX_CHARS = 2_000_000
BYTES_PER_CHAR = 4
"""A file over ``BYTES_PER_CHAR * max_chars`` bytes (+ a BOM) is refused unread."""

_GLOB = re.compile(r"[*?\[]")
_log = logging.getLogger(__name__)


def decode(data: bytes, name: str, on_note: Callable[[str], None] | None = None) -> str:
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
    kind = binary_kind(data)
    if kind:
        raise InputError(f"{name}: not a text file ({kind}, binary content); save it as text")
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        head = data[:4096]
        if sum(b < 32 and b not in b"\t\n\r\f" for b in head) > len(head) // 100:
            raise InputError(f"{name}: not a text file (binary content)") from None
        text = read_latin1(data)
        if text is None:
            raise InputError(
                f"{name}: not valid UTF-8 text (byte {err.start}) and not plausible "
                "Latin-1/Windows-1252 either; convert it to UTF-8"
            ) from None
        (on_note or _log.warning)(f"{name} is not UTF-8; read it as Windows-1252 (Latin-1)")
        return text


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


def make_article(
    raw: bytes,
    name: str,
    doc_id: str,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_note: Callable[[str], None] | None = None,
    *,
    source: str | None = None,
) -> Article:
    """Check and decode one article's bytes (HTML is turned into its text; the character
    references of plain text are decoded, see :mod:`kg.inputs.charrefs`).

    ``name`` names the input in errors; ``source`` (default ``name``) is recorded.
    """
    text = decode(raw, name, on_note)
    if looks_like_html(name, text):
        text = clean_text(html_to_text(text))
    else:
        text = decode_references(clean_text(text))
    if not text.strip():
        raise InputError(f"{name}: empty article (no text)")
    if len(text) > max_chars:
        raise InputError(
            f"{name}: {len(text):,} characters is over the limit of {max_chars:,}",
            setting="max_chars",
        )
    return Article(doc_id, text, name if source is None else source, title_of(text))


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named, files matched by glob patterns, and the article files in folders.

    Folders are searched recursively for .txt, .html, .htm and .jsonl files; a
    pattern (``news/**/*.txt``, ``feed-2022-*.jsonl``; ``**`` spans folders) takes
    every file it matches, in sorted order. ``-`` stands for standard input. Raises
    :class:`InputError` for a missing path, a pattern that matches nothing, or a folder
    with no article files.
    """
    found: list[str] = []
    for item in inputs:
        if item == "-":
            found.append(item)
            continue
        path = Path(item)
        if not path.exists() and _GLOB.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"{item}: the pattern matches no file")
            found += files
            continue
        if path.is_dir():
            files = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES and p.is_file()
            )
            if not files:
                raise InputError(f"{item}: folder has no .txt files (nor .html/.htm/.jsonl)")
            found += files
        elif path.is_file():
            found.append(str(path))
        elif path.exists():
            raise InputError(f"{item}: not a regular file or folder")
        else:
            raise InputError(f"{item}: no such file or folder")
    return found


@dataclass(frozen=True, slots=True)
class ReadInputs:
    """The articles read from the inputs, and why each skipped input was skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[str, ...] = ()


def read_inputs(
    inputs: Iterable[str],
    max_chars: int = DEFAULT_MAX_CHARS,
    *,
    strict: bool = False,
    on_note: Callable[[str], None] | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> ReadInputs:
    """Read every input (see :func:`expand_inputs`), skipping the unreadable ones.

    The skip policy: a bad line of a JSON Lines file, a bad file among several that one
    input names (a folder, a pattern), and a bad input among several inputs are skipped
    and reported to ``on_skip``. A bad input that is the only input, any bad input with
    ``strict``, and ending with no article at all raise :class:`InputError`.
    """
    inputs = list(inputs)
    articles: list[Article] = []
    skipped: list[str] = []

    def skip(err: InputError, fatal: bool) -> None:
        if fatal:
            raise err
        skipped.append(str(err))
        if on_skip is not None:
            on_skip(str(err))

    for given in inputs:
        try:
            items = expand_inputs([given])
            for item in items:
                try:
                    for found in read_articles(item, max_chars, on_note):
                        if isinstance(found, InputError):
                            skip(found, strict)  # one bad line of a .jsonl
                        else:
                            articles.append(found)
                except InputError as err:
                    skip(err, strict or len(items) == 1)
        except InputError as err:
            skip(err, strict or len(inputs) == 1)
    if not articles:
        raise InputError(f"no readable article among the inputs ({len(skipped)} skipped)")
    return ReadInputs(tuple(unique_ids(articles, _rename_note(on_note))), tuple(skipped))


def _rename_note(
    on_note: Callable[[str], None] | None,
) -> Callable[[Article, str], None] | None:
    """Tell ``on_note`` of an article whose id another input holds, and its new id."""
    if on_note is None:
        return None
    return lambda article, new_id: on_note(
        f"{article.source}: id {article.doc_id[:60]!r} is used by another input; "
        f"renamed {new_id[:70]!r}"
    )


def read_articles(
    item: str, max_chars: int = DEFAULT_MAX_CHARS, on_note: Callable[[str], None] | None = None
) -> list[Article | InputError]:
    """Read one input as articles: a JSON Lines file gives one a line, anything else one.

    A bad line of a JSON Lines file comes back as an :class:`InputError` in the list
    (so that it can be reported and skipped); a bad file of any kind raises one.
    """
    if item != "-" and Path(item).suffix.lower() in JSONL_SUFFIXES:
        return list(_jsonl_articles(Path(item), max_chars, on_note))
    return [read_article(item, max_chars, on_note)]


def _jsonl_articles(
    path: Path, max_chars: int, on_note: Callable[[str], None] | None = None
) -> Iterator[Article | InputError]:
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    source = source_name(path)
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                name, fallback_id = f"{path}:{number}", f"{path.stem}-{number}"
                article = _jsonl_article(line, name, fallback_id, max_chars, on_note)
                if isinstance(article, Article):
                    article = replace(article, source=f"{source}:{number}")
                yield article


def _jsonl_article(
    line: bytes,
    name: str,
    fallback_id: str,
    max_chars: int,
    on_note: Callable[[str], None] | None = None,
) -> Article | InputError:
    """One JSON Lines record as an article, or the error that says why not.

    Optional fields: ``title``, ``url``, ``published`` (see :mod:`kg.inputs.dates`) and
    ``source`` (the outlet). A malformed optional field is dropped with a note; the
    article is kept.

    >>> _jsonl_article(b'{"id": "a1", "title": "T", "text": "Body."}', "f:1", "f-1", 99).doc_id
    'a1'
    >>> str(_jsonl_article(b'{"id": "a1"}', "f:1", "f-1", 99))
    'f:1: a JSON Lines article needs a "text" string'
    """
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError) as err:
        return InputError(f"{name}: not a JSON object ({str(err).splitlines()[0]})")
    except RecursionError:
        return InputError(f"{name}: not a JSON object (nested too deeply)")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputError(f'{name}: a JSON Lines article needs a "text" string')
    doc_id = record.get("id")
    doc_id = str(doc_id) if isinstance(doc_id, str | int) and str(doc_id).strip() else fallback_id
    doc_id = cap_id(doc_id)
    try:
        article = make_article(record["text"].encode("utf-8"), name, doc_id, max_chars)
    except InputError as err:
        return err
    except UnicodeEncodeError:
        return InputError(f"{name}: text holds unpaired surrogates")
    title = decode_references(_optional_text(record, "title"))
    return Article(
        article.doc_id,
        article.text,
        name,
        title or article.title,
        url=_url(record, name, on_note),
        published=_published(record, name, on_note),
        publisher=decode_references(_optional_text(record, "source")),
    )


def _optional_text(record: dict, key: str, limit: int = 500) -> str:
    """A one-line string field of a record, or "" when absent or not a string."""
    value = record.get(key)
    return clean_text(" ".join(value.split()))[:limit] if isinstance(value, str) else ""


def _url(record: dict, name: str, on_note: Callable[[str], None] | None) -> str:
    url = _optional_text(record, "url", limit=2000)
    if url and not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", url, re.I):
        if on_note:
            on_note(f"{name}: url {url[:60]!r} is not an http(s) URL; left out")
        return ""
    return url


def _published(record: dict, name: str, on_note: Callable[[str], None] | None) -> str:
    value = record.get("published")
    if value is None or value == "":
        return ""
    try:
        if not isinstance(value, str):
            raise ValueError(f"not a date: {value!r}"[:60])
        return normalise_published(value)
    except ValueError as err:
        if on_note:
            on_note(f"{name}: published {err}; left out")
        return ""


def read_article(
    item: str, max_chars: int = DEFAULT_MAX_CHARS, on_note: Callable[[str], None] | None = None
) -> Article:
    """Read one input (a path or ``-``) as an :class:`Article`.

    ``on_note`` receives what is worth telling the user about a usable input (a
    guessed encoding); without it, notes are logged as warnings.
    """
    limit = BYTES_PER_CHAR * max_chars + len(codecs.BOM_UTF8)
    if item == "-":
        raw = sys.stdin.buffer.read(limit + 1)
        _check_size(len(raw), limit, "<stdin>", max_chars)
        doc_id = "stdin-" + hashlib.sha1(raw).hexdigest()[:8]
        return make_article(raw, "<stdin>", doc_id, max_chars, on_note)
    path = Path(item)
    try:
        _check_size(path.stat().st_size, limit, item, max_chars)  # before reading anything
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as err:
        raise InputError(f"{item}: cannot read ({err.strerror})") from None
    _check_size(len(raw), limit, item, max_chars)
    return make_article(
        raw, str(path), doc_id_for(path), max_chars, on_note, source=source_name(path)
    )


def _check_size(size: int, limit: int, name: str, max_chars: int) -> None:
    if size > limit:
        raise InputError(
            f"{name}: {size:,} bytes is over the limit of {max_chars:,} characters",
            setting="max_chars",
        )


def doc_id_for(path: Path) -> str:
    """A document id from a file name: its stem.

    >>> doc_id_for(Path("news/000_abc.txt"))
    '000_abc'
    """
    return cap_id(path.stem)
