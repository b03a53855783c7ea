"""graph.html at archive scale, the parts Python decides: which renderer draws the
page, what the page says of each article (title and URL, never a file path), the
controls of the reading aids and the page scripts."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from kg.export.html.page import (
    CANVAS_MIN_NODES,
    SCRIPTS,
    choose_renderer,
    page_data,
    to_html,
)
from kg.export.html.source import from_corpus, from_rdf
from kg.rdf.graph import build_graph
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node

SECRET = "/home/reporter/secret"


def _corpus(url: str = "https://news.example/a?x=1&y=<2>") -> Corpus:
    ev = (Evidence("d1", "Ann Lee of Acme.", 0, 16, "r", 0.9),)
    nodes = (
        Node("organization/acme", "Acme", "Organization", (), ("d1",)),
        Node("person/ann", "Ann Lee", "Person", (), ("d1",)),
        Node("person/lone", "Lone Wolf", "Person", (), ("d2",)),
    )
    documents = (
        DocumentInfo("d1", f"{SECRET}/a.txt", "Acme story", url),
        DocumentInfo("d2", f"{SECRET}/b.txt", "", ""),
    )
    return Corpus(documents, nodes, (Fact("person/ann", "worksFor", "organization/acme", ev),))


def _data(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def test_page_scale_articles_by_title_and_url_never_by_path() -> None:
    page = to_html(from_corpus(_corpus()))
    assert SECRET not in page
    assert _data(page)["docs"] == [
        ["d1", "Acme story", "https://news.example/a?x=1&y=<2>"],
        ["d2", "", ""],
    ]
    assert '<option value="0">Acme story (1)</option>' in page
    assert '<option value="1">d2 (0)</option>' in page  # no title: the id


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "//evil.example/x", "data:text/html,x"]
)
def test_page_scale_only_web_urls_reach_the_page(url: str) -> None:
    page = to_html(from_corpus(_corpus(url)))
    assert _data(page)["docs"][0][2] == ""
    assert url not in page


def test_page_scale_url_read_back_from_rdf() -> None:
    page = from_rdf(build_graph(_corpus()))
    assert [d.url for d in page.documents] == ["https://news.example/a?x=1&y=<2>", ""]


@pytest.mark.parametrize(
    ("n_nodes", "mode", "asked", "renderer"),
    [
        (10, "physics", "auto", "vis"),
        (CANVAS_MIN_NODES, "static", "auto", "vis"),
        (CANVAS_MIN_NODES + 1, "static", "auto", "canvas"),
        (CANVAS_MIN_NODES + 1, "physics", "auto", "vis"),
        (5, "static", "canvas", "canvas"),
        (50_000, "static", "vis", "vis"),
    ],
)
def test_page_scale_choose_renderer(n_nodes: int, mode: str, asked: str, renderer: str) -> None:
    assert choose_renderer(n_nodes, mode, asked) == renderer  # type: ignore[arg-type]


def test_page_scale_choose_renderer_refuses() -> None:
    with pytest.raises(ValueError, match="renderer must be one of"):
        choose_renderer(3, "static", "webgl")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs the static layout"):
        choose_renderer(3, "physics", "canvas")


def test_page_scale_canvas_page_has_positions() -> None:
    data = page_data(from_corpus(_corpus()), renderer="canvas")
    assert (data["mode"], data["renderer"]) == ("static", "canvas")
    assert all(isinstance(row[7], int) and isinstance(row[8], int) for row in data["nodes"])
    assert page_data(from_corpus(_corpus()))["renderer"] == "vis"


def test_page_scale_controls_and_scripts() -> None:
    page = to_html(from_corpus(_corpus()), renderer="canvas")
    assert 'id="kg-isolated"> Show entities without facts (1)</label>' in page
    assert '<select id="kg-depth"><option value="1">1</option><option value="2">2</option>' in page
    assert 'data-kg-predicate="0">works for (1)</label>' in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    ours = [s for s in scripts if "var kg = (function ()" in s]
    assert len(ours) == 1
    starts = [
        ours[0].index(f"var {name} = (function ()")
        for name in ("kgLabels", "kgCanvas", "kgVis", "kg")
    ]
    assert starts == sorted(starts) and len(SCRIPTS) == 4  # defined before use, one element
    assert to_html(from_corpus(_corpus()), renderer="canvas") == page  # deterministic
