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
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

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
    path = Path(path)
    with _signals_held():
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
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
                Path(tmp_name).unlink(missing_ok=True)
        raise
    _STAGED.reset(token)
    with _signals_held():
        try:
            for tmp_name, path in staged:
                os.replace(tmp_name, path)
        finally:
            for tmp_name, _ in staged:
                Path(tmp_name).unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is done (main thread, POSIX only)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
