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
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount_timeroi import checks
from beancount_timeroi.budgets import ALL, COST, HOURS
from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.ledgerlines import Location, NewClient, RateLine, ShareLine, TimeLine
from beancount_timeroi.money import ZERO, HoursSum, quantize
from beancount_timeroi.names import OWNER, name_key, slug_order
from beancount_timeroi.plan import Plan
from beancount_timeroi.report import (
    NO_ACTIVITY,
    Breakdown,
    BudgetFigures,
    Change,
    Comparison,
    ContentFigures,
    ContentModelFigures,
    Figures,
    ModelFigures,
    Period,
    Report,
    ratio,
)
from beancount_timeroi.tally import (
    Bucket,
    Cell,
    Cells,
    Key,
    Tally,
    breakdown,
    by_month,
    group_costs,
    group_income,
    group_time,
    month_bucket,
    totals_by,
    totals_of,
)

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.engine import LedgerIndex, Lines


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
    cells: Cells = defaultdict(Cell)
    rows, totals, new_clients = _channels(index, lines, cells)
    month_totals = totals_by(cells, month_bucket)
    activities = breakdown(lines.time, _activity)
    contents, contents_totals = _contents(index, lines, activities)
    time = index.time
    return Report(
        period=lines.period,
        currency=index.currency,
        sources=index.sources,
        channels=rows,
        totals=totals,
        unattributed_revenue=lines.unattributed,
        months=by_month(cells),
        month_totals=month_totals,
        activities=activities,
        people=breakdown(lines.time, lambda line: line.person),
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
        series=month_totals if bucket is month_bucket else totals_by(cells, bucket),
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


def _tallies(
    index: LedgerIndex,
    lines: Lines,
    time_key: Callable[[TimeLine], Key],
    share_key: Callable[[ShareLine], Key],
    cells: Cells | None = None,
) -> tuple[dict[Key, Tally], list[tuple[Key, str, datetime.date, Location]]]:
    """The lines' sums per key (and per channel and day, ``cells``), and the new
    clients."""
    tallies: dict[Key, Tally] = defaultdict(Tally)
    group_time(lines.time, tallies, time_key, cells)
    new_clients = group_income(index.first_income, lines.income, tallies, share_key, cells)
    group_costs(lines.costs, tallies, share_key, cells)
    return tallies, new_clients


def _channels(
    index: LedgerIndex, lines: Lines, cells: Cells | None = None
) -> tuple[tuple[Figures, ...], Figures, list[tuple[str, str, datetime.date, Location]]]:
    """The channel rows, their totals and the new clients of ``lines``."""
    tallies, new_clients = _tallies(index, lines, _channel, _share_channel, cells)
    rows = _channel_rows(index, tallies)
    return rows, Figures(None, None, *totals_of(rows, tallies.values())), new_clients


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
        empty = Figures(channel, index.time.channels.name(channel))
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


def _channel_rows(index: LedgerIndex, tallies: dict[str, Tally]) -> tuple[Figures, ...]:
    """Every declared channel, and every channel with figures in the period, by slug."""
    assert index.time is not None
    channels = index.time.channels
    shown = set(channels.channels) if channels.declared else set()
    for slug, tally in tallies.items():
        if (
            tally.hours.total()
            or tally.time_cost
            or tally.cash_cost
            or tally.revenue
            or tally.contracts
        ):
            shown.add(slug)
    return tuple(
        Figures(slug, channels.name(slug), *(tallies.get(slug) or Tally()).sums())
        for slug in sorted(shown)
    )


def _contents(
    index: LedgerIndex, lines: Lines, activities: tuple[Breakdown, ...]
) -> tuple[tuple[ContentFigures, ...], ContentFigures]:
    """The content table (SPEC 13): every declared content published by the period's
    end and every content with figures in it, by slug, then the row of what names no
    content; and the sums of every row."""
    assert index.time is not None
    declared = index.time.contents.contents
    tallies, _new_clients = _tallies(index, lines, _content, _share_content)
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
        tally = tallies.get(slug) or Tally()
        content = declared.get(slug) if slug is not None else None
        channel = content.channel if content is not None else None
        rows.append(
            ContentFigures(
                channel,
                index.time.channels.name(channel) if channel is not None else None,
                *tally.sums(),
                content=slug,
                title=content.title if content is not None else None,
                published=content.published if content is not None else None,
                activities=breakdown(time_by_content.get(slug, ()), _activity),
                revenue_share=ratio(tally.revenue, revenue, 4),
            )
        )
    totals = ContentFigures(
        None,
        None,
        *totals_of(rows, tallies.values()),
        activities=activities,
        revenue_share=ratio(revenue, revenue, 4),
        total=True,
    )
    return tuple(rows), totals


def _by_model(
    index: LedgerIndex, lines: Lines, rows: Sequence[Figures]
) -> tuple[ModelFigures, ...]:
    """Each channel's revenue and cost under every model (when they are compared)."""
    if lines.model_shares is None:
        return ()
    revenues = _model_revenues(lines.model_shares, _share_channel)
    # A channel with revenue under another model only has no row: it cost nothing.
    costs = {str(row.channel): row.cost for row in rows}
    slugs = sorted(
        set(costs) | {slug for sums in revenues.values() for slug, amount in sums.items() if amount}
    )
    assert index.time is not None
    channels = index.time.channels
    return tuple(
        ModelFigures(
            name,
            slug,
            channels.name(slug),
            revenues[name].get(slug, ZERO),
            costs.get(slug, ZERO),
        )
        for slug in slugs
        for name in ATTRIBUTION_MODELS
    )


def _model_revenues(
    model_shares: Mapping[str, Sequence[ShareLine]], key: Callable[[ShareLine], Key]
) -> dict[str, dict[Key, Decimal]]:
    """Revenue per key under each attribution model."""
    revenues: dict[str, dict[Key, Decimal]] = {}
    for name, shares in model_shares.items():
        sums = revenues[name] = defaultdict(Decimal)
        for share in shares:
            sums[key(share)] += share.amount
    return revenues


def _content_models(
    lines: Lines, rows: Sequence[ContentFigures]
) -> tuple[ContentModelFigures, ...]:
    """Each content's revenue and cost under every model (when they are compared): the
    contents with hours, cost or revenue under some model, and the no-content row."""
    if lines.model_shares is None:
        return ()
    revenues = _model_revenues(lines.model_shares, _share_content)
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
