"""Timewarrior: the JSON list that ``timew export`` prints.

::

    [
    {"id":2,"start":"20250303T140000Z","end":"20250303T150700Z","tags":["linkedin"],
     "annotation":"Replied to comments"}
    ]

Each interval's tags are looked up in ``import.map``: exactly one channel must
come out. Timestamps are UTC; they become local dates in the config's
``timezone`` (else the machine's), and an interval is split at each local
midnight into one entry per date, however many days it lasts: a timer left
running from Friday evening to Monday morning is four entries, each day at
most 24 hours. A date that would hold more than 24 hours of the interval (the
25-hour day when the clocks go back) cannot be a time entry: the interval is
reported, not imported. An interval without ``end`` is still running: it is
reported too. The ``id`` Timewarrior prints changes as intervals are added,
so an interval's ``source:`` is a hash of its start and tags instead. With
``timezone: America/Toronto`` (UTC-5 in March), the interval above is::

    2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
      source: "timewarrior:…"
"""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from collections.abc import Callable
from typing import Any, NamedTuple

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    MAX_SPAN_DAYS,
    ExportError,
    ImportedRow,
    Problem,
    SourceIds,
    clean_text,
    day_pieces,
    duration_problem,
    piece_source,
)
from beancount_timeroi.importers.matching import Label, Names, match_channel
from beancount_timeroi.timelog import MAX_MINUTES, format_minutes, round_minutes

_STAMP = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z")
UTC = datetime.timezone.utc
_SECOND = datetime.timedelta(seconds=1)

DayOf = Callable[[datetime.datetime], datetime.date]
Midnight = Callable[[datetime.date], datetime.datetime]


class Interval(NamedTuple):
    """One closed interval of the export, its times in UTC."""

    start: datetime.datetime
    end: datetime.datetime
    tags: list[str]


