"""Reading articles: encodings, empty and binary files, folders."""

from __future__ import annotations

import codecs

import pytest

from kg.errors import InputError
from kg.inputs.read import expand_inputs, make_article, read_article, title_of


def test_text_decodes_utf8_bom_and_utf16():
    assert make_article(codecs.BOM_UTF8 + "Café news.".encode(), "a", "a").text == "Café news."
    data = codecs.BOM_UTF16_LE + "Hello world.".encode("utf-16-le")
    assert make_article(data, "b", "b").text == "Hello world."


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("café".encode() + b" au lait \xff", "not valid UTF-8"),  # damaged UTF-8, not Latin-1
    ],
)
def test_text_refuses_unusable_input(data, message):
    with pytest.raises(InputError, match=message):
        make_article(data, "bad.txt", "bad")


def test_text_max_chars():
    with pytest.raises(InputError, match="over the limit"):
        make_article(b"word " * 100, "big.txt", "big", max_chars=50)


def test_text_folders_are_searched_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "two.txt").write_text("Two.")
    (tmp_path / "skip.md").write_text("No.")
    assert [p.rsplit("/", 1)[1] for p in expand_inputs([str(tmp_path)])] == ["one.txt", "two.txt"]
    with pytest.raises(InputError, match="no .txt files"):
        expand_inputs([str(_empty(tmp_path))])
    with pytest.raises(InputError, match="no such file"):
        expand_inputs([str(tmp_path / "nope.txt")])


def _empty(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    return empty


def test_text_title_and_control_characters(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"Chief quits\r\n\r\nThe chief\x07 quit.")
    article = read_article(str(path))
    assert article.title == "Chief quits" and "\x07" not in article.text
    assert title_of("A sentence that ends.") == ""


def test_text_json_lines_give_one_article_a_line(tmp_path, monkeypatch):
    from kg.inputs.read import read_articles

    monkeypatch.chdir(tmp_path)  # sources are relative to the current directory

    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a1", "title": "Chief quits", "text": "The chief quit on Monday."}\n'
        "\n"
        '{"id": "a2", "text": "Mayor Jane Roe praised Tom Bell."}\n'
        '{"id": "a3", "text": ""}\n'
        "not json\n",
        encoding="utf-8",
    )
    found = read_articles(str(path))
    articles = [a for a in found if not isinstance(a, InputError)]
    errors = [str(e) for e in found if isinstance(e, InputError)]
    assert [(a.doc_id, a.title) for a in articles] == [("a1", "Chief quits"), ("a2", "")]
    assert articles[0].source == "news.jsonl:1"
    assert len(errors) == 2 and "news.jsonl:4: empty article" in errors[0]
    assert "news.jsonl:5: not a JSON object" in errors[1]
    assert str(path) in expand_inputs([str(tmp_path)])
