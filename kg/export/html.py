"""A self-contained, offline HTML network view of a :class:`~kg.records.Corpus`.

pyvis renders the page (vis-network 9.1.2 inlined, ``cdn_resources="in_line"``); this
module fills pyvis's node and edge lists directly (pyvis's ``add_edge`` is quadratic)
and then repairs what pyvis gets wrong: it drops the CDN links pyvis adds in every
mode (Bootstrap), adds a header and legend, and turns physics off once the layout is
stabilised. Article text is untrusted: it reaches the page only as JSON with ``<``,
``>``, ``&``, ``'``, U+2028 and U+2029 written as ``\\u`` escapes (so it cannot close
the script element), tooltips are plain-text strings (vis-network shows them with
``innerText``), and text placed in HTML is html-escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.analysis import node_importance, to_networkx
from kg.fileio import atomic_write_text
from kg.records import ENTITY_TYPES, Corpus, Evidence, Fact, Node

TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "Organization": ("square", "#f28e2b"),
    "Place": ("diamond", "#59a14f"),
}
"""Entity type -> (vis-network shape, colour); other types are grey dots."""

FAMILIES: dict[str, tuple[str, frozenset[str]]] = {
    "roles": ("#4e79a7", frozenset({"holdsPositionIn", "worksFor"})),
    "stances/events": (
        "#e15759",
        frozenset(
            "criticisedBy praisedBy supportedBy accusedBy lostSupportOf clashedWith"
            " resignedFrom appointedBy killedBy".split()
        ),
    ),
    "places": ("#59a14f", frozenset({"basedIn", "livesIn", "locatedIn"})),
    "membership": ("#b07aa1", frozenset({"memberOf", "affiliatedWith"})),
    "other": ("#9c9c9c", frozenset()),
}
"""Relation family -> (edge colour, its fixed predicates). Other ``…Of``/``…For``
predicates and those in ``Corpus.roles`` are roles."""

MAX_EVIDENCE = 8
"""Evidence sentences listed in one tooltip at most."""

_JS_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>&'\u2028\u2029"}
_REMOTE_TAG = re.compile(
    r"<(link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")
_OLD_COMMENT = re.compile(r"<!--\s*<link.*?-->\s*", re.DOTALL)
_DRAW_CALL = re.compile(r"^\s*drawGraph\(\);\s*$", re.MULTILINE)
_REMOTE_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"@import|url\(\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

_CSS = """
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
#kg-header{padding:8px 16px;border-bottom:1px solid #ddd;background:#fafafa}
#kg-header h1{font-size:20px;margin:0 0 2px}
#kg-header p{margin:0 0 6px;color:#555;font-size:14px}
#kg-legend{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;font-size:13px}
#kg-legend b{margin-right:-8px}
.kg-item{display:inline-flex;align-items:center;gap:6px}
.kg-swatch{display:inline-block;width:12px;height:12px}
.kg-dot{border-radius:50%}.kg-diamond{transform:rotate(45deg) scale(.85)}
.kg-line{display:inline-block;width:22px;height:3px}
#mynetwork{box-sizing:border-box;border:0!important}
div.vis-tooltip{white-space:pre-wrap!important;max-width:520px;font-family:inherit!important;
font-size:13px!important;line-height:1.35}
"""

_PHYSICS_OFF = """
              network.once("stabilizationIterationsDone", function () {
                  network.setOptions({physics: {enabled: false}});
              });
"""


def readable_predicate(predicate: str) -> str:
    """Return a property's local name as words.

    >>> readable_predicate("primeMinisterOf")
    'prime minister of'
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", predicate).lower()


def relation_family(predicate: str, roles: dict[str, str] | None = None) -> str:
    """Return the legend family of a predicate (a key of :data:`FAMILIES`).

    >>> relation_family("mayorOf"), relation_family("livesIn"), relation_family("x")
    ('roles', 'places', 'other')
    """
    for family, (_, members) in FAMILIES.items():
        if predicate in members:
            return family
    if predicate in (roles or {}) or re.fullmatch(r"[a-z][A-Za-z]*(Of|For)", predicate):
        return "roles"
    return "other"


