"""Tests of kg.export.html: offline, escaped, complete and deterministic pages."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kg.export.html import readable_predicate, relation_family, script_json, to_html, write_html
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node

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


def _data(page: str, name: str) -> list[dict[str, Any]]:
    match = re.search(rf"^\s*{name} = new vis\.DataSet\((.*)\);$", page, re.MULTILINE)
    assert match, f"no {name} data in page"
    return json.loads(match.group(1))


def _pyvis_lib(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / name).read_text()


@pytest.fixture(scope="module")
def page() -> str:
    return to_html(_corpus(), title="Met <graph>")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return to_html(_hostile_corpus(), title=HOSTILE)


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


def test_html_legend_and_header(page: str) -> None:
    legend = re.search(r'<div id="kg-legend">(.*?)</div>', page, re.DOTALL)
    assert legend
    for label in ("Person (2)", "Organization (1)", "Place (1)"):
        assert label in legend.group(1)
    for family in ("roles", "stances/events", "places", "membership"):
        assert f"{family} (" in legend.group(1)
    assert "4 entities \u00b7 5 relations \u00b7 1 document<" in page
    assert "<title>Met &lt;graph&gt;</title>" in page
    assert "<h1>Met &lt;graph&gt;</h1>" in page


def test_html_embeds_every_node_and_edge(page: str) -> None:
    corpus = _corpus()
    nodes = {node["id"]: node for node in _data(page, "nodes")}
    assert set(nodes) == {node.slug for node in corpus.nodes}
    for node in corpus.nodes:
        vis = nodes[node.slug]
        assert vis["label"] == node.label
        assert vis["type"] == node.type
        assert vis["title"].startswith(f"{node.label}\nType: {node.type}")
        for alias in node.aliases:
            assert alias in vis["title"]
    assert nodes["person/dick"]["shape"] != nodes["place/london"]["shape"]
    assert nodes["organization/met"]["size"] > nodes["place/london"]["size"]
    edges = _data(page, "edges")
    assert [(e["from"], e["predicate"], e["to"]) for e in edges] == [
        (f.subject, f.predicate, f.object) for f in corpus.facts
    ]
    assert len({edge["id"] for edge in edges}) == len(edges)
    assert edges[1]["label"] == "commissioner of"
    title = edges[1]["title"]
    for part in ("Commissioner Cressida Dick led the Met.", "role.title_of", "0.95"):
        assert part in title
    assert "Dick works for the Met." in nodes["person/dick"]["title"]


def test_html_stabilises_then_stops_physics(page: str) -> None:
    options = json.loads(re.search(r"var options = (\{.*\});$", page, re.MULTILINE).group(1))
    assert options["physics"]["stabilization"]["enabled"] is True
    assert re.search(
        r'network\.once\("stabilizationIterationsDone".*?setOptions\(\{physics: \{enabled: false\}',
        page,
        re.DOTALL,
    )


def test_html_hostile_text_only_escaped(hostile_page: str) -> None:
    for bad in RAW_BAD:
        assert bad not in hostile_page
    assert "\u2028" not in hostile_page and "\u2029" not in hostile_page
    parsed = _parse(hostile_page)
    assert all(tag not in {"img", "a", "iframe", "object"} for tag, _ in parsed.tags)
    scripts = parsed.scripts
    assert len(scripts) == 3
    assert scripts[0] == _pyvis_lib("bindings/utils.js")
    assert scripts[1] == _pyvis_lib("vis-9.1.2/vis-network.min.js")
    assert "function drawGraph()" in scripts[2] and "</" not in scripts[2]
    assert HOSTILE in "".join(parsed.text)  # the title, shown as text
    nodes = {node["id"]: node for node in _data(hostile_page, "nodes")}
    assert nodes["organization/h"]["label"] == HOSTILE
    assert HOSTILE in nodes["person/h"]["title"]
    edge = _data(hostile_page, "edges")[0]
    assert HOSTILE in edge["title"]  # the rule, unchanged


def test_html_script_json_escapes() -> None:
    text = script_json({"k": HOSTILE})
    assert not set(text) & set("<>&'\u2028\u2029")
    assert json.loads(text) == {"k": HOSTILE}


def test_html_fact_end_without_node_is_drawn() -> None:
    corpus = Corpus(nodes=(Node("a", "A", "Person"),), facts=(Fact("a", "memberOf", "x/b"),))
    nodes = {node["id"]: node for node in _data(to_html(corpus), "nodes")}
    assert set(nodes) == {"a", "x/b"}


def test_html_empty_corpus() -> None:
    page = to_html(Corpus())
    assert _data(page, "nodes") == [] and _data(page, "edges") == []
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
    write_html(_corpus(), target)
    assert target.read_bytes() == to_html(_corpus()).encode("utf-8")


def test_html_deterministic_across_hash_seeds() -> None:
    code = (
        "import pickle, sys\n"
        "from kg.export.html import to_html\n"
        "sys.stdout.buffer.write(to_html(pickle.load(sys.stdin.buffer)).encode())\n"
    )
    payload = pickle.dumps(_hostile_corpus())
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], input=payload, capture_output=True, env=env, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0] == to_html(_hostile_corpus()).encode()
