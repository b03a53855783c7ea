"""Protégé compatibility: the ontology and built graphs load cleanly with the OWL API.

owlcheck (beside the repository, in shared/tools) must be installed, with java and
libowlapi-java: if it is missing these tests fail, they are never skipped.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kg.export.rdf import write_rdf
from kg.rdf.graph import build_graph
from tests.factories import sample_corpus

OWLCHECK = Path(__file__).parents[3] / "shared/tools/owlcheck/owlcheck"
ONTOLOGY = Path(__file__).parents[2] / "ontology/kg.ttl"
PROBLEMS = ("UNPARSED TRIPLE", "GUESSED DECLARATION", "DL VIOLATION", "ERROR", "MALFORMED")


def run_owlcheck(*files: Path) -> str:
    """Run owlcheck on files at once (one JVM start) and return its text report."""
    assert OWLCHECK.is_file(), f"owlcheck not found at {OWLCHECK}"
    result = subprocess.run(
        ["bash", str(OWLCHECK), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), f"owlcheck setup failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def sections(report: str) -> dict[str, list[str]]:
    """Split a report into the lines of each file, keyed by the file's name."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in report.splitlines():
        if line.startswith("== "):
            current = found.setdefault(Path(line[3:].strip()).name, [])
        current.append(line)
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    outdir = tmp_path_factory.mktemp("owlcheck")
    paths = write_rdf(build_graph(sample_corpus()), outdir)
    return sections(run_owlcheck(ONTOLOGY, *paths))


@pytest.mark.parametrize("name", ["kg.ttl", "graph.ttl", "graph.jsonld", "graph.nt"])
def test_loads_cleanly_in_owl_api(report: dict[str, list[str]], name: str) -> None:
    lines = report.get(name)
    assert lines, f"no owlcheck report for {name}: {report}"
    summary = [line for line in lines if line.startswith("owlcheck:")]
    assert len(summary) == 1 and summary[0].startswith("owlcheck: OK"), "\n".join(lines)
    problems = [line for line in lines if line.strip().startswith(PROBLEMS)]
    assert problems == []


def test_graph_counts(report: dict[str, list[str]]) -> None:
    """The sample graph's individuals and assertions all reach the OWL API."""
    for name in ("graph.ttl", "graph.jsonld"):
        (summary,) = [line for line in report[name] if line.startswith("owlcheck:")]
        counts = dict(item.split("=") for item in summary.split() if "=" in item)
        # 4 nodes + 2 documents + 3 quotes
        assert counts["individuals"] == "9", summary
        assert int(counts["objectPropertyAssertions"]) >= 5 + 3 * 2, summary
