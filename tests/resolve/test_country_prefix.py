"""Cross-article resolution: an organisation named with its country first.

Hand-made extractions only (no spaCy).
"""

from __future__ import annotations

import json

from kg.records import DocumentExtraction, Entity
from kg.resolve.resolver import merge_report, resolve, strip_country

COUNTRIES = frozenset({"us", "united states", "american", "uk", "british"})


def doc(doc_id: str, *entities: tuple[str, str]) -> DocumentExtraction:
    """An extraction with entities (label, type), keyed e0, e1, ..."""
    return DocumentExtraction(
        doc_id,
        f"{doc_id}.txt",
        "",
        100,
        tuple(Entity(f"e{i}", label, etype) for i, (label, etype) in enumerate(entities)),
        (),
    )


def labels(corpus) -> list[str]:
    return sorted(n.label for n in corpus.nodes)


def test_country_prefix_joins_the_organisation_across_articles():
    corpus = resolve(
        [
            doc("a", ("US Quarry Commission", "Organization")),
            doc("b", ("Quarry Commission", "Organization")),
        ],
        country_words=COUNTRIES,
    )
    assert labels(corpus) == ["US Quarry Commission"]
    [line] = merge_report(corpus).splitlines()
    merge = json.loads(line)
    assert merge["members"] == [["a", "US Quarry Commission"], ["b", "Quarry Commission"]]
    assert merge["reasons"][0].startswith("country prefix:")


def test_country_prefix_needs_two_words_left_and_the_same_type():
    corpus = resolve(
        [
            doc("a", ("US Open", "Organization"), ("British Quarry Commission", "Person")),
            doc("b", ("Open", "Organization"), ("Quarry Commission", "Organization")),
        ],
        country_words=COUNTRIES,
    )
    assert labels(corpus) == sorted(
        ["US Open", "Open", "British Quarry Commission", "Quarry Commission"]
    )
    assert corpus.merges == ()


def test_country_prefix_never_joins_two_countries_bodies_through_the_bare_name():
    corpus = resolve(
        [
            doc("a", ("US Quarry Commission", "Organization")),
            doc("b", ("Quarry Commission", "Organization")),
            doc("c", ("British Quarry Commission", "Organization")),
        ],
        country_words=COUNTRIES,
    )
    nodes = {n.label: set(n.aliases) for n in corpus.nodes}
    assert len(nodes) == 2  # the bare name joins one of them, never both
    assert not any(
        {"US Quarry Commission", "British Quarry Commission"} <= {k, *v} for k, v in nodes.items()
    )


def test_strip_country_takes_the_longest_country_name():
    assert strip_country("united states quarry commission", COUNTRIES) == "quarry commission"
    assert strip_country("us", COUNTRIES) == "us"
    assert strip_country("quarry commission", COUNTRIES) == "quarry commission"
