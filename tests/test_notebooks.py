"""The notebooks run top to bottom, offline, in this environment's Python.

The kernel is a spec written for the test (``sys.executable`` with ipykernel) and found
through ``JUPYTER_PATH``, so no other Python registered as ``python3`` on the machine
can be picked up by mistake.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # each notebook starts a kernel and builds a graph

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_sparql_cookbook.ipynb"]
KERNEL = "kg-test-python"


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec for this Python, found first; matplotlib without a display."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "kg tests", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return KERNEL


def _run(name: str, kernel: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name=kernel,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return notebook


def _text(notebook: nbformat.NotebookNode) -> str:
    """Every output of the notebook as one string (streams, text and HTML results)."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.extend(str(data.get(kind, "")) for kind in ("text/plain", "text/html"))
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_notebook_quickstart_runs(kernel: str) -> None:
    text = _text(_run("01_quickstart.ipynb", kernel))
    assert "graph.ttl" in text and "<iframe srcdoc=" in text
    assert "kg:Person" in text and "organisation" in text  # SPARQL answers as DataFrames
    assert "PageRank" in text and "members" in text  # centrality, communities
    assert " --" in text  # the shortest path, fact by fact


def test_notebook_cookbook_runs(
    kernel: str, example_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_GRAPH", str(example_build / "graph.ttl"))
    text = _text(_run("02_sparql_cookbook.ipynb", kernel))
    assert "roleLabel" in text and "sentence" in text and "confidence" in text
    assert "name = " in text and "direction" in text  # the parameterised query
    assert "== neighbours name=..." in text  # its usage, from the query's header
    assert "critic" in text and "Aisha Rahman" in text  # kg:criticised, the active voice
    assert "timeline needs dated articles" in text  # the example article has no date
