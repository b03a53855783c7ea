"""Score a built graph against gold annotations (``*.gold.json``).

The rules are those of the gold README: relation ends are matched to gold entities
by name (case-insensitive, leading "the" and possessive "'s" ignored); a relation is
correct when subject, property and object match a gold relation, or correct "by
family" when both properties are roles (``holdsPositionIn``, its sub-properties,
``worksFor``). Precision counts every output relation of the core vocabulary.

>>> gold_name_key("The Met's")
'met'
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal

from kg.errors import InputError
from kg.names import normalise_name
from kg.rdf.ontology import (
    CORE_PROPERTIES,
    EVENT_PROPERTIES,
    PLACE_PROPERTIES,
    ROLE_PARENT,
    STANCE_PROPERTIES,
    term,
)
from kg.rdf.prefixes import last_segment
from kg.rdf.vocab import KG
from kg.records import ENTITY_TYPES
from kg.sparql.load import load_graph
from kg.wording import counted

CORE_TYPES = ENTITY_TYPES
README_ROLES = frozenset(
    "holdsPositionIn commissionerOf mayorOf primeMinisterOf homeSecretaryOf chairmanOf"
    " presidentOf leaderOf chiefExecutiveOf ministerOf spokespersonFor".split()
)
"""Role properties the gold README names; any graph sub-property of holdsPositionIn adds."""
OTHER_CORE = CORE_PROPERTIES - {ROLE_PARENT}
IGNORED = frozenset({"mentionedIn", "saidBy", "quotedIn"})
SYMMETRIC = frozenset({"clashedWith"})
FAMILIES = {
    "stance": STANCE_PROPERTIES,
    "event": EVENT_PROPERTIES,
    "place": PLACE_PROPERTIES,
    "membership": frozenset({"memberOf"}),
}
"""Relation families of the report's table; the role family is read from the graph."""
CONFIDENCE_BANDS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.0)
"""Lower edges of the reliability table's confidence bands."""


@dataclass(frozen=True, slots=True)
class GraphEntity:
    """A node typed Person, Organization or Place, with the documents that mention it."""

    iri: str
    label: str
    names: tuple[str, ...]
    type: str
    documents: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GraphFact:
    """An output relation of the core vocabulary (property by local name)."""

    subject: str
    property: str
    object: str
    role: bool
    documents: frozenset[str] = frozenset()
    confidence: float = 1.0
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Judgement:
    """One output fact as scored: its family, confidence, rules and whether it was right."""

    family: str
    property: str
    confidence: float
    rules: tuple[str, ...]
    correct: bool


@dataclass(frozen=True, slots=True)
class GraphFacts:
    """What scoring needs from a graph: entities by IRI, facts, documents' source paths."""

    entities: dict[str, GraphEntity]
    facts: tuple[GraphFact, ...]
    documents: tuple[str, ...] = ()
    roles: frozenset[str] = README_ROLES


