"""Deterministic 2-D layouts of a networkx graph, fast enough for big graphs.

networkx's ``spring_layout`` is O(N^2) per iteration (30 s at 5,000 nodes) and needs
scipy above 500 nodes. :func:`layout` divides instead: each connected component
larger than :data:`LEAF_SIZE` nodes is split into balanced parts (networkx's fluid
communities, seeded), each part is laid out the same way, and the parts are placed
by a force layout of the graph between them, pushed apart until they no longer
overlap and turned to face their neighbours. Small pieces get a dense
Fruchterman-Reingold layout (numpy, seeded); components are packed on a sunflower
spiral, largest in the middle, and the smallest (pairs, lone nodes) in columns to their
right. 20,000 nodes take a few seconds, and the same graph
gives the same positions in any process (``bench/layout_bench.py`` times it).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

LEAF_SIZE = 150
"""Pieces of at most this many nodes get a direct force layout."""

DIRECT_SIZE = 600
"""Whole components of at most this many nodes get a direct force layout too (about
0.5 s at 600 nodes): divided, a news graph's big component of a few hundred nodes
comes out as a compact core with a few parts flung far out."""

DIRECT_EDGE = 3.0
"""The median edge of a direct layout, in spacings: hubs of a news graph have dozens
of neighbours, which need room around them for their names."""

SPACING = 80.0
"""About this many layout units (vis-network pixels) between linked nodes."""

SMALL_COMPONENT = 3
"""Components of at most this many nodes (pairs, triples, lone nodes) are set in rows
beside the bigger ones rather than around them: a news graph is one big component and
hundreds of pairs, which a spiral would spread on a wide ring around the big one."""

_GAP = 1.2  # space between packed pieces, in node spacings
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout(
    graph: nx.MultiDiGraph, *, seed: int = 42, spacing: float = SPACING
) -> dict[str, tuple[int, int]]:
    """Return integer ``(x, y)`` positions for every node of the graph.

    ``graph`` is made by :func:`kg.analysis.network.to_networkx`; keys follow its node
    order, and linked nodes end up about ``spacing`` apart.

    >>> from kg.analysis.network import to_networkx
    >>> from kg.records import Corpus, Fact, Node
    >>> nodes = tuple(Node(s, s, "Person") for s in "abc")
    >>> pos = layout(to_networkx(Corpus(nodes=nodes, facts=(Fact("a", "clashedWith", "b"),))))
    >>> sorted(pos) == ["a", "b", "c"] and len(set(pos.values())) == 3
    True
    """
    order = list(graph.nodes)
    slugs = sorted(order)
    index = {slug: i for i, slug in enumerate(slugs)}
    weights: dict[tuple[int, int], float] = {}
    for subject, obj in graph.edges():
        u, v = sorted((index[subject], index[obj]))
        if u != v:
            weights[u, v] = weights.get((u, v), 0.0) + 1.0
    edges = [(u, v, w) for (u, v), w in sorted(weights.items())]
    if not slugs:
        return {}
    pos = _layout_any(len(slugs), edges, seed, top=True) * spacing
    return {
        slug: (round(float(pos[index[slug], 0])), round(float(pos[index[slug], 1])))
        for slug in order
    }


Edges = list[tuple[int, int, float]]
"""``(u, v, weight)`` with ``u < v``, nodes numbered ``0 .. n-1``, sorted."""


def _split(
    n: int, edges: Edges, part_of: list[int], n_parts: int
) -> tuple[list[list[int]], list[Edges], Edges]:
    """Members of each part, each part's own edges (renumbered) and the edges between parts."""
    members: list[list[int]] = [[] for _ in range(n_parts)]
    local = [0] * n
    for node in range(n):
        local[node] = len(members[part_of[node]])
        members[part_of[node]].append(node)
    inside: list[Edges] = [[] for _ in range(n_parts)]
    between: Edges = []
    for u, v, w in edges:
        a, b = part_of[u], part_of[v]
        if a == b:
            inside[a].append((local[u], local[v], w))
        else:
            between.append((u, v, w))
    return members, inside, between


