"""Write a graph as Turtle, JSON-LD and N-Triples, byte for byte the same on every run.

Every exporter first renames blank nodes after their content and position
(:func:`stable_bnodes`), so no id depends on the run or on ``PYTHONHASHSEED``.
Turtle is rdflib's ``longturtle`` (sorted subjects, predicates and objects).
N-Triples is sorted line by line. JSON-LD is written here: node objects sorted by
``@id``, keys and values sorted, compact IRIs from the same prefix table as the
Turtle prefixes. Control characters in literals (C0, C1, and U+2028/U+2029, which
some tools take for line ends) become ``\\uXXXX`` escapes in Turtle and N-Triples.
Blank node ids stay within 32 characters: the OWL API's rdf4j parsers fail on longer
ones.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("x")))
>>> to_ntriples(g)
'<http://example.org/a> <http://example.org/p> "x" .\\n'
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kg.escapes import RDF_UNSAFE, escape_chars
from kg.fileio import atomic_write_text

_GEN_DELIMS = ("/", "#", ":", "?", "[", "]", "@")


class _NotATree(Exception):
    """Blank nodes shared or in a cycle: only full canonicalisation can name them."""


def stable_bnodes(graph: Graph) -> Graph:
    """Return a copy of the graph whose blank nodes are named from content and position.

    Fast for tree-shaped blank nodes (each the object of at most one triple, as in OWL
    class expressions, lists and axiom annotations); other graphs fall back to rdflib's
    slower canonicalisation. Prefix bindings are kept.

    >>> from rdflib import BNode, Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((BNode(), URIRef("http://example.org/p"), Literal("x")))
    >>> str(next(stable_bnodes(g).subjects()))
    'bb533afceaf9ee3313d7279e4'
    """
    result = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        result.bind(prefix, namespace, override=True, replace=True)
    triples: Graph = graph
    try:
        names = _tree_names(graph)
    except _NotATree:
        triples = to_canonical_graph(graph)
        found = sorted({n for t in triples for n in t if isinstance(n, BNode)})
        names = {node: BNode(f"c{i}") for i, node in enumerate(found)}
    for s, p, o in triples:
        result.add((names.get(s, s), p, names.get(o, o)))
    return result


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _tree_names(graph: Graph) -> dict[Node, BNode]:
    """Name tree-shaped blank nodes by a hash of (parent name, predicate, content)."""
    children: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    parent: dict[Node, tuple[Node, Node]] = {}
    for s, p, o in graph:
        if isinstance(s, BNode):
            children[s].append((p, o))
        if isinstance(o, BNode):
            if o in parent:
                raise _NotATree
            parent[o] = (s, p)
    bnodes = set(children) | set(parent)
    content = _contents(bnodes, children)
    todo = [
        (b, parent[b][0].n3() + parent[b][1].n3() if b in parent else "")
        for b in bnodes
        if b not in parent or not isinstance(parent[b][0], BNode)
    ]
    names: dict[Node, BNode] = {}
    used: set[str] = set()
    while todo:
        node, context = todo.pop()
        base = "b" + _digest(context, content[node])[:24]
        name, suffix = base, 0
        while name in used:  # identical siblings are interchangeable: any order, same output
            suffix += 1
            name = f"{base}x{suffix}"
        used.add(name)
        names[node] = BNode(name)
        todo.extend((o, name + p.n3()) for p, o in children[node] if isinstance(o, BNode))
    if len(names) != len(bnodes):
        raise _NotATree
    return names


def _contents(bnodes: set[Node], children: dict[Node, list[tuple[Node, Node]]]) -> dict[Node, str]:
    """Hash each blank node's outgoing triples, child blank nodes by their own hash."""
    content: dict[Node, str] = {}
    visiting: set[Node] = set()
    for root in bnodes:
        stack = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if ready:
                lines = sorted(
                    p.n3() + " " + (content[o] if isinstance(o, BNode) else o.n3())
                    for p, o in children[node]
                )
                content[node] = _digest(*lines)
            elif node not in content:
                if node in visiting:
                    raise _NotATree
                visiting.add(node)
                stack.append((node, True))
                stack.extend((o, False) for _, o in children[node] if isinstance(o, BNode))
    return content


def to_turtle(graph: Graph) -> str:
    """Return the graph as Turtle (``longturtle``: sorted, stable blank nodes).

    >>> from rdflib import Graph
    >>> to_turtle(Graph())
    ''
    """
    return _turtle(stable_bnodes(graph))


def _turtle(graph: Graph) -> str:
    text = graph.serialize(format="longturtle")
    return escape_chars(text, RDF_UNSAFE).strip("\n") + "\n" if text.strip() else ""


def to_ntriples(graph: Graph) -> str:
    """Return the graph as N-Triples, one triple per line, lines sorted."""
    return _ntriples(stable_bnodes(graph))


