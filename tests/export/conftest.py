"""Fixtures of the browser tests: Debian's headless Chromium driven by Playwright.

Every request that is not file:// (or data:) is aborted and recorded; a page passes
only if it made none, logged no console error, raised no page error and opened no
dialog (:meth:`Opened.check_clean`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


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
    from playwright.sync_api import sync_playwright

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