def _layout_any(n: int, edges: Edges, seed: int, *, top: bool = False) -> np.ndarray:
    """Centred positions of a graph that may be disconnected (unit spacing).

    ``top`` (the whole graph, not a part of one): components of at most
    :data:`DIRECT_SIZE` nodes get a direct force layout, and those of at most
    :data:`SMALL_COMPONENT` nodes go in rows to the right of the others
    (see :func:`_pack_beside`).
    """
    import networkx as nx
    import numpy as np

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((u, v) for u, v, _ in edges)
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    part_of = [0] * n
    for i, component in enumerate(components):
        for node in component:
            part_of[node] = i
    members, inside, _ = _split(n, edges, part_of, len(components))
    pieces = [
        _direct(len(m), e, seed)
        if top and len(m) <= DIRECT_SIZE
        else _layout_connected(len(m), e, seed)
        for m, e in zip(members, inside, strict=True)
    ]
    radii = [_radius(p) for p in pieces]
    if top:
        centres = _pack_beside(radii, [len(m) for m in members])
    else:
        centres = _pack(radii)
    pos = np.zeros((n, 2))
    for rows, piece, centre in zip(members, pieces, centres, strict=True):
        pos[rows] = piece + centre
    return pos - pos.mean(axis=0)


def _layout_connected(n: int, edges: Edges, seed: int) -> np.ndarray:
    """Centred positions of a connected graph (unit spacing)."""
    import numpy as np

    if n <= LEAF_SIZE:
        return _force(n, edges, seed)
    k = min(max(2, math.ceil(2 * n / LEAF_SIZE)), 2 * LEAF_SIZE)
    part_of = _regions(n, edges, k, seed)
    n_parts = max(part_of) + 1
    members, inside, between = _split(n, edges, part_of, n_parts)
    pieces = [_layout_any(len(m), e, seed) for m, e in zip(members, inside, strict=True)]
    radii = np.array([_radius(p) for p in pieces])
    weights: dict[tuple[int, int], float] = {}
    for u, v, w in between:
        a, b = sorted((part_of[u], part_of[v]))
        weights[a, b] = weights.get((a, b), 0.0) + w
    quotient = [(a, b, w) for (a, b), w in sorted(weights.items())]
    centres = _force(n_parts, quotient, seed, iterations=80)
    ends = np.array([(a, b) for a, b, _ in quotient])
    lengths = np.linalg.norm(centres[ends[:, 0]] - centres[ends[:, 1]], axis=1)
    wanted = radii[ends[:, 0]] + radii[ends[:, 1]] + _GAP
    centres *= float(np.median(wanted / np.maximum(lengths, 1e-6)))
    centres = _separate(centres, radii)
    pos = np.zeros((n, 2))
    for rows, piece, centre in zip(members, pieces, centres, strict=True):
        pos[rows] = piece + centre
    _turn_parts(pos, [np.array(m) for m in members], part_of, between)
    return pos - pos.mean(axis=0)


def _direct(n: int, edges: Edges, seed: int) -> np.ndarray:
    """A connected graph's force layout, scaled so that its median edge is
    :data:`DIRECT_EDGE` spacings (a few hundred nodes come out spread wider)."""
    import numpy as np

    pos = _force(n, edges, seed)
    if n <= LEAF_SIZE or not edges:
        return pos
    ends = np.array([(u, v) for u, v, _ in edges])
    median = float(np.median(np.linalg.norm(pos[ends[:, 0]] - pos[ends[:, 1]], axis=1)))
    return np.round(pos * DIRECT_EDGE / max(median, 1e-6), 6)


def _regions(n: int, edges: Edges, k: int, seed: int) -> list[int]:
    """Split a connected graph into ``k`` connected, balanced regions; return each node's.

    The regions grow from ``k`` seeded random nodes one node at a time, the smallest
    region first, each taking the next node of its own breadth-first frontier. O(E log k).
    """
    import heapq
    import random
    from collections import deque

    neighbours: list[list[int]] = [[] for _ in range(n)]
    for u, v, _ in edges:
        neighbours[u].append(v)
        neighbours[v].append(u)
    owner = [-1] * n
    starts = sorted(random.Random(seed).sample(range(n), k))
    frontier = []
    for region, node in enumerate(starts):
        owner[node] = region
        frontier.append(deque(neighbours[node]))
    heap = [(1, region) for region in range(k)]
    while heap:
        size, region = heapq.heappop(heap)
        queue = frontier[region]
        while queue and owner[queue[0]] != -1:
            queue.popleft()
        if queue:
            node = queue.popleft()
            owner[node] = region
            queue.extend(neighbours[node])
            heapq.heappush(heap, (size + 1, region))
    return owner


