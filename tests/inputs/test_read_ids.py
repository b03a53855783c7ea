"""Hostile document ids and JSON Lines records (issue 14: items 1, 12, 15)."""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.inputs.read import read_articles


def _found(path: Path) -> tuple[list, list[str]]:
    found = read_articles(str(path))
    articles = [a for a in found if not isinstance(a, InputError)]
    return articles, [str(e) for e in found if isinstance(e, InputError)]


def test_a_deeply_nested_json_line_is_one_skipped_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a1", "text": "The chief quit."}\n' + "[" * 100_000 + "\n", encoding="utf-8"
    )
    articles, errors = _found(path)
    assert [a.doc_id for a in articles] == ["a1"]
    assert errors == [f"{path}:2: not a JSON object (nested too deeply)"]


def test_repeated_ids_are_renamed_to_ids_no_input_holds(tmp_path: Path, monkeypatch) -> None:
    from kg.inputs.read import read_inputs

    monkeypatch.chdir(tmp_path)  # sources are relative to the current directory

    for folder, name in (("d1", "a.txt"), ("d2", "a.txt"), ("d3", "a-2.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(f"Text of {folder}.", encoding="utf-8")
    notes: list[str] = []
    found = read_inputs([str(tmp_path)], on_note=notes.append)
    ids = {a.source.split("/")[-2]: a.doc_id for a in found.articles}
    assert ids == {"d1": "a", "d2": "a-3", "d3": "a-2"}
    assert notes == ["d2/a.txt: id 'a' is used by another input; renamed 'a-3'"]


def test_a_repeated_json_lines_id_is_reported(tmp_path: Path, monkeypatch) -> None:
    from kg.inputs.read import read_inputs

    monkeypatch.chdir(tmp_path)

    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n'
        '{"id": "a-2", "text": "Three."}\n{"text": "Four."}\n{"id": "news-4", "text": "Five."}\n',
        encoding="utf-8",
    )
    notes: list[str] = []
    found = read_inputs([str(path)], on_note=notes.append)
    assert [a.doc_id for a in found.articles] == ["a", "a-3", "a-2", "news-4", "news-4-2"]
    assert len({a.doc_id for a in found.articles}) == 5
    assert notes[0] == "news.jsonl:2: id 'a' is used by another input; renamed 'a-3'"
    assert len(notes) == 2


def test_ids_are_capped(tmp_path: Path) -> None:
    from kg.inputs.ids import MAX_ID
    from kg.inputs.read import doc_id_for

    path = tmp_path / "news.jsonl"
    path.write_text(
        "".join(f'{{"id": "{i}", "text": "One."}}\n' for i in ("x" * 10**6, "x" * 10**6 + "b")),
        encoding="utf-8",
    )
    articles, errors = _found(path)
    assert not errors and [len(a.doc_id) for a in articles] == [MAX_ID, MAX_ID]
    assert articles[0].doc_id != articles[1].doc_id  # cut ids keep a hash of the whole
    assert len(doc_id_for(Path("y" * 1000 + ".txt"))) == MAX_ID
