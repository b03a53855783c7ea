"""kg query on graph files through pyoxigraph: same rows as rdflib gave, safe bindings,
a deadline by default."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import KgError
from kg.sparql.bounded import DEFAULT_TIMEOUT, bounded_query
from kg.sparql.guard import QueryError
from kg.sparql.load import load_graph
from kg.sparql.memory import declared_prefixes, load_memory_store
from kg.sparql.named import load_named_query
from kg.sparql.run import query_path

ONE_DOC = Path(__file__).parent.parent / "data" / "eval_one_doc.ttl"

QUERIES = [
    "SELECT ?p ?name WHERE { ?p a kg:Person ; rdfs:label ?name }",
    "SELECT ?s ?o WHERE { ?s kg:mayorOf|kg:commissionerOf ?o }",
    """SELECT ?e ?alt WHERE { ?e a ?type . OPTIONAL { ?e skos:altLabel ?alt }
       FILTER(?type IN (kg:Person, kg:City)) }""",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    """SELECT ?source ?score WHERE { ?a owl:annotatedSource ?source ; kg:confidence ?score
       FILTER(?score > 0.5) }""",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The one-document fixture as Turtle, N-Triples and JSON-LD (an inline context)."""
    folder = tmp_path_factory.mktemp("files")
    graph = load_graph(ONE_DOC)
    found = {"ttl": ONE_DOC}
    for ext, fmt in (("nt", "nt"), ("jsonld", "json-ld")):
        found[ext] = folder / f"graph.{ext}"
        graph.serialize(found[ext], format=fmt)
    return found


def rdflib_rows(sparql: str, bindings: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    """What the old rdflib path answered: rdflib's own SPARQL engine on the parsed file."""
    graph = load_graph(ONE_DOC)
    namespaces = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    init = {name: Literal(value) for name, value in (bindings or {}).items()}
    result = graph.query(sparql, initNs=namespaces, initBindings=init)
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result)


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld"])
@pytest.mark.parametrize("sparql", QUERIES)
def test_query_file_same_rows_as_rdflib(files, ext: str, sparql: str, monkeypatch) -> None:
    monkeypatch.setattr(Graph, "query", None)  # no rdflib engine on this path
    monkeypatch.setattr(Graph, "parse", None)  # nor rdflib parsing
    rows = sorted(query_path(files[ext], sparql).rows)
    monkeypatch.undo()
    assert rows and rows == rdflib_rows(sparql)


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld"])
def test_query_file_named_roles_ask_construct(files, ext: str) -> None:
    roles = query_path(files[ext], load_named_query("roles"), {"person": "Sadiq Khan"})
    assert sorted(r["organisation"] for r in roles.records()) == ["Britain", "LONDON"]
    assert roles.rows == rdflib_rows(load_named_query("roles"), {"person": "Sadiq Khan"})
    assert query_path(files[ext], "ASK { ?s kg:mayorOf ?o }").rows == [("true",)]
    built = query_path(files[ext], "CONSTRUCT { ?o kg:hasMayor ?s } WHERE { ?s kg:mayorOf ?o }")
    mayors = load_graph(ONE_DOC).subject_objects(URIRef("https://kg-news.org/ontology#mayorOf"))
    expected = sorted((str(o), "https://kg-news.org/ontology#hasMayor", str(s)) for s, o in mayors)
    assert built.kind == "CONSTRUCT" and built.rows == expected and len(expected) == 2


