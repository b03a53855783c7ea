"""kg.sparql.named: the named queries' parameters, case-insensitive names, needs, both voices."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, URIRef

from kg import config
from kg.errors import KgError
from kg.rdf.graph import add_corpus, build_graph
from kg.rdf.ontology import term
from kg.rdf.vocab import KG
from kg.records import Corpus, DocumentInfo, Fact, Node
from kg.sparql.named import (
    NEEDS,
    named_queries,
    named_queries_help,
    named_query,
    parse_named_query,
    run_named,
)
from kg.sparql.run import QueryResult, run_query, run_store_query
from kg.sparql.store import open_new_store
from tests.factories import evidence, sample_corpus

Runner = Callable[[str, dict[str, str]], QueryResult]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(sample_corpus())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with open_new_store(tmp_path_factory.mktemp("named") / "store") as sink:
        add_corpus(sink, sample_corpus())
    return sink.store


@pytest.fixture(params=["rdflib", "pyoxigraph"])
def run(request: pytest.FixtureRequest, graph: Graph, store) -> Runner:
    """Run a query on the sample build, in memory (rdflib) or in a store (pyoxigraph)."""
    if request.param == "rdflib":
        return lambda text, bindings: run_query(graph, text, bindings)
    return lambda text, bindings: run_store_query(store, text, bindings)


def records(run: Runner, query: str, /, **params: str) -> list[dict[str, str]]:
    return run_named(query, params, run).records()


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_header_declares_what_the_query_uses(name: str) -> None:
    query = named_query(name)
    assert 20 < len(query.summary) <= 90, query.summary
    for param in query.params:
        assert re.search(rf"\?{param.variable}\b", query.text), param
        assert param.help
    assert set(query.needs) <= set(NEEDS)
    assert f"\n{name} " in named_queries_help()


def test_named_header_errors() -> None:
    with pytest.raises(ValueError, match="summary"):
        parse_named_query("q", "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(ValueError, match="@param who"):
        parse_named_query("q", "# A query that asks.\n# @param who\nSELECT")
    with pytest.raises(ValueError, match="@needs"):
        parse_named_query("q", "# A query that asks.\n# @needs luck\nSELECT")


def test_named_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(KgError, match="known: evidence, neighbours") as err:
        named_query("nope")
    assert err.value.exit_code == 2


def test_named_unknown_parameter_is_refused_before_running() -> None:
    def never(text: str, bindings: dict[str, str]) -> QueryResult:
        raise AssertionError("ran")

    with pytest.raises(KgError, match="roles has no parameter 'who'; its parameters: person"):
        run_named("roles", {"who": "x"}, never)
    with pytest.raises(KgError, match=r"neighbours needs --param name=\.\.\.") as err:
        run_named("neighbours", {}, never)
    assert err.value.exit_code == 2


# Every named query with a name parameter, given a name in another case (or an alias):
@pytest.mark.parametrize(
    "query, params, column, expected",
    [
        ("roles", {"person": "CRESSIDA dick"}, "organisation", {"Metropolitan Police"}),
        ("roles", {"person": "commissioner DICK"}, "organisation", {"Metropolitan Police"}),
        ("roles", {"organisation": "the met"}, "person", {"Cressida Dick"}),
        ("stances", {"who": "sadiq KHAN"}, "whom", {"Cressida Dick"}),
        ("stances", {"whom": "mr khan"}, "who", {"Cressida Dick"}),
        ("evidence", {"subject": "SADIQ KHAN"}, "object", {"London", "Cressida Dick"}),
        ("evidence", {"object": "scotland yard"}, "subject", {"Cressida Dick"}),
        ("quotes", {"speaker": "cressida DICK"}, "quote", {"We will act."}),
        ("neighbours", {"name": "METROPOLITAN police"}, "label", {"Metropolitan Police"}),
        ("timeline", {"name": "sadiq khan"}, "subject", {"Sadiq Khan", "Cressida Dick"}),
    ],
)
def test_named_names_match_in_any_case(
    run: Runner, query: str, params: dict[str, str], column: str, expected: set[str]
) -> None:
    rows = records(run, query, **params)
    assert {r[column] for r in rows} == expected
    exact = {p: v.upper() + "X" for p, v in params.items()}  # a name that is not there
    assert run_named(query, exact, run).rows == []


def test_named_stances_lists_each_stance_once(run: Runner, graph: Graph) -> None:
    khan = URIRef(config.RESOURCE + "person/sadiq-khan")
    dick = URIRef(config.RESOURCE + "person/cressida-dick")
    assert (khan, KG.criticised, dick) in graph  # both directions are in the graph
    rows = records(run, "stances", who="Sadiq Khan", stance="CRITICISED")
    assert [(r["who"], r["stance"], r["whom"], local(r["property"])) for r in rows] == [
        ("Sadiq Khan", "criticised", "Cressida Dick", "criticisedBy")
    ]
    assert rows[0]["sentence"] == "Mr Khan criticised Dick."


def _graph_of(*triples: tuple[str, str, str]) -> Graph:
    """Entities a, b (people labelled A, B) and the given triples, with kg's ontology."""
    graph = build_graph(
        Corpus(nodes=(Node("person/a", "A", "Person"), Node("person/b", "B", "Person")))
    )
    for s, p, o in triples:
        graph.add((URIRef(config.RESOURCE + s), KG[p], URIRef(config.RESOURCE + o)))
    return graph


