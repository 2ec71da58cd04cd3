"""What every importer shares: rows, problems, durations, source ids, directives.

An importer reads a time tracker's export into ``ImportedRow`` records and
``Problem`` records: a row that cannot be imported (no channel, two channels,
an unknown user, shorter than a minute, still running...) is a problem with
its line, never a guess and never dropped silently. Rows then become ``time``
directives, kept to the minute (or, for hledger's files, to hledger's own exact
hours), each with the ``source:`` that makes a second import of the same export
add nothing.

Example: the Toggl row ``Émilie Tremblay,...,Social - LinkedIn,,Replied to
comments,...,2025-03-03,09:00:00,...,01:07:12,...`` with ``import: {map:
{"Social - LinkedIn": linkedin}}`` becomes::

    2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
      source: "toggl:4f6c79876ac0"
"""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount.core import data
from beancount.parser.grammar import ValueType

from beancount_timeroi.i18n import _
from beancount_timeroi.timelog import MAX_MINUTES, format_minutes, round_minutes

MAX_SPAN_DAYS = 366
"""An interval or session over more days than this is reported rather than split into a
year of 24-hour days: it is a mistake in a date (or a forged file), never work."""
SOURCE_KEY = "source"
WHO_KEY = "who"
ACTIVITY_KEY = "activity"


class ExportError(Exception):
    """The file as a whole cannot be read as this tool's export (exit status 2)."""


class ImportedRow(NamedTuple):
    """One time entry read from an export: who spent how many minutes where, and when.

    ``person`` is None for the owner; ``source`` is ``"<tool>:<id>"``, stable
    when the same export is read again; ``line`` is the row's line in the file.
    ``hours``, when set, is the exact duration and ``minutes`` only its nearest
    minute: hledger's figures (``0.33`` for ``20m``) are kept as hledger has
    them. ``activity`` is the directive's ``activity:`` (a timedot letter).
    """

    date: datetime.date
    channel: str
    minutes: int
    person: str | None
    description: str | None
    source: str
    line: int
    hours: Fraction | None = None
    activity: str | None = None

    @property
    def exact_hours(self) -> Fraction:
        """The duration in hours: ``hours``, else ``minutes`` / 60."""
        return self.hours if self.hours is not None else Fraction(self.minutes, 60)


