"""What hledger's time formats, timedot and timeclock, share, read as hledger 1.50 reads it.

Both files are read line by line (split at newlines only): every line is a
time entry, a date, a comment or a blank, or a ``Problem`` at its line; per
account and date the hours are hledger's own. ``timedot`` and ``timeclock``
read each format; this module holds hledger's syntax that both use:

- blanks: Haskell's spaces but the newline (tabs, no-break spaces...);
- dates: ``2025-03-02``, ``2025/3/2``, ``2025.03.02``, or ``3/2``: hledger's
  date in the current year; a date that is not valid, or written year last
  (``03/02/2025``, of which hledger reads only ``03/02``), is a problem;
- comments: lines starting with ``#``, ``;`` or ``*``, and the text after a
  ``;``;
- numbers: a sign, digits maybe in groups, a ``.`` or ``,`` decimal mark, an
  exponent (``read_number``);
- accounts: words separated by single spaces, up to two spaces, a tab or
  ``;``. The channel is the account's full name in ``import.map``, else its
  last part (``social:linkedin`` → ``linkedin``).
"""

from __future__ import annotations

import datetime
import re
from fractions import Fraction
from typing import NamedTuple

from beancount_timeroi.i18n import _

# -- what hledger calls a space, a number, a date ----------------------------------------

_BLANKS = "\t\v\f\r \xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
"""Haskell's ``isSpace`` but the newline, as the body of a regex character class."""
BLANK = f"[{_BLANKS}]"
_BLANK_RUN = re.compile(f"{BLANK}*")
ACCOUNT = re.compile(f"[^{_BLANKS}\n;]+(?: [^{_BLANKS}\n;]+)*")
"""hledger's account name: words separated by single spaces, up to two spaces, a tab or ';'."""
_SIMPLE_DATE = re.compile(
    r"(?P<first>[0-9]+)(?P<sep>[-/.])(?P<second>[0-9]+)(?:(?P<sep2>[-/.])(?P<third>[0-9]+))?"
)
_YEAR_LAST = re.compile(r"[-/.][0-9]")
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=\s|$)")
_DIGIT_SEPARATORS = frozenset(".,'_ \xa0\u2002\u2003\u2008\u2009\u202f\u205f")
"""hledger's digit group marks (``1,000``, ``1 000``, ``1_000``...)."""
COMMENT_STARTS = ("#", ";", "*")
"""What starts a comment line (in a timedot file, ``*`` does only before the first date line)."""


def parse_date(text: str) -> datetime.date | None:
    """A full hledger date at the start of ``text``: ``2025-03-02``, ``2025/3/2``..."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class SimpleDate(NamedTuple):
    """A date as hledger reads it: ``day`` is None when it is not a valid date."""

    day: datetime.date | None
    end: int
    text: str
    year_last: bool


def read_date(text: str, pos: int, year: int) -> SimpleDate | None:
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
    return SimpleDate(day, end, text[pos:end], year_last)


def date_problem(date: SimpleDate, text: str) -> str | None:
    """Why a date read by ``read_date`` cannot date an entry, or None."""
    if date.day is None:
        return _("'{date}' is not a valid date; write it like 2025-03-02").format(date=date.text)
    if date.year_last:
        tail = re.match(r"[-/.][0-9]+", text[date.end :])
        return _(
            "'{date}' does not start with its year: hledger reads only '{partial}' as the "
            "date, in the current year; write it like 2025-03-02"
        ).format(date=date.text + (tail.group() if tail else ""), partial=date.text)
    return None


def skip_blanks(text: str, pos: int) -> int:
    """Where the run of blanks at ``pos`` ends."""
    match = _BLANK_RUN.match(text, pos)
    return match.end() if match else pos


def is_blank(char: str) -> bool:
    """Whether ``char`` is one of hledger's blanks (a space, a tab..., not a newline)."""
    return _BLANK_RUN.fullmatch(char) is not None


def before_comment(text: str) -> str:
    """``text`` up to a ``;`` comment."""
    return text.split(";", 1)[0]


def file_lines(text: str) -> list[str]:
    """The lines of a file as hledger counts them: split at newlines only."""
    return text.lstrip("\ufeff").split("\n")


# -- numbers ------------------------------------------------------------------------------


def _digits(text: str, pos: int) -> int:
    """Where the run of ASCII digits at ``pos`` ends."""
    end = pos
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end


class _Digits(NamedTuple):
    """The digits of a number before its exponent: whole part, decimals, where they end."""

    integer: str
    decimals: str
    grouped: bool  # the whole part is in digit groups
    end: int


def _read_digits(text: str, pos: int) -> _Digits | None:
    """The digits of hledger's number at ``pos``, up to its exponent, or None: ``,25``,
    ``1.``, ``1 000``, ``1,000.5``; a lone ``.`` or ``,`` mark between digits is decimal."""
    end = len(text)
    if pos < end and text[pos] in ".,":
        after = _digits(text, pos + 1)
        if after == pos + 1:
            return None
        return _Digits("", text[pos + 1 : after], False, after)
    after = _digits(text, pos)
    if after == pos:
        return None
    decimals, grouped = "", False
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
    return _Digits("".join(groups), decimals, grouped, pos)


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
        pos = skip_blanks(text, pos + 1)
    digits = _read_digits(text, pos)
    if digits is None:
        return None
    integer, decimals, grouped, pos = digits
    if pos < end and text[pos] in ".,":
        return None  # hledger: invalid use of separator
    if pos + 1 < end and text[pos] == " " and "0" <= text[pos + 1] <= "9":
        return None  # hledger: excessive trailing digits
    exponent = 0
    if pos < end and text[pos] in "eE":
        at = pos + 1
        negative = at < end and text[at] == "-"
        if at < end and text[at] in "+-":
            at = skip_blanks(text, at + 1)
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