@pytest.mark.parametrize(
    "triples",
    [
        [("person/b", "praisedBy", "person/a")],  # stored voice only (an older build)
        [("person/a", "praised", "person/b")],  # active voice only (a graph by hand)
        [("person/b", "praisedBy", "person/a"), ("person/a", "praised", "person/b")],
    ],
)
def test_named_stances_read_either_voice(triples: list[tuple[str, str, str]]) -> None:
    graph = _graph_of(*triples)
    rows = run_named("stances", {}, lambda t, b: run_query(graph, t, b)).records()
    assert [(r["who"], r["stance"], r["whom"]) for r in rows] == [("A", "praised", "B")]


def test_named_neighbours_list_a_mirrored_fact_once(run: Runner) -> None:
    rows = records(run, "neighbours", name="sadiq khan")
    links = [(r["direction"], local(r["property"]), r["neighbourLabel"]) for r in rows]
    assert ("in", "criticisedBy", "Cressida Dick") in links
    assert not [link for link in links if link[1] == "criticised"]
    assert len(links) == len(set(links))


def test_named_neighbours_keep_an_unmirrored_active_fact() -> None:
    graph = _graph_of(("person/a", "praised", "person/b"))
    rows = run_named("neighbours", {"name": "a"}, lambda t, b: run_query(graph, t, b)).rows
    assert [(r[1], local(r[2]), r[3]) for r in rows] == [("out", "praised", "B")]


def _roles_of(*facts: tuple[str, ...], folder: Path | None = None) -> list[tuple[str, str]]:
    """(role, organisation) rows of ``roles`` for person/p holding ``facts`` (role, org,
    and the job title, the role's name when not given), from rdflib and pyoxigraph."""
    orgs = sorted({fact[1] for fact in facts})
    corpus = Corpus(
        nodes=(
            Node("person/p", "P", "Person"),
            *(Node(f"organization/{o}", o.upper(), "Organization") for o in orgs),
        ),
        facts=tuple(
            Fact("person/p", role, f"organization/{org}", (evidence(),), (*title, role)[0])
            for role, org, *title in facts
        ),
    )
    graph = build_graph(corpus)
    rows = run_named("roles", {}, lambda t, b: run_query(graph, t, b)).records()
    found = [(local(r["role"]), r["organisation"]) for r in rows]
    with open_new_store(Path(tempfile.mkdtemp()) / "store") as sink:
        add_corpus(sink, corpus)
    stored = run_named("roles", {}, lambda t, b: run_store_query(sink.store, t, b)).records()
    assert [(local(r["role"]), r["organisation"]) for r in stored] == found
    return found


