"""Dates as time trackers write them, read the same way for a whole file (SPEC 8.1).

Toggl Track and Clockify write dates the way each user's profile says:
``2025-03-31``, ``31/03/2025``, ``03/31/2025``, ``31.03.2025``, ``31-03-2025``,
``03-31-25``... A date that starts with a four-digit year (``2025-03-31``,
``2025/03/31``, ``2025.03.31``) is read as it is. For the others, whether the
day or the month comes first is decided once for the whole file, never row by
row:

1. the config's ``import: {date_order: DMY}`` (or ``MDY``, ``YMD``) when set;
2. else a value above 12 in the first field of a date (``31/03/2025``: day
   first) or in the second (``03/31/2025``: month first), on any row, start or
   end date, settles it for every row. When rows show both, the order shown
   by more rows is the file's and each row against it is a problem at its
   line (a hand-edited row in an export); as many rows each way, and the file
   is refused;
3. else every date reads both ways (``03/04/2025``), and the file is refused
   with a message that names the key to set: no date beats a wrong date.

A date that is not a date in the file's order (``31/02/2025``, or ``03/31/2025``
when the config says ``DMY``) is a problem on its row, never a guess.

A two-digit year is in the 2000s: ``31/03/25`` is 2025-03-31 (these trackers
date from 2006 on). A date that starts with a two-digit year (``25/03/31``) is
only read year first when the config says ``YMD``; otherwise its first two
fields are day and month like any other.

Example::

    >>> order = decide_order([(2, "03/04/2025"), (3, "28/04/2025")], None)
    >>> order.order, read_date("03/04/2025", order.order)
    ('DMY', datetime.date(2025, 4, 3))
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

from beancount_timeroi.i18n import _
from beancount_timeroi.importers.common import ExportError

PATTERNS = {"DMY": "DD/MM/YYYY", "MDY": "MM/DD/YYYY", "YMD": "YYYY/MM/DD"}
"""How each order is shown in messages."""

_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_SHORT_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_SHORT_YEAR_FIRST = re.compile(r"(\d{2})([-/.])(\d{1,2})\2(\d{1,2})")


class FileOrder(NamedTuple):
    """The order of a file's day-first-or-month-first dates, and what settled it.

    ``order`` is None when the file has no date that needs one; ``line`` and
    ``text`` are the date that settled it (``line`` None: the config did).
    """

    order: str | None
    line: int | None = None
    text: str = ""


def full_year(text: str) -> int:
    """A year as written: ``25`` is 2025, ``2025`` is 2025."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def read_date(text: str, order: str | None) -> datetime.date | None:
    """The date ``text`` in a file whose dates are in ``order``; None if it is not one.

    >>> read_date("31.03.25", "DMY"), read_date("2025/03/31", "MDY")
    (datetime.date(2025, 3, 31), datetime.date(2025, 3, 31))
    >>> read_date("03/31/2025", "DMY") is None
    True
    """
    text = text.strip()
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        return _date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    if order == "YMD":
        match = _SHORT_YEAR_FIRST.fullmatch(text)
        return (
            _date(full_year(match.group(1)), int(match.group(3)), int(match.group(4)))
            if match
            else None
        )
    match = _SHORT_FIRST.fullmatch(text)
    if not match or order is None:
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), full_year(match.group(4))
    if order == "DMY":
        return _date(year, second, first)
    return _date(year, first, second)


def is_date_like(text: str) -> bool:
    """Whether ``text`` is written like a date at all (three numbers, one separator)."""
    text = text.strip()
    return bool(
        _YEAR_FIRST.fullmatch(text)
        or _SHORT_FIRST.fullmatch(text)
        or _SHORT_YEAR_FIRST.fullmatch(text)
    )


