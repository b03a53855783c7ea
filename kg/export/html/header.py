"""The header of graph.html: title, counts, search, legend-filters and the other controls.

Every text that comes from the graph (names, titles, predicates) is html-escaped here;
the page script (``assets/graph.js``) reads the controls by id and ``data-kg-*``
attributes.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from kg.records import ENTITY_TYPES


def escape(text: str) -> str:
    """Escape text for HTML, line and paragraph separators included.

    >>> escape("<b>\\u2028")
    '&lt;b&gt;&#x2028;'
    """
    return html.escape(text).replace("\u2028", "&#x2028;").replace("\u2029", "&#x2029;")


def header(data: dict[str, Any], title: str, totals: tuple[int, int, int], shown_facts: int) -> str:
    """The header, the side panel and the loading box of a page.

    ``data`` is :func:`kg.export.html.page.page_data`; ``totals`` the entities,
    relations and documents of the whole graph (the page may show fewer).
    """
    n_all, n_facts, n_docs = totals
    n_shown = len(data["nodes"])
    plural = "" if n_docs == 1 else "s"
    notice = ""
    if n_shown < n_all:
        notice = (
            f'<p id="kg-notice">Showing the {n_shown:,} most connected of {n_all:,} entities '
            f"and the {shown_facts:,} relations between them (of "
            f"{n_facts:,}); graph.ttl has them all.</p>"
        )
    return (
        f'<header id="kg-header"><h1>{escape(title)}</h1>'
        f'<span id="kg-counts">{n_all:,} entities \u00b7 {n_facts:,} relations '
        f"\u00b7 {n_docs:,} document{plural}</span>{notice}"
        '<div class="kg-row"><form id="kg-search-form" role="search">'
        '<input id="kg-search" type="search" list="kg-names" autocomplete="off" '
        'placeholder="Find an entity by any of its names" aria-label="Find an entity">'
        ' <button type="submit">Find</button></form><datalist id="kg-names"></datalist>'
        '<span id="kg-search-status" role="status"></span>'
        '<label title="Show only the selected entity and its neighbours">'
        '<input type="checkbox" id="kg-focus"> Focus on the selection</label>'
        '<label>depth <select id="kg-depth"><option value="1">1</option>'
        '<option value="2">2</option></select></label>'
        '<label>Colour by <select id="kg-colour"><option value="type">type</option>'
        '<option value="community">community</option></select></label>'
        '<span id="kg-colour-note" hidden>(colours show communities; shapes show types)</span>'
        '<span id="kg-status" role="status"></span></div>'
        f"{_legend(data)}"
        f"{_filters(data)}</header>\n"
        '<aside id="kg-panel" hidden aria-label="Details">'
        '<button type="button" id="kg-panel-close" aria-label="Close">\u00d7</button>'
        '<div id="kg-panel-body"></div></aside>\n'
        '<div id="kg-loading" hidden>Arranging the graph\u2026</div>\n'
    )


def _legend(data: dict[str, Any]) -> str:
    """Entity types (shape and colour) and relation families, which double as filters;
    the communities' legend is filled by the page script when colours show them."""
    type_counts = Counter(row[2] for row in data["nodes"])
    pred_counts = Counter(row[1] for row in data["facts"])
    family_counts: Counter[int] = Counter()
    for p, count in pred_counts.items():
        family_counts[data["predicates"][p][2]] += count
    types = []
    for i, (name, shape, colour) in enumerate(data["types"]):
        if i >= len(ENTITY_TYPES) and not type_counts[i]:
            continue
        types.append(
            f'<label class="kg-item"><input type="checkbox" data-kg-type="{i}" checked>'
            f'<span class="kg-swatch kg-{shape}" data-kg-type-swatch="{i}" '
            f'style="background:{colour};--c:{colour}"></span>'
            f"{escape(name or 'Other')} ({type_counts[i]})</label>"
        )
    families = []
    for i, (name, colour) in enumerate(data["families"]):
        if name == "other" and not family_counts[i]:
            continue
        families.append(
            f'<label class="kg-item"><input type="checkbox" data-kg-family="{i}" checked>'
            f'<span class="kg-line" style="background:{colour}"></span>'
            f"{escape(name)} ({family_counts[i]})</label>"
        )
    return (
        f'<div class="kg-row" id="kg-legend"><b>Entities:</b> {" ".join(types)} '
        f"<b>Relations:</b> {' '.join(families)}</div>"
        '<div class="kg-row" id="kg-communities" hidden><b>Communities:</b> '
        '<span id="kg-communities-list"></span></div>'
    )


def _filters(data: dict[str, Any]) -> str:
    """Relation types (several may be chosen), confidence, article, entities without facts."""
    pred_counts = Counter(row[1] for row in data["facts"])
    doc_counts: Counter[int] = Counter(row[0] for f in data["facts"] for row in f[5])
    isolated = _isolated(data)
    predicates = "".join(
        f'<label class="kg-item"><input type="checkbox" data-kg-predicate="{i}">'
        f"{escape(words)} ({pred_counts[i]})</label>"
        for i, (_, words, _) in enumerate(data["predicates"])
    )
    articles = "".join(
        f'<option value="{i}">{escape(doc_title or doc_id)} ({doc_counts[i]})</option>'
        for i, (doc_id, doc_title, _) in enumerate(data["docs"])
    )
    return (
        '<div class="kg-row"><details id="kg-predicates"><summary>Relation: '
        '<span id="kg-predicates-summary">all types</span></summary><div class="kg-menu">'
        '<button type="button" id="kg-predicates-clear">All types</button>'
        f"{predicates}</div></details>"
        '<label>Confidence \u2265 <input id="kg-confidence" type="range" min="0" max="1" '
        'step="0.05" value="0"> <output id="kg-confidence-value">0.00</output></label>'
        '<label>Article <select id="kg-article">'
        f'<option value="-1">all articles</option>{articles}</select></label>'
        '<label title="Entities that take part in no relation">'
        f'<input type="checkbox" id="kg-isolated"> Show entities without facts ({isolated:,})'
        "</label>"
        '<button type="button" id="kg-reset">Reset filters</button></div>'
    )


def _isolated(data: dict[str, Any]) -> int:
    """The number of nodes that take part in no fact."""
    linked = {f[0] for f in data["facts"]} | {f[2] for f in data["facts"]}
    return sum(1 for i in range(len(data["nodes"])) if i not in linked)
