"""The ``kg_coref`` component: one cluster per real-world entity of an article.

Rule-based coreference for news, in three passes over the mentions in text order:

1. names: a full name opens a cluster; a surname, first name or honorific plus
   surname ("Mr Khan") joins the person it names; organisations join by acronym
   ("SEC"), short form ("the Met"), a name inside a longer one with only a place or
   a generic word added ("London Metropolitan Police", "Metropolitan Police
   Service"), a party's or country's other names ("Tory", "Britain"); a sports
   club's nickname ("Spurs") joins its club's name ("Tottenham", then an
   organisation, not a place) when the article names that club and no other club
   of the nickname (:mod:`kg.nlp.clubs`), or else is an organisation of its own;
2. descriptions: "the Commissioner" joins the holder of that title; "the force",
   "the firm", "the club", "the city", "the country" join the most recent entity
   of that kind;
3. pronouns: "he"/"she"/"his"/"her" join the most recent compatible person, in an
   earlier sentence the subject of its main clause first (sex learnt from
   honorifics, given names of one sex ("Paul", "Serena") and earlier pronouns; a
   pronoun object is never its own verb's subject), "it"/"its" the most recent
   organisation.

The result is ``doc._.kg_clusters``, a :class:`CorefResult`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.names import clean_name
from kg.names import normalise_name as normalise
from kg.nlp.clubs import SIDE_WORDS, ClubReading, place_uses, read_clubs
from kg.nlp.component import DataComponent
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import Lexicon, lexicon_from_files
from kg.nlp.name_shapes import first_joined_word, near_spelling

TYPE_OF_LABEL = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
GENERIC_ORG_WORDS = frozenset(
    {
        "service",
        "force",
        "department",
        "party",
        "inc",
        "ltd",
        "plc",
        "group",
        "company",
        "corporation",
        "club",
        "fc",
        "the",
        "theatre",
        "theater",
    }
)
ACRONYM_STOPWORDS = frozenset({"of", "and", "the", "for", "&", "in", "on"})
LOOKBACK_SENTENCES = 4


PEERAGE_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "dame"})
"""Titles that, before a lone surname, make the name a peer goes by ("Lord Janner")."""


@dataclass
class Cluster:
    """One entity of the article: its type, names and every mention.

    ``mentions`` are ``(start, end, kind)`` token spans.
    """

    key: str
    type: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    canonical: str = ""
    is_country: bool = False
    kind: str | None = None
    gender: str | None = None
    club: str | None = None
    nicknames: list[str] = field(default_factory=list)

    @property
    def is_national_side(self) -> bool:
        """A country's team ("England are ..."): a club named by its country's name."""
        return self.type == "Organization" and self.kind == "club" and bool(self.canonical)

    @property
    def label(self) -> str:
        """The canonical name, or the fullest name (a club's rather than its nickname)."""
        if self.canonical:
            return self.canonical
        names = [n for n in self.names if n not in self.nicknames] or self.names
        return max(names, key=lambda n: (len(n.split()), len(n)), default=self.key)


@dataclass
class CorefResult:
    """Clusters of a Doc and, for every token of a mention, its cluster key."""

    clusters: dict[str, Cluster] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)
    by_span: dict[tuple[int, int], str] = field(default_factory=dict)
    starts: dict[str, set[int]] = field(default_factory=dict, repr=False, compare=False)
    """For each cluster key, the start tokens of its mentions: no scan of them per add."""

    def add(self, key: str, start: int, end: int, kind: str) -> None:
        cluster = self.clusters[key]
        if key not in self.starts:
            self.starts[key] = {s for s, _, _ in cluster.mentions}
        starts = self.starts[key]
        if start in starts:
            return
        starts.add(start)
        cluster.mentions.append((start, end, kind))
        self.by_span.setdefault((start, end), key)
        for i in range(start, end):
            self.by_token.setdefault(i, key)

    def cluster_at(self, start: int, end: int | None = None) -> Cluster | None:
        """The cluster of the mention covering token ``start`` (or any token up to end)."""
        if end is not None and (start, end) in self.by_span:
            return self.clusters[self.by_span[(start, end)]]
        for i in range(start, end if end is not None else start + 1):
            if i in self.by_token:
                return self.clusters[self.by_token[i]]
        return None


