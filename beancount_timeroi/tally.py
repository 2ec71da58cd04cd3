"""Sums of lines by a key: the groupings every table of the report is made of.

A key maps a time line or a revenue or cost share to what it is grouped by (a
channel's slug, a content's, an activity); ``Cells`` keeps the same sums per
channel and day for the intervals. Sums are exact; the rounding is
``report.Figures``'s.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from beancount_timeroi.ledgerlines import Location, PostingLine, ShareLine, TimeLine
from beancount_timeroi.money import ZERO, HoursSum
from beancount_timeroi.names import name_key, slug_order
from beancount_timeroi.report import Breakdown, Figures, IntervalFigures

Bucket = Callable[[datetime.date], tuple[datetime.date, str]]
"""Maps a date to the start and label of its interval (a month, a week...)."""

Key = TypeVar("Key", str, str | None)
"""What lines are grouped by: a channel's slug, or a content's (None: no content)."""


@functools.lru_cache(maxsize=8192)
def month_bucket(day: datetime.date) -> tuple[datetime.date, str]:
    return datetime.date(day.year, day.month, 1), f"{day:%Y-%m}"


Sums = tuple[Fraction, Decimal, Decimal, Decimal, int, int, int]
"""The summed figures of a row of ``report.Figures``, in its order."""


@dataclass
class Tally:
    """The sums of the lines of one key: a channel, or a content."""

    hours: HoursSum = field(default_factory=HoursSum)
    time_cost: Decimal = ZERO
    cash_cost: Decimal = ZERO
    revenue: Decimal = ZERO
    contracts: set[Location] = field(default_factory=set)
    clients: set[str] = field(default_factory=set)
    new_clients: set[str] = field(default_factory=set)

    def sums(self) -> Sums:
        """Hours, time cost, cash cost, revenue, contracts, clients and new clients: the
        figures of a row after its channel and name."""
        return (
            self.hours.total(),
            self.time_cost,
            self.cash_cost,
            self.revenue,
            len(self.contracts),
            len(self.clients),
            len(self.new_clients),
        )


@dataclass
class Cell:
    """Hours, cost and revenue of one channel on one day."""

    hours: HoursSum = field(default_factory=HoursSum)
    cost: Decimal = ZERO
    revenue: Decimal = ZERO

    def add(self, other: Cell) -> None:
        self.hours.merge(other.hours)
        self.cost += other.cost
        self.revenue += other.revenue


Cells = dict[tuple[datetime.date, str], Cell]


def group_time(
    time: Iterable[TimeLine],
    tallies: dict[Key, Tally],
    key: Callable[[TimeLine], Key],
    cells: Cells | None = None,
) -> None:
    """Hours and time cost per key, and per channel and day (``cells``)."""
    for line in time:
        tally = tallies[key(line)]
        tally.hours.add(line.hours_exact)
        tally.time_cost += line.value
        if cells is not None:
            cell = cells[(line.date, line.channel)]
            cell.hours.add(line.hours_exact)
            cell.cost += line.value


def group_income(
    first_income: Mapping[str, Location],
    income: Sequence[PostingLine],
    tallies: dict[Key, Tally],
    key: Callable[[ShareLine], Key],
    cells: Cells | None = None,
) -> list[tuple[Key, str, datetime.date, Location]]:
    """Revenue per key, and per channel and day (``cells``); contracts, clients and new
    clients: a transaction is a contract of each key its shares give a positive sum.
    Returns each new client: the key, the client, the date and the transaction."""
    by_transaction: dict[Location, dict[Key, Decimal]] = {}
    clients: dict[Location, tuple[str | None, datetime.date]] = {}
    for line in income:
        if not line.shares:
            continue
        assert line.transaction is not None
        sums = by_transaction.setdefault(line.transaction, defaultdict(Decimal))
        clients[line.transaction] = (line.client, line.date)
        for share in line.shares:
            found = key(share)
            tallies[found].revenue += share.amount
            sums[found] += share.amount
            if cells is not None:
                cells[(line.date, share.channel)].revenue += share.amount
    new_clients: list[tuple[Key, str, datetime.date, Location]] = []
    for where, sums in by_transaction.items():
        client, day = clients[where]
        for found, amount in sorted(sums.items(), key=lambda item: slug_order(item[0])):
            if amount <= 0:
                continue
            tally = tallies[found]
            tally.contracts.add(where)
            if client is None:
                continue
            client_key = name_key(client)
            tally.clients.add(client_key)
            if first_income.get(client_key) == where and client_key not in tally.new_clients:
                tally.new_clients.add(client_key)
                new_clients.append((found, client, day, where))
    return new_clients


def group_costs(
    costs: Iterable[PostingLine],
    tallies: dict[Key, Tally],
    key: Callable[[ShareLine], Key],
    cells: Cells | None = None,
) -> None:
    for line in costs:
        for share in line.shares:
            tallies[key(share)].cash_cost += share.amount
            if cells is not None:
                cells[(line.date, share.channel)].cost += share.amount


def totals_of(rows: Sequence[Figures], tallies: Iterable[Tally]) -> Sums:
    """The sums of the rows; contracts and clients counted once across the keys."""
    every = list(tallies)
    return (
        sum((row.hours_exact for row in rows), Fraction(0)),
        sum((row.time_cost for row in rows), ZERO),
        sum((row.cash_cost for row in rows), ZERO),
        sum((row.revenue for row in rows), ZERO),
        len(set().union(*(tally.contracts for tally in every))),
        len(set().union(*(tally.clients for tally in every))),
        len(set().union(*(tally.new_clients for tally in every))),
    )


def by_month(cells: Cells) -> tuple[IntervalFigures, ...]:
    """Every (month, channel) with hours, cost or revenue, by month then channel."""
    by_month: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for (day, slug), cell in cells.items():
        by_month[(month_bucket(day)[1], slug)].add(cell)
    return tuple(
        IntervalFigures(month, slug, cell.hours.total(), cell.cost, cell.revenue)
        for (month, slug), cell in sorted(by_month.items())
        if cell.hours or cell.cost or cell.revenue
    )


def totals_by(cells: Cells, bucket: Bucket) -> tuple[IntervalFigures, ...]:
    """Hours, cost and revenue of every channel per interval, with the running net."""
    sums: dict[datetime.date, tuple[str, Cell]] = {}
    for (day, _slug), cell in cells.items():
        if not (cell.hours or cell.cost or cell.revenue):
            continue
        start, label = bucket(day)
        if start not in sums:
            sums[start] = (label, Cell())
        sums[start][1].add(cell)
    result = []
    running = ZERO
    for start in sorted(sums):
        label, total = sums[start]
        running += total.revenue - total.cost
        result.append(
            IntervalFigures(label, None, total.hours.total(), total.cost, total.revenue, running)
        )
    return tuple(result)


def breakdown(time: Iterable[TimeLine], key: Callable[[TimeLine], str]) -> tuple[Breakdown, ...]:
    """Hours and time cost per activity, or per person."""
    sums: dict[str, tuple[HoursSum, list[Decimal]]] = {}
    for line in time:
        hours, value = sums.setdefault(key(line), (HoursSum(), [ZERO]))
        hours.add(line.hours_exact)
        value[0] += line.value
    return tuple(
        Breakdown(name, hours.total(), value[0]) for name, (hours, value) in sorted(sums.items())
    )
