"""What kg refuses to run: updates (INSERT, DELETE, LOAD, ...) and remote data.

Only SELECT, ASK, CONSTRUCT and DESCRIBE run; the check reads the query's keywords,
with IRIs, strings and comments blanked out, before anything is executed.

>>> checked_form("ask { ?s ?p ?o }")
'ASK'
"""

from __future__ import annotations

import re

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

UPDATE_WORDS = tuple("INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH".split())


class QueryError(ValueError):
    """A query that kg refuses to run or that does not parse."""


def code_only(sparql: str) -> str:
    """Blank out IRIs, string literals and comments, leaving the keywords."""
    text = re.sub(r"<[^<>\"{}|^`\\\s]*>", " <> ", sparql)
    text = re.sub(
        r"\"\"\".*?\"\"\"|'''.*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'",
        " '' ",
        text,
        flags=re.S,
    )
    return re.sub(r"#[^\n]*", " ", text)


def query_form(sparql: str) -> str:
    """Return the first keyword after the prologue (PREFIX/BASE), upper-cased.

    >>> query_form("PREFIX ex: <http://e.org/#> # a comment\\nselect * { ?s ?p ?o }")
    'SELECT'
    >>> query_form("DELETE WHERE { ?s ?p ?o }")
    'DELETE'
    """
    text = code_only(sparql)
    prologue = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)", re.I)
    while match := prologue.match(text):
        text = text[match.end() :]
    word = re.match(r"\s*([A-Za-z]+)", text)
    return word.group(1).upper() if word else ""


def checked_form(sparql: str) -> str:
    """Return the query form; raise QueryError for an update or remote data.

    >>> checked_form("SELECT * WHERE { SERVICE <urn:x> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.sparql.guard.QueryError: SERVICE and FROM are refused: kg queries the loaded graph only
    """
    form = query_form(sparql)
    if form in UPDATE_WORDS:
        raise QueryError(
            f"{form} is an update and is refused: only {'/'.join(QUERY_FORMS)} queries can be run"
        )
    if re.search(r"(?<![\w:?$-])(SERVICE|FROM)\b", code_only(sparql), re.I):
        raise QueryError("SERVICE and FROM are refused: kg queries the loaded graph only")
    return form


def refuse_update(sparql: str) -> None:
    """Raise QueryError if ``sparql`` parses as a SPARQL update."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(sparql)
    except Exception:  # noqa: BLE001 - not an update either: a plain syntax error
        return
    raise QueryError("updates are refused: only SELECT/ASK/CONSTRUCT/DESCRIBE can be run")


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
