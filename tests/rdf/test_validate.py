"""SHACL: built graphs conform to ontology/shapes.ttl; broken graphs are caught."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal
from typer.testing import CliRunner

import kg.rdf.shapes
import kg.rdf.validate
from kg.cli import app
from kg.export.rdf import stable_bnodes
from kg.rdf.graph import build_graph, node_iri
from kg.rdf.ontology import load_ontology, term
from kg.rdf.shapes import MARKER, shapes_text
from kg.rdf.validate import Violation, format_violations, validate_graph, validate_path
from kg.rdf.vocab import KG
from kg.sparql.load import load_graph
from tests.conftest import REPO
from tests.factories import sample_corpus

SHAPES_FILE = REPO / "ontology" / "shapes.ttl"


@pytest.mark.parametrize("build", ["example_build", "articles_build"])
def test_validate_built_graphs_conform(request: pytest.FixtureRequest, build: str) -> None:
    violations = validate_path(request.getfixturevalue(build))
    assert violations == [], format_violations(violations)


def test_validate_sample_graph_with_minted_role_conforms() -> None:
    assert validate_graph(build_graph(sample_corpus())) == []


def _broken(graph: Graph) -> Graph:
    """Cressida Dick gets two labels, a mayorOf a person, and one evidence loses its document."""
    dick, khan = node_iri("person/cressida-dick"), node_iri("person/sadiq-khan")
    graph.add((dick, RDFS.label, Literal("Dame Cressida")))
    graph.add((dick, KG.mayorOf, khan))
    axiom = sorted(graph.subjects(RDF.type, OWL.Axiom))[0]
    graph.remove((axiom, KG.evidenceDocument, None))
    return graph


def test_validate_broken_graph_lists_each_violation() -> None:
    violations = validate_graph(_broken(build_graph(sample_corpus())))
    focus = "Cressida Dick / Dame Cressida"
    assert Violation(focus, "rdfs:label", "an entity must have exactly one rdfs:label") in (
        violations
    )
    assert (
        Violation(
            focus,
            "kg:mayorOf",
            "the object of kg:mayorOf must be an Organization or a Place",
            "Sadiq Khan",
        )
        in violations
    )
    (missing,) = [v for v in violations if v.path == "kg:evidenceDocument"]
    assert missing.focus.startswith("evidence for ") and "exactly one" in missing.message
    assert len(violations) == 3, format_violations(violations)


def test_validate_catches_wrong_subject_type_and_minted_role_range() -> None:
    graph = build_graph(sample_corpus())
    london, met = node_iri("place/london"), node_iri("organization/met-police")
    khan = node_iri("person/sadiq-khan")
    graph.add((london, KG.mayorOf, met))  # a place cannot hold a post
    graph.add((khan, term("deputyMayorOf"), khan))  # minted role: object must be Org or Place
    lines = format_violations(validate_graph(graph)).splitlines()
    assert "London | kg:mayorOf | the subject of kg:mayorOf must be a Person" in lines
    assert any(line.startswith("Sadiq Khan | kg:deputyMayorOf | the object") for line in lines)
    assert lines[-1] == "2 violations"


def test_validate_entity_needs_exactly_one_core_type() -> None:
    graph = build_graph(sample_corpus())
    graph.add((node_iri("place/london"), RDF.type, KG.Organization))
    messages = {v.message for v in validate_graph(graph)}
    assert "an entity must be exactly one of Person, Organization or Place" in messages


def test_validate_dangling_evidence() -> None:
    graph = build_graph(sample_corpus())
    graph.remove(
        (node_iri("person/cressida-dick"), KG.commissionerOf, node_iri("organization/met-police"))
    )
    messages = {v.message for v in validate_graph(graph)}
    assert "evidence must annotate a triple that is in the graph" in messages


def test_shapes_file_is_up_to_date() -> None:
    text = SHAPES_FILE.read_text(encoding="utf-8")
    assert MARKER in text
    fresh = Graph().parse(data=shapes_text(text, load_ontology()), format="turtle")
    committed = Graph().parse(data=text, format="turtle")
    assert set(stable_bnodes(fresh)) == set(stable_bnodes(committed)), "run `make shapes`"


def test_shapes_cover_every_core_property() -> None:
    shapes = load_graph(SHAPES_FILE)
    for name in ("mayorOf", "commissionerOf", "criticisedBy", "basedIn", "memberOf"):
        assert (kg.rdf.shapes.shape_iri(KG[name]), None, None) in shapes, name


def test_cli_validate_exit_codes(example_build: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    _broken(build_graph(sample_corpus())).serialize(broken, format="turtle")
    ok = CliRunner().invoke(app, ["validate", str(example_build)])
    assert (ok.exit_code, ok.output) == (0, "conforms\n")
    bad = CliRunner().invoke(app, ["validate", str(broken)])
    assert bad.exit_code == 1 and "kg:mayorOf" in bad.output
    assert bad.output.endswith("3 violations\n")
    missing = subprocess.run(
        [sys.executable, "-m", "kg", "validate", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("kg: error:")


@pytest.mark.parametrize("module", [kg.rdf.shapes, kg.rdf.validate])
def test_validate_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
