"""Tests of kg.runners."""
