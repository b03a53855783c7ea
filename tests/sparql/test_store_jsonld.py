"""Memory and store builds write graph.jsonld with one writer (kg.export.rdf.jsonld_chunks).

A memory build hands it its graph's subjects; a store build streams them from the store,
one node's triples at a time, so the store is never loaded into memory. The graph is
the same; the bytes can differ only where the store keeps its own blank-node names or a
canonical lexical form (a UTC time ``+00:00`` comes back as ``Z``, the decimal ``1.0``
as ``1``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export.rdf import jsonld_chunks, prefixes, to_jsonld
from kg.rdf.ontology import new_graph
from kg.sparql.store import open_new_store, store_nodes
from tests.conftest import REPO


def _build(store: str, outdir: Path) -> Path:
    command = [sys.executable, "-m", "kg", "build", str(REPO / "examples"), "-o", str(outdir)]
    subprocess.run([*command, "--store", store], check=True, capture_output=True, cwd=REPO)
    return outdir / "graph.jsonld"


def test_store_and_memory_builds_write_the_same_graph_in_the_same_form(tmp_path: Path) -> None:
    memory_path, disk_path = _build("memory", tmp_path / "m"), _build("disk", tmp_path / "d")
    assert (tmp_path / "d" / "store").exists()
    memory = Graph().parse(memory_path, format="json-ld")
    disk = Graph().parse(disk_path, format="json-ld")
    assert len(memory) == len(disk) > 500 and isomorphic(memory, disk)
    m, d = json.loads(memory_path.read_text()), json.loads(disk_path.read_text())
    assert m["@context"] == d["@context"] and "kg" in d["@context"]
    iris = [node["@id"] for node in d["@graph"] if not node["@id"].startswith("_:")]
    assert iris == [node["@id"] for node in m["@graph"] if not node["@id"].startswith("_:")]
    assert "kgr:person/margaret-oyelaran" in iris  # compact IRIs, as in a memory build


def test_a_store_without_blank_nodes_gives_the_memory_bytes(tmp_path: Path) -> None:
    graph = new_graph()
    a, b = URIRef("https://kg-news.org/resource/a"), URIRef("https://kg-news.org/resource/b")
    triples = [
        (a, URIRef("https://kg-news.org/ontology#title"), Literal("T\u2028")),
        (a, URIRef("https://kg-news.org/ontology#mentions"), b),
        (b, URIRef("https://kg-news.org/ontology#title"), Literal("0.85", datatype=XSD.decimal)),
    ]
    with open_new_store(tmp_path / "store") as sink:
        for triple in triples:
            graph.add(triple)
            sink.add(triple)

    streamed = "".join(jsonld_chunks(prefixes(graph), store_nodes(sink.store)))
    assert streamed == to_jsonld(graph)
    assert "\\u2028" in streamed


def test_store_keeps_canonical_literals_only(tmp_path: Path) -> None:
    """Why store and memory outputs can differ in lexical forms: the store canonicalises."""
    kept = Literal("0.85", datatype=XSD.decimal, normalize=False)
    changed = Literal("2022-02-10T09:30:00+00:00", datatype=XSD.dateTime, normalize=False)
    with open_new_store(tmp_path / "store") as sink:
        for value in (kept, changed):
            sink.add((URIRef("urn:a"), URIRef("urn:p"), value))
    values = {q.object.value for q in sink.store.quads_for_pattern(None, None, None)}
    assert str(kept) in values
    assert "2022-02-10T09:30:00Z" in values and str(changed) not in values
