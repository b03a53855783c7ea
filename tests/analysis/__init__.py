"""Tests of kg.analysis."""
