"""Tests for kg.sparql load, guard, run and named: read-only SPARQL, bindings, formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from kg.sparql.guard import QueryError, query_form
from kg.sparql.load import load_graph
from kg.sparql.named import load_named_query, named_queries
from kg.sparql.run import format_result, run_query

DATA = Path(__file__).parents[1] / "data"
ONE_DOC = DATA / "eval_one_doc.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(ONE_DOC)


def test_query_load_graph_from_output_folder(tmp_path: Path) -> None:
    shutil.copy(ONE_DOC, tmp_path / "graph.ttl")
    assert len(load_graph(tmp_path)) == len(load_graph(ONE_DOC))


@pytest.mark.parametrize("fmt, ext", [("nt", ".nt"), ("json-ld", ".jsonld"), ("nquads", ".nq")])
def test_query_load_graph_by_extension(graph: Graph, tmp_path: Path, fmt: str, ext: str) -> None:
    path = tmp_path / f"graph{ext}"
    if fmt == "nquads":
        path.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> <urn:d> .\n")
        assert len(load_graph(path)) == 2
    else:
        graph.serialize(path, format=fmt, encoding="utf-8")
        assert len(load_graph(path)) == len(graph)


def test_query_load_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_graph(tmp_path)
    (tmp_path / "g.xyz").write_text("")
    with pytest.raises(ValueError, match="unknown graph format"):
        load_graph(tmp_path / "g.xyz")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX ex: <http://e.org/#>\n# a comment\ndelete where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_query_refuses_updates_before_running(graph: Graph, update: str) -> None:
    size = len(graph)
    with pytest.raises(QueryError, match="update"):
        run_query(graph, update)
    assert len(graph) == size


def test_query_refuses_update_hidden_behind_a_string(graph: Graph) -> None:
    sneaky = 'PREFIX ex: <http://e.org/#> INSERT { ?s ex:p "SELECT" } WHERE { ?s ?p ?o }'
    assert query_form(sneaky) == "INSERT"
    with pytest.raises(QueryError, match="update"):
        run_query(graph, sneaky)


@pytest.mark.parametrize(
    "remote",
    [
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_query_refuses_remote_data(graph: Graph, remote: str) -> None:
    with pytest.raises(QueryError, match="SERVICE and FROM"):
        run_query(graph, remote)


def test_query_keywords_inside_names_and_strings_are_fine(graph: Graph) -> None:
    query = 'SELECT ?from WHERE { ?from rdfs:label ?l FILTER(?l != "FROM SERVICE") }'
    assert len(run_query(graph, query).rows) > 5


def test_query_syntax_error_is_one_line(graph: Graph) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL") as info:
        run_query(graph, "SELECT ?s WHERE {\n  ?s ?p \n}")
    assert "\n" not in str(info.value)


def test_query_unknown_prefix_is_query_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match="nope"):
        run_query(graph, "SELECT ?s WHERE { ?s nope:x ?o }")


def test_query_select_uses_graph_prefixes(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?p WHERE { ?p a kg:Person } ORDER BY ?p")
    assert result.columns == ("p",)
    assert ("https://kg-news.org/resource/person_sadiq-khan",) in result.rows


def test_query_bindings_are_terms_not_pasted_text(graph: Graph) -> None:
    query = "SELECT ?label WHERE { ?e rdfs:label ?label ; a ?type }"
    by_type = run_query(graph, query, {"type": "kg:City"})
    assert by_type.rows == [("LONDON",)]
    by_iri = run_query(graph, query, {"?e": "<https://kg-news.org/resource/place_uk>"})
    assert by_iri.rows == [("Britain",)]
    injection = run_query(
        graph, "SELECT ?e WHERE { ?e rdfs:label ?label }", {"label": '" } ?e ?p ?o { "'}
    )
    assert injection.rows == []


def test_query_binding_unknown_variable(graph: Graph) -> None:
    with pytest.raises(QueryError, match="unknown variable"):
        run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }", {"nobody": "x"})


def test_query_ask_construct_describe(graph: Graph) -> None:
    assert run_query(graph, "ASK { ?s kg:mayorOf ?o }").rows == [("true",)]
    built = run_query(graph, "CONSTRUCT { ?s kg:mayorOf ?o } WHERE { ?s kg:mayorOf ?o }")
    assert built.columns == ("subject", "predicate", "object")
    assert len(built.rows) == 2
    described = run_query(graph, "DESCRIBE kgr:place_uk")
    assert (
        "https://kg-news.org/resource/place_uk",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "Britain",
    ) in described.rows


def test_query_format_table_aligns_and_shortens(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?e ?label WHERE { ?e a kg:Country ; rdfs:label ?label }")
    lines = format_result(result, "table").splitlines()
    assert lines[0].split() == ["e", "label"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["kgr:place_uk", "Britain"]
    assert lines[0].index("label") == lines[2].index("Britain")
    assert lines[-1] == "(1 row)"


def test_query_format_table_cuts_long_cells(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?s WHERE { ?a kg:evidenceSentence ?s }")
    table = format_result(result, "table", max_width=20)
    assert all(len(line) <= 20 for line in table.splitlines()[2:-1])
    assert "…" in table


def test_query_format_csv(graph: Graph) -> None:
    query = """SELECT ?s ?x WHERE { ?a kg:evidenceSentence ?s FILTER(CONTAINS(?s, "'s")) }
               ORDER BY ?s"""
    rows = list(csv.reader(io.StringIO(format_result(run_query(graph, query), "csv"))))
    assert rows == [
        ["s", "x"],
        ["Britain's mayors met.", ""],
        ["Dick was the Met's commissioner.", ""],
        ["London's Mayor Sadiq Khan withdrew his support.", ""],
    ]


def test_query_format_json(graph: Graph) -> None:
    result = run_query(
        graph, "SELECT ?e ?missing WHERE { ?e a kg:City OPTIONAL { ?e kg:x ?missing } }"
    )
    assert json.loads(format_result(result, "json")) == [
        {"e": "https://kg-news.org/resource/place_london", "missing": None}
    ]
    assert json.loads(format_result(run_query(graph, "ASK { ?s ?p ?o }"), "json")) == [
        {"ask": True}
    ]


def test_query_format_unknown(graph: Graph) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        format_result(run_query(graph, "ASK { ?s ?p ?o }"), "xml")  # type: ignore[arg-type]


def test_query_named_queries_are_shipped_and_documented() -> None:
    queries = named_queries()
    assert {"roles", "stances", "evidence"} <= set(queries)
    for name in ("roles", "stances", "evidence"):
        assert load_named_query(name).startswith("# ")
    with pytest.raises(KeyError, match="roles"):
        load_named_query("no-such-query")


@pytest.mark.parametrize("name", ["roles", "stances", "evidence"])
def test_query_named_queries_are_standard_sparql(name: str) -> None:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(ONE_DOC.read_bytes(), pyoxigraph.RdfFormat.TURTLE)
    assert list(store.query(load_named_query(name)))


def test_query_roles(graph: Graph) -> None:
    result = run_query(graph, load_named_query("roles"))
    records = result.records()
    assert [r["person"] for r in records] == [
        "Andy Hayman",
        "Cressida Dick",
        "Sadiq Khan",
        "Sadiq Khan",
    ]
    dick = records[1]
    assert dick["role"] == "https://kg-news.org/ontology#commissionerOf"
    assert dick["roleLabel"] == "commissioner of"
    assert dick["organisation"] == "The Metropolitan Police"
    assert dick["jobTitle"] in {"Commissioner", "commissioner"}
    assert float(dick["confidence"]) == 0.9
    assert records[0]["roleLabel"] == "chiefConstableOf"
    assert all(r["role"] != "https://kg-news.org/ontology#worksFor" for r in records)


def test_query_roles_with_binding(graph: Graph) -> None:
    result = run_query(graph, load_named_query("roles"), {"person": "Sadiq Khan"})
    assert sorted(r["organisation"] for r in result.records()) == ["Britain", "LONDON"]


def test_query_stances_turn_passive_facts_around(graph: Graph) -> None:
    records = run_query(graph, load_named_query("stances"), {"whom": "Cressida Dick"}).records()
    triples = {(r["who"], r["stance"], r["whom"]) for r in records}
    assert triples == {
        ("Jane Nobody", "criticised", "Cressida Dick"),
        ("Priti Patel", "clashed with", "Cressida Dick"),
    }
    assert all(r["sentence"] for r in records)


def test_query_evidence(graph: Graph) -> None:
    records = run_query(
        graph, load_named_query("evidence"), {"property": "kg:commissionerOf"}
    ).records()
    assert [(r["start"], r["end"], r["rule"]) for r in records] == [
        ("0", "63", "title-of-org"),
        ("64", "96", "apposition"),
    ]
    assert {r["document"] for r in records} == {"/news/in/a.txt"}
    assert records[1]["sentence"] == "Dick was the Met's commissioner."


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


def test_cli_query_stops_at_its_timeout() -> None:
    import time

    from typer.testing import CliRunner

    from kg.cli import app

    started = time.monotonic()
    result = CliRunner().invoke(app, ["query", str(ONE_DOC), CROSS, "--timeout", "1"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 4
    assert result.output.strip().splitlines()[-1] == (
        "kg: error: the query ran past 1 s and was stopped (raise it with --timeout)"
    )


def test_cli_query_refuses_more_rows_than_max_rows() -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    args = ["query", str(ONE_DOC), "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 4
    assert "over the limit of 3 (add a LIMIT, or raise --max-rows)" in result.output
    assert "Traceback" not in result.output
