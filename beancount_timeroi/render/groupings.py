"""What people see of the report's other groupings: contents (SPEC 13), budgets and
the comparison with another period (SPEC 14).

Like ``views``, whose tables and markup they share, these only present the
``Report``: every figure, every change and every budget's use comes from it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from beancount_timeroi.i18n import _
from beancount_timeroi.render import schema
from beancount_timeroi.render.columns import Column, pick, shown_name
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.render.views import Table
from beancount_timeroi.report import BudgetFigures, Change, Period, Report

# -- contents --------------------------------------------------------------------------


def contents(report: Report) -> list[Table]:
    """What each content cost and brought (SPEC 13), when the ledger names contents: its
    figures, then its time by activity and its clients."""
    if not any(row.content for row in report.contents):
        return []
    columns = schema.content_columns(report)
    footer = [report.contents_totals]
    return [
        Table(
            _("Cost and return by content"),
            pick(columns, "name channel published hours cost revenue net roi revenue_share"),
            report.contents,
            footer,
        ),
        Table(
            _("Time and clients by content"),
            pick(columns, "name time_cost cash_cost clients new_clients activities"),
            report.contents,
            footer,
        ),
    ]


def active_contents(report: Report) -> tuple[Table | None, int]:
    """The Fava page's content table: the contents with hours, cost or revenue in the
    period, the no-content row and the totals; and how many declared contents it leaves
    out (nothing in the period: the reports list them)."""
    if not any(row.content for row in report.contents):
        return None, 0
    rows = [row for row in report.contents if row.active or row.content is None]
    columns = pick(
        schema.content_columns(report),
        "name channel published hours cost revenue net roi new_clients revenue_share",
    )
    table = Table(_("Cost and return by content"), columns, rows, [report.contents_totals])
    return table, len(report.contents) - len(rows)


def contents_intro() -> str:
    """The sentence above the content tables."""
    return _(
        "What each article or post cost (the time logged on it, on any channel, and the "
        "cash costs that name it) and the revenue that came through it; the last row holds "
        "what names no content."
    )


# -- budgets ---------------------------------------------------------------------------


def _budget_label(row: BudgetFigures, fmt: Formatter) -> str:
    """The budget's channel, marked with '!' when the period went over it."""
    (name,) = pick(schema.BUDGETS, "name")
    label = name.text(row, fmt)
    return f"{label} !" if row.over else label


def budgets(report: Report) -> Table | None:
    """Each budget of the period beside what it used (SPEC 14)."""
    if not report.budgets:
        return None
    columns = pick(
        schema.BUDGETS,
        "budget_hours hours used remaining_hours budget_cost cost used_cost remaining_cost",
    )
    (name,) = pick(schema.BUDGETS, "name")
    label = Column(name.key, name.heading, "text", name.get, show=_budget_label)
    return Table(_("Budgets"), [label, *columns], report.budgets)


def budget_notes(report: Report, fmt: Formatter) -> list[str]:
    """One sentence per budget the period went over."""
    (name,) = pick(schema.BUDGETS, "name")
    notes = []
    for row in report.budgets:
        reasons = []
        if row.over_hours:
            reasons.append(
                _("{used} of its hours budget ({hours} of {budget} hours)").format(
                    used=fmt.percent(row.used),
                    hours=fmt.hours(row.hours),
                    budget=fmt.hours(row.budget_hours),
                )
            )
        if row.over_cost:
            reasons.append(
                _("{used} of its money budget ({cost} of {budget})").format(
                    used=fmt.percent(row.used_cost),
                    cost=fmt.amount(row.cost, report.currency),
                    budget=fmt.amount(row.budget_cost, report.currency),
                )
            )
        if reasons:
            notes.append(
                _("{channel}: {reasons}").format(
                    channel=name.text(row, fmt), reasons="; ".join(reasons)
                )
            )
    return notes


@dataclass(frozen=True)
class BudgetBar:
    """A budget as a bar: its label, what it says, how full (0 to 100) and whether over."""

    label: str
    text: str
    width: int
    over: bool


