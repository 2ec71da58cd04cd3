"""Timewarrior: the JSON list that ``timew export`` prints.

::

    [
    {"id":2,"start":"20250303T140000Z","end":"20250303T150700Z","tags":["linkedin"],
     "annotation":"Replied to comments"}
    ]

Each interval's tags are looked up in ``import.map``: exactly one channel must
come out. Timestamps are UTC; they become local dates in the config's
``timezone`` (else the machine's), and an interval that crosses local
midnight is split into one entry per date. An interval without ``end`` is
still running: it is reported, not imported. The ``id`` Timewarrior prints
changes as intervals are added, so an interval's ``source:`` is a hash of its
start and tags instead. With ``timezone: America/Toronto`` (UTC-5 in March),
the interval above is::

    2025-03-03 custom "time" "linkedin" "1h07" "Replied to comments"
      source: "timewarrior:…"
"""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from collections.abc import Callable
from typing import Any

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    ExportError,
    ImportedRow,
    Label,
    Names,
    Problem,
    SourceIds,
    clean_text,
    day_pieces,
    duration_problem,
    match_channel,
    piece_source,
)

_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")
UTC = datetime.timezone.utc


def parse_timewarrior(text: str, filename: str,
                      config: Config) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of a ``timew export`` JSON text."""
    day_of, midnight = local_calendar(config.timezone)
    names = Names(config.imports.channels)
    ids = SourceIds("timewarrior")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    for line, item in _intervals(text):
        if not isinstance(item, dict) or not isinstance(item.get("start"), str):
            problems.append(Problem(filename, line, _(
                "this is not a Timewarrior interval (it has no \"start\"); export again "
                "with 'timew export'")))
            continue
        start = parse_stamp(item["start"])
        if start is None:
            problems.append(Problem(filename, line, _(
                "its start '{start}' is not a Timewarrior time like 20250303T140000Z"
            ).format(start=item["start"])))
            continue
        if "end" not in item:
            problems.append(Problem(filename, line, _(
                "it is still running (it has no end), so it was not imported; stop it with "
                "'timew stop' and export again")))
            continue
        end = parse_stamp(item["end"]) if isinstance(item["end"], str) else None
        if end is None:
            problems.append(Problem(filename, line, _(
                "its end '{end}' is not a Timewarrior time like 20250303T150700Z"
            ).format(end=item["end"])))
            continue
        raw_tags = item.get("tags") or []
        tags = [str(tag) for tag in raw_tags] if isinstance(raw_tags, list) else [str(raw_tags)]
        messages: list[str] = []
        seconds = int((end - start).total_seconds())
        problem = duration_problem(seconds, "Timewarrior")
        if problem:
            messages.append(problem)
        pieces = [] if problem else day_pieces(start, end, day_of, midnight)
        match = match_channel(names, [Label(_("tag"), tag) for tag in tags], _(
            "it has no tags, so it has no channel; tag it (timew tag @{id} linkedin) and "
            "export again"
        ).format(id=item.get("id", "N")))
        if match.message:
            messages.append(match.message)
        if messages or match.channel is None:
            problems.extend(Problem(filename, line, message) for message in messages)
            continue
        source = ids.make([item["start"], *sorted(tags)])
        description = clean_text(item.get("annotation") if isinstance(
            item.get("annotation"), str) else None)
        rows.extend(ImportedRow(day, match.channel, minutes, None, description,
                                piece_source(source, pieces, day), line)
                    for day, minutes in pieces)
    return rows, problems


def parse_stamp(text: str) -> datetime.datetime | None:
    """A Timewarrior UTC time, ``20231001T103000Z``.

    >>> parse_stamp("20231001T103000Z")
    datetime.datetime(2023, 10, 1, 10, 30, tzinfo=datetime.timezone.utc)
    """
    match = _STAMP.fullmatch(text.strip())
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        return datetime.datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def local_calendar(timezone: str | None) -> tuple[
        Callable[[datetime.datetime], datetime.date],
        Callable[[datetime.date], datetime.datetime]]:
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
    if not text[position:position + 1] == "[":
        raise ExportError(_("this is not a Timewarrior export: it does not start with '['; "
                            "create it with 'timew export > file.json'"))
    items: list[tuple[int, Any]] = []
    position = _skip(text, position + 1)
    if text[position:position + 1] == "]":
        return items
    while True:
        try:
            item, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise ExportError(_("line {line} is not valid JSON ({reason}); export again with "
                                "'timew export'").format(line=exc.lineno, reason=exc.msg)) from None
        items.append((text.count("\n", 0, position) + 1, item))
        position = _skip(text, end)
        if text[position:position + 1] == ",":
            position = _skip(text, position + 1)
            continue
        if text[position:position + 1] == "]":
            return items
        line = text.count("\n", 0, position) + 1
        raise ExportError(_("line {line} is not valid JSON (expected ',' or ']'); export again "
                            "with 'timew export'").format(line=line))


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position
