"""Writing files so that a reader never sees half of one.

Every output of kg goes through :func:`atomic_write_text`: the text is written to a
temporary file in the same folder, flushed to disk and renamed over the target, so
a build killed at any moment leaves either the old file or the new one. Inside
:func:`staged_writes` the renames wait until the whole block has succeeded, so a
build stopped part-way (Ctrl-C, an error) leaves every previous file, and no
temporary one. Ctrl-C (SIGINT) and SIGTERM are held back while a file is written
or renamed, so they never leave a temporary file behind.

A build folder is switched in one step: the build is written into a new hidden
folder (a *generation*, ``OUTDIR/.kg-build-*``), and the one symbolic link
``OUTDIR/.kg-current`` is then renamed to point at it (:func:`publish_generation`).
``OUTDIR/graph.ttl`` and the other outputs are links through ``.kg-current``, so a
reader sees the whole old build or the whole new one, never a mix.
:func:`locked_folder` keeps a second build out of a folder while one writes it.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError

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


def _replace(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target``; a folder target is swapped out and deleted."""
    if source.is_dir() or target.is_dir():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        if source.exists():
            os.replace(source, target)
        _remove(old)
    else:
        os.replace(source, target)


def _remove(path: Path) -> None:
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


CURRENT = ".kg-current"
"""The link in a build folder that names its current generation."""
GENERATION_PREFIX = ".kg-build-"
LOCK_FILE = ".kg.lock"
_STALE = re.compile(r"\..+\.tmp|\..+\.old-\d+|" + re.escape(GENERATION_PREFIX) + r".+")


@contextmanager
def locked_folder(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the build folder ``folder`` for the block.

    The lock (``flock`` on ``folder/.kg.lock``) goes with the process: a crash or a
    kill releases it. Raises :class:`KgError` (exit code 3) if another process holds it.
    """
    path = Path(folder) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise KgError(f"{path}: cannot open the lock file ({err.strerror})", 3) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError(
                f"{folder}: another kg build is writing this folder; run again when it has ended",
                3,
            ) from None
        yield
    finally:
        os.close(fd)


def clean_stale(folder: Path) -> None:
    """Delete what builds killed in ``folder`` left: temporary files and generations
    other than the current one. Call it only while holding :func:`locked_folder`."""
    current = current_generation(folder)
    for entry in Path(folder).iterdir():
        if _STALE.fullmatch(entry.name) and entry != current:
            _remove(entry)


def current_generation(folder: Path) -> Path | None:
    """The generation ``folder/.kg-current`` points at, if it is one."""
    link = Path(folder) / CURRENT
    if not link.is_symlink():
        return None
    name = os.readlink(link)
    if not name.startswith(GENERATION_PREFIX) or "/" in name:
        return None
    return Path(folder) / name


def new_generation(folder: Path) -> Path:
    """A new empty generation folder in the build folder ``folder``."""
    generation = Path(tempfile.mkdtemp(prefix=GENERATION_PREFIX, dir=folder))
    generation.chmod(0o755)
    return generation


@contextmanager
def generation_of(folder: Path, names: tuple[str, ...]) -> Iterator[Path]:
    """Yield a new generation folder to write a build into; when the block succeeds,
    publish it as ``folder``'s build (see :func:`publish_generation`), and on any
    exception delete it."""
    generation = new_generation(folder)
    try:
        yield generation
    except BaseException:
        with _signals_held():
            _remove(generation)
        raise
    publish_generation(folder, generation, names)


def publish_generation(folder: Path, generation: Path, names: tuple[str, ...]) -> None:
    """Make ``generation`` the build in ``folder`` by renaming one link, then delete
    the previous generation.

    Each of ``names`` in ``folder`` becomes (once) the link ``.kg-current/<name>``;
    outputs of an older kg (plain files) are first moved into a generation of their own.
    """
    folder = Path(folder)
    with _signals_held():
        if current_generation(folder) is None:
            _adopt_plain_outputs(folder, names)
        previous = current_generation(folder)
        _link(folder / CURRENT, generation.name)
        for name in names:
            if os.path.lexists(generation / name):
                if not _links_to(folder / name, f"{CURRENT}/{name}"):
                    _link(folder / name, f"{CURRENT}/{name}")
            elif (folder / name).is_symlink():
                (folder / name).unlink()
        if previous is not None and previous != generation:
            _remove(previous)


def _adopt_plain_outputs(folder: Path, names: tuple[str, ...]) -> None:
    """Turn the plain output files of an older build into a current generation, so
    that the outputs change together from then on."""
    plain = [n for n in names if os.path.lexists(folder / n) and not (folder / n).is_symlink()]
    if not plain:
        return
    generation = new_generation(folder)
    for name in plain:
        if (folder / name).is_file():
            _copy_file(folder / name, generation / name)
    _link(folder / CURRENT, generation.name)
    for name in plain:
        if (folder / name).is_dir():
            os.replace(folder / name, generation / name)
        _link(folder / name, f"{CURRENT}/{name}")


def _copy_file(source: Path, target: Path) -> None:
    """A hard link to ``source`` at ``target``, or a copy where links are refused."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _links_to(path: Path, target: str) -> bool:
    return path.is_symlink() and os.readlink(path) == target


def _link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target``, replacing what is there in one rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


@contextmanager
def terminate_unwinds() -> Iterator[None]:
    """Within the block, SIGTERM raises SystemExit (exit code 143) in the main thread,
    so that the cleanup of the block runs and no temporary file is left."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)
