"""The ``kg_relations`` component: facts between the clusters of an article.

Every fact comes from a named, general rule over the dependency parse or the
lexicons, never from names:

- ``role:*``: the title links of ``kg_roles``; a national title with no body named
  is held in the article's main country, an organisational one in the body the
  holder is otherwise tied to; a post in a party also makes its holder a member;
- ``place:org-name`` and ``place:modifier``: "The London Metropolitan Police",
  "Norfolk police", "US mortgage giant Fannie Mae" (basedIn);
- ``verb:*``: stance and event verbs in active and passive voice
  ("X criticised Y", "Y was admonished by X", "X paid tribute to Y"),
  ``noun:*`` their nominalisations ("criticism from X", "X's appointment of Y",
  "clashes with X", "losing the backing of X"), ``resign:*`` resignations;
- ``quote:*``: the speaker of a quote that praises or attacks someone it names.

Negated verbs yield nothing; hedged ones ("reportedly", "may") get lower confidence.
Results are ``doc._.kg_relations``, a list of :class:`RelationMention`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.affiliations import find_affiliations
from kg.nlp.coref import CorefResult
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import Lexicon, load_lexicon

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
JOB_NOUNS = frozenset({"job", "post", "role", "position", "office", "seat"})
PROPERTY_TYPES = {
    "basedIn": ("Organization", "Place"),
    "locatedIn": ("Place", "Place"),
    "livesIn": ("Person", "Place"),
    "memberOf": ("Person", "Organization"),
    "worksFor": ("Person", "Organization"),
    "resignedFrom": ("Person", "Organization"),
    "killedBy": ("Person", "Person"),
    "clashedWith": ("Person", "Person"),
}
AGENTS = frozenset({"Person", "Organization"})


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A fact found in a Doc: cluster keys, the ontology property and its evidence."""

    subject: str
    predicate: str
    object: str
    token: int
    rule: str
    confidence: float
    title: str = ""


@Language.factory(
    "kg_relations",
    assigns=["doc._.kg_relations"],
    requires=["doc._.kg_clusters", "doc._.kg_roles", "doc._.kg_quotes"],
)
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    """Create the ``kg_relations`` component."""
    register_extensions()
    return RelationExtractor(load_lexicon())


