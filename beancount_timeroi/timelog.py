"""Time entries: the ``time`` directive and its durations.

::

    2025-03-02 custom "time" "linkedin" 1.5 "Replied to comments"
      activity: "engagement"          ; optional, free text
      who: "alex"                     ; optional, default "owner"

A duration is a number of hours (``1.5``), an amount in hours (``1.5 H``,
``HR``, ``HRS``, ``HOUR``, ``HOURS``) or minutes (``90 MIN``, ``MINS``,
``MINUTE``, ``MINUTES``), or a quoted string (``"1h30"``, ``"1h30m"``,
``"2h"``, ``"45m"``, ``"90min"``, ``"1.5h"``, ``"1:30"``, ``"1.5"``). It must
be over zero and at most 24 hours, and is kept exact: 20 minutes is 1/3 h.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, NamedTuple, Protocol

from beancount.core import data
from beancount.core.amount import Amount

from beancount_timeroi.errors import N_, Figure, Msg, TimeRoiError, error_at, incomplete, msg
from beancount_timeroi.money import ratio
from beancount_timeroi.names import OWNER, name_key

MINUTE_UNITS = ("MIN", "MINS", "MINUTE", "MINUTES")
MAX_HOURS = Fraction(24)
MAX_MINUTES = 24 * 60
"""A time entry is at most 24 hours (SPEC 2.3)."""
TIME_USAGE = N_('custom "time" "linkedin" 1.5 "what you did"')

_NUMBER = r"([-+]?(?:\d+(?:\.\d*)?|\.\d+))"
_HOUR_WORD = r"(?:h|hr|hrs|hour|hours|heure|heures)"
_MINUTE_WORD = r"(?:m|min|mins|minute|minutes)"
_SINGLE = re.compile(rf"{_NUMBER}\s*(?:(?P<h>{_HOUR_WORD})|(?P<m>{_MINUTE_WORD}))?", re.IGNORECASE)
_HOURS_MINUTES = re.compile(rf"(\d+)\s*{_HOUR_WORD}\s*(\d+)\s*(?:{_MINUTE_WORD})?", re.IGNORECASE)
_CLOCK = re.compile(r"(\d+):(\d+)")


class Channels(Protocol):
    """What time entries need to know of the ledger's channels (``ChannelRegistry``)."""

    def resolve(self, ref: str) -> str | None: ...

    def lookup(self, ref: str) -> tuple[str | None, list[Msg]]: ...

    def match_account(self, account: str) -> str | None: ...

    def explicit(
        self, posting: data.Posting, txn: data.Transaction
    ) -> tuple[list[tuple[str, Fraction]], str] | None: ...


