"""The builder: articles in; extractions, resolved corpus and output files out."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from spacy.language import Language

from kg.config import DEFAULT_MIN_CONFIDENCE, OUTPUT_FILES, STORE_THRESHOLD
from kg.errors import InputError, KgError
from kg.escapes import escape_chars
from kg.fileio import (
    atomic_write_text,
    atomic_write_with,
    clean_stale,
    generation_of,
    locked_folder,
    staged_writes,
    terminate_unwinds,
)
from kg.inputs.ids import unique_ids
from kg.inputs.sources import relative_source
from kg.nlp.extract import content_hash
from kg.records import Article, Corpus, DocumentExtraction
from kg.resolve.resolver import MERGES_FILE, merge_report, resolve
from kg.resolve.rules import find_merge_rules
from kg.resolve.types import cue_mentions
from kg.runners.local import Extractor, local_extractor

if TYPE_CHECKING:
    from kg.export.html.source import PageGraph

_INFER_NEEDS_MEMORY = "inferred facts need an in-memory build, not the on-disk store"


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, with the inputs it skipped and why."""

    extractions: tuple[DocumentExtraction, ...]
    """Every document's record, without most mentions (see :func:`lean`; the full ones
    are in extractions.jsonl)."""
    corpus: Corpus
    skipped: tuple[str, ...] = ()
    seconds: float = 0.0
    files: tuple[Path, ...] = field(default=())
    reused: int = 0
    """Articles an update took from the previous build unchanged (same content hash)."""
    store: bool = False
    """Whether the graph was written to the on-disk store (``OUTDIR/store``)."""


def read_extractions(outdir: Path) -> Iterator[DocumentExtraction]:
    """The extractions of the build in ``outdir`` (its extractions.jsonl), one by one.

    Every line is checked (see :meth:`DocumentExtraction.from_json`): a bad one
    raises :class:`InputError` (exit code 2) naming the file and the line.
    """
    path = Path(outdir) / "extractions.jsonl"
    if not path.is_file():
        return
    try:
        with path.open(encoding="utf-8", newline="\n") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield _extraction_line(path, number, line)
    except (OSError, UnicodeError) as err:
        raise InputError(
            f"{path}: cannot read the previous build ({str(err).splitlines()[0]})",
            setting="update",
        ) from None


def _extraction_line(path: Path, number: int, line: str) -> DocumentExtraction:
    """One record of extractions.jsonl; InputError naming the line if it is not one."""
    try:
        return DocumentExtraction.from_json(json.loads(line))
    except RecursionError:
        problem = "nested too deeply"
    except (ValueError, TypeError, KeyError) as err:
        problem = str(err).splitlines()[0] if str(err) else type(err).__name__
    raise InputError(
        f"{path}, line {number}: cannot read the previous build ({problem})",
        setting="update",
    )


def plan_update(
    articles: list[Article],
    previous: Iterable[DocumentExtraction],
    keep: Callable[[DocumentExtraction], DocumentExtraction] = lambda x: x,
) -> tuple[list[Article], list[DocumentExtraction]]:
    """Split an update into the articles to extract and the extractions to keep.

    An article whose id and text (content hash) are those of a previous one is
    not extracted again (its metadata is refreshed); an article with a known id and
    new text replaces the old one; previous articles not among ``articles`` stay.
    The kept records are passed through ``keep`` (e.g. :meth:`ExtractionSpool.add`); an
    absolute source an older build recorded becomes relative (see kg.inputs.sources).
    """
    given = {a.doc_id: a for a in articles}
    hashes = {a.doc_id: content_hash(a.text) for a in articles}
    kept, seen = [], set()
    for old in previous:
        article = given.get(old.doc_id)
        if article is None:
            kept.append(keep(replace(old, source=relative_source(old.source))))
        elif old.content_hash == hashes[old.doc_id]:
            seen.add(old.doc_id)
            kept.append(
                keep(
                    replace(
                        old,
                        source=article.source,
                        title=article.title,
                        url=article.url,
                        published=article.published,
                        publisher=article.publisher,
                    )
                )
            )
    return [a for a in articles if a.doc_id not in seen], kept


def extraction_line(extraction: DocumentExtraction) -> str:
    """One line of extractions.jsonl: the record as a JSON object, keys sorted.

    U+0085, U+2028 and U+2029 are written as ``\\u`` escapes, so that readers that
    split lines on them too (Python's ``str.splitlines``) still see one record a line.
    """
    return escape_chars(json.dumps(extraction.to_json(), ensure_ascii=False, sort_keys=True)) + "\n"


def extractions_jsonl(extractions: Iterable[DocumentExtraction]) -> str:
    """The text of extractions.jsonl: one line per document, in doc id order."""
    return "".join(map(extraction_line, sorted(extractions, key=lambda x: x.doc_id)))


