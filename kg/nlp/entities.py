"""The ``kg_entities`` component: mend spaCy's entities with general news patterns.

spaCy's small English model makes mistakes that follow patterns: it folds job titles
into names ("British Home" as an organisation), leaves out first names after a
title ("Mayor Sadiq [Khan]"), types platforms as people, tags one string
differently in different sentences, and misses acronyms. This component:

- marks job titles (``doc.spans["kg_titles"]``, label = role property) and
  demonyms (``doc.spans["kg_demonyms"]``, label = country) and takes them out of names;
- strips honorifics and leading determiners, extends a person's name leftwards
  over proper nouns that are not titles;
- retypes platforms, parties and bodies whose acronyms are written as words
  ("Uefa") as organisations, demonyms and nouns for a nation's people ("Spaniard")
  as non-entities, a one-word "person" after a locative preposition, before
  "-based" or listed with places after one as a place, and a name ending in a
  compass point ("Elmford North") as a constituency;
- drops a one-word "person" that is a common word capitalised only where
  sentences open ("Casinos also offer ...");
- tags the proper nouns that modify a title ("Wolves chairman") as organisations,
  acronyms defined in brackets, and every later occurrence of a name already tagged
  (one reading per name and article);
- extends a place by an organisation head noun ("Norfolk police") and records the
  place inside (``doc.spans["kg_nested"]``);
- drops amounts of money and numbers, splits lists tagged as one name ("Acme,
  Brill"), strips a sentence-opening function word or a weekday ("Since", "Wednesday")
  and a person's trailing numbers, and types company-marked names ("Brill Holdings",
  "Hale & Hart") as organisations (:mod:`kg.nlp.name_shapes`);
- gives a lone surname of a person named in full, or another spelling of it, the
  type person ("Lee" after "Ann Lee") and a lone first word of an organisation's
  name, no person's, the type organisation ("Hale" after "Hale & Hart");
- reads types from the article's words (:mod:`kg.nlp.type_cues`): drops titles of
  works ("the film Harrowgate"), makes people of names shown to be people's ("Mr X",
  "actress X") and organisations of names around job titles ("X spokesman Ann
  Lee", "analyst at X"); person cues win;
- drops events, owned things and colloquial demonyms typed as people ("the Brill
  Cup", "his World XI", "Poms"), and prizes of any type ("Oscar nominee Ann Lee",
  "Zorbo-winning", "the Acme Music Awards"), and types venues ("Elm Park Stadium")
  as places.

Only PERSON, ORG, GPE, LOC and FAC entities are kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.nlp.component import DataComponent
from kg.nlp.lexicon import Lexicon, lexicon_from_files
from kg.nlp.name_shapes import (
    capitalised_inside,
    company_marked,
    compass_ended,
    dictionary_words,
    first_joined_word,
    initial_and_surname,
    is_amount,
    is_leading_function_word,
    is_leading_weekday,
    is_lone_leading_modifier,
    is_plural_acronym,
    near_spelling,
    opens_sentence,
    trailing_numbers,
)
from kg.nlp.portfolios import portfolio_start
from kg.nlp.type_cues import (
    PersonCues,
    after_stake,
    apposed_nouns,
    company_posts,
    coordinated_types,
    dwelt_in,
    is_award,
    is_technical,
    named_works,
    neuter_subjects,
    owners_of_corporate_things,
    people_by_cues,
    post_organisations,
    prize_modifiers,
    shown_person,
    split_lists,
    split_located,
    workplaces,
)

CORE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
FIRM_TRADES = frozenset({"lawyer", "solicitor", "barrister", "architect", "designer"})
"""Trades a firm plies too: the names after "lawyers" may be a partnership's."""
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "across", "throughout", "outside"})
MOTION_VERBS = frozenset(
    {"come", "go", "move", "travel", "return", "fly", "visit", "head", "drive"}
)
ORGANISATION_KINDS = frozenset(
    {"company", "government", "club", "party", "union", "police", "council"}
)
PLACE_KINDS = frozenset({"city", "country"})
PLACE_BOUND_BODIES = frozenset({"police", "constabulary", "council"})
"""Head nouns whose tagged organisation before them is still the place they serve
("Norfolk police" with Norfolk read as ORG), unlike "the Champions League group"."""
GENERIC_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"}
)
"""Words before "Leeds council" that make it a description, not a name ("his Leeds
school", "the Leeds council")."""
NAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ter",
        "der",
        "den",
        "dos",
        "das",
    }
)
"""Lower-case words that may open a surname ("van Gogh")."""
LEADING_JUNK = frozenset(
    {"the", "a", "an", "today", "tomorrow", "yesterday", "'s"}
    | {f"{m}." for m in "jan feb mar apr jun jul aug sep sept oct nov dec".split()}
)
"""Words that open no name: "the", "yesterday", a month's abbreviation ("Dec.")."""


def _surnames(spans: list[Span]) -> set[str]:
    """The last words of the people's names of two words or more."""
    return {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) > 1}


def _capitalised(token) -> bool:
    """A title-case word or an acronym ("Wolves", "OFHEO")."""
    return token.is_title or (token.is_upper and len(token) > 1 and token.is_alpha)


@Language.factory(
    "kg_entities",
    assigns=["doc.ents", "doc.spans"],
    requires=["doc.ents", "token.pos", "token.dep"],
)
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    """Create the ``kg_entities`` component (``nlp.add_pipe("kg_entities")``)."""
    return EntityFixer(nlp)