@dataclass(frozen=True, slots=True)
class Score:
    """The score of one gold file (or the micro-total of several)."""

    name: str
    doc: str = ""
    output: int = 0
    correct: int = 0
    by_family: int = 0
    family_matches: tuple[str, ...] = ()
    gold_must: int = 0
    found_must: int = 0
    gold_should: int = 0
    found_should: int = 0
    duplicates: int = 0
    duplicate_list: tuple[str, ...] = ()
    wrong_triples: tuple[str, ...] = ()
    wrong_entities: tuple[str, ...] = ()
    wrong_types: tuple[str, ...] = ()
    missed_must: tuple[str, ...] = ()
    missed_should: tuple[str, ...] = ()
    false_positives: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    judged: tuple[Judgement, ...] = ()
    gold_found: tuple[tuple[str, bool], ...] = ()
    """Each gold relation's family and whether it was found."""

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.output)

    @property
    def recall_must(self) -> float:
        return _ratio(self.found_must, self.gold_must)

    @property
    def recall_should(self) -> float:
        return _ratio(self.found_should, self.gold_should)

    @property
    def recall(self) -> float:
        return _ratio(self.found_must + self.found_should, self.gold_must + self.gold_should)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores per gold file and their micro-total."""

    graph: str
    scores: tuple[Score, ...]
    total: Score = field(default_factory=lambda: Score("TOTAL"))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def gold_name_key(name: str) -> str:
    """:func:`kg.names.normalise_name`, with curly apostrophes made straight first.

    Gold files are typed by hand, so ``O'Brien`` in a gold file must match ``O’Brien``
    in an article; resolution keeps the two apart (they are different strings in text).

    >>> gold_name_key("  the  London Metropolitan Police ")
    'london metropolitan police'
    >>> gold_name_key("O’Brien’s") == gold_name_key("O'Brien")
    True
    """
    return normalise_name(name.replace("\u2019", "'"))


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def load_graph_facts(path: str | Path) -> GraphFacts:
    """Read entities and core facts from an output folder or a .ttl/.nt/.jsonld file."""
    return graph_facts(load_graph(path))


def graph_facts(graph: Graph) -> GraphFacts:
    """Extract the entities and the core-vocabulary facts of ``graph``."""
    kinds = {
        cls: core
        for core in CORE_TYPES
        for cls in graph.transitive_subjects(RDFS.subClassOf, KG[core])
    }
    sources = {
        doc: str(graph.value(doc, KG.sourcePath) or "")
        for doc in set(graph.subjects(RDF.type, KG.Document))
        | set(graph.subjects(KG.sourcePath, None))
    }
    mentions: dict[Any, set[str]] = {}
    for node, doc in graph.subject_objects(KG.mentionedIn):
        mentions.setdefault(node, set()).add(sources.get(doc, str(doc)))
    entities: dict[str, GraphEntity] = {}
    for node, cls in sorted(graph.subject_objects(RDF.type)):
        if cls in kinds and str(node) not in entities:
            label = str(graph.value(node, RDFS.label) or last_segment(node))
            alts = sorted(str(a) for a in graph.objects(node, SKOS.altLabel))
            entities[str(node)] = GraphEntity(
                str(node), label, (label, *alts), kinds[cls], frozenset(mentions.get(node, ()))
            )
    roles = {
        last_segment(p) for p in graph.transitive_subjects(RDFS.subPropertyOf, KG.holdsPositionIn)
    }
    roles |= README_ROLES
    core = set(roles) | OTHER_CORE
    for base in list(core):
        core |= {last_segment(p) for p in graph.transitive_subjects(RDFS.subPropertyOf, term(base))}
    kg_ns = str(KG)
    evidence: dict[tuple[str, str, str], set[str]] = {}
    confidence: dict[tuple[str, str, str], float] = {}
    rules: dict[tuple[str, str, str], dict[str, float]] = {}
    for axiom, s in graph.subject_objects(OWL.annotatedSource):
        key = (
            str(s),
            str(graph.value(axiom, OWL.annotatedProperty)),
            str(graph.value(axiom, OWL.annotatedTarget)),
        )
        docs = graph.objects(axiom, KG.evidenceDocument)
        evidence.setdefault(key, set()).update(sources.get(d, str(d)) for d in docs)
        value = max((float(v) for v in graph.objects(axiom, KG.confidence)), default=1.0)
        confidence[key] = max(confidence.get(key, 0.0), value)
        found = rules.setdefault(key, {})
        for rule in graph.objects(axiom, KG.extractedBy):
            found[str(rule)] = max(found.get(str(rule), 0.0), value)
    mirrors = _mirrors(graph)
    facts = tuple(
        GraphFact(
            str(s),
            last_segment(p),
            str(o),
            last_segment(p) in roles or last_segment(p) == "worksFor",
            frozenset(evidence.get((str(s), str(p), str(o)), ())),
            confidence.get((str(s), str(p), str(o)), 1.0),
            _best_first(rules.get((str(s), str(p), str(o)), {})),
        )
        for s, p, o in sorted(graph)
        if str(p).startswith(kg_ns)
        and last_segment(p) in core - IGNORED
        and not isinstance(o, Literal)
        and (s, p, o) not in mirrors
    )
    return GraphFacts(entities, facts, tuple(sorted(set(sources.values()))), frozenset(roles))


def _best_first(rules: dict[str, float]) -> tuple[str, ...]:
    """Rule names, the one of the most confident evidence first (then by name)."""
    return tuple(sorted(rules, key=lambda rule: (-rules[rule], rule)))


def relation_family(prop: str, role: bool) -> str:
    """The family a property belongs to: role (``role`` says whether it is one), stance,
    event, place, membership or other.

    >>> relation_family("praisedBy", role=False), relation_family("mayorOf", role=True)
    ('stance', 'role')
    """
    if role:
        return "role"
    return next((name for name, props in FAMILIES.items() if prop in props), "other")


def _mirrors(graph: Graph) -> set[tuple[Any, Any, Any]]:
    """The triples that only restate another in the other direction: ``Y kg:criticised X``
    beside ``X kg:criticisedBy Y`` (a property declared ``owl:inverseOf`` the stored one).
    They are not facts of their own, so they are not counted."""
    found = set()
    for prop, stored in graph.subject_objects(OWL.inverseOf):
        if prop == stored:
            continue
        for s, o in graph.subject_objects(prop):
            if (o, stored, s) in graph:
                found.add((s, prop, o))
    return found


def _is_role(prop: str, roles: frozenset[str]) -> bool:
    """Whether a gold property is in the role family (by graph or by its name)."""
    if prop in roles or prop == "worksFor":
        return True
    return prop not in OTHER_CORE | IGNORED and prop.endswith(("Of", "For"))


def _restrict(data: GraphFacts, doc: str) -> tuple[list[GraphEntity], list[GraphFact], list[str]]:
    """Keep what belongs to gold document ``doc`` when the graph holds several documents."""
    entities, facts = list(data.entities.values()), list(data.facts)
    if not doc or len(data.documents) <= 1:
        if doc and data.documents and _file_name(data.documents[0]) != doc:
            return entities, facts, [f"the graph's only document is {data.documents[0]}"]
        return entities, facts, []

    def here(docs: frozenset[str]) -> bool:
        return any(_file_name(d) == doc for d in docs)

    notes = (
        []
        if any(_file_name(d) == doc for d in data.documents)
        else [f"document {doc} is not in the graph ({counted(len(data.documents), 'document')})"]
    )
    return (
        [e for e in entities if here(e.documents)],
        [f for f in facts if here(f.documents)],
        notes,
    )


class _Matcher:
    """Matches graph nodes to gold entity ids by name."""

    def __init__(self, data: GraphFacts, golds: dict[str, dict[str, Any]]) -> None:
        self.data, self.golds = data, golds
        self.index: dict[str, set[str]] = {}
        for gid, info in golds.items():
            for name in info.get("names", []):
                self.index.setdefault(gold_name_key(name), set()).add(gid)

    def __call__(self, iri: str) -> set[str]:
        """Gold ids the node's label names, else those any of its names name."""
        entity = self.data.entities.get(iri)
        if entity is None:
            return set()
        by_label = self.index.get(gold_name_key(entity.label), set())
        return set(by_label) or {
            g for n in entity.names for g in self.index.get(gold_name_key(n), ())
        }

    def gold_name(self, gid: str) -> str:
        return str((self.golds[gid].get("names") or [gid])[0])

    def label(self, iri: str) -> str:
        entity = self.data.entities.get(iri)
        return entity.label if entity else last_segment(iri)


