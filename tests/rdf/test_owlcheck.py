"""Protégé compatibility: the ontology and built graphs load cleanly with the OWL API.

kg.rdf.owlcheck runs our OwlCheck.java on java and Debian's libowlapi-java (``make test``
installs them or names the command): if they are missing these tests fail, never skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef

from kg.rdf.owlcheck import FileReport, Report, check, main

ONTOLOGY = Path(__file__).parents[2] / "ontology/kg.ttl"
PROBLEMS = ("ERROR", "MISSING IMPORT", "UNPARSED TRIPLE", "UNDECLARED", "DL VIOLATION")
KG = "https://kg-news.org/ontology#"


def run_owlcheck(*files: Path) -> str:
    """Check files at once (one JVM start) and return the text report."""
    return check(list(files)).text()


def sections(report: str) -> dict[str, list[str]]:
    """Split a text report into the lines of each file, keyed by the file's name."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in report.splitlines():
        if line.startswith("== "):
            current = found.setdefault(Path(line[3:].strip()).name, [])
        current.append(line)
    return found


def broken_graph(source: Path, target: Path) -> Path:
    """The built graph plus three things Protégé mishandles, written as Turtle."""
    graph = Graph().parse(source)
    person = next(graph.subjects(RDF.type, OWL.NamedIndividual))
    graph.add((person, URIRef(KG + "undeclaredProperty"), person))  # guessed: annotation property
    graph.add((person, URIRef(KG + "mentions"), Literal("punned")))  # object property + literal
    statement = URIRef("https://kg-news.org/resource/statement")
    graph.add((statement, RDF.subject, person))  # reification: dropped by the OWL API
    graph.serialize(target, format="turtle")
    return target


@pytest.fixture(scope="module")
def report(example_build: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileReport]:
    folder = tmp_path_factory.mktemp("owlcheck")
    broken = broken_graph(example_build / "graph.ttl", folder / "broken.ttl")
    syntax = folder / "syntax.ttl"
    syntax.write_text("@prefix : <https://example.org/> .\n:a :b ")
    imports = folder / "imports.ttl"  # an import with no local copy: never fetched
    imports.write_text(f"<https://example.org/i> <{OWL.imports}> <https://example.org/none> .\n")
    files = [ONTOLOGY, *(example_build / n for n in ("graph.ttl", "graph.jsonld", "graph.nt"))]
    return check([*files, broken, syntax, imports]).by_name()


@pytest.mark.parametrize("name", ["kg.ttl", "graph.ttl", "graph.jsonld", "graph.nt"])
def test_loads_cleanly_in_owl_api(report: dict[str, FileReport], name: str) -> None:
    result = report[name]
    assert result.ok and result.problems == [], "\n".join(result.problems)
    assert result.summary().startswith("owlcheck: OK")


def test_graph_counts(report: dict[str, FileReport], example_build: Path) -> None:
    """Every individual and object property of the built graph reaches the OWL API."""
    graph = Graph().parse(example_build / "graph.ttl")
    individuals = len(set(graph.subjects(RDF.type, OWL.NamedIndividual)))
    properties = len(set(graph.subjects(RDF.type, OWL.ObjectProperty)))
    assert individuals > 0
    for name in ("graph.ttl", "graph.jsonld", "graph.nt"):
        counts = report[name].counts
        assert counts["individuals"] == individuals, report[name].summary()
        assert counts["objectProperties"] == properties, report[name].summary()
        assert counts["objectPropertyAssertions"] > 0
    assert report["graph.jsonld"].counts == report["graph.ttl"].counts
    assert report["kg.ttl"].counts["individuals"] == 0


def test_catches_what_protege_would_drop(report: dict[str, FileReport]) -> None:
    broken = report["broken.ttl"]
    assert not broken.ok
    assert any("undeclaredProperty" in item for item in broken.undeclared), broken.undeclared
    assert any(
        item.startswith("IllegalPunning") and "mentions" in item for item in broken.dl_violations
    )
    assert any("22-rdf-syntax-ns#subject" in item for item in broken.unparsed_triples)
    assert broken.summary().startswith("owlcheck: FAIL")
    syntax = report["syntax.ttl"]
    assert not syntax.ok and syntax.format is None
    assert any("line 2" in error for error in syntax.errors), syntax.errors
    imports = report["imports.ttl"]
    assert not imports.ok and imports.missing_imports == ["https://example.org/none"]


def test_text_report_splits_per_file(report: dict[str, FileReport]) -> None:
    text = Report([report["graph.ttl"], report["broken.ttl"]]).text()
    parts = sections(text)
    assert set(parts) == {"graph.ttl", "broken.ttl"}
    assert [line for line in parts["graph.ttl"] if line.strip().startswith(PROBLEMS)] == []
    assert any(line.strip().startswith("UNPARSED TRIPLE") for line in parts["broken.ttl"])


def test_main_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Usage error is 2; missing jars or java is 3 with one line naming the install command."""
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("usage:")
    monkeypatch.setenv("OWLCHECK_JAR_DIR", str(tmp_path))
    assert main([str(ONTOLOGY)]) == 3
    jars_line = capsys.readouterr().err.strip()
    monkeypatch.delenv("OWLCHECK_JAR_DIR")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main([str(ONTOLOGY)]) == 3
    java_line = capsys.readouterr().err.strip()
    for line in (jars_line, java_line):
        assert "\n" not in line and "apt-get install -y libowlapi-java" in line, line
    assert "jars missing" in jars_line and "java not found" in java_line
