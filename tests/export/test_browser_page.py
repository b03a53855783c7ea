"""graph.html's reading aids in a real browser, with both renderers (vis-network and
kg's canvas) on one small hand-built graph: entities without facts hidden until asked
for, filters that hide what loses its last fact and frame the rest, focus on an
entity's neighbourhood, the legend of the colouring in force, and articles named by
title and URL (never by file path) in the evidence panel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export.html.page import write_html
from kg.export.html.source import from_corpus
from kg.records import Corpus, DocumentInfo, Evidence, Fact, Node
from tests.export.conftest import Opened

pytestmark = pytest.mark.slow  # a real Chromium per page

SECRET_DIR = "/home/reporter/secret"
URL = "https://news.example/first?a=1&b=2"


def _ev(doc: str, sentence: str, confidence: float) -> tuple[Evidence, ...]:
    return (Evidence(doc, sentence, 0, len(sentence), "test.rule", confidence),)


def _corpus() -> Corpus:
    """A chain Alice - Bee Corp - Ceeville - Dan - Echo News, and two loners."""
    nodes = (
        Node("organization/b", "Bee Corp", "Organization", (), ("d1",)),
        Node("organization/e", "Echo News", "Organization", (), ("d2",)),
        Node("organization/quiet", "Quiet Ltd", "Organization", (), ("d2",)),
        Node("person/a", "Alice Able", "Person", (), ("d1",)),
        Node("person/d", "Dan Dee", "Person", (), ("d2",)),
        Node("person/lonely", "Lonely Lou", "Person", (), ("d1",)),
        Node("place/c", "Ceeville", "Place", (), ("d1", "d2")),
    )
    facts = (
        Fact("organization/b", "basedIn", "place/c", _ev("d1", "Bee Corp, of Ceeville.", 0.6)),
        Fact("person/a", "worksFor", "organization/b", _ev("d1", "Alice Able of Bee Corp.", 0.9)),
        Fact("person/d", "livesIn", "place/c", _ev("d2", "Dan Dee lives in Ceeville.", 0.8)),
        Fact("person/d", "worksFor", "organization/e", _ev("d2", "Dan Dee of Echo News.", 0.7)),
    )
    documents = (
        DocumentInfo("d1", f"{SECRET_DIR}/first.txt", "First story", URL),
        DocumentInfo("d2", f"{SECRET_DIR}/second.txt", "", "javascript:alert(1)"),
    )
    return Corpus(documents, nodes, facts)


@pytest.fixture(scope="module", params=["vis", "canvas"])
def page(request, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "graph.html"
    write_html(from_corpus(_corpus()), path, title="chain", renderer=request.param)
    return path


def _shown(opened: Opened) -> list[str]:
    """Labels of the nodes drawn, sorted (read from the renderer where it can tell)."""
    return sorted(
        opened.js(
            """() => kg.data.renderer === 'vis'
              ? network.body.nodeIndices.map(id => kg.data.nodes[kg.indexOf(id)][1])
              : kg.data.nodes.filter((n, i) => network.g.nodeShown(i)).map(n => n[1])"""
        )
    )


def _settle(opened: Opened) -> None:
    """Wait for the view's fit animation to end."""
    opened.page.wait_for_timeout(700)


def _all_in_view(opened: Opened) -> bool:
    return opened.js(
        """() => { const box = document.getElementById('mynetwork');
            return kg.data.nodes.every((n, i) => {
              if (!kg.drawnNode(i)) return true;
              const p = network.canvasToDOM(network.getPosition(n[0]));
              return p.x >= 0 && p.y >= 0 && p.x <= box.clientWidth
                && p.y <= box.clientHeight; }); }"""
    )


CHAIN = ["Alice Able", "Bee Corp", "Ceeville", "Dan Dee", "Echo News"]


def test_browser_factless_entities_hidden_until_toggled(page, open_page) -> None:
    opened = open_page(page)
    assert opened.js("kg.data.renderer") == page.parent.name.rstrip("0123456789")
    assert _shown(opened) == CHAIN
    assert tuple(opened.js("kg.drawn()")) == (5, 4)
    opened.js("network.redraw()")
    assert sorted(opened.js("kg.labels().map(l => kg.data.nodes[l[0]][1])")) == CHAIN
    assert "(2)" in opened.page.inner_text("label:has(#kg-isolated)")
    opened.page.locator("#kg-isolated").check()
    assert _shown(opened) == sorted([*CHAIN, "Lonely Lou", "Quiet Ltd"])
    opened.page.locator("#kg-isolated").uncheck()
    assert _shown(opened) == CHAIN
    opened.page.fill("#kg-search", "Lonely Lou")  # finding one shows it
    opened.page.press("#kg-search", "Enter")
    assert "Lonely Lou" in _shown(opened)
    assert opened.page.inner_text("#kg-panel h2") == "Lonely Lou"
    opened.check_clean()


def test_browser_relation_filter_hides_unrelated_entities_and_fits(page, open_page) -> None:
    opened = open_page(page)
    works_for = opened.js("kg.data.predicates.findIndex(p => p[0] === 'worksFor')")
    lives_in = opened.js("kg.data.predicates.findIndex(p => p[0] === 'livesIn')")
    opened.page.click("#kg-predicates summary")
    opened.page.locator(f'input[data-kg-predicate="{works_for}"]').check()
    assert _shown(opened) == ["Alice Able", "Bee Corp", "Dan Dee", "Echo News"]
    assert opened.page.inner_text("#kg-predicates-summary") == "works for"
    opened.page.locator(f'input[data-kg-predicate="{lives_in}"]').check()  # two at once
    assert _shown(opened) == ["Alice Able", "Bee Corp", "Ceeville", "Dan Dee", "Echo News"]
    assert tuple(opened.js("kg.drawn()")) == (5, 3)
    opened.page.locator(f'input[data-kg-predicate="{works_for}"]').uncheck()
    assert _shown(opened) == ["Ceeville", "Dan Dee"]
    _settle(opened)
    assert opened.js("network.getScale()") > 0.5  # zoomed in on the two that are left
    assert _all_in_view(opened)
    opened.page.mouse.click(5, 990)  # closes the menu
    opened.page.select_option("#kg-article", "0")  # "First story" states no "lives in"
    assert _shown(opened) == []
    opened.page.click("#kg-reset")
    opened.page.select_option("#kg-article", "0")
    assert _shown(opened) == ["Alice Able", "Bee Corp", "Ceeville"]
    opened.check_clean()