def script_json(value: Any) -> str:
    """Return ``value`` as JSON that is safe inside a ``<script>`` element.

    >>> script_json(["</script>", "\\u2028"])
    '["\\\\u003c/script\\\\u003e", "\\\\u2028"]'
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, allow_nan=False)
    return re.sub("[<>&'\u2028\u2029]", lambda m: _JS_ESCAPES[m.group()], text)


def to_html(corpus: Corpus, *, title: str = "kg graph") -> str:
    """Return a self-contained HTML page showing the corpus as a network."""
    page = _render(corpus)
    page = _REMOTE_TAG.sub("", page)
    page = _OLD_COMMENT.sub("", _EMPTY_HEADING.sub("", page))
    if len(_DRAW_CALL.findall(page)) != 1:
        raise RuntimeError("unexpected pyvis template: drawGraph() call not found once")
    page = _DRAW_CALL.sub(lambda m: m.group() + _PHYSICS_OFF, page)
    page = _replace_once(page, "<html>", '<!DOCTYPE html>\n<html lang="en">')
    page = _replace_once(
        page,
        '<meta charset="utf-8">',
        f'<meta charset="utf-8">\n<title>{_escape(title)}</title>\n<style>{_CSS}</style>',
    )
    page = _replace_once(page, "<body>", "<body>\n" + _header(corpus, title))
    problems = remote_references(page)
    if problems:
        raise RuntimeError(f"page still references remote resources: {problems[:3]}")
    return page


def write_html(corpus: Corpus, path: Path, *, title: str = "kg graph") -> None:
    """Write :func:`to_html` of the corpus to ``path`` atomically."""
    atomic_write_text(Path(path), to_html(corpus, title=title))


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


def _escape(text: str) -> str:
    """Escape text for HTML, line and paragraph separators included."""
    return html.escape(text).replace("\u2028", "&#x2028;").replace("\u2029", "&#x2029;")


def _replace_once(page: str, old: str, new: str) -> str:
    if page.count(old) != 1:
        raise RuntimeError(f"unexpected pyvis template: {old!r} not found once")
    return page.replace(old, new)


def _render(corpus: Corpus) -> str:
    """Fill a pyvis Network and render its template with safe JSON for the data."""
    from pyvis.network import Network

    nodes, edges = _vis_nodes(corpus), _vis_edges(corpus)
    net = Network(height="calc(100vh - 96px)", width="100%", directed=True, cdn_resources="in_line")
    net.nodes, net.edges = nodes, edges
    env = net.templateEnv
    env.policies["json.dumps_function"] = lambda value, **_: script_json(value)
    env.policies["json.dumps_kwargs"] = {}
    # Rendered here rather than by net.generate_html(): pyvis switches to a popup that
    # sets innerHTML whenever a title contains "href" (tooltip_link), which would run
    # article HTML. Every option is given explicitly so that can never happen.
    return env.get_template(net.path).render(
        height=net.height,
        width=net.width,
        nodes=nodes,
        edges=edges,
        heading="",
        options=script_json(_options(len(nodes))),
        physics_enabled=True,
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


def _options(n_nodes: int) -> dict[str, Any]:
    iterations = 1000 if n_nodes <= 200 else 400 if n_nodes <= 1000 else 150
    return {
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "smooth": False,
            "color": {"inherit": False},
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 140,
                "avoidOverlap": 0.3,
            },
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "layout": {"randomSeed": 42, "improvedLayout": n_nodes <= 300},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n_nodes > 1000},
    }


def _vis_nodes(corpus: Corpus) -> list[dict[str, Any]]:
    records: dict[str, Node] = {}
    for node in corpus.nodes:
        records.setdefault(node.slug, node)
    evidence: dict[str, list[Evidence]] = {}
    for fact in corpus.facts:
        for slug in dict.fromkeys((fact.subject, fact.object)):
            evidence.setdefault(slug, []).extend(fact.evidence)
    importance = node_importance(corpus)
    result = []
    for slug, data in to_networkx(corpus).nodes(data=True):
        node = records.get(slug)
        shape, colour = TYPE_STYLES.get(data["type"], ("dot", "#9c9c9c"))
        lines = [data["label"], f"Type: {data['type'] or 'unknown'}"]
        if node and node.aliases:
            lines.append("Aliases: " + ", ".join(node.aliases))
        if node and node.documents:
            lines.append(f"Documents: {len(node.documents)}")
        lines += _evidence_lines(evidence.get(slug, []), detail=False)
        result.append(
            {
                "id": slug,
                "label": data["label"],
                "title": "\n".join(lines),
                "shape": shape,
                "color": colour,
                "type": data["type"],
                "size": round(8 + 17 * importance.get(slug, 0.0), 2),
            }
        )
    return result


def _vis_edges(corpus: Corpus) -> list[dict[str, Any]]:
    labels = {node.slug: node.label for node in reversed(corpus.nodes)}
    seen: Counter[tuple[str, str]] = Counter()
    result = []
    for i, fact in enumerate(corpus.facts):
        family = relation_family(fact.predicate, corpus.roles)
        name = readable_predicate(fact.predicate)
        head = (
            f"{labels.get(fact.subject, fact.subject)} \u2192 {name} \u2192 "
            f"{labels.get(fact.object, fact.object)}"
        )
        lines = [head, f"Relation family: {family}"]
        if fact.title:
            lines.append(f"Title: {fact.title}")
        lines.append(f"Confidence: {fact.confidence:.2f}")
        lines += _evidence_lines(list(fact.evidence), detail=True)
        edge = {
            "id": f"e{i}",
            "from": fact.subject,
            "to": fact.object,
            "label": name,
            "title": "\n".join(lines),
            "color": FAMILIES[family][0],
            "predicate": fact.predicate,
            "width": round(1 + 2 * fact.confidence, 2),
        }
        edge.update(_curve(fact, seen))
        result.append(edge)
    return result


def _curve(fact: Fact, seen: Counter[tuple[str, str]]) -> dict[str, Any]:
    """Bend the second and later edges between the same two nodes apart."""
    pair = (min(fact.subject, fact.object), max(fact.subject, fact.object))
    k = seen[pair]
    seen[pair] += 1
    if k == 0 or fact.subject == fact.object:
        return {}
    clockwise = (k % 2 == 1) == (pair[0] == fact.subject)
    return {
        "smooth": {
            "enabled": True,
            "type": "curvedCW" if clockwise else "curvedCCW",
            "roundness": 0.25 * ((k + 1) // 2),
        }
    }


def _evidence_lines(evidence: list[Evidence], *, detail: bool) -> list[str]:
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for ev in evidence:
        sentence = " ".join(ev.sentence.split())
        if (ev.doc_id, sentence) in seen and not detail:
            continue
        seen.add((ev.doc_id, sentence))
        if len(sentence) > 400:
            sentence = sentence[:399] + "\u2026"
        extra = f"; rule {ev.rule}, confidence {ev.confidence:.2f}" if detail else ""
        lines.append(f"\u2022 \u201c{sentence}\u201d ({ev.doc_id}{extra})")
    if len(lines) > MAX_EVIDENCE:
        lines = lines[:MAX_EVIDENCE] + [f"\u2026 and {len(lines) - MAX_EVIDENCE} more"]
    return ["Evidence:", *lines] if lines else []


def _header(corpus: Corpus, title: str) -> str:
    n_nodes = len({node.slug for node in corpus.nodes})
    counts = Counter(node.type for node in corpus.nodes)
    families = Counter(relation_family(f.predicate, corpus.roles) for f in corpus.facts)
    items = ["<b>Entities:</b>"]
    for etype in ENTITY_TYPES:
        shape, colour = TYPE_STYLES[etype]
        items.append(
            f'<span class="kg-item"><span class="kg-swatch kg-{shape}" '
            f'style="background:{colour}"></span>{_escape(etype)} '
            f"({counts[etype]})</span>"
        )
    items.append("<b>Relations:</b>")
    for family, (colour, _) in FAMILIES.items():
        if family == "other" and not families[family]:
            continue
        items.append(
            f'<span class="kg-item"><span class="kg-line" '
            f'style="background:{colour}"></span>{_escape(family)} '
            f"({families[family]})</span>"
        )
    plural = "" if len(corpus.documents) == 1 else "s"
    return (
        f'<header id="kg-header"><h1>{_escape(title)}</h1>'
        f"<p>{n_nodes} entities \u00b7 {len(corpus.facts)} relations \u00b7 "
        f"{len(corpus.documents)} document{plural}</p>"
        f'<div id="kg-legend">{" ".join(items)}</div></header>\n'
    )
