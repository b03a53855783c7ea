"""The ``kg_roles`` component: who holds which job title, and where.

Reads the title spans that ``kg_entities`` marked and links each to its holder and
to the organisation or place it is held in, by general constructions:

- title compound: "[Org] [title] [Person]" ("Wolves chairman Rick Hayward",
  "British Prime Minister Boris Johnson", "the city's Mayor Sadiq Khan");
- title with a complement: "the Mayor of London Mr Khan", "chairman of the X";
- apposition: "Ken Marsh, chairman of the X", "Armando Falcon, OFHEO director";
- copula and relative clauses: "Hoddle was manager at Southampton",
  "Gray, who has been caretaker manager";
- "as": "unveiled as the new Wolves manager", "step aside as Commissioner of X",
  "began his career as boss with X", "spent three years as manager of X", "his spell as
  manager of X";
- appointment: "Jo Roe was appointed chairman of X", "was named captain of X";
- a party's name as an adjective ("Lib Dem health spokesman X", target kind ``party``),
  a side tagged as a person before a player's position ("Bath prop X").

A post stated to be held somewhere this finder cannot read as an organisation ("chief
economist at Vexa Mae" tagged as a person, "for Jupiter analyst X") gets target kind
``unresolved``: ``kg_relations`` then implies no organisation or country for it. A
capitalised one-word title in a list of names ("Dale, King, Morrow") is a surname.

A title with no holder but a determiner ("the Commissioner") is a *description*;
``kg_coref`` resolves it to the holder of that title. Results are
``doc._.kg_roles``, a list of :class:`RoleMention`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.nlp.component import DataComponent
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import Lexicon, lexicon_from_files, title_property

COMPLEMENT_PREPOSITIONS = frozenset({"of", "to", "for", "at", "with"})
CLAUSE_WORD_TAGS = frozenset({"ADP", "CCONJ", "SCONJ", "VERB", "AUX", "PRON", "PART"})
"""Parts of speech that end a common-noun phrase."""
HOLDER_PREPOSITIONS = frozenset({"of", "from", "at"})
"""Prepositions after a title's holder that say where the post is ("Jo Roe of Acme")."""
COPULAS = frozenset({"be", "become", "remain", "serve"})
APPOINTING_VERBS = frozenset({"appoint", "name", "elect", "make", "install", "reappoint"})
"""Verbs whose passive makes the subject the holder: "Jo Roe was appointed chairman"."""
CAREER_SPANS = frozenset(
    "career name year month season spell stint time week decade day life reign tenure term"
    " period".split()
)
"""Objects of a verb before "as TITLE" that leave the title the subject's: "began his
career as manager with X", "spent three years as boss of X"."""
NAMING_VERBS = frozenset({"know", "dub", "nickname", "call", "style", "bill"})
"""Verbs whose "as" gives a name, not a post: "known as the Iron Chancellor"."""
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should"})
"""Modals that make "be" a supposition: "she would make a fine chairman"."""
RANK_PREFIXES = ("deputy", "assistant", "vice", "acting", "interim", "joint", "co", "shadow")
"""Words that make a different post of a title: a deputy chief constable is not one."""
SCREEN_TRADES = frozenset({"director", "producer"})
"""Titles that in a screen story name who made a work ("Kill Bill director X")."""
PLAYER_TITLES = frozenset({"captain"})
"""Titles beside the players' positions (role property ``worksFor``) a team names."""
EXTRA_TITLE_HEADS = frozenset(
    "officer boss correspondent adviser advisor strategist controller treasurer counsel"
    " lawyer partner superintendent inspector administrator trustee principal".split()
)
"""Nouns that end a job title beside the last words of the lexicon's titles: an open
title phrase ("chief operations officer") must end in one of them."""


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A job title in the text with its holder and where it is held.

    Spans are token offsets ``(start, end)``. ``holder`` is None for a description
    ("the Commissioner"). ``target_kind`` is ``entity``, ``demonym`` (target is a
    country name in ``target_text``), ``party`` (a party's name used as an adjective;
    its canonical name in ``target_text``), ``description`` (a noun such as "city"),
    ``pronoun`` ("its chief executive": the target is what coreference makes of it),
    ``part`` (a post in a part of the target: "head of Acme's research unit"),
    ``unresolved`` (a place of work is named, but as no organisation: "economist at
    Vexa Mae" tagged as a person) or ``none``.
    """

    title: tuple[int, int]
    property: str
    label: str
    scope: str
    holder: tuple[int, int] | None
    target: tuple[int, int] | None
    target_kind: str
    target_text: str
    rule: str
    confidence: float
    former: bool = False
    lexicon_title: str = ""
    """The lexicon's title the phrase was found from ("director" in "writer-director")."""


@Language.factory("kg_roles", assigns=["doc._.kg_roles"], requires=["doc.ents", "doc.spans"])
def make_role_finder(nlp: Language, name: str) -> RoleFinder:
    """Create the ``kg_roles`` component."""
    register_extensions()
    return RoleFinder()


class RoleFinder(DataComponent):
    """Link titles to holders and targets."""

    lexicon: Lexicon
    title_heads: frozenset[str]
    organisation_words: frozenset[str]
    body_words: frozenset[str]
    """Words that show a name is a body's, not a work's ("Festival", "Theatre", "Ltd")."""
    speech_verbs: frozenset[str]

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the lexicon."""
        self.lexicon = lexicon_from_files(files)
        self.title_heads = EXTRA_TITLE_HEADS | {
            p.split()[-1] for p, t in self.lexicon.titles.items() if t.property != "memberOf"
        }  # "Queen bassist": no post of queen, a member of the band Queen
        lex = self.lexicon
        self.organisation_words = lex.organisation_words  # derived once, not per title
        self.body_words = (
            self.organisation_words | lex.event_words | lex.venue_words | lex.venue_endings
        )
        self.speech_verbs = self.lexicon.speech_verbs

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        ents = {i: e for e in doc.ents for i in range(e.start, e.end)}
        demonyms = {d.end - 1: d for d in doc.spans.get("kg_demonyms", [])}
        titles = doc.spans.get("kg_titles", [])
        screen = any(
            self.lexicon.titles[t.kb_id_].phrase in SCREEN_TRADES for t in titles
        ) and self._screen_story(doc)
        roles = [self.link(doc, t, ents, demonyms, screen) for t in titles]
        doc._.kg_roles = _share_modifiers(doc, [r for r in roles if r is not None])
        return doc

    def link(
        self,
        doc: Doc,
        title: Span,
        ents: dict[int, Span],
        demonyms: dict[int, Span],
        screen: bool = False,
    ) -> RoleMention | None:
        """The role a title states: its holder, where it is held, by which rule.

        ``screen``: the article is a screen story (:meth:`_screen_story`).
        """
        info = self.lexicon.titles[title.kb_id_]
        if _in_list_of_names(doc, title):
            return None  # "Dale, King, Morrow": a surname, not a title
        title, phrase = self._open_phrase(doc, title, info.phrase)
        if info.property == "memberOf":
            phrase = info.phrase  # a "board member", a "full-time member": a member
        rank, rank_start = self._rank(doc, title)
        if rank_start < title.start:  # "co-chairman": the rank is part of the title's span
            title = Span(doc, rank_start, title.end, label=title.label_, kb_id=title.kb_id_)
        former = self._former(doc, title)
        target, kind, text, after = self._complement(doc, title, ents)
        if target is None:
            target, kind, text = self._modifier(doc, title, ents, demonyms)
            if screen and kind == "entity" and self._work_before_trade(doc, title, target):
                target, kind, text = None, "unresolved", ""  # "Evil Dead director X"
        if target is None:
            target, kind, text = self._where_clause(title, ents)
        if target is None:
            target, kind, text = self._party_before(doc, title)
        if target is not None and _negated_modifier(doc, target[0]):
            return None  # "the only non-Nato member leader": no post in Nato
        holder, rule, confidence = self._holder(doc, title, after, ents)
        if target is None and rule == "title-compound":
            target, kind, text = self._of_after_name(doc, holder, ents)
        national = info.scope == "country"
        if target is None and self._named_elsewhere(doc, title, holder, after, national):
            kind = "unresolved"
        if holder is None and not self._is_description(doc, title):
            return None
        prop, label = title.label_, info.label
        if phrase != info.phrase:
            prop, label = title_property(phrase), " ".join(w.capitalize() for w in phrase.split())
        if rank and prop != "memberOf":
            prop = title_property(f"{rank} {phrase}")
            label = (
                f"{rank.capitalize()}-{label.lower()}"
                if rank == "co"
                else f"{rank.capitalize()} {label}"
            )
        return RoleMention(
            (title.start, title.end),
            prop,
            label,
            info.scope,
            holder,
            target,
            kind,
            text,
            rule,
            confidence,
            former,
            info.phrase,
        )

    def _screen_story(self, doc: Doc) -> bool:
        """Three nouns of films or television or more ("film", "actress", "Oscar")."""
        screen = self.lexicon.screen_nouns
        return sum(1 for t in doc if t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in screen) > 2

    def _work_before_trade(self, doc: Doc, title: Span, target: tuple[int, int]) -> bool:
        """In a screen story, a name before a film-maker's title ("Kill Bill director
        X") is the work, unless the name shows a body: an organisation's word ("Berlin
        Film Festival", "Acme Pictures"), an acronym or a body the lexicon knows."""
        if self.lexicon.titles[title.kb_id_].phrase not in SCREEN_TRADES:
            return False
        words = doc[target[0] : target[1]]
        if any(w.lower_ in self.body_words or w.is_upper for w in words):
            return False  # "Berlin Film Festival", "La Fenice Theatre", "BBC"
        return not self.lexicon.knows_name(words.text)

    # -- the title's phrase --------------------------------------------------------

    def _open_phrase(self, doc: Doc, title: Span, phrase: str) -> tuple[Span, str]:
        """The whole job-title noun phrase around a lexicon title, and its words.

        A title is open-ended: "chief" + "operations officer", "transport" + "minister",
        "head" + "of research". Lower-case nouns that compound into the title are
        taken in, as long as the phrase still ends in a title noun; entity names,
        descriptions ("the club chairman") and possessives stay outside.
        """
        start, end = title.start, title.end
        j = end
        while j < len(doc) and self._title_noun(doc[j]) and doc[j - 1].head.i >= j:
            j += 1
        if j > end and doc[j - 1].lower_ in self.title_heads:
            end = j
        if (
            end + 1 < len(doc)
            and doc[end].lower_ == "of"
            and self._title_noun(doc[end + 1])
            and doc[end + 1].head.i == end
            and (
                end + 2 >= len(doc)
                or not doc[end + 2].is_alpha
                or doc[end + 2].pos_ not in {"NOUN", "PROPN"}
            )
        ):
            end += 2  # "head of research", not "head of the bank" or "of manufacturer X"
        i = start
        while (
            i > 0
            and self._title_noun(doc[i - 1])
            and doc[i - 1].dep_ == "compound"
            and start <= doc[i - 1].head.i < end
        ):
            i -= 1
        if (i, end) == (title.start, title.end):
            words = " ".join(t.lower_ for t in title if t.is_alpha)
            return title, words if words.endswith(f" {phrase}") else phrase  # "Welfare Minister"
        span = Span(doc, i, end, label=title.label_, kb_id=title.kb_id_)
        return span, " ".join(t.lower_ for t in span if t.is_alpha)

    def _title_noun(self, token: Token) -> bool:
        return (
            token.pos_ == "NOUN"
            and token.is_lower
            and token.is_alpha
            and not token.ent_type_
            and token.lower_ not in self.lexicon.descriptions
            and token.lower_ not in self.lexicon.title_modifiers
        )

    @staticmethod
    def _rank(doc: Doc, title: Span) -> tuple[str, int]:
        """ "deputy", "vice", "co" before a title (apart or hyphenated), and where it starts.

        A rank written apart ("deputy chief constable") stays outside the title's span,
        as before; a hyphenated one ("co-chairman") is taken in.
        """
        i = title.start - 1
        hyphen = i >= 1 and doc[i].text == "-"
        if hyphen:
            i -= 1
        word = doc[i].lower_.rstrip("-") if i >= 0 else ""
        if word not in RANK_PREFIXES and not hyphen:
            j = i
            while j >= 0 and i - j < 3 and doc[j].is_title and doc[j].lower_ not in RANK_PREFIXES:
                j -= 1  # "deputy Conservative chairman": the rank before the body's name
            if j < i and j >= 0 and doc[j].lower_ in RANK_PREFIXES:
                return doc[j].lower_, title.start
        if word not in RANK_PREFIXES:
            return "", title.start
        return word, (i if hyphen or doc[i].lower_.endswith("-") else title.start)

    # -- targets -----------------------------------------------------------------

    def _complement(self, doc: Doc, title: Span, ents: dict[int, Span]):
        """ "chairman of the X", "Chief Secretary to the Treasury", "manager at Y"."""
        i = title.end
        if i < len(doc) and doc[i].lower_ in COMPLEMENT_PREPOSITIONS:
            j = i + 1
            while j < len(doc) and doc[j].lower_ in {"the", "a", "an"}:
                j += 1
            if j in ents and _based_modifier(doc, ents[j]):
                j = ents[j].end + 2  # "head of Leeds-based game developer X": X
            k = _skip_common_words(doc, j, 3, ents)  # "of filtering firm X": a description
            if k > j and k in ents and ents[k].start == k and doc[k - 1].pos_ in {"NOUN", "PROPN"}:
                j = k
            part = self._part_of(doc, j, ents)
            if part is not None:
                return part
            if j in ents and ents[j].label_ != "PERSON" and ents[j].start == j:
                ent = self._head_of_phrase(doc, ents[j], ents)
                if ent is not None:
                    return (ent.start, ent.end), "entity", ent.text, ent.end
                return None, "none", "", title.end
            ent = self._second_complement(doc, i + 1, ents)
            if ent is not None:
                return (ent.start, ent.end), "entity", ent.text, ent.end
        return None, "none", "", title.end

    def _part_of(self, doc: Doc, j: int, ents: dict[int, Span]):
        """ "chairman of the MCB's public affairs committee": a post in a part of a named
        organisation, whose holder works for the organisation (target kind ``part``).
        "chief of its operations department" is left alone: the "its" of a reported
        speaker is too often another body than the last one named."""
        ent = ents.get(j)
        if ent is None or ent.start != j or ent.label_ == "PERSON":
            return None
        if ent.end >= len(doc) or doc[ent.end].tag_ != "POS":
            return None
        owner, after = (ent.start, ent.end), ent.end + 1
        end = _skip_common_words(doc, after, 4)
        if end == after or doc[end - 1].lemma_.lower() not in self.lexicon.organisation_parts:
            return None
        return owner, "part", doc[owner[0] : owner[1]].text, end

    def _head_of_phrase(self, doc: Doc, ent: Span, ents: dict[int, Span]) -> Span | None:
        """The organisation a complement's noun phrase names: ``ent`` itself, or the
        name its common nouns lead to when ``ent`` only modifies them ("head of MMS firm
        Adamind": Adamind; "head of Acme's shareholder group": no organisation named).
        """
        i = ent.end
        if i < len(doc) and i not in ents and self._name_word(doc[i]):
            return None  # "director of UK Equities": a name the tagger cut short
        while i < min(ent.end + 5, len(doc)) and (
            doc[i].tag_ == "POS" or (doc[i].is_lower and doc[i].pos_ in {"ADJ", "NOUN"})
        ):
            i += 1
        if i == ent.end:
            return ent
        if i in ents and ents[i].start == i and ents[i].label_ != "PERSON":
            return ents[i]
        last = doc[i - 1]
        organisation = last.lemma_.lower() in self.organisation_words
        return ent if organisation and doc[ent.end].tag_ != "POS" else None

    def _name_word(self, token: Token) -> bool:
        """A capitalised proper noun that is no honorific or title ("Equities", not "Dr")."""
        word = token.lower_.rstrip(".")
        return (
            token.is_title
            and token.pos_ == "PROPN"
            and word not in self.lexicon.honorifics
            and word not in self.lexicon.title_words
        )

    @staticmethod
    def _second_complement(doc: Doc, i: int, ents: dict[int, Span]) -> Span | None:
        """ "head of the threat unit at security firm Acme": a short common-noun phrase,
        then "at", "for" or "with" and the organisation."""
        j = _skip_common_words(doc, i, 4)
        if j == i or j >= len(doc) or doc[j].lower_ not in {"at", "for", "with"}:
            return None
        k = _skip_common_words(doc, j + 1, 3)
        ent = ents.get(k)
        if ent is None or ent.start != k or ent.label_ == "PERSON":
            return None
        return ent

    def _modifier(self, doc: Doc, title: Span, ents: dict[int, Span], demonyms: dict[int, Span]):
        """What stands before the title in its noun phrase ("Wolves", "British", "city's")."""
        i = title.start - 1
        skipped = 0
        while i >= 0 and (
            doc[i].lower_.strip("-") in self.lexicon.title_modifiers
            or (
                doc[i].is_title
                and i not in ents
                and i not in demonyms
                and skipped < 3
                and doc[i].lower_ not in {"the", "a"}
                and doc[i].pos_ not in {"PRON", "DET"}
            )
        ):
            skipped += 1
            i -= 1
        if i >= 0 and doc[i].tag_ == "POS":
            i -= 1
        if i < 0:
            return None, "none", ""
        if doc[i].lower_ in {"its", "their"} and doc[i].tag_ == "PRP$":
            return (i, i + 1), "pronoun", doc[i].lower_  # "its chief executive X"
        if i in demonyms:  # keyed by their last word: "South African"
            d = demonyms[i]
            return (d.start, d.end), "demonym", d.label_
        if i in ents and (ents[i].label_ != "PERSON" or self._team_of_player(doc, title, i)):
            ent = ents[i]
            owner = ents.get(ent.start - 2) if ent.start > 1 else None
            if (
                ent.label_ in {"GPE", "LOC"}
                and doc[ent.start - 1].tag_ == "POS"
                and owner is not None
                and owner.label_ == "ORG"
            ):
                ent = owner  # "Acme's UK head of tax": the UK is the post's scope, Acme its body
            return (ent.start, ent.end), "entity", ent.text
        if (
            doc[i].lower_ in self.lexicon.descriptions
            and doc[i].pos_ == "NOUN"
            and (i + 1 < len(doc) and doc[i + 1].tag_ == "POS" or doc[i].dep_ == "compound")
        ):
            named = ents.get(i - 1)
            if named is not None and named.label_ != "PERSON" and doc[i].dep_ == "compound":
                return (named.start, named.end), "entity", named.text  # "Labour party chairman"
            return (i, i + 1), "description", doc[i].lower_
        return None, "none", ""

    def _party_before(self, doc: Doc, title: Span):
        """ "Liberal Democrat home affairs spokesman": a party's name, used as an
        adjective and tagged as no entity, before the title and its common nouns."""
        i = title.start - 1
        while i >= 0 and title.start - i <= 4 and (_title_word(doc[i]) or doc[i].text == "-"):
            i -= 1  # words of the title, not a verb ("the Tories accepted PM X's")
        for size in (3, 2, 1):
            words = doc[max(i - size + 1, 0) : i + 1]
            party = self.lexicon.party_by_alias.get(words.text.lower())
            if party is not None and len(words) == size and all(t.is_title for t in words):
                return (words.start, words.end), "party", party
        return None, "none", ""

    def _named_elsewhere(self, doc: Doc, title: Span, holder, after: int, national: bool) -> bool:
        """A post stated to be held somewhere this finder does not read as an organisation
        ("chief economist at Vexa Mae" tagged as a person, "analyst Jo Bloggs of Acme
        Capital"): it is not the article's main organisation either. A national title's
        holder may be anywhere ("Prime Minister Jo Roe at Labour's conference")."""
        if _unknown_name_before(doc, title):
            return True  # "For Jupiter analyst Jo Roe": a name the tagger missed
        if _noun_opening_before(doc, title, self.lexicon):
            return True  # "Referees chief Jo Roe": a body of its own, unnamed
        starts = [(title.end, COMPLEMENT_PREPOSITIONS), (after, COMPLEMENT_PREPOSITIONS)]
        if holder is not None and holder[0] >= title.end and not national:
            starts.append((holder[1], HOLDER_PREPOSITIONS))  # "analyst Jo Roe of Acme"
        for i, prepositions in starts:
            if i >= len(doc) or doc[i].lower_ not in prepositions:
                continue
            j = _skip_common_words(doc, i + 1, 4)
            if j < len(doc) and doc[j].lower_ in {"at", "for", "with"}:
                j = _skip_common_words(doc, j + 1, 3)
            if j < len(doc) and (doc[j].is_title or doc[j].like_num) and doc[j].pos_ == "PROPN":
                return True
        return False

    def _team_of_player(self, doc: Doc, title: Span, i: int) -> bool:
        """ "Bath prop David Barnes": a name tagged as a person right before a player's
        position is the team (the relation's type check still wants an organisation)."""
        info = self.lexicon.titles[title.kb_id_]
        return (
            i == title.start - 1
            and (info.property == "worksFor" or info.phrase in PLAYER_TITLES)
            and doc[i].tag_ != "POS"
        )

    @staticmethod
    def _where_clause(title: Span, ents: dict[int, Span]):
        """ "the Home Office, where he had been prisons minister"."""
        verb = title.root.head
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            ent = ents.get(verb.head.i)
            if ent is not None and ent.label_ != "PERSON":
                return (ent.start, ent.end), "entity", ent.text
        return None, "none", ""

    @staticmethod
    def _former(doc: Doc, title: Span) -> bool:
        """ "former chairman", "ex-Acme boss", "former Acme chief executive"."""
        if title.text.lower().startswith("ex-"):
            return True
        i = title.start - 1
        while i >= 0 and title.start - i <= 5:
            word = doc[i]
            if word.lower_ in {"former", "ex", "ex-"}:
                return True
            if (word.is_punct and word.text != "-") or word.pos_ in {"VERB", "AUX", "DET", "ADP"}:
                return False
            i -= 1
        return False

    # -- holders -----------------------------------------------------------------

    def _holder(self, doc: Doc, title: Span, after: int, ents: dict[int, Span]):
        if after < len(doc) and doc[after].tag_ == "POS":
            return None, "", 0.0  # "Ann Lee, the chairman's wife": the title is someone else's
        person = self._person_at(doc, title.end, ents) or self._person_at(doc, after, ents)
        if person is not None:
            return person, "title-compound", 0.9
        person = self._apposition(doc, title, ents)
        if person is not None:
            return person, "apposition", 0.85
        forward = not _reported_before(doc, title, after, self.speech_verbs)
        person = self._forward_apposition(doc, after, ents) if forward else None
        if person is not None:
            return person, "apposition-forward", 0.8
        person = self._copula(doc, title, ents)
        if person is not None:
            return person, "copula", 0.75
        person = self._as_phrase(doc, title, ents)
        if person is not None:
            return person, "as-title", 0.7
        person = self._spell_as(title, ents)
        if person is not None:
            return person, "as-title", 0.7
        return None, "", 0.0

    @staticmethod
    def _spell_as(title: Span, ents: dict[int, Span]) -> tuple[int, int] | None:
        """ "his spell as manager of X", "Jo Roe's reign as chairman": the possessor of a
        stretch of a career holds the title."""
        head = title.root
        if head.dep_ != "pobj" or head.head.lower_ != "as":
            return None
        span = head.head.head
        if span.pos_ != "NOUN" or span.lemma_.lower() not in CAREER_SPANS:
            return None
        for child in span.children:
            if child.dep_ != "poss":
                continue
            if child.i in ents and ents[child.i].label_ == "PERSON":
                return ents[child.i].start, ents[child.i].end
            if child.tag_ == "PRP$":
                return child.i, child.i + 1  # "his": kg_coref resolves it
        return None

    @staticmethod
    def _of_after_name(doc: Doc, holder: tuple[int, int], ents: dict[int, Span]):
        """ "President Ann Lee of Ruritania", "chief executive Ann Lee of Acme": the body
        or country named right after the holder's name."""
        i = holder[1]
        ent = ents.get(i + 1)
        if i + 1 < len(doc) and doc[i].lower_ == "of" and ent is not None and ent.start == i + 1:
            if ent.label_ in {"ORG", "GPE"}:
                return (ent.start, ent.end), "entity", ent.text
        return None, "none", ""

    def _person_at(self, doc: Doc, i: int, ents: dict[int, Span]) -> tuple[int, int] | None:
        while i < len(doc) and doc[i].lower_.rstrip(".") in self.lexicon.honorifics:
            i += 1
        if i in ents and ents[i].label_ == "PERSON" and ents[i].start == i:
            return ents[i].start, ents[i].end
        return None

    def _apposition(self, doc: Doc, title: Span, ents: dict[int, Span]) -> tuple[int, int] | None:
        """ "Ken Marsh, chairman of ...": a person, a comma, then the title's phrase."""
        i = title.start - 1
        while i >= 0 and (
            doc[i].lower_ in {"the", "a", "an"}
            or doc[i].is_title
            and i not in ents
            or doc[i].lower_.strip("-") in self.lexicon.title_modifiers
            or (i in ents and ents[i].label_ != "PERSON")
            or doc[i].tag_ == "POS"
            or doc[i].lower_ in self.lexicon.descriptions
        ):
            i = ents[i].start - 1 if i in ents else i - 1
        if i >= 1 and doc[i].text == ",":
            prev = ents.get(i - 1)
            if prev is not None and prev.label_ == "PERSON" and not _ends_a_clause(prev, title):
                return prev.start, prev.end
        return None

    def _forward_apposition(self, doc: Doc, i: int, ents: dict[int, Span]):
        """ "The head of X, Chief Constable Jane Doe, ...": the name after a comma."""
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        titles = {t.start: t.end for t in doc.spans.get("kg_titles", [])}
        while i < len(doc) and (i in titles or doc[i].lower_ in RANK_PREFIXES):
            i = titles.get(i, i + 1)
        return self._person_at(doc, i, ents)

    def _copula(self, doc: Doc, title: Span, ents: dict[int, Span]) -> tuple[int, int] | None:
        head = title.root
        verb = head.head
        if head.dep_ not in {"attr", "oprd"}:
            return None
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children):
            return None  # "he would have been a good president": no post held
        subject_deps = {"nsubj", "nsubjpass"} if verb.lemma_ in COPULAS else set()
        if verb.lemma_ in APPOINTING_VERBS and head.dep_ == "oprd" and _of_a_name(head):
            subject_deps = {"nsubjpass"}  # "Jo Roe was appointed chairman of X"
        for child in verb.children:
            if child.dep_ in subject_deps:
                return self._entity_of(child, verb, ents)
        return None

    def _as_phrase(self, doc: Doc, title: Span, ents: dict[int, Span]) -> tuple[int, int] | None:
        head = title.root
        if head.dep_ != "pobj" or head.head.lower_ != "as" or head.head.head.pos_ != "VERB":
            return None
        verb = head.head.head
        if verb.lemma_.lower() in NAMING_VERBS:
            return None  # "known as Queen of the Sky": a nickname, no post
        if any(
            c.dep_ == "dobj"
            and c.ent_type_ != "PERSON"
            and c.tag_ != "PRP"
            and c.lemma_.lower() not in CAREER_SPANS
            for c in verb.children
        ):
            return None  # "approve the appointment of Y as Z": the title is not the subject's
        through_infinitive = False
        for _ in range(6):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                through_infinitive = True
                if verb.head.pos_ in {"ADJ", "NOUN"}:
                    return None  # "the man most likely to succeed X as leader"
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            objects = [
                c
                for c in verb.children
                if c.dep_ in {"dobj", "dative"} and (c.ent_type_ == "PERSON" or c.tag_ == "PRP")
            ]
            if verb.lemma_ in {"appoint", "name", "unveil", "hire", "confirm"} and objects:
                return self._entity_of(objects[0], verb, ents)
            if subjects:
                if through_infinitive and objects:
                    return self._entity_of(objects[0], verb, ents)
                return self._entity_of(subjects[0], verb, ents)
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return None

    @staticmethod
    def _entity_of(token: Token, verb: Token, ents: dict[int, Span]) -> tuple[int, int] | None:
        if token.lower_ in {"who", "that"} and verb.dep_ == "relcl":
            token = verb.head
        if token.i in ents and ents[token.i].label_ == "PERSON":
            ent = ents[token.i]
            return ent.start, ent.end
        if token.tag_ == "PRP":
            return token.i, token.i + 1  # a pronoun: kg_coref resolves it
        return None

    def _is_description(self, doc: Doc, title: Span) -> bool:
        before = doc[title.start - 1] if title.start > 0 else None
        return before is not None and (
            before.lower_ in {"the", "our", "its", "their"}
            or before.tag_ == "POS"
            or before.ent_type_ == "ORG"
        )


