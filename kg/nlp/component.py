"""What kg's rule components share: data files read in ``initialize``, kept with the pipeline.

A component lists the data files it needs (``data_files``); ``initialize`` reads
them from ``lexicon_path`` (default: ``kg/nlp/data``) and ``to_disk``/``to_bytes``
save their bytes with the pipeline, so a saved pipeline never reads ``kg/nlp/data``
again. A component called before ``initialize`` initialises itself with kg's own
files, as spaCy's rule-based components work once added.

>>> class Words(DataComponent):
...     data_files = ("events.json",)
...     def setup(self, files):
...         self.size = len(files["events.json"])
>>> words = Words()
>>> words.initialize()
>>> words.size > 0 and Words().from_bytes(words.to_bytes()).size == words.size
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import srsly
from spacy.util import ensure_path

from kg.fileio import atomic_write_bytes
from kg.nlp.lexicon import LEXICON_FILES, read_data_files


class DataComponent:
    """Base of a component built from data files; subclasses define :meth:`setup`."""

    data_files: tuple[str, ...] = LEXICON_FILES
    files: dict[str, bytes] | None = None

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Build the component's lookups from the raw ``files``."""
        raise NotImplementedError

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        lexicon_path: str | Path | None = None,
    ) -> None:
        """Read the data files from ``lexicon_path`` (default: kg's own ``kg/nlp/data``)."""
        self._load(read_data_files(self.data_files, lexicon_path))

    def ensure_initialized(self) -> None:
        """Initialise with kg's own data files unless already initialised."""
        if self.files is None:
            self.initialize()

    def _load(self, files: Mapping[str, bytes]) -> None:
        missing = [name for name in self.data_files if name not in files]
        if missing:
            raise ValueError(f"{type(self).__name__}: missing data files {', '.join(missing)}")
        self.files = {name: files[name] for name in self.data_files}
        self.setup(self.files)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The data files' bytes, packed."""
        self.ensure_initialized()
        return srsly.msgpack_dumps(self.files)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DataComponent:
        """Load data files packed by :meth:`to_bytes`."""
        self._load(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the data files into the folder ``path``."""
        self.ensure_initialized()
        assert self.files is not None
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, raw in self.files.items():
            atomic_write_bytes(folder / name, raw)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DataComponent:
        """Read the data files written by :meth:`to_disk`."""
        self._load(read_data_files(self.data_files, ensure_path(path)))
        return self
