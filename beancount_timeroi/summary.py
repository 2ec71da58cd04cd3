"""The report of a period: its lines, grouped.

Every figure of the report is a sum of lines by a key: per channel (hours,
time and cash cost, revenue, contracts, clients, new clients), per month and
channel, per interval, per activity, per person, per attribution model. The
schedules are the lines themselves, so the schedules and the totals agree by
construction. Sums are exact; each ratio is computed from them and rounded
once (``report.Figures``).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar

from beancount_timeroi import checks
from beancount_timeroi.budgets import ALL, COST, HOURS
from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.money import HoursSum, quantize
from beancount_timeroi.names import OWNER, name_key, slug_order
from beancount_timeroi.report import (
    NO_ACTIVITY,
    ZERO,
    Breakdown,
    BudgetFigures,
    Change,
    Comparison,
    ContentFigures,
    ContentModelFigures,
    Figures,
    IntervalFigures,
    Location,
    ModelFigures,
    NewClient,
    Period,
    Plan,
    PostingLine,
    RateLine,
    Report,
    ShareLine,
    TimeLine,
    ratio,
)

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.engine import LedgerIndex, Lines

Bucket = Callable[[datetime.date], tuple[datetime.date, str]]
"""Maps a date to the start and label of its interval (a month, a week...)."""

Key = TypeVar("Key", str, str | None)
"""What lines are grouped by: a channel's slug, or a content's (None: no content)."""


@functools.lru_cache(maxsize=8192)
def month_bucket(day: datetime.date) -> tuple[datetime.date, str]:
    return datetime.date(day.year, day.month, 1), f"{day:%Y-%m}"


@dataclass
class _Tally:
    """The sums of one channel."""

    hours: HoursSum = field(default_factory=HoursSum)
    time_cost: Decimal = ZERO
    cash_cost: Decimal = ZERO
    revenue: Decimal = ZERO
    contracts: set[Location] = field(default_factory=set)
    clients: set[str] = field(default_factory=set)
    new_clients: set[str] = field(default_factory=set)


@dataclass
class _Cell:
    """Hours, cost and revenue of one channel on one day."""

    hours: HoursSum = field(default_factory=HoursSum)
    cost: Decimal = ZERO
    revenue: Decimal = ZERO

    def add(self, other: _Cell) -> None:
        self.hours.merge(other.hours)
        self.cost += other.cost
        self.revenue += other.revenue


Cells = dict[tuple[datetime.date, str], _Cell]


def nothing(index: LedgerIndex, period: Period | None) -> Report:
    """The report of a ledger with a config that cannot be read, or without a date:
    nothing to compute, but the currency and both checks are there (SPEC 11)."""
    operating = index.ledger.options.get("operating_currency") or [None]
    currency = index.currency or (str(operating[0]) if operating[0] else None)
    return Report(
        period,
        currency,
        index.sources,
        (),
        Figures(None, None),
        ZERO,
        (),
        (),
        (),
        (),
        index.errors,
        checks.nothing(config_read=index.config is not None),
        title=str(index.ledger.options.get("title") or ""),
    )


def summarise(index: LedgerIndex, lines: Lines, model: str, bucket: Bucket) -> Report:
    """The report of ``lines``: every grouping of them, the checks, the schedules."""
    assert index.config is not None and index.time is not None
    cells: Cells = defaultdict(_Cell)
    rows, totals, new_clients = _channels(index, lines, cells)
    month_totals = _totals_by(cells, month_bucket)
    activities = _breakdown(lines.time, _activity)
    contents, contents_totals = _contents(index, lines, activities)
    time = index.time
    return Report(
        period=lines.period,
        currency=index.currency,
        sources=index.sources,
        channels=rows,
        totals=totals,
        unattributed_revenue=lines.unattributed,
        months=_months(cells),
        month_totals=month_totals,
        activities=activities,
        people=_breakdown(lines.time, lambda line: line.person),
        errors=index.errors + lines.errors,
        checks=(
            checks.books_match(index, lines, rows),
            checks.revenue_reconciles(lines, totals, index.currency),
        ),
        time_log=lines.time,
        rates=tuple(
            RateLine(
                time.schedule.name(rate.person),
                rate.since,
                rate.number,
                str(rate.amount.currency),
                index.location(rate.source),
            )
            for rate in time.schedule.all_rates()
        ),
        attribution=tuple(line for line in lines.income if line.shares),
        unattributed=tuple(line for line in lines.income if not line.shares),
        cash_costs=lines.costs,
        unconverted=lines.unconverted,
        not_money=lines.not_money,
        new_client_list=tuple(NewClient(*found) for found in new_clients),
        models=_by_model(index, lines, rows),
        contents=contents,
        contents_totals=contents_totals,
        content_models=_content_models(lines, contents),
        budgets=_budgets(index, lines.period, rows, totals),
        series=month_totals if bucket is month_bucket else _totals_by(cells, bucket),
        plan=_plan(index, lines),
        model=model,
        generate=index.config.generate,
        title=str(index.ledger.options.get("title") or ""),
        names={slug: channel.name for slug, channel in time.channels.channels.items()},
    )


def compare(index: LedgerIndex, report: Report, other: Lines) -> Report:
    """``report`` with the figures of the ``other`` lines' period beside its own."""
    rows, totals, _new_clients = _channels(index, other)
    then = {str(row.channel): row for row in rows}
    now = {str(row.channel): row for row in report.channels}
    changes = tuple(
        Change(
            now.get(slug) or Figures(slug, report.name(slug)),
            then.get(slug) or Figures(slug, report.name(slug)),
        )
        for slug in sorted(now.keys() | then.keys())
    )
    unattributed = other.unattributed
    return dataclasses.replace(
        report,
        comparison=Comparison(other.period, changes, Change(report.totals, totals), unattributed),
    )


