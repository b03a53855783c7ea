"""Tests of kg.rdf."""