def _force(n: int, edges: Edges, seed: int, iterations: int = 50) -> np.ndarray:
    """Dense Fruchterman-Reingold (networkx's algorithm), unit spacing, centred."""
    import numpy as np

    if n == 1:
        return np.zeros((1, 2))
    k = math.sqrt(1.0 / n)
    attraction = np.zeros((n, n))
    for u, v, w in edges:
        attraction[u, v] = attraction[v, u] = w / k
    start = np.random.RandomState(seed).uniform(size=(n, 2))
    x, y = start[:, 0].copy(), start[:, 1].copy()
    t = 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = np.maximum(dx * dx + dy * dy, 1e-4)
        force = k * k / d2 - attraction * np.sqrt(d2)
        fx = (dx * force).sum(axis=1)
        fy = (dy * force).sum(axis=1)
        step = t / np.maximum(np.hypot(fx, fy), 0.01)
        x += fx * step
        y += fy * step
        t -= dt
    pos = np.column_stack([x - x.mean(), y - y.mean()]) / k
    return np.round(pos, 6)


def _radius(pos: np.ndarray) -> float:
    import numpy as np

    return float(np.sqrt((pos**2).sum(axis=1)).max()) + 0.5


def _pack(radii: list[float]) -> np.ndarray:
    """Centres for circles (largest first) on a sunflower spiral, then pulled apart."""
    import numpy as np

    centres = np.zeros((len(radii), 2))
    area = 0.0
    for i, r in enumerate(radii):
        if i:
            rho = math.sqrt(area) + r + _GAP
            centres[i] = rho * math.cos(i * _GOLDEN_ANGLE), rho * math.sin(i * _GOLDEN_ANGLE)
        area += (r + _GAP) ** 2
    return _separate(centres, np.array(radii)) if 1 < len(radii) <= 1000 else centres


def _pack_beside(radii: list[float], sizes: list[int]) -> np.ndarray:
    """Centres for pieces (largest first): the big ones packed by :func:`_pack`, the
    small ones (at most :data:`SMALL_COMPONENT` nodes) in columns of equal cells to
    their right, filled top to bottom, as tall as the packed ones (at least a quarter
    of a square's height, so few big ones do not stretch them into one long row)."""
    import numpy as np

    big = [i for i, size in enumerate(sizes) if size > SMALL_COMPONENT]
    small = [i for i, size in enumerate(sizes) if size <= SMALL_COMPONENT]
    if not big or not small:
        return _pack(radii)
    centres = np.zeros((len(radii), 2))
    centres[big] = _pack([radii[i] for i in big])
    extent = np.array([radii[i] for i in big])[:, None]
    low = (centres[big] - extent).min(axis=0)
    high = (centres[big] + extent).max(axis=0)
    cell = 2 * max(radii[i] for i in small) + _GAP
    rows = max(int((high[1] - low[1]) // cell), math.ceil(math.sqrt(len(small) / 4)), 1)
    for k, i in enumerate(small):
        column, row = divmod(k, rows)
        centres[i] = (high[0] + _GAP + cell * (column + 0.5), low[1] + cell * (row + 0.5))
    return centres


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Push overlapping circles apart (each moves half of each overlap)."""
    import numpy as np

    n = len(centres)
    if n < 2:
        return centres
    centres = centres + np.random.RandomState(0).uniform(-1e-3, 1e-3, size=centres.shape)
    need = radii[:, None] + radii[None, :] + _GAP
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        distance = np.maximum(np.sqrt((delta**2).sum(axis=-1)), 1e-6)
        overlap = np.maximum(need - distance, 0.0)
        if not overlap.any():
            break
        push = (overlap / distance * 0.5)[:, :, None] * delta
        centres = centres + push.sum(axis=1)
    return centres


def _turn_parts(
    pos: np.ndarray, rows: list[np.ndarray], part_of: list[int], between: Edges
) -> None:
    """Rotate each part about its centre to shorten the edges that leave it (in place).

    For one part the best rotation has a closed form (2-D Procrustes): the angle of
    the sum of ``conj(a) * b`` over leaving edges, ``a`` the inside end and ``b`` the
    outside end relative to the part's centre.
    """
    import numpy as np

    if not between:
        return
    part = np.array(part_of)
    pairs = np.array([(u, v) for u, v, _ in between], dtype=int)
    both = np.concatenate([pairs, pairs[:, ::-1]])
    for _ in range(2):
        for i, part_rows in enumerate(rows):
            leaving = both[part[both[:, 0]] == i]
            if not len(leaving):
                continue
            centre = pos[part_rows].mean(axis=0)
            a = pos[leaving[:, 0]] - centre
            b = pos[leaving[:, 1]] - centre
            z = ((a[:, 0] - 1j * a[:, 1]) * (b[:, 0] + 1j * b[:, 1])).sum()
            if abs(z) < 1e-9:
                continue
            c, s = z.real / abs(z), z.imag / abs(z)
            pos[part_rows] = centre + (pos[part_rows] - centre) @ np.array([[c, s], [-s, c]])
