"""The ontology's HTML documentation (pyLODE): complete, stable and offline."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph

import kg.rdf.docs
from kg.rdf.docs import remote_resources, write_docs
from kg.rdf.ontology import local_name

REPO = Path(__file__).parents[2]
ONTOLOGY = REPO / "ontology" / "kg.ttl"
COMMITTED = REPO / "docs" / "ontology.html"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = write_docs(ONTOLOGY, tmp_path_factory.mktemp("docs") / "ontology.html")
    return out.read_text(encoding="utf-8")


def _kg_terms() -> list[str]:
    graph = Graph().parse(ONTOLOGY)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({local_name(s) for k in kinds for s in graph.subjects(RDF.type, k)} - {""})


def test_docs_page_lists_terms(page: str) -> None:
    for name in ("commissionerOf", "Person"):
        assert f'id="{name}"' in page
        assert f"https://kg-news.org/ontology#{name}" in page
    assert "commissioner of" in page and "holds position in" in page


def test_docs_page_is_offline_and_stable(page: str, tmp_path: Path) -> None:
    assert remote_resources(page) == []
    assert "<style" in page  # pyLODE's CSS is inlined
    again = write_docs(ONTOLOGY, tmp_path / "again.html").read_text(encoding="utf-8")
    assert again == page
    # union members keep the ontology's order (pyLODE itself lists them in set order)
    start = page.index("ontology#criticisedBy</code>")
    block = page[start : page.index("</table>", start)]
    assert block.index('href="#Person"') < block.index('href="#Organization"')


def test_docs_committed_page_is_current() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    missing = [t for t in _kg_terms() if f"https://kg-news.org/ontology#{t}<" not in text]
    assert missing == [], "docs/ontology.html is out of date: run `make docs`"
    assert remote_resources(text) == []


def test_docs_doctests() -> None:
    result = doctest.testmod(kg.rdf.docs)
    assert result.failed == 0 and result.attempted > 0
