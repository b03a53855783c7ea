"""A self-contained, offline HTML page to explore the graph of a build.

The page is drawn from a :class:`~kg.export.html.source.PageGraph`: what the build's
RDF graph holds (:func:`~kg.export.html.source.from_rdf`,
:func:`~kg.export.html.source.from_store`), inferred facts included, or a corpus
(:func:`~kg.export.html.source.from_corpus`). One networkx graph per page
(:func:`kg.analysis.network.to_networkx`) gives node sizes, communities and layout.

pyvis renders the page from its template (vis-network 9.1.2 inlined,
``cdn_resources="in_line"``); this module then repairs what pyvis gets wrong (it drops
the CDN links pyvis adds in every mode) and adds kg's own parts: the header
(:mod:`kg.export.html.header`: a legend that doubles as the type and family filters,
search, focus, relation, confidence and article filters, a toggle for entities
without facts, a colour switch and the communities' legend), a side panel with every
fact and its evidence, and the page scripts (:data:`SCRIPTS` in ``assets/``, one
script element) and ``assets/graph.css``.

The graph travels once, as compact JSON in a ``<script type="application/json">``
element. Small graphs are laid out by vis-network's physics, which settles once and is
switched off; graphs above :data:`PHYSICS_MAX_NODES` get positions computed here
(:func:`kg.analysis.layout.layout`) and no physics, so they are usable at once; above
:data:`CANVAS_MIN_NODES` they are drawn by kg's canvas renderer (``assets/canvas.js``)
rather than vis-network, whose items take seconds to build at 20,000 nodes. Both draw
node labels by importance, without overlaps (``assets/labels.js``).

Article text is untrusted: it reaches the page only as JSON with ``<``, ``>``, ``&``,
``'``, U+2028 and U+2029 written as ``\\u`` escapes (so it cannot close the script
element), html-escaped text in markup, and text nodes built by the page script
(tooltips are plain strings, which vis-network shows with ``innerText`` and the canvas
renderer with ``textContent``; labels are canvas text). Articles are named by title or
id and linked by their http(s) URL only: their file path never reaches the page.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from kg.export.html.header import escape, header
from kg.export.html.source import PageGraph
from kg.fileio import atomic_write_text
from kg.rdf.ontology import EVENT_PROPERTIES, PLACE_PROPERTIES, STANCE_PROPERTIES
from kg.records import ENTITY_TYPES, Evidence, Fact

Layout = Literal["auto", "physics", "static"]
LAYOUTS: tuple[str, ...] = ("auto", "physics", "static")
Renderer = Literal["auto", "vis", "canvas"]
RENDERERS: tuple[str, ...] = ("auto", "vis", "canvas")

PHYSICS_MAX_NODES = 300
"""``layout="auto"`` lets vis-network's physics lay out graphs up to this many nodes."""

CANVAS_MIN_NODES = 1000
"""Pages with more nodes than this (and positions computed ahead) are drawn by kg's
canvas renderer (``assets/canvas.js``) instead of vis-network, whose item objects take
seconds to build at 20,000 nodes."""

EDGE_LABELS_MAX = 300
"""vis-network pages with at most this many facts write the relation on each edge."""

SCRIPTS = ("labels.js", "canvas.js", "visview.js", "graph.js")
"""The page scripts in ``assets/``, in the order they run (one script element)."""

STATIC_SPACING = 80.0
"""Layout units (vis pixels) between linked nodes in precomputed layouts."""

TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "Organization": ("square", "#f28e2b"),
    "Place": ("diamond", "#59a14f"),
}
"""Entity type -> (vis-network shape, colour); other types are grey triangles."""

OTHER_STYLE = ("triangle", "#9c9c9c")

FAMILIES: dict[str, tuple[str, frozenset[str]]] = {
    "roles": ("#4e79a7", frozenset({"holdsPositionIn", "worksFor"})),
    "stances/events": ("#e15759", STANCE_PROPERTIES | EVENT_PROPERTIES),
    "places": ("#59a14f", PLACE_PROPERTIES),
    "membership": ("#b07aa1", frozenset({"memberOf", "affiliatedWith"})),
    "other": ("#9c9c9c", frozenset()),
}
"""Relation family -> (edge colour, its fixed predicates). Other ``…Of``/``…For``
predicates and those in ``PageGraph.roles`` are roles."""

