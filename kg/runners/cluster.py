"""Run kg's spaCy extraction on a Dask distributed cluster.

The client (this process) reads the articles, sends them to the workers in
partitions and gets :class:`~kg.records.DocumentExtraction` records back, in input
order; resolution and output writing stay on the client. Each worker process loads
the spaCy pipeline once, in a :class:`kg.runners.cluster_worker.PipelinePlugin` registered by
the client under a name made from the model, and every task takes it from there.

``dask`` and ``distributed`` are imported only when a cluster is used (``pip install
"kg[cluster]"``), so importing this module costs nothing without them.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from kg.config import MODEL_PACKAGE
from kg.errors import KgError
from kg.records import Article, DocumentExtraction
from kg.wording import counted

if TYPE_CHECKING:
    from distributed import Client, Future

DEFAULT_MODEL = MODEL_PACKAGE

Submit = Callable[[list[Article]], "Future"]


class ClusterError(KgError):
    """The model or a partition failed on the cluster (exit code 1)."""


def partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of ``size`` articles (the last may be shorter), read lazily.

    >>> [len(p) for p in partitions([Article(str(i), "x", "s") for i in range(5)], 2)]
    [2, 2, 1]
    """
    if size < 1:
        raise ValueError(f"partition_size must be at least 1, not {size}")
    it = iter(articles)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def connect(address: str, timeout: float) -> Client:
    """A client of the scheduler at ``address``; KgError (exit code 2) within ``timeout``."""
    from distributed import Client
    from distributed.comm import get_address_host_port

    try:
        # Checked first: a Client that fails on a bad address is left half made, and
        # its clean-up at garbage collection can break the next client of the process.
        get_address_host_port(address)
    except ValueError as err:
        raise KgError(
            f"cannot reach the Dask scheduler at {address}: not an address like "
            f"tcp://HOST:PORT ({_one_line(err)})",
            2,
        ) from None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, ValueError, TypeError) as err:  # TimeoutError is an OSError
        raise KgError(
            f"cannot reach the Dask scheduler at {address}: {_one_line(err)}", 2
        ) from None


def load_model(client: Client, model: str, timeout: float) -> int:
    """Wait for a worker, have every worker load ``model`` once; return the worker threads."""
    from kg.runners.cluster_worker import PipelinePlugin

    try:
        client.wait_for_workers(1, timeout=timeout)
    except OSError:  # TimeoutError included
        raise KgError(
            f"no Dask worker is connected to the scheduler at {client.scheduler.address} "
            f"(waited {timeout:g} s)",
            2,
        ) from None
    plugin = PipelinePlugin(model)
    try:
        client.register_plugin(plugin, name=plugin.name)
    except Exception as err:
        with contextlib.suppress(Exception):  # so that a retry loads it again
            client.unregister_worker_plugin(plugin.name)
        raise ClusterError(
            f"the Dask workers cannot load the model {model!r}: {_one_line(err)}"
        ) from err
    return max(1, sum(client.nthreads().values()))


@contextlib.contextmanager
def _quiet_client_log() -> Iterator[None]:
    """Mute ``distributed.client`` (a lost scheduler logs tracebacks there while the
    client tries to reconnect); what went wrong is raised as one clear error instead."""
    logger = logging.getLogger("distributed.client")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _one_line(err: BaseException) -> str:
    """``err`` as one line: its message, or its type when it has none."""
    return " ".join(str(err).split()) or type(err).__name__


def _partition_error(index: int, part: list[Article], err: BaseException) -> ClusterError:
    """A clear error for a failed partition, naming its first articles."""
    ids = ", ".join(a.doc_id for a in part[:3]) + (", ..." if len(part) > 3 else "")
    return ClusterError(
        f"extraction failed on the Dask cluster in partition {index}"
        f" ({counted(len(part), 'article')}: {ids}): {type(err).__name__}: {_one_line(err)}"
    )


def stream_results(
    client: Client,
    parts: Iterator[list[Article]],
    submit: Submit,
    max_pending: int,
    on_done: Callable[[], None] | None = None,
) -> Iterator[DocumentExtraction]:
    """Yield the extractions of ``parts`` in input order, ``max_pending`` partitions at most
    submitted or finished but not yet yielded; ``on_done()`` per article as each finishes."""
    from distributed import as_completed

    window: deque[int] = deque()  # partition numbers, in input order
    pending: dict[str, tuple[int, list[Article]]] = {}  # future key -> number, articles
    finished: dict[int, list[DocumentExtraction]] = {}
    completed = as_completed(loop=client.loop)
    numbered = enumerate(parts)

    def refill() -> None:
        for index, part in itertools.islice(numbered, max_pending - len(window)):
            future = submit(part)
            window.append(index)
            pending[future.key] = (index, part)
            completed.add(future)

    refill()
    while window:
        future = next(completed)
        index, part = pending.pop(future.key)
        try:
            finished[index] = future.result()
        except Exception as err:
            raise _partition_error(index, part, err) from err
        finally:
            future.release()
        for _ in part if on_done is not None else ():
            on_done()
        while window and window[0] in finished:
            yield from finished.pop(window.popleft())
        refill()


def extract_on_cluster(
    address: str,
    articles: Iterable[Article],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    partition_size: int = 64,
    max_pending: int | None = None,
    on_done: Callable[[], None] | None = None,
    connect_timeout: float = 10.0,
) -> Iterator[DocumentExtraction]:
    """Extract ``articles`` on the Dask cluster at ``address``, yielding records in input order.

    Articles are read lazily and sent in partitions of ``partition_size``; at most
    ``max_pending`` partitions (default: twice the worker threads) are in flight or
    waiting to be yielded, so memory is bounded by that window, not by the corpus.
    ``on_done()`` is called once per article as its partition finishes. Each worker
    loads ``model`` once (and keeps it for later calls); tasks run ``nlp.pipe`` with
    ``batch_size`` through :func:`kg.runners.local.extract_all`, so records are the same as a
    local build's.

    This is a generator: nothing connects until the first record is asked for. An
    unreachable scheduler (or one with no worker) raises KgError with exit code 2
    within about ``connect_timeout`` seconds; a model that a worker cannot load, or a
    failed partition, raises :class:`ClusterError`. The client is always closed.
    """
    from kg.runners.cluster_worker import extract_partition

    if max_pending is not None and max_pending < 1:
        raise ValueError(f"max_pending must be at least 1, not {max_pending}")
    parts = partitions(articles, partition_size)
    with _quiet_client_log(), connect(address, connect_timeout) as client:
        window = max_pending or 2 * load_model(client, model, connect_timeout)

        def submit(part: list[Article]) -> Future:
            return client.submit(extract_partition, part, model, batch_size, pure=False)

        yield from stream_results(client, parts, submit, window, on_done)
