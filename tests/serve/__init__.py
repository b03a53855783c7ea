"""Tests of kg.serve."""
