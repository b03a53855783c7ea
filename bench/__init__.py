"""Benchmarks of kg (run by hand, not by the test suite)."""