def test_query_file_turtle_prefixes_shorten_and_serve_the_query(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("@prefix ex: <urn:ex#> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    assert declared_prefixes(path) == {"ex": "urn:ex#"}
    result = query_path(path, "SELECT ?s WHERE { ?s ex:b ex:c }")
    assert result.rows == [("urn:ex#a",)] and ("ex", "urn:ex#") in result.prefixes


def test_query_file_nquads_graphs_are_merged(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    path.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:d> <urn:b> <urn:e> .\n")
    assert len(query_path(path, "SELECT * WHERE { ?s <urn:b> ?o }").rows) == 2


def test_query_file_unknown_prefix_is_named(files) -> None:
    with pytest.raises(QueryError, match="unknown prefix nope:"):
        query_path(files["nt"], "SELECT ?s WHERE { ?s nope:x ?o }")


HOSTILE = [
    'a "quoted" label',
    'ends in a quote\\"',
    "x> } UNION { ?s ?p ?o",
    'x" } UNION { ?s ?p ?o } #',
    "two\nlines\r\nand a tab\t",
    "'single' and ''' triple",
    "}} ; DROP ALL",
]


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small graph whose labels are the hostile values, one subject each."""
    graph = Graph()
    for index, value in enumerate(HOSTILE):
        graph.add((URIRef(f"urn:thing:{index}"), RDFS.label, Literal(value)))
    path = tmp_path_factory.mktemp("hostile") / "graph.nt"
    graph.serialize(path, format="nt")
    return path


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_query_file_hostile_bindings_stay_literal(hostile_file: Path, index: int) -> None:
    query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
    result = query_path(hostile_file, query, {"label": HOSTILE[index]})
    assert result.rows == [(f"urn:thing:{index}", HOSTILE[index])]
    in_a_filter = "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?v) }"
    assert query_path(hostile_file, in_a_filter, {"v": HOSTILE[index]}).rows == [
        (f"urn:thing:{index}",)
    ]


def test_query_file_hostile_binding_not_in_the_graph_matches_nothing(hostile_file) -> None:
    rows = query_path(
        hostile_file,
        "SELECT ?s WHERE { ?s rdfs:label ?label }",
        {"label": '" } UNION { ?s ?p ?o } # \n >'},
    ).rows
    assert rows == []


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.mark.parametrize("ext", ["nt", "jsonld"])
def test_query_file_slow_query_stops_at_the_timeout(files, ext: str) -> None:
    started = time.monotonic()
    with pytest.raises(KgError, match=r"^the query ran past 1 s and was stopped$") as info:
        bounded_query(files[ext], CROSS, timeout=1)
    assert time.monotonic() - started < 15
    assert info.value.exit_code == 4 and info.value.setting == "timeout"


def test_query_file_default_timeout_is_finite_and_the_cli_default() -> None:
    import inspect

    from kg.cli import query

    assert 0 < DEFAULT_TIMEOUT <= 600
    assert inspect.signature(bounded_query).parameters["timeout"].default == DEFAULT_TIMEOUT
    assert inspect.signature(query).parameters["timeout"].default == DEFAULT_TIMEOUT


def test_query_file_max_rows_stops_early(files) -> None:
    with pytest.raises(KgError, match="more than 2 rows, over the limit of 2") as info:
        query_path(files["ttl"], "SELECT * WHERE { ?s ?p ?o }", max_rows=2)
    assert info.value.setting == "max_rows"


def test_query_file_memory_store_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no graph at"):
        load_memory_store(tmp_path)
    (tmp_path / "g.xyz").write_text("x")
    with pytest.raises(ValueError, match="unknown graph format"):
        load_memory_store(tmp_path / "g.xyz")


@pytest.fixture
def store_build(tmp_path: Path) -> Path:
    """A build folder with an on-disk store of the one-document fixture (no graph file)."""
    from kg.sparql.store import open_new_store, store_path

    with open_new_store(store_path(tmp_path)) as sink:
        for triple in load_graph(ONE_DOC):
            sink.add(triple)
    return tmp_path


def test_query_store_slow_query_stops_at_the_timeout(store_build: Path) -> None:
    started = time.monotonic()
    with pytest.raises(KgError, match=r"^the query ran past 1 s and was stopped$"):
        bounded_query(store_build, CROSS, timeout=1)
    assert time.monotonic() - started < 15


def test_query_store_max_rows_and_bindings(store_build: Path) -> None:
    with pytest.raises(KgError, match="over the limit of 2") as info:
        bounded_query(store_build, "SELECT * WHERE { ?s ?p ?o }", max_rows=2)
    assert info.value.setting == "max_rows"
    query = "SELECT ?p WHERE { ?p rdfs:label ?name }"
    assert bounded_query(store_build, query, {"name": "Sadiq Khan"}).rows == [
        ("https://kg-news.org/resource/person_sadiq-khan",)
    ]
