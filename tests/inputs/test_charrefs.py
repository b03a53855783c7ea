"""HTML character references in plain text: decoded once at input, by a clear rule."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from kg.inputs.charrefs import decode_references
from kg.inputs.read import make_article, read_article, read_inputs
from kg.inputs.sniff import html_to_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jos&#233; Mour&#x00ED;nho", "José Mourínho"),
        ("It&#x2019;s &eacute;t&eacute;", "It’s été"),
        ("Marks &amp; Spencer", "Marks & Spencer"),
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),  # one level only
        ("1 &lt; 2 &gt; 0", "1 < 2 > 0"),
        ("&#150; and &#128;", "– and €"),  # Windows-1252 numbers, as HTML reads them
        ("&#0000233;", "é"),
        ("&AMP; &nbsp;", "& \xa0"),
    ],
)
def test_charrefs_complete_references_are_decoded(text, expected) -> None:
    assert decode_references(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and R&D at M&S",
        "&copy 2024 Johnson&notably &amp",  # no semicolon: no reference
        "&foo; &T; &#; &#x;",  # unknown names, no digits
        "<p>Caf&eacute;</p>",  # markup is not plain text
        "a &#1; b &#x7f; c &#10; d &#9; e",  # control characters
        "&#0; &#xD800; &#xDFFF; &#99999999; &#x110000; &#xFFFF; &#xFDD0;",
        "&#" + "9" * 5000 + ";",
        "&#x" + "f" * 5000 + ";",
    ],
)
def test_charrefs_other_ampersands_stay_as_written(text) -> None:
    assert decode_references(text) == text


def test_charrefs_never_add_a_control_character() -> None:
    numbers = [*range(0x3000), *range(0xD7F0, 0xE010), *range(0xFFF0, 0x10010), 0x10FFFF]
    text = " ".join(f"&#{n};" for n in numbers)
    decoded = decode_references(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in decoded if c != " ")
    assert "é" in decoded and "&#0;" in decoded


def test_charrefs_plain_text_articles_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Caf&eacute; owner sues AT&T\n\nJos&#233; Silva said &#x201C;no&#x201D;.")
    article = read_article(str(path))
    assert article.text == "Café owner sues AT&T\n\nJosé Silva said “no”."
    assert article.title == "Café owner sues AT&T"


def test_charrefs_json_lines_text_title_and_source_are_decoded(tmp_path: Path) -> None:
    record = {
        "id": "a1",
        "title": "Ren&#233;e &amp; Jos&eacute;",
        "text": "Ren&#233;e &amp; Jos&eacute;\n\nRen&#233;e Dupont met Jos&eacute; Silva.",
        "source": "Le Monde &amp; Co",
        "url": "https://example.org/?a=1&amp;b=2",
    }
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)]).articles
    assert article.title == "Renée & José"
    assert article.text == "Renée & José\n\nRenée Dupont met José Silva."
    assert article.publisher == "Le Monde & Co"
    assert article.url == record["url"]  # a URL is left as given


def test_charrefs_html_is_decoded_once_by_its_parser() -> None:
    article = make_article(b"<p>&amp;lt;b&amp;gt; &eacute;</p>", "a.html", "a")
    assert article.text == "&lt;b&gt; é"


def test_charrefs_hostile_html_references_give_clean_text() -> None:
    markup = "<p>a&#0;b&#1;c&#xD800;d&#99999999;e&#" + "9" * 5000 + ";f&#x" + "f" * 900 + "</p>"
    text = html_to_text(markup)
    assert text == "a\ufffdbc\ufffdd\ufffde\ufffdf\ufffd"
    assert make_article(markup.encode(), "a.html", "a").text == text
