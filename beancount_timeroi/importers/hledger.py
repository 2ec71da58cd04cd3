"""hledger's time formats: timedot and timeclock.

**timedot**: a date line, then one line per account with its time: dots of a
quarter hour each (spaces between them are fine), or a number of hours
(``1.5``, ``1.5h``), minutes (``90m``) or seconds (``45s``). Lines starting
with ``#``, ``;`` or ``*`` are comments (an org heading holding a date is a
date line); text after the date is the day's description; an account with
nothing after it logged no time and is skipped::

    2025-03-02 conference week
    social:linkedin   .... ...
    blog              1.5h

**timeclock**: ``i DATE TIME ACCOUNT  DESCRIPTION`` starts a session, ``o DATE
TIME`` ends it; a session across midnight is split by date; an ``i`` still
open at the end of the file is running: reported, not imported::

    i 2025-03-02 23:30:00 social:linkedin  Live Q&A
    o 2025-03-03 00:45:00

The channel is the account's full name in ``import.map``, else its last part
(``social:linkedin`` → ``linkedin``). With ``import: {map: {linkedin:
linkedin}}`` the session above gives::

    2025-03-02 custom "time" "linkedin" "0h30" "Live Q&A"
      source: "timeclock:…/2025-03-02"

    2025-03-03 custom "time" "linkedin" "0h45" "Live Q&A"
      source: "timeclock:…/2025-03-03"
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    ImportedRow,
    Names,
    Problem,
    SourceIds,
    account_channel,
    clean_text,
    day_pieces,
    duration_problem,
    piece_source,
    round_minutes,
)

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=\s|$)")
_ITEM = re.compile(r"\s*(?P<account>\S(?:.*?\S)?)(?:(?:\s{2,}|\t)\s*(?P<quantity>.*))?")
_DOTS = re.compile(r"[. ]+")
_AMOUNT = re.compile(r"(?P<number>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>h|m|s)?", re.IGNORECASE)
_CLOCK_LINE = re.compile(
    r"(?P<code>[ioO])\s+(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s+[+-]\d{4})?(?:\s+(?P<rest>.*))?")
_COMMENT_START = ("#", ";", "*")


def parse_date(text: str) -> datetime.date | None:
    """An hledger date, ``2025-03-02``, ``2025/03/02`` or ``2025.03.02``."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _comment_free(text: str) -> str:
    """``text`` without a trailing ``; comment``."""
    index = text.find(";")
    return (text[:index] if index >= 0 else text).strip()


# -- timedot ------------------------------------------------------------------


