"""hledger's time formats, timedot and timeclock, read line by line as hledger 1.50 reads them.

Every line of the file is a time entry, a date, a comment or a blank, or a
``Problem`` at its line; per account and date the hours are hledger's own.

**timedot**: a date line, then one line per account with its time. A date
line starts with a date (``2025-03-02``, ``2025/3/2``, ``2025.03.02``, or
``3/2``: hledger's date in the current year), maybe after an org heading
prefix (``** 2025-03-02``); text after it up to ``;`` is the day's
description. An entry is an account name (any text, single spaces allowed,
even one letter), two spaces or a tab, then its time, then maybe a ``;``
comment:

- dots, a quarter hour each, spaces between them ignored: ``.... ..``;
- a number of hours, with a ``.`` or ``,`` decimal mark (``1.5``, ``0,25``,
  ``,25``), or with a unit, which hledger rounds to hundredths of an hour:
  ``s``, ``m``, ``h``, ``d`` (24 h), ``w`` (168 h), ``mo`` (5040 h) and
  ``y`` (61320 h) — hledger's own factors (``20m`` is 0.33 h);
- letters, a quarter hour each, one entry per letter with the letter as its
  ``activity:`` (hledger's ``t:`` tag): ``aabac`` is 0.75 h of ``a``, 0.25 h
  of ``b`` and of ``c``;
- nothing, or ``0``: no time, so nothing to import.

Lines starting with ``#`` or ``;`` are comments; before the first date line,
lines starting with ``*`` (org headings) are too; after it, an org heading
prefix is dropped and the rest read as a date or an entry (``**** DONE`` is
the account ``DONE`` with no time)::

    * 2025 marketing
    2025-03-02 conference week
    social:linkedin   .... ...   ; 1h45
    blog              0,75
    x                 aab        ; 0h30 of activity a, 0h15 of b

**timeclock**: ``i DATE TIME ACCOUNT  DESCRIPTION ;COMMENT`` starts a
session, ``o DATE TIME [ACCOUNT] ;COMMENT`` ends one (``I`` and ``O`` too, as
in Ledger; ``b`` and ``h`` lines are ignored, as hledger and Ledger do).
Several sessions may be open at once, one per account. With one open, an
``o`` closes it, whatever follows its time (Ledger and timeclock.el write a
note there); with several, the ``o`` names the one it closes, and an ``o``
that names none of them is a problem, never another session's end. A
session is counted as hledger counts it: split at midnight (the first day
ending at 23:59:59), each day's hours rounded to hundredths; an ``i`` still
open at the end of the file is running, reported and not imported::

    i 2025-03-02 23:30:00 social:linkedin  Live Q&A
    o 2025-03-03 00:45:00

The channel is the account's full name in ``import.map``, else its last part
(``social:linkedin`` → ``linkedin``). With ``import: {map: {linkedin:
linkedin}}`` the session above gives (23:30:00 to 23:59:59 is 0.50 h)::

    2025-03-02 custom "time" "linkedin" "0h30" "Live Q&A"
      source: "timeclock:…/2025-03-02"

    2025-03-03 custom "time" "linkedin" "0h45" "Live Q&A"
      source: "timeclock:…/2025-03-03"
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from fractions import Fraction
from typing import NamedTuple

from beancount_timeroi.config import Config
from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import (
    MAX_SPAN_DAYS,
    ImportedRow,
    Names,
    Problem,
    SourceIds,
    account_channel,
    clean_text,
    decimal_hours,
    format_hours,
    piece_source,
    round_minutes,
)

MAX_HOURS = Fraction(24)
"""A time entry is at most 24 hours (SPEC 2.3)."""

# -- what hledger calls a space, a number, a date ----------------------------------------

_BLANKS = "\t\v\f\r \xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
"""Haskell's ``isSpace`` but the newline, as the body of a regex character class."""
_BLANK = f"[{_BLANKS}]"
_BLANK_RUN = re.compile(f"{_BLANK}*")
_ACCOUNT = re.compile(f"[^{_BLANKS}\n;]+(?: [^{_BLANKS}\n;]+)*")
"""hledger's account name: words separated by single spaces, up to two spaces, a tab or ';'."""
_ORG_PREFIX = re.compile(rf"\*+{_BLANK}+")
_DATE_LIKE = re.compile(rf"(?:\*+{_BLANK}+)?[0-9]+[-/.][0-9]+[-/.][0-9]+")
_SIMPLE_DATE = re.compile(
    r"(?P<first>[0-9]+)(?P<sep>[-/.])(?P<second>[0-9]+)(?:(?P<sep2>[-/.])(?P<third>[0-9]+))?"
)
_YEAR_LAST = re.compile(r"[-/.][0-9]")
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=\s|$)")
_DIGIT_SEPARATORS = frozenset(".,'_ \xa0\u2002\u2003\u2008\u2009\u202f\u205f")
"""hledger's digit group marks (``1,000``, ``1 000``, ``1_000``...)."""
_UNITS = {
    "s": Fraction("2.777777777777778e-4"),
    "mo": Fraction(5040),  # before "m"
    "m": Fraction("1.6666666666666666e-2"),
    "h": Fraction(1),
    "d": Fraction(24),
    "w": Fraction(168),
    "y": Fraction(61320),
}
"""hledger's timedot units in hours, exactly as TimedotReader.hs writes them (its manual says
1mo = 30d and 1y = 365d, but hledger multiplies by these)."""
_COMMENT_STARTS = ("#", ";", "*")


