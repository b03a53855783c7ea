"""graph.html in a real browser: Debian's headless Chromium driven by Playwright.

Every request that is not file:// (or data:) is aborted and recorded; a page passes
only if it made none, logged no console error, raised no page error and opened no
dialog. Pages come from the example and fixture-articles builds (session fixtures), a
build of a hostile article, a hand-built hostile corpus and a synthetic 2,500-node graph (the
precomputed layout). A screenshot of the example graph goes to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from rdflib import Graph

from kg.export.html.page import write_html
from kg.export.html.source import from_corpus
from kg.rdf.vocab import KG
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node
from tests.conftest import REPO
from tests.export.conftest import Opened

pytestmark = pytest.mark.slow  # a real Chromium per page

ARTIFACTS = REPO / "test-artifacts"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ARTICLE = f"""Mayor Jane {XSS_SCRIPT} Okafor criticised the Harbourside Police on Monday.

"The force has failed us {XSS_IMG} again," said Jane Okafor.

Harbourside Police Commissioner Tom {XSS_IMG} Reyes resigned from the Harbourside Police.
The Harbourside Police is based in Harbourside {XSS_SCRIPT}.
"""
SYNTHETIC_NODES = 2500


def _graph_counts(outdir: Path) -> tuple[int, int]:
    """Entities and relations (facts with evidence) of a build's graph.ttl."""
    graph = Graph().parse(outdir / "graph.ttl")
    entities = graph.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c . ?c rdfs:subClassOf* ?top . "
        "VALUES ?top { kg:Person kg:Organization kg:Place } }",
        initNs={"kg": KG},
    )
    relations = graph.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?a a owl:Axiom ; "
        "owl:annotatedSource ?s ; owl:annotatedProperty ?p ; owl:annotatedTarget ?o } }"
    )
    return int(next(iter(entities))[0]), int(next(iter(relations))[0])


def _drawn(opened: Opened) -> tuple[int, int]:
    """Nodes and edges drawn: vis-network's own count on a vis page, the page's otherwise."""
    return tuple(opened.js("kg.drawn()"))


def _slug(opened: Opened, label: str) -> str:
    return opened.js("l => kg.data.nodes.find(n => n[1] === l)[0]", label)


def _dom_position(opened: Opened, slug: str) -> tuple[float, float]:
    """Where a node is on the screen, after fitting the whole graph in view."""
    opened.js("network.fit({animation: false})")
    return tuple(
        opened.js(
            """slug => { const p = network.canvasToDOM(network.getPosition(slug));
                        const box = document.getElementById('mynetwork').getBoundingClientRect();
                        return [box.left + p.x, box.top + p.y]; }""",
            slug,
        )
    )


def _click_node(opened: Opened, slug: str) -> None:
    opened.page.mouse.click(*_dom_position(opened, slug))


@pytest.fixture(scope="module")
def synthetic_page(tmp_path_factory) -> Path:
    from bench.synthetic import synthetic_corpus

    path = tmp_path_factory.mktemp("synthetic") / "graph.html"
    write_html(from_corpus(synthetic_corpus(SYNTHETIC_NODES)), path, title="synthetic")
    return path


@pytest.fixture(scope="module")
def hostile_build(nlp, tmp_path_factory) -> Path:
    from kg.build import build
    from kg.records import Article

    outdir = tmp_path_factory.mktemp("hostile")
    build(nlp, [Article("hostile", HOSTILE_ARTICLE, "hostile.txt", XSS_SCRIPT)], outdir)
    return outdir


LINKED = "kg.data.nodes.filter((n, i) => kg.data.facts.some(f => f[0] === i || f[2] === i)).length"
"""The number of nodes that take part in a fact (the page shows only those at first)."""


@pytest.mark.parametrize("build", ["example_build", "articles_build"])
def test_browser_page_is_offline_and_draws_every_entity_and_relation(
    build, request, open_page
) -> None:
    outdir = request.getfixturevalue(build)
    opened = open_page(outdir / "graph.html")
    entities, relations = _graph_counts(outdir)
    linked = opened.js(LINKED)
    assert 0 < linked <= entities
    assert _drawn(opened) == (linked, relations)
    assert opened.js("[kg.data.nodes.length, kg.data.facts.length]") == [entities, relations]
    assert opened.js("kg.data.mode") == "physics"
    assert opened.js("network.physics.options.enabled") is False  # settled once, then stopped
    status = opened.page.inner_text("#kg-status")
    assert f"{linked} of {entities} entities, {relations} of {relations} relations" in status
    opened.page.locator("#kg-isolated").check()  # entities without facts too
    assert _drawn(opened) == (entities, relations)
    opened.check_clean()


