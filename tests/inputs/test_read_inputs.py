"""The skip policy of :func:`kg.inputs.read.read_inputs`: what is skipped, what stops."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.inputs.read import read_inputs


@pytest.fixture
def folder(tmp_path):
    """A folder of one good article, one empty one and a JSON Lines file with a bad line."""
    (tmp_path / "good.txt").write_text("Ada Lovelace wrote the first program.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "f1", "text": "Grace Hopper built a compiler."}\nnot json\n', encoding="utf-8"
    )
    return tmp_path


def test_bad_files_and_lines_of_a_folder_are_skipped_and_reported(folder):
    seen = []
    found = read_inputs([str(folder)], on_skip=seen.append)
    assert sorted(a.doc_id for a in found.articles) == ["f1", "good"]
    assert len(found.skipped) == 2
    assert seen == list(found.skipped)
    assert any("empty.txt: empty article" in s for s in seen)
    assert any("feed.jsonl:2: not a JSON object" in s for s in seen)


def test_strict_stops_at_the_first_bad_input(folder):
    with pytest.raises(InputError, match="empty article"):
        read_inputs([str(folder)], strict=True)


def test_a_bad_input_among_several_is_skipped_but_the_only_input_is_fatal(folder, tmp_path):
    missing = str(tmp_path / "missing.txt")
    found = read_inputs([str(folder / "good.txt"), missing])
    assert [a.doc_id for a in found.articles] == ["good"]
    assert found.skipped == (f"{missing}: no such file or folder",)
    with pytest.raises(InputError, match="no such file"):
        read_inputs([missing])
    with pytest.raises(InputError, match="empty article"):
        read_inputs([str(folder / "empty.txt")])


def test_no_readable_article_at_all_is_fatal(folder):
    with pytest.raises(InputError, match=r"no readable article among the inputs \(2 skipped\)"):
        read_inputs([str(folder / "empty.txt"), str(folder / "nothing.txt")])


def test_too_long_names_the_setting_not_an_option(folder):
    with pytest.raises(InputError) as caught:
        read_inputs([str(folder / "good.txt")], max_chars=5)
    assert caught.value.setting == "max_chars"
    assert "over the limit of 5" in str(caught.value)
    assert "--" not in str(caught.value)
