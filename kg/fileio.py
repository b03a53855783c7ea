"""Writing files so that a reader never sees half of one.

Every output of kg goes through :func:`atomic_write_text`: the text is written to a
temporary file in the same folder, flushed to disk and renamed over the target, so
a build killed at any moment leaves either the old file or the new one. Inside
:func:`staged_writes` the renames wait until the whole block has succeeded, so a
build stopped part-way (Ctrl-C, an error) leaves every previous file, and no
temporary one. Ctrl-C (SIGINT) and SIGTERM are held back while a file is written
or renamed, so they never leave a temporary file behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

_STAGED: ContextVar[list[tuple[str, Path]] | None] = ContextVar("kg_staged", default=None)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write_text(target, "hello")
    >>> target.read_text()
    'hello'
    """
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename).

    Inside :func:`staged_writes` the rename happens when the block ends.
    """
    atomic_write_with(path, lambda handle: handle.write(data))


def atomic_write_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` with a binary file whose content then replaces ``path`` atomically.

    For outputs too large to hold in memory: ``write`` streams into the handle.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write_with(target, lambda f: f.writelines([b"a", b"b"]))
    >>> target.read_text()
    'ab'
    """
    path = Path(path)
    with _signals_held():
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp_name, 0o644)
            staged = _STAGED.get()
            if staged is None:
                os.replace(tmp_name, path)
            else:
                staged.append((tmp_name, path))
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise


@contextmanager
def staged_writes() -> Iterator[None]:
    """Hold back the renames of atomic writes until the block succeeds; on any
    exception (KeyboardInterrupt included) delete the temporary files instead.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with staged_writes():
    ...     atomic_write_text(target, "new")
    ...     target.exists()
    False
    >>> target.read_text()
    'new'
    """
    staged: list[tuple[str, Path]] = []
    token = _STAGED.set(staged)
    try:
        yield
    except BaseException:
        _STAGED.reset(token)
        with _signals_held():
            for tmp_name, _ in staged:
                _remove(Path(tmp_name))
        raise
    _STAGED.reset(token)
    with _signals_held():
        try:
            for tmp_name, path in staged:
                _replace(Path(tmp_name), path)
        finally:
            for tmp_name, _ in staged:
                _remove(Path(tmp_name))


def stage_folder(folder: Path, path: Path) -> None:
    """Put the finished ``folder`` in the place of ``path`` (a folder or nothing).

    Inside :func:`staged_writes` the swap waits for the block to succeed, and an
    exception deletes ``folder`` instead; outside, it happens at once.
    """
    staged = _STAGED.get()
    if staged is None:
        with _signals_held():
            _replace(Path(folder), Path(path))
    else:
        staged.append((str(folder), Path(path)))


def stage_removal(path: Path) -> None:
    """Delete the file or folder ``path`` when the :func:`staged_writes` block succeeds."""
    stage_folder(Path(os.devnull), path)


def _replace(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target``; a folder target is swapped out and deleted.

    ``source`` :data:`os.devnull` stands for nothing: ``target`` is deleted.
    """
    if source == Path(os.devnull):
        _remove(target)
    elif source.is_dir() or target.is_dir():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        if source.exists():
            os.replace(source, target)
        _remove(old)
    else:
        os.replace(source, target)


def _remove(path: Path) -> None:
    if path == Path(os.devnull):
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is done (main thread only).

    The signals are caught and recorded, then handed to the handlers in force once
    the block ends. (Blocking them with a signal mask would hold them back from this
    thread only: a process-wide signal may be delivered to any other thread, such
    as the store's, and Python would still raise it here.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)

    def hold(signum: int, frame: object) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in held}
    try:
        yield
    finally:
        for sig, handler in previous.items():  # None: a handler not set from Python
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        if caught:
            _deliver(caught[0], previous[caught[0]])


def _deliver(signum: int, handler: object) -> None:
    """Act on a held signal as its handler would have."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), signum)  # the default action (for SIGTERM: exit)