# -- groupings -----------------------------------------------------------------------


def _channel(line: TimeLine) -> str:
    return line.channel


def _share_channel(share: ShareLine) -> str:
    return share.channel


def _activity(line: TimeLine) -> str:
    return line.activity or NO_ACTIVITY


def _content(line: TimeLine) -> str | None:
    return line.content


def _share_content(share: ShareLine) -> str | None:
    return share.content


def _group_time(
    time: Iterable[TimeLine],
    tallies: dict[Key, _Tally],
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


def _group_income(
    index: LedgerIndex,
    income: Sequence[PostingLine],
    tallies: dict[Key, _Tally],
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
            if index.first_income.get(client_key) == where and client_key not in tally.new_clients:
                tally.new_clients.add(client_key)
                new_clients.append((found, client, day, where))
    return new_clients


def _group_costs(
    costs: Iterable[PostingLine],
    tallies: dict[Key, _Tally],
    key: Callable[[ShareLine], Key],
    cells: Cells | None = None,
) -> None:
    for line in costs:
        for share in line.shares:
            tallies[key(share)].cash_cost += share.amount
            if cells is not None:
                cells[(line.date, share.channel)].cost += share.amount


def _channels(
    index: LedgerIndex, lines: Lines, cells: Cells | None = None
) -> tuple[tuple[Figures, ...], Figures, list[tuple[str, str, datetime.date, Location]]]:
    """The channel rows, their totals and the new clients of ``lines``."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    _group_time(lines.time, tallies, _channel, cells)
    new_clients = _group_income(index, lines.income, tallies, _share_channel, cells)
    _group_costs(lines.costs, tallies, _share_channel, cells)
    rows = _channel_rows(index, tallies)
    return rows, _totals(rows, tallies.values()), new_clients


def _budgets(
    index: LedgerIndex, period: Period, rows: Sequence[Figures], totals: Figures
) -> tuple[BudgetFigures, ...]:
    """Each channel with a budget in the period (and all channels, ``"*"``, last): the
    budgets of its days, rounded to two decimals once, beside its hours and cost."""
    assert index.time is not None
    schedule = index.time.budgets
    figures = {row.channel: row for row in rows}
    result = []
    for channel in schedule.channels():
        hours = schedule.total(channel, HOURS, period.start, period.end)
        cost = schedule.total(channel, COST, period.start, period.end)
        if hours is None and cost is None:
            continue
        known = index.time.channels.channels.get(channel)
        empty = Figures(channel, known.name if known else channel)
        row = totals if channel == ALL else figures.get(channel) or empty
        result.append(
            BudgetFigures(
                channel,
                None if channel == ALL else row.name,
                None if hours is None else quantize(hours, 2),
                row.hours_exact,
                None if cost is None else quantize(cost, 2),
                row.cost,
            )
        )
    return tuple(result)


def _channel_rows(index: LedgerIndex, tallies: dict[str, _Tally]) -> tuple[Figures, ...]:
    """Every declared channel, and every channel with figures in the period, by slug."""
    assert index.time is not None
    channels = index.time.channels
    shown = set(channels.channels) if channels.declared else set()
    hours = {slug: tally.hours.total() for slug, tally in tallies.items()}
    for slug, tally in tallies.items():
        if hours[slug] or tally.time_cost or tally.cash_cost or tally.revenue or tally.contracts:
            shown.add(slug)
    rows = []
    for slug in sorted(shown):
        tally = tallies.get(slug) or _Tally()
        channel = channels.channels.get(slug)
        rows.append(
            Figures(
                slug,
                channel.name if channel else slug,
                hours.get(slug, Fraction(0)),
                tally.time_cost,
                tally.cash_cost,
                tally.revenue,
                len(tally.contracts),
                len(tally.clients),
                len(tally.new_clients),
            )
        )
    return tuple(rows)


def _totals(rows: Sequence[Figures], tallies: Iterable[_Tally]) -> Figures:
    """The sums of the rows; contracts and clients counted once across channels."""
    every = list(tallies)
    return Figures(
        None,
        None,
        sum((row.hours_exact for row in rows), Fraction(0)),
        sum((row.time_cost for row in rows), ZERO),
        sum((row.cash_cost for row in rows), ZERO),
        sum((row.revenue for row in rows), ZERO),
        len(set().union(*(tally.contracts for tally in every))),
        len(set().union(*(tally.clients for tally in every))),
        len(set().union(*(tally.new_clients for tally in every))),
    )


_FIGURES = [item.name for item in dataclasses.fields(Figures)]


def _contents(
    index: LedgerIndex, lines: Lines, activities: tuple[Breakdown, ...]
) -> tuple[tuple[ContentFigures, ...], ContentFigures]:
    """The content table (SPEC 13): every declared content published by the period's
    end and every content with figures in it, by slug, then the row of what names no
    content; and the sums of every row."""
    assert index.time is not None
    declared = index.time.contents.contents
    tallies: dict[str | None, _Tally] = defaultdict(_Tally)
    _group_time(lines.time, tallies, _content)
    _group_income(index, lines.income, tallies, _share_content)
    _group_costs(lines.costs, tallies, _share_content)
    end = lines.period.end
    shown = {slug for slug, content in declared.items() if content.published <= end}
    shown |= {
        slug
        for slug, tally in tallies.items()
        if slug is not None
        and (tally.hours.total() or tally.time_cost or tally.cash_cost or tally.revenue)
    }
    time_by_content: dict[str | None, list[TimeLine]] = defaultdict(list)
    for line in lines.time:
        time_by_content[line.content].append(line)
    revenue = sum((tally.revenue for tally in tallies.values()), ZERO)
    rows = []
    for slug in [*sorted(shown), None]:
        tally = tallies.get(slug) or _Tally()
        content = declared.get(slug) if slug is not None else None
        channel = content.channel if content is not None else None
        rows.append(
            ContentFigures(
                channel,
                index.time.channels.channels[channel].name if channel is not None else None,
                tally.hours.total(),
                tally.time_cost,
                tally.cash_cost,
                tally.revenue,
                len(tally.contracts),
                len(tally.clients),
                len(tally.new_clients),
                content=slug,
                title=content.title if content is not None else None,
                published=content.published if content is not None else None,
                activities=_breakdown(time_by_content.get(slug, ()), _activity),
                revenue_share=ratio(tally.revenue, revenue, 4),
            )
        )
    sums = _totals(rows, tallies.values())
    totals = ContentFigures(
        **{name: getattr(sums, name) for name in _FIGURES},
        activities=activities,
        revenue_share=ratio(revenue, revenue, 4),
        total=True,
    )
    return tuple(rows), totals


def _months(cells: Cells) -> tuple[IntervalFigures, ...]:
    """Every (month, channel) with hours, cost or revenue, by month then channel."""
    by_month: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
    for (day, slug), cell in cells.items():
        by_month[(month_bucket(day)[1], slug)].add(cell)
    return tuple(
        IntervalFigures(month, slug, cell.hours.total(), cell.cost, cell.revenue)
        for (month, slug), cell in sorted(by_month.items())
        if cell.hours or cell.cost or cell.revenue
    )


def _totals_by(cells: Cells, bucket: Bucket) -> tuple[IntervalFigures, ...]:
    """Hours, cost and revenue of every channel per interval, with the running net."""
    sums: dict[datetime.date, tuple[str, _Cell]] = {}
    for (day, _slug), cell in cells.items():
        if not (cell.hours or cell.cost or cell.revenue):
            continue
        start, label = bucket(day)
        if start not in sums:
            sums[start] = (label, _Cell())
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


def _breakdown(time: Iterable[TimeLine], key: Callable[[TimeLine], str]) -> tuple[Breakdown, ...]:
    """Hours and time cost per activity, or per person."""
    sums: dict[str, tuple[HoursSum, list[Decimal]]] = {}
    for line in time:
        hours, value = sums.setdefault(key(line), (HoursSum(), [ZERO]))
        hours.add(line.hours_exact)
        value[0] += line.value
    return tuple(
        Breakdown(name, hours.total(), value[0]) for name, (hours, value) in sorted(sums.items())
    )


def _by_model(
    index: LedgerIndex, lines: Lines, rows: Sequence[Figures]
) -> tuple[ModelFigures, ...]:
    """Each channel's revenue and cost under every model (when they are compared)."""
    if lines.model_shares is None:
        return ()
    revenues: dict[str, dict[str, Decimal]] = {}
    for name, shares in lines.model_shares.items():
        sums = revenues[name] = defaultdict(Decimal)
        for share in shares:
            sums[share.channel] += share.amount
    # A channel with revenue under another model only has no row: it cost nothing.
    costs = {str(row.channel): row.cost for row in rows}
    slugs = sorted(
        set(costs) | {slug for sums in revenues.values() for slug, amount in sums.items() if amount}
    )
    assert index.time is not None
    channels = index.time.channels.channels
    return tuple(
        ModelFigures(
            name,
            slug,
            channels[slug].name if slug in channels else slug,
            revenues[name].get(slug, ZERO),
            costs.get(slug, ZERO),
        )
        for slug in slugs
        for name in ATTRIBUTION_MODELS
    )


def _content_models(
    lines: Lines, rows: Sequence[ContentFigures]
) -> tuple[ContentModelFigures, ...]:
    """Each content's revenue and cost under every model (when they are compared): the
    contents with hours, cost or revenue under some model, and the no-content row."""
    if lines.model_shares is None:
        return ()
    revenues: dict[str, dict[str | None, Decimal]] = {}
    for name, shares in lines.model_shares.items():
        sums = revenues[name] = defaultdict(Decimal)
        for share in shares:
            sums[share.content] += share.amount
    known = {row.content: row for row in rows}
    # The contents with figures in the period, and those with revenue under another
    # model only (no row: they cost nothing); not the declared ones with nothing.
    keys = {row.content for row in rows if row.active or row.content is None}
    keys |= {key for sums in revenues.values() for key, amount in sums.items() if amount}
    return tuple(
        ContentModelFigures(
            name,
            key,
            known[key].title if key in known else None,
            revenues[name].get(key, ZERO),
            known[key].cost if key in known else ZERO,
        )
        for key in sorted(keys, key=slug_order)
        for name in ATTRIBUTION_MODELS
    )


def _plan(index: LedgerIndex, lines: Lines) -> Plan | None:
    """ "What does my time cost": the owner's actual hours per week in the period,
    at the owner's rate on its last day."""
    assert index.time is not None
    period = lines.period
    rate = index.time.schedule.rate_for(OWNER, period.end)
    if rate is None:
        return None
    hours = HoursSum()
    for line in lines.time:
        if name_key(line.person) == OWNER:
            hours.add(line.hours_exact)
    days = (period.end - period.start).days + 1
    return Plan(hours.total() * 7 / days, rate.number, index.currency)
