"""The ``kg`` command line: build, query, eval, benchmark, serve, validate and push.

Commands only parse options, call the library and print. One handler
(:func:`_handled`, on every command) turns what goes wrong into one line on stderr
and a non-zero exit code (2 bad input, 3 output not writable, 4 bad query, 5 endpoint
unreachable or refusing the data, 130 Ctrl-C, 1 anything else), never a traceback;
it adds the option to use when a library error names the setting at fault.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import click
import typer

from kg.config import DEFAULT_MIN_CONFIDENCE, MODEL_PACKAGE, STORE_THRESHOLD
from kg.errors import InputError, KgError
from kg.wording import counted

if TYPE_CHECKING:
    from kg.sparql.run import QueryResult

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


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"kg: error: {_printable(message)}", err=True)
    raise typer.Exit(code)


_HINTS = {
    "max_chars": "{message} (raise it with --max-chars)",
    "update": "{message}; rebuild without --update",
    "store": "--infer: {message}; use --store memory (or auto)",
    "endpoint": "--endpoint: {message}",
    "credentials": "--endpoint: {message}; give the user with --user",
    "graph": "--graph: {message}",
    "user": "--user: {message}",
    "timeout": "{message} (raise it with --timeout)",
    "max_rows": "{message} (add a LIMIT, or raise --max-rows)",
}
"""How the command line words a library error about a setting: with its option."""


def _worded(err: KgError) -> str:
    """The message of ``err`` with the option that fixes it, when it names a setting.

    >>> _worded(KgError("a.txt: 9 characters is over the limit of 5", setting="max_chars"))
    'a.txt: 9 characters is over the limit of 5 (raise it with --max-chars)'
    """
    hint = _HINTS.get(err.setting or "")
    return hint.format(message=err) if hint else str(err)


def _first_line(err: BaseException) -> str:
    """The first line of an exception's message, or its type's name when it has none."""
    return str(err).splitlines()[0] if str(err) else type(err).__name__


Wording = Callable[[Exception, dict], "tuple[str, int] | None"]
"""How a command words a raw library exception (with its arguments): message and exit
code, or None when the exception is not one it expects."""


def _handled(
    *, interrupted: str | None = None, raw: Wording | None = None
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The one error handler, applied to every command.

    :class:`KgError`: its message (with the option that fixes it) and its exit code.
    Ctrl-C: exit 130 with ``interrupted`` (what it left behind). Another exception:
    as ``raw`` words it, else one line naming it as an internal error, exit 1 (the
    traceback only with ``$KG_DEBUG`` set).
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> None:
            try:
                command(*args, **kwargs)
            except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException):
                raise  # how typer and click end a command
            except KgError as err:
                _fail(_worded(err), err.exit_code)
            except KeyboardInterrupt:
                if interrupted is None:
                    typer.echo("kg: interrupted", err=True)
                    raise typer.Exit(130) from None
                _fail(interrupted, 130)
            except Exception as err:  # noqa: BLE001 - the last guard: one line, no traceback
                worded = raw(err, kwargs) if raw is not None else None
                if worded is not None:
                    _fail(*worded)
                if os.environ.get("KG_DEBUG"):
                    raise
                first = str(err).splitlines()[0] if str(err) else ""
                typer.echo(
                    f"kg: internal error: {type(err).__name__}: {first}"
                    " (set KG_DEBUG=1 for the traceback)",
                    err=True,
                )
                raise typer.Exit(1) from None

        return run

    return decorate


@app.command()
@_handled(interrupted="interrupted; files already in the output folder were left as they were")
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
            min=0.0,
            max=1.0,
            help="Drop facts whose best evidence is below this calibrated confidence "
            "(0 keeps every fact; see README, 'How far to trust a fact').",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Refuse articles longer than this many characters.")
    ] = 2_000_000,
    strict: Annotated[
        bool, typer.Option(help="Stop at the first unreadable input instead of skipping it.")
    ] = False,
    model: Annotated[str, typer.Option(help="spaCy model package to load.")] = MODEL_PACKAGE,
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
    from kg.build import build as run_build
    from kg.build import check_output
    from kg.inputs.read import read_inputs
    from kg.runners import choose_extractor

    if update is not None and out is not None and update.resolve() != out.resolve():
        _fail(f"--update {update} and --out {out} name two folders; give one", 2)
    out = update or out or Path("output")
    found = read_inputs(inputs, max_chars, strict=strict, on_note=_note, on_skip=_skipped)
    check_output(out, merge_rules)  # before the model loads: fail fast
    extractor = choose_extractor(model, jobs=jobs, scheduler=scheduler, batch_size=batch_size)
    with _progress(quiet or len(found.articles) < 2, len(found.articles)) as advance:
        result = run_build(
            None,
            list(found.articles),
            out,
            min_confidence=min_confidence,
            skipped=found.skipped,
            on_done=advance,
            infer=infer,
            layout=layout.value,
            html_max_nodes=html_max_nodes,
            extractor=extractor,
            update=update is not None,
            store=store.value,
            merge_rules=merge_rules,
        )
    corpus, skipped = result.corpus, result.skipped
    reused = f", {counted(result.reused, 'unchanged article')} not read again" if update else ""
    dropped = f", {counted(len(skipped), 'input')} skipped" if skipped else ""
    typer.echo(
        f"Built {out}/: {counted(len(result.extractions), 'document')}, "
        f"{counted(len(corpus.nodes), 'entity')}, {counted(len(corpus.facts), 'relation')}, "
        f"{counted(len(corpus.quotes), 'quote')}{dropped}{reused}"
        f"{' (store: ' + str(out / 'store') + ')' if result.store else ''}"
        f" in {result.seconds:.1f} s"
    )


def _note(message: str) -> None:
    typer.echo(f"kg: note: {_printable(message)}", err=True)


def _skipped(message: str) -> None:
    typer.echo(f"kg: skipped {_printable(message)}", err=True)


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


def _query_errors(err: Exception, args: dict) -> tuple[str, int] | None:
    from kg.sparql.guard import QueryError

    if isinstance(err, QueryError):
        return str(err), 4
    if isinstance(err, OSError | ValueError):
        return f"{args['graph']}: {err}", 2
    return None


class _QueryCommand(typer.core.TyperCommand):
    """The query command, whose help ends with the named queries (read when asked)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from rich.markup import escape

        from kg.sparql.named import named_queries_help

        self.epilog = escape(named_queries_help())
        super().format_help(ctx, formatter)


