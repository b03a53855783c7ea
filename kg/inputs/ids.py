"""Document ids: short, and unique across one build by construction.

An id comes from a file stem or a JSON Lines ``id``; two inputs may give the same one
(``d1/a.txt`` and ``d2/a.txt``). :func:`unique_ids` renames the later ones to
``a-2``, ``a-3``, ... skipping every id that any input already holds, so a rename never
lands on another document's id.

>>> [a.doc_id for a in unique_ids([Article("a", "", "x"), Article("a", "", "y"),
...                                Article("a-2", "", "z")])]
['a', 'a-3', 'a-2']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace

from kg.records import Article

MAX_ID = 200
"""The longest document id, in characters; a longer one is cut and given a hash."""


def cap_id(doc_id: str) -> str:
    """``doc_id`` cut to :data:`MAX_ID` characters, ending in a hash of the whole when cut.

    >>> cap_id("a1")
    'a1'
    >>> long = cap_id("x" * 10_000)
    >>> len(long), long[-9:] == "-" + hashlib.sha1(("x" * 10_000).encode()).hexdigest()[:8]
    (200, True)
    """
    if len(doc_id) <= MAX_ID:
        return doc_id
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{doc_id[: MAX_ID - 9]}-{digest}"


def unique_ids(
    articles: Iterable[Article], on_rename: Callable[[Article, str], None] | None = None
) -> list[Article]:
    """The articles with capped ids, a repeated id renamed to the first free ``id-N``.

    ``on_rename(article, new_id)`` hears of each rename (the article as it came).
    """
    articles = [
        a if len(a.doc_id) <= MAX_ID else replace(a, doc_id=cap_id(a.doc_id)) for a in articles
    ]
    taken = {a.doc_id for a in articles}
    used: set[str] = set()
    next_n: dict[str, int] = {}
    out = []
    for article in articles:
        doc_id = article.doc_id
        if doc_id in used:
            doc_id = _free_id(doc_id, taken, used, next_n)
            if on_rename is not None:
                on_rename(article, doc_id)
            article = replace(article, doc_id=doc_id)
        used.add(doc_id)
        out.append(article)
    return out


def _free_id(base: str, taken: set[str], used: set[str], next_n: dict[str, int]) -> str:
    """The first ``base-N`` (N from 2) that no input holds and no rename took."""
    n = next_n.get(base, 2)
    while f"{base}-{n}" in taken or f"{base}-{n}" in used:
        n += 1
    next_n[base] = n + 1
    return f"{base}-{n}"
