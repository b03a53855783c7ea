"""Memory and store builds write graph.jsonld with one writer: same corpus, same bytes.

The store keeps typed literals in canonical form (a UTC time ``+00:00`` comes back as
``Z``, the decimal ``1.0`` as ``1``), so the bytes agree where the lexical forms are
canonical, as in the example article; the test below shows both sides of that.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import XSD, Literal, URIRef

from kg.sparql.store import as_graph, open_new_store
from tests.conftest import REPO


def _build(store: str, outdir: Path) -> bytes:
    command = [sys.executable, "-m", "kg", "build", str(REPO / "examples"), "-o", str(outdir)]
    subprocess.run([*command, "--store", store], check=True, capture_output=True, cwd=REPO)
    return (outdir / "graph.jsonld").read_bytes()


def test_store_and_memory_builds_write_the_same_jsonld(tmp_path: Path) -> None:
    memory = _build("memory", tmp_path / "memory")
    disk = _build("disk", tmp_path / "disk")
    assert (tmp_path / "disk" / "store").is_dir()
    assert memory == disk
    assert b'"@context"' in memory and b"kgr:person/" in memory


def test_store_graph_keeps_canonical_literals_only(tmp_path: Path) -> None:
    kept = Literal("0.85", datatype=XSD.decimal, normalize=False)
    changed = Literal("2022-02-10T09:30:00+00:00", datatype=XSD.dateTime, normalize=False)
    with open_new_store(tmp_path / "store") as sink:
        for value in (kept, changed):
            sink.add((URIRef("urn:a"), URIRef("urn:p"), value))
    values = {str(o) for o in as_graph(sink.store).objects()}
    assert str(kept) in values
    assert "2022-02-10T09:30:00Z" in values and str(changed) not in values