@Language.factory(
    "kg_coref",
    assigns=["doc._.kg_clusters"],
    requires=["doc.ents"],
    default_config={"lookback_sentences": LOOKBACK_SENTENCES},
)
def make_coref(nlp: Language, name: str, lookback_sentences: int) -> Coreference:
    """Create the ``kg_coref`` component.

    ``lookback_sentences``: how many sentences back a pronoun may find its antecedent.
    """
    register_extensions()
    return Coreference(lookback_sentences)


@dataclass(slots=True)
class DocContext:
    """What ``kg_coref`` reads once per Doc and its passes share.

    ``countries``: the country each demonym token names; ``places``: the Doc's
    place names, normalised; ``inside``: for each token, whether it lies in a quote.
    """

    countries: dict[int, str] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    inside: list[bool] = field(default_factory=list)


def acronym(name: str) -> str:
    """Initials of a name's words, skipping function words.

    >>> acronym("Securities and Exchange Commission")
    'SEC'
    """
    return "".join(w[0].upper() for w in name.split() if w.lower() not in ACRONYM_STOPWORDS)


def is_acronym_of(short: str, long: str) -> bool:
    """Is the one word ``short`` an acronym of the name ``long``?

    Capitals spell the initials of the content words or of every word ("SEC",
    "BoE" for "Bank of England"); a word in title case ("Nato") spells the initials
    of three content words or more.

    >>> is_acronym_of("BoE", "Bank of England"), is_acronym_of("SEC", "Securities and Exchange Commission")
    (True, True)
    >>> is_acronym_of("Acme", "Association of Chief Medical Examiners")
    True
    >>> is_acronym_of("Bed", "Bank of England Archive"), is_acronym_of("Be", "Bank of England")
    (False, False)
    """  # noqa: E501
    letters = short.replace(".", "")
    words = [w for w in long.split() if w[:1].isalnum()]
    if len(letters) < 2 or not letters.isalpha() or len(words) < 2 or " " in short:
        return False
    content = acronym(long)
    every = "".join(w[0].upper() for w in words)
    capitals = "".join(c for c in letters if c.isupper())
    if letters.isupper():
        return letters in {content, every}
    if len(capitals) >= 2 and letters[0].isupper():
        return letters.upper() == every or capitals == content  # "BoE", "DfES"
    return letters.istitle() and len(content) >= 3 and letters.upper() == content


def is_loose_acronym_of(short: str, long: str) -> bool:
    """Capitals spelling the initials of some of a name's words, in order, from the
    first ("WAPRO" for "World Association of Port and River Operators"):
    enough where the text puts the two side by side.

    >>> is_loose_acronym_of("WAPRO", "World Association of Port and River Operators")
    True
    >>> is_loose_acronym_of("APRO", "World Association of Port and River Operators")
    False
    """
    initials = [w[0].upper() for w in long.split() if w[:1].isalpha()]
    if len(short) < 2 or not short.isalpha() or not short.isupper() or len(initials) < 2:
        return False
    if short[0] != initials[0]:
        return False
    rest = iter(initials[1:])
    return all(letter in rest for letter in short[1:])


def _of_the_side(span: Span, country_body_words: frozenset[str]) -> bool:
    """A demonym of a country read as its side that speaks of the side ("beat the
    Irish", "the Irish captain Jo Roe", "Welsh fans"), not of an office or a body of
    the country ("Dutch sports minister Jo Roe", "the Irish government", "English
    side Leeds Rovers": an entity other than a person follows)."""
    for token in span.doc[span.end : span.end + 3]:
        if token.ent_type_ not in {"", "PERSON"} or token.lower_ in country_body_words:
            return False
        if token.ent_type_ == "PERSON" or token.pos_ not in {"NOUN", "ADJ", "PROPN"}:
            break
    return True


GOVERNMENT_WORDS = frozenset({"government", "administration", "executive"})


