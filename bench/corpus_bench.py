"""Benchmark of end-to-end ``kg build`` against bare spaCy ``nlp.pipe`` on BBC news.

Not a test: run it by hand, on a quiet machine, and paste the table into README.md.

    .venv/bin/python -m bench.corpus_bench                       # the issue's targets, ~30 min
    .venv/bin/python -m bench.corpus_bench --throughput-size 60 --sizes 40,80   # smoke run

Targets (the issue): kg build's throughput is at least 0.8 times that of bare
``nlp.pipe`` with the same model, batch size and process count, measured side by side
in one run; kg build's peak memory grows by at most 1.5 times from 1,000 to 10,000
articles (the 2,215 articles repeated under new ids, ``{id}~r{k}``, same texts).

Every measurement runs in its own process, started from a temporary folder, on a
JSON Lines file of the first N articles written there (never in the repository):

- *bare*: a child script loads the model as kg does (``importlib.import_module(model)
  .load()``), reads the texts, then times only ``for doc in nlp.pipe(texts,
  batch_size=B, n_process=N)``: model loading and reading are excluded.
- *kg*: the real command, ``kg build FILE.jsonl -o OUT -q --jobs N --batch-size B``.
  Its rate uses kg's own build time, the ``in X s`` of its ``Built ...`` line: extraction
  (spaCy plus kg's components), resolution and writing every output file, after the
  inputs are read and the model is loaded; so both sides exclude reading and model
  loading. kg's wall time (interpreter start, imports, reading, model load) is shown
  too. If the line is missing, wall time minus the bare model load stands in (marked).
- Words are the whitespace-separated tokens of the article texts (``str.split``).
- Peak memory: the process tree (the process and every descendant, such as
  ``nlp.pipe``'s worker processes) is sampled every ``--interval`` seconds with psutil;
  the peak is the largest sum of RSS over the tree at one sample (shared pages are
  counted once per process, so with several processes this is an upper bound). The
  kernel's ``ru_maxrss`` from ``wait4`` (the largest single process of the tree) is
  shown as a cross-check.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.config import MODEL_PACKAGE

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "bbc" / "bbc_news.jsonl"
TARGET_RATIO = 0.8
TARGET_GROWTH = 1.5
KG_DEFAULTS = {"jobs": 1, "batch_size": 32}
"""What ``kg build`` does when it has no ``--jobs``/``--batch-size`` options: one
process, ``nlp.pipe(batch_size=32)`` (kg.runners.local.extract_all)."""

_SUMMARY = re.compile(r"^Built .*?: (\d+) documents\b.* in ([0-9.]+) s\s*$", re.MULTILINE)

_BARE_CHILD = '''\
"""Bare spaCy: load the model, read the texts, time nlp.pipe alone; print JSON."""
import importlib
import json
import sys
import time


def main():
    path, model = sys.argv[1], sys.argv[2]
    batch_size, n_process = int(sys.argv[3]), int(sys.argv[4])
    started = time.perf_counter()
    nlp = importlib.import_module(model).load()
    load_seconds = time.perf_counter() - started
    with open(path, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    docs = 0
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        docs += 1
    seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    print(json.dumps({"seconds": seconds, "load_seconds": load_seconds, "docs": docs,
                      "words": words, "pipeline": nlp.pipe_names}))


if __name__ == "__main__":
    main()
'''


def read_corpus(path: Path) -> list[dict]:
    """The articles of a JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def corpus_slice(records: list[dict], n: int) -> list[dict]:
    """The first ``n`` articles, the corpus repeated under new ids when it is shorter.

    >>> [r["id"] for r in corpus_slice([{"id": "a", "text": "x"}, {"id": "b", "text": "y"}], 5)]
    ['a', 'b', 'a~r1', 'b~r1', 'a~r2']
    """
    out = []
    for i in range(n):
        record = dict(records[i % len(records)])
        k = i // len(records)
        if k:
            record["id"] = f"{record['id']}~r{k}"
        out.append(record)
    return out


def write_corpus(records: list[dict], n: int, path: Path) -> dict[str, int]:
    """Write the first ``n`` articles to ``path``; return their article and word counts."""
    chosen = corpus_slice(records, n)
    with path.open("w", encoding="utf-8") as out:
        for record in chosen:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": len(chosen), "words": sum(len(r["text"].split()) for r in chosen)}