def test_named_roles_a_generic_role_gives_way_to_a_specific_one() -> None:
    assert _roles_of(("chiefOf", "met"), ("commissionerOf", "met")) == [("commissionerOf", "MET")]
    assert _roles_of(("headOf", "met"), ("chiefConstableOf", "met")) == [
        ("chiefConstableOf", "MET")
    ]
    assert _roles_of(("holdsPositionIn", "met"), ("chiefOf", "met")) == [("chiefOf", "MET")]


def test_named_roles_keep_what_is_not_a_choice_between_two() -> None:
    # two specific roles toward one organisation, and a generic one elsewhere
    rows = _roles_of(("chairmanOf", "fed"), ("spokespersonFor", "fed"), ("chiefOf", "met"))
    assert rows == [("chairmanOf", "FED"), ("chiefOf", "MET"), ("spokespersonFor", "FED")]
    assert _roles_of(("chiefOf", "met"), ("headOf", "met")) == [
        ("chiefOf", "MET"),
        ("headOf", "MET"),
    ]


def test_named_roles_a_role_read_from_a_verb_gives_way_to_a_titled_one() -> None:
    assert _roles_of(("chiefConstableOf", "hcp"), ("leaderOf", "hcp", "")) == [
        ("chiefConstableOf", "HCP")
    ]
    assert _roles_of(("leaderOf", "hcp", "")) == [("leaderOf", "HCP")]  # alone: kept
    assert _roles_of(("leaderOf", "hcp", "Leader"), ("managerOf", "hcp", "")) == [
        ("leaderOf", "HCP")
    ]


def test_named_roles_a_narrower_sub_property_wins() -> None:
    corpus = Corpus(
        nodes=(Node("person/p", "P", "Person"), Node("organization/m", "M", "Organization")),
        facts=(
            Fact("person/p", "commissionerOf", "organization/m", (evidence(),)),
            Fact("person/p", "deputyCommissionerOf", "organization/m", (evidence(),)),
        ),
        roles={"deputyCommissionerOf": "Deputy Commissioner"},
    )
    graph = build_graph(corpus)
    graph.add((term("deputyCommissionerOf"), RDFS.subPropertyOf, KG.commissionerOf))
    rows = run_named("roles", {}, lambda t, b: run_query(graph, t, b)).records()
    assert [local(r["role"]) for r in rows] == ["deputyCommissionerOf"]


def test_named_roles_leave_the_graph_as_it_was(graph: Graph) -> None:
    before = len(graph)
    run_named("roles", {}, lambda t, b: run_query(graph, t, b))
    assert len(graph) == before


def _undated() -> Graph:
    corpus = sample_corpus()
    documents = tuple(
        DocumentInfo(d.doc_id, d.source, d.title) for d in corpus.documents
    )  # no published dates
    return build_graph(Corpus(documents, corpus.nodes, corpus.facts, corpus.quotes, corpus.roles))


def test_named_timeline_on_an_undated_build_says_so() -> None:
    graph = _undated()
    with pytest.raises(KgError, match="timeline needs dated articles") as err:
        run_named("timeline", {}, lambda t, b: run_query(graph, t, b))
    assert err.value.exit_code == 2 and "\n" not in str(err.value)


def test_named_timeline_on_a_dated_build_may_be_empty(graph: Graph) -> None:
    assert records(lambda t, b: run_query(graph, t, b), "timeline", year="2022")
    assert run_named("timeline", {"year": "1999"}, lambda t, b: run_query(graph, t, b)).rows == []


def test_named_queries_without_needs_answer_empty_on_an_undated_build() -> None:
    graph = _undated()
    rows = run_named("quotes", {"speaker": "nobody"}, lambda t, b: run_query(graph, t, b)).rows
    assert rows == []


def test_named_help_lists_every_query_with_its_parameters() -> None:
    text = named_queries_help()
    for name in named_queries():
        query = named_query(name)
        assert f"{name} {query.usage()}".strip() in text
        assert query.summary in text
        for param in query.params:
            kind = "required" if param.required else "optional"
            assert f"    {param.name}: {kind}, {param.help}" in text
    assert "neighbours name=...:" in text and "[person=...]" in text


