"""Runners: where extraction runs. ``local`` in this process, ``processes`` on several
local processes, ``cluster`` on a Dask cluster; each is an :data:`~kg.runners.local.Extractor`.

:func:`choose_extractor` picks one from the settings of a build; only the local runner
loads the model in this process.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

from kg.config import MODEL_PACKAGE
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.runners.local import Extractor


def choose_extractor(
    model: str = MODEL_PACKAGE,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    batch_size: int = 32,
) -> Extractor:
    """The extractor for a build: on the Dask cluster of ``scheduler`` (tcp://HOST:PORT)
    when given, else in ``jobs`` local processes when ``jobs > 1``, else in this process.

    The model is loaded here only for this process; the processes runner checks first
    that the model package exists (a worker would fail less clearly), the cluster's
    workers load it themselves. Raises :class:`KgError` (exit code 2) for a model that
    cannot be loaded.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if scheduler:
        from kg.runners.cluster import extract_on_cluster

        return lambda articles, on_done: extract_on_cluster(
            scheduler, articles, model=model, batch_size=batch_size, on_done=on_done
        )
    if jobs > 1:
        from kg.runners.processes import extract_in_processes

        if not _installed(model):
            raise KgError(f"cannot load the spaCy model {model!r}: no such package", 2)
        return lambda articles, on_done: extract_in_processes(
            articles, model=model, jobs=jobs, batch_size=batch_size, on_done=on_done
        )
    from kg.runners.local import load_model, local_extractor

    return local_extractor(load_model(model), batch_size)


def _installed(package: str) -> bool:
    """Whether ``package`` can be imported (a dotted name whose parent is missing: no)."""
    try:
        return find_spec(package) is not None
    except (ImportError, ValueError):
        return False
