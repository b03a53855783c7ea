"""The HTML reader: skipped elements and its time on hostile nesting."""

from __future__ import annotations

import time

from kg.inputs.sniff import html_to_text


def test_an_end_tag_closes_its_skipped_element_and_all_inside_it():
    markup = "<p>a</p><svg><math><iframe>x</svg><p>b</p><math>y</math><p>c</p>"
    assert html_to_text(markup) == "a\n\nb\n\nc"


def test_an_end_tag_of_no_open_skipped_element_changes_nothing():
    assert html_to_text("<svg>hidden</math>still hidden</svg><p>shown</p>") == "shown"


def test_deep_nesting_with_unmatched_end_tags_is_linear():
    """``<svg>`` * n then ``</math>`` * n: each end tag used to scan the whole stack."""
    n = 60_000  # 720 KB: about 1 s if linear, over a minute if quadratic
    started = time.monotonic()
    text = html_to_text("<svg>" * n + "</math>" * n + "</svg>" * n + "<p>after</p>")
    assert text == "after"
    assert time.monotonic() - started < 10
