"""Write a graph as Turtle, JSON-LD and N-Triples, byte for byte the same on every run.

Turtle is rdflib's ``longturtle`` with ``canon=True`` (canonical blank nodes, sorted
subjects and predicates). N-Triples is sorted line by line. JSON-LD is written here:
node objects sorted by ``@id``, keys and values sorted, compact IRIs from the same
prefix table as the Turtle prefixes. Control characters in literals are written as
``\\uXXXX`` escapes in Turtle and N-Triples; JSON escapes them itself.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("x")))
>>> to_ntriples(g)
'<http://example.org/a> <http://example.org/p> "x" .\\n'
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.fileio import atomic_write_text

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_GEN_DELIMS = ("/", "#", ":", "?", "[", "]", "@")


def _escape_controls(text: str) -> str:
    r"""Write control characters as ``\uXXXX`` (they occur only inside literals).

    >>> _escape_controls('"a\x01b"')
    '"a\\u0001b"'
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def to_turtle(graph: Graph) -> str:
    """Return the graph as canonical Turtle (``longturtle``, ``canon=True``).

    >>> from rdflib import Graph
    >>> to_turtle(Graph()).strip()
    ''
    """
    text = graph.serialize(format="longturtle", canon=True)
    return _escape_controls(text).rstrip("\n") + "\n" if text.strip() else ""


def to_ntriples(graph: Graph) -> str:
    """Return the graph as N-Triples, lines sorted, one triple per line."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return "".join(_escape_controls(line) + "\n" for line in lines)


def prefixes(graph: Graph) -> dict[str, str]:
    """Return the graph's prefix table (as for Turtle), usable as a JSON-LD context.

    >>> from kg.ontology import new_graph
    >>> prefixes(new_graph())["kg"]
    'https://kg-news.org/ontology#'
    """
    table = {str(prefix): str(ns) for prefix, ns in graph.namespaces() if prefix}
    return {p: ns for p, ns in sorted(table.items()) if ns.endswith(_GEN_DELIMS)}


def to_jsonld(graph: Graph) -> str:
    """Return the graph as JSON-LD: one ``@context`` (the prefix table) and a sorted ``@graph``.

    >>> from kg.ontology import new_graph, KGNS
    >>> from rdflib import Literal, URIRef
    >>> g = new_graph()
    >>> _ = g.add((URIRef("https://kg-news.org/resource/a"), KGNS["title"], Literal("T")))
    >>> print(to_jsonld(g).split('"@graph": ')[1])
    [
      {
        "@id": "kgr:a",
        "kg:title": "T"
      }
    ]
    }
    <BLANKLINE>
    """
    context = prefixes(graph)
    compact = _Compactor(context)
    subjects: dict[Node, dict[str, list[Any]]] = {}
    for s, p, o in graph:
        props = subjects.setdefault(s, {})
        if p == RDF.type and not isinstance(o, Literal):
            props.setdefault("@type", []).append(compact.iri(o))
        else:
            props.setdefault(compact.iri(p), []).append(compact.value(o))
    nodes = []
    for s in sorted(subjects, key=_node_key):
        node: dict[str, Any] = {"@id": compact.iri(s)}
        props = subjects[s]
        for key in sorted(props, key=lambda k: (k != "@type", k)):
            values = sorted(props[key], key=_value_key)
            node[key] = values[0] if len(values) == 1 else values
        nodes.append(node)
    document = {"@context": context, "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _node_key(node: Node) -> tuple[bool, str]:
    return (isinstance(node, BNode), str(node))


def _value_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class _Compactor:
    """Compact IRIs with a prefix table (longest namespace first) and encode values."""

    def __init__(self, context: dict[str, str]) -> None:
        self._table = sorted(context.items(), key=lambda item: (-len(item[1]), item[0]))

    def iri(self, node: Node) -> str:
        if isinstance(node, BNode):
            return f"_:{node}"
        iri = str(node)
        for prefix, namespace in self._table:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    def value(self, node: Node) -> Any:
        if not isinstance(node, Literal):
            return {"@id": self.iri(node)}
        if node.language:
            return {"@value": str(node), "@language": node.language}
        if node.datatype is None:
            return str(node)
        return {"@value": str(node), "@type": self.iri(node.datatype)}


def write_rdf(graph: Graph, outdir: Path) -> list[Path]:
    """Write ``graph.ttl``, ``graph.jsonld`` and ``graph.nt`` into ``outdir`` (atomically).

    >>> import tempfile
    >>> from rdflib import Graph
    >>> [p.name for p in write_rdf(Graph(), Path(tempfile.mkdtemp()))]
    ['graph.ttl', 'graph.jsonld', 'graph.nt']
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "graph.ttl": to_turtle(graph),
        "graph.jsonld": to_jsonld(graph),
        "graph.nt": to_ntriples(graph),
    }
    paths = []
    for name, text in outputs.items():
        path = outdir / name
        atomic_write_text(path, text)
        paths.append(path)
    return paths
