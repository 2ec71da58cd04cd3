"""Periods: the default one of a ledger, a year, and the one ``--compare`` names."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable

from beancount.core import data

from beancount_timeroi.report import Period


def default_period(entries: Iterable[data.Directive]) -> Period | None:
    """From the first to the last date of a time entry or transaction."""
    dates = [
        entry.date
        for entry in entries
        if isinstance(entry, data.Transaction)
        or (isinstance(entry, data.Custom) and entry.type == "time")
    ]
    return Period(min(dates), max(dates)) if dates else None


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


COMPARE_USAGE = "previous, last-year, 2024, 2024-03 or 2024-01-01..2024-03-31"
"""The periods ``--compare`` takes (SPEC 14)."""


def compared_period(spec: str, period: Period) -> Period | None:
    """The period ``spec`` names beside ``period``: ``previous`` (as many days just
    before), ``last-year`` (the same dates a year earlier; February 29 is the 28th), a
    year, a month, or ``FROM..TO``; None when ``spec`` is none of them."""
    spec = spec.strip()
    try:
        if spec == "previous":
            days = period.end - period.start + datetime.timedelta(days=1)
            return Period(period.start - days, period.start - datetime.timedelta(days=1))
        if spec == "last-year":
            return Period(_year_before(period.start), _year_before(period.end))
        if ".." in spec:
            first, _sep, last = spec.partition("..")
            found = Period(
                datetime.date.fromisoformat(first.strip()),
                datetime.date.fromisoformat(last.strip()),
            )
            return found if found.start <= found.end else None
        if len(spec) == 4 and spec.isdigit():
            return year_period(int(spec))
        if len(spec) == 7 and spec[4] == "-" and spec[:4].isdigit() and spec[5:].isdigit():
            year, month = int(spec[:4]), int(spec[5:])
            final = calendar.monthrange(year, month)[1]
            return Period(datetime.date(year, month, 1), datetime.date(year, month, final))
    except (ValueError, OverflowError, calendar.IllegalMonthError):
        return None  # no such date: before year 1 or after 9999, month 13...
    return None


def _year_before(day: datetime.date) -> datetime.date:
    if day.month == 2 and day.day == 29:
        return datetime.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)
