"""The builder: articles in; extractions, resolved corpus and output files out."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from kg.errors import InputError, KgError
from kg.extract import extract
from kg.fileio import atomic_write_text
from kg.records import Article, Corpus, DocumentExtraction
from kg.resolve import resolve


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
    """One JSON object per document, keys sorted, in document order."""
    return "".join(
        json.dumps(x.to_json(), ensure_ascii=False, sort_keys=True) + "\n"
        for x in sorted(extractions, key=lambda x: x.doc_id)
    )


def write_outputs(
    extractions: list[DocumentExtraction], corpus: Corpus, outdir: Path, title: str = "kg graph"
) -> list[Path]:
    """Write graph.ttl, graph.jsonld, graph.nt, graph.html and extractions.jsonl."""
    from kg.export.html import write_html
    from kg.export.rdf import write_rdf
    from kg.graph import build_graph

    try:
        outdir.mkdir(parents=True, exist_ok=True)
        probe = outdir / ".kg-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as err:
        raise KgError(f"{outdir}: cannot write the output folder ({err.strerror})", 3) from None
    graph = build_graph(corpus)
    files = list(write_rdf(graph, outdir))
    html_path = outdir / "graph.html"
    write_html(corpus, html_path, title=title)
    files.append(html_path)
    jsonl = outdir / "extractions.jsonl"
    atomic_write_text(jsonl, extractions_jsonl(extractions))
    files.append(jsonl)
    return files


def build(
    nlp: Language,
    articles: list[Article],
    outdir: Path,
    *,
    min_confidence: float = 0.0,
    skipped: tuple[str, ...] = (),
    batch_size: int = 32,
    on_done: Callable[[], None] | None = None,
) -> BuildResult:
    """Extract, resolve and write a build of ``articles`` into ``outdir``."""
    if not articles:
        raise InputError("no article to build (every input was empty or skipped)")
    started = time.perf_counter()
    extractions = extract_all(nlp, unique_ids(articles), batch_size, on_done)
    corpus = resolve(extractions, min_confidence=min_confidence)
    files = write_outputs(extractions, corpus, outdir)
    return BuildResult(
        tuple(extractions), corpus, skipped, time.perf_counter() - started, tuple(files)
    )