def _score_facts(facts: list[GraphFact], match: _Matcher, gold: dict[str, Any]) -> dict[str, Any]:
    """Match output facts to gold relations: counts, found gold indexes, errors."""
    relations = [(r["s"], r["p"], r["o"]) for r in gold.get("relations", [])]
    wrong = {(w["s"], w["p"], w["o"]) for w in gold.get("wrong", [])}
    found: set[int] = set()
    correct = family = 0
    wrong_found: list[str] = []
    false_pos: list[str] = []
    family_list: list[str] = []
    judged: list[Judgement] = []
    for fact in facts:
        subj, obj = match(fact.subject), match(fact.object)
        pairs = {(s, o) for s in subj for o in obj}
        if fact.property in SYMMETRIC:
            pairs |= {(o, s) for s, o in pairs}
        exact = {
            i for i, (s, p, o) in enumerate(relations) if p == fact.property and (s, o) in pairs
        }
        fam = {
            i
            for i, (s, p, o) in enumerate(relations)
            if fact.role
            and p != fact.property
            and _is_role(p, match.data.roles)
            and (s, o) in pairs
        }
        text = f"{match.label(fact.subject)} {fact.property} {match.label(fact.object)}"
        judged.append(
            Judgement(
                relation_family(fact.property, fact.role),
                fact.property,
                fact.confidence,
                fact.rules,
                bool(exact or fam),
            )
        )
        if exact or fam:
            correct += 1
            found |= exact or fam
            if not exact:
                family += 1
                gold_props = sorted({relations[i][1] for i in fam})
                family_list.append(f"{text}  [gold {'/'.join(gold_props)}]")
        elif any((s, fact.property, o) in wrong for s, o in pairs):
            wrong_found.append(text)
            false_pos.append(f"{text}  [wrong triple]")
        else:
            ends = [end for end, m in (("subject", subj), ("object", obj)) if not m]
            why = f"  [{' and '.join(ends)} not a gold entity]" if ends else ""
            false_pos.append(f"{text}{why}  ({', '.join(fact.rules) or '?'} {fact.confidence:.2f})")
    return {
        "output": len(facts),
        "correct": correct,
        "by_family": family,
        "family_matches": tuple(family_list),
        "found": found,
        "wrong_triples": tuple(wrong_found),
        "false_positives": tuple(false_pos),
        "judged": tuple(judged),
    }


