"""User-editable "never merge" / "always merge" rules for cross-article resolution.

:func:`kg.resolve.resolver.resolve` merges the entities of different articles by their names
(see its module). When it gets one wrong, a rules file corrects the next build. The
file is plain UTF-8 text, one rule a line::

    # lines from "#" on are comments; blank lines are ignored
    never  Person | Michael Howard | Howard Webb
    always Organization | Spurs | Tottenham Hotspur
    never  Labour | Labour Party        # no type: the rule applies to every type

- The first word is ``never`` (keep the two apart) or ``always`` (merge them), in
  any case. The rest is two names, or a type (``Person``, ``Organization`` or
  ``Place``; ``Organisation`` is accepted) and two names, separated by ``|``.
  A ``#`` starts a comment when it opens the line or follows a space.
- A name matches the entities of that type whose label is that name, compared the
  way resolution compares names (case, a leading "the" and a possessive "'s" are
  ignored). When no entity of the build has that label, it matches the entities that
  list it as an alias. An entity that matches both names of a rule is left out of it
  (an article's entity is never split).
- ``never``: no node holds entities of both names, whatever label, alias or context
  would join, directly or through a chain of aliases. ``always``: when both names
  occur, all their entities of that type become one node, unless a ``never`` rule
  keeps two of them apart. Rules never merge entities of different types.

:func:`read_merge_rules` reports a line it cannot read as an
:class:`~kg.errors.InputError` naming ``FILE:LINE`` and the reason.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kg.errors import InputError
from kg.names import normalise_name
from kg.records import ENTITY_TYPES, EntityType

RULES_FILE = "merge-rules.txt"
"""The rules file a build reads from its output folder when no other is given."""

RuleKind = Literal["never", "always"]

_TYPE_NAMES: dict[str, EntityType] = {t.lower(): t for t in ENTITY_TYPES}
_TYPE_NAMES["organisation"] = "Organization"


@dataclass(frozen=True, slots=True)
class MergeRule:
    """One line of a rules file. ``keys`` are the two names, normalised."""

    kind: RuleKind
    type: EntityType | None
    names: tuple[str, str]
    source: str
    line: int

    @property
    def keys(self) -> tuple[str, str]:
        return (normalise_name(self.names[0]), normalise_name(self.names[1]))

    @property
    def where(self) -> str:
        """``FILE:LINE`` of the rule."""
        return f"{self.source}:{self.line}"

    def applies_to(self, etype: str) -> bool:
        return self.type is None or self.type == etype


@dataclass(frozen=True, slots=True)
class MergeRules:
    """The rules of one file, in file order.

    >>> rules = parse_merge_rules("never Person | A Smith | B Smith\\n", "r.txt")
    >>> [(r.kind, r.type, r.keys, r.where) for r in rules.never]
    [('never', 'Person', ('a smith', 'b smith'), 'r.txt:1')]
    """

    never: tuple[MergeRule, ...] = ()
    always: tuple[MergeRule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.never or self.always)


def parse_merge_rules(text: str, source: str = "<rules>") -> MergeRules:
    """Parse the text of a rules file; ``source`` names it in error messages.

    >>> parse_merge_rules("sometimes A | B", "r.txt")
    Traceback (most recent call last):
    kg.errors.InputError: r.txt:1: a rule starts with "never" or "always", not "sometimes"
    """
    rules: list[MergeRule] = []
    seen = _SeenRules()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*", "", raw).strip()
        if line:
            rule = _parse_line(line, source, number)
            seen.check_and_add(rule)
            rules.append(rule)
    return MergeRules(
        tuple(r for r in rules if r.kind == "never"),
        tuple(r for r in rules if r.kind == "always"),
    )


def read_merge_rules(path: str | Path) -> MergeRules:
    """Read a rules file; raise :class:`~kg.errors.InputError` for any problem."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device would block
            raise InputError(f"{path}: cannot read the merge rules (not a regular file)")
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read the merge rules ({err.strerror or err})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text") from None
    return parse_merge_rules(text, str(path))


def find_merge_rules(outdir: str | Path, path: str | Path | None = None) -> MergeRules | None:
    """The rules of a build: ``path`` when given (it must exist), else
    ``OUTDIR/merge-rules.txt`` when that file exists, else None.
    """
    if path is not None:
        return read_merge_rules(path)
    default = Path(outdir) / RULES_FILE
    return read_merge_rules(default) if default.is_file() else None


def _parse_line(line: str, source: str, number: int) -> MergeRule:
    def bad(reason: str) -> InputError:
        return InputError(f"{source}:{number}: {reason}")

    word, _, rest = line.replace("\t", " ").partition(" ")
    kind = word.lower()
    if kind not in ("never", "always"):
        shown = word if len(word) <= 40 else word[:40] + "..."
        raise bad(f'a rule starts with "never" or "always", not "{shown}"')
    fields = [f.strip() for f in rest.split("|")]
    etype: EntityType | None = None
    if len(fields) == 3:
        etype = _TYPE_NAMES.get(fields[0].lower())
        if etype is None:
            shown = fields[0] if len(fields[0]) <= 40 else fields[0][:40] + "..."
            raise bad(f'unknown type "{shown}" (Person, Organization or Place)')
        fields = fields[1:]
    if len(fields) != 2 or fields[0].lower() in _TYPE_NAMES:  # "Person | Name" lacks a name
        raise bad('expected "TYPE | NAME | NAME" or "NAME | NAME"')
    if not all(normalise_name(f) for f in fields):
        raise bad("a name is empty")
    if normalise_name(fields[0]) == normalise_name(fields[1]):
        raise bad("the two names are the same")
    return MergeRule(kind, etype, (fields[0], fields[1]), source, number)  # type: ignore[arg-type]


class _SeenRules:
    """The first rule of each (names, kind, type) read so far: a contradiction is
    found in constant time per line, so a long file is read in linear time.
    """

    def __init__(self) -> None:
        self.first: dict[tuple[frozenset[str], str, str | None], MergeRule] = {}

    def check_and_add(self, rule: MergeRule) -> None:
        """Raise :class:`InputError` when ``rule`` contradicts an earlier rule; remember it."""
        names = frozenset(rule.keys)
        opposite = "always" if rule.kind == "never" else "never"
        types = (None, *ENTITY_TYPES) if rule.type is None else (None, rule.type)
        clashes = [self.first.get((names, opposite, t)) for t in types]
        other = min((c for c in clashes if c is not None), key=lambda r: r.line, default=None)
        if other is not None:
            raise InputError(
                f"{rule.where}: contradicts line {other.line} "
                f'("{other.kind}" and "{rule.kind}" for the same names)'
            )
        self.first.setdefault((names, rule.kind, rule.type), rule)
