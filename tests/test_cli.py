"""The kg command line: help, build, query, eval, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import ARTICLES, EXAMPLE, EXAMPLE_GOLD

runner = CliRunner()


def kg(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        input=stdin,
        timeout=300,
        env=dict(os.environ, COLUMNS="200"),
    )


def assert_one_line_error(run: subprocess.CompletedProcess, code: int, *words: str) -> None:
    err = run.stderr.decode()
    assert run.returncode == code, err
    assert "Traceback" not in err
    assert err.startswith("kg:") or "kg: error" in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["eval"]])
def test_cli_help_is_complete(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    if command == ["build"]:
        for option in ("--out", "--min-confidence", "--max-chars", "--strict", "--quiet"):
            assert option in result.output


def test_cli_build_from_stdin_and_summary(tmp_path):
    run = kg("build", "-", "-o", str(tmp_path / "out"), stdin=EXAMPLE.read_bytes())
    assert run.returncode == 0, run.stderr.decode()
    summary = run.stdout.decode()
    assert "1 document," in summary and "entities" in summary and "relations" in summary
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_cli_build_skips_bad_file_and_counts_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Mayor Jane Roe praised Tom Bell on Monday.")
    (tmp_path / "in" / "empty.txt").write_text("")
    run = kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q")
    assert run.returncode == 0
    assert "empty.txt: empty article" in run.stderr.decode()
    assert ": 1 document, " in run.stdout.decode()
    assert ", 1 input skipped" in run.stdout.decode()
    strict = kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "--strict")
    assert_one_line_error(strict, 2, "empty.txt")


@pytest.mark.parametrize(
    "setup, code, words",
    [
        (lambda p: str(p / "missing.txt"), 2, ["no such file"]),
        (lambda p: _write(p / "bin.txt", b"\x00\x01\x02PK\x03\x04"), 2, ["binary"]),
        (lambda p: _write(p / "bad.txt", "café".encode() + b"\xff"), 2, ["UTF-8"]),
        (lambda p: str(_mkdir(p / "nothing")), 2, ["no .txt files"]),
    ],
)
def test_cli_build_bad_input_is_one_clear_line(tmp_path, setup, code, words):
    run = kg("build", setup(tmp_path), "-o", str(tmp_path / "out"))
    assert_one_line_error(run, code, *words)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_cli_build_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    run = kg("build", str(EXAMPLE), "-o", str(blocker / "out"))
    assert_one_line_error(run, 3, "cannot write")


def _write(path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _mkdir(path):
    path.mkdir()
    return path


def test_cli_query_formats(example_build):
    table = runner.invoke(app, ["query", str(example_build), "--named", "roles"])
    assert table.exit_code == 0, table.output
    assert "Margaret Oyelaran" in table.output and "kg:chiefConstableOf" in table.output
    as_csv = runner.invoke(
        app, ["query", str(example_build), "--named", "roles", "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {"Daniel Frost", "Tom Pritchard"} <= {r["person"] for r in rows}
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://kg-news.org/ontology#Person> }"
    as_json = runner.invoke(
        app, ["query", str(example_build / "graph.ttl"), count, "--format", "json"]
    )
    assert int(json.loads(as_json.output)[0]["n"]) >= 7


def test_cli_query_param_is_bound_not_pasted(example_build):
    ok = runner.invoke(
        app, ["query", str(example_build), "--named", "stances", "--param", "who=Aisha Rahman"]
    )
    assert ok.exit_code == 0 and "Tom Pritchard" in ok.output
    hostile = runner.invoke(
        app,
        ["query", str(example_build), "--named", "stances", "--param", 'who=x" } ; DROP ALL ; #'],
    )
    assert hostile.exit_code == 0 and "Tom Pritchard" not in hostile.output


def test_cli_query_file(example_build, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("PREFIX kg: <https://kg-news.org/ontology#>\nASK { ?s kg:mayorOf ?o }")
    result = runner.invoke(app, ["query", str(example_build), "--file", str(query)])
    assert result.exit_code == 0 and "true" in result.output.lower()


@pytest.mark.parametrize(
    "sparql, words",
    [
        ("SELECT ?s WHERE { ?s ?p }", ["SPARQL"]),
        ("DELETE WHERE { ?s ?p ?o }", ["update", "refused"]),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", ["refused"]),
    ],
)
def test_cli_query_errors_are_one_line(example_build, sparql, words):
    run = kg("query", str(example_build), sparql)
    assert_one_line_error(run, 4, *words)


def test_cli_query_missing_graph(tmp_path):
    assert_one_line_error(kg("query", str(tmp_path / "nope"), "ASK {}"), 2)


def test_cli_eval_prints_scores(example_build):
    result = runner.invoke(app, ["eval", str(example_build), str(EXAMPLE_GOLD)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-3:]
    assert last[0].startswith("TOTAL") and "P " in last[0] and "F1 " in last[0]
    assert "must 8/8" in result.output


def test_cli_eval_missing_gold(example_build, tmp_path):
    assert_one_line_error(kg("eval", str(example_build), str(tmp_path / "none.json")), 2, "no such")


@pytest.mark.slow
def test_cli_update_glob_and_store(tmp_path):
    """--update reads only the new article; --store disk is what kg query then reads."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "example.txt").write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    first = kg("build", str(folder / "*.txt"), "-o", str(out), "-q", "--store", "disk")
    assert first.returncode == 0, first.stderr.decode()
    assert "1 document," in first.stdout.decode() and (out / "store").is_dir()
    dev = sorted(ARTICLES.glob("*.txt"))[0]
    (folder / dev.name).write_bytes(dev.read_bytes())
    second = kg("build", "--update", str(out), str(folder), "-q", "--store", "disk")
    assert second.returncode == 0, second.stderr.decode()
    assert "2 documents" in second.stdout.decode()
    assert "1 unchanged article not read again" in second.stdout.decode()
    docs = kg("query", str(out), "SELECT ?d WHERE { ?d a schema:NewsArticle }", "--format", "csv")
    assert docs.returncode == 0, docs.stderr.decode()
    assert sorted(docs.stdout.decode().split()[1:]) == [
        f"https://kg-news.org/resource/document/{dev.stem}",
        "https://kg-news.org/resource/document/example",
    ]
    clash = kg("build", "--update", str(out), str(folder), "-o", str(tmp_path / "other"))
    assert_one_line_error(clash, 2, "--update", "two folders")


