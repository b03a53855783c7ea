"""The builder: articles in; extractions, resolved corpus and output files out."""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from kg.errors import InputError, KgError
from kg.extract import extract
from kg.fileio import atomic_write_text, staged_writes
from kg.records import Article, Corpus, DocumentExtraction
from kg.resolve import resolve

_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, with the inputs it skipped and why."""

    extractions: tuple[DocumentExtraction, ...]
    corpus: Corpus
    skipped: tuple[str, ...] = ()
    seconds: float = 0.0
    files: tuple[Path, ...] = field(default=())


def unique_ids(articles: list[Article]) -> list[Article]:
    """Give articles that share a file stem distinct ids (stem-2, stem-3, ...)."""
    seen: dict[str, int] = {}
    out = []
    for article in articles:
        n = seen.get(article.doc_id, 0) + 1
        seen[article.doc_id] = n
        doc_id = article.doc_id if n == 1 else f"{article.doc_id}-{n}"
        out.append(Article(doc_id, article.text, article.source, article.title))
    return out


def extract_all(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int = 32,
    on_done: Callable[[], None] | None = None,
) -> list[DocumentExtraction]:
    """Run the pipeline over articles with ``nlp.pipe`` and return their records."""
    articles = list(articles)
    out = []
    for doc, article in zip(
        nlp.pipe((a.text for a in articles), batch_size=batch_size), articles, strict=True
    ):
        out.append(extract(doc, article))
        if on_done is not None:
            on_done()
    return out


def extractions_jsonl(extractions: Iterable[DocumentExtraction]) -> str:
    """One JSON object per document, keys sorted, in document order.

    U+0085, U+2028 and U+2029 are written as ``\\u`` escapes, so that readers that
    split lines on them too (Python's ``str.splitlines``) still see one record a line.
    """
    return "".join(
        _LINE_BREAKS.sub(
            lambda m: f"\\u{ord(m.group()):04x}",
            json.dumps(x.to_json(), ensure_ascii=False, sort_keys=True),
        )
        + "\n"
        for x in sorted(extractions, key=lambda x: x.doc_id)
    )


def write_outputs(
    extractions: list[DocumentExtraction],
    corpus: Corpus,
    outdir: Path,
    title: str = "kg graph",
    *,
    infer: bool = False,
    layout: str = "auto",
    html_max_nodes: int | None = None,
) -> list[Path]:
    """Write graph.ttl, graph.jsonld, graph.nt, graph.html and extractions.jsonl.

    ``infer`` adds the facts the ontology implies to the RDF files (see kg.infer).
    ``layout`` and ``html_max_nodes`` shape graph.html only (see kg.export.html).
    """
    from kg.export.html import write_html
    from kg.export.rdf import write_rdf
    from kg.graph import build_graph

    check_output_folder(outdir)
    graph = build_graph(corpus)
    if infer:
        from kg.infer import with_inferences

        graph = with_inferences(graph)
    html_path, jsonl = outdir / "graph.html", outdir / "extractions.jsonl"
    try:
        with staged_writes():  # all files replaced together, or none
            files = list(write_rdf(graph, outdir))
            write_html(corpus, html_path, title=title, layout=layout, max_nodes=html_max_nodes)
            atomic_write_text(jsonl, extractions_jsonl(extractions))
    except OSError as err:
        raise KgError(f"{outdir}: cannot write the output ({err.strerror or err})", 3) from None
    return [*files, html_path, jsonl]


def check_output_folder(outdir: Path) -> None:
    """Create ``outdir`` if needed; raise KgError (exit code 3) if it cannot be written."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=outdir):
            pass
    except OSError as err:
        raise KgError(f"{outdir}: cannot write the output folder ({err.strerror})", 3) from None


def build(
    nlp: Language,
    articles: list[Article],
    outdir: Path,
    *,
    min_confidence: float = 0.0,
    skipped: tuple[str, ...] = (),
    batch_size: int = 32,
    on_done: Callable[[], None] | None = None,
    infer: bool = False,
    layout: str = "auto",
    html_max_nodes: int | None = None,
) -> BuildResult:
    """Extract, resolve and write a build of ``articles`` into ``outdir``."""
    if not articles:
        raise InputError("no article to build (every input was empty or skipped)")
    started = time.perf_counter()
    check_output_folder(outdir)  # before the long part
    extractions = extract_all(nlp, unique_ids(articles), batch_size, on_done)
    corpus = resolve(extractions, min_confidence=min_confidence)
    files = write_outputs(
        extractions, corpus, outdir, infer=infer, layout=layout, html_max_nodes=html_max_nodes
    )
    return BuildResult(
        tuple(extractions), corpus, skipped, time.perf_counter() - started, tuple(files)
    )
