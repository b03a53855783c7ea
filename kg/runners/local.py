"""Extraction in this process: ``nlp.pipe`` over the articles, records out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from kg.errors import KgError
from kg.nlp.extract import extract
from kg.records import Article, DocumentExtraction

Extractor = Callable[[list[Article], Callable[[], None] | None], Iterable[DocumentExtraction]]
"""Turns articles into their extractions, in order, calling back once per article."""


def extract_all(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int = 32,
    on_done: Callable[[], None] | None = None,
) -> list[DocumentExtraction]:
    """Run the pipeline over articles with ``nlp.pipe`` and return their records."""
    return list(extract_stream(nlp, articles, batch_size, on_done))


def extract_stream(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int = 32,
    on_done: Callable[[], None] | None = None,
) -> Iterator[DocumentExtraction]:
    """Yield the records of articles as ``nlp.pipe`` finishes them (streaming)."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
        yield extract(doc, article)
        if on_done is not None:
            on_done()


def local_extractor(nlp: Language, batch_size: int = 32) -> Extractor:
    """The :data:`Extractor` that runs ``nlp`` in this process."""
    return lambda articles, on_done: extract_stream(nlp, articles, batch_size, on_done)


def load_model(model: str) -> Language:
    """The spaCy pipeline of the model package ``model`` with kg's components.

    Raises :class:`KgError` (exit code 2) with one line when it cannot be loaded.
    """
    from kg.nlp import build_pipeline

    try:
        return build_pipeline(model)
    except (ImportError, OSError) as err:
        raise KgError(f"cannot load the spaCy model {model!r}: {err}", 2) from None
