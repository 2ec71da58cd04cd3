"""hledger's timedot files, read line by line as hledger 1.50 reads them.

A date line, then one line per account with its time. A date line starts
with a date (``2025-03-02``, ``2025/3/2``, ``2025.03.02``, or ``3/2``:
hledger's date in the current year), maybe after an org heading prefix
(``** 2025-03-02``); text after it up to ``;`` is the day's description. An
entry is an account name (any text, single spaces allowed, even one letter),
two spaces or a tab, then its time, then maybe a ``;`` comment:

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
    ImportedRow,
    Problem,
    SourceIds,
    clean_text,
    decimal_hours,
    format_hours,
)
from beancount_timeroi.importers.hledger import (
    ACCOUNT,
    BLANK,
    COMMENT_STARTS,
    SimpleDate,
    before_comment,
    date_problem,
    file_lines,
    is_blank,
    read_date,
    read_number,
    skip_blanks,
)
from beancount_timeroi.importers.matching import Names, account_channel
from beancount_timeroi.timelog import MAX_HOURS, round_minutes

"""A time entry is at most 24 hours (SPEC 2.3)."""

_ORG_PREFIX = re.compile(rf"\*+{BLANK}+")
_DATE_LIKE = re.compile(rf"(?:\*+{BLANK}+)?[0-9]+[-/.][0-9]+[-/.][0-9]+")
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
        while end < len(line) and (line[end].isalpha() or is_blank(line[end])):
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
        pos = skip_blanks(line, 0)
    account = ACCOUNT.match(line, pos)
    if account is None:
        return None
    start = skip_blanks(line, account.end())
    quantity = _read_quantity(line, start)
    end = skip_blanks(line, quantity.end)
    written = before_comment(line[start:]).strip(" \t\r")
    if end < len(line) and line[end] != ";":
        return _Entry(account.group(), written, None)
    return _Entry(account.group(), written, quantity)


def _date_line(line: str, year: int) -> SimpleDate | None:
    """The date of a timedot date line (hledger's ``datelineattemptp``), or None: a line
    that looks like a date (three groups of digits) is a date line even when invalid."""
    prefix = _ORG_PREFIX.match(line)
    if line.startswith("*") and prefix is None:
        return None
    date = read_date(line, prefix.end() if prefix else 0, year)
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
    for number, line in enumerate(file_lines(text), start=1):
        body = line[skip_blanks(line, 0) :]
        if not body or (date_line and body.startswith(("#", ";"))):
            continue
        date = _date_line(line, year)
        if date is not None:
            date_line = number
            problem = date_problem(date, line)
            day = None if problem else date.day
            description = clean_text(before_comment(line[date.end :]))
            if problem:
                problems.append(Problem(filename, number, problem))
            continue
        if not date_line:
            if not body.startswith(COMMENT_STARTS):
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
    if is_blank(line[0]) and _DATE_LIKE.match(entry.account):
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