def _score_entities(
    entities: list[GraphEntity], match: _Matcher, gold: dict[str, Any]
) -> dict[str, Any]:
    """Duplicates, wrongly typed entities and wrong entity readings."""
    golds = match.golds
    matched = {e.iri: match(e.iri) for e in entities}
    duplicates: list[str] = []
    extra = 0
    for gid in golds:
        nodes = [e.label for e in entities if gid in matched[e.iri]]
        if len(nodes) > 1:
            extra += len(nodes) - 1
            duplicates.append(
                f"{match.gold_name(gid)}: {counted(len(nodes), 'node')} ({' | '.join(nodes)})"
            )
    wrong_types = []
    for entity in entities:
        allowed = {
            str(t)
            for g in matched[entity.iri]
            for t in [golds[g].get("type"), *golds[g].get("alt_types", [])]
        }
        if allowed and entity.type not in allowed:
            expected = "/".join(sorted(allowed))
            wrong_types.append(f"{entity.label} typed {entity.type}, gold {expected}")
    wrong_entities = [
        f"{w['name']} as {e.type}"
        for w in gold.get("wrong_entities", [])
        for e in entities
        if gold_name_key(w["name"]) in {gold_name_key(n) for n in e.names}
        and w.get("type", "*") in ("*", e.type)
    ]
    return {
        "duplicates": extra,
        "duplicate_list": tuple(duplicates),
        "wrong_types": tuple(wrong_types),
        "wrong_entities": tuple(wrong_entities),
    }


def score(data: GraphFacts, gold: dict[str, Any], name: str = "") -> Score:
    """Score the graph's entities and facts against one gold annotation (a parsed file)."""
    doc = str(gold.get("doc", ""))
    entities, facts, notes = _restrict(data, doc)
    match = _Matcher(data, gold.get("entities", {}))
    counts = _score_facts(facts, match, gold)
    found = counts.pop("found")
    levels = [r.get("level", "must") for r in gold.get("relations", [])]
    missed = {
        lv: tuple(
            f"{match.gold_name(r['s'])} {r['p']} {match.gold_name(r['o'])}"
            for i, r in enumerate(gold.get("relations", []))
            if levels[i] == lv and i not in found
        )
        for lv in ("must", "should")
    }
    return Score(
        name=name or doc,
        doc=doc,
        **counts,
        **_score_entities(entities, match, gold),
        gold_must=levels.count("must"),
        found_must=sum(levels[i] == "must" for i in found),
        gold_should=levels.count("should"),
        found_should=sum(levels[i] == "should" for i in found),
        missed_must=missed["must"],
        missed_should=missed["should"],
        notes=tuple(notes),
        gold_found=tuple(
            (relation_family(r["p"], _is_role(r["p"], data.roles)), i in found)
            for i, r in enumerate(gold.get("relations", []))
        ),
    )


def micro_total(scores: Iterable[Score], name: str = "TOTAL") -> Score:
    """Sum the counts (and join the lists) of several scores."""
    scores = list(scores)
    values: dict[str, Any] = {}
    for key, spec in Score.__dataclass_fields__.items():
        if key not in ("name", "doc"):
            values[key] = sum((getattr(s, key) for s in scores), spec.default)
    return Score(name, **values)


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to their ``*.gold.json`` files (sorted); keep files as given."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(path.glob("*.gold.json"))
            if not files:
                raise InputError(f"{path}: folder has no .gold.json files")
            found += files
        else:
            found.append(path)
    return found


def evaluate(graph_path: str | Path, gold_paths: Iterable[str | Path]) -> EvalReport:
    """Score the graph at ``graph_path`` against each gold file (or folder of them)."""
    data = load_graph_facts(graph_path)
    scores = tuple(_score_file(data, p) for p in gold_files(gold_paths))
    return EvalReport(str(graph_path), scores, micro_total(scores))