def test_browser_search_finds_and_focuses_an_entity(example_build, open_page) -> None:
    opened = open_page(example_build / "graph.html")
    slug = _slug(opened, "Margaret Oyelaran")
    opened.js(
        "() => { window.kgMoved = new Promise(done => { network.once('animationFinished', done);"
        " setTimeout(done, 10000); }); }"
    )
    opened.page.fill("#kg-search", "margaret  OYELARAN")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("network.getSelectedNodes()") == [slug]
    assert opened.page.inner_text("#kg-panel h2") == "Margaret Oyelaran"
    opened.js("window.kgMoved")  # the end of the focus animation
    centre = opened.js(
        """slug => { const p = network.canvasToDOM(network.getPosition(slug));
                    const box = document.getElementById('mynetwork');
                    const panel = document.getElementById('kg-panel').offsetWidth;
                    return [p.x - (box.clientWidth - panel) / 2, p.y - box.clientHeight / 2]; }""",
        slug,
    )
    assert abs(centre[0]) < 5 and abs(centre[1]) < 5, centre  # in the middle of the free view
    opened.page.fill("#kg-search", "Oyelaran")  # an alias
    opened.page.press("#kg-search", "Enter")
    assert opened.js("network.getSelectedNodes()") == [slug]
    opened.page.fill("#kg-search", "Nobody Known")
    opened.page.press("#kg-search", "Enter")
    assert "No entity called" in opened.page.inner_text("#kg-search-status")
    opened.check_clean()


def test_browser_click_shows_facts_with_highlighted_evidence(example_build, open_page) -> None:
    opened = open_page(example_build / "graph.html")
    slug = _slug(opened, "Margaret Oyelaran")
    _click_node(opened, slug)
    assert opened.js("network.getSelectedNodes()") == [slug]
    panel = opened.page.locator("#kg-panel")
    assert panel.is_visible()
    assert panel.locator("h2").inner_text() == "Margaret Oyelaran"
    evidence = panel.locator(".kg-evidence").all_inner_texts()
    assert any("resigned" in text for text in evidence), evidence
    marks = set(panel.locator(".kg-evidence mark").all_inner_texts())
    assert {"Margaret Oyelaran", "Oyelaran"} & marks, marks
    assert "Person" in panel.locator(".kg-meta").first.inner_text()
    title = opened.js("kg.data.docs[0][1] || kg.data.docs[0][0]")
    assert title in panel.locator(".kg-docs").inner_text()  # the article, by title
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "example-graph.png"))
    opened.page.keyboard.press("Escape")
    assert panel.is_hidden()
    # hover: a short tooltip
    x, y = _dom_position(opened, slug)
    opened.page.mouse.move(x + 1, y + 1)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().startswith("Margaret Oyelaran\nPerson")
    opened.check_clean()


def test_browser_edge_click_and_colour_switch(example_build, open_page) -> None:
    opened = open_page(example_build / "graph.html")
    opened.js("kg.selectEdge(0)")
    panel = opened.page.locator("#kg-panel")
    assert panel.locator(".kg-fact").count() >= 1
    assert panel.locator(".kg-evidence").count() >= 1
    assert opened.js("network.getSelectedEdges()") == ["e0"]
    before = opened.js("network.body.nodes[kg.slugOf(0)].options.color.background")
    opened.page.select_option("#kg-colour", "community")
    colours = opened.js(
        "kg.data.nodes.map((n, i) => [network.body.nodes[n[0]].options.color.background,"
        " kg.data.palette[n[4] % kg.data.palette.length]])"
    )
    assert all(drawn == wanted for drawn, wanted in colours)
    assert opened.page.locator("#kg-colour-note").is_visible()
    opened.page.select_option("#kg-colour", "type")
    assert opened.js("network.body.nodes[kg.slugOf(0)].options.color.background") == before
    opened.check_clean()


EXPECTED = """([nodeOk, factOk]) => {
    const keep = (f, j) => eval(factOk)(f, j) && eval(nodeOk)(kg.data.nodes[f[0]])
        && eval(nodeOk)(kg.data.nodes[f[2]]);
    const facts = kg.data.facts.filter(keep), ends = new Set();
    facts.forEach(f => { ends.add(f[0]); ends.add(f[2]); });
    return [ends.size, facts.length]; }"""
"""Nodes and facts a page should show for a node and a fact condition (JS source):
the facts both conditions keep and the nodes at their ends."""


def _expected(opened: Opened, node_ok: str = "n => true", fact_ok: str = "f => true"):
    return tuple(opened.js(EXPECTED, [node_ok, fact_ok]))


