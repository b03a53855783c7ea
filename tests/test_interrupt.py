"""Nothing lost: a build killed or interrupted part-way leaves the previous output whole.

Two real ``python -m kg build`` processes (about 10 s each): one gets SIGKILL, one
SIGINT (Ctrl-C), each at the moment it starts writing its output into a folder that
holds a previous good build. The in-process tests check the same guarantees for
each write and a Ctrl-C that lands in the middle of one.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg import fileio
from kg.build import build
from kg.config import OUTPUT_FILES
from kg.fileio import atomic_write_text, locked_folder, staged_writes
from kg.inputs.read import read_article
from tests.conftest import EXAMPLE, REPO
from tests.test_hostile import parse_every_format

pytestmark = pytest.mark.slow  # builds in subprocesses, killed and interrupted

COPIES = 6


@pytest.fixture(scope="module")
def previous(nlp, tmp_path_factory) -> dict[str, bytes]:
    """The files of a previous good build (of one article)."""
    out = tmp_path_factory.mktemp("previous")
    build(nlp, [read_article(str(EXAMPLE))], out)
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def _start_build(
    tmp_path: Path, previous: dict[str, bytes], *options: str
) -> tuple[subprocess.Popen, Path]:
    """Start ``python -m kg build`` of COPIES articles into a folder holding ``previous``."""
    inputs, outdir = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    outdir.mkdir()
    for name, data in previous.items():
        (outdir / name).write_bytes(data)
    for i in range(COPIES):
        (inputs / f"copy{i}.txt").write_bytes(EXAMPLE.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(inputs), "-o", str(outdir), "-q", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        # a shell without job control starts background jobs with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    return process, outdir


def _wait_until_writing(process: subprocess.Popen, outdir: Path, timeout: float = 240) -> None:
    """Return as soon as the build has a temporary output file in ``outdir`` (in the
    folder of its new generation)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(
            name.endswith(".tmp") for _, dirs, files in os.walk(outdir) for name in dirs + files
        ):
            return
        time.sleep(0.001)
    process.kill()
    out, err = process.communicate()
    pytest.fail(f"the build never started writing (exit {process.returncode}): {err.decode()}")


def _assert_complete(outdir: Path, previous: dict[str, bytes]) -> None:
    """Every output file is whole: the previous one, or a complete new one that loads."""
    for name in OUTPUT_FILES:
        data = (outdir / name).read_bytes()
        if data == previous[name]:
            continue
        if name == "extractions.jsonl":
            assert all(json.loads(line) for line in data.decode().splitlines())
        elif name == "graph.html":
            assert data.rstrip().endswith(b"</html>")
    parse_every_format(outdir)


def test_interrupt_sigkill_while_writing_leaves_previous_build(tmp_path, previous):
    process, outdir = _start_build(tmp_path, previous)
    _wait_until_writing(process, outdir)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    _assert_complete(outdir, previous)
    assert {name: (outdir / name).read_bytes() for name in OUTPUT_FILES} == previous
    # SIGKILL cannot be caught: its unfinished generation stays, hidden, next to whole
    # files (the next build removes it), and its lock went with it
    assert all(
        re.fullmatch(r"\.kg-build-.+|\.kg\.lock|\..+\.tmp", p.name)
        for p in outdir.iterdir()
        if p.name not in previous
    )
    with locked_folder(outdir):
        pass


def test_interrupt_ctrl_c_exits_130_with_one_message_and_no_temporary_files(tmp_path, previous):
    process, outdir = _start_build(tmp_path, previous)
    _wait_until_writing(process, outdir)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert err.decode().splitlines() == [
        "kg: error: interrupted; files already in the output folder were left as they were"
    ]
    assert out == b""
    assert sorted(p.name for p in outdir.iterdir()) == sorted([*previous, ".kg.lock"])
    assert {name: (outdir / name).read_bytes() for name in OUTPUT_FILES} == previous


def test_interrupt_sigterm_leaves_no_temporary_files(tmp_path, previous):
    """SIGTERM while the store's threads write: exit 143, the previous build, no
    temporary file (the signal unwinds the build, whose cleanup runs)."""
    process, outdir = _start_build(tmp_path, previous, "--store", "disk")
    _wait_until_writing(process, outdir)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err.decode()
    assert sorted(p.name for p in outdir.iterdir()) == sorted([*previous, ".kg.lock"])
    assert {name: (outdir / name).read_bytes() for name in OUTPUT_FILES} == previous


# ---- in-process: each write, and a Ctrl-C in the middle of one -----------------------


def test_interrupt_staged_writes_all_or_nothing(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("old")
    with pytest.raises(KeyboardInterrupt), staged_writes():
        atomic_write_text(tmp_path / "a.txt", "new")
        atomic_write_text(tmp_path / "b.txt", "new")
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    assert {p.read_text() for p in tmp_path.iterdir()} == {"old"}
    with staged_writes():
        atomic_write_text(tmp_path / "a.txt", "new")
        assert (tmp_path / "a.txt").read_text() == "old"
        atomic_write_text(tmp_path / "b.txt", "new")
    assert {p.read_text() for p in tmp_path.iterdir()} == {"new"}


def test_interrupt_failed_write_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def broken_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_interrupt_ctrl_c_during_a_write_waits_for_the_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")
    real_fsync = os.fsync

    def fsync_then_ctrl_c(fd):
        # Ctrl-C reaching the main thread (os.kill may hand it to a thread another
        # test left behind, which can swallow it); held back until the file is in place
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_ctrl_c)
    # Python's own Ctrl-C handler, as in the kg command (whatever an earlier test left)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            atomic_write_text(target, "new")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_interrupt_every_writer_uses_atomic_writes():
    """No module of kg writes a file except through kg.fileio (the kernel's own
    /proc/self files, which kg.sandbox writes to map its ids, are no files of ours)."""
    writes = re.compile(r"\.write_(?:text|bytes)\(|\bopen\([^)]*['\"][wax]b?\+?['\"]")
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "kg").rglob("*.py"))
        if path != Path(fileio.__file__)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writes.search(line) and "/proc/self" not in line
    ]
    assert offenders == []