def orders_of(text: str) -> tuple[str, ...]:
    """The orders, day first and month first, in which ``text`` is a real date.

    ``("DMY", "MDY")`` for ``03/04/2025``, ``("DMY",)`` for ``31/03/2025``,
    ``()`` for ``2025-03-31`` (it needs no order) and for ``13/13/2025``.
    """
    text = text.strip()
    if _YEAR_FIRST.fullmatch(text) or not _SHORT_FIRST.fullmatch(text):
        return ()
    return tuple(order for order in ("DMY", "MDY") if read_date(text, order) is not None)


def decide_order(dates: Iterable[tuple[int, str]], configured: str | None) -> FileOrder:
    """The order of the dates of one file, from ``(line, date)`` pairs (start and end dates).

    ``ExportError`` when the file writes dates both ways, or when every date
    in it reads both ways and the config does not say which.
    """
    if configured is not None:
        return FileOrder(configured)
    both: tuple[int, str] | None = None
    found: dict[str, tuple[int, str]] = {}
    lines: dict[str, set[int]] = {"DMY": set(), "MDY": set()}
    for line, text in dates:
        text = text.strip()
        fits = orders_of(text)
        if len(fits) == 2:
            both = both or (line, text)
        elif len(fits) == 1:
            found.setdefault(fits[0], (line, text))
            lines[fits[0]].add(line)
    if len(found) == 2 and len(lines["DMY"]) != len(lines["MDY"]):
        order = max(lines, key=lambda name: len(lines[name]))
        return FileOrder(order, *found[order])
    if len(found) == 2:
        (dmy_line, dmy), (mdy_line, mdy) = found["DMY"], found["MDY"]
        raise ExportError(
            _(
                "this file writes dates both day first (line {dmy_line}: '{dmy}') and month "
                "first (line {mdy_line}: '{mdy}') on as many rows, so none of its dates can "
                "be trusted; say "
                "which order it uses in the config, like import: {{date_order: DMY}}, and "
                "import it again: the rows that do not fit that order are then reported"
            ).format(dmy_line=dmy_line, dmy=dmy, mdy_line=mdy_line, mdy=mdy)
        )
    if found:
        order, (line, text) = next(iter(found.items()))
        return FileOrder(order, line, text)
    if both is None:
        return FileOrder(None)
    line, text = both
    raise ExportError(
        _(
            "every date in this file reads both day first and month first (line {line}: "
            "'{date}' is {dmy} or {mdy}), so none was imported; say which order the file uses "
            "in the config, import: {{date_order: DMY}} if '{date}' is {dmy} or "
            "import: {{date_order: MDY}} if it is {mdy}, and import it again"
        ).format(
            line=line, date=text, dmy=str(read_date(text, "DMY")), mdy=str(read_date(text, "MDY"))
        )
    )


def date_problem(text: str, column: str, order: FileOrder, tool: str) -> str:
    """Why ``text``, the row's ``column`` (``start date``), is not a date in the file's order."""
    if not text.strip():
        return _("its {column} is empty; fill it in {tool} and export again").format(
            column=column, tool=tool
        )
    if not is_date_like(text):
        return _(
            "its {column} '{date}' is not a date like 2025-03-31, 31/03/2025 or 03/31/2025; "
            "export the report again with one of these date formats"
        ).format(column=column, date=text.strip())
    if order.order is None:
        return _(
            "its {column} '{date}' is not a date, whether read day first or month first; "
            "correct it in {tool} and export again"
        ).format(column=column, date=text.strip(), tool=tool)
    if order.line is None:
        return _(
            "its {column} '{date}' is not a date in the order {pattern} set by "
            "import.date_order; correct it in {tool}, or change import.date_order if the "
            "file uses another order"
        ).format(column=column, date=text.strip(), pattern=PATTERNS[order.order], tool=tool)
    return _(
        "its {column} '{date}' is not a date in the order {pattern} of this file (line "
        "{line} has '{evidence}'); correct it in {tool} and export again"
    ).format(
        column=column,
        date=text.strip(),
        pattern=PATTERNS[order.order],
        line=order.line,
        evidence=order.text,
        tool=tool,
    )
