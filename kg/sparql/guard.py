"""What kg refuses to run: updates (INSERT, DELETE, LOAD, ...) and remote data.

Only SELECT, ASK, CONSTRUCT and DESCRIBE run. The decision is taken on the parsed
query (rdflib's SPARQL parser): a ``SERVICE`` anywhere in the parse tree or a dataset
clause (``FROM``, ``FROM NAMED``) is refused, whatever comments or strings surround
it. A one-pass lexer over the text (IRIs, strings and comments read left to right,
as the grammar does) is a second check, for the engine that parses on its own.

>>> checked_form("ask { ?s ?p ?o }")
'ASK'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

UPDATE_WORDS = tuple("INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH".split())

REMOTE_MESSAGE = "SERVICE and FROM are refused: kg queries the loaded graph only"

_TOKENS = re.compile(
    r"(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*')"
    r"|(?P<comment>#[^\n\r]*)",
    re.S,
)
"""IRIs, strings and comments, matched in one pass from left to right."""


class QueryError(ValueError):
    """A query that kg refuses to run or that does not parse."""


def code_only(sparql: str) -> str:
    """Blank out IRIs, string literals and comments, leaving the keywords.

    One pass from left to right, so a quote inside a comment opens no string:

    >>> q = '"' * 3
    >>> code_only(f"# {q}\\nSERVICE <x> {{ }}\\n# {q}").split()
    ['SERVICE', '<>', '{', '}']
    """

    def blank(match: re.Match[str]) -> str:
        kind = match.lastgroup
        return {"iri": " <> ", "string": " '' "}.get(kind or "", " ")

    return _TOKENS.sub(blank, sparql)


def blanked(sparql: str) -> str:
    """``sparql`` with IRIs, strings and comments turned to spaces (same length, so
    positions in it are positions in the query).

    >>> query = '?s <urn:x> "}" # {'
    >>> blanked(query).strip(), len(blanked(query)) == len(query)
    ('?s', True)
    """
    return _TOKENS.sub(lambda match: " " * len(match.group()), sparql)


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


def parse_tree(sparql: str):
    """Parse ``sparql`` with rdflib's SPARQL grammar; QueryError for an update or bad syntax."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(sparql)
    except RecursionError:
        raise QueryError("invalid SPARQL: the query is nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - pyparsing raises many types
        refuse_update(sparql)
        raise QueryError(f"invalid SPARQL: {one_line(error)}") from None


def nodes(tree: object) -> Iterator[object]:
    """Every node of an rdflib parse tree or algebra (CompValue, lists), depth first."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Node

    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, CompValue):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(v for v in node if not isinstance(v, Node | str))


def remote_parts(tree: object) -> set[str]:
    """``SERVICE`` and/or ``FROM`` if a parsed query (or its algebra) has them.

    >>> sorted(remote_parts(parse_tree("SELECT * FROM <urn:g> { SERVICE <urn:s> {} }")))
    ['FROM', 'SERVICE']
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    found = set()
    for node in nodes(tree):
        if not isinstance(node, CompValue):
            continue
        if node.name == "ServiceGraphPattern":
            found.add("SERVICE")
        if node.name == "DatasetClause":
            found.add("FROM")
    return found


def checked_form(sparql: str) -> str:
    """Return the query form; raise QueryError for an update, remote data or bad syntax.

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
    tree = parse_tree(sparql)
    if remote_parts(tree) or remote_words(sparql):
        raise QueryError(REMOTE_MESSAGE)
    return tree[1].name.removesuffix("Query").upper()


def unescaped(sparql: str) -> str:
    r"""Apply SPARQL's ``\uXXXX``/``\UXXXXXXXX`` escapes, as the parser does first
    (an escape of no code point is left as written).

    >>> unescaped(r"\u0053ERVICE")
    'SERVICE'
    """

    def char(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except ValueError:
            return match.group(0)

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", char, sparql)


def remote_words(sparql: str, words: str = "SERVICE|FROM") -> bool:
    """The lexer's check: one of ``words`` as a keyword, outside IRIs, strings, comments."""
    code = code_only(unescaped(sparql))
    return re.search(rf"(?<![\w:?$-])({words})(?![\w:-])", code, re.I) is not None


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
