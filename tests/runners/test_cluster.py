"""kg.runners.cluster on a real local Dask cluster: two worker processes on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from kg.errors import KgError
from kg.inputs.read import read_article
from kg.nlp import DEFAULT_MODEL
from kg.records import Article, DocumentExtraction
from kg.runners.cluster import ClusterError, extract_on_cluster
from kg.runners.cluster_worker import pipeline_stats
from kg.runners.local import extract_all
from tests.conftest import ARTICLES, EXAMPLE

pytestmark = pytest.mark.slow  # a local Dask cluster with two workers

MIN_ARTICLES = 8  # enough partitions of one article for both workers to get some


def _article_paths() -> list[Path]:
    """The example article and the fixture articles."""
    return [EXAMPLE, *sorted(ARTICLES.glob("*.txt"))]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """Real articles, repeated under new ids up to MIN_ARTICLES if there are few.

    The first is all of them in one, several times longer than the others: one worker
    is still on it while the other finishes the next ones, so results come back out
    of input order and the order has to be restored.
    """
    real = [read_article(str(p)) for p in _article_paths()]
    assert real, "no article found in examples/"
    texts = [a.text for a in real]
    combined = "\n\n".join(texts * max(1, 6 // len(texts)))
    out = [Article("all-in-one", combined, "all-in-one.txt"), *real]
    while len(out) < MIN_ARTICLES:
        a = real[len(out) % len(real)]
        out.append(replace(a, doc_id=f"{a.doc_id}-copy{len(out)}"))
    return out


@pytest.fixture(scope="module")
def expected(nlp, articles) -> list[DocumentExtraction]:
    """The single-process extractions, with the session's pipeline."""
    return extract_all(nlp, articles)


def _local_cluster(n_workers: int, directory: Path) -> LocalCluster:
    """A scheduler and ``n_workers`` single-threaded worker processes, on 127.0.0.1 only.

    No dashboard; the scheduler's HTTP server (/health, /metrics), which runs even so,
    takes a free port rather than 8787, so that clusters started together never clash.
    """
    return LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        protocol="tcp",
        scheduler_port=0,
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.CRITICAL,
        local_directory=str(directory),
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[LocalCluster]:
    """The test cluster: two worker processes."""
    with _local_cluster(2, tmp_path_factory.mktemp("dask")) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster) -> Iterator[Client]:
    """A client of the test cluster, to look into the workers."""
    with Client(cluster.scheduler_address, set_as_default=False) as c:
        yield c


def _stats(client: Client) -> dict[str, dict[str, int]]:
    return client.run(pipeline_stats, model=DEFAULT_MODEL)


@pytest.fixture(scope="module")
def first_run(cluster, client, articles):
    """One extraction on the cluster: records, on_done calls and worker stats after it."""
    calls: list[None] = []
    records = list(
        extract_on_cluster(
            cluster.scheduler_address,
            iter(articles),
            partition_size=1,
            on_done=lambda: calls.append(None),
        )
    )
    return records, len(calls), _stats(client)


def test_cluster_is_local_with_two_worker_processes(cluster, client):
    workers = client.scheduler_info()["workers"]
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert len(workers) == 2
    assert all(address.startswith("tcp://127.0.0.1:") for address in workers)
    assert all(w["nanny"].startswith("tcp://127.0.0.1:") for w in workers.values())


def test_cluster_extractions_equal_single_process_in_order(first_run, expected):
    records, _, _ = first_run
    assert [r.doc_id for r in records] == [e.doc_id for e in expected]
    assert records == expected


def test_cluster_calls_on_done_once_per_article(first_run, articles):
    _, calls, _ = first_run
    assert calls == len(articles)


def test_cluster_both_workers_did_work_with_one_load_each(first_run, articles):
    _, _, stats = first_run
    assert len(stats) == 2
    assert len({s["pid"] for s in stats.values()}) == 2
    assert all(s["loads"] == 1 and s["pipeline"] for s in stats.values()), stats
    assert all(s["partitions"] >= 1 for s in stats.values()), stats
    assert sum(s["partitions"] for s in stats.values()) == len(articles)  # one per article


