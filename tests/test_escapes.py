"""One \\uXXXX escaper for JSON Lines and RDF output, memory and store alike."""

from __future__ import annotations

import doctest
import json

import kg.escapes
from kg.escapes import LINE_BREAKS, RDF_UNSAFE, escape_chars
from kg.sparql.store import _escape

ODD = "a\x00\x01\t\n\r\x0b\x1f\x7f\x85\x9f\u2028\u2029é—z"


def test_json_lines_stay_one_line_and_parse_back() -> None:
    line = escape_chars(json.dumps({"q": ODD}, ensure_ascii=False))
    assert line.splitlines() == [line]
    assert json.loads(line) == {"q": ODD}
    assert "é—" in line


def test_only_the_chosen_characters_are_escaped() -> None:
    assert escape_chars("\u2028\x85\x01") == "\\u2028\\u0085\x01"
    escaped = escape_chars(ODD, RDF_UNSAFE)
    assert not RDF_UNSAFE.search(escaped) and not LINE_BREAKS.search(escaped)
    assert "\t\n\r" in escaped and "é—z" in escaped
    assert "\\u007F" in escaped and "\\u000B" in escaped


def test_store_writer_escapes_as_the_memory_writer() -> None:
    assert _escape(ODD.encode("utf-8")) == escape_chars(ODD, RDF_UNSAFE).encode("utf-8")


def test_doctests() -> None:
    result = doctest.testmod(kg.escapes)
    assert result.attempted > 0 and result.failed == 0


def test_jsonld_writer_escapes_line_breaks_and_reads_back() -> None:
    from rdflib import Graph, Literal, URIRef

    from kg.export.rdf import to_jsonld
    from kg.rdf.ontology import new_graph

    graph = new_graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal(ODD)))
    text = to_jsonld(graph)
    assert not LINE_BREAKS.search(text) and "é—z" in text
    back = Graph().parse(data=text, format="json-ld")
    assert str(back.value(URIRef("urn:a"), URIRef("urn:p"))) == ODD