def _ntriples(graph: Graph) -> str:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return "".join(escape_chars(line, RDF_UNSAFE) + "\n" for line in lines)


def prefixes(graph: Graph) -> dict[str, str]:
    """Return the graph's prefix table (the Turtle prefixes), for a JSON-LD ``@context``.

    >>> from kg.rdf.ontology import new_graph
    >>> prefixes(new_graph())["kg"]
    'https://kg-news.org/ontology#'
    """
    return jsonld_context({str(prefix): str(ns) for prefix, ns in graph.namespaces() if prefix})


def jsonld_context(table: dict[str, str]) -> dict[str, str]:
    """The ``@context`` of graph.jsonld from a prefix table: sorted, usable namespaces.

    >>> jsonld_context({"kg": "https://kg-news.org/ontology#", "odd": "urn:x"})
    {'kg': 'https://kg-news.org/ontology#'}
    """
    return {p: ns for p, ns in sorted(table.items()) if ns.endswith(_GEN_DELIMS)}


def to_jsonld(graph: Graph) -> str:
    """Return the graph as JSON-LD: the prefix table as ``@context``, a sorted ``@graph``.

    >>> from rdflib import Literal, URIRef
    >>> from kg.rdf.ontology import new_graph
    >>> from kg.rdf.vocab import KG
    >>> g = new_graph()
    >>> _ = g.add((URIRef("https://kg-news.org/resource/a"), KG.title, Literal("T")))
    >>> print(to_jsonld(g).split('"@graph": ')[1].strip())
    [
        {
          "@id": "kgr:a",
          "kg:title": "T"
        }
      ]
    }
    """
    return _jsonld(stable_bnodes(graph))


def _jsonld(graph: Graph) -> str:
    subjects: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in graph:
        subjects.setdefault(s, []).append((p, o))
    nodes = ((s, subjects[s]) for s in sorted(subjects, key=subject_order))
    return "".join(jsonld_chunks(prefixes(graph), nodes))


def subject_order(node: Node) -> tuple[bool, str]:
    """The order of node objects in graph.jsonld: IRIs first, then blank nodes, by text."""
    return isinstance(node, BNode), str(node)


def jsonld_chunks(
    context: dict[str, str], nodes: Iterable[tuple[Node, Iterable[tuple[Node, Node]]]]
) -> Iterator[str]:
    """The text of graph.jsonld, one node object at a time: kg's one JSON-LD writer.

    ``nodes`` are (subject, its (predicate, object) pairs) in :func:`subject_order`;
    a memory build passes its graph's, a store build streams them from the store, so
    neither needs more than one node in hand. The text is that of one
    ``json.dumps(document, indent=2)``, line breaks and controls escaped.

    >>> from rdflib import URIRef, Literal
    >>> print("".join(jsonld_chunks({}, [(URIRef("urn:a"), [(URIRef("urn:p"), Literal("x"))])])))
    {
      "@context": {},
      "@graph": [
        {
          "@id": "urn:a",
          "urn:p": "x"
        }
      ]
    }
    <BLANKLINE>
    """
    compact = _Compactor(context)
    head = json.dumps(context, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    yield escape_chars(f'{{\n  "@context": {head},\n  "@graph": [', RDF_UNSAFE)
    first = True
    for subject, pairs in nodes:
        text = json.dumps(_node_object(compact, subject, pairs), ensure_ascii=False, indent=2)
        body = "    " + text.replace("\n", "\n    ")
        yield escape_chars(("\n" if first else ",\n") + body, RDF_UNSAFE)
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def _node_object(
    compact: _Compactor, subject: Node, pairs: Iterable[tuple[Node, Node]]
) -> dict[str, Any]:
    props: dict[str, list[Any]] = {}
    for p, o in pairs:
        if p == RDF.type and not isinstance(o, Literal):
            props.setdefault("@type", []).append(compact.iri(o))
        else:
            props.setdefault(compact.iri(p), []).append(compact.value(o))
    node: dict[str, Any] = {"@id": compact.iri(subject)}
    for key in sorted(props, key=lambda k: (k != "@type", k)):
        values = sorted(props[key], key=_value_key)
        node[key] = values[0] if len(values) == 1 else values
    return node


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
    """Write ``graph.ttl``, ``graph.jsonld`` and ``graph.nt`` into ``outdir``, atomically.

    >>> import tempfile
    >>> from rdflib import Graph
    >>> [p.name for p in write_rdf(Graph(), Path(tempfile.mkdtemp()))]
    ['graph.ttl', 'graph.jsonld', 'graph.nt']
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    stable = stable_bnodes(graph)
    outputs = {
        "graph.ttl": _turtle(stable),
        "graph.jsonld": _jsonld(stable),
        "graph.nt": _ntriples(stable),
    }
    paths = []
    for name, text in outputs.items():
        path = outdir / name
        atomic_write_text(path, text)
        paths.append(path)
    return paths
