"""The generated vocabulary: it matches the ontology and refuses misspelt terms."""

from __future__ import annotations

import doctest

import pytest
from rdflib import OWL, RDF, URIRef

import kg.rdf.vocab
import kg.rdf.vocabgen
from kg.rdf.ontology import declared_terms, load_ontology, ontology_text, term
from kg.rdf.vocab import KG, KGR
from kg.rdf.vocabgen import VOCAB_PATH, main, render


def test_committed_vocab_is_what_the_generator_makes() -> None:
    assert VOCAB_PATH.read_text(encoding="utf-8") == render(ontology_text())
    assert main(["--check"]) == 0


def test_every_declared_term_is_in_the_vocab() -> None:
    for kind in ("class", "object", "data", "annotation"):
        for name in declared_terms(kind):
            assert KG[name] == term(name), name
            assert name in KG


def test_misspelt_terms_raise() -> None:
    assert KG.mayorOf == URIRef("https://kg-news.org/ontology#mayorOf")
    with pytest.raises(AttributeError, match="mayorof"):
        _ = KG.mayorof
    with pytest.raises(AttributeError, match="Persn"):
        _ = KG["Persn"]
    assert "Persn" not in KG


def test_vocab_follows_a_changed_ontology() -> None:
    extra = ontology_text() + "\nkg:zebraOf a owl:ObjectProperty .\n"
    rendered = render(extra)
    assert "    zebraOf: URIRef\n" in rendered
    assert "zebraOf" not in VOCAB_PATH.read_text(encoding="utf-8")
    assert (term("zebraOf"), RDF.type, OWL.ObjectProperty) not in load_ontology()


def test_generator_refuses_names_python_cannot_hold() -> None:
    with pytest.raises(ValueError, match="class"):
        render(ontology_text() + "\nkg:class a owl:Class .\n")


def test_resources_namespace_is_open() -> None:
    assert KGR["person/ada"] == URIRef("https://kg-news.org/resource/person/ada")


@pytest.mark.parametrize("module", [kg.rdf.vocab, kg.rdf.vocabgen])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