def test_browser_filters_hide_and_show_without_rebuilding(example_build, open_page) -> None:
    opened = open_page(example_build / "graph.html")
    total = _drawn(opened)
    assert total == _expected(opened)
    opened.js("window.kgNetworkBefore = network")
    person = opened.page.locator('input[data-kg-type="0"]')
    person.uncheck()
    no_people = _expected(opened, "n => kg.data.types[n[2]][0] !== 'Person'")
    assert _drawn(opened) == no_people and no_people[1] < total[1]
    assert opened.js(
        "network.body.nodeIndices.every(id => kg.data.types[kg.data.nodes[kg.indexOf(id)][2]][0]"
        " !== 'Person')"
    )
    person.check()
    assert _drawn(opened) == total
    # confidence slider: only facts at or above it, and the entities they link
    opened.js(
        "(() => { const s = document.getElementById('kg-confidence'); s.value = '0.8';"
        " s.dispatchEvent(new Event('input')); })()"
    )
    assert _drawn(opened) == _expected(opened, fact_ok="f => f[3] >= 0.8 - 1e-9")
    # relation type and family
    opened.page.click("#kg-reset")
    first = opened.js("kg.data.facts[0][1]")
    opened.page.click("#kg-predicates summary")
    opened.page.locator(f'input[data-kg-predicate="{first}"]').check()
    assert _drawn(opened) == _expected(opened, fact_ok=f"f => f[1] === {first}")
    opened.page.mouse.click(600, 500)  # a click outside closes the menu
    assert opened.js("document.getElementById('kg-predicates').open") is False
    opened.page.click("#kg-reset")
    opened.page.locator('input[data-kg-family="2"]').uncheck()  # places
    assert _drawn(opened) == _expected(opened, fact_ok="f => kg.data.predicates[f[1]][2] !== 2")
    opened.page.click("#kg-reset")
    assert _drawn(opened) == total
    assert opened.js("window.kgNetworkBefore === network")  # the same network throughout
    opened.check_clean()


def _hostile_corpus() -> Corpus:
    def ev(sentence: str) -> Evidence:
        return Evidence("d1", sentence, 0, len(sentence), XSS_IMG, 0.9)

    nodes = (
        Node("organization/x", f"Org {XSS_IMG}", "Organization", (XSS_SCRIPT,), ("d1",)),
        Node("person/x", f"Eve {XSS_SCRIPT}", "Person", (f"Eve {XSS_IMG}",), ("d1",)),
    )
    facts = (
        Fact(
            "person/x",
            "memberOf",
            "organization/x",
            (ev(f'Eve {XSS_SCRIPT} said "{XSS_IMG}" of Org {XSS_IMG}.'),),
            XSS_SCRIPT,
        ),
    )
    return Corpus((DocumentInfo("d1", XSS_IMG, XSS_SCRIPT),), nodes, facts)


def _exercise_everything(opened: Opened) -> None:
    """Open the panel of every node and edge, search, hover, switch every control."""
    n_nodes, n_facts = opened.js("[kg.data.nodes.length, kg.data.facts.length]")
    for i in range(n_nodes):
        opened.js(f"kg.selectNode({i}, false)")
    for j in range(n_facts):
        opened.js(f"kg.selectEdge({j})")
    for label in opened.js("kg.data.nodes.map(n => n[1])"):
        opened.page.fill("#kg-search", label)
        opened.page.press("#kg-search", "Enter")
    opened.page.fill("#kg-search", XSS_IMG)
    opened.page.press("#kg-search", "Enter")
    opened.page.locator("#kg-search").focus()  # fills the name list
    opened.page.select_option("#kg-colour", "community")
    opened.page.select_option("#kg-article", "0")
    opened.page.keyboard.press("Escape")
    opened.page.locator("#kg-isolated").check()  # entities without facts too
    for i in range(n_nodes):  # every tooltip
        tooltip = _hover_tooltip(opened, opened.js(f"kg.slugOf({i})"))
        assert tooltip.inner_text().startswith(opened.js(f"kg.data.nodes[{i}][1]"))
        opened.page.mouse.move(2, 2)


def _hover_tooltip(opened: Opened, slug: str, attempts: int = 3):
    """Hover a node until its tooltip shows: a view still settling (a fit or focus
    animation on a loaded machine) can move the node from under the pointer."""
    tooltip = opened.page.locator("div.vis-tooltip, div.kg-tooltip")
    for attempt in range(attempts):
        x, y = _dom_position(opened, slug)
        opened.page.mouse.move(2, 2)
        opened.page.mouse.move(x + 1, y + 1)
        try:
            tooltip.wait_for(state="visible", timeout=3000)
            return tooltip
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    return tooltip


