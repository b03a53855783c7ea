"""Tests of kg.analysis.network on hand-built corpora (no spaCy)."""

from __future__ import annotations

import json

import pytest

from kg.analysis.network import communities, node_importance, to_networkx
from kg.records import Corpus, Evidence, Fact, Node
from tests.conftest import outputs_under_hash_seeds


def _fact(subject: str, predicate: str, obj: str, confidence: float = 0.9) -> Fact:
    evidence = Evidence("d1", f"{subject} {predicate} {obj}.", 0, 10, "test.v1", confidence)
    return Fact(subject, predicate, obj, (evidence,))


def _two_cliques() -> Corpus:
    """Persons a1-a4 all linked, persons b1-b3 all linked, one bridge a1-b1."""
    a = [f"person/a{i}" for i in range(1, 5)]
    b = [f"person/b{i}" for i in range(1, 4)]
    nodes = tuple(Node(slug, slug.upper(), "Person") for slug in sorted(a + b))
    facts = [_fact(x, "clashedWith", y) for group in (a, b) for x in group for y in group if x < y]
    facts.append(_fact("person/a1", "praisedBy", "person/b1"))
    return Corpus(nodes=nodes, facts=tuple(sorted(facts, key=lambda f: (f.subject, f.object))))


def _small() -> Corpus:
    nodes = (
        Node("organization/met", "Met", "Organization"),
        Node("person/dick", "Cressida Dick", "Person", ("Dick",)),
        Node("place/london", "London", "Place"),
        Node("place/nowhere", "Nowhere", "Place"),
    )
    facts = (
        _fact("organization/met", "basedIn", "place/london", 0.8),
        _fact("person/dick", "commissionerOf", "organization/met", 0.95),
        _fact("person/dick", "worksFor", "organization/met", 0.6),
    )
    return Corpus(nodes=nodes, facts=facts)


def test_analysis_to_networkx_nodes_and_edges() -> None:
    graph = to_networkx(_small())
    assert list(graph.nodes) == [
        "organization/met",
        "person/dick",
        "place/london",
        "place/nowhere",
    ]
    assert graph.nodes["person/dick"] == {"label": "Cressida Dick", "type": "Person"}
    assert graph.number_of_edges() == 3
    parallel = graph.get_edge_data("person/dick", "organization/met")
    assert sorted(d["predicate"] for d in parallel.values()) == ["commissionerOf", "worksFor"]
    for _, _, data in graph.edges(data=True):
        assert type(data["confidence"]) is float


def test_analysis_to_networkx_adds_missing_fact_ends() -> None:
    corpus = Corpus(nodes=(Node("a", "A", "Person"),), facts=(_fact("a", "memberOf", "b"),))
    graph = to_networkx(corpus)
    assert graph.nodes["b"] == {"label": "b", "type": ""}


def test_analysis_node_importance_is_degree_share() -> None:
    importance = node_importance(to_networkx(_small()))
    assert importance == {
        "organization/met": 1.0,
        "person/dick": pytest.approx(2 / 3),
        "place/london": pytest.approx(1 / 3),
        "place/nowhere": 0.0,
    }
    assert all(type(value) is float for value in importance.values())


@pytest.mark.parametrize(
    "corpus",
    [Corpus(), Corpus(nodes=(Node("a", "A", "Person"),))],
    ids=["empty", "no-facts"],
)
def test_analysis_node_importance_without_facts(corpus: Corpus) -> None:
    assert node_importance(to_networkx(corpus)) == {node.slug: 0.0 for node in corpus.nodes}


def test_analysis_communities_finds_cliques() -> None:
    result = communities(to_networkx(_two_cliques()))
    assert result == {
        "person/a1": 0,
        "person/a2": 0,
        "person/a3": 0,
        "person/a4": 0,
        "person/b1": 1,
        "person/b2": 1,
        "person/b3": 1,
    }
    assert all(type(value) is int for value in result.values())


def test_analysis_communities_covers_every_node() -> None:
    corpus = _small()
    result = communities(to_networkx(corpus))
    assert sorted(result) == sorted(node.slug for node in corpus.nodes)
    assert result["place/nowhere"] not in {result["person/dick"], result["place/london"]}
    assert sorted(set(result.values())) == list(range(len(set(result.values()))))
    assert communities(to_networkx(Corpus())) == {}


def test_analysis_deterministic_across_hash_seeds() -> None:
    code = (
        "import json, pickle, sys\n"
        "from kg.analysis.network import communities, node_importance, to_networkx\n"
        "graph = to_networkx(pickle.load(sys.stdin.buffer))\n"
        "print(json.dumps([communities(graph), node_importance(graph)]))\n"
    )
    outputs = outputs_under_hash_seeds(code, _two_cliques())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])[0] == communities(to_networkx(_two_cliques()))


def test_analysis_communities_of_big_graphs_use_label_propagation() -> None:
    from bench.synthetic import synthetic_corpus
    from kg.analysis.network import LOUVAIN_MAX_NODES

    corpus = synthetic_corpus(LOUVAIN_MAX_NODES + 100)
    result = communities(to_networkx(corpus))
    assert sorted(result) == sorted(node.slug for node in corpus.nodes)
    sizes = [list(result.values()).count(cid) for cid in range(max(result.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True) and min(sizes) > 0
    assert 1 < len(sizes) < len(result)
    assert communities(to_networkx(corpus)) == result