def parse_timedot(text: str, filename: str,
                  config: Config) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of an hledger timedot file."""
    names = Names(config.imports.channels)
    ids = SourceIds("timedot")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    day: datetime.date | None = None
    day_description: str | None = None
    date_line = 0
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        heading = line.startswith("*")
        content = line.lstrip("*").strip() if heading else line
        if heading or not line[0].isspace():
            date_match = _DATE.match(content)
            if date_match:
                day = parse_date(content)
                date_line = number
                day_description = clean_text(_comment_free(content[date_match.end():]))
                if day is None:
                    problems.append(Problem(filename, number, _(
                        "'{date}' is not a valid date; write it like 2025-03-02"
                    ).format(date=content.split()[0])))
                continue
            if heading or line.startswith(_COMMENT_START):
                continue
        elif line.lstrip().startswith(_COMMENT_START):
            continue
        item = _ITEM.fullmatch(line)
        if item is None:  # pragma: no cover - the pattern matches any non-blank line
            continue
        account = item.group("account")
        quantity = _comment_free(item.group("quantity") or "")
        if date_line == 0:
            problems.append(Problem(filename, number, _(
                "this line comes before any date line; put a date like 2025-03-02 on its own "
                "line above it")))
            continue
        if day is None:
            problems.append(Problem(filename, number, _(
                "the date line above it (line {line}) is not a valid date, so this time has "
                "no date; fix that line").format(line=date_line)))
            continue
        if not quantity:
            head, _space, last = account.rpartition(" ")
            if head and timedot_seconds(last) is not None:
                problems.append(Problem(filename, number, _(
                    "put two spaces between the account and its time ('{last}'), or hledger "
                    "and this importer read it all as the account's name"
                ).format(last=last)))
            continue  # an account with no time logged, like hledger's 0
        seconds = timedot_seconds(quantity)
        if seconds is None:
            problems.append(Problem(filename, number, _(
                "'{quantity}' is not a timedot quantity; write dots ('.... ..', a quarter "
                "hour each), hours ('1.5' or '1.5h'), minutes ('90m') or seconds ('45s'), "
                "after two spaces").format(quantity=quantity)))
            continue
        messages: list[str] = []
        problem = duration_problem(seconds, _("the timedot file"))
        if problem:
            messages.append(problem)
        match = account_channel(names, account)
        if match.message:
            messages.append(match.message)
        if messages or match.channel is None:
            problems.extend(Problem(filename, number, message) for message in messages)
            continue
        minutes = round_minutes(seconds)
        source = ids.make([day.isoformat(), account, str(minutes)])
        rows.append(ImportedRow(day, match.channel, minutes, None,
                                day_description or account, source, number))
    return rows, problems


def timedot_seconds(quantity: str) -> Fraction | None:
    """Seconds of a timedot quantity: dots, or hours, minutes or seconds.

    >>> timedot_seconds(".... ..")
    Fraction(5400, 1)
    """
    if _DOTS.fullmatch(quantity):
        return Fraction(quantity.count(".") * 15 * 60)
    match = _AMOUNT.fullmatch(quantity)
    if not match:
        return None
    number = Fraction(Decimal(match.group("number")))
    unit = (match.group("unit") or "h").casefold()
    return number * {"h": 3600, "m": 60, "s": 1}[unit]


# -- timeclock ----------------------------------------------------------------


class _Session(NamedTuple):
    line: int
    start: datetime.datetime
    account: str
    description: str | None


def parse_timeclock(text: str, filename: str,
                    config: Config) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of an hledger timeclock file."""
    names = Names(config.imports.channels)
    ids = SourceIds("timeclock")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    session: _Session | None = None
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(_COMMENT_START):
            continue
        parsed = _CLOCK_LINE.fullmatch(line)
        moment = None
        if parsed:
            day = parse_date(parsed.group("date"))
            hour, minute, second = (int(part) for part in (parsed.group("time") + ":0")
                                    .split(":")[:3])
            try:
                moment = (datetime.datetime.combine(day, datetime.time(hour, minute, second))
                          if day else None)
            except ValueError:
                moment = None
        if parsed is None or moment is None:
            problems.append(Problem(filename, number, _(
                "this is not a timeclock line; write 'i 2025-03-02 09:00:00 account  "
                "description' to clock in and 'o 2025-03-02 10:30:00' to clock out")))
            continue
        if parsed.group("code") == "i":
            if session is not None:
                problems.append(Problem(filename, session.line, _(
                    "this session has no 'o' line before the next 'i' (line {line}), so it "
                    "was not imported; add 'o DATE TIME' before line {line}"
                ).format(line=number)))
            rest = _comment_free(parsed.group("rest") or "")
            parts = re.split(r"\s{2,}|\t", rest, maxsplit=1)
            account, description = parts[0], parts[1] if len(parts) > 1 else ""
            account = account.strip()
            if not account:
                problems.append(Problem(filename, number, _(
                    "this 'i' line has no account, so it has no channel; write it as "
                    "'i 2025-03-02 09:00:00 account  description'")))
                session = None
                continue
            session = _Session(number, moment, account,
                               clean_text(description))
            continue
        if session is None:
            problems.append(Problem(filename, number, _(
                "this 'o' line clocks out, but no session is open (no 'i' line before it); "
                "add the 'i' line or delete this one")))
            continue
        rows_or_messages = _session_rows(session, moment, names, ids)
        if isinstance(rows_or_messages, list):
            rows.extend(rows_or_messages)
        else:
            problems.extend(Problem(filename, session.line, message)
                            for message in rows_or_messages)
        session = None
    if session is not None:
        problems.append(Problem(filename, session.line, _(
            "this session is still open (no 'o' line after it): it is running, so it was not "
            "imported; clock out and import again")))
    return rows, problems


def _session_rows(session: _Session, end: datetime.datetime, names: Names,
                  ids: SourceIds) -> list[ImportedRow] | tuple[str, ...]:
    """The rows of a closed session (one per date), or the messages saying why not."""
    messages: list[str] = []
    seconds = int((end - session.start).total_seconds())
    problem = duration_problem(seconds, _("the timeclock file"))
    if problem:
        messages.append(problem)
    match = account_channel(names, session.account)
    if match.message:
        messages.append(match.message)
    if messages or match.channel is None:
        return tuple(messages)
    pieces = day_pieces(session.start, end, lambda moment: moment.date(),
                        lambda day: datetime.datetime.combine(day, datetime.time()))
    source = ids.make([session.start.isoformat(), session.account])
    return [ImportedRow(day, match.channel, minutes, None,
                        session.description or session.account,
                        piece_source(source, pieces, day), session.line)
            for day, minutes in pieces]