def _no_injected_markup(opened: Opened) -> None:
    assert opened.page.locator("img").count() == 0
    assert opened.js("document.scripts.length") == 5


def test_browser_hostile_article_runs_nothing(hostile_build, open_page) -> None:
    data = (hostile_build / "graph.html").read_text()
    assert XSS_SCRIPT not in data and XSS_IMG not in data
    opened = open_page(hostile_build / "graph.html")
    texts = opened.js("JSON.stringify(kg.data)")
    assert XSS_SCRIPT in texts and XSS_IMG in texts  # the article text, kept as data
    _exercise_everything(opened)
    _no_injected_markup(opened)
    shown = opened.page.inner_text("body")
    assert XSS_SCRIPT in shown  # the title and the evidence, as text
    opened.check_clean()


@pytest.mark.parametrize("renderer", ["vis", "canvas"])
def test_browser_hostile_names_run_nothing(renderer, tmp_path, open_page) -> None:
    path = tmp_path / "graph.html"
    write_html(from_corpus(_hostile_corpus()), path, title=XSS_IMG, renderer=renderer)
    opened = open_page(path)
    opened.js("kg.selectNode(kg.indexOf('person/x'), false)")
    panel = opened.page.inner_text("#kg-panel")
    for text in (f"Eve {XSS_SCRIPT}", f"Eve {XSS_IMG}", f"Org {XSS_IMG}", XSS_SCRIPT):
        assert text in panel
    assert opened.page.locator("#kg-panel mark").all_inner_texts()[0] == f"Eve {XSS_SCRIPT}"
    _exercise_everything(opened)
    _no_injected_markup(opened)
    assert opened.page.title() == XSS_IMG
    opened.check_clean()


def test_browser_big_graph_uses_the_precomputed_layout(synthetic_page, open_page) -> None:
    opened = open_page(synthetic_page)
    assert opened.js("[kg.data.mode, kg.data.renderer]") == ["static", "canvas"]
    assert opened.js("document.querySelectorAll('#mynetwork canvas').length") == 1
    n_nodes, n_facts = opened.js("[kg.data.nodes.length, kg.data.facts.length]")
    assert n_nodes == SYNTHETIC_NODES
    assert _drawn(opened) == (n_nodes, n_facts)
    assert opened.js(
        "kg.data.nodes.slice(0, 50).every(n => { const p = network.getPosition(n[0]);"
        " return p.x === n[7] && p.y === n[8]; })"
    )
    assert opened.js("network.getScale()") < 0.5  # zoomed out
    hub = opened.js(
        "(() => { const d = kg.data.nodes.map(() => 0);"
        " kg.data.facts.forEach(f => { d[f[0]]++; d[f[2]]++; });"
        " return kg.data.nodes[d.indexOf(Math.max(...d))][1]; })()"
    )
    labelled = opened.js("kg.labels().map(l => kg.data.nodes[l[0]][1])")
    assert hub in labelled  # the most connected node carries its name from the start
    boxes = opened.js("kg.labels()")
    assert 10 < len(boxes) <= 1280 * 800 // 9000  # a budget of labels per screen area
    for k, (_, left, top, right, bottom) in enumerate(boxes):  # never piled up
        for _, left2, top2, right2, bottom2 in boxes[k + 1 :]:
            assert right <= left2 or right2 <= left or bottom <= top2 or bottom2 <= top
    opened.page.fill("#kg-search", hub)
    opened.page.press("#kg-search", "Enter")
    assert opened.js("network.getSelectedNodes()") == [_slug(opened, hub)]
    opened.page.keyboard.press("Escape")
    _click_node(opened, _slug(opened, hub))
    assert opened.page.inner_text("#kg-panel h2") == hub
    opened.page.locator('input[data-kg-type="0"]').uncheck()
    no_people = _expected(opened, "n => n[2] !== 0")
    assert _drawn(opened) == no_people and no_people[0] < n_nodes
    opened.page.select_option("#kg-colour", "community")
    opened.js("network.redraw()")
    opened.check_clean()


def test_browser_example_screenshot_for_readme(example_build, open_page) -> None:
    """The README picture: the example graph with Margaret Oyelaran's panel open."""
    opened = open_page(example_build / "graph.html")
    opened.page.fill("#kg-search", "Margaret Oyelaran")
    opened.page.press("#kg-search", "Enter")
    opened.page.wait_for_timeout(600)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "example-graph-search.png"
    opened.page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    opened.check_clean()
