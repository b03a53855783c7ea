"""The source kg records for an article: a path relative to the folder the build ran in.

An article's ``source`` (``kg:sourcePath`` in the graph, ``source`` in
extractions.jsonl) never holds an absolute path, which would show where a user keeps
files and change with the machine. The rule, from the current directory:

- a file under it: its path from there (``news/a.txt``);
- a file elsewhere that shares a folder other than the filesystem root with it: a
  relative path with ``..`` (``../shared/gold/dev/a.txt`` from ``/work/main``);
- any other file (only the root in common, or another drive): its file name alone,
  since a climb up to the root is an absolute path in disguise.

Paths are made absolute lexically (``..`` collapsed, symbolic links not followed) and
written with ``/``: the same build run from the same folder records the same sources.
A JSON Lines record adds its line number (``feed.jsonl:3``); standard input is
``<stdin>``.

>>> source_name("/work/main/news/a.txt", cwd="/work/main")
'news/a.txt'
>>> source_name("/work/shared/gold/a.txt", cwd="/work/main")
'../shared/gold/a.txt'
>>> source_name("/tmp/a.txt", cwd="/work/main")
'a.txt'
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


def source_name(path: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None) -> str:
    """The source kg records for the file at ``path`` (module rules).

    ``cwd`` is the folder the build runs in (default: the current directory).
    """
    try:
        here = os.path.abspath(cwd if cwd is not None else os.getcwd())
    except OSError:  # the current directory is gone
        return PurePath(path).name
    there = os.path.normpath(os.path.join(here, path))
    try:
        common = os.path.commonpath([here, there])
    except ValueError:  # another drive
        return PurePath(there).name
    if common != here and PurePath(common) == PurePath(common).parent:
        return PurePath(there).name
    return Path(os.path.relpath(there, here)).as_posix()


def relative_source(source: str, cwd: str | os.PathLike[str] | None = None) -> str:
    """An absolute ``source`` (a record of an older build) as :func:`source_name` gives
    it; any other source is kept as it is.

    >>> relative_source("/work/main/news/a.txt:3", cwd="/work/main")
    'news/a.txt:3'
    >>> relative_source("news/a.txt", cwd="/elsewhere")
    'news/a.txt'
    """
    return source_name(source, cwd) if PurePath(source).is_absolute() else source


def plain_source(source: str) -> str:
    """``source`` without the folders when it is an absolute path (a record of an older
    build, a library caller's own path); a relative source is kept as it is.

    >>> plain_source("/home/ann/news/a.txt"), plain_source("C:\\\\news\\\\feed.jsonl:3")
    ('a.txt', 'feed.jsonl:3')
    >>> plain_source("../news/a.txt"), plain_source("<stdin>")
    ('../news/a.txt', '<stdin>')
    """
    for flavour in (PurePosixPath, PureWindowsPath):
        if flavour(source).is_absolute():
            return flavour(source).name
    return source