@app.command(cls=_QueryCommand)
@_handled(raw=_query_errors)
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
            "--named", "-n", help="Run a query shipped with kg (listed below, with parameters)."
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Bind a variable: name=value (repeatable)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    timeout: Annotated[
        float,
        typer.Option(
            min=0.001,
            help="Stop the query after this many seconds, loading the graph included"
            " (a query never runs unbounded).",
        ),
    ] = 60.0,
    max_rows: Annotated[
        int, typer.Option(min=1, help="Refuse an answer of more rows than this.")
    ] = 100_000,
) -> None:
    """Run a read-only SPARQL query over a built graph, with pyoxigraph.

    A build's store is queried in place; a graph file is loaded into memory first.
    The load and the query stop at --timeout (60 s unless told otherwise).

    Example: kg query output/ --named roles
    """
    from kg.sparql.bounded import bounded_query
    from kg.sparql.named import load_named_query, run_named
    from kg.sparql.run import format_result

    text = _query_text(sparql, file, named, load_named_query)
    bindings = dict(_parse_param(p) for p in param or [])

    def run(text: str, bindings: dict) -> QueryResult:
        return bounded_query(graph, text, bindings, timeout=timeout, max_rows=max_rows)

    result = run(text, bindings) if named is None else run_named(named, bindings, run)
    typer.echo(format_result(result, fmt.value))


def _query_text(
    sparql: str | None,
    file: Path | None,
    named: str | None,
    load_named_query: Callable[[str], str],
) -> str:
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


def _unreadable(err: Exception, args: dict) -> tuple[str, int] | None:
    """A file a command reads that does not parse: its first line, exit 2."""
    return (_first_line(err), 2) if isinstance(err, OSError | ValueError) else None


def _unreadable_graph(err: Exception, args: dict) -> tuple[str, int] | None:
    """A graph that does not parse: the graph's path and the first line, exit 2."""
    return (f"{args['graph']}: {_first_line(err)}", 2) if _unreadable(err, args) else None