def budget_bars(report: Report, fmt: Formatter) -> list[BudgetBar]:
    """One bar per budget of the period (the Fava page)."""
    (name,) = pick(schema.BUDGETS, "name")
    bars = []
    for row in report.budgets:
        label = name.text(row, fmt)
        if row.budget_hours is not None:
            text = _("{hours} of {budget} hours ({used})").format(
                hours=fmt.hours(row.hours),
                budget=fmt.hours(row.budget_hours),
                used=fmt.percent(row.used),
            )
            bars.append(BudgetBar(label, text, _width(row.used), row.over_hours))
        if row.budget_cost is not None:
            text = _("{cost} of {budget} ({used})").format(
                cost=fmt.amount(row.cost, report.currency),
                budget=fmt.amount(row.budget_cost, report.currency),
                used=fmt.percent(row.used_cost),
            )
            bars.append(BudgetBar(label, text, _width(row.used_cost), row.over_cost))
    return bars


def _width(used: Decimal | None) -> int:
    """How much of a bar is filled, in percent: at most all of it."""
    if used is None:
        return 100
    return max(0, min(100, int(used * 100)))


# -- comparison -----------------------------------------------------------------------


def period_label(period: Period) -> str:
    """A period as short as it can be said: ``2025``, ``2025-03``, or its two dates."""
    return _name(period) or _dates(period)


def _name(period: Period) -> str | None:
    """A period's name when it is a calendar year or month (``2025``, ``2025-03``)."""
    start, end = period.start, period.end
    if period.year is not None:
        return str(period.year)
    following = end + datetime.timedelta(days=1)
    if start.day == 1 and following.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    return None


def _dates(period: Period) -> str:
    return _("{start} to {end}").format(start=period.start.isoformat(), end=period.end.isoformat())


def comparison(report: Report) -> list[Table]:
    """Every figure of the channel tables in both periods, with the change (SPEC 14): one
    table per figure, a row per channel of either period and the totals."""
    compared = report.comparison
    if compared is None or report.period is None:
        return []
    now, then = period_label(report.period), period_label(compared.period)

    def name(row: Change, fmt: Formatter) -> str:
        return shown_name(row.now)

    (channel,) = pick(schema.SUMMARY, "channel")
    label = Column("channel", channel.heading, "text", lambda row: row.channel, show=name)
    return [
        Table(
            figure.title,
            [label, *_sides(figure, now, then)],
            compared.channels,
            [compared.totals],
        )
        for figure in schema.SUMMARY[2:]
    ]


def _sides(figure: Column[Any], now: str, then: str) -> list[Column[Change]]:
    """A figure in the report's period, in the other, and its change (columns headed with
    the two periods)."""

    def change(row: Change) -> Any:
        return row.difference(figure.key)

    return [
        figure.of(attrgetter("now"), key=f"{figure.key}_now", heading=now, literal=True),
        figure.of(attrgetter("then"), key=f"{figure.key}_then", heading=then, literal=True),
        Column(f"{figure.key}_change", _("Change"), figure.kind, change, literal=True),
    ]


def comparison_title(report: Report) -> str | None:
    """What the comparison compares: ``2025 compared with 2024 (2024-01-01 to
    2024-12-31)``, or ``... compared with 2024-01-02 to 2024-12-31``."""
    compared = report.comparison
    if compared is None or report.period is None:
        return None
    now, name = period_label(report.period), _name(compared.period)
    if name is None:  # not a year or a month: its dates are its name
        return _("{now} compared with {then}").format(now=now, then=_dates(compared.period))
    return _("{now} compared with {then} ({start} to {end})").format(
        now=now,
        then=name,
        start=compared.period.start.isoformat(),
        end=compared.period.end.isoformat(),
    )


# -- in reading order ------------------------------------------------------------------


@dataclass(frozen=True)
class Notes:
    """Sentences under a title (the budgets gone over)."""

    title: str
    lines: list[str]


@dataclass(frozen=True)
class Heading:
    text: str


def blocks(report: Report, fmt: Formatter) -> list[Table | Notes | Heading]:
    """The budgets, the comparison with another period and the contents, in the order
    the text and Markdown reports show them (each only when the report has it)."""
    found: list[Table | Notes | Heading] = []
    table = budgets(report)
    if table is not None:
        found.append(table)
        over = budget_notes(report, fmt)
        if over:
            found.append(Notes(_("! Over budget:"), over))
    title = comparison_title(report)
    if title is not None:
        found += [Heading(title), *comparison(report)]
    return [*found, *contents(report)]
