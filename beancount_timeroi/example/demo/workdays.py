"""The studio's calendar: Québec's holidays, the summer break, months and weekdays."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

from beancount_timeroi.example.demo.studio import FIRST_DAY, LAST_DAY, YEARS


def easter(year: int) -> date:
    """Easter Sunday (the Meeus/Jones/Butcher Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_monday(year: int, month: int, n: int) -> date:
    """The ``n``-th Monday of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def quebec_holidays(year: int) -> list[date]:
    """Statutory holidays in Québec (Easter Monday is optional and worked)."""
    may_24 = date(year, 5, 24)
    return sorted(
        [
            date(year, 1, 1),
            easter(year) - timedelta(days=2),  # Good Friday
            may_24 - timedelta(days=may_24.weekday()),  # Journée nationale des patriotes
            date(year, 6, 24),  # Fête nationale
            date(year, 7, 1),
            nth_monday(year, 9, 1),  # Labour Day
            nth_monday(year, 10, 2),  # Thanksgiving
            date(year, 12, 25),
            date(year, 12, 26),
        ]
    )


def construction_holiday(year: int) -> list[date]:
    """The two summer vacation weeks: Québec's construction holiday, the last
    two full weeks of July (they start after the second-to-last Sunday)."""
    july_31 = date(year, 7, 31)
    last_sunday = july_31 - timedelta(days=(july_31.weekday() + 1) % 7)
    monday = last_sunday - timedelta(days=6)
    return [monday + timedelta(days=offset) for offset in range(14)]


def working_days() -> list[date]:
    """The studio's working days of the two years, in order."""
    days_off = {day for year in YEARS for day in quebec_holidays(year) + construction_holiday(year)}
    days, day = [], FIRST_DAY
    while day <= LAST_DAY:
        if day.weekday() < 5 and day not in days_off:
            days.append(day)
        day += timedelta(days=1)
    return days


def next_weekday(day: date) -> date:
    """``day``, or the Monday after it when it falls on a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def months() -> Iterator[tuple[int, int]]:
    """(year, month) over the two years."""
    for year in YEARS:
        for month in range(1, 13):
            yield year, month


def add_months(day: date, count: int) -> date:
    """The first day of the month ``count`` months after ``day``'s month."""
    year, month = divmod(day.year * 12 + day.month - 1 + count, 12)
    return date(year, month + 1, 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])
