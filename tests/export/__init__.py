"""Tests of kg.export."""
