"""Benchmark of kg's graph.html against a plain pyvis page, in headless Chromium.

Not a test: run it by hand, on a quiet machine, and paste the table into README.md.

    .venv/bin/python -m bench.html_bench                 # 100, 1,000, 5,000, 20,000 nodes
    .venv/bin/python -m bench.html_bench --sizes 100 1000 --pyvis-timeout 30

For each size it makes a synthetic corpus (a Barabási–Albert graph, about two facts
per node, :mod:`bench.synthetic`) and writes two pages of the same graph: kg's
(:func:`kg.export.html.page.to_html`, layout ``auto``) and pyvis's with its default
settings (``Network(cdn_resources="in_line")``, node and edge lists filled directly
because pyvis's ``add_edge`` is quadratic). Each page is opened from file:// in a
fresh browser context with every non-file request aborted, and timed from navigation
start:

- kg *usable*: the page script's ready mark (physics settled and switched off, or
  the first frame of a precomputed layout);
- pyvis *drawn*: the end of stabilisation (pyvis hides its loading bar), and pyvis
  *settled*: vis-network's ``stabilized`` event (the nodes stop moving), waited for
  at most ``--pyvis-timeout`` seconds;
- kg *frame*: one redraw of the whole settled graph at the first view, kg *pan*: the
  slowest of the median redraws while panning at the first view and at zoom 1
  around the most connected node (what a pan or zoom costs), and kg *select*: a
  click on the most connected node (panel and neighbourhood highlight).

kg draws big graphs (more than ``CANVAS_MIN_NODES``) with its own canvas renderer,
small ones with vis-network; the *renderer* column says which.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import synthetic_corpus
from kg.export.html.page import to_html
from kg.export.html.source import from_corpus
from kg.records import Corpus

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CHROMIUM = "/usr/bin/chromium"
USABLE_S = {5000: 1.0, 20000: 2.5}
"""Targets: seconds from navigation until the kg page is drawn and usable."""
PAN_MS = {20000: 50.0}
"""Targets: milliseconds of one frame while panning."""

_HOOK = """
(() => {
  let net;
  const mark = name => console.debug("kg-bench", name, performance.now());
  Object.defineProperty(window, "network", {configurable: true, get() { return net; }, set(v) {
    net = v;
    if (!v || !v.once) return;
    v.once("stabilizationIterationsDone", () => mark("drawn"));
    v.once("stabilized", () => mark("settled"));
  }});
})();
"""
"""Reports pyvis's milestones as console messages: its page can keep the main thread
busy for minutes (stabilising 20,000 nodes), so it is never evaluated in, only
listened to."""


def pyvis_page(corpus: Corpus) -> str:
    """The same graph as a plain pyvis page with pyvis's default settings."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    labels = {}
    for node in corpus.nodes:
        labels[node.slug] = node.label
        net.nodes.append(
            {
                "color": "#97c2fc",
                "id": node.slug,
                "label": node.label,
                "shape": "dot",
                "title": f"{node.label} ({node.type})",
            }
        )
    for fact in corpus.facts:
        net.edges.append({"from": fact.subject, "to": fact.object, "title": fact.predicate})
    return net.generate_html()


def _context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    return context


def _time_kg(browser, path: Path, row: dict[str, object]) -> None:
    context = _context(browser)
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_function("window.kgReadyAt !== undefined", timeout=120_000, polling=50)
    row["kg_s"] = page.evaluate("window.kgReadyAt") / 1000
    row["mode"] = page.evaluate("kg.data.mode")
    row["frame_ms"] = page.evaluate(
        """() => { const times = [];
            for (let i = 0; i < 5; i++) { const t = performance.now(); network.redraw();
              times.push(performance.now() - t); }
            times.sort((a, b) => a - b); return times[2]; }"""
    )
    row["renderer"] = page.evaluate("kg.data.renderer")
    row["pan_ms"] = page.evaluate(
        """() => { const degree = kg.data.nodes.map(() => 0);
            kg.data.facts.forEach(f => { degree[f[0]]++; degree[f[2]]++; });
            const hub = kg.slugOf(degree.indexOf(Math.max(...degree)));
            const start = network.getViewPosition(), scale = network.getScale();
            const pan = (centre, zoom) => { const times = [];
              for (let i = 0; i < 7; i++) {
                const x = centre.x + 40 * i / zoom, y = centre.y - 25 * i / zoom;
                network.moveTo({position: {x: x, y: y}, scale: zoom, animation: false});
                const t = performance.now(); network.redraw(); times.push(performance.now() - t); }
              times.sort((a, b) => a - b); return times[3]; };
            const far = pan(start, scale), near = pan(network.getPosition(hub), 1.0);
            network.moveTo({position: start, scale: scale, animation: false});
            return Math.max(far, near); }"""
    )
    row["select_ms"] = page.evaluate(
        """() => { const degree = kg.data.nodes.map(() => 0);
            kg.data.facts.forEach(f => { degree[f[0]]++; degree[f[2]]++; });
            const hub = degree.indexOf(Math.max(...degree));
            const t = performance.now(); kg.selectNode(hub, false); network.redraw();
            return performance.now() - t; }"""
    )
    context.close()