def run_measured(cmd: list[str], cwd: Path, log_stem: Path, interval: float) -> dict:
    """Run ``cmd``; return its wall time, output and the peak RSS of its process tree."""
    import psutil

    stdout_path, stderr_path = log_stem.with_suffix(".out"), log_stem.with_suffix(".err")
    peak = samples = 0
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        root = psutil.Process(proc.pid)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            total = 0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            for member in tree:
                try:
                    total += member.memory_info().rss
                except psutil.Error:
                    pass  # exited between the listing and the reading
            peak, samples = max(peak, total), samples + 1
            time.sleep(interval)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "returncode": proc.returncode,
        "wall_seconds": wall,
        "peak_rss": peak,
        "samples": samples,
        "ru_maxrss": usage.ru_maxrss * 1024,  # KiB on Linux
        "stdout": stdout_path.read_text(encoding="utf-8", errors="replace"),
        "stderr": stderr_path.read_text(encoding="utf-8", errors="replace"),
    }


def _check(result: dict, what: str) -> None:
    if result["returncode"] != 0:
        tail = "\n".join(result["stderr"].splitlines()[-20:])
        raise SystemExit(f"corpus_bench: {what} failed (exit {result['returncode']}):\n{tail}")


def measure_bare(corpus: Path, args, workdir: Path, child: Path, tag: str) -> dict:
    """One bare ``nlp.pipe`` run in its own process."""
    cmd = [sys.executable, str(child), str(corpus), args.model, str(args.batch_size)]
    cmd.append(str(args.jobs))
    result = run_measured(cmd, workdir, workdir / f"bare-{tag}", args.interval)
    _check(result, f"bare nlp.pipe on {corpus.name}")
    lines = result["stdout"].strip().splitlines()
    result.update(json.loads(lines[-1]))
    return result


def kg_options_supported(kg: str) -> bool:
    """Whether this ``kg build`` has the ``--jobs`` and ``--batch-size`` options."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    help_text = subprocess.run(
        [kg, "build", "--help"], capture_output=True, text=True, env=env, check=False
    ).stdout
    return "--jobs" in help_text and "--batch-size" in help_text


def kg_command(kg: str, corpus: Path, out: Path, args) -> list[str]:
    cmd = [kg, "build", str(corpus), "-o", str(out), "-q", "--model", args.model]
    if args.pass_kg_options:
        cmd += ["--jobs", str(args.jobs), "--batch-size", str(args.batch_size)]
    return cmd


def measure_kg(kg: str, corpus: Path, args, workdir: Path, tag: str) -> dict:
    """One end-to-end ``kg build`` in its own process; its output folder is removed after."""
    out = workdir / f"out-{tag}"
    result = run_measured(
        kg_command(kg, corpus, out, args), workdir, workdir / f"kg-{tag}", args.interval
    )
    shutil.rmtree(out, ignore_errors=True)
    _check(result, f"kg build on {corpus.name}")
    summary = _SUMMARY.search(result["stdout"])
    result["docs"] = int(summary.group(1)) if summary else None
    result["build_seconds"] = float(summary.group(2)) if summary else None
    return result


def _rate(count: float, seconds: float | None) -> float | None:
    return count / seconds if seconds else None


def _num(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _mb(n_bytes: float | None) -> str:
    return "-" if n_bytes is None else f"{n_bytes / 2**20:,.0f} MiB"


def throughput(records: list[dict], args, workdir: Path, kg: str) -> dict:
    """Bare and kg side by side on the same file, alternated ``--runs`` times."""
    corpus = workdir / f"corpus-{args.throughput_size}.jsonl"
    counts = write_corpus(records, args.throughput_size, corpus)
    child = workdir / "bare_pipe.py"
    child.write_text(_BARE_CHILD, encoding="utf-8")
    bare_runs, kg_runs = [], []
    for run in range(args.runs):
        bare = measure_bare(corpus, args, workdir, child, f"{args.throughput_size}-{run}")
        bare_runs.append(bare)
        print(f"bare nlp.pipe, run {run + 1}: {bare['seconds']:.1f} s", file=sys.stderr)
        kg_run = measure_kg(kg, corpus, args, workdir, f"{args.throughput_size}-{run}")
        if kg_run["build_seconds"] is None:  # no summary line: the wall time less a model load
            kg_run["build_seconds"] = kg_run["wall_seconds"] - bare["load_seconds"]
            kg_run["approximate"] = True
        kg_runs.append(kg_run)
        print(
            f"kg build, run {run + 1}: {kg_run['build_seconds']:.1f} s build, "
            f"{kg_run['wall_seconds']:.1f} s wall",
            file=sys.stderr,
        )
    for r in (*bare_runs, *kg_runs):
        del r["stdout"], r["stderr"]
    bare_s = statistics.median(r["seconds"] for r in bare_runs)
    kg_s = statistics.median(r["build_seconds"] for r in kg_runs)
    if bare_runs[0]["words"] != counts["words"] or bare_runs[0]["docs"] != counts["articles"]:
        raise SystemExit("corpus_bench: the bare child saw other texts than were written")
    if kg_runs[0]["docs"] not in (None, counts["articles"]):
        print(
            f"corpus_bench: warning: kg built {kg_runs[0]['docs']} documents of "
            f"{counts['articles']}",
            file=sys.stderr,
        )
    return {
        **counts,
        "bare_seconds": bare_s,
        "bare_load_seconds": statistics.median(r["load_seconds"] for r in bare_runs),
        "bare_peak_rss": max(r["peak_rss"] for r in bare_runs),
        "kg_build_seconds": kg_s,
        "kg_wall_seconds": statistics.median(r["wall_seconds"] for r in kg_runs),
        "kg_peak_rss": max(r["peak_rss"] for r in kg_runs),
        "kg_docs": kg_runs[0]["docs"],
        "kg_approximate": any(r.get("approximate") for r in kg_runs),
        "ratio": bare_s / kg_s,
        "bare_runs": bare_runs,
        "kg_runs": kg_runs,
    }


def memory(records: list[dict], args, workdir: Path, kg: str) -> list[dict]:
    """kg build's peak memory at each of ``--sizes``, one process each."""
    rows = []
    for n in args.sizes:
        corpus = workdir / f"corpus-{n}.jsonl"
        counts = write_corpus(records, n, corpus)
        result = measure_kg(kg, corpus, args, workdir, f"mem-{n}")
        corpus.unlink()
        del result["stdout"], result["stderr"]
        rows.append({**counts, **result})
        print(
            f"kg build, {n:,} articles: peak {_mb(result['peak_rss'])}, "
            f"{result['wall_seconds']:.1f} s wall",
            file=sys.stderr,
        )
    return rows