class ExtractionSpool:
    """The full extraction records of a build on disk; lean copies for resolution.

    Mentions (the bulk of a record) are needed only in extractions.jsonl, so a
    record is written to a temporary file as soon as it is made, and the build keeps
    a copy with only the few that tell an entity's type (:func:`lean`): memory grows
    with the graph, not with the text read.

    >>> from kg.records import Entity, Mention
    >>> spool = ExtractionSpool()
    >>> lean = spool.add(DocumentExtraction("b", "b.txt", "", 1, (Entity(
    ...     "e1", "Ada", "Person", (), (Mention(0, 3, "Ada"),)),)))
    >>> lean.entities[0].mentions, len(spool)
    ((), 1)
    >>> _ = spool.add(DocumentExtraction("a", "a.txt", "", 1))
    >>> [line[:12] for line in spool.lines()]
    ['{"content_ha', '{"content_ha']
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)
        self._where: dict[str, tuple[int, int]] = {}

    def __len__(self) -> int:
        return len(self._where)

    def add(self, extraction: DocumentExtraction) -> DocumentExtraction:
        """Keep ``extraction`` (a later one with the same doc id replaces it); return it lean."""
        data = extraction_line(extraction).encode("utf-8", "surrogatepass")
        self._file.seek(0, 2)
        self._where[extraction.doc_id] = (self._file.tell(), len(data))
        self._file.write(data)
        return lean(extraction)

    def lines(self) -> Iterator[str]:
        """The lines of extractions.jsonl, in doc id order."""
        for doc_id in sorted(self._where):
            offset, size = self._where[doc_id]
            self._file.seek(offset)
            yield self._file.read(size).decode("utf-8", "surrogatepass")

    def write(self, handle: BinaryIO) -> None:
        """Write extractions.jsonl to a binary file."""
        for line in self.lines():
            handle.write(line.encode("utf-8", "surrogatepass"))

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()


def lean(extraction: DocumentExtraction) -> DocumentExtraction:
    """The record without the entities' mentions that resolution does not read: it keeps
    one of each cue to an entity's type ("he", "Mr X", "the firm"; see kg.resolve.types).
    """
    return replace(
        extraction,
        entities=tuple(replace(e, mentions=cue_mentions(e.mentions)) for e in extraction.entities),
    )


def write_outputs(
    extractions: list[DocumentExtraction] | ExtractionSpool,
    corpus: Corpus,
    outdir: Path,
    title: str = "kg graph",
    *,
    infer: bool = False,
    layout: str = "auto",
    html_max_nodes: int | None = None,
    store: bool = False,
) -> list[Path]:
    """Write graph.ttl, graph.jsonld, graph.nt, graph.html, extractions.jsonl, merges.jsonl.

    ``infer`` adds the facts the ontology implies to the RDF files (see kg.rdf.infer).
    ``layout`` and ``html_max_nodes`` shape graph.html only (see kg.export.html.page).
    ``extractions`` may be a spool of full records (see :class:`ExtractionSpool`).
    ``store`` writes the graph into the on-disk store ``OUTDIR/store`` and exports the
    RDF files from it (see kg.sparql.store); otherwise an old store there is removed, so
    that no reader takes a stale store for the build.

    The files are written into a new generation of ``outdir`` and switched in at once
    (see :func:`kg.fileio.publish_generation`). :func:`build` holds the folder's lock;
    a caller of this function alone must not run two at once on one folder.
    """
    from kg.export.html.page import write_html
    from kg.sparql.store import store_path

    check_output_folder(outdir)
    names = (*OUTPUT_FILES, store_path(outdir).name)
    try:
        with generation_of(outdir, names) as generation, staged_writes():
            files, page = _write_graph(corpus, generation, store, infer)
            write_html(
                page,
                generation / "graph.html",
                title=title,
                layout=layout,
                max_nodes=html_max_nodes,
            )
            _write_records(extractions, corpus, generation)
    except OSError as err:
        raise KgError(f"{outdir}: cannot write the output ({err.strerror or err})", 3) from None
    return [outdir / path.name for path in files] + [
        outdir / name for name in ("graph.html", "extractions.jsonl", MERGES_FILE)
    ]


def _write_graph(
    corpus: Corpus, folder: Path, store: bool, infer: bool
) -> tuple[list[Path], PageGraph]:
    """Write the RDF files (and the store) into ``folder``; return them and the page."""
    if not store:
        return _write_memory(corpus, folder, infer)
    if infer:
        raise InputError(_INFER_NEEDS_MEMORY, setting="store")
    return _write_store(corpus, folder)


def _write_records(
    extractions: list[DocumentExtraction] | ExtractionSpool, corpus: Corpus, folder: Path
) -> None:
    """Write merges.jsonl and extractions.jsonl into ``folder``."""
    atomic_write_text(folder / MERGES_FILE, merge_report(corpus))
    jsonl = folder / "extractions.jsonl"
    if isinstance(extractions, ExtractionSpool):
        atomic_write_with(jsonl, extractions.write)
    else:
        atomic_write_text(jsonl, extractions_jsonl(extractions))


def _write_memory(corpus: Corpus, outdir: Path, infer: bool) -> tuple[list[Path], PageGraph]:
    """Write the RDF files from an in-memory graph; return them and the page read from it."""
    from kg.export.html.source import from_rdf
    from kg.export.rdf import write_rdf
    from kg.rdf.graph import build_graph

    graph = build_graph(corpus)
    if infer:
        from kg.rdf.infer import with_inferences

        graph = with_inferences(graph)
    return list(write_rdf(graph, outdir)), from_rdf(graph)


def _write_store(corpus: Corpus, outdir: Path) -> tuple[list[Path], PageGraph]:
    """Write the store and the RDF files exported from it; return them and the page read
    from the store."""
    from kg.export.html.source import from_store
    from kg.export.rdf import stable_bnodes
    from kg.rdf.graph import add_corpus
    from kg.rdf.ontology import load_ontology, new_graph
    from kg.sparql.store import export, open_new_store, store_path

    ontology = stable_bnodes(load_ontology())  # named by content: same ids every run
    prefixes = {p: str(ns) for p, ns in new_graph().namespaces() if p}
    with open_new_store(store_path(outdir)) as sink:
        add_corpus(sink, corpus, ontology)
    return [store_path(outdir), *export(sink.store, outdir, prefixes)], from_store(sink.store)


def check_output_folder(outdir: Path) -> None:
    """Create ``outdir`` if needed; raise KgError (exit code 3) if it cannot be written."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=outdir):
            pass
    except OSError as err:
        raise KgError(f"{outdir}: cannot write the output folder ({err.strerror})", 3) from None


