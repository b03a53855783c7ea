"""SPARQL over built graphs, read-only.

``load`` reads a graph file or output folder, ``guard`` refuses updates and remote data,
``run`` runs a query (rdflib or the on-disk store) and formats its result, ``named``
holds the named queries of ``queries/*.rq``; ``store`` is the on-disk pyoxigraph store
of large builds and ``push`` sends a graph to a SPARQL 1.1 server.
"""