def test_browser_focus_depth_one_and_two(page, open_page) -> None:
    opened = open_page(page)
    opened.page.locator("#kg-focus").check()
    opened.page.fill("#kg-search", "Bee Corp")
    opened.page.press("#kg-search", "Enter")
    assert _shown(opened) == ["Alice Able", "Bee Corp", "Ceeville"]
    assert "around Bee Corp (depth 1)" in opened.page.inner_text("#kg-status")
    opened.page.select_option("#kg-depth", "2")
    assert _shown(opened) == ["Alice Able", "Bee Corp", "Ceeville", "Dan Dee"]
    _settle(opened)
    assert _all_in_view(opened)
    opened.js("kg.selectNode(kg.indexOf('person/d'), false)")  # a click moves the focus
    assert _shown(opened) == ["Bee Corp", "Ceeville", "Dan Dee", "Echo News"]
    opened.page.locator("#kg-focus").uncheck()
    assert _shown(opened) == CHAIN
    opened.page.keyboard.press("Escape")
    opened.js("kg.selectNode(kg.indexOf('organization/e'), false)")
    opened.page.click(".kg-focus-here")  # the panel's button
    assert opened.page.locator("#kg-focus").is_checked()
    assert _shown(opened) == ["Ceeville", "Dan Dee", "Echo News"]
    opened.check_clean()


TYPE_SWATCH = (
    "getComputedStyle(document.querySelector('[data-kg-type-swatch=\"0\"]')).backgroundColor"
)


def test_browser_legend_follows_the_colouring(page, open_page) -> None:
    opened = open_page(page)
    communities = opened.page.locator("#kg-communities")
    palette = [_rgb(c) for c in opened.js("kg.data.palette")]
    person = _rgb(opened.js("kg.data.types[0][2]"))
    assert communities.is_hidden()
    assert opened.js(TYPE_SWATCH) == person
    opened.page.select_option("#kg-colour", "community")
    assert communities.is_visible()
    shown = opened.js(
        """() => new Set(kg.data.nodes.filter((n, i) => kg.drawnNode(i)).map(n => n[4])).size"""
    )
    assert opened.page.locator("#kg-communities .kg-community").count() == shown > 0
    colours = opened.js(
        """() => Array.from(document.querySelectorAll('#kg-communities .kg-swatch'))
            .map(s => getComputedStyle(s).backgroundColor)"""
    )
    wanted = opened.js(
        """() => Array.from(new Set(kg.data.nodes.filter((n, i) => kg.drawnNode(i))
            .map(n => kg.data.palette[n[4] % kg.data.palette.length])))"""
    )
    assert sorted(colours) == sorted(_rgb(c) for c in wanted)
    assert opened.js(TYPE_SWATCH) not in palette  # types are told apart by shape now
    opened.page.select_option("#kg-colour", "type")
    assert communities.is_hidden()
    assert opened.js(TYPE_SWATCH) == person
    opened.check_clean()


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_browser_evidence_names_articles_by_title_and_url_never_path(page, open_page) -> None:
    assert SECRET_DIR not in page.read_text()
    opened = open_page(page)
    opened.js("kg.selectNode(kg.indexOf('person/a'), false)")
    panel = opened.page.locator("#kg-panel")
    assert "First story" in panel.locator(".kg-docs").inner_text()
    source = panel.locator(".kg-source").first
    assert "First story" in source.inner_text()
    link = source.locator("a.kg-url")
    assert link.inner_text() == URL
    assert link.get_attribute("href") == URL
    assert link.get_attribute("rel") == "noopener noreferrer"
    opened.js("kg.selectNode(kg.indexOf('person/d'), false)")  # d2: no title, no web URL
    assert "\u2014 d2 \u00b7 rule" in panel.locator(".kg-source").first.inner_text()
    assert panel.locator("a").count() == 0
    assert SECRET_DIR not in opened.page.inner_text("body")
    assert SECRET_DIR not in opened.js("JSON.stringify(kg.data)")
    opened.check_clean()


def test_browser_wheel_zooms_and_drag_pans(page, open_page) -> None:
    opened = open_page(page)
    _settle(opened)
    box = opened.page.locator("#mynetwork").bounding_box()
    corner = (box["x"] + 30, box["y"] + box["height"] - 30)  # no node there
    before = opened.js("network.getScale()")
    opened.page.mouse.move(*corner)
    opened.page.mouse.wheel(0, -400)
    opened.page.wait_for_timeout(400)
    assert opened.js("network.getScale()") > before * 1.05  # vis-network: 10 % a step
    start = opened.js("network.getViewPosition()")
    opened.page.mouse.down()
    opened.page.mouse.move(corner[0] + 120, corner[1] - 40, steps=6)
    opened.page.mouse.up()
    opened.page.wait_for_timeout(200)
    end = opened.js("network.getViewPosition()")
    assert end["x"] < start["x"] - 20 and end["y"] > start["y"] + 5  # the graph follows
    assert opened.page.locator("#kg-panel").is_hidden()  # a drag is not a click
    opened.check_clean()
