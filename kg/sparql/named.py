"""The named queries shipped with kg (``kg/sparql/queries/*.rq``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


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
