"""Exporters: write a built graph as files (RDF in :mod:`kg.export.rdf`)."""