def table(t: dict | None, mem: list[dict]) -> str:
    """The results as Markdown tables."""
    lines = []
    if t:
        n, w = t["articles"], t["words"]
        build_label = "kg build (build time)" + (" (approx.)" if t["kg_approximate"] else "")
        lines += [
            f"Throughput, {n:,} articles, {w:,} words:",
            "",
            "| run | seconds | articles/s | words/s | peak RSS (tree) |",
            "|---|---|---|---|---|",
            f"| bare nlp.pipe | {t['bare_seconds']:.1f} | {_num(_rate(n, t['bare_seconds']), 1)}"
            f" | {_num(_rate(w, t['bare_seconds']))} | {_mb(t['bare_peak_rss'])} |",
            f"| {build_label} | {t['kg_build_seconds']:.1f}"
            f" | {_num(_rate(n, t['kg_build_seconds']), 1)}"
            f" | {_num(_rate(w, t['kg_build_seconds']))} | {_mb(t['kg_peak_rss'])} |",
            f"| kg build (wall, with start-up and model load) | {t['kg_wall_seconds']:.1f}"
            f" | {_num(_rate(n, t['kg_wall_seconds']), 1)}"
            f" | {_num(_rate(w, t['kg_wall_seconds']))} | |",
            f"| ratio kg build / bare | | {t['ratio']:.2f} | {t['ratio']:.2f} | |",
            "",
            f"Bare model load: {t['bare_load_seconds']:.1f} s (excluded from both rates).",
        ]
    if mem:
        lines += [
            "",
            "kg build peak memory:",
            "",
            "| articles | words | build s | wall s | peak RSS (tree, sampled) | largest process"
            " (ru_maxrss) |",
            "|---|---|---|---|---|---|",
        ]
        for r in mem:
            lines.append(
                f"| {r['articles']:,} | {r['words']:,} | {_num(r['build_seconds'], 1)}"
                f" | {r['wall_seconds']:.1f} | {_mb(r['peak_rss'])} | {_mb(r['ru_maxrss'])} |"
            )
        if len(mem) > 1:
            first, last = mem[0], mem[-1]
            lines.append(
                f"| growth {last['articles']:,} / {first['articles']:,} | | | "
                f"| {last['peak_rss'] / first['peak_rss']:.2f}x"
                f" | {last['ru_maxrss'] / first['ru_maxrss']:.2f}x |"
            )
    return "\n".join(lines).lstrip("\n")