def _negated_modifier(doc: Doc, start: int) -> bool:
    """A modifier behind "non-" ("non-Nato member"): the title says what one is not."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "non"


SHARED_MODIFIER_KINDS = frozenset({"entity", "demonym", "party"})
"""Target kinds a first title's modifier may lend to a second title after "and"."""


def _share_modifiers(doc: Doc, roles: list[RoleMention]) -> list[RoleMention]:
    """ "Acme chairman Tom Hale and chief executive Jo Roe": a title right after "and"
    and the holder of a title led by its organisation shares that modifier, when
    nothing else is named with it and both are posts in an organisation ("Aid minister
    X and Deputy Prime Minister Y" share nothing)."""
    by_holder_end = {r.holder[1]: r for r in roles if r.holder is not None}
    shared = []
    for role in roles:
        start = role.title[0]
        first = by_holder_end.get(start - 1) if start > 0 else None
        if (
            role.target is None
            and role.holder is not None
            and role.holder[0] == role.title[1]
            and doc[start - 1].lower_ == "and"
            and first is not None
            and first.target is not None
            and first.target_kind in SHARED_MODIFIER_KINDS
            and first.scope == role.scope == "organization"
            and first.target[1] <= first.title[0] <= first.holder[0]
            and first.rule == "title-compound"
        ):
            role = replace(
                role,
                target=first.target,
                target_kind=first.target_kind,
                target_text=first.target_text,
                rule="title-shared",
                confidence=round(role.confidence * 0.9, 2),
            )
        shared.append(role)
    return shared


