"""graph.html in a real browser: Debian's headless Chromium driven by Playwright.

Every request that is not file:// (or data:) is aborted and recorded; a page passes
only if it made none, logged no console error, raised no page error and opened no
dialog. Pages come from the example and fixture-articles builds (session fixtures), a
build of a hostile article, a hand-built hostile corpus and a synthetic 2,500-node graph (the
precomputed layout). A screenshot of the example graph goes to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from rdflib import Graph

from kg.export.html.page import write_html
from kg.export.html.source import from_corpus
from kg.rdf.vocab import KG
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # a real Chromium per page

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ARTICLE = f"""Mayor Jane {XSS_SCRIPT} Okafor criticised the Harbourside Police on Monday.

"The force has failed us {XSS_IMG} again," said Jane Okafor.

Harbourside Police Commissioner Tom {XSS_IMG} Reyes resigned from the Harbourside Police.
The Harbourside Police is based in Harbourside {XSS_SCRIPT}.
"""
SYNTHETIC_NODES = 2500


@dataclass
class Opened:
    """A page opened from file:// with what it tried to do."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def check_clean(self) -> None:
        assert self.requests == [], self.requests
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser) -> Iterator[object]:
    contexts = []

    def opener(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        opened = Opened(context.new_page())

        def route(route) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                opened.requests.append(url)
                route.abort()

        def on_dialog(dialog) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        context.route("**/*", route)
        page = opened.page
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.on("pageerror", lambda err: opened.errors.append(str(err)))
        page.on("dialog", on_dialog)
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith(("file:", "data:")) else opened.requests.append(r.url)
            ),
        )
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-kg-ready]", state="attached", timeout=30_000)
        return opened

    yield opener
    for context in contexts:
        context.close()


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
    return tuple(opened.js("[network.body.nodeIndices.length, network.body.edgeIndices.length]"))


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


@pytest.mark.parametrize("build", ["example_build", "articles_build"])
def test_browser_page_is_offline_and_draws_every_entity_and_relation(
    build, request, open_page
) -> None:
    outdir = request.getfixturevalue(build)
    opened = open_page(outdir / "graph.html")
    entities, relations = _graph_counts(outdir)
    assert _drawn(opened) == (entities, relations)
    assert opened.js("[kg.data.nodes.length, kg.data.facts.length]") == [entities, relations]
    assert opened.js("kg.data.mode") == "physics"
    assert opened.js("network.physics.options.enabled") is False  # settled once, then stopped
    status = opened.page.inner_text("#kg-status")
    assert f"{entities} of {entities} entities, {relations} of {relations} relations" in status
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
    assert "harbourside_police_chief" in panel.inner_text()  # the article
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


def test_browser_filters_hide_and_show_without_rebuilding(example_build, open_page) -> None:
    opened = open_page(example_build / "graph.html")
    total_nodes, total_edges = _drawn(opened)
    opened.js("window.kgNetworkBefore = network")
    people = opened.js("kg.data.nodes.filter(n => kg.data.types[n[2]][0] === 'Person').length")
    assert people > 0
    person = opened.page.locator('input[data-kg-type="0"]')
    person.uncheck()
    drawn_nodes, drawn_edges = _drawn(opened)
    assert drawn_nodes == total_nodes - people
    assert opened.js(
        "network.body.nodeIndices.every(id => kg.data.types[kg.data.nodes[kg.indexOf(id)][2]][0]"
        " !== 'Person')"
    )
    assert drawn_edges < total_edges
    person.check()
    assert _drawn(opened) == (total_nodes, total_edges)
    # confidence slider: only facts at or above it
    opened.js(
        "(() => { const s = document.getElementById('kg-confidence'); s.value = '0.8';"
        " s.dispatchEvent(new Event('input')); })()"
    )
    strong = opened.js("kg.data.facts.filter(f => f[3] >= 0.8 - 1e-9).length")
    assert _drawn(opened) == (total_nodes, strong)
    # relation type and family
    opened.page.click("#kg-reset")
    first = opened.js("kg.data.facts[0][1]")
    same = opened.js("p => kg.data.facts.filter(f => f[1] === p).length", first)
    opened.page.select_option("#kg-predicate", str(first))
    assert _drawn(opened) == (total_nodes, same)
    opened.page.click("#kg-reset")
    opened.page.locator('input[data-kg-family="2"]').uncheck()  # places
    places = opened.js("kg.data.facts.filter(f => kg.data.predicates[f[1]][2] === 2).length")
    assert _drawn(opened) == (total_nodes, total_edges - places)
    opened.page.click("#kg-reset")
    assert _drawn(opened) == (total_nodes, total_edges)
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
    for i in range(n_nodes):  # every tooltip
        slug = opened.js(f"kg.slugOf({i})")
        x, y = _dom_position(opened, slug)
        opened.page.mouse.move(x + 1, y + 1)
        tooltip = opened.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().startswith(opened.js(f"kg.data.nodes[{i}][1]"))
        opened.page.mouse.move(2, 2)


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


def test_browser_hostile_names_run_nothing(tmp_path, open_page) -> None:
    path = tmp_path / "graph.html"
    write_html(from_corpus(_hostile_corpus()), path, title=XSS_IMG)
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
    assert opened.js("kg.data.mode") == "static"
    assert opened.js("network.physics.options.enabled") is False
    n_nodes, n_facts = opened.js("[kg.data.nodes.length, kg.data.facts.length]")
    assert n_nodes == SYNTHETIC_NODES
    assert _drawn(opened) == (n_nodes, n_facts)
    assert opened.js(
        "kg.data.nodes.slice(0, 50).every(n => { const p = network.getPosition(n[0]);"
        " return p.x === n[7] && p.y === n[8]; })"
    )
    assert opened.js("network.getScale()") < 0.5  # zoomed out: the batched drawing
    hub = opened.js(
        "(() => { const d = kg.data.nodes.map(() => 0);"
        " kg.data.facts.forEach(f => { d[f[0]]++; d[f[2]]++; });"
        " return kg.data.nodes[d.indexOf(Math.max(...d))][1]; })()"
    )
    opened.page.fill("#kg-search", hub)
    opened.page.press("#kg-search", "Enter")
    assert opened.js("network.getSelectedNodes()") == [_slug(opened, hub)]
    opened.page.locator('input[data-kg-type="0"]').uncheck()
    people = opened.js("kg.data.nodes.filter(n => n[2] === 0).length")
    assert _drawn(opened)[0] == n_nodes - people
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