class Problem(NamedTuple):
    """A row that was not imported: where it is and what to do about it."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


# -- durations ----------------------------------------------------------------


def decimal_hours(hours: Fraction) -> Decimal:
    """``hours`` as an exact decimal number; ``ValueError`` when it has no finite one.

    >>> decimal_hours(Fraction(33, 100))
    Decimal('0.33')
    """
    denominator, twos, fives = hours.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        raise ValueError(f"{hours} hours has no exact decimal form")
    places = max(twos, fives)
    return Decimal(hours.numerator * (10**places // hours.denominator)).scaleb(-places)


def format_hours(hours: Fraction) -> str:
    """A duration as a ``time`` directive writes it: ``1h30`` when it is a whole number
    of minutes, else its exact decimal hours (``0.33``).

    >>> format_hours(Fraction(33, 100)), format_hours(Fraction(3, 2))
    ('0.33', '1h30')
    """
    minutes = hours * 60
    if minutes.denominator == 1:
        return format_minutes(int(minutes))
    return format(decimal_hours(hours), "f")


def duration_problem(seconds: Fraction | int, tool: str) -> str | None:
    """Why a duration cannot be a time entry (under 30 s, over 24 h), or None."""
    minutes = round_minutes(seconds)
    if seconds < 0:
        return _("it ends before it starts; fix its times in {tool} and export again").format(
            tool=tool
        )
    if minutes == 0:
        return _(
            "it lasts {seconds} s, shorter than a minute; a time entry is at least one "
            "minute: lengthen it or delete it in {tool}"
        ).format(seconds=int(seconds), tool=tool)
    if minutes > MAX_MINUTES:
        return _(
            "it lasts {duration}, more than 24 hours; split it over several days in {tool}"
        ).format(duration=format_minutes(minutes), tool=tool)
    return None


def day_pieces(
    start: datetime.datetime,
    end: datetime.datetime,
    day_of: Callable[[datetime.datetime], datetime.date],
    midnight: Callable[[datetime.date], datetime.datetime],
) -> list[tuple[datetime.date, int]]:
    """Minutes of [start, end) on each local date, split at local midnights.

    ``day_of`` gives an instant's local date and ``midnight`` the instant a
    local date begins. Minutes are rounded on the running total, so the
    pieces add up to the whole interval rounded once; a piece that rounds to
    nothing is left out (its seconds are in a neighbour's minute).
    """
    pieces: list[tuple[datetime.date, int]] = []
    elapsed = Fraction(0)
    counted = 0
    current = start
    while current < end:
        day = day_of(current)
        boundary = min(end, midnight(day + datetime.timedelta(days=1)))
        if boundary <= current:  # a zone without that midnight: move on a day
            boundary = end
        elapsed += Fraction((boundary - current) // datetime.timedelta(microseconds=1), 10**6)
        minutes = round_minutes(elapsed) - counted
        counted += minutes
        if minutes:
            pieces.append((day, minutes))
        current = boundary
    return pieces


# -- source ids ---------------------------------------------------------------


def short_hash(parts: Iterable[str]) -> str:
    """The first 12 hex digits of the SHA-256 of ``parts`` (unit-separated)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


class SourceIds:
    """Gives each row of one export its ``source:`` id.

    The id is a hash of what identifies the row, so it is the same when the
    export is read again; the n-th row identical to an earlier one gets
    ``-n`` so that two identical rows stay two entries.
    """

    def __init__(self, tool: str) -> None:
        self.tool = tool
        self.seen: Counter[str] = Counter()

    def make(self, parts: Iterable[str]) -> str:
        digest = short_hash(parts)
        self.seen[digest] += 1
        count = self.seen[digest]
        return f"{self.tool}:{digest}" if count == 1 else f"{self.tool}:{digest}-{count}"


def piece_source(
    source: str, pieces: Sequence[tuple[datetime.date, int | Fraction]], day: datetime.date
) -> str:
    """The id of one day of an interval split at midnight: the date is appended."""
    return source if len(pieces) == 1 else f"{source}/{day.isoformat()}"


# -- rows to directives ---------------------------------------------------------


def to_entries(rows: Iterable[ImportedRow], filename: str) -> list[data.Custom]:
    """The ``time`` directives of ``rows``, pointing at their lines in ``filename``.

    Example::

        2025-03-04 custom "time" "blog" "2h00" "Draft: pricing post"
          source: "toggl:4407aa7d2ac4"
          who: "alex"
    """
    entries: list[data.Custom] = []
    for row in sorted(rows, key=lambda row: (row.date, row.source)):
        extra: dict[str, str] = {SOURCE_KEY: row.source}
        if row.person is not None:
            extra[WHO_KEY] = row.person
        if row.activity is not None:
            extra[ACTIVITY_KEY] = row.activity
        values = [ValueType(row.channel, str), _duration_value(row.exact_hours)]
        if row.description:
            values.append(ValueType(row.description, str))
        entries.append(
            data.Custom(data.new_metadata(filename, row.line, extra), row.date, "time", values)
        )
    return entries


def _duration_value(hours: Fraction) -> ValueType:
    """``"1h07"`` for a whole number of minutes, else the exact hours as a number."""
    if (hours * 60).denominator == 1:
        return ValueType(format_hours(hours), str)
    return ValueType(decimal_hours(hours), Decimal)


def clean_text(text: str | None) -> str | None:
    """A description on one line, without control characters; None when empty."""
    if text is None:
        return None
    cleaned = " ".join(
        "".join(
            " " if unicodedata.category(char).startswith("C") else char for char in text
        ).split()
    )
    return cleaned or None


def render(entries: Iterable[data.Custom]) -> str:
    """Ledger text of ``time`` directives, sorted by date then source, one blank
    line between them: the same entries always give the same text."""
    blocks: list[str] = []
    for entry in sorted(entries, key=lambda e: (e.date, str(e.meta.get(SOURCE_KEY, "")))):
        values = " ".join(_value(value.value) for value in entry.values or [])
        lines = [f'{entry.date.isoformat()} custom "{entry.type}" {values}']
        for key in (SOURCE_KEY, WHO_KEY, ACTIVITY_KEY):
            if key in entry.meta:
                lines.append(f"  {key}: {_string(entry.meta[key])}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _value(value: object) -> str:
    """A directive's value: a number as it is (``0.33``), anything else quoted."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return _string(value)


def _string(value: object) -> str:
    text = clean_text(str(value)) or ""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sources_in(entries: Iterable[data.Directive]) -> dict[str, data.Directive]:
    """The ``source:`` of every ``time`` directive in a ledger, with its entry."""
    found: dict[str, data.Directive] = {}
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type == "time" and entry.meta:
            source = entry.meta.get(SOURCE_KEY)
            if isinstance(source, str) and source not in found:
                found[source] = entry
    return found
