"""Hostile and broken input: one clear line and a documented exit code, or a correct result.

The CLI runs in-process (``CliRunner``) with the session's spaCy pipeline, so no test
here loads the model again. Exit codes (README): 2 bad input, 3 output not writable,
4 bad query, 130 interrupted.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from kg import config
from kg.build import build
from kg.cli import app
from kg.errors import InputError
from kg.inputs.read import make_article, read_article
from kg.inputs.sniff import html_to_text, looks_like_html, read_latin1
from kg.rdf.ontology import load_ontology
from kg.records import DocumentExtraction, Entity
from kg.resolve.resolver import resolve
from tests.conftest import EXAMPLE, EXAMPLE_GOLD

runner = CliRunner()

FORMATS = {"graph.ttl": "turtle", "graph.nt": "nt", "graph.jsonld": "json-ld"}
OX_FORMATS = {
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.nt": ox.RdfFormat.N_TRIPLES,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}
SAFE_RESOURCE = re.compile(
    re.escape(config.RESOURCE) + r"(?:(?:person|organization|place)/[a-z0-9]+(?:-[a-z0-9]+)*"
    r"|document/[A-Za-z0-9%._~-]+|quote/[A-Za-z0-9%._~-]+-[0-9]+)"
)
SAFE_TERM = re.compile(re.escape(config.KG) + r"[A-Za-z][A-Za-z0-9]*")


@pytest.fixture
def kg_cli(nlp, monkeypatch):
    """Run ``kg`` in-process with the session pipeline instead of loading the model."""
    monkeypatch.setattr("kg.nlp.build_pipeline", lambda *args, **kwargs: nlp)

    def invoke(*args: str, stdin: bytes | None = None):
        return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)

    return invoke


def assert_one_line_error(result, code: int, *words: str) -> None:
    """Exactly one stderr line, ``kg: error: ...`` with ``words``, exit ``code``."""
    lines = result.stderr.splitlines()
    assert result.exit_code == code, result.output
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), lines
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]


# ---- kg build: inputs that cannot be an article -------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


BAD_INPUTS = {
    "empty.txt": (b"", "empty article"),
    "blank.txt": (b" \n\t\r\n  \n", "empty article"),
    "random.txt": (bytes(range(256)) * 8, "binary content"),
    "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "a PDF"),
    "report.txt": (b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n", "a PDF"),
    "letter.txt": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "a zip"),
    "damaged.txt": ("Mayor Zoë Roe said ".encode() + b"\xff\xfe\xfa.", "not valid UTF-8 text"),
    "cut.txt": ("Mayor Zoë Roe said ".encode() + "é".encode()[:1], "not valid UTF-8 text"),
    "noise.txt": (b"Mayor Roe \xff\xfe\xfa\xfb said no.", "not valid UTF-8 text"),
    "bad16.txt": (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "not valid UTF-16"),
    "page.html": (b"<!doctype html><script>var a = 'Mayor Evil';</script><p> </p>", "empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_hostile_build_refuses_unusable_file(kg_cli, tmp_path, name):
    data, words = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(data)
    result = kg_cli("build", str(tmp_path / name), "-o", str(tmp_path / "out"), "-q")
    assert_one_line_error(result, 2, str(tmp_path / name), words)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_hostile_build_refuses_50_mb_article_from_its_size(kg_cli, tmp_path, monkeypatch):
    big = _sparse(tmp_path / "big.txt", 50 * 2**20)

    opened = []
    real_open = Path.open
    monkeypatch.setattr(
        Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k)
    )
    result = kg_cli("build", str(big), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, 2, "big.txt", "52,428,800 bytes", "over the limit", "--max-chars")
    assert big not in opened  # refused from its size, unread
    small = tmp_path / "small.txt"
    small.write_text("Mayor Jane Roe praised Tom Bell. " * 10)
    result = kg_cli("build", str(small), "--max-chars", "100", "-o", str(tmp_path / "out"))
    assert_one_line_error(result, 2, "small.txt", "330 characters is over the limit of 100")
    result = kg_cli("build", "-", "--max-chars", "10", "-o", str(tmp_path / "out"), stdin=b"x" * 99)
    assert_one_line_error(result, 2, "<stdin>: 44 bytes is over the limit of 10 characters")


@pytest.mark.parametrize(
    "setup, code, words",
    [
        (lambda p: p / "missing.txt", 2, ["missing.txt: no such file or folder"]),
        (lambda p: _folder(p / "notext", {"a.md": "x", "b.pdf": "%PDF"}), 2, ["no .txt files"]),
        (lambda p: Path("/dev/null"), 2, ["not a regular file"]),
    ],
)
def test_hostile_build_bad_paths(kg_cli, tmp_path, setup, code, words):
    result = kg_cli("build", str(setup(tmp_path)), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, code, *words)


def test_hostile_build_output_not_writable(kg_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Mayor Jane Roe praised Tom Bell.")
    (tmp_path / "file").write_text("a file, not a folder")
    for out in (tmp_path / "file", tmp_path / "file" / "out"):
        result = kg_cli("build", str(tmp_path / "a.txt"), "-o", str(out))
        assert_one_line_error(result, 3, str(out), "cannot write the output folder")


def test_hostile_build_control_characters_in_file_names_are_escaped(kg_cli, tmp_path):
    bad = tmp_path / "a\nb\x1b[31m.txt"
    bad.write_bytes(b"")
    result = kg_cli("build", str(bad), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, 2, "a\\nb\\x1b[31m.txt", "empty article")


# ---- kg build: usable inputs give a correct result ----------------------------------


def _folder(path: Path, files: dict[str, str | bytes]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _records(outdir: Path) -> dict[str, dict]:
    lines = (outdir / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc_id"]: r for r in map(json.loads, lines)}


def _facts(record: dict) -> set[tuple[str, str, str]]:
    labels = {e["key"]: e["label"] for e in record["entities"]}
    return {
        (labels[r["subject"]], r["predicate"], labels[r["object"]]) for r in record["relations"]
    }


GOOD = "Mayor Jane Roe praised Tom Bell on Monday."
GOOD_FACT = ("Tom Bell", "praisedBy", "Jane Roe")


def test_hostile_build_mixed_folder_skips_bad_files_and_counts_them(kg_cli, tmp_path):
    latin = "Mayor José García criticised Tom Bell. He called it “a disgrace” – twice."
    html_page = (
        "<!DOCTYPE html><html><head><title>Local news</title><style>p{color:red}</style>"
        "<script>document.write('Mayor Evil Doer praised Nobody Atall.')</script></head>"
        f"<body><nav>Home</nav><p>{GOOD.replace('Tom', '<b>Tom</b>')}</p><p>A &amp; B</p>"
        "</body></html>"
    )
    inputs = _folder(
        tmp_path / "in",
        {
            "good.txt": GOOD,
            "latin.TXT": latin.encode("cp1252"),
            "page.htm": html_page,
            "sniffed.txt": html_page,
            "utf16.txt": codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
            "empty.txt": "",
            "scan.txt": b"%PDF-1.5\n",
            "notes.md": "not read",
        },
    )
    result = kg_cli("build", str(inputs), str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    err = result.stderr.splitlines()
    assert sum(line.startswith("kg: skipped ") for line in err) == 3, err
    assert any("empty.txt: empty article" in line for line in err)
    assert any("scan.txt: not a text file (a PDF" in line for line in err)
    assert any("latin.TXT is not UTF-8; read it as Windows-1252" in line for line in err)
    assert "5 documents" in result.stdout and "3 inputs skipped" in result.stdout
    records = _records(tmp_path / "out")
    assert set(records) == {"good", "latin", "page", "sniffed", "utf16"}
    assert ("Tom Bell", "criticisedBy", "José García") in _facts(records["latin"])
    for doc in ("good", "page", "sniffed", "utf16"):
        assert GOOD_FACT in _facts(records[doc]), doc
    for doc in ("page", "sniffed"):
        assert records[doc]["title"] == "Local news"
        labels = {e["label"] for e in records[doc]["entities"]}
        assert not labels & {"Evil Doer", "Nobody Atall"}  # script text is not article text
    strict = kg_cli("build", str(inputs), "--strict", "-o", str(tmp_path / "out2"))
    assert_one_line_error(strict, 2, "empty.txt: empty article")
    assert not (tmp_path / "out2" / "graph.ttl").exists()


def test_hostile_build_every_input_bad(kg_cli, tmp_path):
    inputs = _folder(tmp_path / "in", {"a.txt": "", "b.txt": b"\x00\x01"})
    result = kg_cli("build", str(inputs), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    err = result.stderr.splitlines()
    assert len(err) == 3
    assert err[-1] == "kg: error: no readable article among the inputs (2 skipped)"


def test_hostile_build_html_from_stdin(kg_cli, tmp_path):
    page = f"<html><body><p>{GOOD}</p><script>alert('x')</script></body></html>"
    result = kg_cli("build", "-", "-o", str(tmp_path / "out"), stdin=page.encode())
    assert result.exit_code == 0, result.output
    (record,) = _records(tmp_path / "out").values()
    assert GOOD_FACT in _facts(record)
    assert "alert" not in json.dumps(record)


@pytest.mark.parametrize(
    "text",
    [
        "Mayor José García said “no” – twice… for 10 €.",
        "Ærøskøbing council met à Paris; Ñandú Ltd’s chief quit.",
        "caf\xe9",
        "Øl og æbler, Straße, façade, naïve, Œuvre.",
    ],
)
def test_hostile_latin1_is_read_when_plausible(text):
    data = text.encode("cp1252")
    assert read_latin1(data) == text
    notes = []
    assert make_article(data, "a.txt", "a", on_note=notes.append).text == text
    assert notes == ["a.txt is not UTF-8; read it as Windows-1252 (Latin-1)"]


@pytest.mark.parametrize(
    "data",
    [
        "café".encode() + b" \xe9t\xe9",  # UTF-8 with Latin-1 pasted in: damaged
        b"Roe \xff\xfe\xfa said",  # three in a row
        b"Roe \xe9\xe8 said",  # a word of non-ASCII letters only
        b"Roe \x81 said",  # undefined in Windows-1252
        b"Roe \xa4\xa6 said",  # signs that are not typographic text
    ],
)
def test_hostile_not_utf8_and_not_latin1_is_refused(data):
    assert read_latin1(data) is None
    with pytest.raises(InputError, match="not valid UTF-8 text"):
        make_article(data, "a.txt", "a")


def test_hostile_html_to_text():
    page = (
        "<!DOCTYPE html><html><head><title>Chief quits</title><style>p{}</style>"
        "<script>var s = '</p>Mayor Evil';</script></head><body><nav>Home</nav>"
        "<article><h1>Chief &amp; deputy quit</h1><p>Mayor <b>Jane</b>\n  Roe said&nbsp;so."
        "<br>Next line.</p><!-- a comment --><template><p>Hidden</p></template>"
        "<ul><li>One</li><li>Two</li></ul></article></body></html>"
    )
    assert html_to_text(page) == (
        "Chief quits\n\nHome\n\nChief & deputy quit\n\nMayor Jane Roe said so.\n"
        "Next line.\n\nOne\n\nTwo"
    )
    assert looks_like_html("a.HTM", "x") and looks_like_html("a.txt", "\n <HTML lang=en>")
    assert not looks_like_html("a.txt", "<p>an article that quotes markup</p>")


def test_hostile_names_that_slug_alike_never_share_an_iri():
    digest = hashlib.sha1(b"a b").hexdigest()[:8]
    names = ["A B", "A-B", "a_b", f"A B {digest}", "東京", "大阪", "X " + "Y" * 80, "X " + "Y" * 81]
    entities = tuple(Entity(f"e{i}", n, "Person") for i, n in enumerate(names))
    corpus = resolve([DocumentExtraction("d", "d.txt", "", 1, entities)])
    slugs = [node.slug for node in corpus.nodes]
    assert len(corpus.nodes) == len(names) and len(set(slugs)) == len(slugs), slugs
    for slug in slugs:
        assert SAFE_RESOURCE.fullmatch(config.RESOURCE + slug), slug


# ---- kg query and kg eval ------------------------------------------------------------


@pytest.fixture(scope="module")
def small_build(nlp, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    build(nlp, [read_article(str(EXAMPLE))], out)
    return out


@pytest.mark.parametrize(
    "sparql, words",
    [
        ("SELECT ?s WHERE { ?s ?p }", ["invalid SPARQL"]),
        ("SELECT * WHERE { ?s ?p ?o ", ["invalid SPARQL"]),
        ("DELETE WHERE { ?s ?p ?o }", ["update", "refused"]),
        ("prefix x: <urn:x#> # insert\n insert data { x:a x:b x:c }", ["refused"]),
        ("LOAD <http://example.org/data.ttl>", ["refused"]),
        ("CLEAR ALL", ["refused"]),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", ["refused"]),
    ],
)
def test_hostile_query_errors(kg_cli, small_build, sparql, words):
    before = (small_build / "graph.ttl").read_bytes()
    assert_one_line_error(kg_cli("query", str(small_build), sparql), 4, *words)
    assert (small_build / "graph.ttl").read_bytes() == before


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("graph.ttl", b"\x89PNG\r\n\x1a\n\x00\xff", ["not a turtle graph"]),
        ("cut.nt", b'<urn:a> <urn:b> "unterminated\n', ["not a valid nt graph"]),
        ("bad.ttl", b"@prefix x: <u:> . x:a x:b", ["not a valid turtle graph"]),
        ("bad.jsonld", b'{"@graph": [', ["not a valid json-ld graph"]),
        ("graph.html", b"<html></html>", ["unknown graph format"]),
    ],
)
def test_hostile_query_broken_graph(kg_cli, tmp_path, name, data, words):
    (tmp_path / name).write_bytes(data)
    target = tmp_path if name == "graph.ttl" else tmp_path / name
    assert_one_line_error(kg_cli("query", str(target), "ASK {}"), 2, name, *words)


def test_hostile_query_missing_graph(kg_cli, tmp_path):
    assert_one_line_error(kg_cli("query", str(tmp_path / "nope"), "ASK {}"), 2, "no graph")


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("a.gold.json", b"", ["not a gold file"]),
        ("b.gold.json", b"\xff\xfe\x00", ["not a gold file"]),
        ("c.gold.json", b"[1, 2]", ["not a gold file", "not a JSON object"]),
        ("d.gold.json", b'{"relations": [{"s": "x"}]}', ["not a gold file"]),
        ("e.gold.json", None, ["no such file"]),
        ("empty", "folder", ["folder has no .gold.json files"]),
    ],
)
def test_hostile_eval_bad_gold(kg_cli, small_build, tmp_path, name, data, words):
    if data == "folder":
        (tmp_path / name).mkdir()
    elif data is not None:
        (tmp_path / name).write_bytes(data)
    result = kg_cli("eval", str(small_build), str(tmp_path / name))
    assert_one_line_error(result, 2, name, *words)


def test_hostile_eval_broken_graph(kg_cli, tmp_path):
    (tmp_path / "graph.ttl").write_text("@prefix broken")
    result = kg_cli("eval", str(tmp_path), str(EXAMPLE_GOLD))
    assert_one_line_error(result, 2, "graph.ttl", "not a valid turtle graph")


# ---- text is data: a hostile article through the real pipeline ----------------------

HOSTILE_ARTICLE = (
    "Big <script>alert(1)</script> news\n\n"
    "Mayor Zoë \"Zed\" O'Neil-Smith criticised Tom <script>alert('x')</script> Bell on "
    "Monday. Ahmed \u200fالعربي\u200f, chairman of Acme {{ 7*7 }} Corp, praised "
    'Zoë O\'Neil-Smith. "We \\ will </textarea> win 😀," said Tom Bell. '
    "Jane </textarea><img src=x onerror=alert(1)> Roe, chairman of Big>Bank, criticised "
    "Li Wei\u202e\u2066 \U0001f600.\n\n"
    "Ctrl\x85 chars \u2028 and {% raw %} ${x} `y` &amp; &lt;b&gt; %00 came, said Maria "
    "\u00ab\u00a0Sánchez\u00a0\u00bb, chairman of "
    + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 30
    + " Holdings.\n"
)
"""Markup, template syntax, quotes, a backslash, right-to-left marks and overrides,
emoji, a C1 control, a line separator and a 1,350-letter word, in names and quotes."""
AHMED = "Ahmed العربي"
"""The name without its right-to-left marks (format characters), which the evidence keeps."""
LONG_ORG = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 30 + " Holdings"
HOSTILE_STRINGS = (
    "<script>alert",
    "</textarea>",
    "<img src=x",
    "Big>Bank",
    "\u202e",
)
HOSTILE_NAME = "evil <b>\"'\n name.txt"


@pytest.fixture(scope="module")
def hostile_build(nlp, tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / HOSTILE_NAME
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = folder / "out"
    # every fact, however weak: the evidence of each must reach the graph intact
    build(nlp, [read_article(str(article))], out, min_confidence=0.0)
    return out, article


def graph_iris_are_safe(iris: set[str]) -> None:
    """Every IRI is a resource with a safe path, a kg term, or in a vocabulary kg uses."""
    ontology = load_ontology()
    known = {str(t) for triple in ontology for t in triple if isinstance(t, URIRef)}
    vocabularies = tuple(str(ns) for _, ns in ontology.namespaces() if "kg-news" not in ns)
    for iri in iris:
        if iri.startswith(config.RESOURCE):
            assert SAFE_RESOURCE.fullmatch(iri), iri
        elif iri.startswith(config.KG):
            assert SAFE_TERM.fullmatch(iri), iri
        else:
            assert iri in known or iri == config.GRAPH_IRI or iri.startswith(vocabularies), iri


def parse_every_format(outdir: Path) -> Graph:
    """Parse ttl, nt and jsonld with rdflib and pyoxigraph; all agree; return the nt graph."""
    counts, iris = set(), set()
    for name, fmt in FORMATS.items():
        data = (outdir / name).read_text(encoding="utf-8")
        graph = Graph().parse(data=data, format=fmt)
        quads = list(ox.parse(data, OX_FORMATS[name]))
        counts |= {len(graph), len(quads)}
        iris |= {term.value for q in quads for term in q.triple if isinstance(term, ox.NamedNode)}
    assert len(counts) == 1, counts
    graph_iris_are_safe(iris)
    return graph


class _Elements(HTMLParser):
    """The elements of a page: tag names, script attributes, and every attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[tuple[str, str | None], ...]] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        if tag == "script":
            self.scripts.append(tuple(sorted(attrs)))


