"""The ``kg_relations`` component: facts between the clusters of an article.

Every fact comes from a named, general rule over the dependency parse or the
lexicons, never from names:

- ``role:*``: the title links of ``kg_roles``; a national title with no body named
  is held in the article's main country, an organisational one in the body the
  holder is otherwise tied to; a post in a party also makes its holder a member;
- ``place:org-name`` and ``place:modifier``: "The London Metropolitan Police",
  "Norfolk police", "US mortgage giant Vexa Mae", "Leeds-based Acme", "UK bookmakers
  X and Y", "Dutch brewer X" (basedIn; a demonym names its country);
- ``place:description``: "Acme, the Leeds-based chain", "Acme said ... . The US firm
  ..." (a described organisation: in apposition or the next sentence's subject);
- ``role:team-mate``: "X's team-mate Y", "Y, X's team-mate at Z": Y plays for X's side;
- ``member:party-founder``: "X, who founded the party Y": a party's founder is a member;
- ``verb:*``, ``noun:*``, ``resign:*``: the named dependency patterns of
  ``kg/nlp/data/patterns.json`` (see ``kg.nlp.patterns``): stance and event verbs in
  active and passive voice ("X criticised Y", "Y was admonished by X and Z", "X, who
  criticised Y"), their nominalisations ("criticism from X", "X's praise of Y", "Y came
  under fire from X", "clashes with X", "losing the backing of X") and resignations.
  Each fact's rule is its pattern's name. Here, in Python: conjuncts and appositions,
  the names a plural noun lists ("stars including X and Y", "four companies - X, Y and
  Z"), the subject an infinitive or participle inherits, relative pronouns and coreference,
  the employer of "resigned from her post", and the type checks;
- ``quote:*``: the speaker of a quote that praises or attacks, outright (not under a modal or
  an "if"), someone it names;
- ``verb:*-surface`` and ``quote:judgement-*`` (``kg.nlp.stances``): stance verbs the parser
  lost ("X, though, defended coach Y" read as a noun phrase) and quotes whose judgement
  falls on a name ("'X has been a disgrace,' said Y").

Negated matches yield nothing; hedged ones ("reportedly", "may") get lower confidence.
Results are ``doc._.kg_relations``, a list of :class:`RelationMention`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.nlp.affiliations import CAREER_RULES, CONTINENTS, find_affiliations
from kg.nlp.component import DataComponent
from kg.nlp.coref import CorefResult, role_body
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import LEXICON_FILES, Lexicon, lexicon_from_files
from kg.nlp.org_places import organisation_places
from kg.nlp.patterns import PATTERN_FILE, Hit, PatternMatcher, patterns_from_bytes
from kg.nlp.roles import RoleMention
from kg.nlp.stances import (
    StanceWords,
    hedged,
    quote_judgements,
    surface_verb_stances,
    title_modifier,
    title_tokens,
)
from kg.nlp.team_mates import team_mates

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
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
PERSON_SUBJECTS = frozenset({"appointedBy"})
"""Properties between two agents whose subject is a person all the same (the
ontology's domain): a body is not appointed ("Acme unveiled its phone")."""
STATED_TARGETS = frozenset({"party", "unresolved"})
"""Role target kinds that name where a post is held, resolved or not: no implied one."""
EMPLOYER_KINDS = frozenset({"club", "company"})
"""Kinds of organisation whose possessive before a name is the person's employer."""


def types_fit(
    predicate: str,
    rule: str,
    subject_type: str,
    object_type: str,
    role_properties: frozenset[str],
    property_types: Mapping[str, tuple[str, str]] = PROPERTY_TYPES,
) -> bool:
    """Do a fact's end types fit its property? Fixed pairs (``livesIn``: a person in a
    place), a post (a person in an organisation or a place), else two agents.

    >>> types_fit("livesIn", "lives:verb", "Person", "Place", frozenset())
    True
    >>> types_fit("chairmanOf", "role:apposition", "Organization", "Organization", frozenset())
    False
    """
    fixed = property_types.get(predicate)
    if fixed is not None:
        return (subject_type, object_type) == fixed
    if predicate in role_properties or rule.startswith("role:"):
        return subject_type == "Person" and object_type in {"Organization", "Place"}
    if predicate in PERSON_SUBJECTS and subject_type != "Person":
        return False
    return subject_type in AGENTS and object_type in AGENTS


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


POST_SAYS_MORE = frozenset({"worksFor", "livesIn"})
"""Properties a post between the same two says better: "President X of Ruritania"
is Ruritania's president, not someone who works or lives there."""


@Language.factory(
    "kg_relations",
    assigns=["doc._.kg_relations"],
    requires=["doc._.kg_clusters", "doc._.kg_roles", "doc._.kg_quotes"],
)
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    """Create the ``kg_relations`` component."""
    register_extensions()
    return RelationExtractor(nlp.vocab)


class RelationExtractor(DataComponent):
    """Turn roles, verbs, nouns and quotes into facts between clusters."""

    data_files = (*LEXICON_FILES, PATTERN_FILE)
    lexicon: Lexicon
    matcher: PatternMatcher
    stance_words: StanceWords
    role_properties: frozenset[str]
    organisation_descriptions: frozenset[str]
    """Nouns that describe a company or a club ("firm", "side", "operator")."""
    state_of: dict[str, str]
    """Constituent country -> its sovereign state ("Wales" -> "United Kingdom")."""
    outcome_nouns: frozenset[str]
    """What a side is led to ("victory", "title"): "led Spain to victory" holds no post."""
    organisation_words: frozenset[str]
    """Nouns of kinds of organisation ("court", "council"), as in a body's name."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the lexicon and the pattern file; build the pattern matcher."""
        self.lexicon = lexicon = lexicon_from_files(files)
        self.matcher = PatternMatcher(self.vocab, patterns_from_bytes(files[PATTERN_FILE]))
        self.stance_words = StanceWords.from_patterns(self.matcher.patterns)
        self.role_properties = frozenset(t.property for t in lexicon.titles.values())
        self.state_of = {c.name: c.part_of for c in lexicon.countries if c.part_of}
        self.outcome_nouns = self.matcher.patterns.words("outcome-nouns")
        self.organisation_words = lexicon.organisation_words  # derived once, not per role
        self.organisation_descriptions = lexicon.organisation_nouns | frozenset(
            noun for noun, kinds in lexicon.descriptions.items() if {"company", "club"} & set(kinds)
        )

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        coref: CorefResult = doc._.kg_clusters
        found: list[RelationMention] = []
        found += self.roles(doc, coref)
        found += self.places(doc, coref)
        found += self.events(doc, coref, found)
        found += self._party_founders(doc, found, coref)
        found += self.quotes(doc, coref)
        found += self.stances(doc, coref, found)
        found += self.affiliations(doc, coref)
        posts = {
            (r.subject, r.object)
            for r in found
            if r.rule.startswith("role:") and r.predicate not in POST_SAYS_MORE
        }
        doc._.kg_relations = [
            r
            for r in found
            if self._typed(r, coref)
            and not self._misplaced_country(r, coref)
            and not (r.predicate in POST_SAYS_MORE and (r.subject, r.object) in posts)
        ]
        return doc

    def _misplaced_country(self, rel: RelationMention, coref: CorefResult) -> bool:
        """A country said to lie somewhere it cannot: in a city or region ("against
        Ireland in Dublin" names a side) or in another country it is no part of ("Chile,
        Peru and Bolivia" is a list). "Wales in the UK" and "Norway in Scandinavia" stand.
        A national side is based nowhere: where it plays is a match, not a seat.
        """
        inner, outer = coref.clusters[rel.subject], coref.clusters[rel.object]
        if rel.predicate == "basedIn":
            return self._national_side(inner)  # "a defeat for Wales in Hamilton": a match
        if rel.predicate != "locatedIn" or not inner.is_country:
            return False
        if outer.is_country:
            return self.state_of.get(inner.label) != outer.label
        return outer.label.lower() not in CONTINENTS

    def _typed(self, rel: RelationMention, coref: CorefResult) -> bool:
        if rel.subject == rel.object:
            return False
        s, o = coref.clusters[rel.subject].type, coref.clusters[rel.object].type
        return types_fit(rel.predicate, rel.rule, s, o, self.role_properties)

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
            if holder.label.lower() in self.lexicon.country_by_alias:
                continue  # "Opec member Algeria": a country the tagger took for a person
            if role.target_kind == "demonym" and role.scope == "organization":
                continue  # "the Australian tennis coach": a nationality, not where the post is
            target = self._role_target(doc, role, coref)
            if (
                target is not None
                and role.lexicon_title in self.lexicon.practices
                and self._plain_place(coref.clusters[target])
            ):
                continue  # "a Paris lawyer": where a practice is, not a post
            if target is None and (
                role.target_kind in STATED_TARGETS
                or (role.target_kind == "entity" and role.target is not None)
            ):
                continue  # held somewhere named, though not as an organisation of the article
            if (
                target is not None
                and role.scope == "country"
                and coref.clusters[target].kind == "party"
                and not _possessive(doc, role.target)
            ):
                found.append(_party_member(role, holder.key, target))
                target = None  # "Tory education secretary X": a member, in a national office
            if target is None:
                pending.append((role, holder))
                continue
            fact = _role_fact(role, holder.key, target, "", role.confidence)
            if role.target_kind == "part":  # "head of Acme's research unit": works for Acme
                fact = replace(fact, predicate="worksFor", rule="role:part-of", title="")
            found.append(self._as_member_of_side(fact, coref))
        tied = {
            r.subject: r.object
            for r in found
            if r.predicate != "memberOf" and coref.clusters[r.object].type == "Organization"
        }
        main_country = self._main_country(doc, coref)
        main_organization = self._main_organization(coref)
        for role, holder in pending:
            confidence = role.confidence * 0.7
            if role.scope == "organization" and role.former:
                continue  # a past post: the article's main body is a guess
            if role.lexicon_title in self.lexicon.trade_titles:
                continue  # "director Ann Lee" in a film story directs no body of it
            target = _implied_target(role, tied.get(holder.key), main_country, main_organization)
            mark = f"+implied-{role.scope}"
            if (
                target is not None
                and role.scope == "organization"
                and _names_a_body(doc[role.title[0]].sent, coref, besides=target)
            ):
                target = None
            if target is not None and role.scope == "country" and _visits(doc, role, target, coref):
                target = None  # "Chancellor X visited Kenya's capital": a visitor there
            if target is None and role.scope == "organization" and role.property != "memberOf":
                target, mark = self._sentence_side(doc, role, holder.key, coref)
            if target is not None and not self._fits_description(doc, role, coref.clusters[target]):
                continue  # "Party leader X" leads a party, not the article's main body
            if target is not None:
                fact = _role_fact(role, holder.key, target, mark, round(confidence, 2))
                found.append(self._as_member_of_side(fact, coref))
        found += self._party_possessives(doc, coref)
        found += self._organisation_possessives(doc, coref, found)
        found += [
            RelationMention(mate, "worksFor", side, token, "role:team-mate", 0.7)
            for mate, side, token in team_mates(doc, coref, _employers(found, coref))
        ]
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

    def _fits_description(self, doc: Doc, role: RoleMention, cluster) -> bool:
        """Whether an implied body is of the kind the title's description names: "party
        leader" needs a party, "the club's chairman" a club; a body of no known kind fits
        any description but a party's."""
        words = [t.lower_ for t in doc[role.title[0] : role.title[1]]]
        if role.target_kind == "description":
            words.append(role.target_text)
        kinds = {k for w in words for k in self.lexicon.descriptions.get(w, ())}
        if not kinds:
            return True
        if cluster.kind is None:
            return "party" not in kinds
        return cluster.kind in kinds

    def _sentence_side(
        self, doc: Doc, role, holder: str, coref: CorefResult
    ) -> tuple[str | None, str]:
        """The side or party of the title's sentence (:func:`_only_body_in_sentence`),
        a party only for a party's post ("Assistant information commissioner X" beside
        "the Tories" holds no post in them), and the rule mark of such a guess."""
        party_post = role.lexicon_title in self.lexicon.party_posts
        sentence = doc[role.title[0]].sent
        body = _only_body_in_sentence(sentence, holder, coref)
        if body is not None and coref.clusters[body].kind == "party" and not party_post:
            body = None
        if body is not None or not party_post or _names_a_body(sentence, coref, besides=holder):
            return body, "+implied-sentence"
        if sentence.start == 0:
            return None, ""
        before = doc[sentence.start - 1].sent  # "... the Greens will fight. But leader X"
        return _only_body_in_sentence(before, holder, coref, sides=False), "+implied-previous"

    def _as_member_of_side(self, fact: RelationMention, coref: CorefResult) -> RelationMention:
        """ "England prop X": a player of a national side is one of its members."""
        if fact.predicate == "worksFor" and self._national_side(coref.clusters[fact.object]):
            return replace(fact, predicate="memberOf")
        return fact

    def _plain_place(self, cluster) -> bool:
        """A place whose name holds no word of a body ("Paris", not "Leigh County Court",
        which the tagger may call a place)."""
        words = set(cluster.label.lower().split())
        return cluster.type == "Place" and not words & self.organisation_words

    def _national_side(self, cluster) -> bool:
        """A country, or a side named after one ("Cameroon" as an organisation)."""
        return cluster.is_country or cluster.label.lower() in self.lexicon.country_by_alias

    @staticmethod
    def _party_founders(
        doc: Doc, found: list[RelationMention], coref: CorefResult
    ) -> list[RelationMention]:
        """ "X, who founded the party Y": the founder of a party is one of its members."""
        members = []
        for rel in found:
            if rel.predicate != "founderOf" or not _is_party(doc, rel.object, coref):
                continue
            members.append(
                RelationMention(
                    rel.subject,
                    "memberOf",
                    rel.object,
                    rel.token,
                    "member:party-founder",
                    round(rel.confidence * 0.9, 2),
                )
            )
        return members

    @staticmethod
    def _party_possessives(doc: Doc, coref: CorefResult) -> list[RelationMention]:
        """ "Labour's Jo Bloggs": a party's possessive before a person's name is membership."""
        return [
            RelationMention(person, "memberOf", owner, token, "member:party-possessive", 0.8)
            for person, owner, token in _possessed_people(doc, coref)
            if coref.clusters[owner].kind == "party"
        ]

    def _organisation_possessives(
        self, doc: Doc, coref: CorefResult, found: list[RelationMention]
    ) -> list[RelationMention]:
        """ "Rovers' Tom Hale", "Acme Motors' Jo Roe": a club's or a company's possessive
        right before a person's name makes the person one of its people, unless a post
        already ties the two; a national side's ("Wales' Jo Roe") one of its members."""
        tied = {(r.subject, r.object) for r in found}
        facts = []
        for person, owner, token in _possessed_people(doc, coref):
            if coref.clusters[owner].kind not in EMPLOYER_KINDS or (person, owner) in tied:
                continue  # "Sony's Clie", "Black Books' Jo Roe": a product, a show
            predicate = "memberOf" if self._national_side(coref.clusters[owner]) else "worksFor"
            facts.append(RelationMention(person, predicate, owner, token, "works:possessive", 0.65))
            tied.add((person, owner))
        return facts

    def _role_target(self, doc: Doc, role, coref: CorefResult) -> str | None:
        if role.target is not None and role.target_kind == "demonym":
            for cluster in coref.clusters.values():
                if cluster.is_country and cluster.canonical == role.target_text:
                    return cluster.key  # "the Bulgarian manager": the country's post
            return None
        key = role_body(role, coref)
        if key is None or role.target_kind == "party":
            return key
        cluster = coref.clusters[key]
        if cluster.type == "Person":
            return None  # "Ann Lee's manager": a person has a manager, but no post is in her
        if role.target_kind == "part" and cluster.type != "Organization":
            return None
        if role.target_kind == "pronoun" and not (
            cluster.type == "Organization" or cluster.is_country
        ):
            return None
        return cluster.key  # "New York attorney general": a state's office, not the nation's

    def _main_country(self, doc: Doc, coref: CorefResult) -> str | None:
        """The sovereign country the article is most about: where a national title with
        no country stated holds ("Prime Minister X" in a story set in Wales is the UK's).

        A constituent country's mentions count for its state. None with no state named,
        when the most named one is named once and by a single demonym, when the
        article's parties stand in another country, or, with no party named, when it
        has neither half of the states' mentions nor twice the next one's (a summit of
        many nations, a story of two rivals).
        """
        countries = [c for c in coref.clusters.values() if c.is_country]
        weight = Counter()
        for c in countries:
            weight[self.state_of.get(c.canonical, c.canonical)] += len(c.mentions)
        states = [c for c in countries if c.canonical not in self.state_of]
        if not states:
            return None
        # the most mentioned state; on a tie, the one mentioned first
        best = min(states, key=lambda c: (-weight[c.canonical], min(m[0] for m in c.mentions)))
        if weight[best.canonical] < 2 and all(kind == "demonym" for *_, kind in best.mentions):
            return None  # one "American sheriff" does not set a story in America
        parties = self._party_states(doc, coref)
        if parties:  # "the Iraq war" in a story of British parties
            return best.key if best.canonical in parties else None
        top, *rest = sorted((weight[name] for name in {c.canonical for c in states}), reverse=True)
        if rest and 2 * top < sum(rest) + top and top < 2 * rest[0]:
            return None  # "Brazil" 4, "UK" 3, eight more: no country the story is set in
        return best.key

    def _party_states(self, doc: Doc, coref: CorefResult) -> set[str]:
        """The countries of the article's political parties, where the lexicon knows,
        named once at least as more than a title's portfolio ("Labour Minister X" of a
        Saudi ministry is no British party)."""
        titles = title_tokens(doc)
        return {
            self.lexicon.party_country[c.canonical]
            for c in coref.clusters.values()
            if c.kind == "party"
            and c.canonical in self.lexicon.party_country
            and any(end not in titles for _, end, _ in c.mentions)
        }

    @staticmethod
    def _main_organization(coref: CorefResult) -> str | None:
        """The organisation mentioned at least three times and twice as often as any
        other; a national side also twice as often as any other country, since a match
        report names two sides ("Wales are ..." may stay a place)."""
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
        best = coref.clusters[ranked[0][0]]
        if best.is_national_side and any(
            c.is_country and c.canonical != best.canonical and len(c.mentions) * 2 > ranked[0][1]
            for c in coref.clusters.values()
        ):
            return None
        return best.key

    # -- places ------------------------------------------------------------------

    def places(self, doc: Doc, coref: CorefResult) -> list[RelationMention]:
        """Where the article's organisations are based (:mod:`kg.nlp.org_places`)."""
        return [
            RelationMention(org, "basedIn", place, token, rule, confidence)
            for org, place, token, rule, confidence in organisation_places(
                doc, coref, self.organisation_descriptions, self.lexicon.country_by_alias
            )
        ]

    # -- verbs and nouns: the named patterns of kg/nlp/data/patterns.json -----------

    def events(
        self, doc: Doc, coref: CorefResult, roles: list[RelationMention]
    ) -> list[RelationMention]:
        """The facts the dependency patterns state, one per pair of clusters and trigger."""
        employers = _employers(roles, coref)
        hits = self.matcher(doc)
        named = {(h.trigger.i, h.property) for h in hits if h.object is not None}
        titles = title_tokens(doc)
        found: list[RelationMention] = []
        for hit in hits:
            if _superseded(hit, named) or title_modifier(hit, titles):
                continue
            if _led_to_outcome(hit, self.outcome_nouns):
                continue
            found += self._hit_facts(hit, coref, employers)
        return _unique(found)

    def _hit_facts(
        self, hit: Hit, coref: CorefResult, employers: dict[str, str]
    ) -> list[RelationMention]:
        """Every (subject, object) pair of clusters a hit's tokens stand for."""
        found = []
        for subject in self._keys(self._role_tokens(hit.subject, hit), coref):
            for obj in self._object_keys(hit, subject, coref, employers):
                if obj != subject:
                    found.append(
                        RelationMention(
                            subject, hit.property, obj, hit.trigger.i, hit.name, hit.confidence
                        )
                    )
        return found

    def _role_tokens(self, token: Token | None, hit: Hit) -> list[Token]:
        """A role's token with its conjuncts and appositions, or the inherited subject."""
        if token is not None:
            return self._expand([token])
        if hit.clause is not None:
            return self._expand(self._inherited_subject(hit.clause))
        return []

    def _object_keys(
        self, hit: Hit, subject: str, coref: CorefResult, employers: dict[str, str]
    ) -> list[str]:
        """The object's clusters; for an ``employer`` pattern, the subject's employer where
        the object is missing or a job noun ("resigned from her post")."""
        if not hit.pattern.employer:
            return self._keys(self._role_tokens(hit.object, hit), coref)
        if hit.object is None or hit.object.lower_ in self.matcher.patterns.employer_nouns:
            return [employers[subject]] if subject in employers else []
        return self._keys(self._role_tokens(hit.object, hit), coref)

    def _keys(self, tokens: list[Token], coref: CorefResult) -> list[str]:
        keys = [self._key(token, coref) for token in tokens]
        return list(dict.fromkeys(k for k in keys if k is not None))

    @staticmethod
    def _expand(tokens: list[Token]) -> list[Token]:
        """Tokens with their conjuncts, appositions, coordinated prepositions' objects
        ("from X and from Y") and the members a plural noun lists ("stars including X
        and Y")."""
        out = []
        for token in tokens:
            out.append(token)
            out += list(token.conjuncts)
            out += [c for c in token.children if c.dep_ == "appos"]
            if token.dep_ == "pobj":
                out += [
                    c for prep in token.head.conjuncts for c in prep.children if c.dep_ == "pobj"
                ]
            out += _listed_members(token)
        return out

    @staticmethod
    def _inherited_subject(verb: Token) -> list[Token]:
        """The subject of the clause an infinitive or participle hangs from."""
        head = verb
        for _ in range(4):
            if (
                head.dep_ not in {"xcomp", "advcl", "pcomp", "conj", "relcl", "pobj", "prep"}
                or head.head.i == head.i
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
        """The cluster a token stands for; a relative pronoun stands for its antecedent."""
        if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
            token = token.head.head
        if token.i in coref.by_token:
            return coref.by_token[token.i]
        for child in token.children:
            if child.dep_ == "appos" and child.i in coref.by_token:
                return coref.by_token[child.i]
        return None

    # -- people, places and employers ---------------------------------------------

    def affiliations(self, doc: Doc, coref: CorefResult) -> list[RelationMention]:
        def type_of(token: Token) -> str | None:
            key = coref.by_token.get(token.i)
            return coref.clusters[key].type if key is not None else None

        found = []
        quoted = [(q.start, q.end) for q in doc._.kg_quotes or []]
        for subject, prop, obj, rule, confidence in find_affiliations(doc, type_of):
            if rule in CAREER_RULES and _quoted_pronoun(subject, quoted):
                continue  # "he wants to stay at X" in a quote: whose "he" is a guess
            s, o = coref.by_token[subject.i], coref.by_token[obj.i]
            if rule in CAREER_RULES and self._joins_as_member(coref.clusters[o]):
                prop = "memberOf"  # "plays for England", "joined Labour": a side or a party
                rule = rule.replace("works:", "member:")
            found.append(RelationMention(s, prop, o, subject.i, rule, confidence))
        return found

    def _joins_as_member(self, cluster) -> bool:
        """A party or a national side: one is a member of it, not employed by it."""
        return cluster.kind == "party" or self._national_side(cluster)

    # -- reported speech ---------------------------------------------------------

    def stances(
        self, doc: Doc, coref: CorefResult, found: list[RelationMention]
    ) -> list[RelationMention]:
        """Stances of ``kg.nlp.stances``: verbs the parser lost, quotes that judge a name."""
        words = self.stance_words
        stated = frozenset(r.token for r in found)
        facts = surface_verb_stances(doc, coref, words, stated)
        facts += quote_judgements(doc, coref, doc._.kg_quotes or [], words)
        return [RelationMention(*fact) for fact in facts]

    def quotes(self, doc: Doc, coref: CorefResult) -> list[RelationMention]:
        positive = frozenset(self.lexicon.events["positive_words"])
        negative = frozenset(self.lexicon.events["negative_words"])
        found = []
        named: frozenset[int] | None = None  # read once, for the first quote that judges
        for quote in doc._.kg_quotes or []:
            if quote.speaker is None:
                continue
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand") or []
            pos, neg = _verdicts(span, positive, negative)
            if pos == neg:
                continue
            if named is None:
                named = _named_tokens(coref)  # a quote's "him" or "we" is too loose a target
            verdicts: dict[str, set[bool]] = {}
            for token in span:
                key = coref.by_token.get(token.i) if token.i in named else None
                if key is None or key == quote.speaker or coref.clusters[key].type != "Person":
                    continue
                clause = _clause_of_subject(token)
                if clause is None:
                    continue  # "an honour to be named beside Ann Lee": no verdict on her
                words = [
                    t for t in clause.subtree if span.start <= t.i < span.end and not _undergone(t)
                ]
                said_pos, said_neg = _verdicts(words, positive, negative)
                if said_pos != said_neg:
                    verdicts.setdefault(key, set()).add(said_pos > said_neg)
            for key, praise in sorted(verdicts.items()):
                if len(praise) != 1:
                    continue  # praised and blamed in one quote: no stance to state
                praised = praise.pop()
                found.append(
                    RelationMention(
                        key,
                        "praisedBy" if praised else "criticisedBy",
                        quote.speaker,
                        span[0].i,
                        f"quote:{'praise' if praised else 'criticism'}",
                        0.55,
                    )
                )
        return found


NOUN_PHRASE_DEPS = frozenset({"compound", "flat", "poss", "pobj", "prep", "appos", "conj", "cc"})
"""Dependencies that keep a word inside the noun phrase it belongs to."""


def _clause_of_subject(token: Token) -> Token | None:
    """The verb of the clause a quote's verdict on a name would stand in: the name is
    the clause's subject or inside it ("Jo is doing a great job", "Jo's record is
    excellent", "the choice of Jo was a disgrace"), or the speaker is ("I am not
    satisfied with Jo"). None for a name merely mentioned ("an honour to be named
    beside Jo")."""
    word = token
    while word.dep_ in NOUN_PHRASE_DEPS and word.head.pos_ in {"NOUN", "PROPN", "ADP", "CCONJ"}:
        word = word.head
    if word.dep_ in {"nsubj", "nsubjpass"}:
        return word.head
    verb = next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX", "ADJ"}), None)
    while verb is not None and verb.pos_ == "ADJ":  # "satisfied with Jo": the clause's verb
        verb = verb.head if verb.head is not verb else None
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return verb if [s.lower_ for s in subjects] == ["i"] else None


PARTICIPLE_COMPLEMENTS = frozenset({"acomp", "acl", "advcl", "xcomp", "oprd"})
"""Dependencies of a participle that says what its clause's subject feels or undergoes."""


def _undergone(token: Token) -> bool:
    """A participle that says what the subject feels or undergoes, not what it did
    ("X feels betrayed", "X was misled", "X went on worrying"): no verdict on X."""
    if token.tag_ not in {"VBN", "VBG"}:
        return False
    return token.dep_ in PARTICIPLE_COMPLEMENTS or any(c.dep_ == "auxpass" for c in token.children)


def _quoted_pronoun(token: Token, quoted: list[tuple[int, int]]) -> bool:
    """A third-person pronoun inside a quote."""
    return token.pos_ == "PRON" and any(start <= token.idx < end for start, end in quoted)


def _named_tokens(coref: CorefResult) -> frozenset[int]:
    """Tokens of the mentions that name or describe their entity, not pronouns."""
    return frozenset(
        i
        for cluster in coref.clusters.values()
        for start, end, kind in cluster.mentions
        if kind != "pronoun"
        for i in range(start, end)
    )


LISTING_PREPOSITIONS = frozenset({"including", "like"})


def _listed_members(token: Token) -> list[Token]:
    """The members a plural common noun lists: "stars including X and Y", "figures such
    as X", "critics like X", "four companies - X, its unit Y and Z".

    The plural noun stands for the group and the listed names for the agents the text
    names; a singular noun ("a star like X") compares, and lists nobody.
    """
    if token.tag_ != "NNS":
        return []
    firsts = [
        member
        for child in token.children
        if child.dep_ == "prep" and _lists(child)
        for member in child.children
        if member.dep_ == "pobj"
    ]
    firsts += [child for child in token.children if child.dep_ == "appos"]
    return _list_chain(firsts)


def _list_chain(firsts: list[Token], depth: int = 3) -> list[Token]:
    """``firsts``, their conjuncts and their appositions, and theirs, ``depth`` deep
    ("X, its unit Y and Z": X, then the unit and Y, then Z)."""
    members: list[Token] = []
    layer = firsts
    for _ in range(depth):
        layer = [t for m in layer for t in (m, *m.conjuncts) if t not in members]
        members += layer
        layer = [c for m in layer for c in m.children if c.dep_ == "appos"]
    return members + layer


def _lists(prep: Token) -> bool:
    """``prep`` introduces examples: "including", "like" or "such as"."""
    if prep.lower_ in LISTING_PREPOSITIONS:
        return True
    return prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)


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


def _possessive(doc: Doc, span: tuple[int, int] | None) -> bool:
    """A target written as a possessor ("the Liberal Democrats' President X"): the post
    is the organisation's own."""
    return span is not None and span[1] < len(doc) and doc[span[1]].tag_ == "POS"


def _party_member(role, holder: str, party: str) -> RelationMention:
    """ "Labour Prime Minister X": the party before a national title is the holder's."""
    return RelationMention(
        holder,
        "memberOf",
        party,
        role.title[0],
        f"role:{role.rule}+party-of-holder",
        round(role.confidence * 0.9, 2),
    )


def _possessed_people(doc: Doc, coref: CorefResult) -> list[tuple[str, str, int]]:
    """``(person, owner, token)`` for each person's name right after a possessive of
    another entity's name ("Labour's Jo Bloggs", "Rovers' Tom Hale")."""
    found = []
    for ent in doc.ents:
        if ent.start < 2 or doc[ent.start - 1].tag_ != "POS":
            continue
        person = coref.cluster_at(ent.start, ent.end)
        owner = coref.by_token.get(ent.start - 2)
        if person is not None and person.type == "Person" and owner is not None:
            found.append((person.key, owner, ent.start))
    return found


SIDE_KINDS = frozenset({"club", "party"})
"""Bodies a sentence's lone name may be taken for the holder's: a club, a national side,
a party (a firm, a paper or a league named beside a post is as often another's)."""
MATCH_WORDS = frozenset({"against", "v", "vs", "beat", "beaten", "defeat", "over", "versus"})
"""Words of a match: a sentence with one names an opponent, not the holder's side."""


def _names_a_body(sentence: Span, coref: CorefResult, *, besides: str) -> bool:
    """Whether a sentence names a country or an organisation other than the cluster
    ``besides``: a title's sentence that names one may tie the post to it ("with
    defensive coach Ray Dunn" beside a national side), so no body is guessed."""
    for i in range(sentence.start, sentence.end):
        key = coref.by_token.get(i)
        if key is not None and key != besides:
            cluster = coref.clusters[key]
            if cluster.is_country or cluster.type == "Organization":
                return True
    return False


def _only_body_in_sentence(
    sentence: Span, holder: str, coref: CorefResult, *, sides: bool = True
) -> str | None:
    """The one organisation a sentence names, when it names no other body, no country
    and no match, and is a club, a national side or a party ("with leader Jo Roe saying
    his party ...", "Rovers are without winger Tom Hale"): where a post with no body
    stated in a title's sentence is most likely held. ``sides=False``: a party only,
    whatever match the sentence speaks of ("the battle between the two big parties")."""
    if sides and any(t.lower_ in MATCH_WORDS for t in sentence):
        return None
    bodies = set()
    for i in range(sentence.start, sentence.end):
        key = coref.by_token.get(i)
        if key is None or key == holder:
            continue
        cluster = coref.clusters[key]
        if cluster.is_country:
            return None
        if cluster.type == "Organization":
            bodies.add(key)
    if len(bodies) != 1:
        return None
    body = bodies.pop()
    kinds = SIDE_KINDS if sides else {"party"}
    return body if coref.clusters[body].kind in kinds else None


VISIT_VERBS = frozenset({"visit", "tour", "arrive", "travel", "fly", "land"})
"""Verbs of coming to a country from elsewhere."""


def _visits(doc: Doc, role, country: str, coref: CorefResult) -> bool:
    """Whether the title's sentence has a verb of visiting and names ``country``: its
    holder is a visitor there ("Chancellor X visited Kenya's biggest city")."""
    sentence = doc[role.title[0]].sent
    if not any(t.pos_ == "VERB" and t.lemma_.lower() in VISIT_VERBS for t in sentence):
        return False
    return any(coref.by_token.get(i) == country for i in range(sentence.start, sentence.end))


def _implied_target(
    role, tied: str | None, main_country: str | None, main_organization: str | None
) -> str | None:
    """Where a title with nothing named beside it is held: a national office in the
    article's main country; a post in its main organisation, else in the one its holder
    is tied to. A player's position ("prop Jo Bloggs") and an MP's seat are held only in
    the holder's own side or party: a match report names two sides."""
    if role.scope == "country":
        return main_country
    if role.scope != "organization" or role.property == "memberOf":
        return None
    if role.property == "worksFor":
        return tied
    return main_organization or tied


def _verdicts(span, positive: frozenset[str], negative: frozenset[str]) -> tuple[int, int]:
    """How many words of praise and of blame a quote says outright: not under a modal
    or a condition ("he would be a disgrace"); "not satisfied" blames."""
    pos = neg = 0
    for token in span:
        pair = f"{token.doc[token.i - 1].lower_} {token.lower_}" if token.i else ""
        if token.lower_ in positive and not hedged(token):
            pos += 1
        elif (token.lower_ in negative or pair in negative) and not hedged(token):
            neg += 1
    return pos, neg


def _employers(roles: list[RelationMention], coref: CorefResult) -> dict[str, str]:
    """Person cluster -> the organisation a role fact (not mere membership) ties them to."""
    return {
        r.subject: r.object
        for r in roles
        if coref.clusters[r.object].type == "Organization" and r.predicate != "memberOf"
    }


def _led_to_outcome(hit: Hit, outcomes: frozenset[str]) -> bool:
    """ "X led Spain to victory": an idiom of winning a match, no post held."""
    return hit.property == "leaderOf" and any(
        prep.lower_ == "to" and any(w.lemma_.lower() in outcomes for w in prep.children)
        for prep in hit.trigger.children
        if prep.dep_ in {"prep", "dative"}
    )


def _superseded(hit: Hit, named: set[tuple[int, str]]) -> bool:
    """An employer fallback ("X resigned") where a pattern naming the object matched the
    same trigger ("X resigned from Y"): that pattern speaks for it."""
    return hit.pattern.employer and hit.object is None and (hit.trigger.i, hit.property) in named


def _unique(found: list[RelationMention]) -> list[RelationMention]:
    """The first of the facts that state the same thing at the same trigger."""
    seen: set[tuple[str, str, str, int]] = set()
    out = []
    for rel in found:
        key = (rel.subject, rel.predicate, rel.object, rel.token)
        if key not in seen:
            seen.add(key)
            out.append(rel)
    return out


def _is_party(doc: Doc, key: str, coref: CorefResult) -> bool:
    """A party: of the party kind, or named beside the noun "party" ("the party Respect",
    "the Green Alliance party")."""
    cluster = coref.clusters[key]
    if cluster.kind == "party":
        return True
    return any(
        (start > 0 and doc[start - 1].lower_ == "party")
        or (end < len(doc) and doc[end].lower_ == "party")
        for start, end, kind in cluster.mentions
        if kind == "name"
    )
