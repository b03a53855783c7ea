"""The SPARQL cookbook (kg/sparql/queries/*.rq) gives real answers on the example builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.sparql.load import load_graph
from kg.sparql.named import load_named_query, named_queries, run_named
from kg.sparql.run import run_query


@pytest.fixture(scope="module")
def example(example_build: Path) -> Graph:
    return load_graph(example_build)


def named(graph: Graph, query: str, /, **params: str) -> list[dict[str, str]]:
    """Run a named query with its parameters, as ``kg query --named``; rows as dicts."""
    return run_named(query, params, lambda text, b: run_query(graph, text, b)).records()


def test_cookbook_has_the_named_queries() -> None:
    assert {"roles", "stances", "evidence", "quotes", "neighbours", "timeline"} <= set(
        named_queries()
    )


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_cookbook_query_opens_with_a_comment(name: str) -> None:
    first = load_named_query(name).lstrip().splitlines()[0]
    assert first.startswith("# ") and len(first) > 20, first


def test_cookbook_roles(example: Graph) -> None:
    facts = {
        (r["person"], r["role"].split("#")[1], r["organisation"]) for r in named(example, "roles")
    }
    assert ("Tom Pritchard", "chairmanOf", "Harbourside Police Federation") in facts
    assert ("Margaret Oyelaran", "chiefConstableOf", "Harbourside City Police") in facts
    rows = named(example, "roles", person="Daniel Frost")
    assert [(r["roleLabel"], r["organisation"]) for r in rows] == [("mayor of", "Harbourside")]


def test_cookbook_stances(example: Graph) -> None:
    stances = {(r["who"], r["stance"], r["whom"]) for r in named(example, "stances")}
    assert ("Eleanor Whitcombe", "praised", "Margaret Oyelaran") in stances
    assert ("Aisha Rahman", "criticised", "Tom Pritchard") in stances
    rows = named(example, "stances", who="Tom Pritchard")
    assert ("accused", "Daniel Frost") in {(r["stance"], r["whom"]) for r in rows}


def test_cookbook_quotes(example: Graph) -> None:
    rows = named(example, "quotes", speaker="Daniel Frost")
    assert rows and all(r["speaker"] == "Daniel Frost" for r in rows)
    assert any("not satisfied with her response" in r["quote"] for r in rows)
    assert all(r["document"].endswith("harbourside_police_chief.txt") for r in rows)
    assert int(rows[0]["start"]) < int(rows[0]["end"])
    speakers = {r["speaker"] for r in named(example, "quotes")}
    assert {"Daniel Frost", "Tom Pritchard", "Aisha Rahman"} <= speakers


@pytest.mark.parametrize("name", ["Margaret Oyelaran", "margaret OYELARAN", "Oyelaran"])
def test_cookbook_neighbours_by_label_or_alias(example: Graph, name: str) -> None:
    rows = named(example, "neighbours", name=name)
    assert {r["label"] for r in rows} == {"Margaret Oyelaran"}
    links = {(r["direction"], r["property"].split("#")[1], r["neighbourLabel"]) for r in rows}
    assert ("out", "chiefConstableOf", "Harbourside City Police") in links
    assert ("out", "praisedBy", "Eleanor Whitcombe") in links
    assert any(d == "in" and p == "saidBy" for d, p, _ in links)  # her quotes


def test_cookbook_neighbours_of_an_organisation(example: Graph) -> None:
    rows = named(example, "neighbours", name="harbourside city police")
    links = {(r["direction"], r["neighbourLabel"]) for r in rows}
    assert ("in", "Margaret Oyelaran") in links


@pytest.mark.parametrize("name", ["Nobody Atall", '" ) } SELECT * WHERE { ?s ?p ?o } #', ""])
def test_cookbook_neighbours_value_is_data_not_query_text(example: Graph, name: str) -> None:
    assert named(example, "neighbours", name=name) == []


def test_cookbook_evidence(example: Graph) -> None:
    rows = named(example, "evidence", subject="Margaret Oyelaran")
    resigned = [r for r in rows if r["property"].endswith("#resignedFrom")]
    assert resigned and "stepping down" in resigned[0]["sentence"]
    assert resigned[0]["object"] == "Harbourside City Police"
    assert any("resigned" in r["sentence"] for r in rows)


def test_cookbook_roles_show_the_most_specific_role(example: Graph) -> None:
    rows = named(example, "roles", person="Margaret Oyelaran")
    assert [r["role"].split("#")[1] for r in rows] == ["chiefConstableOf"]
    held = {p.split("#")[1] for p in example.predicates(*_oyelaran_and_force(example))}
    assert {"chiefConstableOf", "headOf"} <= held  # the graph keeps both facts


def _oyelaran_and_force(graph: Graph) -> tuple[object, object]:
    people = run_query(
        graph,
        "SELECT ?p ?o WHERE { ?p rdfs:label ?n . ?o rdfs:label ?l }",
        {"n": "Margaret Oyelaran", "l": "Harbourside City Police"},
    ).terms
    return people[0][0], people[0][1]


def test_cookbook_both_voices_are_in_the_build_and_counted_once(example: Graph) -> None:
    active = run_query(example, "SELECT ?a ?b WHERE { ?a kg:praised ?b }").records()
    assert {(r["a"].rsplit("/", 1)[1], r["b"].rsplit("/", 1)[1]) for r in active} >= {
        ("eleanor-whitcombe", "margaret-oyelaran")
    }
    rows = named(example, "neighbours", name="Margaret Oyelaran")
    links = [(r["direction"], r["property"].split("#")[1], r["neighbourLabel"]) for r in rows]
    assert ("out", "praisedBy", "Eleanor Whitcombe") in links
    assert not [link for link in links if link[1] in ("praised", "criticised", "supported")]
    stances = [(r["who"], r["stance"], r["whom"]) for r in named(example, "stances")]
    assert len(stances) == len(set(stances))
