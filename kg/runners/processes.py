"""Extraction on several local processes (``kg build --jobs N``).

Each worker process loads the spaCy pipeline once, when it starts, and turns
chunks of articles into :class:`~kg.records.DocumentExtraction` records with
``nlp.pipe``; records travel back pickled. (spaCy's own ``nlp.pipe(n_process=N)``
would send back Docs, and kg's components keep Python objects on them that spaCy's
Doc serialisation cannot carry.) At most ``2 * jobs`` chunks are in flight, so
memory is bounded by the window, not the corpus; results come back in input order.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from kg.records import Article, DocumentExtraction
from kg.runners.cluster import partitions

_WORKER: dict[str, object] = {}  # the pipeline of this worker process (workers only)


def extract_in_processes(
    articles: Iterable[Article],
    *,
    model: str,
    jobs: int,
    batch_size: int = 32,
    chunk_size: int = 64,
    on_done: Callable[[], None] | None = None,
) -> Iterator[DocumentExtraction]:
    """Yield the extractions of ``articles``, in order, computed by ``jobs`` processes."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    context = multiprocessing.get_context("spawn")  # no fork of a loaded model's threads
    chunks = partitions(articles, chunk_size)
    with context.Pool(jobs, initializer=_load, initargs=(model,)) as pool:
        pending: deque = deque()
        for chunk in itertools.chain(chunks, [None]):
            if chunk is not None:
                pending.append(pool.apply_async(_extract, (chunk, batch_size)))
            while pending and (chunk is None or len(pending) >= 2 * jobs):
                for extraction in pending.popleft().get():
                    if on_done is not None:
                        on_done()
                    yield extraction


def _load(model: str) -> None:
    import signal

    from kg.nlp import build_pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends the pool

    _WORKER["nlp"] = build_pipeline(model)


def _extract(chunk: list[Article], batch_size: int) -> list[DocumentExtraction]:
    from kg.runners.local import extract_all

    return extract_all(_WORKER["nlp"], chunk, batch_size)
