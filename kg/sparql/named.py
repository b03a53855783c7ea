"""The named queries shipped with kg (``kg/sparql/queries/*.rq``) and their parameters.

Each file opens with a comment. Its first line is the query's one-line summary (what
``kg query --help`` lists); the lines after it explain the answer. Lines of the form

    # @param NAME ?VARIABLE required|optional[:SHAPE]  what to give

declare the parameters that ``--param NAME=VALUE`` binds (to ``?VARIABLE``, which may
differ from the output column of the same name: ``person`` binds ``?personName``, which
the query compares with labels and alt labels in any case); SHAPE (``year``, ``iri``)
is what a value must look like. A line ``# @needs dates``
says the query only answers on a build with dated documents. The file is the one
place: ``--help``, the checks of the parameters and the error for an undated build
all read it.

>>> query = named_query("roles")
>>> [(p.name, p.variable, p.required) for p in query.params][:1]
[('person', 'personName', False)]
>>> query.bindings({"person": "sadiq khan"})
{'personName': 'sadiq khan'}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol, TypeVar

from kg.errors import KgError

_PARAM = re.compile(
    r"#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s+\?(?P<variable>[A-Za-z_]\w*)\s+"
    r"(?P<kind>required|optional)(?::(?P<shape>\w+))?\s+(?P<help>\S.*?)\s*\Z"
)
_NEEDS = re.compile(r"#\s*@needs\s+(?P<need>\w+)\s*\Z")


@dataclass(frozen=True, slots=True)
class Need:
    """Something a query's answer depends on: an ASK that tells, and what to say if not."""

    ask: str
    message: str


NEEDS: dict[str, Need] = {
    "dates": Need(
        "PREFIX kg: <https://kg-news.org/ontology#>\nASK { ?document kg:published ?when }",
        "needs dated articles, and no document of this build has a publication date"
        ' (give "published" in JSON Lines input, then rebuild)',
    ),
}
"""What ``# @needs NAME`` may name."""