def html_elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def assert_html_inert(page: str, baseline: _Elements, strings=HOSTILE_STRINGS) -> None:
    """The page has kg's own elements only, and no hostile string appears unescaped.

    ``baseline`` is a page kg built from an ordinary article: the same kinds of
    elements, the same script elements (none with ``src``), no new attributes.
    """
    parsed = html_elements(page)
    assert set(parsed.scripts) == set(baseline.scripts)
    assert not any(name == "src" for attrs in parsed.scripts for name, _ in attrs)
    assert parsed.tags <= baseline.tags and parsed.attributes <= baseline.attributes
    assert "textarea" not in parsed.tags and "img" not in parsed.tags
    assert not any(a.startswith("on") for a in parsed.attributes - baseline.attributes)
    for text in strings:
        assert text not in page, text


def test_hostile_article_facts_keep_the_text(hostile_build):
    outdir, article = hostile_build
    (record,) = _records(outdir).values()
    text = read_article(str(article)).text
    assert record["doc_id"] == "evil <b>\"'\n name"
    assert record["title"] == "Big <script>alert(1)</script> news"
    labels = {e["label"] for e in record["entities"]}
    assert {"Big>Bank", AHMED, "Zoë O'Neil-Smith", LONG_ORG} <= labels
    facts = _facts(record)
    assert (AHMED, "chairmanOf", "Acme") in facts
    assert ("Zoë O'Neil-Smith", "praisedBy", AHMED) in facts
    assert any(o == LONG_ORG for _, _, o in facts)
    for rel in record["relations"]:
        ev = rel["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["sentence"]
    sentences = " ".join(r["evidence"]["sentence"] for r in record["relations"])
    for bad in ("{{ 7*7 }}", "{% raw %}", "Ctrl\x85 chars \u2028", "&lt;b&gt;", "\u200f"):
        assert bad in sentences, bad
    assert record["quotes"][0]["text"] == "We \\ will </textarea> win 😀,"


def test_hostile_article_rdf_parses_everywhere_with_safe_iris(hostile_build):
    outdir, _ = hostile_build
    graph = parse_every_format(outdir)
    literals = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    assert {"Big>Bank", AHMED, LONG_ORG, "Big <script>alert(1)</script> news"} <= literals
    # the source path: relative to where the build ran (a name, or ../.. up to a shared
    # folder), never absolute
    assert any(v.endswith(HOSTILE_NAME) and not v.startswith("/") for v in literals)
    assert not any(v.startswith("/") and v.endswith(HOSTILE_NAME) for v in literals)
    assert "We \\ will </textarea> win 😀," in literals
    assert any("{{ 7*7 }}" in s for s in literals)
    assert any("Ctrl\x85 chars \u2028" in s for s in literals)
    iris = {str(s) for s in graph.subjects()}
    assert config.RESOURCE + "organization/big-bank" in iris
    assert config.RESOURCE + "organization/" + "pneumonoultramicroscopicsilicovolcanoconiosis"[
        :60
    ] in iris or any(i.startswith(config.RESOURCE + "organization/pneumono") for i in iris)
    nt = (outdir / "graph.nt").read_text(encoding="utf-8")
    assert len(nt.splitlines()) == nt.count("\n") == len(graph)  # no raw U+2028 or U+0085


def test_hostile_article_html_is_inert(hostile_build, small_build):
    outdir, _ = hostile_build
    page = (outdir / "graph.html").read_text(encoding="utf-8")
    assert_html_inert(page, html_elements((small_build / "graph.html").read_text()))
    assert "Big\\u003eBank" in page  # the name is there, as escaped data
    assert "Acme {{ 7*7 }} Corp" in page  # template syntax stays text: never evaluated


def test_hostile_article_query_output(hostile_build):
    outdir, _ = hostile_build
    query = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    result = runner.invoke(app, ["query", str(outdir), query, "--format", "json"])
    assert result.exit_code == 0, result.output
    labels = {row["l"] for row in json.loads(result.stdout)}
    assert {"Big>Bank", AHMED, LONG_ORG} <= labels