class _NotADuration(Exception):
    """Stops reading a duration at its first problem (``parse_duration`` returns it)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message


class TimeEntry(NamedTuple):
    """A valid time entry: who spent how long on which channel, on a date."""

    date: datetime.date
    channel: str
    hours: Fraction
    person: str
    activity: str | None
    description: str | None
    meta: data.Meta
    entry: data.Directive
    content: object = None
    """The ``content:`` metadata as written (the orchestrator checks it against the
    ledger's contents and keeps the slug)."""


def parse_duration(value: object, hour_units: Sequence[str]) -> tuple[Fraction | None, list[Msg]]:
    """The exact hours a duration value means, or the message saying what to write.

    >>> parse_duration("1h20", ["H"])
    (Fraction(4, 3), [])
    """
    try:
        return _hours(value, hour_units), []
    except _NotADuration as problem:
        return None, [problem.message]


def _hours(value: object, hour_units: Sequence[str]) -> Fraction:
    if isinstance(value, Decimal) and not isinstance(value, bool):
        hours = _exact(value)
    elif isinstance(value, Amount):
        unit = str(value.currency)
        if unit in hour_units:
            hours = _exact(value.number)
        elif unit in MINUTE_UNITS:
            hours = _exact(value.number) / 60
        else:
            raise _NotADuration(
                msg(
                    "unknown time unit {unit}: use hours ({hours}) or minutes ({minutes})",
                    unit=unit,
                    hours=", ".join(hour_units),
                    minutes=", ".join(MINUTE_UNITS),
                )
            )
    elif isinstance(value, str):
        hours = _parse_text(value)
    else:
        raise _NotADuration(
            msg(
                'expected a duration like 1.5, 90 MIN or "1h30", got {got}',
                got=str(value).upper() if isinstance(value, bool) else str(value),
            )
        )
    if hours <= 0:
        raise _NotADuration(msg("a duration must be more than zero, got {got}", got=_shown(value)))
    if hours > MAX_HOURS:
        raise _NotADuration(
            msg(
                "a duration can be at most 24 hours, got {got}; "
                "split longer work over several days",
                got=_shown(value),
            )
        )
    return hours


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _exact(number: Decimal | None) -> Fraction:
    if number is None or not number.is_finite():
        raise _NotADuration(msg("a duration can be at most 24 hours, got {got}", got=number))
    return Fraction(number)


def _parse_text(text: str) -> Fraction:
    raw = text.strip()
    match = _SINGLE.fullmatch(raw)
    if match:
        number = Fraction(Decimal(match.group(1)))
        return number / 60 if match.group("m") else number
    match = _HOURS_MINUTES.fullmatch(raw) or _CLOCK.fullmatch(raw)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes >= 60 or (match.re is _CLOCK and len(match.group(2)) != 2):
            raise _NotADuration(
                msg(
                    '"{text}" is not a duration: the minutes must be two digits under 60 '
                    '(write "{fixed}")',
                    text=text,
                    fixed=_normalised(hours, minutes),
                )
            )
        return hours + Fraction(minutes, 60)
    try:
        Decimal(raw.replace(",", "."))
        hint = msg(' (use a dot for decimals, like "1.5")') if "," in raw else ""
    except InvalidOperation:
        hint = ""
    raise _NotADuration(
        msg(
            '"{text}" is not a duration{hint}: write hours like "1.5" or "1.5h", '
            'minutes like "45m" or "90min", or both like "1h30" or "1:30"',
            text=text,
            hint=hint,
        )
    )


def _normalised(hours: int, minutes: int) -> str:
    return format_minutes(hours * 60 + minutes)


def round_minutes(seconds: Fraction | int) -> int:
    """Whole minutes, to the nearest, halves up: 44 min 30 s is 45 minutes.

    >>> round_minutes(67 * 60 + 12)
    67
    """
    return int((Fraction(seconds) + 30) // 60)


def format_minutes(minutes: int) -> str:
    """The duration string of a ``time`` directive: ``"1h07"``, ``"0h45"``, ``"2h00"``."""
    return f"{minutes // 60}h{minutes % 60:02d}"


def parse_time_entry(
    entry: data.Custom, channels: Channels, hour_units: Sequence[str]
) -> tuple[TimeEntry | None, list[TimeRoiError]]:
    """The ``TimeEntry`` of a ``time`` directive, or the one error that says why not."""
    values = [value.value for value in entry.values or []]
    problem = _misplaced(values, channels, hour_units)
    channel = hours = None
    if problem is None:
        channel, problems = channels.lookup(values[0])
        problem = problems[0] if problems else None
    if problem is None:
        hours, problems = parse_duration(values[1], hour_units)
        problem = problems[0] if problems else None
    if problem is None:
        problem = _extra(values)
    if problem is None:
        meta = entry.meta or {}
        checked, problems = _who_and_activity(meta.get("who", OWNER), meta.get("activity"))
        if checked is not None and channel is not None and hours is not None:
            person, activity = checked
            description = values[2] if len(values) > 2 else None
            time = TimeEntry(
                entry.date,
                channel,
                hours,
                person,
                activity,
                description,
                entry.meta,
                entry,
                meta.get("content"),
            )
            return time, []
        problem = problems[0]
    return None, [error_at(entry.meta, problem, entry)]


def _misplaced(values: list[Any], channels: Channels, hour_units: Sequence[str]) -> Msg | None:
    """Whether a ``time`` directive's channel and duration are not where they belong:
    missing, in the wrong order, or not a channel name."""
    usage = msg(TIME_USAGE)
    if not values:
        return incomplete("time", TIME_USAGE)
    first = values[0]
    wrong_order = msg(
        "the values are in the wrong order: the channel comes first, "
        "then the duration; write it as: {usage}",
        usage=usage,
    )
    if not isinstance(first, str):
        if len(values) > 1 and isinstance(values[1], str) and _is_duration(first, hour_units):
            return wrong_order
        return msg(
            "the first value must be the channel, in quotes; write it as: {usage}", usage=usage
        )
    if len(values) < 2:
        return msg(
            "incomplete time entry: no duration after the channel; write it as: {usage}",
            usage=usage,
        )
    if (
        isinstance(values[1], str)
        and channels.resolve(values[1]) is not None
        and _is_duration(first, hour_units)
    ):
        return wrong_order
    return None


def _extra(values: list[Any]) -> Msg | None:
    """Whether the values after the duration are not a quoted description alone."""
    usage = msg(TIME_USAGE)
    if len(values) > 2 and not isinstance(values[2], str):
        return msg(
            "the third value, the description, must be quoted text; write it as: {usage}",
            usage=usage,
        )
    if len(values) > 3:
        return msg("too many values; write it as: {usage}", usage=usage)
    return None


class TimeReader:
    """Reads one ledger's ``time`` directives, remembering what repeats.

    A ledger repeats the same few channels and durations thousands of times: a
    valid entry is read from remembered channels and hours; anything else goes
    through ``parse_time_entry``, which says exactly what is wrong.
    """

    def __init__(self, channels: Channels, hour_units: Sequence[str]) -> None:
        self.channels = channels
        self.hour_units = tuple(hour_units)
        self._slugs: dict[str, str | None] = {}
        self._hours: dict[tuple[type, Any], Fraction | None] = {}

    def read(self, entry: data.Custom) -> tuple[TimeEntry | None, list[TimeRoiError]]:
        values = entry.values
        if values and 1 < len(values) < 4:
            slug = self._slug(values[0].value)
            hours = self._duration(values[1].value)
            description = values[2].value if len(values) == 3 else None
            meta = entry.meta
            person = meta.get("who", OWNER)
            activity = meta.get("activity")
            if (
                slug is not None
                and hours is not None
                and (description is None or type(description) is str)
                and type(person) is str
                and person.strip()
                and (activity is None or type(activity) is str)
            ):
                read = TimeEntry(
                    entry.date,
                    slug,
                    hours,
                    person.strip(),
                    activity,
                    description,
                    meta,
                    entry,
                    meta.get("content"),
                )
                return read, []
        return parse_time_entry(entry, self.channels, self.hour_units)

    def _slug(self, value: object) -> str | None:
        if type(value) is not str:
            return None
        if value not in self._slugs:
            self._slugs[value] = self.channels.resolve(value)
        return self._slugs[value]

    def _duration(self, value: object) -> Fraction | None:
        key = (type(value), value)
        try:
            return self._hours[key]
        except KeyError:
            hours = self._hours[key] = parse_duration(value, self.hour_units)[0]
            return hours
        except TypeError:  # a value that is not hashable: read it the long way
            return None


def parse_time_posting(
    txn: data.Transaction,
    posting: data.Posting,
    channels: Channels,
    hour_units: Sequence[str],
) -> tuple[TimeEntry | None, list[TimeRoiError]]:
    """The ``TimeEntry`` of a posting of time on an expense account (SPEC 8).

    Its channel is the posting's ``channel:``, the transaction's, its channel
    tags, else the declared channel its account's last component names. None
    when it has no channel (time on client work, not marketing), with no error; an
    error when it has several, or when its hours or ``who:`` are not usable.
    """
    meta = posting.meta if posting.meta and "lineno" in posting.meta else txn.meta

    def fail(message: Msg) -> tuple[None, list[TimeRoiError]]:
        return None, [error_at(meta, message, txn)]

    found = channels.explicit(posting, txn)
    if found is None:
        slug = channels.match_account(posting.account)
        if slug is None:
            return None, []
    else:
        weights, _rule = found
        if len(weights) > 1:
            return fail(
                msg(
                    "this posting of time names {count} channels ({names}); a posting of time "
                    "belongs to one channel: split it into one posting per channel",
                    count=len(weights),
                    names=", ".join(slug for slug, _weight in weights),
                )
            )
        slug = weights[0][0]
    hours, problems = parse_duration(posting.units, hour_units)
    if hours is None:
        return fail(problems[0])
    own = posting.meta or {}
    checked, problems = _who_and_activity(
        own.get("who", txn.meta.get("who", OWNER)), own.get("activity", txn.meta.get("activity"))
    )
    if checked is None:
        return fail(problems[0])
    person, activity = checked
    content = own.get("content", txn.meta.get("content"))
    entry = TimeEntry(
        txn.date, slug, hours, person, activity, txn.narration or None, meta, txn, content
    )
    return entry, []


def _who_and_activity(
    person: object, activity: object
) -> tuple[tuple[str, str | None] | None, list[Msg]]:
    """The person and activity of an entry, or the message saying which is unusable."""
    if not isinstance(person, str) or not person.strip():
        return None, [msg('who: must be a person\'s name in quotes, like who: "alex"')]
    if activity is not None and not isinstance(activity, str):
        return None, [msg('activity: must be text in quotes, like activity: "writing"')]
    return (person.strip(), activity), []


def _is_duration(value: object, hour_units: Sequence[str]) -> bool:
    return parse_duration(value, hour_units)[0] is not None


def daily_limit(entries: Sequence[TimeEntry]) -> tuple[list[TimeEntry], list[TimeRoiError]]:
    """Entries kept in order while each person's day stays within 24 hours.

    An entry that would take its person's total for the day over 24 hours is
    an error and is not counted.
    """
    # Exact sums as (numerator, denominator) integers: a day has few entries.
    totals: dict[tuple[str, datetime.date], tuple[int, int]] = {}
    kept: list[TimeEntry] = []
    errors: list[TimeRoiError] = []
    for entry in entries:
        key = (name_key(entry.person), entry.date)
        num, den = totals.get(key, (0, 1))
        num = num * entry.hours.denominator + entry.hours.numerator * den
        den *= entry.hours.denominator
        if num > 24 * den:
            errors.append(
                error_at(
                    entry.meta,
                    msg(
                        "{person} would have logged {hours} hours on {date} with this entry, "
                        "more than 24; check that day's durations",
                        person=entry.person,
                        hours=Figure(ratio(num, den, 2)),
                        date=entry.date,
                    ),
                    entry.entry,
                )
            )
            continue
        totals[key] = (num, den)
        kept.append(entry)
    return kept, errors