PALETTE = (
    "#4e79a7 #f28e2b #e15759 #76b7b2 #59a14f #edc948 #b07aa1 #ff9da7 #9c755f #86bcb6"
    " #d37295 #8cd17d #499894 #f1ce63 #a0cbe8 #ffbe7d".split()
)
"""Community colours (community id modulo its length)."""

INFERRED = "inferred by the ontology"
"""What the page writes in place of a job title for facts the ontology implies
(``kg build --infer``): they have no evidence sentence of their own."""

_JS_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>&'\u2028\u2029"}
_ASSETS = Path(__file__).parent / "assets"
_REMOTE_TAG = re.compile(
    r"<(link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")
_OLD_COMMENT = re.compile(r"<!--\s*<link.*?-->\s*", re.DOTALL)
_DRAW_CALL = re.compile(r"^\s*drawGraph\(\);\s*$", re.MULTILINE)
_WEB_URL = re.compile(r"https?://\S+\Z", re.IGNORECASE)
_REMOTE_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"@import|url\(\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def readable_predicate(predicate: str) -> str:
    """Return a property's local name as words.

    >>> readable_predicate("primeMinisterOf")
    'prime minister of'
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", predicate).lower()


def relation_family(predicate: str, roles: Collection[str] = ()) -> str:
    """Return the legend family of a predicate (a key of :data:`FAMILIES`).

    >>> relation_family("mayorOf"), relation_family("livesIn"), relation_family("x")
    ('roles', 'places', 'other')
    """
    for family, (_, members) in FAMILIES.items():
        if predicate in members:
            return family
    if predicate in roles or re.fullmatch(r"[a-z][A-Za-z]*(Of|For)", predicate):
        return "roles"
    return "other"


def script_json(value: Any) -> str:
    """Return ``value`` as JSON that is safe inside a ``<script>`` element.

    >>> script_json(["</script>", "\\u2028"])
    '["\\\\u003c/script\\\\u003e", "\\\\u2028"]'
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, allow_nan=False)
    return re.sub("[<>&'\u2028\u2029]", lambda m: _JS_ESCAPES[m.group()], text)


def highlight_spans(sentence: str, names: list[str]) -> list[list[int]]:
    """Return ``[start, end]`` of each whole-word occurrence of a name in the sentence.

    Longer names win over names inside them; spans do not overlap and are sorted.
    Offsets count UTF-16 code units, as JavaScript strings do.

    >>> highlight_spans("Mr Khan met Sadiq Khan.", ["Sadiq Khan", "Khan"])
    [[3, 7], [12, 22]]
    >>> highlight_spans("😀 Khan", ["Khan"])
    [[3, 7]]
    """
    found: list[tuple[int, int]] = []
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        at = sentence.find(name)
        while at >= 0:
            end = at + len(name)
            before = sentence[at - 1] if at else " "
            after = sentence[end] if end < len(sentence) else " "
            if not before.isalnum() and not after.isalnum():
                if all(end <= s or at >= e for s, e in found):
                    found.append((at, end))
            at = sentence.find(name, at + 1)
    found.sort()
    if sentence.isascii() or all(ord(c) < 0x10000 for c in sentence):
        return [[s, e] for s, e in found]
    return [[_utf16(sentence, s), _utf16(sentence, e)] for s, e in found]


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def most_important(graph: PageGraph, max_nodes: int) -> PageGraph:
    """Return the graph cut to its ``max_nodes`` most connected nodes and their facts.

    Nodes rank by degree (facts they take part in), ties by slug; a fact stays when
    both its ends stay. Documents are kept.

    >>> from kg.records import Fact, Node
    >>> nodes = tuple(Node(s, s, "Person") for s in "abc")
    >>> cut = most_important(PageGraph(nodes=nodes, facts=(Fact("a", "clashedWith", "b"),)), 2)
    >>> [n.slug for n in cut.nodes], len(cut.facts)
    (['a', 'b'], 1)
    """
    degree: Counter[str] = Counter()
    for fact in graph.facts:
        degree[fact.subject] += 1
        degree[fact.object] += 1
    slugs = dict.fromkeys([n.slug for n in graph.nodes] + list(degree))
    ranked = sorted(slugs, key=lambda slug: (-degree[slug], slug))
    keep = set(ranked[: max(0, max_nodes)])
    return replace(
        graph,
        nodes=tuple(n for n in graph.nodes if n.slug in keep),
        facts=tuple(f for f in graph.facts if f.subject in keep and f.object in keep),
    )