def verdicts(t: dict | None, mem: list[dict]) -> list[tuple[bool, str]]:
    """Each target with whether the measurement met it, stated as measured."""
    out = []
    if t:
        met = t["ratio"] >= TARGET_RATIO
        out.append(
            (
                met,
                f"throughput ratio kg/bare {t['ratio']:.2f} at {t['articles']:,} "
                f"articles: {'met' if met else 'missed'} (target >= {TARGET_RATIO})",
            )
        )
    if len(mem) > 1:
        growth = mem[-1]["peak_rss"] / mem[0]["peak_rss"]
        met = growth <= TARGET_GROWTH
        out.append(
            (
                met,
                f"peak memory growth {mem[0]['articles']:,} -> {mem[-1]['articles']:,}"
                f" articles {growth:.2f}x: {'met' if met else 'missed'}"
                f" (target <= {TARGET_GROWTH}x)",
            )
        )
    return out


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 1000,10000")
    return sizes


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSON Lines articles")
    parser.add_argument("--jobs", type=int, default=1, help="processes, for both (n_process)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch, for both")
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1000, 10000],
        help="article counts of the memory runs, comma-separated",
    )
    parser.add_argument(
        "--throughput-size",
        type=int,
        help="articles of the throughput runs (default: the whole file; 0: none)",
    )
    parser.add_argument("--model", default=MODEL_PACKAGE, help="spaCy model package")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="throughput runs, bare and kg alternated; medians reported",
    )
    parser.add_argument("--skip-memory", action="store_true", help="no memory runs")
    parser.add_argument("--interval", type=float, default=0.1, help="memory sampling, seconds")
    parser.add_argument(
        "--kg-options",
        choices=("auto", "always", "never"),
        default="auto",
        help="pass --jobs/--batch-size to kg build: auto = when its --help lists them "
        "(without them, only the defaults 1 and 32 can be compared)",
    )
    parser.add_argument("--out", type=Path, help="also write every measurement as JSON here")
    args = parser.parse_args(argv)
    import psutil  # noqa: F401  (fail before any run if it is missing)

    kg = str(Path(sys.executable).parent / "kg")
    if not Path(kg).exists():
        kg = shutil.which("kg") or sys.exit("corpus_bench: no kg command found")
    supported = kg_options_supported(kg)
    args.pass_kg_options = args.kg_options == "always" or (args.kg_options == "auto" and supported)
    if not args.pass_kg_options and (args.jobs, args.batch_size) != tuple(KG_DEFAULTS.values()):
        parser.error(
            "kg build is run without --jobs/--batch-size, so it uses 1 process and "
            "batch 32; run with --jobs 1 --batch-size 32 (or --kg-options always)"
        )
    if not args.pass_kg_options:
        print(
            "corpus_bench: note: kg build is run without --jobs/--batch-size "
            f"({'--kg-options never' if supported else 'its --help does not list them'}); "
            "it uses 1 process and batch 32, as the bare runs do",
            file=sys.stderr,
        )

    records = read_corpus(args.data)
    if args.throughput_size is None:
        args.throughput_size = len(records)
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kg-corpus-bench-") as tmp:
        workdir = Path(tmp)
        t = throughput(records, args, workdir, kg) if args.throughput_size > 0 else None
        mem = [] if args.skip_memory else memory(records, args, workdir, kg)
    load_end = os.getloadavg()

    command = shlex.join(sys.orig_argv)
    verdict = verdicts(t, mem)
    kg_line = shlex.join(kg_command("kg", Path("FILE.jsonl"), Path("OUT"), args))
    print(table(t, mem))
    print()
    print(f"Command: `{command}` (kg run as `{kg_line}`)")
    print(
        f"Model {args.model}, batch size {args.batch_size}, {args.jobs} process(es); "
        f"spaCy {_version('spacy')}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; corpus {args.data.name} ({len(records):,} articles)."
    )
    print(
        "Load average (1, 5, 15 min): start "
        + ", ".join(f"{x:.2f}" for x in load_start)
        + "; end "
        + ", ".join(f"{x:.2f}" for x in load_end)
        + "."
    )
    for met, line in verdict:
        print(("target met: " if met else "target missed: ") + line)
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "command": command,
                    "kg_command": kg_line,
                    "settings": {
                        "model": args.model,
                        "jobs": args.jobs,
                        "batch_size": args.batch_size,
                        "throughput_size": args.throughput_size,
                        "sizes": args.sizes,
                        "runs": args.runs,
                        "interval": args.interval,
                        "kg_options_passed": args.pass_kg_options,
                        "data": str(args.data),
                    },
                    "machine": {
                        "cpus": os.cpu_count(),
                        "python": platform.python_version(),
                        "spacy": _version("spacy"),
                        "loadavg_start": load_start,
                        "loadavg_end": load_end,
                    },
                    "throughput": t,
                    "memory": mem,
                    "targets": [{"met": met, "text": line} for met, line in verdict],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0 if all(met for met, _ in verdict) else 1


if __name__ == "__main__":
    sys.exit(main())
