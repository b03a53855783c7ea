"""Publication dates of articles, as the graph writes them (``xsd:dateTime``).

JSON Lines records may carry a ``published`` value in any of the forms news feeds
use: an ISO 8601 date or date-time (``2022-03-04``, ``2022-03-04T10:15:00Z``,
``2022-03-04 10:15:00+01:00``) or an RFC 2822 date (``Fri, 04 Mar 2022 10:15:00
GMT``). :func:`normalise_published` turns each into one ``xsd:dateTime`` lexical
form, so that the graph's dates compare and sort in SPARQL. A date without a time
becomes midnight of that day; a time zone is kept when given, as ``+HH:MM`` (UTC
too: ``+00:00`` is the form rdflib writes back, so graphs round-trip unchanged).
``xsd:date`` is not used: it is outside the OWL 2 datatype map, and Protégé would
drop it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime


def normalise_published(value: str) -> str:
    """Return ``value`` as an ``xsd:dateTime`` lexical form; ValueError if not a date.

    >>> normalise_published("2022-03-04")
    '2022-03-04T00:00:00'
    >>> normalise_published("2022-03-04T10:15:00Z")
    '2022-03-04T10:15:00+00:00'
    >>> normalise_published("Fri, 04 Mar 2022 10:15:00 +0100")
    '2022-03-04T10:15:00+01:00'
    >>> normalise_published("last Tuesday")
    Traceback (most recent call last):
    ...
    ValueError: not a date: 'last Tuesday'
    """
    text = " ".join(value.split())
    moment = _parse(text)
    if moment is None or not 1 <= moment.year <= 9999:
        raise ValueError(f"not a date: {value[:40]!r}")
    return _lexical(moment)


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _lexical(moment: datetime) -> str:
    stamp = moment.replace(microsecond=0, tzinfo=None).isoformat()
    offset = moment.utcoffset()
    if offset is None:
        return stamp
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{stamp}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
