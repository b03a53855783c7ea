"""What the words of a name say about it, whatever the recogniser tagged.

Pure functions over spaCy spans, used by ``kg_entities``:

- an amount of money, a percentage or a bare number ("$1.13bn", "420bn yuan",
  "5%", "117th") names nothing;
- a capitalised function word or adverb opening a sentence ("Since", "However")
  and a weekday ("Wednesday") are not part of a name;
- a person's name does not end in numbers ("Ann Lee 74", a minute or a score);
- a name with a company marker ("Acme Holdings", "Brill plc", "Hale & Hart") is an
  organisation's;
- a lone acronym in the plural ("MPs", "GCSEs") names a class, not an entity;
- words run together ("BrillSoft") name a brand, not a person ("McLean" is a name);
- a name ending in "North", "South" or two compass points ("Elmford South West")
  is a constituency or region's;
- a common word capitalised only where sentences open ("Casinos also offer ...") is
  no name: the capital is the sentence's, not the writer's choice.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

CURRENCY_SIGNS = frozenset({"$", "£", "€", "¥", "us$"})
SCORE = re.compile(r"^[\d()\-–,]+$")
"""A token of a number, a score or a minute ("74", "6-2", "(87)", ",")."""
PLACE_SAFE_MARKERS = frozenset({"bank", "capital", "oil", "gas"})
"""Company markers that also end place names ("West Bank", "the Gulf oil"): not
enough for a place."""


def is_amount(span: Span) -> bool:
    """Money, a percentage or a number: opens with a digit or a currency sign and has
    no capitalised word after it ("$1.13bn", "5m euros"; not "3GSM World Congress").

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> [is_amount(nlp(t)[:]) for t in ("$1.13bn", "420bn yuan", "3GSM World Congress")]
    [True, True, False]
    """
    first = span[0]
    if not (first.text[:1].isdigit() or first.lower_ in CURRENCY_SIGNS or first.text == "%"):
        return False
    return not any(t.is_alpha and t.text[:1].isupper() for t in span[1:])


def opens_sentence(token: Token) -> bool:
    """The first word of a sentence, or the first after a quote mark or a dash."""
    if token.i == 0 or token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return before.is_quote or before.text in {"-", "–", "—", "(", ":"} or "\n" in before.text


def capitalised_inside(doc: Doc) -> frozenset[str]:
    """The capitalised words a text writes where no sentence opens: the words whose
    capital is the writer's choice ("Blair" in "said Blair", not "Casinos" opening
    a sentence)."""
    return frozenset(t.text for t in doc if t.text[:1].isupper() and not opens_sentence(t))


def dictionary_words(nlp: Language, parts: tuple[str, ...]) -> frozenset[str]:
    """The words of the pipeline's lemmatizer index in the given parts of speech
    ("noun", "verb", "adj", "adv"), in lower case (empty without a lemmatizer or its
    tables)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(
        word for part in parts if part in index for word in index[part] if "_" not in word
    )


COMPASS_WORDS = frozenset({"north", "south", "east", "west"})
"""Points of the compass, which end the names of constituencies and regions."""
RARE_SURNAME_ENDINGS = frozenset({"north", "south"})
"""Last words of places' names that hardly ever end a person's ("West" does)."""


def compass_ended(span: Span) -> bool:
    """A name of a place plus a point of the compass: a constituency or region
    ("Elmford North", "Brill South West"), never a person's or a body's name ("Ann
    West" keeps her surname; "North West" alone, a region, is already a place; a
    list, "Conference North and South", is no place)."""
    words = [t.lower_ for t in span]
    if len(words) < 2 or words[0] in COMPASS_WORDS or "and" in words:
        return False
    if words[-1] in RARE_SURNAME_ENDINGS:
        return True
    return len(words) > 2 and words[-1] in COMPASS_WORDS and words[-2] in COMPASS_WORDS


def is_leading_function_word(token: Token, function_words: frozenset[str]) -> bool:
    """A capitalised function word or sentence adverb opening a sentence ("Since")."""
    return token.lower_ in function_words and token.text[:1].isupper() and opens_sentence(token)


MODIFIER_SHAPES = {"RB": "ly", "VBN": "ed", "VBD": "ed"}
"""Tags of adverbs and participles, with the ending that marks them as such."""


def is_lone_leading_modifier(span: Span) -> bool:
    """A one-word "name" that opens a sentence and is an adverb in -ly or a participle
    in -ed ("Uncapped fly-half Tom Vale", "Mentally they are stronger"); adjectives
    are left alone ("Athletic midfielder Tom Vale")."""
    token = span[0]
    opening = token.is_sent_start or token.i == 0 or token.doc[token.i - 1].is_quote
    ending = MODIFIER_SHAPES.get(token.tag_)
    return len(span) == 1 and opening and ending is not None and token.lower_.endswith(ending)


PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
"""An acronym in the plural ("MPs", "GCSEs"): a class of people or things."""


def is_plural_acronym(span: Span) -> bool:
    """A lone acronym in the plural ("MPs", "CEOs", "GCSEs"): a class, no entity.

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> [is_plural_acronym(nlp(t)[:]) for t in ("MPs", "GCSEs", "UPS", "MPs Act")]
    [True, True, False, False]
    """
    return len(span) == 1 and PLURAL_ACRONYM.match(span.text) is not None


def is_leading_weekday(token: Token, weekdays: frozenset[str], label: str) -> bool:
    """A weekday before a person's name ("Wednesday Ann Lee said"), or before another
    name it does not modify: not the "Sunday" of a paper's name ("Sunday Blare")."""
    return token.lower_ in weekdays and (label == "PERSON" or token.dep_ != "compound")


def trailing_numbers(span: Span) -> int:
    """How many tokens at the end of a person's span are numbers, scores or commas.

    >>> from spacy.lang.en import English
    >>> trailing_numbers(English()("Ann Lee 6-2 7-6")[:])  # six tokens
    6
    """
    n = 0
    for token in reversed(span[1:]):
        if SCORE.match(token.text):
            n += 1
        else:
            break
    return n


def company_marked(span: Span, markers: frozenset[str], *, place: bool = False) -> bool:
    """A name an organisation's by its words: "&" inside, or a company marker.

    For a person's span any word may be the marker ("Bank Sal Oppenheim"); for a
    place only the last, and not one that also ends place names ("West Bank").

    >>> from spacy.lang.en import English
    >>> doc = English()("Hale & Hart met Brill Holdings at West Bank")
    >>> m = frozenset({"holdings", "bank"})
    >>> company_marked(doc[0:3], m), company_marked(doc[4:6], m, place=True)
    (True, True)
    >>> company_marked(doc[7:9], m, place=True)
    False
    """
    if len(span) < 2:
        return False
    if any(t.text == "&" for t in span[1:-1]):
        return True
    if place:
        last = span[-1].lower_.rstrip(".")
        return last in markers and last not in PLACE_SAFE_MARKERS
    return any(t.lower_.rstrip(".") in markers for t in span)


def near_spelling(one: str, other: str, shortest: int = 5) -> bool:
    """Two spellings of one name: one letter added, dropped, changed or two swapped
    ("Brannell", "Brannall", "Brannel"), same first letter, both ``shortest`` letters
    or more (short names differ by a letter too often: "Lee", "Lea"); a final "s"
    makes another name ("Williams", "William").

    >>> near_spelling("Brannell", "Brannel"), near_spelling("Brannell", "Brannall")
    (True, True)
    >>> near_spelling("Brannell", "Crannell"), near_spelling("Lee", "Lea")
    (False, False)
    >>> near_spelling("Williams", "William")
    False
    """
    if one == other or min(len(one), len(other)) < shortest or one[0] != other[0]:
        return False
    if abs(len(one) - len(other)) > 1:
        return False
    if len(one) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and one[diff[0]] == other[diff[1]]
            and one[diff[1]] == other[diff[0]]
        )
        return len(diff) == 1 or swapped
    short, long_ = sorted((one, other), key=len)
    if long_ == short + "s":
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


INITIAL = re.compile(r"^[B-HJ-Z]\.?$")
"""A capital letter standing for a first name ("J", "J."); not "A" or "I"."""


def initial_and_surname(span: Span) -> bool:
    """A first initial and a surname ("J Thion", "S. Grimes"): a person's name.

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> [initial_and_surname(nlp(t)[:]) for t in ("J Thion", "S. Grimes", "A Coruna", "BT Group")]
    [True, True, False, False]
    """
    words = [t for t in span if t.text != "."]
    return (
        len(words) == 2
        and INITIAL.match(span[0].text) is not None
        and words[1].is_title
        and words[1].is_alpha
        and len(words[1]) > 1
    )


NAME_PREFIXES = ("mc", "mac", "de", "di", "du", "da", "la", "le", "van", "von")
"""Starts of surnames with a capital inside ("McLean", "DiNardo", "LeBlanc")."""


def first_joined_word(text: str) -> str:
    """The first of the words run together in a brand's name ("Brill" of "BrillSoft"),
    or "" for any other word.

    >>> first_joined_word("BrillSoft"), first_joined_word("McLean")
    ('Brill', '')
    """
    if not text[:1].isupper() or not text.isalpha():
        return ""
    for i in range(4, len(text) - 1):
        if text[i].isupper() and text[i - 1].islower() and text[i + 1].islower():
            return "" if text[:i].lower().startswith(NAME_PREFIXES) else text[:i]
    return ""
