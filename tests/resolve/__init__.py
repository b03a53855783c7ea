"""Tests of kg.resolve."""
