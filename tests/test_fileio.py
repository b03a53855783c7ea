"""One build at a time in a folder, switched in at once, and nothing left by a killed one.

The builds here use a stand-in extractor (no model), so they take well under a second.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import fileio
from kg.build import build
from kg.config import OUTPUT_FILES
from kg.errors import KgError
from kg.fileio import locked_folder
from kg.records import Article, DocumentExtraction, Entity
from tests.conftest import REPO


class Killed(BaseException):
    """Stands for SIGKILL at one rename (a BaseException: nothing catches it)."""


def extractor(todo, on_done):
    """One entity per article, named by its text."""
    return [
        DocumentExtraction(a.doc_id, a.source, "", len(a.text), (Entity("e1", a.text, "Person"),))
        for a in todo
    ]


def outputs(folder: Path) -> dict[str, bytes]:
    """The output files as a reader of ``folder`` sees them."""
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES}


def build_of(folder: Path, text: str, *, update: bool = False, store: str = "memory") -> None:
    build(None, [Article(text.lower(), text, f"{text}.txt")], folder, extractor=extractor,
          update=update, store=store)  # fmt: skip


@pytest.mark.slow  # some 60 builds, about 15 s
@pytest.mark.parametrize("plain", [True, False], ids=["plain-previous", "built-previous"])
def test_a_kill_at_any_rename_leaves_the_old_build_or_the_new_one(tmp_path, monkeypatch, plain):
    """Item 3: the outputs change together, whichever rename a kill lands on."""
    build_of(tmp_path / "want-old", "Ada")
    build_of(tmp_path / "want-new", "Ada")
    build_of(tmp_path / "want-new", "Bob", update=True)
    old, new = outputs(tmp_path / "want-old"), outputs(tmp_path / "want-new")
    real_replace = os.replace
    for kill_at in range(1, 100):
        folder = tmp_path / f"kill-{kill_at}"
        if plain:  # the folder of an older kg: plain files
            folder.mkdir()
            for name, data in old.items():
                (folder / name).write_bytes(data)
        else:
            build_of(folder, "Ada")

        def replace(source, target, calls_left=[kill_at]):  # noqa: B006 - a counter
            calls_left[0] -= 1
            if calls_left[0] == 0:
                raise Killed
            return real_replace(source, target)

        monkeypatch.setattr(os, "replace", replace)
        try:
            build_of(folder, "Bob", update=True)
            finished = True
        except Killed:
            finished = False
        finally:
            monkeypatch.setattr(os, "replace", real_replace)
        assert outputs(folder) in (old, new), f"a mix after a kill at rename {kill_at}"
        if finished:  # no rename was left to kill at
            assert outputs(folder) == new
            break
    else:
        pytest.fail("the build never finished")


def test_a_later_build_removes_what_killed_builds_left(tmp_path):
    """Item 3: temporary files and unfinished generations of killed builds go."""
    build_of(tmp_path, "Ada")
    stale = [
        tmp_path / ".graph.ttl.abc123.tmp",
        tmp_path / ".store.xyz.tmp",
        tmp_path / ".kg-build-killed",
        tmp_path / ".store.old-4242",
    ]
    stale[0].write_text("half")
    for folder in stale[1:]:
        folder.mkdir()
        (folder / "graph.ttl").write_text("half")
    (tmp_path / "notes.txt").write_text("mine")
    build_of(tmp_path, "Bob", update=True)
    assert not any(os.path.lexists(path) for path in stale)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    generations = [p.name for p in tmp_path.iterdir() if p.name.startswith(".kg-build-")]
    assert generations == [os.readlink(tmp_path / ".kg-current")]


def test_outputs_stay_readable_through_the_folder(tmp_path):
    """Item 3: OUTDIR/graph.ttl and OUTDIR/store open as before; a memory build after
    a store build leaves no store."""
    from kg.sparql.store import store_path

    build_of(tmp_path, "Ada", store="disk")
    assert store_path(tmp_path).is_dir() and b"Ada" in (tmp_path / "graph.ttl").read_bytes()
    build_of(tmp_path, "Bob", update=True, store="memory")
    assert not os.path.lexists(store_path(tmp_path))
    text = (tmp_path / "extractions.jsonl").read_text()
    assert '"Ada"' in text and '"Bob"' in text


def test_a_second_build_of_a_folder_fails_with_one_line(tmp_path):
    """Item 2: while one build holds the folder, another stops before touching it."""
    build_of(tmp_path, "Ada")
    before = outputs(tmp_path)
    with locked_folder(tmp_path), pytest.raises(KgError, match="another kg build") as err:
        build_of(tmp_path, "Bob", update=True)
    assert err.value.exit_code == 3 and "\n" not in str(err.value)
    assert outputs(tmp_path) == before
    build_of(tmp_path, "Bob", update=True)  # released: the next one runs
    assert b"Bob" in (tmp_path / "extractions.jsonl").read_bytes()


def test_the_lock_goes_with_a_killed_process(tmp_path):
    """Item 2: a build killed while holding the lock does not keep the folder locked."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from kg.fileio import locked_folder\n"
         "with locked_folder(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)",
         str(tmp_path)],
        cwd=REPO, stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(KgError, match="another kg build"), locked_folder(tmp_path):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    with locked_folder(tmp_path):
        pass


def test_sigterm_unwinds_so_cleanup_runs(tmp_path):
    """Item 3: SIGTERM during a build becomes an exception (exit 143) in the main
    thread, so the unfinished generation is deleted."""
    build_of(tmp_path, "Ada")
    before = outputs(tmp_path)

    def terminated(todo, on_done):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the signal arrives before this ends
        return extractor(todo, on_done)

    with pytest.raises(SystemExit) as err:
        build(None, [Article("b", "Bob", "b.txt")], tmp_path, extractor=terminated)
    assert err.value.code == 128 + signal.SIGTERM
    assert outputs(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [
        os.readlink(tmp_path / ".kg-current"),
        ".kg-current",
        ".kg.lock",
    ]
    assert signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None)


def test_fileio_helpers_reject_a_pointer_outside_the_folder(tmp_path):
    """A tampered .kg-current naming another folder is not taken for a generation."""
    for target in (str(tmp_path.parent / "elsewhere"), ".kg-build-x/inside"):
        (tmp_path / ".kg-current").unlink(missing_ok=True)
        os.symlink(target, tmp_path / ".kg-current")
        assert fileio.current_generation(tmp_path) is None