def _names_a_government(cluster: Cluster) -> bool:
    """A body named as a government ("the Kestrel Government", "the Bush
    administration"), which "the government" may stand for; a ministry, an office or
    a commission is only part of one, and other bodies none."""
    return cluster.type == "Organization" and any(
        GOVERNMENT_WORDS & set(name.lower().split()) for name in cluster.names
    )


def _main_subject(token: Token) -> bool:
    """The subject of a sentence's main clause, or its possessor ("Mr Lee told ..."),
    not of a clause inside it ("... that Mr Howard's stance was wrong"): whom a
    pronoun in the next sentence most likely means."""
    subject = token if token.dep_ in {"nsubj", "nsubjpass"} else token.head
    if subject.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = subject.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def role_body(role, result: CorefResult) -> str | None:
    """The cluster a role's title names where the post is held ("Tory leader": the
    Conservative Party; "Celtic manager": Celtic; "the Bulgarian manager": the
    cluster of "Bulgarian", country or side), or None."""
    if role.target is None:
        return None
    if role.target_kind == "party":
        for cluster in result.clusters.values():
            if cluster.type == "Organization" and cluster.canonical == role.target_text:
                return cluster.key
        return None
    cluster = result.cluster_at(*role.target)
    return cluster.key if cluster is not None else None


def _other_body(body: str | None, held: str | None, result: CorefResult) -> bool:
    """Two posts of one title in two bodies of one kind ("Tory leader", "Leader of the
    Commons"), neither name a short form of the other ("Lions", "Irish Lions")."""
    if body is None or held is None or body == held:
        return False
    one, other = result.clusters[body], result.clusters[held]
    if one.type != other.type:
        return False
    words = set(one.label.lower().split()), set(other.label.lower().split())
    return not (words[0] <= words[1] or words[1] <= words[0])


def _apposed_long_name(span: Span, result: CorefResult) -> Cluster | None:
    """The organisation an acronym stands beside: "WAPRO, the World Association of ...," or
    "the World Association of ... (WAPRO)", when its capitals spell the name's initials."""
    doc = span.doc
    neighbours = []
    after = span.end + 1
    if span.end < len(doc) and doc[span.end].text == ",":
        if after < len(doc) and doc[after].lower_ == "the":
            after += 1
        neighbours.append(result.cluster_at(after))
    if span.start > 1 and doc[span.start - 1].text == "(":
        neighbours.append(result.cluster_at(span.start - 2))
    for cluster in neighbours:
        if (
            cluster is not None
            and cluster.type == "Organization"
            and any(is_loose_acronym_of(span.text, name) for name in cluster.names)
        ):
            return cluster
    return None


def _plural_of(one: str, other: str) -> bool:
    """One name is the other with an "s" added ("Midland", "Midlands")."""
    return len(one) > 3 and len(other) > 3 and (one + "s" == other or other + "s" == one)


def _nearest_before(clusters: list[Cluster], start: int) -> Cluster:
    """Of the people a surname may name, the one named last before it ("Lee" after
    "Ann Lee", then "Tom Lee": Tom); in a headline, before them all, the one the
    article names first."""
    before = [
        (max(starts), c.key)
        for c in clusters
        if (starts := [s for s, _, _ in c.mentions if s < start])
    ]
    if before:
        key = max(before)[1]
    else:
        key = min((min(s for s, _, _ in c.mentions), c.key) for c in clusters)[1]
    return next(c for c in clusters if c.key == key)


