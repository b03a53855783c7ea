"""SPARQL: loading built graphs, running read-only queries, the named queries shipped
with kg, the on-disk store of large builds, and pushing a graph to a server."""
