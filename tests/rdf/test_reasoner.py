"""OWL reasoning: the ontology and built graphs are consistent under HermiT.

owlready2 bundles HermiT; it needs ``java`` (default-jre-headless, installed by
.ci/run). If Java or the reasoner is missing these tests fail: they are never skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph

from kg.rdf.vocab import KG
from tests.conftest import REPO

ONTOLOGY = REPO / "ontology" / "kg.ttl"


def hermit(graph: Graph, workdir: Path) -> list[str]:
    """Run HermiT on ``graph``; return its unsatisfiable classes.

    Raises ``OwlReadyInconsistentOntologyError`` when the graph is inconsistent and
    ``OwlReadyJavaError`` (or ``FileNotFoundError``) when the reasoner cannot run.
    """
    import owlready2

    path = workdir / "graph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
    world.close()
    return unsatisfiable


def test_reasoner_ontology_is_consistent(tmp_path: Path) -> None:
    assert hermit(Graph().parse(ONTOLOGY), tmp_path) == []


def test_reasoner_example_graph_is_consistent(example_build: Path, tmp_path: Path) -> None:
    graph = Graph().parse(example_build / "graph.nt")
    assert (None, RDF.type, KG.Person) in graph
    assert hermit(graph, tmp_path) == []


def test_reasoner_finds_a_contradiction(example_build: Path, tmp_path: Path) -> None:
    """The check has teeth: a mayor of a person is inconsistent (disjoint classes)."""
    import owlready2

    graph = Graph().parse(example_build / "graph.nt")
    first, second = sorted(graph.subjects(RDF.type, KG.Person))[:2]
    graph.add((first, KG.mayorOf, second))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(graph, tmp_path)