class Coreference(DataComponent):
    """Group a Doc's mentions into clusters."""

    lexicon: Lexicon
    country_body_words: frozenset[str]
    """Words of a country's offices and bodies: a demonym before one ("Dutch sports
    minister", "the Scottish FA") names the country, not its side."""

    def __init__(self, lookback_sentences: int = LOOKBACK_SENTENCES) -> None:
        self.lookback_sentences = lookback_sentences

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the lexicon."""
        self.lexicon = lexicon_from_files(files)
        offices = {
            w
            for t in self.lexicon.titles.values()
            if t.scope != "organization"
            for w in t.phrase.split()
        }
        self.country_body_words = frozenset(
            offices | (self.lexicon.organisation_words - SIDE_WORDS)
        )

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        result = CorefResult()
        context = DocContext()
        self.cluster_names(doc, result, context)
        self.resolve_descriptions_and_pronouns(doc, result, context)
        doc._.kg_clusters = result
        return doc

    # -- pass 1: names -----------------------------------------------------------

    def name_mentions(self, doc: Doc) -> list[Span]:
        spans = list(doc.ents) + list(doc.spans.get("kg_nested", []))
        for d in doc.spans.get("kg_demonyms", []):
            spans.append(Span(doc, d.start, d.end, label="DEMONYM"))
        places_first = {"GPE": 0, "LOC": 0, "FAC": 0, "DEMONYM": 0}
        return sorted(spans, key=lambda s: (places_first.get(s.label_, 1), -len(s), s.start))

    def cluster_names(self, doc: Doc, result: CorefResult, context: DocContext) -> None:
        context.countries = {d.start: d.label_ for d in doc.spans.get("kg_demonyms", [])}
        context.places = frozenset(
            normalise(e.text) for e in doc.ents if e.label_ in {"GPE", "LOC"}
        )
        spans = self.name_mentions(doc)
        clubs = self.read_clubs(spans)
        for span in spans:
            key = self._find_or_create(span, result, clubs, context)
            if key is not None:
                cluster = result.clusters[key]
                demonym = span.label_ == "DEMONYM"
                kind = "demonym" if demonym else self._name_kind(doc, span, cluster)
                result.add(key, span.start, span.end, kind)
                name = clean_name(span.text)
                if not demonym and name not in cluster.names:
                    cluster.names.append(name)
                    if clubs.is_nickname(normalise(name)):
                        cluster.nicknames.append(name)
                peerage = self._peerage_name(doc, span, cluster, name)
                if peerage and peerage not in cluster.names:
                    cluster.names.append(peerage)
                self._learn_gender(doc, span, cluster)

    @staticmethod
    def _peerage_name(doc: Doc, span: Span, cluster: Cluster, name: str) -> str:
        """ "Lord Janner": a peer's title with a lone surname is the name they go by."""
        before = doc[span.start - 1] if span.start > 0 else None
        if (
            cluster.type != "Person"
            or before is None
            or before.lower_ not in PEERAGE_TITLES
            or not before.is_title
            or len(name.split()) != 1
        ):
            return ""
        return f"{before.text} {name}"

    def read_clubs(self, spans: list[Span]) -> ClubReading:
        """The article's sports clubs, read from its name mentions."""
        names = [(normalise(s.text), s) for s in spans if s.label_ != "DEMONYM"]
        uses = place_uses(names, self.lexicon)
        return read_clubs([(n, s.label_) for n, s in names], self.lexicon, uses)

    def _find_or_create(
        self, span: Span, result: CorefResult, clubs: ClubReading, context: DocContext
    ) -> str | None:
        lex = self.lexicon
        demonym = span.label_ == "DEMONYM"
        if demonym:
            etype, text = "Place", context.countries[span.start]
        else:
            etype, text = TYPE_OF_LABEL[span.label_], clean_name(span.text)
        norm = normalise(text)
        club = None if demonym else clubs.club(norm)
        if not demonym and clubs.is_organisation(norm):
            etype = "Organization"  # a club, whatever spaCy tagged
        elif demonym and clubs.is_cued(norm) and _of_the_side(span, self.country_body_words):
            etype = "Organization"  # "the Irish" where Ireland is read as its side
        elif etype == "Organization" and norm in lex.country_by_alias and not clubs.is_cued(norm):
            etype = "Place"  # a country tagged as a body is the country, not read as a side
        canonical, is_country = "", False
        if etype == "Place" and norm in lex.country_by_alias:
            canonical, is_country = lex.country_by_alias[norm].name, True
        elif etype == "Organization" and clubs.is_cued(norm) and norm in lex.country_by_alias:
            canonical = lex.country_by_alias[norm].name  # a national side: "Republic of Ireland"
        elif etype == "Organization" and norm in lex.party_by_alias:
            canonical = lex.party_by_alias[norm]
        candidates = [c for c in result.clusters.values() if c.type == etype and c.club == club]
        matches = [
            cluster
            for cluster in candidates
            if club is not None
            or (canonical and cluster.canonical == canonical)
            or self._same(etype, norm, text, cluster, context.places)
        ]
        if etype == "Organization" and not matches:
            matches = [c for c in [_apposed_long_name(span, result)] if c is not None]
        if etype == "Person" and not matches:
            matches = self._misspelt_surname_of(norm, candidates)
        if etype == "Person" and len(matches) > 1:
            gender = self._honorific_gender(span)  # "Mrs Lee": not Tom Lee
            fitting = [c for c in matches if gender is None or c.gender in (None, gender)]
            return _nearest_before(fitting or matches, span.start).key
        if matches:
            return matches[0].key
        if (
            etype == "Person"
            and len(span) == 1
            and norm
            in {
                n
                for c in result.clusters.values()
                if c.type != "Person"
                for n in map(normalise, c.names)
            }
        ):
            return None
        return self._new_cluster(result, etype, canonical, is_country, norm, clubs, club)

    @staticmethod
    def _misspelt_surname_of(norm: str, candidates: list[Cluster]) -> list[Cluster]:
        """The one person named in full whose surname a lone word spells with a
        letter more, less or changed ("Brannel", "Brannall" for "Ann Brannell")."""
        if " " in norm:
            return []
        found = [
            c
            for c in candidates
            if any(
                len(n.split()) > 1 and near_spelling(norm, normalise(n).split()[-1])
                for n in c.names
            )
        ]
        return found if len(found) == 1 else []

    def _new_cluster(self, result, etype, canonical, is_country, norm, clubs, club) -> str:
        key = f"e{len(result.clusters)}"
        result.clusters[key] = Cluster(
            key,
            etype,
            canonical=canonical,
            is_country=is_country,
            kind=self._cluster_kind(etype, norm, clubs),
            club=club,
        )
        return key

    def _cluster_kind(self, etype: str, norm: str, clubs: ClubReading) -> str | None:
        if etype != "Organization":
            return None
        if clubs.club(norm) is not None or clubs.is_cued(norm):
            return "club"
        if norm in self.lexicon.party_by_alias:
            return "party"  # "Conservative", "Lib Dem": a party's name without "party"
        return self._org_kind(norm)

    def _same(
        self, etype: str, norm: str, text: str, cluster: Cluster, places: frozenset[str]
    ) -> bool:
        for name in cluster.names:
            other = normalise(name)
            if other == norm:
                return True
            if etype == "Person":
                words, other_words = norm.split(), other.split()
                if len(words) == 1 and (words[0] == other_words[-1] or words[0] == other_words[0]):
                    return True
                if 1 < len(words) < len(other_words) and other_words[-len(words) :] == words:
                    return True  # "De Vido", "Symmons Roberts": a surname of two words
            elif etype == "Organization" and self._same_org(norm, text, other, name, places):
                return True
            elif etype in {"Place", "Organization"} and _plural_of(norm, other):
                return True  # "the Midland" and "the Midlands", "Liberal" and "Liberals"
        return False

    def _same_org(
        self, norm: str, text: str, other: str, other_text: str, places: frozenset[str]
    ) -> bool:
        short, long_, long_text = (
            (norm, other, other_text) if len(norm) <= len(other) else (other, norm, text)
        )
        short_text = text if short is norm else other_text
        if is_acronym_of(short_text, long_text):
            return True
        if long_ == f"house of {short}":
            return True  # "the Lords", "the House of Lords"
        if " " not in long_text and first_joined_word(long_text) == short_text:
            return True  # "Brill", "BrillSoft"
        short_words, long_words = short.split(), long_.split()
        if (
            len(short_words) == 1
            and len(short) >= 3
            and long_words[0].startswith(short)
            and len(long_words) > 1
            and not all(self._is_place_word(w, places) for w in long_words[1:])
        ):
            return True  # "the Met" for "the Metropolitan Police", not "Acme" for "Acme USA"
        core = self._core(short, places)
        if core == self._core(long_, places) and core:
            return True  # "London Metropolitan Police" and "Metropolitan Police Service"
        n = len(short_words)
        for i in range(len(long_words) - n + 1):
            if long_words[i : i + n] == short_words and n >= 2:
                extra = long_words[:i] + long_words[i + n :]
                if all(w in GENERIC_ORG_WORDS or self._is_place_word(w, places) for w in extra):
                    return True
        return False

    def _core(self, name: str, places: frozenset[str]) -> str:
        """A body's name without a leading place or nationality, joining "and"s and
        trailing generic words: "British Potato Council" and "Potato Council", "Economic
        and Social Research Council" and "Economic Social Research Council"."""
        words = [w for w in name.split() if w not in {"and", "&"}]
        while words and self._is_place_word(words[0], places):
            words = words[1:]
        rest = " ".join(words[1:])
        if (
            len(words) > 2
            and words[0] in self.lexicon.country_by_demonym
            and rest not in self.lexicon.party_by_alias  # "Scottish Labour Party": a branch
        ):
            words = words[1:]
        while words and words[-1] in GENERIC_ORG_WORDS:
            words = words[:-1]
        return " ".join(words)

    def _is_place_word(self, word: str, places: frozenset[str]) -> bool:
        """A country's name or alias, or one of the Doc's own place names."""
        return word in self.lexicon.country_by_alias or word[:1].isalpha() and word in places

    def _org_kind(self, norm: str) -> str | None:
        words = set(norm.split())
        for kind, markers in sorted(self.lexicon.org_kinds.items()):
            if words & set(markers):
                return kind
        return None

    def _name_kind(self, doc: Doc, span: Span, cluster: Cluster) -> str:
        before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in self.lexicon.honorifics:
            return "title"
        if cluster.type == "Person" and len(span) == 1:
            return "surname"
        if span.text.isupper() and len(span) == 1:
            return "acronym"
        return "name"

    def _honorific_gender(self, span: Span) -> str | None:
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in self.lexicon.male_honorifics:
            return "male"
        return "female" if before in self.lexicon.female_honorifics else None

    def _learn_gender(self, doc: Doc, span: Span, cluster: Cluster) -> None:
        """A person's sex from an honorific ("Mrs Lee") or a given name ("Paul Lee")."""
        if cluster.gender is not None or cluster.type != "Person":
            return
        before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in self.lexicon.male_honorifics:
            cluster.gender = "male"
        elif before in self.lexicon.female_honorifics:
            cluster.gender = "female"
        elif len(span) > 1:
            cluster.gender = self.lexicon.gender_of_given_name.get(span[0].lower_)

    # -- passes 2 and 3: descriptions and pronouns ---------------------------------

    def resolve_descriptions_and_pronouns(
        self, doc: Doc, result: CorefResult, context: DocContext
    ) -> None:
        holders = self._title_holders(doc, result)
        description_titles = {r.title[0]: r for r in doc._.kg_roles or [] if r.holder is None}
        from kg.nlp.quotes import find_quote_spans, quote_token_mask

        context.inside = quote_token_mask(doc, find_quote_spans(doc.text))
        history: list[tuple[int, str, bool]] = []  # (token, cluster key, is subject)
        sent_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
        for token in doc:
            key = result.by_token.get(token.i)
            if key is not None:
                if not history or history[-1][0] != token.i - 1 or history[-1][1] != key:
                    history.append(
                        (
                            token.i,
                            key,
                            _main_subject(token),
                        )
                    )
                continue
            found = None
            if token.i in description_titles:
                role = description_titles[token.i]
                found = self._title_description(role, holders, history, result)
                kind = "description"
                end = role.title[1]
            elif self._is_description_noun(token):
                found = self._kind_description(token, result, history)
                kind, end = "description", token.i + 1
            elif token.tag_ in {"PRP", "PRP$"}:
                found = self._pronoun(token, result, history, sent_of, context.inside)
                kind, end = "pronoun", token.i + 1
            if found is not None:
                result.add(found, token.i, end, kind)
                # a pronoun subject stays salient even inside a clause ("what he claimed")
                history.append((token.i, found, token.dep_ in {"nsubj", "nsubjpass"}))

    def _title_holders(
        self, doc: Doc, result: CorefResult
    ) -> dict[str, list[tuple[int, str, str | None]]]:
        """Title property -> (position, holder's cluster, where the post is held)."""
        holders: dict[str, list[tuple[int, str, str | None]]] = {}
        for role in doc._.kg_roles or []:
            if role.holder is None:
                continue
            cluster = result.cluster_at(*role.holder)
            if cluster is not None and cluster.type == "Person":
                held = role_body(role, result)
                holders.setdefault(role.property, []).append((role.holder[0], cluster.key, held))
        return holders

    @staticmethod
    def _title_description(role, holders, history, result: CorefResult) -> str | None:
        """The holder "the Commissioner" or "the Tory leader" names: the one holder of
        that title, else the latest named; never the holder of the title in another
        body ("the Tory leader" is not the Leader of the Commons)."""
        one_at_a_time = not role.former and role.property != "memberOf"
        body = role_body(role, result) if one_at_a_time else None
        candidates = [
            (i, key)
            for i, key, held in holders.get(role.property, [])
            if not _other_body(body, held, result)
        ]
        if not candidates:
            return None
        keys = {k for _, k in candidates}
        if len(keys) == 1:
            return next(iter(keys))
        for _, key, _ in reversed(history):
            if key in keys:
                return key
        return None

    def _is_description_noun(self, token: Token) -> bool:
        if token.lower_ not in self.lexicon.descriptions or token.pos_ != "NOUN" or token.ent_type_:
            return False
        if token.tag_ not in {"NN"}:
            return False
        owner = token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" else token
        det = [c for c in owner.children if c.dep_ == "det"]
        if not det or det[0].lower_ != "the":
            return False
        return not any(
            c.dep_ in {"amod", "compound"} and c.i < token.i
            for c in owner.children
            if c.lower_ not in {"other", "whole", "entire"} and c.i != token.i
        )

    def _kind_description(self, token: Token, result: CorefResult, history) -> str | None:
        kinds = self.lexicon.descriptions[token.lower_]
        for _, key, _ in reversed(history):
            cluster = result.clusters[key]
            if kinds == ("government",) and not _names_a_government(cluster):
                continue  # "the government" is no Home Office, Commission or UN
            if "country" in kinds and cluster.type == "Place" and cluster.is_country:
                return key
            if "city" in kinds and cluster.type == "Place" and not cluster.is_country:
                return key
            if cluster.type == "Organization" and (
                cluster.kind in kinds
                or (cluster.kind is None and set(kinds) & {"company", "club", "government"})
            ):
                return key
        return None

    def _pronoun(
        self, token: Token, result: CorefResult, history, sent_of, inside: list[bool]
    ) -> str | None:
        lex = self.lexicon.pronouns
        word = token.lower_
        if word in lex["male"] or word in lex["female"]:
            gender = "male" if word in lex["male"] else "female"
            wanted = "Person"
        elif word in {"it", "its"}:
            gender, wanted = None, "Organization"
        else:
            return None
        here = sent_of[token.i]
        excluded = self._own_subject(token, result)
        best = None
        for position, key, is_subject in reversed(history):
            distance = here - sent_of[position]
            if distance > self.lookback_sentences:
                break
            cluster = result.clusters[key]
            if cluster.type != wanted or key == excluded:
                continue
            if cluster.is_national_side:
                continue  # a side is "they": "it" is the match, the standard, the win
            if inside[position] and not inside[token.i]:
                continue  # narrative pronouns do not reach into earlier quotes
            if gender and cluster.gender not in (None, gender):
                continue
            if distance == 0:
                best = key
                break
            if best is None:
                best = key
            if is_subject:
                best = key
                break
        if best is not None and gender and result.clusters[best].gender is None:
            result.clusters[best].gender = gender
        return best

    @staticmethod
    def _own_subject(token: Token, result: CorefResult) -> str | None:
        """A personal pronoun object cannot be its own verb's subject ("X praised her")."""
        if token.dep_ not in {"dobj", "dative", "pobj"}:
            return None
        verb = token.head if token.dep_ != "pobj" else token.head.head
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i in result.by_token:
                return result.by_token[child.i]
            if child.dep_ == "nsubj" and child.lower_ in {"who", "that"} and verb.dep_ == "relcl":
                return result.by_token.get(verb.head.i)
        return None
