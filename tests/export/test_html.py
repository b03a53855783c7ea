"""Tests of kg.export.html.page: offline, escaped, complete and deterministic pages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kg.export.html.page import (
    PHYSICS_MAX_NODES,
    choose_layout,
    highlight_spans,
    most_important,
    page_data,
    readable_predicate,
    relation_family,
    script_json,
    to_html,
    write_html,
)
from kg.export.html.source import from_corpus
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node
from tests.conftest import outputs_under_hash_seeds

HOSTILE = (
    "<script>alert(1)</script> </script><!-- \"dq\" 'sq' <img src=x onerror=alert(1)> "
    "{{ 7*7 }} {% raw %} back\\slash\nnew line \u2028 \u2029 emoji \U0001f600 &amp; "
    '<a href="https://evil.example/x.js">x</a> url(http://evil.example/a.css) @import'
)
RAW_BAD = ("<script>alert", "<img src=x", "</script> </script>", "<a href=", '<!-- "dq')


def _ev(sentence: str, rule: str = "rule.v1", confidence: float = 0.9) -> Evidence:
    return Evidence("d1", sentence, 0, len(sentence), rule, confidence)


def _corpus() -> Corpus:
    nodes = (
        Node("organization/met", "Metropolitan Police", "Organization", ("Met",), ("d1",)),
        Node("person/dick", "Cressida Dick", "Person", ("Dick", "Commissioner Dick"), ("d1",)),
        Node("person/khan", "Sadiq Khan", "Person", ("Khan",), ("d1",)),
        Node("place/london", "London", "Place", (), ("d1",)),
    )
    facts = (
        Fact("organization/met", "basedIn", "place/london", (_ev("The Met is in London."),)),
        Fact(
            "person/dick",
            "commissionerOf",
            "organization/met",
            (_ev("Commissioner Cressida Dick led the Met.", "role.title_of", 0.95),),
            "Commissioner",
        ),
        Fact(
            "person/dick",
            "criticisedBy",
            "person/khan",
            (_ev("Khan criticised Dick.", "stance.v1", 0.7),),
        ),
        Fact("person/dick", "memberOf", "organization/met", (_ev("Dick joined the Met."),)),
        Fact("person/dick", "worksFor", "organization/met", (_ev("Dick works for the Met."),)),
    )
    return Corpus(
        documents=(DocumentInfo("d1", "d1.txt", "Met news"),),
        nodes=nodes,
        facts=facts,
        roles={"commissionerOf": "Commissioner"},
    )


def _hostile_corpus() -> Corpus:
    nodes = (
        Node("organization/h", HOSTILE, "Organization", (HOSTILE, "</script>"), ("d1",)),
        Node("person/h", "Eve " + HOSTILE, "Person", (HOSTILE,), ("d1",)),
        Node("place/p", "Paris", "Place"),
    )
    facts = (
        Fact("person/h", "memberOf", "organization/h", (_ev(HOSTILE, HOSTILE, 0.5),), HOSTILE),
        Fact("person/h", "livesIn", "place/p", (_ev("She lives in Paris. " + HOSTILE),)),
    )
    return Corpus((DocumentInfo("d1", "d1.txt", HOSTILE),), nodes, facts)


class _Page(HTMLParser):
    """Collects the tags, attributes, script texts and style texts of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag in {"script", "style"}:
            self._open = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.scripts[-1] += data
        elif self._open == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _data(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL
    )
    assert match, "no kg-data in page"
    return json.loads(match.group(1))


def _options(page: str) -> dict[str, Any]:
    return json.loads(re.search(r"var options = (\{.*\});$", page, re.MULTILINE).group(1))


def _pyvis_lib(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / name).read_text()


@pytest.fixture(scope="module")
def page() -> str:
    return to_html(from_corpus(_corpus()), title="Met <graph>")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return to_html(from_corpus(_hostile_corpus()), title=HOSTILE)


@pytest.mark.parametrize("which", ["page", "hostile_page"])
def test_html_has_no_remote_resources(which: str, request: pytest.FixtureRequest) -> None:
    text = request.getfixturevalue(which)
    parsed = _parse(text)
    remote = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
    for tag, attrs in parsed.tags:
        assert tag != "link"
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            assert not remote.match(attrs.get(name, "")), (tag, attrs)
        assert "url(" not in attrs.get("style", "")
    css = "\n".join(parsed.styles)
    assert not re.search(r"@import", css, re.IGNORECASE)
    assert not re.search(r"url\(\s*[\"']?\s*(?:https?:)?//", css, re.IGNORECASE)
    assert not re.search(
        r"<(?:link|script|img)\b[^>]*(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", text
    )
    assert "bootstrap" not in text.lower()
    assert "tom-select" not in text.lower()


def test_html_inlines_vis_network(page: str) -> None:
    assert "new vis.Network(" in page
    assert _pyvis_lib("vis-9.1.2/vis-network.min.js") in page
    assert _pyvis_lib("vis-9.1.2/vis-network.css") in page
    assert not any(attrs.get("src") for tag, attrs in _parse(page).tags if tag == "script")


