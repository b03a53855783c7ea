"""kg.export.rdf: Turtle, JSON-LD and N-Triples that parse back and never change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from kg.export.rdf import prefixes, stable_bnodes, to_jsonld, to_ntriples, to_turtle, write_rdf
from kg.rdf.graph import build_graph
from kg.rdf.ontology import new_graph
from kg.rdf.vocab import KG
from tests.factories import HOSTILE, sample_corpus

TESTS = Path(__file__).parents[1]
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
EX = Namespace("http://example.org/")
FORMATS = {
    "turtle": (to_turtle, "turtle", ox.RdfFormat.TURTLE),
    "jsonld": (to_jsonld, "json-ld", ox.RdfFormat.JSON_LD),
    "ntriples": (to_ntriples, "nt", ox.RdfFormat.N_TRIPLES),
}
WRITE_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.factories import sample_corpus
from kg.export.rdf import write_rdf
from kg.rdf.graph import build_graph
write_rdf(build_graph(sample_corpus()), sys.argv[2])
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(sample_corpus())


@pytest.fixture(scope="module")
def texts(graph: Graph) -> dict[str, str]:
    return {name: export(graph) for name, (export, _, _) in FORMATS.items()}


@pytest.mark.parametrize("name", FORMATS)
def test_rdflib_parses_back_isomorphic(graph: Graph, texts: dict[str, str], name: str) -> None:
    parsed = Graph().parse(data=texts[name], format=FORMATS[name][1])
    assert len(parsed) == len(graph)
    assert isomorphic(parsed, graph)


@pytest.mark.parametrize("name", FORMATS)
def test_hostile_literals_round_trip(texts: dict[str, str], name: str) -> None:
    parsed = Graph().parse(data=texts[name], format=FORMATS[name][1])
    quote = URIRef("https://kg-news.org/resource/quote/a1-1")
    assert parsed.value(quote, KG.quoteText) == Literal(HOSTILE)
    assert Literal(HOSTILE) in set(parsed.objects(None, KG.evidenceSentence))


@pytest.mark.parametrize("name", FORMATS)
def test_pyoxigraph_parses(graph: Graph, texts: dict[str, str], name: str) -> None:
    quads = list(ox.parse(texts[name].encode("utf-8"), format=FORMATS[name][2]))
    assert len(quads) == len(graph)
    literals = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert HOSTILE in literals
    iris = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    assert "https://kg-news.org/resource/document/b%202%2F%C3%BC" in iris


def test_outputs_are_stable_within_a_process(graph: Graph, texts: dict[str, str]) -> None:
    rebuilt = build_graph(sample_corpus())
    for name, (export, _, _) in FORMATS.items():
        assert export(rebuilt) == texts[name], name


def test_outputs_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        outdir = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", WRITE_SCRIPT, str(TESTS), str(outdir)],
            env=env,
            check=True,
            timeout=300,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(outdir.iterdir())})
    assert set(outputs[0]) == {"graph.ttl", "graph.jsonld", "graph.nt"}
    assert outputs[0] == outputs[1]
    here = {p.name: p.read_bytes() for p in write_rdf(build_graph(sample_corpus()), tmp_path)}
    assert here == outputs[0]


def test_blank_node_ids_do_not_depend_on_the_input_ids() -> None:
    def graph_with_fresh_bnodes() -> Graph:
        g = new_graph()
        for i in range(3):
            axiom, union, rest = BNode(), BNode(), BNode()
            g.add((axiom, RDF.type, EX.Axiom))
            g.add((axiom, EX.source, EX[f"n{i}"]))
            g.add((EX[f"p{i}"], RDFS.domain, union))
            g.add((union, RDF.first, EX.Person))
            g.add((union, RDF.rest, rest))
            g.add((rest, RDF.first, EX.Organization))
            g.add((rest, RDF.rest, RDF.nil))
        return g

    first, second = graph_with_fresh_bnodes(), graph_with_fresh_bnodes()
    assert set(first) != set(second)
    for export, _, _ in FORMATS.values():
        assert export(first) == export(second)


def test_identical_blank_nodes_stay_distinct() -> None:
    g = Graph()
    for prop in (EX.p, EX.q):  # two identical anonymous structures under one subject
        g.add((EX.s, prop, BNode()))
    for _ in range(2):  # two identical root blank nodes
        g.add((BNode(), EX.label, Literal("same")))
    stable = stable_bnodes(g)
    assert len(stable) == len(g)
    assert isomorphic(stable, g)
    assert to_ntriples(stable) == to_ntriples(g)


def test_shared_blank_nodes_fall_back_to_canonical_names() -> None:
    def shared() -> Graph:
        g = Graph()
        b = BNode()
        g.add((EX.a, EX.p, b))
        g.add((EX.c, EX.p, b))
        g.add((b, EX.label, Literal("x")))
        return g

    first, second = stable_bnodes(shared()), stable_bnodes(shared())
    assert isomorphic(first, shared())
    assert set(first) == set(second)


def test_no_raw_control_characters(texts: dict[str, str]) -> None:
    for name in ("turtle", "ntriples"):
        assert not any(ord(c) < 0x20 and c not in "\t\n" or c == "\x7f" for c in texts[name])
    assert "\\u0000" in texts["turtle"] and "\\u0000" in texts["ntriples"]


def test_ntriples_sorted_lines(texts: dict[str, str]) -> None:
    lines = texts["ntriples"].split("\n")
    assert lines[-1] == ""
    assert lines[:-1] == sorted(lines[:-1])
    assert all(line.endswith(" .") for line in lines[:-1])


def test_jsonld_context_is_the_turtle_prefix_table(graph: Graph, texts: dict[str, str]) -> None:
    document = json.loads(texts["jsonld"])
    assert document["@context"] == prefixes(graph)
    turtle_prefixes = {
        line.split()[1].rstrip(":"): line.split()[2].strip("<>")
        for line in texts["turtle"].splitlines()
        if line.startswith("PREFIX ")
    }
    assert turtle_prefixes and turtle_prefixes.items() <= document["@context"].items()
    ids = [node["@id"] for node in document["@graph"]]
    named = [i for i in ids if not i.startswith("_:")]
    assert ids == named + [i for i in ids if i.startswith("_:")]
    assert named == sorted(named, key=lambda i: _expand(i, document["@context"]))


def _expand(compact: str, context: dict[str, str]) -> str:
    prefix, _, local = compact.partition(":")
    return context[prefix] + local if prefix in context else compact


def test_jsonld_typed_literals(texts: dict[str, str]) -> None:
    parsed = Graph().parse(data=texts["jsonld"], format="json-ld")
    starts = set(parsed.objects(None, KG.startChar))
    assert Literal(40) in starts
    lang = parsed.value(KG.mayorOf, RDFS.label)
    assert isinstance(lang, Literal) and lang.language == "en"


def test_write_rdf(tmp_path: Path, graph: Graph, texts: dict[str, str]) -> None:
    paths = write_rdf(graph, tmp_path / "out")
    assert [p.name for p in paths] == ["graph.ttl", "graph.jsonld", "graph.nt"]
    by_name = {p.name: p.read_text(encoding="utf-8") for p in paths}
    assert by_name["graph.ttl"] == texts["turtle"]
    assert by_name["graph.jsonld"] == texts["jsonld"]
    assert by_name["graph.nt"] == texts["ntriples"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(by_name)


def test_empty_graph() -> None:
    assert to_turtle(Graph()) == ""
    assert to_ntriples(Graph()) == ""
    assert json.loads(to_jsonld(Graph()))["@graph"] == []