def _of_a_name(title: Token) -> bool:
    """ "chairman of Acme", "coach at Rovers": a title whose organisation is named after
    it (not "named best new director", "appointed president" of somewhere unsaid)."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"of", "at"}
        and any(o.dep_ == "pobj" and o.ent_type_ for o in prep.children)
        for prep in title.children
    )


def _based_modifier(doc: Doc, ent: Span) -> bool:
    """ "Leeds-based": a place made a modifier of the noun after it."""
    end = ent.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based"


def _skip_common_words(doc: Doc, i: int, most: int, ents: Mapping[int, Span] | None = None) -> int:
    """Skip up to ``most`` determiners and lower-case words ("the threat laboratory",
    "analyst firm"), stopping at a preposition, a conjunction or a verb. With ``ents``,
    a capitalised modifier no entity covers is skipped too ("MMS firm")."""
    j = i
    while (
        j < len(doc)
        and j - i < most
        and (doc[j].is_lower or (ents is not None and _bare_modifier(doc[j], ents)))
        and doc[j].is_alpha
        and doc[j].pos_ not in CLAUSE_WORD_TAGS
    ):
        j += 1
    return j


def _bare_modifier(token: Token, ents: Mapping[int, Span]) -> bool:
    """A word no entity covers that only modifies a noun after it ("MMS" in "MMS firm")."""
    return token.i not in ents and token.dep_ in {"compound", "amod"} and token.head.i > token.i


def _in_list_of_names(doc: Doc, title: Span) -> bool:
    """A capitalised one-word title between commas, after a name: "Dale, King, Morrow"."""
    i, j = title.start, title.end
    return (
        len(title) == 1
        and doc[i].is_title
        and i >= 2
        and doc[i - 1].text == ","
        and doc[i - 2].pos_ == "PROPN"
        and j < len(doc)
        and (doc[j].text == "," or doc[j].lower_ == "and")
    )


def _unknown_name_before(doc: Doc, title: Span) -> bool:
    """A capitalised proper noun, tagged as no entity or as a person, right before the
    title and not opening the sentence ("for Jupiter analyst Jo Roe"): where the post
    is, unread (entities of other kinds are targets already)."""
    i = title.start - 1
    return (
        i > doc[title.start].sent.start
        and doc[i].tag_ == "NNP"
        and doc[i].is_title
        and doc[i].ent_type_ in {"", "PERSON"}
    )


def _noun_opening_before(doc: Doc, title: Span, lexicon: Lexicon) -> bool:
    """A noun that opens the sentence right before the title and names no entity
    ("Referees chief X", "Factory manager X"): the post is in what it describes, not
    the article's main body; a description of one ("Club chairman X") is, and a
    rank or honorific ("Shadow", "Acting", "Sir") is part of the title."""
    i = title.start - 1
    if i < 0 or i != doc[title.start].sent.start:
        return False
    word = doc[i].lower_.rstrip(".")
    return (
        doc[i].is_title
        and doc[i].pos_ in {"NOUN", "PROPN"}
        and not doc[i].ent_type_
        and word not in lexicon.descriptions
        and word not in lexicon.title_modifiers
        and word not in lexicon.title_words
        and word not in lexicon.honorifics
        and word not in RANK_PREFIXES
    )


def _title_word(token: Token) -> bool:
    """A lower-case word that can stand in a title's phrase: a noun, an adjective, a
    participle made one ("longest-serving"), an adverb, "and" ("work and pensions")
    or "'s"."""
    if not token.is_lower:
        return False
    participle = token.tag_ in {"VBG", "VBN"} and token.dep_ in {"amod", "compound"}
    return token.pos_ in {"NOUN", "ADJ", "ADV", "CCONJ"} or token.tag_ == "POS" or participle


def _ends_a_clause(person: Span, title: Span) -> bool:
    """ "After beating Ann Lee, the Acme midfielder scored": the name is the object of a
    clause before the comma, the title the subject of the sentence's verb; no apposition."""
    name, head = person.root, title.root
    if head.dep_ not in {"nsubj", "nsubjpass"} or name.dep_ not in {"dobj", "pobj"}:
        return False
    verb = name.head if name.dep_ == "dobj" else name.head.head  # "for Ann Lee": its verb
    return verb != head.head


def _reported_before(doc: Doc, title: Span, after: int, speech_verbs: frozenset[str]) -> bool:
    """ "... as he begins his term as US President, Ann Lee has said": the name after
    the title's comma is the speaker of the clause the title stands in, not its holder
    ("As chief executive, Ann Lee said ..." and "as CEO, Ann Lee, died" keep theirs)."""
    root = title.root
    if not (root.dep_ == "pobj" and root.head.lower_ == "as") or after + 1 >= len(doc):
        return False
    speaker = doc[after + 1]
    while speaker.dep_ == "compound" and speaker.head.i > speaker.i:
        speaker = speaker.head
    verb = speaker.head
    return (
        speaker.dep_ == "nsubj"
        and verb.lemma_ in speech_verbs
        and all(t.is_punct for t in doc[verb.i + 1 : verb.sent.end])  # "..., X has said."
    )
