"""Tests of kg.export.html.source: the page read from the RDF graph (rdflib or store)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, URIRef

from kg import config
from kg.build import write_outputs
from kg.export.html.page import INFERRED, page_data, to_html
from kg.export.html.source import PageGraph, from_corpus, from_rdf, from_store
from kg.rdf.graph import add_corpus, build_graph
from kg.rdf.infer import with_inferences
from kg.rdf.vocab import KG
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node
from kg.sparql.store import open_new_store
from tests.conftest import outputs_under_hash_seeds


def _ev(doc: str, sentence: str, start: int, rule: str, confidence: float) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), rule, confidence)


def _corpus() -> Corpus:
    """Roles, several pieces of evidence, an odd slug and doc id, and a bare fact end."""
    nodes = (
        Node("organization/met", "Metropolitan Police", "Organization", ("Met",), ("a/b c", "d1")),
        Node("person/dick", "Cressida Dick", "Person", ("Dick", "Ms Dick"), ("d1",)),
        Node("person/khan", "Sadiq Khan", "Person", ("Khan",), ("d1",)),
        Node("place/são paulo", "São Paulo", "Place", (), ("a/b c",)),
    )
    facts = (
        Fact(
            "organization/met",
            "basedIn",
            "place/são paulo",
            (_ev("d1", "Met in SP.", 0, "r", 0.8),),
        ),
        Fact(
            "person/dick",
            "commissionerOf",
            "organization/met",
            (
                _ev("a/b c", "Commissioner Dick of the Met.", 5, "role.title_of", 0.95),
                _ev("d1", "Dick, Commissioner of the Met.", 0, "role.title_of", 0.9),
                _ev("d1", "Dick, Commissioner of the Met.", 40, "role.title_of", 0.9),
            ),
            "Commissioner",
        ),
        Fact(
            "person/dick",
            "criticisedBy",
            "person/khan",
            (_ev("d1", "Khan hit Dick.", 9, "s", 0.7),),
        ),
        Fact(
            "person/khan",
            "memberOf",
            "organization/labour",
            (_ev("d1", "Khan, Labour.", 3, "m", 0.6),),
        ),
    )
    documents = (
        DocumentInfo("a/b c", "x/a.txt", "Odd"),
        DocumentInfo("d1", "d1.txt", "Met news", "https://news.example/met"),
    )
    return Corpus(documents, nodes, facts, roles={"commissionerOf": "Commissioner"})


def _store_page(corpus: Corpus, folder: Path) -> PageGraph:
    with open_new_store(folder / "store") as sink:
        add_corpus(sink, corpus)
    return from_store(sink.store)


def _data(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def _facts(data: dict[str, Any]) -> dict[tuple[str, str, str], list[Any]]:
    slugs = [row[0] for row in data["nodes"]]
    return {(slugs[f[0]], data["predicates"][f[1]][0], slugs[f[2]]): f[3:] for f in data["facts"]}


def test_page_source_rdf_gives_what_the_corpus_gave() -> None:
    corpus = _corpus()
    page = from_rdf(build_graph(corpus))
    assert page == from_corpus(corpus)
    assert page.inferred == frozenset() and page.roles == {"commissionerOf"}
    assert page_data(page) == page_data(from_corpus(corpus))
    assert to_html(page, layout="static") == to_html(from_corpus(corpus), layout="static")


def test_page_source_store_gives_what_rdflib_gave(tmp_path: Path) -> None:
    corpus = _corpus()
    assert _store_page(corpus, tmp_path) == from_rdf(build_graph(corpus))
    assert _store_page(Corpus(), tmp_path) == PageGraph()


def test_page_source_inferred_facts_reach_the_page() -> None:
    corpus = _corpus()
    page = from_rdf(with_inferences(build_graph(corpus)))
    asserted = {(f.subject, f.predicate, f.object) for f in corpus.facts}
    holds = ("person/dick", "holdsPositionIn", "organization/met")  # super-property
    assert holds in page.inferred
    assert not page.inferred & asserted
    for fact in page.facts:
        key = (fact.subject, fact.predicate, fact.object)
        assert (key in page.inferred) == (key not in asserted) == (not fact.evidence)
    facts = _facts(page_data(page))
    assert facts[holds] == [0.0, INFERRED, [], [], 0]
    commissioner = facts["person/dick", "commissionerOf", "organization/met"]
    assert commissioner[1] == "Commissioner" and commissioner[4] == 3
    assert len(facts) == len(page.facts) > len(corpus.facts)


def test_page_source_draws_a_stance_once_though_the_graph_holds_both_directions() -> None:
    graph = build_graph(_corpus())
    khan, dick = URIRef(config.RESOURCE + "person/khan"), URIRef(config.RESOURCE + "person/dick")
    assert (khan, KG.criticised, dick) in graph  # the active-voice mirror the build wrote
    page = from_rdf(graph)
    stances = [
        (f.subject, f.predicate, f.object)
        for f in page.facts
        if f.subject in ("person/khan", "person/dick")
        and f.object in ("person/khan", "person/dick")
    ]
    assert stances == [("person/dick", "criticisedBy", "person/khan")]
    inferred = from_rdf(with_inferences(build_graph(_corpus())))
    assert ("person/khan", "criticised", "person/dick") not in {
        (f.subject, f.predicate, f.object) for f in inferred.facts
    }
    graph.remove((khan, KG.criticised, dick))
    assert from_rdf(graph) == page


def test_page_source_keeps_an_active_voice_fact_without_its_mirror() -> None:
    graph = build_graph(Corpus())
    khan, dick = URIRef(config.RESOURCE + "person/khan"), URIRef(config.RESOURCE + "person/dick")
    for iri in (khan, dick):
        graph.add((iri, RDF.type, KG.Person))
    graph.add((khan, KG.criticised, dick))  # written by hand: nothing it mirrors
    page = from_rdf(graph)
    assert [(f.subject, f.predicate, f.object) for f in page.facts] == [
        ("person/khan", "criticised", "person/dick")
    ]


def test_page_source_build_pages(tmp_path: Path) -> None:
    corpus = _corpus()
    write_outputs([], corpus, tmp_path / "infer", infer=True)
    write_outputs([], corpus, tmp_path / "memory")
    write_outputs([], corpus, tmp_path / "disk", store=True)
    pages = {
        name: (tmp_path / name / "graph.html").read_text() for name in ("infer", "memory", "disk")
    }
    assert pages["disk"] == pages["memory"] == to_html(from_corpus(corpus))
    inferred = {k for k, row in _facts(_data(pages["infer"])).items() if row[1] == INFERRED}
    assert ("person/dick", "holdsPositionIn", "organization/met") in inferred
    assert f"{len(corpus.facts) + len(inferred)} relations" in pages["infer"]


@pytest.mark.slow
def test_page_source_deterministic_across_hash_seeds() -> None:
    code = (
        "import pickle, sys\n"
        "from kg.export.html.page import to_html\n"
        "from kg.export.html.source import from_rdf\n"
        "from kg.rdf.graph import build_graph\n"
        "from kg.rdf.infer import with_inferences\n"
        "graph = with_inferences(build_graph(pickle.load(sys.stdin.buffer)))\n"
        "sys.stdout.buffer.write(to_html(from_rdf(graph)).encode())\n"
    )
    outputs = outputs_under_hash_seeds(code, _corpus())
    assert outputs[0] == outputs[1]
    assert outputs[0] == to_html(from_rdf(with_inferences(build_graph(_corpus())))).encode()