def check_output(outdir: Path, merge_rules: Path | None = None) -> None:
    """Fail fast, before a model loads: the output folder must be writable and the
    merge rules (``merge_rules``, else ``OUTDIR/merge-rules.txt``) must parse.

    Raises :class:`KgError` (exit code 3 for the folder, 2 for the rules).
    """
    check_output_folder(outdir)
    find_merge_rules(outdir, merge_rules)


def build(
    nlp: Language | None,
    articles: list[Article],
    outdir: Path,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    skipped: tuple[str, ...] = (),
    batch_size: int = 32,
    on_done: Callable[[], None] | None = None,
    infer: bool = False,
    layout: str = "auto",
    html_max_nodes: int | None = None,
    extractor: Extractor | None = None,
    update: bool = False,
    store: str = "auto",
    merge_rules: Path | None = None,
) -> BuildResult:
    """Extract, resolve and write a build of ``articles`` into ``outdir``.

    ``extractor`` (default: ``nlp`` in this process) may run elsewhere: several
    processes (kg.runners.processes) or a Dask cluster (kg.runners.cluster). ``update`` keeps the
    articles of the build already in ``outdir`` and extracts only new or changed
    ones; the result equals a full build of all of them. ``store`` is ``memory``,
    ``disk`` or ``auto`` (disk from :data:`STORE_THRESHOLD` documents on, unless
    ``infer``: the inference runs on an in-memory graph).
    ``merge_rules`` names a file of never/always-merge rules (default:
    ``OUTDIR/merge-rules.txt`` when it exists; see kg.resolve.rules).
    """
    if not articles:
        raise InputError("no article to build (every input was empty or skipped)")
    if store not in ("auto", "memory", "disk"):
        raise ValueError(f"store must be auto, memory or disk, not {store!r}")
    if infer and store == "disk":
        raise InputError(_INFER_NEEDS_MEMORY, setting="store")
    started = time.perf_counter()
    check_output_folder(outdir)  # before the long part
    with locked_folder(outdir), terminate_unwinds():  # one build at a time
        clean_stale(outdir)  # what killed builds left
        rules = find_merge_rules(outdir, merge_rules)  # a bad line fails before extraction
        if extractor is None:
            if nlp is None:
                raise ValueError("build needs nlp or an extractor")
            extractor = local_extractor(nlp, batch_size)
        spool = ExtractionSpool(outdir)
        try:
            previous = read_extractions(outdir) if update else ()
            todo, kept = plan_update(unique_ids(articles), previous, spool.add)
            if on_done is not None:
                for _ in range(len(articles) - len(todo)):
                    on_done()
            fresh = [spool.add(x) for x in extractor(todo, on_done)]
            extractions = sorted([*kept, *fresh], key=lambda x: x.doc_id)
            corpus = resolve(extractions, min_confidence=min_confidence, rules=rules)
            use_store = store == "disk" or (
                store == "auto" and not infer and len(extractions) >= STORE_THRESHOLD
            )
            files = write_outputs(
                spool,
                corpus,
                outdir,
                infer=infer,
                layout=layout,
                html_max_nodes=html_max_nodes,
                store=use_store,
            )
        finally:
            spool.close()
    return BuildResult(
        tuple(extractions),
        corpus,
        skipped,
        time.perf_counter() - started,
        tuple(files),
        reused=len(articles) - len(todo),
        store=use_store,
    )
