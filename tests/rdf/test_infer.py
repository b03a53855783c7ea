"""kg build --infer: the facts the ontology implies, and nothing else, deterministically."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.build import BuildResult, build, write_outputs
from kg.inputs.read import read_article
from kg.rdf.infer import entities, keep_inferred
from kg.sparql.load import load_graph
from kg.sparql.run import run_query
from tests.conftest import ARTICLES, EXAMPLE
from tests.rdf.test_owlcheck import PROBLEMS, run_owlcheck

KG = "https://kg-news.org/ontology#"
KGR = "https://kg-news.org/resource/"
HOLDERS = """
SELECT ?name WHERE {
  ?person kg:holdsPositionIn ?org . ?person rdfs:label ?name .
  ?org rdfs:label "Harbourside City Police"
}"""
RDF_FILES = ("graph.ttl", "graph.nt", "graph.jsonld")
WRITE = (
    "import pickle, sys\nfrom pathlib import Path\nfrom kg.export.rdf import write_rdf\n"
    "from kg.rdf.graph import build_graph\nfrom kg.rdf.infer import with_inferences\n"
    "corpus = pickle.load(sys.stdin.buffer)\n"
    "write_rdf(with_inferences(build_graph(corpus)), Path(sys.argv[1]))\n"
)


def named_triples(graph: Graph) -> set[tuple[Node, Node, Node]]:
    """The triples without blank nodes (blank node ids change from parse to parse)."""
    return {t for t in graph if not any(isinstance(n, BNode) for n in t)}


@pytest.fixture(scope="module")
def inferred(nlp, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The example article and a fixture article with a clash, built with infer=True."""
    outdir = tmp_path_factory.mktemp("inferred")
    paths = [EXAMPLE, ARTICLES / "03_transport_review.txt"]
    return outdir, build(nlp, [read_article(str(p)) for p in paths], outdir, infer=True)


@pytest.fixture(scope="module")
def plain_build(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same articles built without inference."""
    outdir = tmp_path_factory.mktemp("plain")
    paths = [EXAMPLE, ARTICLES / "03_transport_review.txt"]
    build(nlp, [read_article(str(p)) for p in paths], outdir)
    return outdir


def test_infer_holds_position_in_answers_with_the_chief_constable(
    inferred: tuple[Path, BuildResult], plain_build: Path
) -> None:
    with_inference = {r["name"] for r in run_query(load_graph(inferred[0]), HOLDERS).records()}
    assert "Margaret Oyelaran" in with_inference  # she is kg:chiefConstableOf the force
    assert run_query(load_graph(plain_build), HOLDERS).records() == []  # off by default


def test_infer_adds_inverse_symmetric_and_super_property_facts(
    inferred: tuple[Path, BuildResult],
) -> None:
    graph = load_graph(inferred[0])
    whitcombe, chief, pike, lowe = (
        URIRef(KGR + "person/" + n)
        for n in ("eleanor-whitcombe", "margaret-oyelaran", "joanna-pike", "gareth-lowe")
    )
    force = URIRef(KGR + "organization/harbourside-city-police")
    assert (chief, URIRef(KG + "praisedBy"), whitcombe) in graph  # asserted
    assert (whitcombe, URIRef(KG + "praised"), chief) in graph  # inverse
    assert (pike, URIRef(KG + "clashedWith"), lowe) in graph  # symmetric: both ways
    assert (lowe, URIRef(KG + "clashedWith"), pike) in graph
    assert (chief, URIRef(KG + "affiliatedWith"), force) in graph  # up two levels
    assert (force, URIRef(KG + "hasAffiliate"), chief) in graph  # and its inverse


def test_infer_adds_only_kg_facts_between_entities(
    inferred: tuple[Path, BuildResult], plain_build: Path
) -> None:
    plain, rich = load_graph(plain_build), load_graph(inferred[0])
    assert len(set(rich.subjects(RDF.type, OWL.Axiom))) == len(
        set(plain.subjects(RDF.type, OWL.Axiom))
    )
    plain_named, rich_named = named_triples(plain), named_triples(rich)
    assert plain_named <= rich_named
    added = rich_named - plain_named
    assert len(added) >= 10
    nodes = entities(plain)
    for s, p, o in added:
        assert str(p).startswith(KG) and s in nodes and o in nodes, (s, p, o)
    assert not list(rich.triples((None, OWL.sameAs, None)))
    assert not list(rich.triples((None, RDF.type, OWL.Thing)))


def test_infer_keep_inferred_drops_owlrl_junk() -> None:
    asserted = Graph()
    a, b, doc = URIRef(KGR + "person/a"), URIRef(KGR + "person/b"), URIRef(KGR + "document/d")
    praised, praised_by = URIRef(KG + "praised"), URIRef(KG + "praisedBy")
    for prop in (praised, praised_by, URIRef(KG + "mentions")):
        asserted.add((prop, RDF.type, OWL.ObjectProperty))
    asserted.add((URIRef(KG + "Person"), RDF.type, OWL.Class))
    asserted.add((URIRef(KG + "Minister"), RDFS.subClassOf, URIRef(KG + "Person")))
    asserted.add((a, RDF.type, URIRef(KG + "Person")))
    asserted.add((b, RDF.type, URIRef(KG + "Minister")))
    asserted.add((a, praised_by, b))
    closure = [
        *asserted,
        (b, praised, a),  # kept: a kg object property between entities
        (a, OWL.sameAs, a),
        (a, RDF.type, OWL.Thing),
        (b, URIRef("https://schema.org/knows"), a),
        (doc, URIRef(KG + "mentions"), a),  # a document is not an entity
        (a, URIRef(KG + "title"), Literal("x")),
        (praised, RDFS.subPropertyOf, praised),
    ]
    assert keep_inferred(asserted, closure) == [(b, praised, a)]


def test_infer_graph_passes_owlcheck(inferred: tuple[Path, BuildResult]) -> None:
    report = run_owlcheck(inferred[0] / "graph.ttl")
    summary = [line for line in report.splitlines() if line.startswith("owlcheck:")]
    assert len(summary) == 1 and summary[0].startswith("owlcheck: OK"), report
    assert [line for line in report.splitlines() if line.strip().startswith(PROBLEMS)] == []


@pytest.mark.slow
def test_infer_output_is_byte_identical_across_processes(
    inferred: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    outdir, result = inferred
    payload = pickle.dumps(result.corpus)  # the RDF side of write_outputs, spaCy-free
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        target = tmp_path / seed
        target.mkdir()
        runs.append(
            (
                target,
                subprocess.Popen(
                    [sys.executable, "-c", WRITE, str(target)],
                    stdin=subprocess.PIPE,
                    env=env,
                ),
            )
        )
    for _, process in runs:
        process.communicate(payload, timeout=300)
        assert process.returncode == 0
    for name in RDF_FILES:
        expected = (outdir / name).read_bytes()
        assert all((target / name).read_bytes() == expected for target, _ in runs), name
    write_outputs(list(result.extractions), result.corpus, tmp_path / "again", infer=True)
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (outdir / "graph.ttl").read_bytes()