def parse_timewarrior(
    text: str, filename: str, config: Config
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of a ``timew export`` JSON text."""
    day_of, midnight = local_calendar(config.timezone)
    names = Names(config.imports.channels)
    ids = SourceIds("timewarrior")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    for line, item in _intervals(text):
        interval = read_interval(item)
        if isinstance(interval, str):
            problems.append(Problem(filename, line, interval))
            continue
        pieces, messages = split_days(interval, day_of, midnight)
        no_tags = _(
            "it has no tags, so it has no channel; tag it (timew tag @{id} linkedin) and "
            "export again"
        ).format(id=item.get("id", "N"))
        labels = [Label(_("tag"), tag) for tag in interval.tags]
        match = match_channel(names, labels, no_tags)
        if match.message:
            messages.append(match.message)
        if messages or match.channel is None:
            problems.extend(Problem(filename, line, message) for message in messages)
            continue
        source = ids.make([item["start"], *sorted(interval.tags)])
        annotation = item.get("annotation")
        description = clean_text(annotation if isinstance(annotation, str) else None)
        for day, minutes in pieces:
            day_source = piece_source(source, pieces, day)
            rows.append(
                ImportedRow(day, match.channel, minutes, None, description, day_source, line)
            )
    return rows, problems


def read_interval(item: Any) -> Interval | str:
    """The interval of one item of the export, or what is wrong with it."""
    if not isinstance(item, dict) or not isinstance(item.get("start"), str):
        return _(
            'this is not a Timewarrior interval (it has no "start"); export again '
            "with 'timew export'"
        )
    start = parse_stamp(item["start"])
    if start is None:
        return _("its start '{start}' is not a Timewarrior time like 20250303T140000Z").format(
            start=item["start"]
        )
    if "end" not in item:
        return _(
            "it is still running (it has no end), so it was not imported; stop it with "
            "'timew stop' and export again"
        )
    raw_end = item["end"]
    end = parse_stamp(raw_end) if isinstance(raw_end, str) else None
    if end is None:
        shown = raw_end if isinstance(raw_end, str) else json.dumps(raw_end)
        return _("its end '{end}' is not a Timewarrior time like 20250303T150700Z").format(
            end=shown
        )
    raw_tags = item.get("tags") or []
    tags = [str(tag) for tag in raw_tags] if isinstance(raw_tags, list) else [str(raw_tags)]
    return Interval(start, end, tags)


def split_days(
    interval: Interval, day_of: DayOf, midnight: Midnight
) -> tuple[list[tuple[datetime.date, int]], list[str]]:
    """The minutes of ``interval`` on each local date, or why it cannot be imported.

    However long the interval, it is cut at local midnights; each date must
    then hold at most 24 hours, which only the day the clocks go back (25
    hours, 24 h 30 on Lord Howe Island) can break.
    """
    seconds = (interval.end - interval.start) // _SECOND
    span = (day_of(interval.end) - day_of(interval.start)).days
    if span > MAX_SPAN_DAYS:
        return [], [
            _(
                "it runs over {days} days, from {start} to {end}; an interval that long is "
                "surely a mistake in its start or end: correct it in Timewarrior (timew "
                "modify) and export again"
            ).format(days=span, start=day_of(interval.start), end=day_of(interval.end))
        ]
    if round_minutes(seconds) <= MAX_MINUTES:
        problem = duration_problem(seconds, "Timewarrior")
        if problem:
            return [], [problem]
    pieces = day_pieces(interval.start, interval.end, day_of, midnight)
    for day, minutes in pieces:
        if minutes > MAX_MINUTES:
            return [], [
                _(
                    "it counts {duration} on {date}, a day of more than 24 hours (the clocks went "
                    "back), and a day holds at most 24 hours of time entries; take at least "
                    "{excess} of that day out of it in Timewarrior (timew split, timew modify) "
                    "and export again"
                ).format(
                    duration=format_minutes(minutes),
                    date=day.isoformat(),
                    excess=format_minutes(minutes - MAX_MINUTES),
                )
            ]
    return pieces, []


def parse_stamp(text: str) -> datetime.datetime | None:
    """A Timewarrior UTC time, ``20231001T103000Z``; None for anything else, and
    for the years 1 and 9999, whose times may have no local date.

    >>> parse_stamp("20231001T103000Z")
    datetime.datetime(2023, 10, 1, 10, 30, tzinfo=datetime.timezone.utc)
    """
    match = _STAMP.fullmatch(text.strip())
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        if not 1 < year < 9999:
            return None
        return datetime.datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def local_calendar(
    timezone: str | None,
) -> tuple[
    Callable[[datetime.datetime], datetime.date], Callable[[datetime.date], datetime.datetime]
]:
    """The local date of a UTC instant, and the UTC instant a local date begins,
    in ``timezone`` (an IANA name) or else the machine's time zone."""
    if timezone:
        zone = zoneinfo.ZoneInfo(timezone)

        def day_of(moment: datetime.datetime) -> datetime.date:
            return moment.astimezone(zone).date()

        def midnight(day: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(day, datetime.time(), tzinfo=zone).astimezone(UTC)

        return day_of, midnight

    def machine_day(moment: datetime.datetime) -> datetime.date:
        return moment.astimezone().date()

    def machine_midnight(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time()).astimezone().astimezone(UTC)

    return machine_day, machine_midnight


def _intervals(text: str) -> list[tuple[int, Any]]:
    """The items of the export's JSON list, each with the line it starts on."""
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if not text[position : position + 1] == "[":
        raise ExportError(
            _(
                "this is not a Timewarrior export: it does not start with '['; "
                "create it with 'timew export > file.json'"
            )
        )
    items: list[tuple[int, Any]] = []
    position = _skip(text, position + 1)
    if text[position : position + 1] == "]":
        return items
    while True:
        try:
            item, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise ExportError(
                _(
                    "line {line} is not valid JSON ({reason}); export again with 'timew export'"
                ).format(line=exc.lineno, reason=exc.msg)
            ) from None
        items.append((text.count("\n", 0, position) + 1, item))
        position = _skip(text, end)
        if text[position : position + 1] == ",":
            position = _skip(text, position + 1)
            continue
        if text[position : position + 1] == "]":
            return items
        line = text.count("\n", 0, position) + 1
        raise ExportError(
            _(
                "line {line} is not valid JSON (expected ',' or ']'); export again "
                "with 'timew export'"
            ).format(line=line)
        )


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position
