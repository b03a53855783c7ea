"""Tests for kg.sparql.load: JSON-LD is loaded offline, no @context is fetched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.sparql.load import load_graph
from tests.listener import Listener


def assert_no_connection(listener: Listener) -> None:
    assert listener.close() == 0


def remote_contexts(port: int, tmp_path: Path) -> list[object]:
    local = tmp_path / "ctx.jsonld"
    local.write_text(json.dumps({"@context": {"name": "urn:name"}}))
    url = f"http://127.0.0.1:{port}/ctx.jsonld"
    return [url, [url], local.as_uri(), {"@import": url}, "ctx.jsonld"]


def test_load_graph_refuses_every_remote_context(listener, tmp_path: Path) -> None:
    for context in remote_contexts(listener.port, tmp_path):
        path = tmp_path / "g.jsonld"
        path.write_text(json.dumps({"@context": context, "@id": "urn:a", "name": "A"}))
        with pytest.raises(InputError, match="remote @context .* refused"):
            load_graph(path)
    assert_no_connection(listener)


def test_load_graph_refuses_a_nested_remote_context(listener, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{listener.port}/c"
    path = tmp_path / "g.jsonld"
    path.write_text(json.dumps({"@graph": [{"@context": url, "@id": "urn:a", "name": "A"}]}))
    with pytest.raises(InputError, match="refused: kg loads JSON-LD offline"):
        load_graph(path)
    assert_no_connection(listener)


def test_load_graph_keeps_an_inline_context(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonld"
    path.write_text(json.dumps({"@context": {"name": "urn:name"}, "@id": "urn:a", "name": "A"}))
    assert len(load_graph(path)) == 1


@pytest.mark.parametrize("command", [["query", "SELECT * { ?s ?p ?o }"], ["validate"]])
def test_cli_on_jsonld_with_remote_context_is_exit_2(listener, tmp_path, command) -> None:
    path = tmp_path / "g.jsonld"
    url = f"http://127.0.0.1:{listener.port}/ctx"
    path.write_text(json.dumps({"@context": url, "@id": "urn:a", "name": "A"}))
    args = [command[0], str(path), *command[1:]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "remote @context" in result.output and "Traceback" not in result.output
    assert_no_connection(listener)
