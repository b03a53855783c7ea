"""Whole builds of real articles: facts, files, Protégé, determinism, offline HTML."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from rdflib import Graph

from kg.evaluation.gold import evaluate
from kg.export.html.page import remote_references
from kg.rdf.owlcheck import check
from kg.sparql.load import load_graph
from kg.sparql.run import run_query
from tests.conftest import ARTICLES, EXAMPLE, EXAMPLE_GOLD, REPO

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.nt", "graph.html", "extractions.jsonl")


def test_example_build_meets_the_gold_bar(example_build):
    score = evaluate(example_build, [EXAMPLE_GOLD]).total
    assert score.recall_must == 1.0, score.missed_must
    assert score.recall_should >= 0.5
    assert score.precision >= 0.8, score.false_positives
    assert not score.wrong_entities and not score.wrong_types
    # known errors, tracked as extraction work: "HCP basedIn West Midlands" (a place the
    # deputy came from), "Oyelaran worksFor the Police Federation", and "Harbourside
    # police" (the headline's name for the force) as a second node of the force
    assert len(score.wrong_triples) <= 2, score.wrong_triples
    assert score.duplicates <= 1


def test_articles_build_joins_a_person_across_articles(articles_build):
    people = run_query(
        load_graph(articles_build),
        "SELECT ?n (COUNT(DISTINCT ?d) AS ?docs) WHERE { ?n a kg:Person ; rdfs:label ?l ;"
        " kg:mentionedIn ?d } GROUP BY ?n",
        {"l": "Joanna Pike"},
    ).rows
    assert len(people) == 1 and people[0][1] == "2"
    lines = (articles_build / "merges.jsonl").read_text().splitlines()
    merges = [json.loads(line) for line in lines]
    pike = next(m for m in merges if m["label"] == "Joanna Pike")
    assert {doc for doc, _ in pike["members"]} == {"01_brightwater_airline", "03_transport_review"}
    assert pike["reasons"]


def test_articles_build_against_a_folder_of_gold(articles_build):
    """Each fixture article has a gold file beside it; a folder of gold is read whole."""
    report = evaluate(articles_build, [EXAMPLE_GOLD, ARTICLES])
    texts = sorted(p.name for p in ARTICLES.glob("*.txt"))
    assert [s.doc for s in report.scores] == [EXAMPLE.name, *texts]
    total = report.total
    assert total.gold_must == sum(s.gold_must for s in report.scores) > 20
    # kg's bar on text it was not tuned on; known misses, tracked as extraction work:
    # the council story types Kestrel Bay, Brightwater Air and Harbour Road as people
    # (so none of its facts is found), "Moss" alone is a place and a second node. The
    # default --min-confidence drops two must facts found only by weak methods (the
    # CoNLL04 model's "based in", a manager's club implied from the article), which on
    # the 22 gold dev articles were mostly wrong
    assert total.recall_must >= 0.65, total.missed_must
    assert total.precision >= 0.85, total.false_positives
    assert len(total.wrong_triples) <= 3, total.wrong_triples
    assert len(total.wrong_entities) <= 1, total.wrong_entities


def test_build_writes_every_output_and_they_parse(example_build):
    for name in OUTPUTS:
        assert (example_build / name).stat().st_size > 0, name
    graphs = [
        Graph().parse(example_build / f"graph.{ext}", format=fmt)
        for ext, fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"))
    ]
    assert len(graphs[0]) == len(graphs[1]) == len(graphs[2]) > 500
    lines = (example_build / "extractions.jsonl").read_text().splitlines()
    record = json.loads(lines[0])
    assert record["doc_id"] == EXAMPLE.stem
    chief = next(e for e in record["entities"] if e["label"] == "Margaret Oyelaran")
    assert any(m["kind"] == "pronoun" for m in chief["mentions"])
    text = EXAMPLE.read_text()
    for rel in record["relations"]:
        ev = rel["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["sentence"]
        assert 0.0 < ev["confidence"] <= 1.0 and ev["rule"]


@pytest.mark.parametrize("build", ["example_build", "articles_build"])
def test_owlcheck_accepts_built_graphs(build, request):
    outdir = request.getfixturevalue(build)
    files = [outdir / "graph.ttl", outdir / "graph.jsonld", REPO / "ontology" / "kg.ttl"]
    report = check(files)
    assert report.ok and len(report.files) == 3, report.text()
    assert all(not f.problems for f in report.files), report.text()


@pytest.mark.parametrize("build", ["example_build", "articles_build"])
def test_html_requests_nothing_remote(build, request):
    page = (request.getfixturevalue(build) / "graph.html").read_text()
    assert remote_references(page) == []
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"<link\b|<script[^>]*\bsrc=|@import|url\(\s*['\"]?https?:", page, re.I)
    assert "new vis.Network" in page


def _build_in_subprocess(outdir, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(EXAMPLE), "-o", str(outdir), "-q"],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    return {name: (outdir / name).read_bytes() for name in OUTPUTS}


@pytest.mark.slow
def test_builds_are_byte_identical_across_processes(tmp_path):
    first = _build_in_subprocess(tmp_path / "a", "1")
    second = _build_in_subprocess(tmp_path / "b", "2")
    for name in OUTPUTS:
        assert first[name] == second[name], name