def _score_file(data: GraphFacts, path: Path) -> Score:
    """Score one gold file; a file that is not gold JSON is an InputError naming it."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict):
            raise ValueError("not a JSON object")
        return score(data, gold, path.name)
    except (ValueError, KeyError, TypeError, AttributeError) as err:  # bad JSON or bad shape
        detail = " ".join(str(err).split())[:120] or type(err).__name__
        raise InputError(f"{path}: not a gold file ({detail})") from None


def _counts(s: Score) -> list[str]:
    return [
        f"precision {s.precision:.3f} ({s.correct}/{s.output})  recall {s.recall:.3f} "
        f"({s.found_must + s.found_should}/{s.gold_must + s.gold_should})  "
        f"must {s.recall_must:.3f} ({s.found_must}/{s.gold_must})  "
        f"should {s.recall_should:.3f} ({s.found_should}/{s.gold_should})  F1 {s.f1:.3f}",
        f"correct {s.correct} (by family {s.by_family})  duplicates {s.duplicates}  "
        f"wrong triples {len(s.wrong_triples)}  wrong entities {len(s.wrong_entities)}  "
        f"wrong types {len(s.wrong_types)}",
    ]


def family_table(score: Score) -> list[str]:
    """Precision and recall of each relation family, as lines of a table."""
    families = sorted({j.family for j in score.judged} | {f for f, _ in score.gold_found})
    lines = [f"{'family':<12}{'output':>7}{'correct':>8}{'P':>7}{'gold':>6}{'found':>6}{'R':>7}"]
    for family in families:
        out = [j for j in score.judged if j.family == family]
        right = sum(j.correct for j in out)
        gold = [hit for f, hit in score.gold_found if f == family]
        lines.append(
            f"{family:<12}{len(out):>7}{right:>8}{_ratio(right, len(out)):>7.3f}"
            f"{len(gold):>6}{sum(gold):>6}{_ratio(sum(gold), len(gold)):>7.3f}"
        )
    return lines


def reliability_table(judged: Iterable[Judgement]) -> list[str]:
    """How often facts are right by confidence band, and at or above each band's floor.

    >>> print("\\n".join(reliability_table([Judgement("role", "chairmanOf", 0.95, (), True)])[:2]))
    confidence    facts  correct  precision   at or above: facts  precision
    0.90-1.00         1        1      1.000                    1      1.000
    """
    judged = list(judged)
    lines = [
        f"{'confidence':<12}{'facts':>7}{'correct':>9}{'precision':>11}"
        f"{'at or above: facts':>21}{'precision':>11}"
    ]
    upper = 1.0
    for floor in CONFIDENCE_BANDS:
        band = [j for j in judged if floor <= j.confidence and (j.confidence < upper or upper == 1)]
        above = [j for j in judged if j.confidence >= floor]
        right, right_above = sum(j.correct for j in band), sum(j.correct for j in above)
        lines.append(
            f"{floor:.2f}-{upper:.2f}   {len(band):>7}{right:>9}{_ratio(right, len(band)):>11.3f}"
            f"{len(above):>21}{_ratio(right_above, len(above)):>11.3f}"
        )
        upper = floor
    return lines


def format_report(report: EvalReport) -> str:
    """Render the report; its last three lines are a compact summary of the total."""
    lines: list[str] = [f"graph: {report.graph}"]
    for s in report.scores:
        lines += ["", f"== {s.name}" + (f"  (doc {s.doc})" if s.doc else "")]
        lines += ["   " + line for line in _counts(s)]
        for title, items in (
            ("note", s.notes),
            ("missed must", s.missed_must),
            ("missed should", s.missed_should),
            ("false positive", s.false_positives),
            ("by family", s.family_matches),
            ("wrong triple", s.wrong_triples),
            ("wrong entity", s.wrong_entities),
            ("wrong type", s.wrong_types),
            ("duplicate", s.duplicate_list),
        ):
            lines += [f"   {title + ':':<16}{item}" for item in items]
    t = report.total
    lines += ["", *family_table(t), "", *reliability_table(t.judged)]
    lines += [
        "",
        f"TOTAL ({counted(len(report.scores), 'gold file')}):"
        f" P {t.precision:.3f} ({t.correct}/{t.output})"
        f"  R {t.recall:.3f} (must {t.recall_must:.3f}, should {t.recall_should:.3f})"
        f"  F1 {t.f1:.3f}",
        f"correct {t.correct} (by family {t.by_family})  must {t.found_must}/{t.gold_must}  "
        f"should {t.found_should}/{t.gold_should}  false positives {len(t.false_positives)}",
        f"errors: duplicates {t.duplicates}  wrong triples {len(t.wrong_triples)}  "
        f"wrong entities {len(t.wrong_entities)}  wrong types {len(t.wrong_types)}",
    ]
    return "\n".join(lines)