def test_html_legend_filters_and_header(page: str) -> None:
    legend = re.search(r'<div class="kg-row" id="kg-legend">(.*?)</div>', page, re.DOTALL)
    assert legend
    for i, label in enumerate(("Person (2)", "Organization (1)", "Place (1)")):
        assert f'data-kg-type="{i}" checked>' in legend.group(1)
        assert label in legend.group(1)
    for family in ("roles (2)", "stances/events (1)", "places (1)", "membership (1)"):
        assert family in legend.group(1)
    assert "other (" not in legend.group(1)
    assert "4 entities \u00b7 5 relations \u00b7 1 document<" in page
    assert "<title>Met &lt;graph&gt;</title>" in page
    assert "<h1>Met &lt;graph&gt;</h1>" in page
    controls = ("kg-search", "kg-predicates", "kg-confidence", "kg-article", "kg-colour")
    for control in (*controls, "kg-isolated", "kg-focus", "kg-depth", "kg-communities"):
        assert f'id="{control}"' in page
    assert '<option value="0">Met news (5)</option>' in page
    assert ">commissioner of (1)</label>" in page


def test_html_embeds_every_node_and_edge(page: str) -> None:
    corpus = _corpus()
    data = _data(page)
    nodes = {row[0]: row for row in data["nodes"]}
    assert set(nodes) == {node.slug for node in corpus.nodes}
    types = [t[0] for t in data["types"]]
    shapes = {t[0]: t[1] for t in data["types"]}
    for node in corpus.nodes:
        _, label, type_index, _, community, aliases, docs, x, y = nodes[node.slug]
        assert (label, types[type_index], aliases) == (node.label, node.type, list(node.aliases))
        assert [data["docs"][k][0] for k in docs] == list(node.documents)
        assert isinstance(community, int) and x is not None and y is not None
    assert shapes["Person"] != shapes["Place"]
    assert nodes["organization/met"][3] > nodes["place/london"][3]  # size by degree
    order = [row[0] for row in data["nodes"]]
    predicates = [p[0] for p in data["predicates"]]
    assert [(order[f[0]], predicates[f[1]], order[f[2]]) for f in data["facts"]] == [
        (f.subject, f.predicate, f.object) for f in corpus.facts
    ]
    words = {p[0]: p[1] for p in data["predicates"]}
    assert words["commissionerOf"] == "commissioner of"
    fact = data["facts"][1]
    assert (fact[3], fact[4]) == (0.95, "Commissioner")
    doc, sentence, rule, confidence, marks = fact[5][0]
    assert (data["docs"][doc][0], sentence, rule, confidence) == (
        "d1",
        "Commissioner Cressida Dick led the Met.",
        "role.title_of",
        0.95,
    )
    assert [sentence[a:b] for a, b in marks] == ["Cressida Dick", "Met"]
    family = data["predicates"][predicates.index("basedIn")][2]
    assert data["families"][family][0] == "places"


def test_html_highlight_spans() -> None:
    assert highlight_spans("Dick met Dickens and dick.", ["Dick"]) == [[0, 4]]
    assert highlight_spans("Sadiq Khan, Khan.", ["Khan", "Sadiq Khan"]) == [[0, 10], [12, 16]]
    assert highlight_spans("\U0001f600 A and B", ["B"]) == [[9, 10]]  # UTF-16 offsets
    assert highlight_spans("nothing here", ["", " ", "Zed"]) == []


def test_html_page_script_builds_no_markup_from_text() -> None:
    import kg.export.html.page as module

    assets = Path(module.__file__).parent / "assets"
    script = "".join((assets / name).read_text() for name in module.SCRIPTS)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    assert "new Function" not in script
    assert "textContent" in script and "createTextNode" in script and 'el("mark"' in script


def test_html_physics_settles_once_then_stops(page: str) -> None:
    options = _options(page)
    assert _data(page)["mode"] == "physics"
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    script = _parse(page).scripts[3]
    assert re.search(
        r'network\.once\("stabilizationIterationsDone".*?setOptions\(\{physics: \{enabled: false\}',
        script,
        re.DOTALL,
    )
    assert page.count("kg.start(network, nodes, edges);") == 1


def test_html_static_layout_has_positions_and_no_physics() -> None:
    page = to_html(from_corpus(_corpus()), layout="static")
    assert _options(page)["physics"] == {"enabled": False}
    data = _data(page)
    assert data["mode"] == "static"
    positions = [(row[7], row[8]) for row in data["nodes"]]
    assert all(isinstance(v, int) for xy in positions for v in xy)
    assert len(set(positions)) == len(positions)
    assert to_html(from_corpus(_corpus()), layout="static") == page


@pytest.mark.parametrize(
    ("n_nodes", "layout", "mode"),
    [
        (10, "auto", "physics"),
        (PHYSICS_MAX_NODES, "auto", "physics"),
        (PHYSICS_MAX_NODES + 1, "auto", "static"),
        (0, "auto", "static"),
        (5000, "physics", "physics"),
        (3, "static", "static"),
    ],
)
def test_html_choose_layout(n_nodes: int, layout: str, mode: str) -> None:
    assert choose_layout(n_nodes, layout) == mode