def parse_date(text: str) -> datetime.date | None:
    """A full hledger date at the start of ``text``: ``2025-03-02``, ``2025/3/2``..."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class _Date(NamedTuple):
    """A date as hledger reads it: ``day`` is None when it is not a valid date."""

    day: datetime.date | None
    end: int
    text: str
    year_last: bool


def _read_date(text: str, pos: int, year: int) -> _Date | None:
    """hledger's simple date at ``pos`` (``datep``): ``YYYY-MM-DD`` with ``-``, ``/`` or
    ``.``, or ``M-D`` in ``year``; None when the text there is no date at all."""
    match = _SIMPLE_DATE.match(text, pos)
    if not match:
        return None
    first, second, third = match.group("first", "second", "third")
    if len(first) >= 4:
        if third is None:
            return None
        end = match.end()
        numbers = (int(first), int(second), int(third))
        valid = match.group("sep2") == match.group("sep")
        year_last = False
    else:
        end = match.end("second")
        numbers = (year, int(first), int(second))
        valid = True
        year_last = _YEAR_LAST.match(text, end) is not None
    day = None
    if valid:
        try:
            day = datetime.date(*numbers)
        except (ValueError, OverflowError):
            day = None
    return _Date(day, end, text[pos:end], year_last)


def _date_problem(date: _Date, text: str) -> str | None:
    """Why a date read by ``_read_date`` cannot date an entry, or None."""
    if date.day is None:
        return _("'{date}' is not a valid date; write it like 2025-03-02").format(date=date.text)
    if date.year_last:
        tail = re.match(r"[-/.][0-9]+", text[date.end :])
        return _(
            "'{date}' does not start with its year: hledger reads only '{partial}' as the "
            "date, in the current year; write it like 2025-03-02"
        ).format(date=date.text + (tail.group() if tail else ""), partial=date.text)
    return None


def _skip_blanks(text: str, pos: int) -> int:
    match = _BLANK_RUN.match(text, pos)
    return match.end() if match else pos


def _is_blank(char: str) -> bool:
    return _BLANK_RUN.fullmatch(char) is not None


def _before_comment(text: str) -> str:
    """``text`` up to a ``;`` comment."""
    return text.split(";", 1)[0]


def _lines(text: str) -> list[str]:
    """The lines of a file as hledger counts them: split at newlines only."""
    return text.lstrip("\ufeff").split("\n")


# -- numbers ------------------------------------------------------------------------------


def _digits(text: str, pos: int) -> int:
    """Where the run of ASCII digits at ``pos`` ends."""
    end = pos
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end


def read_number(text: str, pos: int = 0) -> tuple[Fraction, int] | None:
    """hledger's number at ``pos`` (``numberp``): its exact value and where it ends, or None.

    A sign, digits maybe in groups (``1 000``, ``1,000.5``), a ``.`` or ``,`` decimal mark
    (a lone one between digits is decimal: ``1,5`` is 1.5 and ``1,000`` is 1), an exponent
    (``1E-2``).

    >>> read_number(",25")
    (Fraction(1, 4), 3)
    """
    end = len(text)
    sign = 1
    if pos < end and text[pos] in "+-":
        sign = -1 if text[pos] == "-" else 1
        pos = _skip_blanks(text, pos + 1)
    integer, decimals, grouped = "", "", False
    if pos < end and text[pos] in ".,":
        after = _digits(text, pos + 1)
        if after == pos + 1:
            return None
        decimals, pos = text[pos + 1 : after], after
    else:
        after = _digits(text, pos)
        if after == pos:
            return None
        groups, pos = [text[pos:after]], after
        separator = text[pos] if pos < end and text[pos] in _DIGIT_SEPARATORS else None
        if separator is not None and _digits(text, pos + 1) > pos + 1:
            while pos < end and text[pos] == separator and _digits(text, pos + 1) > pos + 1:
                after = _digits(text, pos + 1)
                groups.append(text[pos + 1 : after])
                pos = after
            if pos < end and text[pos] in ".," and text[pos] != separator:
                after = _digits(text, pos + 1)
                decimals, pos, grouped = text[pos + 1 : after], after, True
            elif len(groups) == 2 and separator in ".,":
                groups, decimals = groups[:1], groups[1]  # ambiguous: a decimal mark
            else:
                grouped = True
        elif pos < end and text[pos] in ".,":
            pos += 1  # a trailing decimal mark: "1."
        integer = "".join(groups)
    if pos < end and text[pos] in ".,":
        return None  # hledger: invalid use of separator
    if pos + 1 < end and text[pos] == " " and "0" <= text[pos + 1] <= "9":
        return None  # hledger: excessive trailing digits
    exponent = 0
    if pos < end and text[pos] in "eE":
        at = pos + 1
        negative = at < end and text[at] == "-"
        if at < end and text[at] in "+-":
            at = _skip_blanks(text, at + 1)
        after = _digits(text, at)
        if after > at:
            if grouped or after - at > 4:
                return None  # hledger: digit groups and an exponent together; or no time
            exponent = int(text[at:after]) * (-1 if negative else 1)
            pos = after
    places = len(decimals) - exponent
    if places > 255 or len(integer) - exponent > 300:
        return None  # hledger: at most 255 decimals; over 10^300 hours is no one's time
    value = Fraction(int(integer + decimals or "0")) / Fraction(10) ** places
    return sign * value, pos


# -- timedot --------------------------------------------------------------------------------


class _Quantity(NamedTuple):
    """A timedot quantity: hours per letter (None: no letter), and whether it says zero."""

    amounts: list[tuple[Fraction, str | None]]
    end: int
    written: Fraction | None


def _read_quantity(line: str, pos: int) -> _Quantity:
    """hledger's ``durationsp`` at ``pos``: a number (maybe with a unit), dots, letters, or
    nothing (zero)."""
    number = read_number(line, pos)
    if number is not None:
        value, end = number
        unit = next((unit for unit in _UNITS if line.startswith(unit, end)), None)
        if unit is None:
            return _Quantity([(value, None)], end, value)
        hours = round(round(value * _UNITS[unit], 255), 2)  # as Data.Decimal: * then roundTo
        return _Quantity([(hours, None)], end + len(unit), value)
    if line.startswith(".", pos):
        end = pos
        while end < len(line) and line[end] in ". ":
            end += 1
        dots = line.count(".", pos, end)
        return _Quantity([(Fraction(dots, 4), None)], end, Fraction(dots))
    if pos < len(line) and line[pos].isalpha():
        end = pos
        while end < len(line) and (line[end].isalpha() or _is_blank(line[end])):
            end += 1
        letters = Counter(char for char in line[pos:end] if char.isalpha())
        return _Quantity(
            [(Fraction(count, 4), letter) for letter, count in sorted(letters.items())],
            end,
            Fraction(sum(letters.values())),
        )
    return _Quantity([(Fraction(0), None)], pos, None)


class _Entry(NamedTuple):
    """A timedot entry line: the account, its quantity as written, what it means."""

    account: str
    quantity: str
    parsed: _Quantity | None  # None: hledger refuses the quantity


def _read_entry(line: str) -> _Entry | None:
    """hledger's ``timedotentryp`` on ``line``; None when the line has no account."""
    if line.startswith("*"):
        prefix = _ORG_PREFIX.match(line)
        if prefix is None:
            return None
        pos = prefix.end()
    else:
        pos = _skip_blanks(line, 0)
    account = _ACCOUNT.match(line, pos)
    if account is None:
        return None
    start = _skip_blanks(line, account.end())
    quantity = _read_quantity(line, start)
    end = _skip_blanks(line, quantity.end)
    written = _before_comment(line[start:]).strip(" \t\r")
    if end < len(line) and line[end] != ";":
        return _Entry(account.group(), written, None)
    return _Entry(account.group(), written, quantity)