SHAPES: dict[str, tuple[re.Pattern[str], str]] = {
    "text": (re.compile(r".*", re.S), ""),
    "year": (re.compile(r"[0-9]{4}"), "a year of four digits, e.g. 2022"),
    "iri": (
        re.compile(r"<[^<>\s]*>|[A-Za-z][\w+.-]*://\S+|urn:\S+|[A-Za-z][\w.-]*:[^\s:]*"),
        "an IRI: a prefixed name such as kg:mayorOf, or <https://...>",
    ),
}
"""What ``# @param ... optional:SHAPE`` may name: a value's pattern, and what it wants."""
_PLACEHOLDERS = {"year": "YYYY", "iri": "IRI"}


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query: ``--param name=value`` binds ``?variable``."""

    name: str
    variable: str
    required: bool
    help: str
    shape: str = "text"
    """A key of :data:`SHAPES`: what a value must look like."""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query: its text, one-line summary, parameters and needs."""

    name: str
    text: str
    summary: str
    params: tuple[Param, ...] = ()
    needs: tuple[str, ...] = ()

    def bindings(self, values: Mapping[str, str]) -> dict[str, str]:
        """Map ``--param`` values to the query's variables.

        Raises :class:`KgError` (exit code 2) for a parameter the query does not
        declare, a required one left out, and a value not of its shape (a year, an IRI).
        """
        known = {p.name: p for p in self.params}
        for given in values:
            if given not in known:
                takes = f"its parameters: {', '.join(known)}" if known else "it takes none"
                raise KgError(f"{self.name} has no parameter {given!r}; {takes}", 2)
        for param in self.params:
            if param.required and param.name not in values:
                raise KgError(f"{self.name} needs --param {param.name}=... ({param.help})", 2)
        for name, value in values.items():
            pattern, wanted = SHAPES[known[name].shape]
            if not pattern.fullmatch(value):
                raise KgError(f"{self.name}: {name}={value!r} is not {wanted}", 2)
        return {known[name].variable: value for name, value in values.items()}

    def usage(self) -> str:
        """The parameters as a line of ``kg query --help``: ``name=... [year=YYYY]``.

        >>> named_query("timeline").usage()
        '[name=...] [year=YYYY]'
        """
        words = []
        for param in self.params:
            word = f"{param.name}={_PLACEHOLDERS.get(param.shape, '...')}"
            words.append(word if param.required else f"[{word}]")
        return " ".join(words)


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read a named query's header comment; ValueError for an unknown ``@`` line.

    >>> q = parse_named_query("q", "# Who? All.\\n# @param who ?w required  a name\\nSELECT")
    >>> q.summary, q.params[0].variable, q.params[0].required
    ('Who? All.', 'w', True)
    """
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    if not header or not header[0].lstrip("# ").strip():
        raise ValueError(f"{name}: a named query opens with a one-line summary comment")
    params, needs = [], []
    for line in header[1:]:
        if "@" not in line:
            continue
        param, need = _PARAM.match(line), _NEEDS.match(line)
        if param:
            shape = param["shape"] or "text"
            if shape not in SHAPES:
                raise ValueError(f"{name}: unknown parameter shape {shape!r} in {line!r}")
            required = param["kind"] == "required"
            params.append(Param(param["name"], param["variable"], required, param["help"], shape))
        elif need and need["need"] in NEEDS:
            needs.append(need["need"])
        elif line.lstrip("# ").startswith("@"):
            raise ValueError(f"{name}: cannot read the header line {line!r}")
    summary = header[0].lstrip("#").strip()
    return NamedQuery(name, text, summary, tuple(params), tuple(needs))


def named_queries() -> dict[str, Path]:
    """The SPARQL files shipped in ``kg/sparql/queries``, by name (file stem).

    >>> {"roles", "stances", "evidence"} <= set(named_queries())
    True
    """
    folder = Path(str(resources.files("kg.sparql") / "queries"))
    return {path.stem: path for path in sorted(folder.glob("*.rq"))}


def load_named_query(name: str) -> str:
    """Return the text of a named query; raise KeyError naming the known ones."""
    queries = named_queries()
    if name not in queries:
        raise KeyError(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name].read_text(encoding="utf-8")


def named_query(name: str) -> NamedQuery:
    """Return a named query with its parameters; KgError (exit 2) naming the known ones."""
    try:
        return parse_named_query(name, load_named_query(name))
    except KeyError as err:
        raise KgError(str(err.args[0]), 2) from None


def named_queries_help() -> str:
    """What ``kg query --help`` says of the named queries: one paragraph each.

    >>> print(named_queries_help().split("\\n\\n")[2])
    neighbours name=...: What is directly connected to an entity, in either direction.
        name: required, the entity (name or alias)
    """
    parts = [
        "Named queries (--named NAME, parameters with --param NAME=VALUE;"
        " names and aliases match in any case):"
    ]
    for name in named_queries():
        query = named_query(name)
        lines = [f"{name} {query.usage()}".rstrip() + f": {query.summary}"]
        lines += [
            f"    {p.name}: {'required' if p.required else 'optional'}, {p.help}"
            for p in query.params
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


class Answer(Protocol):
    """What :func:`run_named` needs of a query result (a kg.sparql.run.QueryResult)."""

    @property
    def rows(self) -> list[tuple[str, ...]]: ...


R = TypeVar("R", bound=Answer)


def run_named(name: str, values: Mapping[str, str], run: Callable[[str, dict[str, str]], R]) -> R:
    """Run a named query with ``--param`` values through ``run(text, bindings)``.

    Bad parameters raise :class:`KgError` before anything runs. An empty answer of a
    query that needs something the build lacks (``@needs dates`` on a build with no
    dated document) raises :class:`KgError` (exit code 2) saying so, instead of
    passing for "no such facts".
    """
    query = named_query(name)
    result = run(query.text, query.bindings(values))
    if not result.rows:
        for need in query.needs:
            answer = run(NEEDS[need].ask, {}).rows
            if answer != [("true",)]:
                raise KgError(f"{name} {NEEDS[need].message}", 2)
    return result
