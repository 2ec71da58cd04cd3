"""Time budgets: how much time, or money, a channel may take (SPEC 14).

::

    2025-01-01 custom "time-budget" "linkedin" 5 "weekly"              ; 5 hours a week
    2025-01-01 custom "time-budget" "instagram" 400.00 CAD "monthly"   ; time + cash cost
    2025-01-01 custom "time-budget" "*" 30 "monthly"                   ; all channels
    2025-07-01 custom "time-budget" "linkedin" 0 "weekly"              ; no more hours budget

A budget holds from its date until the next budget of the same kind (hours
or money) for the same channel; ``0`` ends it. The budget of a period is the
sum over its days of the daily budget that holds that day: weekly/7,
monthly/(days in that month), quarterly/(days in that quarter),
yearly/(days in that year), daily as it is; exact, rounded to two decimals
once by the report. Going over a budget is information, never an error; a
directive that cannot be a budget is an error at its line.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

from beancount_timeroi.errors import N_, Msg, Param, TimeRoiError, error_at, incomplete, msg
from beancount_timeroi.names import ChannelLookup, suggestion

BUDGET_USAGE = N_('custom "time-budget" "linkedin" 5 "weekly"')
PERIODS = ("daily", "weekly", "monthly", "quarterly", "yearly")
ALL = "*"
"""The channel of a budget for all channels together."""
HOURS = "hours"
COST = "cost"

_DAY = datetime.timedelta(days=1)


class Budget(NamedTuple):
    """A budget from ``since``: ``amount`` hours (kind ``hours``) or money (kind
    ``cost``, time + cash) per ``period`` for a channel (or ``ALL``); 0 ends one."""

    channel: str
    kind: str
    amount: Decimal
    period: str
    since: datetime.date
    meta: data.Meta


def parse_budget(
    entry: data.Custom,
    channels: ChannelLookup,
    currency: str | None,
    hour_units: Collection[str] = (),
) -> tuple[Budget | None, list[Msg]]:
    """The ``Budget`` of a ``time-budget`` directive, or what is wrong with it (hours
    may be written as a number, or in one of ``hour_units``: ``5 H``)."""
    values = [value.value for value in entry.values or []]
    usage = msg(BUDGET_USAGE)
    if not values:
        return None, [incomplete("time-budget", BUDGET_USAGE)]
    if len(values) != 3:
        return None, [
            msg(
                'a budget takes a channel (or "*" for all), an amount of hours or money, '
                "and a period; write it as: {usage}",
                usage=usage,
            )
        ]
    channel, amount, period = values
    if not isinstance(channel, str):
        return None, [
            msg(
                'the first value must be the channel, in quotes (or "*" for all channels); '
                "write it as: {usage}",
                usage=usage,
            )
        ]
    slug = ALL
    if channel.strip() != ALL:
        found_slug, problems = channels.lookup(channel.strip())
        if found_slug is None:
            return None, problems
        slug = found_slug
    found, problems = _amount(amount, currency, hour_units)
    if found is None:
        return None, problems
    kind, number = found
    if not isinstance(period, str) or period.strip().casefold() not in PERIODS:
        hint = suggestion(str(period).strip().casefold(), PERIODS) if period else ""
        return None, [
            msg(
                "the period must be one of {periods}, got {got}{hint}",
                periods=", ".join(PERIODS),
                got=str(period),
                hint=hint,
            )
        ]
    return Budget(slug, kind, number, period.strip().casefold(), entry.date, entry.meta), []


def _amount(
    value: object, currency: str | None, hour_units: Collection[str]
) -> tuple[tuple[str, Decimal] | None, list[Msg]]:
    """The kind and amount of a budget: hours (a number, or an amount in hours) or money
    (an amount)."""
    if isinstance(value, Amount) and value.currency in hour_units:
        number, unit, kind = value.number, None, HOURS
    elif isinstance(value, Amount):
        number, unit = value.number, value.currency
        kind = COST
    elif isinstance(value, Decimal):
        number, unit, kind = value, None, HOURS
    else:
        return None, [
            msg(
                "the amount must be hours, like 5, or money, like 400.00 CAD; got {got}",
                got=str(value),
            )
        ]
    if number is None or number < 0:
        return None, [
            msg("a budget cannot be negative, got {got}; write 0 to end one", got=str(value))
        ]
    if unit is not None and currency is not None and unit != currency:
        return None, [
            msg(
                "the budget is in {unit} but the report currency is {currency}; write it in "
                "{currency}",
                unit=unit,
                currency=currency,
            )
        ]
    return (kind, number), []


class BudgetSchedule:
    """The ledger's budgets, per channel (or ``ALL``) and kind, in date order."""

    def __init__(self, budgets: Iterable[Budget]) -> None:
        self._by_key: dict[tuple[str, str], list[Budget]] = {}
        for budget in budgets:
            self._by_key.setdefault((budget.channel, budget.kind), []).append(budget)
        for items in self._by_key.values():
            items.sort(key=lambda budget: budget.since)

    def channels(self) -> list[str]:
        """The channels with a budget, by slug, ``ALL`` last."""
        found = {channel for channel, _kind in self._by_key}
        return sorted(found - {ALL}) + ([ALL] if ALL in found else [])

    def total(
        self, channel: str, kind: str, start: datetime.date, end: datetime.date
    ) -> Fraction | None:
        """The exact budget of ``channel`` for the days ``start`` to ``end`` (inclusive);
        None when no budget other than 0 holds on any of them."""
        result: Fraction | None = None
        for budget, first, last in self._spans(channel, kind, start, end):
            if budget.amount:
                share = prorated(Fraction(budget.amount), budget.period, first, last)
                result = share if result is None else result + share
        return result

    def _spans(
        self, channel: str, kind: str, start: datetime.date, end: datetime.date
    ) -> Iterator[tuple[Budget, datetime.date, datetime.date]]:
        """Each budget with the days of [start, end] it holds."""
        items = self._by_key.get((channel, kind), [])
        for index, budget in enumerate(items):
            until = items[index + 1].since - _DAY if index + 1 < len(items) else end
            first, last = max(budget.since, start), min(until, end)
            if first <= last:
                yield budget, first, last