def _date_line(line: str, year: int) -> _Date | None:
    """The date of a timedot date line (hledger's ``datelineattemptp``), or None: a line
    that looks like a date (three groups of digits) is a date line even when invalid."""
    prefix = _ORG_PREFIX.match(line)
    if line.startswith("*") and prefix is None:
        return None
    date = _read_date(line, prefix.end() if prefix else 0, year)
    if date is None:
        return None
    if date.day is None and not _DATE_LIKE.match(line):
        return None  # "13.5": not a date, an account
    return date


def parse_timedot(
    text: str, filename: str, config: Config, today: datetime.date | None = None
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of an hledger timedot file (dates without a year are in the year
    of ``today``, as hledger reads them)."""
    year = (today or datetime.date.today()).year
    names = Names(config.imports.channels)
    ids = SourceIds("timedot")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    day: datetime.date | None = None
    description: str | None = None
    date_line = 0
    for number, line in enumerate(_lines(text), start=1):
        body = line[_skip_blanks(line, 0) :]
        if not body or (date_line and body.startswith(("#", ";"))):
            continue
        date = _date_line(line, year)
        if date is not None:
            date_line = number
            problem = _date_problem(date, line)
            day = None if problem else date.day
            description = clean_text(_before_comment(line[date.end :]))
            if problem:
                problems.append(Problem(filename, number, problem))
            continue
        if not date_line:
            if not body.startswith(_COMMENT_STARTS):
                message = _(
                    "this line comes before any date line; put a date like 2025-03-02 on its "
                    "own line above it"
                )
                problems.append(Problem(filename, number, message))
            continue
        messages = _timedot_line(line, names, day, date_line)
        if isinstance(messages, list):
            problems.extend(Problem(filename, number, message) for message in messages)
            continue
        entry, amounts, channel = messages
        assert day is not None
        for hours, letter in amounts:
            minutes = hours * 60
            key = str(minutes) if minutes.denominator == 1 else f"{format_hours(hours)}h"
            parts = [day.isoformat(), entry.account, key] + ([letter] if letter else [])
            rows.append(
                ImportedRow(
                    day,
                    channel,
                    round_minutes(hours * 3600),
                    None,
                    description or entry.account,
                    ids.make(parts),
                    number,
                    hours,
                    letter,
                )
            )
    return rows, problems


_Accepted = tuple[_Entry, list[tuple[Fraction, str | None]], str]


def _timedot_line(
    line: str, names: Names, day: datetime.date | None, date_line: int
) -> _Accepted | list[str]:
    """An entry line's account, amounts and channel, or the messages saying why it gives
    no entry (an empty list: no time, nothing to say)."""
    entry = _read_entry(line)
    if entry is None:
        return [
            _(
                "'{line}' is not a timedot line: after the first date line, a line is a date, "
                "an account and its time, or a comment starting with '#' or ';' (an org heading "
                "is stars, a space, then a date or an account)"
            ).format(line=line.strip())
        ]
    if entry.parsed is None:
        return [_quantity_message(entry.quantity)]
    if day is None:
        return [
            _(
                "the date line above it (line {line}) is not a valid date, so this time has "
                "no date; fix that line"
            ).format(line=date_line)
        ]
    amounts = entry.parsed.amounts
    if all(hours == 0 for hours, _letter in amounts):
        return _no_time(line, entry)
    messages: list[str] = []
    if any(hours < 0 for hours, _letter in amounts):
        messages.append(
            _(
                "'{quantity}' is a negative time, and a time entry is more than zero: correct "
                "it or delete the line"
            ).format(quantity=entry.quantity)
        )
    longest = max(hours for hours, _letter in amounts)
    if longest > MAX_HOURS:
        messages.append(
            _(
                "'{quantity}' is {hours} hours, and a time entry is at most 24 hours: split it "
                "over several days"
            ).format(quantity=entry.quantity, hours=decimal_hours(longest))
        )
    match = account_channel(names, entry.account)
    if match.message:
        messages.append(match.message)
    if messages or match.channel is None:
        return messages
    return entry, [(hours, letter) for hours, letter in amounts if hours], match.channel


def _no_time(line: str, entry: _Entry) -> list[str]:
    """The messages of an entry with no time: none, unless it looks like a mistake."""
    assert entry.parsed is not None
    if entry.parsed.written:
        return [
            _(
                "'{quantity}' is 0.00 hours once hledger rounds it to hundredths, so it logs "
                "no time; write a longer time or delete the line"
            ).format(quantity=entry.quantity)
        ]
    head, _space, last = entry.account.rpartition(" ")
    if head and _is_quantity(last):
        return [
            _(
                "put two spaces between the account and its time ('{last}'), or hledger "
                "and this importer read it all as the account's name"
            ).format(last=last)
        ]
    if _is_blank(line[0]) and _DATE_LIKE.match(entry.account):
        return [
            _(
                "this date is indented, so hledger reads it as an account with no time, not as "
                "a date line; remove the spaces before it"
            )
        ]
    return []


def _is_quantity(word: str) -> bool:
    """Whether ``word`` is dots or a number (maybe with a unit): a time, not a name."""
    if set(word) == {"."}:
        return True
    number = read_number(word)
    if number is None:
        return False
    rest = word[number[1] :]
    return rest == "" or rest in _UNITS


def _quantity_message(quantity: str) -> str:
    return _(
        "'{quantity}' is not a timedot quantity; write, after two spaces, dots ('.... ..', "
        "a quarter hour each), hours ('1.5', '1,5' or '1.5h'), minutes ('90m'), seconds "
        "('45s'), days ('1d') or letters ('aab', a quarter hour each), then maybe a "
        "'; comment'"
    ).format(quantity=quantity)


# -- timeclock ----------------------------------------------------------------------------


class _Clock(NamedTuple):
    """A timeclock line: its code, time, account (maybe empty) and description."""

    code: str
    moment: datetime.datetime
    account: str
    description: str | None


_CODE = re.compile(f"([iIoObh]){_BLANK}+")
_GAP = re.compile(f"{_BLANK}+")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_ZONE = re.compile(r"[+-][0-9]{4}")


def _not_timeclock() -> str:
    return _(
        "this is not a timeclock line; write 'i 2025-03-02 09:00:00 account  "
        "description' to clock in and 'o 2025-03-02 10:30:00' to clock out"
    )


def _read_clock(line: str, year: int) -> _Clock | str:
    """A timeclock line (hledger's ``timeclockentryp``), or the message saying why not."""
    code = _CODE.match(line)
    if code is None:
        return _not_timeclock()
    date = _read_date(line, code.end(), year)
    if date is None:
        return _not_timeclock()
    problem = _date_problem(date, line)
    if problem:
        return problem
    gap = _GAP.match(line, date.end)
    time = _TIME.match(line, gap.end()) if gap else None
    if date.day is None or time is None:
        return _not_timeclock()
    hour, minute, second = (int(part or 0) for part in time.groups())
    if hour > 23 or minute > 59 or second > 59:
        return _("'{time}' is not a valid time; write it like 09:00 or 09:00:00").format(
            time=time.group()
        )
    pos = time.end()
    zone = _ZONE.match(line, pos)
    pos = zone.end() if zone else pos
    rest = line[pos:]
    if rest and not (_is_blank(rest[0]) or rest[0] == ";"):
        return _not_timeclock()
    text = _before_comment(rest)
    start = _skip_blanks(text, 0)
    account = _ACCOUNT.match(text, start)
    name = account.group() if account else ""
    description = clean_text(text[account.end() :]) if account else None
    moment = datetime.datetime.combine(date.day, datetime.time(hour, minute, second))
    return _Clock(code.group(1), moment, name, description)


class _Session(NamedTuple):
    line: int
    start: datetime.datetime
    account: str
    description: str | None


def parse_timeclock(
    text: str, filename: str, config: Config, today: datetime.date | None = None
) -> tuple[list[ImportedRow], list[Problem]]:
    """Rows and problems of an hledger (or Ledger) timeclock file (dates without a year are
    in the year of ``today``, as hledger reads them)."""
    year = (today or datetime.date.today()).year
    names = Names(config.imports.channels)
    ids = SourceIds("timeclock")
    rows: list[ImportedRow] = []
    problems: list[Problem] = []
    sessions: dict[str, _Session] = {}
    for number, line in enumerate(_lines(text), start=1):
        body = line[_skip_blanks(line, 0) :]
        if not body or body.startswith(_COMMENT_STARTS):
            continue
        clock = _read_clock(body, year)
        if isinstance(clock, str):
            problems.append(Problem(filename, number, clock))
            continue
        if clock.code in "bh":
            continue  # ignored by hledger and Ledger
        if clock.code in "iI":
            if not clock.account:
                problems.append(
                    Problem(
                        filename,
                        number,
                        _(
                            "this 'i' line has no account, so it has no channel; write it as "
                            "'i 2025-03-02 09:00:00 account  description'"
                        ),
                    )
                )
                continue
            earlier = sessions.pop(clock.account, None)
            if earlier is not None:
                problems.append(
                    Problem(
                        filename,
                        earlier.line,
                        _(
                            "this session of {account} has no 'o' line before the next 'i' for "
                            "{account} (line {line}), so it was not imported; add 'o DATE TIME "
                            "{account}' before line {line}"
                        ).format(account=clock.account, line=number),
                    )
                )
            sessions[clock.account] = _Session(
                number, clock.moment, clock.account, clock.description
            )
            continue
        session = _closed_session(sessions, clock)
        if isinstance(session, str):
            problems.append(Problem(filename, number, session))
            continue
        del sessions[session.account]
        result = _session_rows(session, clock, names, ids)
        if isinstance(result, str):
            problems.append(Problem(filename, session.line, result))
        else:
            rows.extend(result)
    problems.extend(
        Problem(
            filename,
            session.line,
            _(
                "this session is still open (no 'o' line after it): it is running, so it was not "
                "imported; clock out and import again"
            ),
        )
        for session in sessions.values()
    )
    problems.sort(key=lambda problem: problem.line)
    return rows, problems


def _closed_session(sessions: dict[str, _Session], clock: _Clock) -> _Session | str:
    """The open session an ``o`` line closes, or the message saying why it closes none."""
    if not sessions:
        return _(
            "this 'o' line clocks out, but no session is open (no 'i' line before it); "
            "add the 'i' line or delete this one"
        )
    if len(sessions) == 1:
        return next(iter(sessions.values()))
    open_accounts = ", ".join(sessions)
    if not clock.account:
        return _(
            "{count} sessions are open ({accounts}), so this 'o' line must name the one it "
            "closes; write it like 'o DATE TIME {first}'"
        ).format(count=len(sessions), accounts=open_accounts, first=next(iter(sessions)))
    session = sessions.get(clock.account)
    if session is None:
        return _(
            "'{account}' is none of the open sessions ({accounts}), so this 'o' line closes "
            "nothing; name the one it closes, like 'o DATE TIME {first}'"
        ).format(account=clock.account, accounts=open_accounts, first=next(iter(sessions)))
    return session


def hledger_days(
    start: datetime.datetime, end: datetime.datetime
) -> list[tuple[datetime.date, Fraction]]:
    """The hours of a session on each date, as hledger counts them: a day before the last
    ends at 23:59:59, and each day's hours are rounded to hundredths (half to even).

    >>> hledger_days(datetime.datetime(2025, 3, 2, 23, 0), datetime.datetime(2025, 3, 3, 1, 0))
    [(datetime.date(2025, 3, 2), Fraction(1, 1)), (datetime.date(2025, 3, 3), Fraction(1, 1))]
    """
    days: list[tuple[datetime.date, Fraction]] = []
    while end.date() > start.date():
        last = datetime.datetime.combine(start.date(), datetime.time(23, 59, 59))
        days.append((start.date(), _hours(last - start)))
        start = datetime.datetime.combine(
            start.date() + datetime.timedelta(days=1), datetime.time()
        )
    days.append((start.date(), _hours(end - start)))
    return days


def _hours(span: datetime.timedelta) -> Fraction:
    return round(Fraction(span // datetime.timedelta(seconds=1), 3600), 2)


def _session_rows(
    session: _Session, clock: _Clock, names: Names, ids: SourceIds
) -> list[ImportedRow] | str:
    """The rows of a closed session (one per date), or the message saying why not."""
    if clock.moment < session.start:
        return _("it ends before it starts; fix its times in {tool} and export again").format(
            tool=_("the timeclock file")
        )
    span = (clock.moment.date() - session.start.date()).days
    if span > MAX_SPAN_DAYS:  # hledger would split it whatever its length
        return _(
            "it runs over {days} days, from {start} to {end}; a session that long is surely a "
            "mistake in the date of its 'i' or 'o' line: correct it"
        ).format(days=span, start=session.start.date(), end=clock.moment.date())
    days = [(day, hours) for day, hours in hledger_days(session.start, clock.moment) if hours]
    if not days:
        return _(
            "it lasts {seconds} s, which hledger rounds to 0.00 hours, so it logs no time; "
            "fix its times or delete it"
        ).format(seconds=int((clock.moment - session.start).total_seconds()))
    match = account_channel(names, session.account)
    if match.channel is None:
        return match.message or ""
    source = ids.make([session.start.isoformat(), session.account])
    description = session.description or clock.description or session.account
    return [
        ImportedRow(
            day,
            match.channel,
            round_minutes(hours * 3600),
            None,
            description,
            piece_source(source, days, day),
            session.line,
            hours,
        )
        for day, hours in days
    ]
