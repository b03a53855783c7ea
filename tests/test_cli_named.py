"""kg query --named: parameters checked, names in any case, undated builds, --help."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.graph import build_graph
from kg.records import Corpus, DocumentInfo
from kg.sparql.named import named_queries, named_query
from tests.factories import sample_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dated") / "graph.ttl"
    build_graph(sample_corpus()).serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = sample_corpus()
    documents = tuple(DocumentInfo(d.doc_id, d.source, d.title) for d in corpus.documents)
    path = tmp_path_factory.mktemp("undated") / "graph.ttl"
    graph = build_graph(Corpus(documents, corpus.nodes, corpus.facts, corpus.quotes, corpus.roles))
    graph.serialize(path, format="turtle")
    return path


def query(*args: str):
    return runner.invoke(app, ["query", *args], env={"COLUMNS": "250"})


def test_cli_named_help_lists_every_query_with_its_parameters() -> None:
    result = query("--help")
    assert result.exit_code == 0, result.output
    for name in named_queries():
        named = named_query(name)
        assert f"{name} {named.usage()}".strip() + ":" in result.output
        for param in named.params:
            assert f"{param.name}: {'required' if param.required else 'optional'}" in (
                result.output
            )
    assert "neighbours name=...:" in result.output


def test_cli_named_name_in_another_case(dated: Path) -> None:
    result = query(str(dated), "--named", "roles", "--param", "person=CRESSIDA DICK")
    assert result.exit_code == 0, result.output
    assert "Cressida Dick" in result.output and "commissioner of" in result.output
    assert result.output.rstrip().endswith("(1 row)")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--named", "timeline"], "kg: error: timeline needs dated articles, and no document"),
        (
            ["--named", "timeline", "--param", "year=2022"],
            "kg: error: timeline needs dated articles",
        ),
        (["--named", "neighbours"], "kg: error: neighbours needs --param name=..."),
        (
            ["--named", "roles", "--param", "who=Dick"],
            "kg: error: roles has no parameter 'who'; its parameters: person, organisation, role",
        ),
    ],
)
def test_cli_named_says_why_instead_of_no_rows(
    undated: Path, args: list[str], message: str
) -> None:
    result = query(str(undated), *args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines


def test_cli_named_dated_build_may_answer_no_rows(dated: Path) -> None:
    result = query(str(dated), "--named", "timeline", "--param", "year=1999")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("(0 rows)")
    found = query(str(dated), "--named", "timeline", "--param", "year=2022")
    assert found.exit_code == 0 and "Cressida Dick" in found.output