class EntityFixer(DataComponent):
    """Mend ``doc.ents`` and mark titles, demonyms and nested places."""

    lexicon: Lexicon
    body_nouns: frozenset[str]
    """Nouns of a body, as before "of" in its name ("Court", "Bank", "University")."""
    demonym_openings: frozenset[str]
    """First words of the nationality adjectives of two words or more ("south")."""
    common_words: frozenset[str]
    """The lower-case words of the lemmatizer's index ("casino", "speed"); its nouns
    hold many surnames of the famous too ("jones")."""
    describing_words: frozenset[str]
    """Its verbs, adjectives and adverbs that are no nouns ("quirky", "often")."""
    speech_verbs: frozenset[str]
    """Lemmas of verbs whose subject speaks ("say"): a person or a body, no common
    noun."""
    name_matcher: PhraseMatcher
    """The clubs and parties of the lexicon whose full names have two words or more,
    as written (not clubs' short names: "West Ham" is a constituency too)."""
    party_key: int
    """The match id of the parties in ``name_matcher``."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the lexicon; build the title matcher from its titles."""
        nlp = self.nlp
        self.lexicon = lexicon = lexicon_from_files(files)
        self.organisation_words = lexicon.organisation_words | lexicon.company_markers
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # an abbreviation is one token only when capitalised: "Gov." but "gov" "."
        forms = {f: t for t in lexicon.titles for f in {t, t.capitalize()}}
        self.title_by_words = {
            tuple(w.lower_ for w in nlp.make_doc(form)): lexicon.titles[title]
            for form, title in sorted(forms.items())
        }
        self.title_matcher.add("TITLE", [nlp.make_doc(f) for f in sorted(forms)])
        self.body_nouns = lexicon.organisation_endings | lexicon.org_head_nouns
        self.demonym_openings = frozenset(
            d.split()[0] for d in lexicon.country_by_demonym if " " in d
        )
        nouns = dictionary_words(nlp, ("noun",))
        self.common_words = nouns | dictionary_words(nlp, ("verb", "adj", "adv"))
        self.describing_words = self.common_words - nouns
        self.speech_verbs = lexicon.speech_verbs
        self.name_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        club_names = {club.name for club in lexicon.clubs if " " in club.name}
        self.name_matcher.add("CLUB", [nlp.make_doc(n) for n in sorted(club_names)])
        party_names = {n for n in lexicon.party_by_alias.values() if " " in n}
        self.name_matcher.add("PARTY", [nlp.make_doc(n) for n in sorted(party_names)])
        self.party_key = nlp.vocab.strings["PARTY"]

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        titles = self.find_titles(doc)
        title_tokens = {i for span in titles for i in range(span.start, span.end)}
        demonyms = self.find_demonyms(doc)
        places = {e.text.lower() for e in doc.ents if e.label_ in {"GPE", "LOC"}}
        places |= self.lexicon.country_by_alias.keys()
        spans = [
            self.clean(doc, e, title_tokens)
            for ent in doc.ents
            if ent.label_ in CORE_LABELS or ent.label_ == "NORP"
            for part in split_lists(ent)
            for e in split_located(part, places)
        ]
        spans = [s for s in spans if s is not None]
        spans = self.retype(doc, spans, title_tokens)
        spans = self.with_known_names(doc, spans)
        spans += self.title_modifiers(doc, titles, spans)
        spans += self.bracketed_acronyms(doc, spans)
        spans = filter_spans(spans)
        lex = self.lexicon
        cues = PersonCues(lex.honorifics - {"st"}, lex.personal_nouns, lex.occupation_nouns)
        people = people_by_cues(doc, spans, cues, titles)
        described = {
            **post_organisations(spans, titles, people, lex.title_modifiers),
            **owners_of_corporate_things(spans, lex.corporate_nouns | lex.product_nouns, people),
            **workplaces(spans, lex.workforce_nouns, people),
            **company_posts(doc, spans, titles),
            **self.venues_in_use(spans, people),
            **prize_modifiers(spans, people, _surnames(spans)),
            **neuter_subjects(spans, people, _surnames(spans), self.organisation_words),
            **self.described_types(doc, spans, people),
        }
        spans = self.propagate(doc, spans, title_tokens, described, people)
        spans = self.acronyms_of_organisations(doc, spans)
        spans, nested = self.extend_by_head_nouns(doc, spans)
        demonym_spans = {(d.start, d.end) for d in demonyms}
        doc.ents = [
            s
            for s in filter_spans(spans)
            if s.label_ in CORE_LABELS and (s.start, s.end) not in demonym_spans
        ]
        doc.spans["kg_titles"] = titles
        doc.spans["kg_demonyms"] = demonyms
        doc.spans["kg_nested"] = nested
        return doc

    def with_known_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """The lexicon's clubs and parties whose full names have two words or more,
        wherever the text writes them so ("Real Madrid", where the tagger saw only
        "Madrid"; "UK Independence Party", where it saw "UK" and "Independence"), in
        place of the names they overlap; not where the tagger saw exactly a place,
        nor a party inside a longer name ("Scottish Labour Party" is a party of its
        own)."""
        places = {(s.start, s.end) for s in spans if s.label_ in PLACE_LABELS}
        known = filter_spans(
            [
                Span(doc, s, e, label="ORG")
                for key, s, e in self.name_matcher(doc)
                if (s, e) not in places  # "St Helens", "Crystal Palace": places too
                and not (key == self.party_key and _inside_a_longer_name(doc, s, e, spans))
            ]
        )
        if not known:
            return spans
        covered = {i for c in known for i in range(c.start, c.end)}
        kept = [s for s in spans if not covered & set(range(s.start, s.end))]
        return kept + known

    # -- titles and demonyms -------------------------------------------------------

    def find_titles(self, doc: Doc) -> list[Span]:
        """Longest title phrases, labelled with their role property.

        A span's ``kb_id_`` is the title's phrase in the lexicon ("gov." for "Gov .");
        the span takes in the portfolio before it ("Transport Minister").
        """
        spans = []
        for _, s, e in self.title_matcher(doc):
            if e - s == 1 and self._surname_title(doc[s]):
                continue
            if s > 0 and _capitalised_function_word(doc[s - 1], self.lexicon.function_words):
                continue  # "Kings And Queen", "Queen Of Hearts": a work's name
            if self._ends_a_name(doc, s) and e - s > 1:
                rest = tuple(t.lower_ for t in doc[s + 1 : e])
                if rest not in self.title_by_words:
                    continue
                s += 1  # "UK Independence Party leader": "Party" ends the body's name
            title = self.title_by_words[tuple(t.lower_ for t in doc[s:e])]
            s = portfolio_start(doc, s, self.lexicon.portfolios)  # "Welfare Minister"
            spans.append(Span(doc, s, e, label=title.property, kb_id=title.phrase))
        return filter_spans(spans)

    def _ends_a_name(self, doc: Doc, i: int) -> bool:
        """A capitalised body's noun right after a capitalised name ("Green Party
        leader"), not opening a sentence: the last word of the body's name."""
        token = doc[i]
        return (
            i > 0
            and token.is_title
            and token.lower_ in self.body_nouns
            and doc[i - 1].is_title
            and doc[i - 1].pos_ == "PROPN"
            and not opens_sentence(token)
        )

    def _surname_title(self, token) -> bool:
        """ "Oona King", "Ann Bishop": a capitalised one-word title ending a name NER
        tagged a person's, after a first name (no title word), is a surname."""
        doc = token.doc
        last = token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I"
        first = doc[token.i - 1] if token.i > 0 else token
        return (
            token.is_title
            and token.ent_type_ == "PERSON"
            and token.ent_iob_ == "I"
            and last
            and first.is_title
            and first.lower_ not in self.lexicon.title_words
            and first.lower_.rstrip(".") not in self.lexicon.honorifics
        )

    def find_demonyms(self, doc: Doc) -> list[Span]:
        """Nationality adjectives ("British", "South African"), labelled with their
        country; the longest one at each place."""
        found = []
        i = 0
        while i < len(doc):
            span = self._demonym_at(doc, i)
            if span is not None:
                found.append(span)
                i = span.end
            else:
                i += 1
        return found

    def _demonym_at(self, doc: Doc, i: int) -> Span | None:
        """The nationality adjective starting at token ``i``, if one does: of three or two
        capitalised words ("South African"), else one ("British")."""
        by_demonym = self.lexicon.country_by_demonym
        token = doc[i]
        for size in (3, 2) if token.lower_ in self.demonym_openings else ():
            words = doc[i : i + size]
            country = by_demonym.get(words.text.lower())
            if len(words) == size and country and all(w.text[:1].isupper() for w in words):
                return Span(doc, i, i + size, label=country.name)
        country = by_demonym.get(token.text.lower())
        if country and token.text[:1].isupper() and token.pos_ in {"ADJ", "PROPN"}:
            if token.text.lower() in self.lexicon.country_by_alias and token.ent_type_ == "GPE":
                return None  # "US" used as a noun is the country itself
            return Span(doc, i, i + 1, label=country.name)
        return None

    # -- cleaning one entity -------------------------------------------------------

    def clean(self, doc: Doc, ent: Span, title_tokens: set[int]) -> Span | None:
        """Drop titles, honorifics, determiners and trailing possessives from a span."""
        start, end = ent.start, ent.end
        lex = self.lexicon
        if ent.label_ == "PERSON" and self._prefixed(ent):
            return None  # "ex-Tory", "anti-Blair": a word made from a name
        if len(ent) > 2 and ent[0].lower_ == "ex" and ent[1].text == "-":
            start += 2  # "ex-Acme boss": Acme, once the boss's
        while start < end and (
            start in title_tokens
            or doc[start].lower_ in LEADING_JUNK
            or doc[start].lower_.rstrip(".") in lex.honorifics
            or doc[start].is_punct
            or is_leading_function_word(doc[start], lex.function_words)
            or is_leading_weekday(doc[start], lex.weekdays, ent.label_)
            or (ent.label_ == "PERSON" and end - start > 1 and self._opening_kind_noun(doc[start]))
            or (ent.label_ == "PERSON" and self._lower_case_word(doc[start]))
            or (
                ent.label_ == "PERSON" and end - start > 1 and doc[start].lower_ in lex.kin_prefixes
            )
        ):
            start += 1
        if any(doc[i].lower_ == "of" and i - 1 in title_tokens for i in range(ent.start, start)):
            return None  # "ITV's King of Fridges" less its title: what is left names no one
        while end > start and (
            end - 1 in title_tokens or doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
        ):
            end -= 1
        if start < end and ent.label_ == "PERSON":
            end -= trailing_numbers(doc[start:end])
        opening = doc[start].lower_ if start < end else ""
        national = end - start > 1 and (
            self._national(opening)
            or (ent.label_ == "PERSON" and opening in self.lexicon.demonym_nouns)
        )
        if national:
            start += 1  # "Frenchman Ann Lee", "Spaniard Ann Lee": a person's name
        elif ent.label_ == "PERSON" and end - start > 2:
            nationality = self._demonym_at(doc, start)
            if nationality is not None:
                start = nationality.end  # "Hungarian Ann Lee": her nationality
        if start >= end or is_amount(doc[start:end]) or is_lone_leading_modifier(doc[start:end]):
            return None
        if is_plural_acronym(doc[start:end]):
            return None  # "MPs", "GCSEs": a class
        if self._opening_description(doc, start, end, title_tokens):
            return None
        label = "PERSON" if national else ent.label_
        if label == "PERSON":
            start = self._extend_name_left(doc, start, title_tokens)
            end = _extend_name_particles(doc, end)
        elif (
            label == "ORG"
            and end < len(doc)
            and end not in title_tokens
            and self._ends_a_name(doc, end)
        ):
            end += 1  # "Kestrel" + "Party leader": the party's name ends in "Party"
        return Span(doc, start, end, label=label)

    def _opening_description(self, doc: Doc, start: int, end: int, titles: set[int]) -> bool:
        """A description noun capitalised only because it opens the sentence, before a
        title ("Club chairman X", "Party leader X"): no name. So is a noun the article
        writes in lower case elsewhere and capitalises nowhere else ("Festival director
        X" beside "the festival"; not "Apple chief executive X" beside "said Apple")."""
        if end - start != 1 or end not in titles:
            return False
        token = doc[start]
        if self._opening_kind_noun(token):
            return True
        return (
            token.is_title
            and opens_sentence(token)
            and not self.lexicon.knows_name(token.text)
            and token.lower_ in _lower_case_nouns(doc)
            and token.text not in capitalised_inside(doc)
        )

    @staticmethod
    def _prefixed(span: Span) -> bool:
        """A lower-case prefix joined by a hyphen opens the span ("ex-Tory")."""
        return len(span) > 2 and span[0].is_lower and span[1].text == "-"

    @staticmethod
    def _lower_case_word(token) -> bool:
        """A lower-case word opening a person's span ("broadcaster", "ex-Tory"), no
        particle of a surname ("van Gogh"): not part of the name."""
        return token.text[:1].islower() and token.lower_ not in NAME_PARTICLES

    def _extend_name_left(self, doc: Doc, start: int, title_tokens: set[int]) -> int:
        while start > 0:
            prev = doc[start - 1]
            if (
                prev.pos_ != "PROPN"
                or not prev.is_title
                or prev.i in title_tokens
                or prev.ent_type_ not in {"", "PERSON"}
                or prev.lower_.rstrip(".") in self.lexicon.honorifics
                or prev.lower_ in self.lexicon.title_words
                or prev.lower_ in self.lexicon.weekdays
                or prev.lower_ in self.lexicon.award_names
                or prev.lower_ in self.lexicon.kin_prefixes
                or self._national(prev.lower_)
                or prev.lower_ in self.lexicon.country_by_demonym
                or prev.lower_ in self.lexicon.demonym_nouns
                or prev.lower_ in LEADING_JUNK
                or is_leading_function_word(prev, self.lexicon.function_words)
                or self._opening_kind_noun(prev)
            ):
                break
            start -= 1
        return start

    # -- types ---------------------------------------------------------------------

    def retype(
        self, doc: Doc, spans: list[Span], title_tokens: frozenset[int] | set[int] = frozenset()
    ) -> list[Span]:
        """Fix types by general patterns (platforms, parties, demonyms, locatives)."""
        out = []
        lex = self.lexicon
        first_names = frozenset(s[0].text for s in spans if s.label_ == "PERSON" and len(s) > 1)
        lone_people = any(s.label_ == "PERSON" and len(s) == 1 for s in spans)
        inside = (  # read only when a one-word "person" may need it
            capitalised_inside(doc)
            | {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
            if lone_people
            else frozenset()
        )
        for span in spans:
            text = span.text.lower()
            label = span.label_
            if (
                text in lex.informal_demonyms
                or text in lex.demonym_nouns
                or text in lex.continental_demonyms
                or self._owned_thing(span)
                or self._national(text)
            ):
                continue  # "whingeing Poms", "the Spaniard", "his Oscar", "Englishman"
            if is_award(span, lex.award_names, first_names):
                continue  # "Oscar nominee Ann Lee", "the Golden Globes": a prize
            if is_technical(span, lex.technical_terms, self.organisation_words):
                continue  # "DNS", "Wi-Fi", "Internationalised Domain Names": a standard
            if self._capitalised_by_position(span, inside):
                continue  # "Casinos also offer ...": a capital only as a sentence opens
            if label in PLACE_LABELS and span[-1].lower_ in lex.event_words:
                continue  # "Premiership leaders Acme", "the World Cup": a competition
            if text in lex.platforms or text in lex.party_by_alias or text in lex.acronym_bodies:
                label = "ORG"
            elif label in PLACE_LABELS | {"PERSON"} and (
                company_marked(span, lex.company_markers, place=label != "PERSON")
                or after_stake(doc, span.start)
            ):
                label = "ORG"  # "Brill Holdings", "Hale & Hart", "shares in Brill"
            elif text in lex.country_by_alias:
                label = "GPE"
            elif label in {"PERSON", "ORG"} and compass_ended(span):
                label = "GPE"  # "Brill North", "Elmford South West": a constituency
            elif (
                label != "PERSON"
                and initial_and_surname(span)
                and not company_marked(span, lex.company_markers)
                and not after_stake(doc, span.start)
            ):
                label = "PERSON"  # "J Thion", "S Grimes" in a team line-up
            elif label == "NORP":
                prefix = self._party_prefix(span)
                if prefix is None:
                    continue  # a demonym or other group, not an entity
                span, label = prefix, "ORG"
            elif label == "PERSON":
                prefix = self._party_prefix(span)
                if prefix is not None and prefix.end < span.end:
                    out.append(Span(doc, prefix.start, prefix.end, label="ORG"))
                    continue  # "Lib Dem Home Affairs": party plus portfolio, no person
                label = self._person_label(doc, span, title_tokens)
                if label is None:
                    continue
            elif label == "LOC" and span[-1].tag_ in {"NNPS", "NNS"} and len(span) == 1:
                continue  # "Londoners": inhabitants, not a place
            out.append(Span(doc, span.start, span.end, label=label))
        return out

    def _person_label(
        self, doc: Doc, span: Span, title_tokens: set[int] | frozenset[int]
    ) -> str | None:
        """The type of a name NER tagged a person's, by its shape and neighbours
        (None: no entity)."""
        lex = self.lexicon
        last = span[-1].lower_
        if len(span) > 1 and last in lex.event_words:
            return None  # "the Heineken Cup", "the Brill Grand Prix": an event
        if len(span) > 1 and last in lex.venue_words:
            return "FAC"  # "Lansdowne Road", "Elm Park Stadium": a venue
        if len(span) > 1 and last in lex.organisation_endings:
            return "ORG"  # "Writers Guild", "Fraud Complaint Center": a body
        if self._body_of(span):
            return "ORG"  # "Circuit Court of Appeals", "Kestrel School of Music"
        if doc[span.end : span.end + 2].text.lower() in {"-based", "- based"}:
            return "GPE"  # "Chennai-based Tata": where a firm is based
        if (
            span.start > 0
            and doc[span.start - 1].lower_ == "the"
            and not (span.end < len(doc) and doc[span.end].pos_ == "NOUN")
        ):
            return "ORG"  # people do not take "the": "the Premiership"
        if span.end in title_tokens and self._after_determiner(doc, span.start):
            return "ORG"  # "the new Wolves manager": the body the post is in
        if len(span) > 1 and last in lex.unit_regions:
            return "ORG"  # "Acme Europe": a company's unit in a region
        if len(span) == 1 and span.text.isupper() and len(span.text) > 2:
            return "ORG"  # "WAPRO": an acronym of three letters or more is no name
        if len(span) == 1 and first_joined_word(span.text):
            return "ORG"  # "BrillSoft", "KestrelLabs": words run together name a brand
        if len(span) == 1 and span[0].tag_ == "NNPS":
            return "ORG"  # "Spurs": a plural proper noun names a team or group
        if len(span) == 1 and self._locative(span[0]):
            return "GPE"
        return "PERSON"

    def _capitalised_by_position(self, span: Span, inside: frozenset[str]) -> bool:
        """A one-word "person" that is a common word the article capitalises only where
        a sentence opens ("Casinos also offer ..."), and no country, party, platform or
        club of the lexicon. A word the tagger reads as a proper noun must be no noun
        at all ("Quirky"), since the dictionary's nouns hold surnames ("Jones")."""
        if not (len(span) == 1 and span.label_ == "PERSON" and span.text.istitle()):
            return False
        if span.text in inside or self.lexicon.knows_name(span.text):
            return False
        if span.root.dep_ == "nsubj" and span.root.head.lemma_ in self.speech_verbs:
            return False  # "Brent has said ...": a speaker has a name
        words = self._stems(span.text)
        if span[0].tag_ in {"NNP", "NNPS"}:
            return not words.isdisjoint(self.describing_words)
        return not words.isdisjoint(self.common_words)

    @staticmethod
    def _stems(text: str) -> set[str]:
        """The word in lower case and the singulars it may be the plural of."""
        low = text.lower()
        stems = {low, low.removesuffix("s"), low.removesuffix("es")}
        if low.endswith("ies"):
            stems.add(low[:-3] + "y")
        return stems

    def _body_of(self, span: Span) -> bool:
        """A body's noun before "of" inside a name ("Court of Appeals", "Bank of
        Ruritania"), which no person's name holds ("Lord Lee of Hale" has none)."""
        return any(t.lower_ == "of" and t.nbor(-1).lower_ in self.body_nouns for t in span[1:-1])

    def _national(self, text: str) -> bool:
        """ "Englishman", "Frenchwomen": a demonym and "man" or "woman" names no one."""
        for suffix in ("man", "men", "woman", "women"):
            if text.endswith(suffix) and text[: -len(suffix)] in self.lexicon.country_by_demonym:
                return True
        return False

    @staticmethod
    def _owned_thing(span: Span) -> bool:
        """ "his Oscar", "their World XI": a person's name after a possessive
        determiner, not modifying a noun ("his Chelsea team-mates"), is a thing
        someone has."""
        doc = span.doc
        modifies = span.root.head.i >= span.end or span.root.dep_ == "compound"  # "its Acme 3G"
        owned = span.start > 0 and doc[span.start - 1].tag_ == "PRP$"
        return owned and span.label_ == "PERSON" and not modifies  # not "its Elm Stadium"

    def _after_determiner(self, doc: Doc, start: int) -> bool:
        """A determiner, then only adjectives or title modifiers, before ``start``."""
        i = start - 1
        while i >= 0 and (doc[i].pos_ == "ADJ" or doc[i].lower_ in self.lexicon.title_modifiers):
            i -= 1
        return i >= 0 and doc[i].lower_ in {"the", "a", "an"}

    def _party_prefix(self, span: Span) -> Span | None:
        for end in range(span.end, span.start, -1):
            if span.doc[span.start : end].text.lower() in self.lexicon.party_by_alias:
                return span.doc[span.start : end]
        return None

    @staticmethod
    def _locative(token) -> bool:
        head = token.head
        if token.dep_ != "pobj":
            return False
        if head.lower_ in LOCATIVE_PREPOSITIONS:
            return True
        return head.lower_ == "to" and head.head.lemma_ in MOTION_VERBS

    # -- new entities --------------------------------------------------------------

    def title_modifiers(self, doc: Doc, titles: list[Span], spans: list[Span]) -> list[Span]:
        """Proper nouns right before a title name its organisation ("Wolves chairman")."""
        title_tokens = {i for t in titles for i in range(t.start, t.end)}
        covered = {i for s in spans for i in range(s.start, s.end)}
        found = []
        for title in titles:
            end = title.start
            start = end
            while (
                start > 0
                and _capitalised(doc[start - 1])
                and doc[start - 1].pos_ not in {"PRON", "DET"}  # "Its chairman X"
                and doc[start - 1].i not in covered
                and doc[start - 1].lower_ not in LEADING_JUNK
                and not doc[start - 1].is_punct
                and doc[start - 1].i not in title_tokens
                and doc[start - 1].lower_.strip("-") not in self.lexicon.title_modifiers
                and doc[start - 1].text.lower() not in self.lexicon.country_by_demonym
                and doc[start - 1].lower_ not in self.lexicon.continental_demonyms
                and not is_leading_function_word(doc[start - 1], self.lexicon.function_words)
                and doc[start - 1].lower_ not in self.lexicon.weekdays
            ):
                start -= 1
            if start == end or (start > 0 and start - 1 in covered):
                continue  # nothing, or a portfolio after a named body ("Lib Dem Home Affairs")
            if is_lone_leading_modifier(doc[start:end]):
                continue  # "Uncapped fly-half Tom Vale"
            if self._opening_description(doc, start, end, title_tokens):
                continue  # "Club chairman Tom Vale"
            followed_by_name = title.end < len(doc) and doc[title.end].ent_type_ == "PERSON"
            if followed_by_name or not doc[start].is_sent_start:
                found.append(Span(doc, start, end, label="ORG"))
        return found

    @staticmethod
    def acronyms_of_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
        """An acronym spelling the initials of an organisation named in the article is
        that organisation, whatever type NER gave it ("OFHEO" after "Office of Federal
        Housing Enterprise Oversight")."""
        from kg.nlp.coref import is_acronym_of

        names = [s.text for s in spans if s.label_ == "ORG" and len(s) > 1]
        return [
            Span(doc, s.start, s.end, label="ORG")
            if len(s) == 1
            and s.label_ != "ORG"
            and not s.text.islower()
            and any(is_acronym_of(s.text, name) for name in names)
            else s
            for s in spans
        ]

    def bracketed_acronyms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "the Office of Federal Housing Enterprise Oversight (OFHEO)" tags OFHEO, and
        "(Acme)" after the Association of Chief Medical Examiners."""
        from kg.nlp.coref import is_acronym_of

        found = []
        for span in spans:
            if (
                span.label_ == "ORG"
                and span.end + 2 < len(doc)
                and doc[span.end].text == "("
                and doc[span.end + 2].text == ")"
                and (doc[span.end + 1].is_upper or is_acronym_of(doc[span.end + 1].text, span.text))
            ):
                found.append(Span(doc, span.end + 1, span.end + 2, label="ORG"))
        return found

    def described_types(
        self, doc: Doc, spans: list[Span], people: set[str] | frozenset[str] = frozenset()
    ) -> dict[str, str]:
        """Types the article states with a descriptive noun before a name.

        "mortgage giant Vexa Mae", "the airline Aloha": an organisation;
        "the resort town of Lowman": a place. The noun says what the name is, so
        this overrides the model's vote for every occurrence of the name; but a
        name shown a person's, or a surname of one, is hers whatever noun stands
        by it ("President Ann Lee" and "the Ann Lee website", "games maker Ann
        Lee" and "Ms Lee"). A work's title ("the film Harrowgate") gets the label
        ``WORK`` and is dropped.
        """
        found = named_works(doc, spans, self.lexicon.work_nouns, self.lexicon.creative_verbs)
        for text, label in self._listed_after_kind(doc, spans).items():
            found.setdefault(text, label)
        for text in self._people_listed_after_trade(doc, spans):
            found.setdefault(text, "PERSON")
        for span in spans:
            if self._person_shown(span.text, people):
                label = self._press_type(span) or dwelt_in(span)
            else:
                label = (
                    self._press_type(span)
                    or (
                        None
                        if self._person_after_trade(span)
                        else self._described_type(doc, span.start)
                    )
                    or self._head_noun_type(span)
                    or self._group_of_trade(span)
                    or self._apposed_type(span)
                    or dwelt_in(span)
                )
            if label is not None:
                found.setdefault(span.text, label)
        return found

    @staticmethod
    def _person_shown(text: str, people: set[str] | frozenset[str]) -> bool:
        """A name shown a person's, or the surname of one ("Lee" of "President Ann
        Lee"): "the Ann Lee website" is hers, not a body's."""
        return shown_person(text, people) or any(p.split()[-1] == text for p in people)

    def venues_in_use(self, spans: list[Span], people: set[str]) -> dict[str, str]:
        """ "at Elm Lane", "moved to Brook Park", "at the Hale Arena": a person's name
        ending in a venue's word, or a body's ending in one that is no company's too
        ("Stadium", not "Theatre"), used as a place, is a venue (FAC)."""
        lex = self.lexicon
        endings = {"PERSON": lex.venue_words | lex.venue_endings, "ORG": lex.venue_endings}
        return {
            s.text: "FAC"
            for s in spans
            if s.label_ in endings
            and len(s) > 1
            and s[-1].lower_ in endings[s.label_]
            and s[-1].is_title
            and self._locative(s.root)
            and not shown_person(s.text, people)
        }

    def _press_type(self, span: Span) -> str | None:
        """ "sports daily Tribuna", "the tabloid Globo": a press noun modifying the name."""
        doc = span.doc
        if span.start == 0:
            return None
        noun = doc[span.start - 1]
        modifies = span.start <= noun.head.i < span.end
        press = noun.is_lower and noun.lower_ in self.lexicon.press_nouns
        return "ORG" if press and modifies else None

    def _person_after_trade(self, span: Span) -> bool:
        """ "veteran broadcaster Ann Lee": a full name after a noun that is a trade as
        well as a kind of firm is a person's, as NER read it."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        return (
            before is not None
            and span.label_ == "PERSON"
            and len(span) > 1
            and before.lower_ in self.lexicon.trade_or_firm_nouns
        )

    def _listed_after_kind(self, doc: Doc, spans: list[Span]) -> dict[str, str]:
        """ "four companies - Acme, its unit Brill and Cole": names listed right after a
        plural organisation noun (then a dash, a colon, "including", "such as" or
        "like") are organisations, up to the end of the list."""
        starts = {s.start: s for s in spans}
        # a name tagged elsewhere in the article only ("... with Acme")
        words = {s.text: s for s in spans if len(s) == 1}
        found: dict[str, str] = {}
        for token in doc:
            if token.tag_ != "NNS" or not self._description_kinds(token) <= ORGANISATION_KINDS:
                continue
            if not self._description_kinds(token):
                continue
            i = token.i + 1
            if i < len(doc) and doc[i].lower_ == "such" and i + 1 < len(doc):
                i += 1
            if i >= len(doc) or doc[i].text not in {"-", "–", ":", "including", "as", "like"}:
                continue
            i += 1
            while i < len(doc) and doc[i].text not in {".", ";", "(", "?", "!"}:
                if doc[i].pos_ == "VERB":
                    break  # the list is over ("firms - Acme and Brill - said")
                span = starts.get(i, words.get(doc[i].text))
                if span is not None and span.label_ in {"PERSON", "GPE", "LOC", "FAC"}:
                    found.setdefault(span.text, "ORG")
                i += 1 if span is None else len(span)
        return found

    def _people_listed_after_trade(self, doc: Doc, spans: list[Span]) -> list[str]:
        """ "Irish horse racing millionaires JP McManus and John Magnier": names listed
        right after a plural noun of a trade only people ply, one of them tagged a
        person, are all people ("lawyers Slaughter and May" may be a firm)."""
        starts = {s.start: s for s in spans}
        found = []
        for first in spans:
            token = doc[first.start - 1] if first.start > 0 else None
            if token is None or not (
                token.tag_ == "NNS"
                and token.is_lower
                and token.lemma_ in self.lexicon.occupation_nouns
                and token.lemma_ not in FIRM_TRADES
            ):
                continue
            listed, i = [], first.start
            while i in starts:
                listed.append(starts[i])
                i = starts[i].end
                if i < len(doc) and doc[i].text in {",", "and"}:
                    i += 1
            if len(listed) > 1 and any(s.label_ == "PERSON" for s in listed):
                found += [s.text for s in listed if s.label_ == "ORG"]
        return found

    def _head_noun_type(self, span: Span) -> str | None:
        """ "the Daily Blare newspaper", "the Kovo derivatives exchange": a person's or
        building's name before one to three common nouns ending in an organisation
        noun is that organisation's (read from the words: the parse often errs here)."""
        if span.label_ not in {"PERSON", "FAC"}:
            return None
        doc, end = span.doc, span.end
        while (
            end < len(doc) and end - span.end < 3 and doc[end].is_lower and doc[end].pos_ == "NOUN"
        ):
            end += 1
        if end == span.end:
            return None
        kinds = self._description_kinds(doc[end - 1])
        wanted = ORGANISATION_KINDS if span.label_ == "PERSON" else {"company"}
        return "ORG" if kinds and kinds <= wanted else None  # "the Elm Park outfit": the club

    def _apposed_type(self, span: Span) -> str | None:
        """ "The unit, Acme, was sold", "Acme, the largest mobile firm, said": a
        description noun in apposition to the name, set off by a comma."""
        nouns = apposed_nouns(span) + self._known_as(span)
        for noun in nouns:
            kinds = self._description_kinds(noun)
            if kinds and kinds <= ORGANISATION_KINDS:
                return "ORG"
            if kinds and kinds <= PLACE_KINDS:
                return "GPE"
        return None

    @staticmethod
    def _known_as(span: Span) -> list[Token]:
        """ "Acme, as the Brill unit is formally known": the noun naming what it is."""
        doc, end = span.doc, span.end
        if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "as":
            return []
        known = next((t for t in doc[end + 2 : end + 10] if t.lower_ == "known"), None)
        if known is None:
            return []
        return [t for t in known.children if t.dep_ in {"nsubjpass", "nsubj"}]

    def _group_of_trade(self, span: Span) -> str | None:
        """ "analysts Gartner", "rappers Outkast": a plural noun of people's trade
        right before one name, listed with no other ("members Ann Lee, Ivo Darnel and
        ..." are people), names a firm or group."""
        doc = span.doc
        if span.label_ == "ORG" or span.start == 0:
            return None
        before = doc[span.start - 1]
        root = span.root
        after = doc[span.end : span.end + 2]
        listed = (
            root.dep_ in {"conj", "appos"}
            or any(c.dep_ in {"conj", "appos"} for c in root.children)
            or (len(after) == 2 and after[0].text in {",", "and", "&", "or"} and after[1].is_title)
        )
        trade = (
            before.lemma_ in self.lexicon.occupation_nouns or before.lemma_ in self.lexicon.titles
        )
        plural = before.tag_ == "NNS" and before.is_lower
        return "ORG" if plural and trade and not listed else None

    def _described_type(self, doc: Doc, start: int) -> str | None:
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ == "of" and start > 1:
            kinds = self._description_kinds(doc[start - 2])
            return "GPE" if kinds and kinds <= PLACE_KINDS else None
        if start > 2 and doc[start - 2].text == "-":
            joined = f"{doc[start - 3].lower_}-{doc[start - 1].lower_}"
            if joined in self.lexicon.occupation_nouns:
                return None  # "film-maker Ann Lee": a trade, not "maker"
        kinds = self._description_kinds(before) if before is not None else set()
        if kinds and kinds <= ORGANISATION_KINDS:
            return "ORG"
        return None

    def _description_kinds(self, token) -> set[str]:
        if self._opening_kind_noun(token):
            lemma = token.lower_  # "Bookmaker Acme Hill said ..."
        elif not token.is_lower or token.pos_ != "NOUN":
            return set()
        else:
            lemma = token.lemma_
        if lemma in self.lexicon.organisation_nouns:
            return {"company"}
        return set(self.lexicon.descriptions.get(lemma, ()))

    def _opening_kind_noun(self, token) -> bool:
        """A description or trade noun capitalised as a sentence's first word
        ("Bookmaker", "Actor")."""
        low = token.lower_
        lex = self.lexicon
        return (
            token.is_title
            and opens_sentence(token)
            and (
                low in lex.organisation_nouns
                or low in lex.descriptions
                or low in lex.occupation_nouns
            )
        )

    def propagate(
        self,
        doc: Doc,
        spans: list[Span],
        title_tokens: set[int],
        described: dict[str, str] | None = None,
        people: set[str] | frozenset[str] = frozenset(),
    ) -> list[Span]:
        """Give every occurrence of a tagged name the name's majority (or described) type.

        ``people``: names the article shows to be people's ("Mr Hill", "Hill, 45,").
        """
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for span in spans:
            votes[span.text][span.label_] += 1
        labels = {text: c.most_common(1)[0][0] for text, c in votes.items()}
        labels.update(described or {})
        labels.update(coordinated_types(spans, labels))
        labels.update(self.units_of_organisations(spans, labels))
        labels.update(self.cued_people(people, labels))
        labels.update(self.lone_words(spans, labels, described or {}, people))
        labels.update(described or {})
        by_first: dict[str, list[str]] = defaultdict(list)
        for text in labels:
            if text.split():  # a span can end in a whitespace token ("Name\n")
                by_first[text.split()[0]].append(text)
        covered = {i for s in spans for i in range(s.start, s.end)}
        added = []
        for token in doc:
            if token.i in covered or token.i in title_tokens or not token.text[:1].isupper():
                continue
            for text in sorted(by_first.get(token.text, ()), key=len, reverse=True):
                n = len(text.split())
                window = doc[token.i : token.i + n]
                if window.text == text and not any(
                    i in covered for i in range(token.i, token.i + n)
                ):
                    added.append(Span(doc, token.i, token.i + n, label=labels[text]))
                    covered.update(range(token.i, token.i + n))
                    break
        return filter_spans(
            [Span(doc, s.start, s.end, label=labels.get(s.text, s.label_)) for s in spans] + added
        )

    def cued_people(
        self, people: set[str] | frozenset[str], labels: dict[str, str]
    ) -> dict[str, str]:
        """Names shown to be people's ("Acme's agent", "Acme, who has") are people,
        whatever NER tagged, unless the lexicon knows them as a body or country or
        they end in an organisation's word ("King Edward Hospital"); so is a
        two-word "organisation" ending in a surname shown a person's ("Ann Hill"
        where "Mr Hill" spoke), unless a word of it is an organisation's."""
        lex = self.lexicon
        found = {
            text: "PERSON"
            for text in people
            if labels.get(text, "PERSON") != "PERSON"
            and not self.lexicon.knows_name(text)
            and text.split()[-1].lower() not in lex.org_head_nouns | lex.company_markers
        }
        surnames = {text for text in people if " " not in text}
        for text, label in labels.items():
            words = text.split()
            if (
                label == "ORG"
                and len(words) == 2
                and words[-1] in surnames
                and words[0].istitle()
                and not self.lexicon.knows_name(text)
                and not {w.lower() for w in words} & self.organisation_words
            ):
                found[text] = "PERSON"  # "Ann Hill" where "Mr Hill" is a person
        return found

    def units_of_organisations(self, spans: list[Span], labels: dict[str, str]) -> dict[str, str]:
        """ "Acme Europe", "Acme USA": an organisation's name of the article with a
        place's name added is an organisation (its unit there)."""
        places = {s.text.lower() for s in spans if s.label_ in PLACE_LABELS}
        places |= set(self.lexicon.country_by_alias)
        found = {}
        for span in spans:
            if len(span) < 2 or labels.get(span.text) == "ORG":
                continue
            words = [t.text for t in span]
            for cut in range(1, len(words)):
                head, tail = " ".join(words[:cut]), " ".join(words[cut:])
                if labels.get(head) == "ORG" and tail.lower() in places:
                    found[span.text] = "ORG"
        return found

    def lone_words(
        self,
        spans: list[Span],
        labels: dict[str, str],
        described: dict[str, str],
        shown: set[str] | frozenset[str] = frozenset(),
    ) -> dict[str, str]:
        """Types of one-word names read from the article's longer names.

        The surname of a person named in full is a person ("Lee" after "Ann Lee",
        whatever NER said), unless it opens an organisation's name too; so is the
        first name, tagged an organisation's ("Ann's"), of a person the article
        shows to be one (``shown``: "Mr Lee", "Lee, 45,") or names by an uncommon
        surname alone; the first word
        of an organisation's name ("Hale" of "Hale & Hart", "Brill" of "BrillSoft")
        that is no word of a person's name is that organisation.
        """
        people = [
            s
            for s in spans
            if s.label_ == "PERSON"
            and len(s) > 1
            and not self.lexicon.knows_name(s.text)
            and described.get(s.text, "PERSON") == "PERSON"  # not "Acme Hill spokesman"
        ]
        located = {s.text for s in spans if len(s) == 1 and self._locative(s[0])}
        surnames = {s[-1].text for s in people} - located  # "in Europe": a place
        first_names = {  # of people shown to be people ("Mr Lee", "Lee said")
            s[0].text
            for s in spans
            if len(s) > 1
            and labels.get(s.text, s.label_) == "PERSON"
            and s[0].text.istitle()
            and (shown_person(s.text, shown) or self._surname_alone(s[-1].text, labels))
        }
        person_words = {t.text for s in people for t in s}
        organisations = [s for s in spans if labels.get(s.text, s.label_) == "ORG"]
        org_heads = {
            s[0].text
            for s in organisations
            if len(s) > 1 and len(s[0]) > 2 and s[0].text[:1].isupper()
        }
        org_heads |= {first_joined_word(s.text) for s in organisations} - {""}
        found = {}
        for text, label in labels.items():
            if " " in text or text in described or self.lexicon.knows_name(text):
                continue
            if text in surnames and text not in org_heads:
                found[text] = "PERSON"
            elif label in {"PERSON", "ORG"} and self._misspelt_surname(
                text, surnames, person_words
            ):
                found[text] = "PERSON"  # "Brannel" after "Ann Brannell"
            elif label == "PERSON" and text in org_heads and text not in person_words:
                found[text] = "ORG"
            elif label == "ORG" and text in first_names and text not in org_heads:
                found[text] = "PERSON"  # "Ann's presence" after "Ann Lee"
        for text in surnames - labels.keys() - org_heads:
            found[text] = "PERSON"  # later occurrences the model missed ("Hayward")
        return found

    def _surname_alone(self, surname: str, labels: dict[str, str]) -> bool:
        """A surname the article writes alone as a person's, and no common word
        ("Gebrselassie", not the "Universal" of a company NER took for a person)."""
        return labels.get(surname) == "PERSON" and not self._stems(surname) & self.common_words

    @staticmethod
    def _misspelt_surname(text: str, surnames: set[str], person_words: set[str]) -> bool:
        """Another spelling of exactly one surname of the article, and no word of a
        person's name itself ("Brannall", "Brannel" for "Ann Brannell")."""
        if text in person_words or not text.istitle():
            return False
        return len([s for s in surnames if near_spelling(text, s)]) == 1

    def extend_by_head_nouns(self, doc: Doc, spans: list[Span]) -> tuple[list[Span], list[Span]]:
        """ "Norfolk police" is an organisation based in the place Norfolk."""
        out, nested = [], []
        for span in spans:
            end = span.end
            while (
                end < len(doc)
                and doc[end].lower_ in self.lexicon.org_head_nouns
                and doc[end].is_lower
                and doc[end].pos_ in {"NOUN", "PROPN"}
            ):
                end += 1
            described = span.start > 0 and doc[span.start - 1].lower_ in GENERIC_DETERMINERS
            party = span.text.lower() in self.lexicon.party_by_alias
            if (
                end > span.end
                and not party  # "the Labour government" is the party in office
                and (span.label_ in PLACE_LABELS or doc[span.end].lower_ in PLACE_BOUND_BODIES)
                and not described
                and not (
                    end < len(doc)
                    and doc[end].pos_ in {"NOUN"}
                    and doc[end].lower_ not in self.lexicon.title_words
                )
            ):
                nested.append(Span(doc, span.start, span.end, label="GPE"))
                out.append(Span(doc, span.start, end, label="ORG"))
            else:
                out.append(span)
        return out, nested


def _capitalised_function_word(token: Token, function_words: frozenset[str]) -> bool:
    """A function word capitalised where no sentence opens ("And", "Of", "The"): the
    middle of a title of a work, written in title case."""
    return token.is_title and token.lower_ in function_words and not opens_sentence(token)


def _lower_case_nouns(doc: Doc) -> frozenset[str]:
    """The nouns the text writes in lower case, as written and as lemmas ("films",
    "film")."""
    return frozenset(
        word for t in doc if t.is_lower and t.pos_ == "NOUN" for word in (t.text, t.lemma_)
    )


def _inside_a_longer_name(doc: Doc, start: int, end: int, spans: list[Span]) -> bool:
    """Whether a tagged name holds ``start:end`` and more capitalised words ("Scottish"
    before "Labour Party"), not just joining words ("Labour Party and")."""
    for span in spans:
        if span.start <= start and end <= span.end and span.end - span.start > end - start:
            extra = [*doc[span.start : start], *doc[end : span.end]]
            if all(t.is_title and t.is_alpha for t in extra):
                return True
    return False


def _extend_name_particles(doc: Doc, end: int) -> int:
    """The end of a person's name cut after a particle: "Jan van" + "der Berg".

    >>> from spacy.lang.en import English
    >>> doc = English()("said Jan van der Berg today")
    >>> _extend_name_particles(doc, 3), _extend_name_particles(doc, 2)
    (5, 2)
    """
    if doc[end - 1].lower_ not in NAME_PARTICLES or not doc[end - 1].is_lower:
        return end
    i = end
    while i < len(doc) and doc[i].is_lower and doc[i].lower_ in NAME_PARTICLES:
        i += 1
    if i < len(doc) and doc[i].is_title and doc[i].is_alpha:
        return i + 1
    return end
