"""Tests of kg.evaluation."""
