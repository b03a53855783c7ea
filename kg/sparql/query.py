"""Former home of kg's SPARQL code, now split into load, guard, run and named.

Kept only so that ``kg/cli.py`` (and ``kg/serve/server.py``, for ``named_queries``)
keep working until they import the new modules (the lead points them there when
merging); new code imports from :mod:`kg.sparql.load`, :mod:`kg.sparql.guard`,
:mod:`kg.sparql.run` and :mod:`kg.sparql.named`.
"""

from kg.sparql.guard import QueryError
from kg.sparql.named import load_named_query, named_queries
from kg.sparql.run import format_result, query_path

__all__ = ["QueryError", "format_result", "load_named_query", "named_queries", "query_path"]
