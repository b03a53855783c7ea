"""Property-based tests: random text, random Unicode names, random sentence structures.

Everything runs in-process through the real pipeline (the session's spaCy model,
:func:`kg.runners.local.extract_all`, :func:`kg.resolve.resolver.resolve`,
:func:`kg.build.write_outputs`)
into temporary folders. For every example: the build does not crash, every output
file parses (rdflib and pyoxigraph), every IRI is safe, distinct entities have
distinct IRIs, names come back unchanged, and the HTML page stays inert. Run with
``--hypothesis-show-statistics`` to see how many examples each test ran.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Literal

from kg.build import write_outputs
from kg.errors import InputError
from kg.inputs.read import make_article
from kg.inputs.sniff import html_to_text
from kg.records import Article
from kg.resolve.resolver import resolve
from kg.runners.local import extract_all
from tests.conftest import EXAMPLE
from tests.test_hostile import assert_html_inert, html_elements, parse_every_format

pytestmark = pytest.mark.slow  # hypothesis runs the whole pipeline on many generated texts

EXAMPLES = 25
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE_BITS = (
    "<script>alert(1)</script>",
    "</textarea>",
    '"',
    "'",
    ">",
    "\\",
    "{{ x }}",
    "{%",
    "\u200f",
    "\u202e",
    "\u2066",
    "😀",
    "👍🏽",
    "\u2028",
    "\x85",
    "\x07",
    "&amp;",
    "%2F",
    "/../",
    "#",
    "?x=1",
    " ",
    "\t",
)

letters = st.characters(categories=("Lu", "Ll", "Lt", "Lo", "Lm", "Mn"))
plain_word = st.text(letters, min_size=1, max_size=12).map(lambda w: w[:1].upper() + w[1:])
ascii_word = st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True)
hostile_word = st.builds(
    lambda a, bit, b: a + bit + b,
    ascii_word,
    st.sampled_from(HOSTILE_BITS),
    st.text(letters, max_size=4),
)
long_word = st.builds(lambda w, n: w * n, ascii_word, st.integers(20, 80))
word = st.one_of(ascii_word, ascii_word, plain_word, hostile_word, long_word)
name = st.lists(word, min_size=1, max_size=3).map(" ".join)

TEMPLATES = (
    "{A}, chairman of {B}, criticised {C}.",
    "Mayor {A} praised {C} on Monday.",
    "{C} resigned from {B} after {A} accused {C} of lying.",
    '"{Q}," said {A}, the chief executive of {B}.',
    "{A} was appointed by {B}, which is based in {P}.",
    "Police in {P} said {A} had backed {C}.",
    "The {B} chief {A} clashed with {C} in {P}.",
    "{Q}",
)
sentence = st.builds(
    lambda template, a, b, c, p, q: template.format(A=a, B=b, C=c, P=p, Q=q),
    st.sampled_from(TEMPLATES),
    name,
    name,
    name,
    name,
    st.text(max_size=60),
)
article_text = st.lists(
    st.tuples(sentence, st.sampled_from([" ", "\n", "\n\n", " \u2028 "])), min_size=1, max_size=6
).map(lambda parts: "".join(s + sep for s, sep in parts))


@pytest.fixture(scope="module")
def baseline_html(nlp):
    """The elements of a page kg builds from an ordinary article."""
    with tempfile.TemporaryDirectory() as folder:
        article = make_article(EXAMPLE.read_bytes(), "example.txt", "example")
        extractions = extract_all(nlp, [article])
        write_outputs(extractions, resolve(extractions), Path(folder))
        return html_elements((Path(folder) / "graph.html").read_text(encoding="utf-8"))


def build_and_check(nlp, raw: bytes, baseline) -> None:
    """Build one article from bytes and check every output file."""
    try:
        article = make_article(raw, "random.txt", "random")
    except InputError:
        return  # refused with a clear message (empty after cleaning): a valid outcome
    extractions = extract_all(nlp, [article])
    corpus = resolve(extractions)
    slugs = [node.slug for node in corpus.nodes]
    assert len(slugs) == len(set(slugs)), "two entities share an IRI"
    with tempfile.TemporaryDirectory() as folder:
        outdir = Path(folder)
        write_outputs(extractions, corpus, outdir)
        graph = parse_every_format(outdir)
        labels = {str(o) for o in graph.objects(None, RDFS.label) if isinstance(o, Literal)}
        for node in corpus.nodes:
            assert node.label in labels, node.label
        lines = (outdir / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["doc_id"] for line in lines] == ["random"]
        page = (outdir / "graph.html").read_text(encoding="utf-8")
        assert_html_inert(page, baseline, ("<script>alert", "</textarea>", "\u202e", "\u2028"))


@PROPERTY
@given(text=st.text(max_size=400))
def test_properties_random_text_builds(nlp, baseline_html, text):
    build_and_check(nlp, text.encode("utf-8"), baseline_html)


@PROPERTY
@given(text=article_text)
def test_properties_random_names_in_random_sentences(nlp, baseline_html, text):
    build_and_check(nlp, text.encode("utf-8"), baseline_html)


FAST = settings(max_examples=200, deadline=None, database=None, print_blob=True)


@FAST
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode)))
def test_properties_any_bytes_give_an_article_or_one_clear_error(data):
    for name in ("a.txt", "a.html"):
        try:
            article = make_article(data, name, "a")
        except InputError as err:
            assert str(err).startswith(name + ": ") and "\n" not in str(err)
        else:
            assert article.text.strip() and "\r" not in article.text


@FAST
@given(markup=st.text(st.sampled_from("<>/!-&;#x\"' =abcdehilmnoprstuvy\n"), max_size=200))
def test_properties_html_to_text_takes_any_markup(markup):
    text = html_to_text("<html><script>secret()</script><style>p{}</style>" + markup)
    assert "secret()" not in text and "\n\n\n" not in text and text == text.strip()


NOISE_WORDS = st.text(
    st.characters(categories=("Ll", "Nd", "Po", "Pd", "So", "Zs"), exclude_characters="\"'“”‘’"),
    min_size=1,
    max_size=15,
)
noise = st.lists(
    st.lists(NOISE_WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + "."),
    min_size=1,
    max_size=8,
).map(" ".join)


@pytest.fixture(scope="module")
def fixed_article() -> tuple[str, set[tuple[str, str, str]]]:
    text = make_article(EXAMPLE.read_bytes(), "example.txt", "example").text.rstrip()
    return text, set()


def facts_in(nlp, text: str, limit: int) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) labels of the facts found in ``text[:limit]``."""
    (extraction,) = extract_all(nlp, [Article("fixed", text, "fixed.txt")])
    labels = {e.key: e.label for e in extraction.entities}
    return {
        (labels[r.subject], r.predicate, labels[r.object])
        for r in extraction.relations
        if r.evidence.end <= limit
    }


@PROPERTY
@given(tail=noise)
def test_properties_noise_after_an_article_changes_none_of_its_facts(nlp, fixed_article, tail):
    text, expected = fixed_article
    if not expected:
        expected |= facts_in(nlp, text, len(text))
        assert len(expected) >= 10
    assert facts_in(nlp, text + "\n\n" + tail, len(text)) == expected