def choose_layout(n_nodes: int, layout: Layout = "auto") -> str:
    """Return ``"physics"`` or ``"static"`` for a page of ``n_nodes`` nodes.

    >>> choose_layout(20), choose_layout(5000), choose_layout(20, "static")
    ('physics', 'static', 'static')
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if layout == "auto":
        return "physics" if 0 < n_nodes <= PHYSICS_MAX_NODES else "static"
    return layout


def choose_renderer(n_nodes: int, mode: str, renderer: Renderer = "auto") -> str:
    """Return ``"vis"`` or ``"canvas"``: big graphs with precomputed positions get the canvas.

    >>> choose_renderer(200, "physics"), choose_renderer(5000, "static")
    ('vis', 'canvas')
    """
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, not {renderer!r}")
    if renderer == "auto":
        return "canvas" if mode == "static" and n_nodes > CANVAS_MIN_NODES else "vis"
    if renderer == "canvas" and mode != "static":
        raise ValueError("the canvas renderer needs the static layout")
    return renderer


def to_html(
    graph: PageGraph,
    *,
    title: str = "kg graph",
    layout: Layout = "auto",
    max_nodes: int | None = None,
    renderer: Renderer = "auto",
) -> str:
    """Return a self-contained HTML page to explore the graph.

    ``layout`` picks vis-network physics or positions computed ahead (``auto``: by
    size); ``max_nodes`` keeps only the most connected nodes (the page says so);
    ``renderer`` picks vis-network or kg's canvas renderer (``auto``: the canvas for
    more than :data:`CANVAS_MIN_NODES` nodes laid out ahead; ``canvas`` implies the
    static layout).
    """
    shown = graph
    if max_nodes is not None and len(_slugs(graph)) > max_nodes:
        shown = most_important(graph, max_nodes)
    data = page_data(shown, layout=layout, renderer=renderer)
    page = _render(data)
    page = _REMOTE_TAG.sub("", page)
    page = _OLD_COMMENT.sub("", _EMPTY_HEADING.sub("", page))
    page = _replace_once(
        page, "nodes = new vis.DataSet([]);", "nodes = new vis.DataSet(kg.visNodes());"
    )
    page = _replace_once(
        page, "edges = new vis.DataSet([]);", "edges = new vis.DataSet(kg.visEdges());"
    )
    if len(_DRAW_CALL.findall(page)) != 1:
        raise RuntimeError("unexpected pyvis template: drawGraph() call not found once")
    page = _DRAW_CALL.sub(
        lambda m: m.group() + "\n              kg.start(network, nodes, edges);", page
    )
    page = _replace_once(page, "<html>", '<!DOCTYPE html>\n<html lang="en">')
    css = (_ASSETS / "graph.css").read_text(encoding="utf-8")
    page = _replace_once(
        page,
        '<meta charset="utf-8">',
        f'<meta charset="utf-8">\n<title>{escape(title)}</title>\n<style>{css}</style>',
    )
    script = "\n".join((_ASSETS / name).read_text(encoding="utf-8") for name in SCRIPTS)
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise RuntimeError("the page scripts must not contain '</script' or '<!--'")
    totals = (len(_slugs(graph)), len(graph.facts), len(graph.documents))
    body = (
        header(data, title, totals, len(shown.facts))
        + f'<script type="application/json" id="kg-data">{script_json(data)}</script>\n'
        + f"<script>{script}</script>\n"
    )
    page = _replace_once(page, "<body>", "<body>\n" + body)
    problems = remote_references(page)
    if problems:
        raise RuntimeError(f"page still references remote resources: {problems[:3]}")
    return page


def write_html(
    graph: PageGraph,
    path: Path,
    *,
    title: str = "kg graph",
    layout: Layout = "auto",
    max_nodes: int | None = None,
    renderer: Renderer = "auto",
) -> None:
    """Write :func:`to_html` of the graph to ``path`` atomically."""
    page = to_html(graph, title=title, layout=layout, max_nodes=max_nodes, renderer=renderer)
    atomic_write_text(Path(path), page)


MAX_EVIDENCE_SHOWN = 10
"""The page shows this many pieces of evidence per fact; graph.ttl keeps them all."""


def shown_evidence(fact: Fact, limit: int = MAX_EVIDENCE_SHOWN) -> list[Evidence]:
    """The evidence of a fact the page shows: distinct sentences, most confident first.

    A fact that a thousand articles state would otherwise carry a thousand sentences
    into the page, many the same (agency copy): the page stays bounded by the graph,
    not the corpus.

    >>> ev = [Evidence(d, "Same.", 0, 5, "r", c) for d, c in (("a", 0.5), ("b", 0.9))]
    >>> [e.doc_id for e in shown_evidence(Fact("x", "p", "y", tuple(ev)))]
    ['b']
    """
    seen, shown = set(), []
    for ev in sorted(fact.evidence, key=lambda e: (-e.confidence, e.doc_id, e.start, e.rule)):
        text = " ".join(ev.sentence.split())
        if text not in seen:
            seen.add(text)
            shown.append(ev)
            if len(shown) == limit:
                break
    return sorted(shown, key=lambda e: (e.doc_id, e.start, e.rule))


def page_data(
    graph: PageGraph, *, layout: Layout = "auto", renderer: Renderer = "auto"
) -> dict[str, Any]:
    """Return the JSON the page script reads: the graph, compact, indexes for references.

    ``nodes``: ``[slug, label, type, size, community, aliases, docs, x, y]``;
    ``facts``: ``[subject, predicate, object, confidence, title, evidence, docs, count]``
    with evidence ``[doc, sentence, rule, confidence, highlights]`` (at most
    :data:`MAX_EVIDENCE_SHOWN`, see :func:`shown_evidence`), ``docs`` every document
    that states the fact and ``count`` its number of pieces of evidence. An inferred
    fact has no evidence, confidence 0 and :data:`INFERRED` as its title. The page's
    ``docs``: ``[doc_id, title, url]`` (``url`` only when http(s); no file path);
    ``renderer``: ``"vis"`` or ``"canvas"`` (:func:`choose_renderer`).
    """
    from kg.analysis.layout import layout as compute_layout
    from kg.analysis.network import communities, node_importance, to_networkx

    network = to_networkx(graph)
    order = list(network.nodes)
    position = {slug: i for i, slug in enumerate(order)}
    mode = choose_layout(len(order), "static" if renderer == "canvas" else layout)
    records = {}
    for node in graph.nodes:
        records.setdefault(node.slug, node)
    types = [*ENTITY_TYPES, *sorted({network.nodes[s]["type"] for s in order} - set(ENTITY_TYPES))]
    type_index = {name: i for i, name in enumerate(types)}
    families = list(FAMILIES)
    predicates = sorted({fact.predicate for fact in graph.facts})
    predicate_index = {p: i for i, p in enumerate(predicates)}
    docs = sorted(graph.documents, key=lambda d: d.doc_id)
    doc_index = {doc.doc_id: i for i, doc in enumerate(docs)}
    for fact in graph.facts:  # evidence from a document the graph does not list
        for ev in fact.evidence:
            doc_index.setdefault(ev.doc_id, len(doc_index))
    doc_rows = [[d.doc_id, d.title, d.url if _WEB_URL.match(d.url) else ""] for d in docs]
    doc_rows += [[doc_id, "", ""] for doc_id in list(doc_index)[len(docs) :]]
    importance = node_importance(network)
    community = communities(network)
    positions = compute_layout(network, spacing=STATIC_SPACING if mode == "static" else 160.0)
    nodes = []
    for slug in order:
        node = records.get(slug)
        aliases = list(node.aliases) if node else []
        node_docs = sorted(doc_index[d] for d in node.documents if d in doc_index) if node else []
        x, y = positions.get(slug, (None, None))
        nodes.append(
            [
                slug,
                network.nodes[slug]["label"],
                type_index[network.nodes[slug]["type"]],
                round(8 + 22 * importance.get(slug, 0.0) ** 0.5, 2),
                community[slug],
                aliases,
                node_docs,
                x,
                y,
            ]
        )
    names = {slug: [row[1], *row[5]] for slug, row in zip(order, nodes, strict=True)}
    facts = []
    for fact in graph.facts:
        evidence = [
            [
                doc_index[ev.doc_id],
                ev.sentence,
                ev.rule,
                round(float(ev.confidence), 4),
                highlight_spans(ev.sentence, names[fact.subject] + names[fact.object]),
            ]
            for ev in shown_evidence(fact)
        ]
        facts.append(
            [
                position[fact.subject],
                predicate_index[fact.predicate],
                position[fact.object],
                round(float(fact.confidence), 4),
                _fact_title(fact, graph.inferred),
                evidence,
                sorted({doc_index[ev.doc_id] for ev in fact.evidence}),
                len(fact.evidence),
            ]
        )
    return {
        "mode": mode,
        "renderer": choose_renderer(len(nodes), mode, renderer),
        "types": [[t, *TYPE_STYLES.get(t, OTHER_STYLE)] for t in types],
        "families": [[f, FAMILIES[f][0]] for f in families],
        "predicates": [
            [p, readable_predicate(p), families.index(relation_family(p, graph.roles))]
            for p in predicates
        ],
        "docs": doc_rows,
        "nodes": nodes,
        "facts": facts,
        "palette": list(PALETTE),
        "edgeLabels": len(facts) <= EDGE_LABELS_MAX,
    }


def remote_references(page: str) -> list[str]:
    """Return the remote URLs, ``url(//…)`` and ``@import`` of a page's markup and CSS.

    Script text is not looked at (it holds data and code, not resource references).
    """
    finder = _RemoteFinder()
    finder.feed(page)
    finder.close()
    return finder.found


class _RemoteFinder(HTMLParser):
    """Collects remote references from tag attributes and style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name in {"src", "href", "srcset", "action", "data", "poster"} and (
                _REMOTE_URL.match(value)
            ):
                self.found.append(f"<{tag} {name}={value}>")
            elif name == "style" and _CSS_REMOTE.search(value):
                self.found.append(f"<{tag} style={value}>")
        if tag == "link":
            self.found.append(f"<link {attrs}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        match = _CSS_REMOTE.search(data) if self._in_style else None
        if match:
            self.found.append(f"<style>{match.group()}")


def _fact_title(fact: Fact, inferred: frozenset[tuple[str, str, str]]) -> str:
    if (fact.subject, fact.predicate, fact.object) in inferred:
        return fact.title or INFERRED
    return fact.title


def _slugs(graph: PageGraph) -> set[str]:
    return (
        {n.slug for n in graph.nodes}
        | {f.subject for f in graph.facts}
        | {f.object for f in graph.facts}
    )


def _replace_once(page: str, old: str, new: str) -> str:
    if page.count(old) != 1:
        raise RuntimeError(f"unexpected pyvis template: {old!r} not found once")
    return page.replace(old, new)


def _render(data: dict[str, Any]) -> str:
    """Render pyvis's template with kg's options; the data is filled in by the page script."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    env = net.templateEnv
    env.policies["json.dumps_function"] = lambda value, **_: script_json(value)
    env.policies["json.dumps_kwargs"] = {}
    # Rendered here rather than by net.generate_html(): pyvis switches to a popup that
    # sets innerHTML whenever a title contains "href" (tooltip_link), which would run
    # article HTML. Every option is given explicitly so that can never happen.
    return env.get_template(net.path).render(
        height=net.height,
        width=net.width,
        nodes=[],
        edges=[],
        heading="",
        options=script_json(_options(data)),
        physics_enabled=False,  # pyvis's loading bar; the page script shows its own
        use_DOT=False,
        dot_lang="",
        widget=False,
        bgcolor="#ffffff",
        conf=False,
        tooltip_link=False,
        neighborhood_highlight=False,
        select_menu=False,
        filter_menu=False,
        notebook=False,
        cdn_resources="in_line",
    )


def _options(data: dict[str, Any]) -> dict[str, Any]:
    n_edges = len(data["facts"])
    physics = data["mode"] == "physics"
    options: dict[str, Any] = {
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "smooth": False,
            "color": {"inherit": False},
            "selectionWidth": 2,
        },
        "physics": {"enabled": False},
        "layout": {"randomSeed": 42, "improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_edges > 2000,
            "hideEdgesOnZoom": n_edges > 10000,
        },
    }
    if physics:
        # Positions computed in Python are the start: a short polish settles them.
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "adaptiveTimestep": False,
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 180,
                "avoidOverlap": 0.3,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 100,
                "updateInterval": 50,
                "fit": True,
            },
        }
    return options
