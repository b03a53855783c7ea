"""Human documentation of the ontology: ``docs/ontology.html``, made by pyLODE.

pyLODE (the OntPub profile) renders every class and property of ``ontology/kg.ttl``
with its label, comment, domain, range and super-properties. Two things are fixed
after it: pyLODE lists the members of an ``owl:unionOf`` in set order, which changes
from run to run, so they are put back in the ontology's order; and the page is
checked to load nothing from the network (pyLODE inlines its CSS, and any remote
script, stylesheet or image is refused). Run ``python -m kg.rdf.docs`` (``make docs``).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from rdflib import OWL, Graph
from rdflib.collection import Collection

from kg.rdf.prefixes import last_segment

_CLASS_SPAN = r'<span>\s*<a href="#(\w+)">[^<]*</a>\s*<sup class="sup-c"[^>]*>c</sup>\s*</span>'
_OR = r'\s*<span class="cardinality">or</span>\s*'
_UNION_RUN = re.compile(f"{_CLASS_SPAN}(?:{_OR}{_CLASS_SPAN})+")
_REMOTE = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc=[\"']?(?:https?:)?//[^\"'\s>]+"
    r"|<link\b[^>]*\brel=[\"']?(?:stylesheet|preload|import)[^>]*>"
    r"|@import\s+(?:url\()?[\"']?(?:https?:)?//[^\"')\s;]+"
    r"|url\(\s*[\"']?(?:https?:)?//[^\"')\s]+",
    re.I,
)


def _union_orders(ontology: Graph) -> dict[frozenset[str], list[str]]:
    """Local names of the members of each ``owl:unionOf`` list, in list order."""
    orders = {}
    for head in ontology.objects(None, OWL.unionOf):
        names = [last_segment(m) for m in Collection(ontology, head)]
        orders[frozenset(names)] = names
    return orders


def order_unions(html: str, ontology: Graph) -> str:
    """Put the classes of every "A or B" list of the page in the ontology's order.

    >>> span = '<span><a href="#{0}">{0}</a><sup class="sup-c">c</sup></span>'
    >>> page = span.format("B") + '<span class="cardinality">or</span>' + span.format("A")
    >>> order_unions(page, Graph()).index("#A") < order_unions(page, Graph()).index("#B")
    True
    """
    orders = _union_orders(ontology)

    def reorder(match: re.Match[str]) -> str:
        run = match.group(0)
        members = {m.group(1): m.group(0) for m in re.finditer(_CLASS_SPAN, run)}
        separator = re.search(_OR, run)
        assert separator is not None
        order = orders.get(frozenset(members), sorted(members))
        return separator.group(0).join(members[name] for name in order)

    return _UNION_RUN.sub(reorder, html)


def remote_resources(html: str) -> list[str]:
    """Return what a page would load from the network (scripts, styles, images).

    >>> remote_resources('<script src="https://cdn.example/x.js"></script><a href="https://e.org">')
    ['<script src="https://cdn.example/x.js']
    """
    return [m.group(0) for m in _REMOTE.finditer(html)]


def _ontpub() -> type:
    """pyLODE's OntPub class; importing pyLODE configures the root logger, undone here."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from pylode import OntPub

    root.handlers[:] = handlers
    root.setLevel(level)
    return OntPub


def ontology_html(ontology_path: str | Path) -> str:
    """Return the HTML documentation of the ontology in ``ontology_path`` (Turtle)."""
    ontology = Graph().parse(ontology_path, format="turtle")
    html = _ontpub()(ontology, sort_subjects=True).make_html(include_css=True)
    html = order_unions(str(html), ontology)
    remote = remote_resources(html)
    if remote:
        raise ValueError(f"the ontology page would load from the network: {remote[:3]}")
    return html if html.endswith("\n") else html + "\n"


def write_docs(ontology_path: str | Path, out: str | Path) -> Path:
    """Write the ontology page to ``out`` (atomically) and return its path."""
    from kg.fileio import atomic_write_text

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out, ontology_html(ontology_path))
    return out


def main(argv: list[str] | None = None) -> None:
    """``python -m kg.rdf.docs [ONTOLOGY.ttl [OUT.html]]``; defaults: ontology/kg.ttl, docs/."""
    args = sys.argv[1:] if argv is None else argv
    source = args[0] if args else "ontology/kg.ttl"
    out = args[1] if len(args) > 1 else "docs/ontology.html"
    print(f"wrote {write_docs(source, out)}")


if __name__ == "__main__":
    main()
