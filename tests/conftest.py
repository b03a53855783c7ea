"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.inputs.read import read_article
from kg.records import Article
from tests.listener import Listener

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "harbourside_police_chief.txt"
"""The bundled example article (fictional, written for kg)."""
EXAMPLE_GOLD = REPO / "examples" / "harbourside_police_chief.gold.json"
"""Gold facts of the example article (format: :mod:`kg.evaluation.gold`)."""
ARTICLES = REPO / "tests" / "data" / "articles"
"""Four short fictional articles that share people and places, a gold file beside each."""


@pytest.fixture(scope="session")
def nlp():
    """The model with kg's components, loaded once."""
    from kg.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def example_article() -> Article:
    return read_article(str(EXAMPLE))


@pytest.fixture(scope="session")
def example_doc(nlp, example_article):
    return nlp(example_article.text)


def _build(nlp, paths: list[Path], outdir: Path) -> Path:
    from kg.build import build

    build(nlp, [read_article(str(p)) for p in paths], outdir)
    return outdir


@pytest.fixture(scope="session")
def example_build(nlp, tmp_path_factory) -> Path:
    """An output folder built from the bundled example article."""
    return _build(nlp, [EXAMPLE], tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def articles_build(nlp, tmp_path_factory) -> Path:
    """An output folder built from the example and the fixture articles together."""
    paths = [EXAMPLE, *sorted(ARTICLES.glob("*.txt"))]
    return _build(nlp, paths, tmp_path_factory.mktemp("articles"))


def clusters_by_label(doc) -> dict[str, object]:
    """The Doc's coreference clusters keyed by label."""
    return {c.label: c for c in doc._.kg_clusters.clusters.values()}


MENDING_STAGES = ("kg_entities", "kg_roles", "kg_coref")
"""kg's stages that read names, titles and clusters from a Doc's entities."""
RULE_STAGES = (*MENDING_STAGES, "kg_quotes", "kg_relations")
"""kg's stages from names to the facts its rules find (no learnt model)."""


def mended(nlp, text: str, *forced: tuple[str, str], stages: tuple[str, ...] = MENDING_STAGES):
    """``text`` with the recogniser's entities replaced by ``forced`` (phrase,
    label; each found after the one before), then run through kg's ``stages``."""
    doc = nlp(text)
    spans = []
    for phrase, label in forced:
        start = text.index(phrase, spans[-1].end_char if spans else 0)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
    doc.ents = spans
    for name in stages:
        doc = nlp.get_pipe(name)(doc)
    return doc


def ents(doc) -> list[tuple[str, str]]:
    """(text, label) of a Doc's entities, in order."""
    return [(e.text, e.label_) for e in doc.ents]


def clusters(doc) -> list[tuple[str, list[str]]]:
    """(type, sorted names) of a Doc's coreference clusters, sorted."""
    return sorted((c.type, sorted(c.names)) for c in doc._.kg_clusters.clusters.values())


def facts_of(doc, rule_kinds: frozenset[str] | None = None) -> set[tuple[str, str, str]]:
    """(subject label, property, object label) of every relation found in ``doc``; with
    ``rule_kinds``, only of the rules whose name ends in one ("works:career": "career")."""
    clusters = doc._.kg_clusters.clusters
    return {
        (clusters[r.subject].label, r.predicate, clusters[r.object].label)
        for r in doc._.kg_relations
        if rule_kinds is None or r.rule.split(":")[-1] in rule_kinds
    }


def based(doc) -> set[tuple[str, str]]:
    """(organisation, place) of every ``basedIn`` fact found in ``doc``."""
    return {(s, o) for s, p, o in facts_of(doc) if p == "basedIn"}


def outputs_under_hash_seeds(code: str, payload: object) -> list[bytes]:
    """Run ``code`` in two fresh interpreters, PYTHONHASHSEED 1 and 2, with ``payload``
    pickled on stdin; return what each wrote to stdout (for determinism tests)."""
    import os
    import pickle
    import subprocess
    import sys

    data = pickle.dumps(payload)
    return [
        subprocess.run(
            [sys.executable, "-c", code],
            input=data,
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A local socket nobody should connect to (:class:`tests.listener.Listener`)."""
    server = Listener()
    yield server
    server.close()