class RelationExtractor:
    """Turn roles, verbs, nouns and quotes into facts between clusters."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        events = lexicon.events
        self.verbs = {lemma: rule for rule in events["verbs"] for lemma in rule["lemmas"]}
        self.nouns = {lemma: rule for rule in events["nouns"] for lemma in rule["lemmas"]}
        self.hedges = frozenset(events["hedges"])
        self.role_properties = frozenset(t.property for t in lexicon.titles.values())

    def __call__(self, doc: Doc) -> Doc:
        coref: CorefResult = doc._.kg_clusters
        found: list[RelationMention] = []
        found += self.roles(doc, coref)
        found += self.places(doc, coref)
        found += self.events(doc, coref, found)
        found += self.quotes(doc, coref)
        found += self.affiliations(doc, coref)
        doc._.kg_relations = [r for r in found if self._typed(r, coref)]
        return doc

    def _typed(self, rel: RelationMention, coref: CorefResult) -> bool:
        if rel.subject == rel.object:
            return False
        s, o = coref.clusters[rel.subject].type, coref.clusters[rel.object].type
        if rel.predicate in PROPERTY_TYPES:
            return (s, o) == PROPERTY_TYPES[rel.predicate]
        if rel.predicate in self.role_properties:
            return s == "Person" and o in {"Organization", "Place"}
        return s in AGENTS and o in AGENTS

    # -- roles -------------------------------------------------------------------

    def roles(self, doc: Doc, coref: CorefResult) -> list[RelationMention]:
        found: list[RelationMention] = []
        pending = []
        for role in doc._.kg_roles or []:
            if role.holder is None:
                continue
            holder = coref.cluster_at(*role.holder)
            if holder is None or holder.type != "Person":
                continue
            target = self._role_target(doc, role, coref)
            if target is None:
                pending.append((role, holder))
                continue
            found.append(_role_fact(role, holder.key, target, "", role.confidence))
        tied = {
            r.subject: r.object
            for r in found
            if r.predicate != "memberOf" and coref.clusters[r.object].type == "Organization"
        }
        main_country = self._main_country(coref)
        for role, holder in pending:
            target, confidence = None, role.confidence * 0.7
            if role.scope == "country":
                target = main_country
            elif role.scope == "organization":
                target = self._main_organization(coref) or tied.get(holder.key)
            if target is not None:
                found.append(
                    _role_fact(
                        role, holder.key, target, f"+implied-{role.scope}", round(confidence, 2)
                    )
                )
        for rel in list(found):
            if coref.clusters[rel.object].kind == "party" and rel.predicate != "memberOf":
                found.append(
                    RelationMention(
                        rel.subject,
                        "memberOf",
                        rel.object,
                        rel.token,
                        "role:post-in-party",
                        rel.confidence * 0.9,
                    )
                )
        return found

    def _role_target(self, doc: Doc, role, coref: CorefResult) -> str | None:
        if role.target is None:
            return None
        if role.target_kind == "demonym":
            for cluster in coref.clusters.values():
                if cluster.is_country and cluster.canonical == role.target_text:
                    return cluster.key
            return None
        cluster = coref.cluster_at(*role.target)
        if cluster is None:
            return None
        if role.scope == "country" and cluster.type == "Place" and not cluster.is_country:
            return None  # a national office is not held in a city
        return cluster.key

    @staticmethod
    def _main_country(coref: CorefResult) -> str | None:
        countries = [c for c in coref.clusters.values() if c.is_country]
        if not countries:
            return None
        # the most mentioned country; on a tie, the one mentioned first
        best = min(countries, key=lambda c: (-len(c.mentions), min(m[0] for m in c.mentions)))
        return best.key

    @staticmethod
    def _main_organization(coref: CorefResult) -> str | None:
        counts = Counter(
            {
                c.key: len(c.mentions)
                for c in coref.clusters.values()
                if c.type == "Organization" and c.kind != "party"
            }
        )
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 3 or (len(ranked) == 2 and ranked[1][1] * 2 > ranked[0][1]):
            return None
        return ranked[0][0]

    # -- places ------------------------------------------------------------------

    def places(self, doc: Doc, coref: CorefResult) -> list[RelationMention]:
        found = []
        place_names = {}
        for cluster in coref.clusters.values():
            if cluster.type == "Place":
                for name in cluster.names:
                    place_names[name] = cluster.key
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            org = coref.cluster_at(ent.start, ent.end)
            if org is None or org.type != "Organization":
                continue
            for n in range(len(ent) - 1, 0, -1):
                head = ent[:n].text
                if head in place_names:
                    found.append(
                        RelationMention(
                            org.key, "basedIn", place_names[head], ent.start, "place:org-name", 0.7
                        )
                    )
                    break
            place = self._place_modifier(doc, ent.start, coref)
            if place is not None:
                found.append(
                    RelationMention(org.key, "basedIn", place, ent.start, "place:modifier", 0.65)
                )
        return found

    @staticmethod
    def _place_modifier(doc: Doc, start: int, coref: CorefResult) -> str | None:
        """ "US mortgage giant Fannie Mae": a place, common nouns, then the name."""
        i, nouns = start - 1, 0
        while i >= 0 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"} and nouns < 3:
            i, nouns = i - 1, nouns + 1
        if nouns == 0 or i < 0:
            return None
        cluster = coref.cluster_at(i)
        return cluster.key if cluster is not None and cluster.type == "Place" else None

    # -- verbs and nouns ---------------------------------------------------------

    def events(self, doc: Doc, coref: CorefResult, roles: list[RelationMention]):
        found = []
        role_org = {
            r.subject: r.object
            for r in roles
            if coref.clusters[r.object].type == "Organization" and r.predicate != "memberOf"
        }
        for token in doc:
            if token.pos_ == "VERB":
                found += self._verb(token, coref, role_org)
            elif token.pos_ == "NOUN":
                found += self._noun(token, coref)
        return found

    def _confidence(self, verb: Token, base: float) -> float:
        hedged = any(
            c.lower_ in self.hedges for c in verb.children if c.dep_ in {"advmod", "aux", "amod"}
        )
        return round(base * (0.6 if hedged else 1.0), 2)

    def _verb(self, verb: Token, coref: CorefResult, role_org: dict[str, str]):
        if any(c.dep_ == "neg" for c in verb.children):
            return []
        lemma = verb.lemma_.lower()
        if lemma in self.lexicon.events["resign"]["verbs"]:
            return self._resign(verb, coref, role_org)
        if lemma == "lose":
            return self._lost_support(verb, coref)
        if lemma == "pay":
            return self._tribute(verb, coref)
        rule = self.verbs.get(lemma)
        if rule is None:
            return []
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        agents, patients = [], []
        for child in verb.children:
            if passive and child.dep_ == "agent":
                agents += [p for p in child.children if p.dep_ == "pobj"]
            elif passive and child.dep_ == "nsubjpass":
                patients.append(child)
            elif not passive and child.dep_ == "nsubj":
                agents.append(child)
            elif not passive and child.dep_ == "dobj":
                patients.append(child)
                # "praised her dedication", "backed Tory demands": the owner is the patient
                patients += [
                    c
                    for c in child.children
                    if c.dep_ == "poss"
                    or (c.dep_ == "compound" and c.ent_type_ in {"ORG", "PERSON"})
                ]
            elif (
                rule.get("preposition")
                and child.dep_ == "prep"
                and child.lower_ == rule["preposition"]
            ):
                patients += [p for p in child.children if p.dep_ == "pobj"]
        if not agents and not passive:
            agents = self._inherited_subject(verb)
        name = f"verb:{rule['name']}{'-passive' if passive else ''}"
        return self._pairs(verb, rule["property"], patients, agents, coref, name, 0.85)

    def _pairs(self, anchor: Token, prop: str, patients, agents, coref, rule: str, base: float):
        found = []
        for patient in self._expand(patients):
            for agent in self._expand(agents):
                p, a = self._key(patient, coref), self._key(agent, coref)
                if p is not None and a is not None and p != a:
                    found.append(
                        RelationMention(p, prop, a, anchor.i, rule, self._confidence(anchor, base))
                    )
        return found

    @staticmethod
    def _expand(tokens: list[Token]) -> list[Token]:
        out = []
        for token in tokens:
            out.append(token)
            out += list(token.conjuncts)
            out += [c for c in token.children if c.dep_ == "appos"]
        return out

    @staticmethod
    def _inherited_subject(verb: Token) -> list[Token]:
        """The subject of the clause an infinitive or participle hangs from."""
        head = verb
        for _ in range(4):
            if (
                head.dep_ not in {"xcomp", "advcl", "pcomp", "conj", "relcl", "pobj", "prep"}
                or head.head is head
            ):
                break
            head = head.head
            subjects = [c for c in head.children if c.dep_ in SUBJECTS]
            if head.dep_ == "relcl" and not subjects:
                return [head.head]
            if subjects:
                return subjects
        return []

    @staticmethod
    def _key(token: Token, coref: CorefResult) -> str | None:
        if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
            token = token.head.head
        if token.i in coref.by_token:
            return coref.by_token[token.i]
        for child in token.children:
            if child.dep_ == "appos" and child.i in coref.by_token:
                return coref.by_token[child.i]
        return None

    def _resign(self, verb: Token, coref: CorefResult, role_org: dict[str, str]):
        lemma = verb.lemma_.lower()
        if any(
            c.dep_ == "aux"
            and c.lower_ in {"to", "will", "would", "could", "may", "might", "should", "must"}
            for c in verb.children
        ):
            return []  # a resignation to come, or one only considered, is not a fact yet
        particles = self.lexicon.events["resign"]["particles"].get(lemma)
        if particles and not any(c.dep_ == "prt" and c.lower_ in particles for c in verb.children):
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] or self._inherited_subject(verb)
        objects = [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"from", "as"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if lemma == "leave":
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if not objects:
                return []
        found = []
        for subject in self._expand(subjects):
            person = self._key(subject, coref)
            if person is None or coref.clusters[person].type != "Person":
                continue
            org = None
            for obj in objects:
                org = self._key(obj, coref)
                if org is None and obj.lower_ in JOB_NOUNS:
                    org = role_org.get(person)
            if not objects:
                org = role_org.get(person)
            if org is not None and coref.clusters[org].type == "Organization":
                found.append(
                    RelationMention(
                        person,
                        "resignedFrom",
                        org,
                        verb.i,
                        f"resign:{lemma}",
                        self._confidence(verb, 0.8),
                    )
                )
        return found

    def _lost_support(self, verb: Token, coref: CorefResult):
        nouns = self.lexicon.events["loss_of_support"]["nouns"]
        found = []
        for obj in verb.children:
            if obj.dep_ != "dobj" or obj.lemma_ not in nouns:
                continue
            backers = [
                p
                for c in obj.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            subjects = [c for c in verb.children if c.dep_ in SUBJECTS] or self._inherited_subject(
                verb
            )
            found += self._pairs(
                verb, "lostSupportOf", subjects, backers, coref, "noun:lost-support", 0.8
            )
        return found

    def _tribute(self, verb: Token, coref: CorefResult):
        if not any(c.dep_ == "dobj" and c.lemma_ == "tribute" for c in verb.children):
            return []
        targets = [
            p
            for c in verb.children
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] or self._inherited_subject(verb)
        return self._pairs(verb, "praisedBy", targets, subjects, coref, "verb:pay-tribute", 0.85)

    def _noun(self, noun: Token, coref: CorefResult):
        lemma = noun.lemma_.lower()
        if lemma in self.lexicon.events["clash_nouns"]:
            others = [
                p
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            holders = self._noun_owner(noun)
            return self._pairs(noun, "clashedWith", holders, others, coref, "noun:clash-with", 0.75)
        if lemma == "appointment":
            agents = [c for c in noun.children if c.dep_ == "poss"]
            patients = [
                p
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1
                for p in c.children
                if p.dep_ == "pobj"
            ]
            return self._pairs(
                noun, "appointedBy", patients, agents, coref, "noun:appointment-of", 0.75
            )
        rule = self.nouns.get(lemma)
        if rule is None:
            return []
        agents = [
            p
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        agents += [
            p
            for conj in noun.children
            if conj.dep_ == "conj" and conj.lower_ == "from"
            for p in conj.children
            if p.dep_ == "pobj"
        ]
        for prep in [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"]:
            agents += [p for conj in prep.conjuncts for p in conj.children if p.dep_ == "pobj"]
        if not agents:
            return []
        patients = self._noun_owner(noun)
        return self._pairs(
            noun, rule["property"], patients, agents, coref, f"noun:{rule['name']}", 0.75
        )

    def _noun_owner(self, noun: Token) -> list[Token]:
        """Who has/faces/receives the noun: the subject of its verb ("X faced criticism")."""
        verb = noun.head
        if noun.dep_ not in {"dobj", "pobj"}:
            return []
        if noun.dep_ == "pobj":
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        return subjects or self._inherited_subject(verb)

    # -- people, places and employers ---------------------------------------------

    @staticmethod
    def affiliations(doc: Doc, coref: CorefResult) -> list[RelationMention]:
        def type_of(token: Token) -> str | None:
            key = coref.by_token.get(token.i)
            return coref.clusters[key].type if key is not None else None

        found = []
        for subject, prop, obj, rule, confidence in find_affiliations(doc, type_of):
            s, o = coref.by_token[subject.i], coref.by_token[obj.i]
            found.append(RelationMention(s, prop, o, subject.i, rule, confidence))
        return found

    # -- reported speech ---------------------------------------------------------

    def quotes(self, doc: Doc, coref: CorefResult) -> list[RelationMention]:
        positive = self.lexicon.events["positive_words"]
        negative = self.lexicon.events["negative_words"]
        found = []
        whole = doc.text  # built anew at each access: once per Doc here
        for quote in doc._.kg_quotes or []:
            if quote.speaker is None:
                continue
            text = whole[quote.start : quote.end].lower()
            pos = sum(_count_word(text, w) for w in positive)
            neg = sum(_count_word(text, w) for w in negative)
            if pos == neg:
                continue
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand") or []
            targets = Counter(
                coref.by_token[t.i]
                for t in span
                if t.i in coref.by_token and t.lower_ not in self.lexicon.pronouns["first"]
            )
            prop = "praisedBy" if pos > neg else "criticisedBy"
            for key in sorted(targets):
                if key != quote.speaker and coref.clusters[key].type == "Person":
                    anchor = span[0].i if span else 0
                    found.append(
                        RelationMention(
                            key,
                            prop,
                            quote.speaker,
                            anchor,
                            f"quote:{'praise' if pos > neg else 'criticism'}",
                            0.55,
                        )
                    )
        return found


def _role_fact(
    role, holder: str, target: str, rule_suffix: str, confidence: float
) -> RelationMention:
    """The fact a title link states: holder, role property, where it is held."""
    return RelationMention(
        holder,
        role.property,
        target,
        role.title[0],
        f"role:{role.rule}{rule_suffix}",
        confidence,
        role.label,
    )


def _count_word(text: str, phrase: str) -> int:
    return len(re.findall(rf"\b{re.escape(phrase)}\b", text))