def test_cli_every_command_has_the_one_error_handler():
    import typer.main

    group = typer.main.get_group(app)
    commands = [*group.commands.values(), *group.commands["benchmark"].commands.values()]
    callbacks = [c.callback for c in commands if c.name != "benchmark"]
    assert len(callbacks) == 7
    assert all(getattr(c, "__wrapped__", None) is not None for c in callbacks)


def test_cli_names_the_option_that_fixes_a_library_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ada Lovelace wrote the first program.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(article), "--max-chars", "5", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "over the limit of 5 characters (raise it with --max-chars)" in result.output
    result = runner.invoke(app, ["push", str(tmp_path), "--endpoint", "ftp://h/store"])
    assert result.exit_code == 2
    assert "--endpoint: the endpoint must be an http:// or https:// URL" in result.output
    result = runner.invoke(
        app, ["push", str(tmp_path), "--endpoint", "http://h/s", "--graph", "not an iri"]
    )
    assert result.exit_code == 2 and "--graph: graph name 'not an iri'" in result.output


def test_cli_internal_error_is_one_line(monkeypatch, tmp_path):
    import kg.rdf.validate

    def broken(path):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.delenv("KG_DEBUG", raising=False)
    monkeypatch.setattr(kg.rdf.validate, "validate_path", broken)
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "kg: internal error: RuntimeError: boom (set KG_DEBUG=1" in result.output
    assert "second line" not in result.output and "Traceback" not in result.output
