"""Tests of kg.inputs."""