def test_cluster_keeps_the_model_loaded_across_builds(cluster, client, first_run, expected):
    _, _, before = first_run
    records = list(
        extract_on_cluster(cluster.scheduler_address, expected_articles(expected), partition_size=3)
    )
    after = _stats(client)
    assert [r.doc_id for r in records] == [e.doc_id for e in expected]
    assert after.keys() == before.keys()
    for address, stats in after.items():
        assert stats["loads"] == 1
        assert stats["pid"] == before[address]["pid"]
        assert stats["pipeline"] == before[address]["pipeline"]  # the same object


def expected_articles(expected: list[DocumentExtraction]) -> list[Article]:
    """Cheap articles, one per expected record id (the text matters not here)."""
    return [Article(e.doc_id, "Sadiq Khan is the Mayor of London.", e.source) for e in expected]


def test_cluster_reads_articles_lazily_within_the_window(cluster, first_run, articles):
    pulled = 0

    def source() -> Iterator[Article]:
        nonlocal pulled
        for a in articles:
            pulled += 1
            yield a

    received = []
    for record in extract_on_cluster(
        cluster.scheduler_address, source(), partition_size=1, max_pending=2
    ):
        received.append(record.doc_id)
        assert pulled - len(received) <= 2, (pulled, len(received))
    assert received == [a.doc_id for a in articles]
    assert pulled == len(articles)


def test_cluster_failing_partition_raises_a_clear_error(cluster, first_run, articles):
    broken = Article("broken-one", None, "broken.txt")  # type: ignore[arg-type]
    with pytest.raises(ClusterError) as info:
        list(extract_on_cluster(cluster.scheduler_address, [articles[0], broken], partition_size=1))
    message = str(info.value)
    assert "partition 1" in message and "broken-one" in message
    assert info.value.exit_code == 1
    assert "\n" not in message


def test_cluster_missing_model_raises_and_is_not_kept(cluster, client, first_run, articles):
    with pytest.raises(ClusterError, match="cannot load the model 'kg_no_such_model'"):
        list(extract_on_cluster(cluster.scheduler_address, articles[:1], model="kg_no_such_model"))
    assert all(s == {} for s in client.run(pipeline_stats, model="kg_no_such_model").values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cluster_unreachable_scheduler_is_exit_code_2_quickly(articles):
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    with pytest.raises(KgError) as info:
        list(extract_on_cluster(address, articles[:1], connect_timeout=1.0))
    assert time.monotonic() - started < 8
    assert info.value.exit_code == 2
    assert str(info.value).startswith(f"cannot reach the Dask scheduler at {address}: ")
    assert "\n" not in str(info.value)


def test_cluster_bad_address_is_exit_code_2_at_once(articles):
    started = time.monotonic()
    with pytest.raises(KgError, match="^cannot reach the Dask scheduler at nonsense://x: ") as info:
        list(extract_on_cluster("nonsense://x", articles[:1]))
    assert time.monotonic() - started < 2
    assert info.value.exit_code == 2


def test_cluster_scheduler_without_workers_is_exit_code_2(tmp_path, articles):
    with _local_cluster(0, tmp_path) as empty:
        with pytest.raises(KgError, match="^no Dask worker is connected") as info:
            list(extract_on_cluster(empty.scheduler_address, articles[:1], connect_timeout=1.0))
    assert info.value.exit_code == 2


def test_cluster_module_imports_no_dask_nor_spacy():
    code = (
        "import sys, kg.runners.cluster\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'spacy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_kg_build_on_the_cluster_writes_the_single_process_graph(cluster, nlp, tmp_path):
    """The CLI with --scheduler writes byte for byte the files of a local build."""
    from kg.build import build
    from kg.config import OUTPUT_FILES

    paths = _article_paths()
    build(nlp, [read_article(str(p)) for p in paths], tmp_path / "local")
    run = subprocess.run(
        [sys.executable, "-m", "kg", "build", *map(str, paths), "-o", str(tmp_path / "cluster")]
        + ["-q", "--scheduler", cluster.scheduler_address],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert f"Built {tmp_path / 'cluster'}/: {len(paths)} documents" in run.stdout
    for name in OUTPUT_FILES:
        local, remote = (tmp_path / where / name for where in ("local", "cluster"))
        assert remote.read_bytes() == local.read_bytes(), name