def _time_pyvis(browser, path: Path, timeout_s: float, row: dict[str, object]) -> None:
    context = _context(browser)
    page = context.new_page()
    marks: dict[str, float] = {}

    def listen(message) -> None:
        parts = message.text.split()
        if len(parts) == 3 and parts[0] == "kg-bench":
            marks.setdefault(parts[1], float(parts[2]) / 1000)

    page.on("console", listen)
    page.add_init_script(_HOOK)
    page.goto(path.as_uri(), wait_until="commit")
    deadline = time.monotonic() + timeout_s
    while "settled" not in marks and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    context.close()
    row["pyvis_drawn_s"] = marks.get("drawn")
    row["pyvis_s"] = marks.get("settled") if marks.get("settled", 1e9) <= timeout_s else None


def measure(browser, n_nodes: int, workdir: Path, pyvis_timeout: float) -> dict[str, object]:
    """Build both pages of one size and time them."""
    corpus = synthetic_corpus(n_nodes)
    started = time.perf_counter()
    kg_page = to_html(from_corpus(corpus), title=f"synthetic {n_nodes}")
    build_s = time.perf_counter() - started
    kg_path = workdir / f"kg-{n_nodes}.html"
    kg_path.write_text(kg_page, encoding="utf-8")
    pv_path = workdir / f"pyvis-{n_nodes}.html"
    pv_path.write_text(pyvis_page(corpus), encoding="utf-8")
    row: dict[str, object] = {
        "nodes": len(corpus.nodes),
        "edges": len(corpus.facts),
        "kg_mb": kg_path.stat().st_size / 1e6,
        "pyvis_mb": pv_path.stat().st_size / 1e6,
        "build_s": build_s,
    }

    _time_kg(browser, kg_path, row)
    _time_pyvis(browser, pv_path, pyvis_timeout, row)
    return row


def _s(value: object) -> str:
    return f"{value:.2f} s" if isinstance(value, float) else "-"


def table(rows: list[dict[str, object]], pyvis_timeout: float) -> str:
    """The results as a Markdown table."""
    lines = [
        "| nodes | edges | kg layout | kg renderer | kg page | kg build | kg usable"
        " | kg frame / pan / select | pyvis page | pyvis drawn | pyvis settled | speed-up |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        kg_s, pv_s = r["kg_s"], r["pyvis_s"]
        not_settled = f"not settled in {pyvis_timeout:.0f} s"
        if kg_s is None:
            speedup = "-"
        elif pv_s is None:
            speedup = f"> {pyvis_timeout / kg_s:.0f}x"
        else:
            speedup = f"{pv_s / kg_s:.0f}x"
        frame = "-"
        if "frame_ms" in r:
            frame = f"{r['frame_ms']:.0f} / {r['pan_ms']:.0f} / {r['select_ms']:.0f} ms"
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['mode']} | {r.get('renderer', '-')}"
            f" | {r['kg_mb']:.1f} MB"
            f" | {r['build_s']:.1f} s | {_s(kg_s)} | {frame} | {r['pyvis_mb']:.1f} MB"
            f" | {_s(r['pyvis_drawn_s']) if r['pyvis_drawn_s'] is not None else 'no'}"
            f" | {_s(pv_s) if pv_s is not None else not_settled} | {speedup} |"
        )
    return "\n".join(lines)


def check(rows: list[dict[str, object]], pyvis_timeout: float) -> list[str]:
    """The targets: 5,000 nodes usable in 1 s, 20,000 in 2.5 s with a panning frame of
    at most 50 ms, and >= 5x faster than pyvis."""
    problems = []
    for r in rows:
        kg_s = r["kg_s"]
        if kg_s is None:
            problems.append(f"{r['nodes']} nodes: kg page never became usable")
            continue
        limit = USABLE_S.get(r["nodes"])
        if limit and kg_s > limit:
            problems.append(f"{r['nodes']} nodes: usable after {kg_s:.2f} s (target {limit} s)")
        pan_limit = PAN_MS.get(r["nodes"])
        if pan_limit and r["pan_ms"] > pan_limit:
            problems.append(
                f"{r['nodes']} nodes: a panning frame takes {r['pan_ms']:.0f} ms"
                f" (target {pan_limit} ms)"
            )
        pyvis_s = r["pyvis_s"] if r["pyvis_s"] is not None else pyvis_timeout
        if pyvis_s / kg_s < 5:
            problems.append(f"{r['nodes']} nodes: only {pyvis_s / kg_s:.1f}x faster than pyvis")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 20000])
    parser.add_argument("--pyvis-timeout", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=1, help="kg timings: median of this many")
    parser.add_argument("--keep", type=Path, help="write the pages here instead of a temp dir")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for n in args.sizes:
            runs = [measure(browser, n, workdir, args.pyvis_timeout) for _ in range(args.runs)]
            row = dict(runs[0])
            for key in ("kg_s", "build_s", "frame_ms", "pan_ms", "select_ms"):
                values = [r[key] for r in runs if r.get(key) is not None]
                if values:
                    row[key] = statistics.median(values)
            rows.append(row)
            print(table([row], args.pyvis_timeout).splitlines()[-1], file=sys.stderr, flush=True)
        browser.close()
    print(table(rows, args.pyvis_timeout))
    problems = check(rows, args.pyvis_timeout)
    for problem in problems:
        print("target missed:", problem)
    if not problems:
        print("all targets met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