def test_html_choose_layout_refuses_unknown() -> None:
    with pytest.raises(ValueError, match="layout must be one of"):
        choose_layout(3, "spring")


def test_html_max_nodes_keeps_the_most_connected() -> None:
    corpus = _corpus()
    cut = most_important(from_corpus(corpus), 2)
    assert [n.slug for n in cut.nodes] == ["organization/met", "person/dick"]
    assert [(f.subject, f.object) for f in cut.facts] == [("person/dick", "organization/met")] * 3
    page = to_html(from_corpus(corpus), max_nodes=2)
    assert len(_data(page)["nodes"]) == 2 and len(_data(page)["facts"]) == 3
    assert "Showing the 2 most connected of 4 entities and the 3 relations between them" in page
    assert "4 entities \u00b7 5 relations" in page
    assert 'id="kg-notice"' not in to_html(from_corpus(corpus), max_nodes=4)


def test_html_hostile_text_only_escaped(hostile_page: str) -> None:
    for bad in RAW_BAD:
        assert bad not in hostile_page
    assert "\u2028" not in hostile_page and "\u2029" not in hostile_page
    parsed = _parse(hostile_page)
    assert all(tag not in {"img", "a", "iframe", "object"} for tag, _ in parsed.tags)
    scripts = parsed.scripts
    assert len(scripts) == 5
    assert scripts[0] == _pyvis_lib("bindings/utils.js")
    assert scripts[1] == _pyvis_lib("vis-9.1.2/vis-network.min.js")
    assert json.loads(scripts[2])["nodes"]  # kg-data: JSON only
    assert "var kg = (function ()" in scripts[3]
    assert "function drawGraph()" in scripts[4] and "</" not in scripts[4]
    text = "".join(parsed.text)
    assert HOSTILE in text  # the title, shown as text
    assert "Eve " + HOSTILE not in text  # names reach the page only as data
    data = _data(hostile_page)
    nodes = {row[0]: row for row in data["nodes"]}
    assert nodes["organization/h"][1] == HOSTILE
    assert nodes["organization/h"][5] == [HOSTILE, "</script>"]
    fact = data["facts"][0]
    assert (fact[4], fact[5][0][1], fact[5][0][2]) == (HOSTILE, HOSTILE, HOSTILE)
    assert data["docs"][0][1] == HOSTILE


def test_html_script_json_escapes() -> None:
    text = script_json({"k": HOSTILE})
    assert not set(text) & set("<>&'\u2028\u2029")
    assert json.loads(text) == {"k": HOSTILE}


def test_html_fact_end_without_node_is_drawn() -> None:
    corpus = Corpus(nodes=(Node("a", "A", "Person"),), facts=(Fact("a", "memberOf", "x/b"),))
    data = page_data(from_corpus(corpus))
    assert [row[0] for row in data["nodes"]] == ["a", "x/b"]
    assert data["types"][data["nodes"][1][2]][0] == ""
    assert "Other (1)" in to_html(from_corpus(corpus))


def test_html_empty_corpus() -> None:
    page = to_html(from_corpus(Corpus()))
    assert _data(page)["nodes"] == [] and _data(page)["facts"] == []
    assert "0 entities \u00b7 0 relations \u00b7 0 documents" in page


@pytest.mark.parametrize(
    ("predicate", "words", "family"),
    [
        ("commissionerOf", "commissioner of", "roles"),
        ("primeMinisterOf", "prime minister of", "roles"),
        ("worksFor", "works for", "roles"),
        ("criticisedBy", "criticised by", "stances/events"),
        ("lostSupportOf", "lost support of", "stances/events"),
        ("basedIn", "based in", "places"),
        ("memberOf", "member of", "membership"),
        ("mentions", "mentions", "other"),
    ],
)
def test_html_predicate_names(predicate: str, words: str, family: str) -> None:
    assert readable_predicate(predicate) == words
    assert relation_family(predicate) == family


def test_html_write_html(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    write_html(from_corpus(_corpus()), target)
    assert target.read_bytes() == to_html(from_corpus(_corpus())).encode("utf-8")


def test_html_deterministic_across_hash_seeds() -> None:
    code = (
        "import pickle, sys\n"
        "from kg.export.html.page import to_html\n"
        "sys.stdout.buffer.write(to_html(pickle.load(sys.stdin.buffer)).encode())\n"
    )
    outputs = outputs_under_hash_seeds(code, from_corpus(_hostile_corpus()))
    assert outputs[0] == outputs[1]
    assert outputs[0] == to_html(from_corpus(_hostile_corpus())).encode()


def test_html_builds_one_networkx_graph_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.analysis.network as network

    made = []
    real = network.to_networkx

    def counting(graph: Any) -> Any:
        made.append(graph)
        return real(graph)

    monkeypatch.setattr(network, "to_networkx", counting)
    data = page_data(from_corpus(_corpus()), layout="static")
    assert len(made) == 1
    assert len(data["nodes"]) == 4 and all(row[7] is not None for row in data["nodes"])