def _must_exist(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")


@app.command(name="eval")
@_handled(raw=_unreadable)
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

    _must_exist(graph, *gold)
    typer.echo(format_report(run_eval(graph, gold)))


benchmark_app = typer.Typer(
    help="Score kg's extraction on public benchmarks.", no_args_is_help=True
)
app.add_typer(benchmark_app, name="benchmark")


def _conll04_errors(err: Exception, args: dict) -> tuple[str, int] | None:
    if isinstance(err, OSError):
        return f"{args['out']}: cannot write ({err.strerror})", 3
    return None


@benchmark_app.command("conll04")
@_handled(raw=_conll04_errors)
def benchmark_conll04(
    data: Annotated[
        Path, typer.Argument(help="A CoNLL04 JSON file (SpERT format).", show_default=False)
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write predictions here (same format).")
    ] = None,
    model: Annotated[str, typer.Option(help="spaCy model package to load.")] = MODEL_PACKAGE,
) -> None:
    """Run kg's extraction on CoNLL04 sentences; print strict micro P/R/F1.

    Example: kg benchmark conll04 ../shared/data/conll04/dev.json --out pred.json
    """
    import json as json_module

    from kg.evaluation.conll04 import format_scores, load_sentences, predict, score
    from kg.fileio import atomic_write_text
    from kg.runners.local import load_model

    if not data.is_file():
        raise InputError(f"{data}: no such file")
    try:
        sentences = load_sentences(data)
    except ValueError as err:  # UnicodeDecodeError too
        raise InputError(_first_line(err)) from None
    predictions = predict(load_model(model), sentences)
    if out is not None:
        atomic_write_text(out, json_module.dumps(predictions, ensure_ascii=False) + "\n")
    table = format_scores(score(sentences, predictions))
    typer.echo(f"{counted(len(sentences), 'sentence')}, strict micro scores\n{table}")


@app.command()
@_handled(raw=_unreadable_graph)
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

    _must_exist(graph)
    violations = validate_path(graph)
    typer.echo(format_violations(violations))
    raise typer.Exit(1 if violations else 0)


@app.command()
@_handled()
def serve(
    graph: Annotated[
        Path, typer.Argument(help="A build's output folder, or a graph file.", show_default=False)
    ],
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0: any free).")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    timeout: Annotated[
        float, typer.Option(min=0.001, help="Stop a query after this many seconds (503).")
    ] = 30.0,
    workers: Annotated[
        int, typer.Option(min=1, help="Long queries run at once (one more worker is kept).")
    ] = 2,
    memory_mb: Annotated[
        float, typer.Option(min=1, help="Stop a query whose worker grows by this many MB (503).")
    ] = 1024,
    max_result_mb: Annotated[
        float, typer.Option(min=0.001, help="Refuse an answer larger than this many MB (413).")
    ] = 100,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log requests.")] = False,
) -> None:
    """Serve a built graph as a read-only SPARQL endpoint, with a query page at /.

    Example: kg serve output/ --port 8000, then open http://127.0.0.1:8000/
    """
    from kg.serve.endpoint import Limits
    from kg.serve.server import make_server
    from kg.serve.server import serve as run_server

    _must_exist(graph)
    limits = Limits(timeout=timeout, memory_mb=memory_mb, max_result_mb=max_result_mb)
    server = make_server(graph, host=host, port=port, workers=workers, quiet=quiet, limits=limits)
    page = server.url.removesuffix("sparql")
    typer.echo(f"kg: serving {server.url} (query page {page}); Ctrl-C stops")
    try:
        run_server(server)
    except KeyboardInterrupt:  # how a server is stopped: not an error
        typer.echo("kg: stopped", err=True)


class Protocol(StrEnum):
    auto = "auto"
    gsp = "gsp"
    update = "update"


def _push_errors(err: Exception, args: dict) -> tuple[str, int] | None:
    if isinstance(err, OSError):
        return f"{args['graph']}: cannot read ({err.strerror or err})", 2
    return None


@app.command()
@_handled(interrupted="interrupted; the endpoint may hold part of the graph", raw=_push_errors)
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
        float,
        typer.Option(
            min=0.001, help="Give up on a request not answered within this many seconds in all."
        ),
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
    typer.echo(
        f"Pushed {counted(result.triples, 'triple')} to {_printable(endpoint)}"
        f" ({target.graph_name}, {'replaced' if replace else 'added'}; {target.protocol},"
        f" {counted(result.requests, 'request')}) in {result.seconds:.1f} s"
    )


def _password() -> str:
    password = os.environ.get("KG_ENDPOINT_PASSWORD")
    if password is None:
        raise KgError("--user needs the password in $KG_ENDPOINT_PASSWORD", 2)
    return password


def main() -> None:
    """Console entry point (every command handles its own errors: see :func:`_handled`)."""
    app()
