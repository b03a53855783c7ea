"""An article's source: a path relative to the folder the build runs in, never absolute."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.inputs.read import read_inputs
from kg.inputs.sources import plain_source, relative_source, source_name


def up(path: str, levels: int = 1) -> str:
    """``path`` behind ``levels`` climbs out of a folder: a source string, never a file
    these tests read (they read only what they write under tmp_path)."""
    return "/".join([".."] * levels + [path])


@pytest.mark.parametrize(
    ("path", "cwd", "expected"),
    [
        ("/work/main/news/a.txt", "/work/main", "news/a.txt"),
        ("/work/main/./news/../news/a.txt", "/work/main/", "news/a.txt"),
        ("/work/feeds/gold/dev/a.txt", "/work/main", up("feeds/gold/dev/a.txt")),
        ("/work/a.txt", "/work/main/deep/er", up("a.txt", 3)),
        ("/tmp/x/a.txt", "/work/main", "a.txt"),  # only the root in common
        ("/tmp/x/a.txt", "/", "tmp/x/a.txt"),  # everything is under the root
        ("news/a.txt", "/work/main", "news/a.txt"),
        (up("feeds/a.txt"), "/work/main", up("feeds/a.txt")),
        (up("a.txt", 5), "/work/main", "a.txt"),
    ],
)
def test_sources_source_name_is_relative_to_the_build_folder(path, cwd, expected) -> None:
    assert source_name(path, cwd=cwd) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("/home/ann/news/a.txt", "a.txt"),
        ("/home/ann/feed.jsonl:12", "feed.jsonl:12"),
        ("C:\\Users\\ann\\a.txt", "a.txt"),
        ("news/a.txt", "news/a.txt"),
        (up("news/a.txt"), up("news/a.txt")),
        ("<stdin>", "<stdin>"),
    ],
)
def test_sources_plain_source_drops_the_folders_of_an_absolute_path(source, expected) -> None:
    assert plain_source(source) == expected


def test_sources_relative_source_rewrites_absolute_sources_only() -> None:
    assert relative_source("/work/main/a.jsonl:3", cwd="/work/main") == "a.jsonl:3"
    assert relative_source("/work/other/a.txt", cwd="/work/main") == up("other/a.txt")
    assert relative_source("a.txt", cwd="/elsewhere") == "a.txt"


def _tree(root: Path) -> Path:
    (root / "build" / "news").mkdir(parents=True)
    (root / "feeds").mkdir()
    (root / "build" / "news" / "a.txt").write_text("Chief quits\n\nThe chief quit.")
    (root / "feeds" / "b.txt").write_text("Mayor speaks\n\nThe mayor spoke.")
    (root / "feeds" / "feed.jsonl").write_text(
        '{"id": "c", "text": "One."}\n\n{"id": "d", "text": "Two."}\n'
    )
    return root / "build"


def test_sources_read_inputs_record_relative_sources(tmp_path, monkeypatch) -> None:
    build = _tree(tmp_path)
    monkeypatch.chdir(build)
    given = [str(build / "news"), str(tmp_path / "feeds"), "news/a.txt"]
    found = read_inputs(given).articles
    sources = sorted(a.source for a in found)
    assert sources == [
        up("feeds/b.txt"),
        up("feeds/feed.jsonl:1"),
        up("feeds/feed.jsonl:3"),
        "news/a.txt",
        "news/a.txt",
    ]
    assert not any(s.startswith("/") or str(tmp_path) in s for s in sources)


def test_sources_errors_still_name_the_input_as_given(tmp_path, monkeypatch) -> None:
    build = _tree(tmp_path)
    monkeypatch.chdir(build)
    (tmp_path / "feeds" / "feed.jsonl").write_text('{"id": "c", "text": ""}\n{"id": "d"}\n')
    skipped = read_inputs([str(tmp_path / "feeds")]).skipped
    assert skipped == (
        f"{tmp_path}/feeds/feed.jsonl:1: empty article (no text)",
        f'{tmp_path}/feeds/feed.jsonl:2: a JSON Lines article needs a "text" string',
    )
