"""kg:sourcePath: relative to the folder the build ran in, never absolute, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg import config
from kg.build import build
from kg.inputs.read import read_inputs
from kg.rdf.graph import build_graph
from kg.rdf.vocab import KG
from kg.records import Corpus, DocumentExtraction, DocumentInfo

OUTPUTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html", "extractions.jsonl")


def _sources(graph: Graph) -> dict[str, str]:
    prefix = config.RESOURCE + "document/"
    return {
        str(doc).removeprefix(prefix): str(path)
        for doc, path in graph.subject_objects(KG.sourcePath)
    }


def _no_extraction(todo, on_done):
    """An extractor that finds nothing: the documents' own triples are what is tested."""
    return [DocumentExtraction(a.doc_id, a.source, a.title, len(a.text)) for a in todo]


def _inputs(root: Path) -> Path:
    """A build folder with one article under it and two beside it; returns the build folder."""
    (root / "work" / "news").mkdir(parents=True)
    (root / "feeds").mkdir()
    (root / "work" / "news" / "a.txt").write_text("Chief quits\n\nThe chief quit.")
    (root / "feeds" / "feed.jsonl").write_text(
        '{"id": "b", "title": "Mayor speaks", "text": "The mayor spoke."}\n'
    )
    return root / "work"


def test_graph_sources_an_absolute_source_keeps_only_its_file_name() -> None:
    documents = (
        DocumentInfo("a", "/home/ann/news/a.txt"),
        DocumentInfo("b", "/home/ann/feed.jsonl:7"),
        DocumentInfo("c", "news/c.txt"),
    )
    sources = _sources(build_graph(Corpus(documents=documents)))
    assert sources == {"a": "a.txt", "b": "feed.jsonl:7", "c": "news/c.txt"}


def test_graph_sources_are_relative_and_the_build_is_byte_identical(
    tmp_path: Path, monkeypatch
) -> None:
    work = _inputs(tmp_path)
    monkeypatch.chdir(work)
    inputs = [str(work / "news"), str(tmp_path / "feeds" / "feed.jsonl")]
    outputs = []
    for name in ("one", "two"):
        articles = list(read_inputs(inputs).articles)
        build(None, articles, work / name, extractor=_no_extraction)
        outputs.append({f: (work / name / f).read_bytes() for f in OUTPUTS})
    assert outputs[0] == outputs[1]
    graph = Graph().parse(work / "one" / "graph.ttl")
    assert _sources(graph) == {"a": "news/a.txt", "b": "/".join(("..", "feeds", "feed.jsonl:1"))}
    for output in outputs[0].values():
        assert str(tmp_path).encode() not in output


def test_graph_sources_an_update_makes_an_older_absolute_source_relative(
    tmp_path: Path, monkeypatch
) -> None:
    work = _inputs(tmp_path)
    monkeypatch.chdir(work)
    out = work / "out"
    old = DocumentExtraction("old", str(work / "news" / "old.txt"), "Old", 3)
    out.mkdir()
    (out / "extractions.jsonl").write_text(json.dumps(old.to_json()) + "\n", encoding="utf-8")
    articles = list(read_inputs([str(work / "news")]).articles)
    build(None, articles, out, extractor=_no_extraction, update=True)
    graph = Graph().parse(out / "graph.ttl")
    assert _sources(graph) == {"a": "news/a.txt", "old": "news/old.txt"}
    assert (URIRef(config.RESOURCE + "document/old"), KG.title, Literal("Old")) in graph
