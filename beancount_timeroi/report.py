"""The typed records of a report: what the engine computes and every view shows.

The engine (``engine.build_report``) fills these; renderers and the Fava
page only present them. Sums are kept exact (hours as fractions, money in
cents); each ratio is computed here from the exact sums and rounded once,
ROUND_HALF_UP, as SPEC section 4 defines it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount_timeroi.errors import N_, Text
from beancount_timeroi.ledgerlines import (
    NewClient,
    NotMoney,
    PostingLine,
    RateLine,
    ReportError,
    Source,
    TimeLine,
)
from beancount_timeroi.money import WIDE, ZERO, quantize
from beancount_timeroi.plan import Plan


def ratio(
    numerator: Decimal | Fraction, denominator: Decimal | Fraction, places: int
) -> Decimal | None:
    if denominator == 0:
        return None
    return quantize(Fraction(numerator) / Fraction(denominator), places)


@dataclass(frozen=True)
class Period:
    """The dates a report covers, both inclusive."""

    start: datetime.date
    end: datetime.date

    @property
    def year(self) -> int | None:
        """The calendar year the period is, when it is one."""
        start, end = self.start, self.end
        whole = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        return start.year if whole and start.year == end.year else None


@dataclass(frozen=True)
class Figures:
    """One row of the channel table (or the totals row: ``channel`` and ``name`` None,
    shown "Total")."""

    channel: str | None
    name: str | None
    hours_exact: Fraction = Fraction(0)
    time_cost: Decimal = ZERO
    cash_cost: Decimal = ZERO
    revenue: Decimal = ZERO
    contracts: int = 0
    clients: int = 0
    new_clients: int = 0

    @property
    def hours(self) -> Decimal:
        return quantize(self.hours_exact, 2)

    @property
    def cost(self) -> Decimal:
        return WIDE.add(self.time_cost, self.cash_cost)

    @property
    def net(self) -> Decimal:
        return WIDE.subtract(self.revenue, self.cost)

    @property
    def roi(self) -> Decimal | None:
        """net / cost, 4 decimals; None when cost is zero."""
        return ratio(self.net, self.cost, 4)

    @property
    def revenue_per_hour(self) -> Decimal | None:
        return ratio(self.revenue, self.hours_exact, 2)

    @property
    def avg_rate(self) -> Decimal | None:
        """time cost / hours: what an hour on the channel would have earned billed."""
        return ratio(self.time_cost, self.hours_exact, 2)

    @property
    def cost_per_new_client(self) -> Decimal | None:
        return ratio(self.cost, Decimal(self.new_clients), 2)

    @property
    def below_billable(self) -> bool:
        """The hours earned less than they would have billed (revenue/hour < avg rate)."""
        rph, rate = self.revenue_per_hour, self.avg_rate
        return rph is not None and rate is not None and rph < rate

    @property
    def negative_roi(self) -> bool:
        return self.roi is not None and self.roi < 0

    @property
    def flagged(self) -> bool:
        """Marked in the views: the time would have earned more billed, or ROI < 0."""
        return self.below_billable or self.negative_roi


@dataclass(frozen=True)
class ContentFigures(Figures):
    """One row of the content table (SPEC 13): the figures of one content, with its
    title and the day it was published when it is declared. ``channel`` and ``name``
    are the channel it is published on (None when undeclared); ``content`` None is the
    row of the hours, costs and revenue that name no content. ``revenue_share`` is its
    part of the period's attributed revenue, 4 decimals (None when there is none)."""

    content: str | None = None
    title: str | None = None
    published: datetime.date | None = None
    activities: tuple[Breakdown, ...] = ()
    revenue_share: Decimal | None = None
    total: bool = False
    """The sums of every row (``Report.contents_totals``)."""

    @property
    def active(self) -> bool:
        """Hours, cost or revenue in the period."""
        return bool(self.hours_exact or self.time_cost or self.cash_cost or self.revenue)


@dataclass(frozen=True)
class BudgetFigures:
    """A channel's budget for the period (``channel`` ``"*"`` and ``name`` None: all
    channels together) and what the period used of it (SPEC 14). A budget is None when
    none holds in the period; each is rounded to two decimals once, from the exact sum over
    its days."""

    channel: str
    name: str | None
    budget_hours: Decimal | None
    hours_exact: Fraction
    budget_cost: Decimal | None
    cost: Decimal

    @property
    def hours(self) -> Decimal:
        return quantize(self.hours_exact, 2)

    @property
    def used(self) -> Decimal | None:
        """hours / budget_hours, 4 decimals."""
        return None if self.budget_hours is None else ratio(self.hours_exact, self.budget_hours, 4)

    @property
    def remaining_hours(self) -> Decimal | None:
        if self.budget_hours is None:
            return None
        return quantize(Fraction(self.budget_hours) - self.hours_exact, 2)

    @property
    def used_cost(self) -> Decimal | None:
        return None if self.budget_cost is None else ratio(self.cost, self.budget_cost, 4)

    @property
    def remaining_cost(self) -> Decimal | None:
        return None if self.budget_cost is None else WIDE.subtract(self.budget_cost, self.cost)

    @property
    def over_hours(self) -> bool:
        return self.budget_hours is not None and self.hours_exact > self.budget_hours

    @property
    def over_cost(self) -> bool:
        return self.budget_cost is not None and self.cost > self.budget_cost

    @property
    def over(self) -> bool:
        """Over 100 % of a budget: flagged in the views."""
        return self.over_hours or self.over_cost