def test_named_bindings_go_to_the_declared_variables() -> None:
    query = named_query("stances")
    assert query.bindings({"who": "A", "stance": "praised", "property": "kg:praisedBy"}) == {
        "whoName": "A",
        "stanceWord": "praised",
        "property": "kg:praisedBy",
    }
    assert Path(named_queries()["stances"]).read_text(encoding="utf-8") == query.text


def test_named_stances_list_a_clash_from_both_sides_with_its_sentence(run: Runner) -> None:
    rows = records(run, "stances", stance="clashed with")
    assert {(r["who"], r["whom"], r["sentence"]) for r in rows} == {
        ("Sadiq Khan", "Cressida Dick", "They clashed."),
        ("Cressida Dick", "Sadiq Khan", "They clashed."),
    }


def test_named_stances_do_not_lend_a_sentence_to_the_reverse_stance() -> None:
    corpus = Corpus(
        nodes=(Node("person/a", "A", "Person"), Node("person/b", "B", "Person")),
        facts=(
            Fact("person/b", "criticisedBy", "person/a", (evidence(sentence="A hit B."),)),
            Fact("person/a", "criticisedBy", "person/b", (evidence(sentence="B hit A."),)),
        ),
    )
    graph = build_graph(corpus)
    rows = run_named("stances", {}, lambda t, b: run_query(graph, t, b)).records()
    assert {(r["who"], r["whom"], r["sentence"]) for r in rows} == {
        ("A", "B", "A hit B."),
        ("B", "A", "B hit A."),
    }


@pytest.mark.parametrize(
    "query, params, message",
    [
        ("timeline", {"year": "twenty"}, "timeline: year='twenty' is not a year of four digits"),
        ("timeline", {"year": "22"}, "is not a year"),
        ("roles", {"role": "mayorOf"}, "roles: role='mayorOf' is not an IRI"),
        ("stances", {"property": "criticised by"}, "is not an IRI"),
        ("evidence", {"doc": "a1"}, "evidence: doc='a1' is not an IRI"),
    ],
)
def test_named_a_value_of_the_wrong_shape_is_refused(
    query: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(KgError, match=re.escape(message)) as err:
        named_query(query).bindings(params)
    assert err.value.exit_code == 2


@pytest.mark.parametrize(
    "query, params",
    [
        ("timeline", {"year": "2022"}),
        ("roles", {"role": "kg:mayorOf"}),
        ("roles", {"role": "<https://kg-news.org/ontology#mayorOf>"}),
        ("evidence", {"doc": "https://kg-news.org/resource/document/a1"}),
        ("roles", {"person": "Anyone: at all <3"}),  # a name is any text
    ],
)
def test_named_values_of_the_right_shape_pass(query: str, params: dict[str, str]) -> None:
    assert set(named_query(query).bindings(params).values()) == set(params.values())


def test_named_unknown_shape_is_a_header_error() -> None:
    with pytest.raises(ValueError, match="shape 'colour'"):
        parse_named_query("q", "# A query that asks.\n# @param c ?c optional:colour  c\nSELECT")


def test_named_roles_confidence_is_the_best_of_all_the_evidence() -> None:
    corpus = Corpus(
        nodes=(Node("person/p", "P", "Person"), Node("place/x", "X", "Place")),
        facts=(
            Fact(
                "person/p",
                "mayorOf",
                "place/x",
                (evidence(confidence=0.9), evidence(start=50, confidence=0.5)),
                "Mayor",
            ),
        ),
    )
    graph = build_graph(corpus)
    best = next(a for a, c in graph.subject_objects(KG.confidence) if float(c) == 0.9)
    graph.remove((best, KG.jobTitle, None))  # the best evidence read no title
    rows = run_named("roles", {}, lambda t, b: run_query(graph, t, b)).records()
    assert [(local(r["role"]), r["jobTitle"], float(r["confidence"])) for r in rows] == [
        ("mayorOf", "Mayor", 0.9)
    ]