def prorated(amount: Fraction, period: str, first: datetime.date, last: datetime.date) -> Fraction:
    """The sum over the days ``first`` to ``last`` of a budget of ``amount`` per
    ``period``: a day's share is the amount over the days of its week (7), month,
    quarter or year."""
    days = (last - first).days + 1
    if period == "daily":
        return amount * days
    if period == "weekly":
        return amount * days / 7
    total = Fraction(0)
    day = first
    while day <= last:
        unit_start, unit_end = _unit(day, period)
        stop = min(unit_end, last)
        total += amount * ((stop - day).days + 1) / ((unit_end - unit_start).days + 1)
        day = stop + _DAY
    return total


def _unit(day: datetime.date, period: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month, quarter or year ``day`` is in."""
    if period == "monthly":
        first_month = last_month = day.month
    elif period == "quarterly":
        first_month = (day.month - 1) // 3 * 3 + 1
        last_month = first_month + 2
    else:
        first_month, last_month = 1, 12
    start = datetime.date(day.year, first_month, 1)
    following = (
        datetime.date(day.year + 1, 1, 1)
        if last_month == 12
        else datetime.date(day.year, last_month + 1, 1)
    )
    return start, following - _DAY


def parse_budgets(
    directives: Iterable[data.Custom],
    channels: ChannelLookup,
    currency: str | None,
    hour_units: Collection[str] = (),
) -> tuple[BudgetSchedule, list[TimeRoiError]]:
    """The ledger's budgets, and one error per directive that cannot be one (two budgets
    of the same kind for a channel on one date: the second)."""
    kept: dict[tuple[str, str, datetime.date], Budget] = {}
    errors: list[TimeRoiError] = []
    for entry in directives:
        budget, problems = parse_budget(entry, channels, currency, hour_units)
        if budget is not None:
            key = (budget.channel, budget.kind, budget.since)
            first = kept.get(key)
            if first is None:
                kept[key] = budget
            else:
                problems = [_twice(budget, first)]
        errors += [error_at(entry.meta, problem, entry) for problem in problems]
    return BudgetSchedule(kept.values()), errors


def _twice(budget: Budget, first: Budget) -> Msg:
    where: dict[str, Param] = {
        "channel": budget.channel,
        "date": budget.since,
        "file": str(first.meta.get("filename")),
        "line": str(first.meta.get("lineno")),
    }
    if budget.kind == HOURS:
        return msg(
            "{channel} already has an hours budget from {date} (set at {file}:{line}); keep one",
            **where,
        )
    return msg(
        "{channel} already has a money budget from {date} (set at {file}:{line}); keep one",
        **where,
    )