@dataclass(frozen=True)
class Change:
    """A channel's figures (or the totals) in the report's period and in the period it is
    compared with; each change is the first period's figure minus the other's, as both
    are reported (hours and ROI rounded, money exact)."""

    now: Figures
    then: Figures

    @property
    def channel(self) -> str | None:
        return self.now.channel

    def difference(self, key: str) -> Decimal | int | None:
        """The change of a figure of ``Figures`` (``hours``, ``roi``...): the first
        period's minus the other's, as reported; None when either is undefined."""
        now, then = getattr(self.now, key), getattr(self.then, key)
        if now is None or then is None:
            return None
        if isinstance(now, int) and isinstance(then, int):
            return now - then
        return WIDE.subtract(now, then)

    @property
    def hours(self) -> Decimal | int | None:
        return self.difference("hours")

    @property
    def cost(self) -> Decimal | int | None:
        return self.difference("cost")

    @property
    def revenue(self) -> Decimal | int | None:
        return self.difference("revenue")

    @property
    def net(self) -> Decimal | int | None:
        return self.difference("net")

    @property
    def new_clients(self) -> Decimal | int | None:
        return self.difference("new_clients")

    @property
    def roi(self) -> Decimal | int | None:
        """The difference of the two ROIs; None when either is undefined."""
        return self.difference("roi")


@dataclass(frozen=True)
class Comparison:
    """The report's figures beside those of another period (SPEC 14): every channel of
    either period, by slug, and the totals."""

    period: Period
    channels: tuple[Change, ...]
    totals: Change
    unattributed_revenue: Decimal = ZERO
    """The other period's income that no channel got."""

    @property
    def total_revenue(self) -> Decimal:
        return WIDE.add(self.totals.then.revenue, self.unattributed_revenue)


class IntervalFigures(NamedTuple):
    """The hours, cost and revenue of one interval (a month, or the week, quarter or year
    Fava's interval asks for), for one channel, or for all when ``channel`` is None;
    ``label`` names the interval (``2025-03``)."""

    label: str
    channel: str | None
    hours_exact: Fraction
    cost: Decimal
    revenue: Decimal
    cumulative_net: Decimal = ZERO

    @property
    def hours(self) -> Decimal:
        return quantize(self.hours_exact, 2)

    @property
    def net(self) -> Decimal:
        return WIDE.subtract(self.revenue, self.cost)


NO_ACTIVITY = N_("(no activity)")
"""The activity of time entries that name none (translated when shown to people)."""


class Breakdown(NamedTuple):
    """Hours and time cost of one activity (``NO_ACTIVITY`` for none) or one person."""

    key: str
    hours_exact: Fraction
    time_cost: Decimal

    @property
    def hours(self) -> Decimal:
        return quantize(self.hours_exact, 2)


class Check(NamedTuple):
    """A reconciliation check: its name, whether it passes, and what it found."""

    name: str
    ok: bool
    detail: Text


class _Compared:
    """What a row of the model comparison computes from its revenue and cost."""

    revenue: Decimal
    cost: Decimal

    @property
    def net(self) -> Decimal:
        return WIDE.subtract(self.revenue, self.cost)

    @property
    def roi(self) -> Decimal | None:
        return ratio(self.net, self.cost, 4)


@dataclass(frozen=True)
class ModelFigures(_Compared):
    """A channel's revenue under one attribution model, for the comparison (SPEC 9).

    The cost does not depend on the model; only revenue attributed through
    clients' touches (rule 4) does.
    """

    model: str
    channel: str
    name: str
    revenue: Decimal
    cost: Decimal


@dataclass(frozen=True)
class ContentModelFigures(_Compared):
    """A content's revenue under one attribution model (``--compare-models``)."""

    model: str
    content: str | None
    title: str | None
    revenue: Decimal
    cost: Decimal


@dataclass(frozen=True)
class Report:
    """Everything one report says, for one period (None: the ledger has no date)."""

    period: Period | None
    currency: str | None
    sources: tuple[Source, ...]
    channels: tuple[Figures, ...]
    totals: Figures
    unattributed_revenue: Decimal
    months: tuple[IntervalFigures, ...]
    month_totals: tuple[IntervalFigures, ...]
    activities: tuple[Breakdown, ...]
    people: tuple[Breakdown, ...]
    errors: tuple[ReportError, ...]
    checks: tuple[Check, ...]
    time_log: tuple[TimeLine, ...] = ()
    rates: tuple[RateLine, ...] = ()
    attribution: tuple[PostingLine, ...] = ()
    unattributed: tuple[PostingLine, ...] = ()
    cash_costs: tuple[PostingLine, ...] = ()
    unconverted: tuple[PostingLine, ...] = ()
    not_money: tuple[NotMoney, ...] = ()
    new_client_list: tuple[NewClient, ...] = ()
    models: tuple[ModelFigures, ...] = ()
    contents: tuple[ContentFigures, ...] = ()
    contents_totals: ContentFigures = ContentFigures(None, None, total=True)
    """The sums of every content row, the no-content row included: its money and hours
    equal ``totals``'."""
    content_models: tuple[ContentModelFigures, ...] = ()
    budgets: tuple[BudgetFigures, ...] = ()
    comparison: Comparison | None = None
    series: tuple[IntervalFigures, ...] = ()
    plan: Plan | None = None
    model: str = "first-touch"
    generate: bool = True
    title: str = ""
    names: dict[str, str] = field(default_factory=dict)

    @property
    def total_revenue(self) -> Decimal:
        return WIDE.add(self.totals.revenue, self.unattributed_revenue)

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.ok)

    @property
    def ok(self) -> bool:
        """No error and every check passes: what exit status 0 means."""
        return not self.errors and not self.failed_checks

    def name(self, channel: str) -> str:
        return self.names.get(channel, channel)
