"""Synthetic corpora for benchmarks and browser tests: a Barabási–Albert graph of
entities (about two facts per node) with short evidence sentences.

>>> corpus = synthetic_corpus(50)
>>> len(corpus.nodes), len(corpus.facts)
(50, 96)
"""

from __future__ import annotations

import random

from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node

_FIRST = "Ada Ben Cleo Dev Eve Finn Gia Hugo Ines Jon Kai Lena Max Nia Omar Pia".split()
_LAST = "Adams Brown Chen Diaz Evans Fox Garcia Hale Ito Jones Khan Lopez Moss Ng".split()
_PREDICATES = {
    ("Person", "Organization"): ["memberOf", "worksFor", "chairmanOf", "resignedFrom"],
    ("Person", "Person"): ["criticisedBy", "praisedBy", "supportedBy", "clashedWith"],
    ("Person", "Place"): ["livesIn", "mayorOf"],
    ("Organization", "Place"): ["basedIn"],
    ("Organization", "Organization"): ["affiliatedWith", "criticisedBy"],
    ("Organization", "Person"): ["accusedBy", "supportedBy"],
    ("Place", "Place"): ["locatedIn"],
    ("Place", "Person"): ["praisedBy"],
    ("Place", "Organization"): ["criticisedBy"],
}
_TYPES = ("Person", "Person", "Organization", "Place")
_SLUG = {"Person": "person", "Organization": "organization", "Place": "place"}


def synthetic_corpus(n_nodes: int, *, edges_per_node: int = 2, seed: int = 7) -> Corpus:
    """Return a corpus of ``n_nodes`` entities and about ``edges_per_node`` facts each.

    Deterministic for a given seed; one document per 25 entities.
    """
    import networkx as nx

    rng = random.Random(seed)
    graph = nx.barabasi_albert_graph(n_nodes, edges_per_node, seed=seed)
    n_docs = max(1, n_nodes // 25)
    nodes = []
    for i in range(n_nodes):
        etype = _TYPES[rng.randrange(len(_TYPES))]
        if etype == "Person":
            label = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}"
            aliases: tuple[str, ...] = (label.split()[1] + f" {i}",)
        elif etype == "Organization":
            label = f"{rng.choice(_LAST)} Group {i}"
            aliases = (f"the Group {i}",)
        else:
            label = f"{rng.choice(_LAST)}ton {i}"
            aliases = ()
        doc = f"doc{i % n_docs:05d}"
        nodes.append(Node(f"{_SLUG[etype]}/n{i:06d}", label, etype, aliases, (doc,)))
    facts = []
    for u, v in sorted(graph.edges()):
        if rng.random() < 0.5:
            u, v = v, u
        s, o = nodes[u], nodes[v]
        predicate = rng.choice(_PREDICATES[(s.type, o.type)])
        doc = s.documents[0]
        sentence = f"Reports say {s.label} {predicate} {o.label}, according to a statement."
        confidence = round(rng.uniform(0.5, 0.99), 2)
        ev = Evidence(doc, sentence, 0, len(sentence), "synthetic.v1", confidence)
        facts.append(Fact(s.slug, predicate, o.slug, (ev,)))
    docs = tuple(
        DocumentInfo(f"doc{d:05d}", f"doc{d:05d}.txt", f"Story {d}") for d in range(n_docs)
    )
    return Corpus(
        documents=docs,
        nodes=tuple(sorted(nodes, key=lambda n: n.slug)),
        facts=tuple(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object))),
        roles={"chairmanOf": "Chairman", "mayorOf": "Mayor"},
    )
