"""Tests of kg.analysis.layout: deterministic, readable positions (bench/layout_bench.py times)."""

from __future__ import annotations

import json
import math

import pytest

from bench.synthetic import synthetic_corpus
from kg.analysis.layout import DIRECT_EDGE, DIRECT_SIZE, LEAF_SIZE, SPACING, layout
from kg.analysis.network import to_networkx
from kg.records import Corpus, Fact, Node
from tests.conftest import outputs_under_hash_seeds


def _clique(prefix: str, size: int) -> tuple[list[Node], list[Fact]]:
    nodes = [Node(f"person/{prefix}{i}", f"{prefix}{i}", "Person") for i in range(size)]
    facts = [
        Fact(a.slug, "clashedWith", b.slug) for i, a in enumerate(nodes) for b in nodes[i + 1 :]
    ]
    return nodes, facts


def _distance(a: tuple[int, int], b: tuple[int, int]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def test_layout_covers_every_node_with_distinct_integer_positions() -> None:
    corpus = synthetic_corpus(400)
    pos = layout(to_networkx(corpus))
    assert list(pos) == list(to_networkx(corpus).nodes)
    assert all(type(v) is int for xy in pos.values() for v in xy)
    assert len(set(pos.values())) == len(pos)
    assert layout(to_networkx(Corpus())) == {}
    assert layout(to_networkx(Corpus(nodes=(Node("a", "A", "Person"),)))) == {"a": (0, 0)}


@pytest.mark.parametrize("n_nodes", [60, 3 * LEAF_SIZE])
def test_layout_puts_linked_nodes_close(n_nodes: int) -> None:
    corpus = synthetic_corpus(n_nodes)
    pos = layout(to_networkx(corpus))
    linked = [_distance(pos[f.subject], pos[f.object]) for f in corpus.facts]
    slugs = list(pos)
    pairs = [_distance(pos[a], pos[b]) for a, b in zip(slugs, slugs[7:] + slugs[:7], strict=True)]
    assert sum(linked) / len(linked) < 0.6 * sum(pairs) / len(pairs)
    assert min(_distance(pos[a], pos[b]) for a, b in zip(slugs, slugs[1:], strict=False)) > 0
    assert SPACING / 4 < sorted(linked)[len(linked) // 2] < SPACING * 4


def test_layout_keeps_components_apart() -> None:
    a_nodes, a_facts = _clique("a", 6)
    b_nodes, b_facts = _clique("b", 5)
    lone = [Node(f"place/p{i}", f"P{i}", "Place") for i in range(20)]
    corpus = Corpus(nodes=tuple(a_nodes + b_nodes + lone), facts=tuple(a_facts + b_facts))
    pos = layout(to_networkx(corpus))
    groups = [[n.slug for n in a_nodes], [n.slug for n in b_nodes]] + [[n.slug] for n in lone]
    circles = []
    for group in groups:
        cx = sum(pos[s][0] for s in group) / len(group)
        cy = sum(pos[s][1] for s in group) / len(group)
        radius = max(_distance(pos[s], (cx, cy)) for s in group)
        circles.append((cx, cy, radius))
    for i, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[i + 1 :]:
            assert math.hypot(x1 - x2, y1 - y2) > r1 + r2, (x1, y1, r1, x2, y2, r2)


def test_layout_deterministic_across_hash_seeds() -> None:
    code = (
        "import json, pickle, sys\n"
        "from kg.analysis.layout import layout\n"
        "from kg.analysis.network import to_networkx\n"
        "print(json.dumps(layout(to_networkx(pickle.load(sys.stdin.buffer)))))\n"
    )
    corpus = synthetic_corpus(3 * LEAF_SIZE, seed=3)
    outputs = outputs_under_hash_seeds(code, corpus)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0]) == {k: list(v) for k, v in layout(to_networkx(corpus)).items()}


def test_layout_sets_pairs_and_lone_nodes_beside_the_big_components() -> None:
    big_nodes, big_facts = _clique("a", 8)
    pairs = [
        (Node(f"person/p{i}", f"P{i}", "Person"), Node(f"place/q{i}", f"Q{i}", "Place"))
        for i in range(12)
    ]
    lone = [Node(f"place/l{i}", f"L{i}", "Place") for i in range(5)]
    corpus = Corpus(
        nodes=tuple(big_nodes + [n for pair in pairs for n in pair] + lone),
        facts=tuple(big_facts + [Fact(p.slug, "livesIn", q.slug) for p, q in pairs]),
    )
    pos = layout(to_networkx(corpus))
    right_of_big = max(pos[n.slug][0] for n in big_nodes)
    small = [n.slug for pair in pairs for n in pair] + [n.slug for n in lone]
    assert all(pos[s][0] > right_of_big for s in small)
    pair_x = max(pos[n.slug][0] for pair in pairs for n in pair)
    assert all(pos[n.slug][0] >= pair_x - SPACING for n in lone)  # lone nodes last


def test_layout_direct_component_keeps_edges_a_few_spacings_long() -> None:
    corpus = synthetic_corpus(DIRECT_SIZE)  # one component: a direct force layout
    pos = layout(to_networkx(corpus))
    linked = sorted(_distance(pos[f.subject], pos[f.object]) for f in corpus.facts)
    assert linked[len(linked) // 2] == pytest.approx(DIRECT_EDGE * SPACING, rel=0.05)
