"""What people see of a report: the views shared by the HTML report and the Fava page
(and, for their tables and notes, the text and Markdown reports).

Tables with their cells written in the current language, the summary cards,
the charts and their words, the notes under the channel tables, the checks
and the errors. Their markup is ``templates/_macros.html``, which both the
HTML report and the Fava page import (``TEMPLATES`` finds it). Every column
comes from ``schema``; no figure is computed here.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import jinja2

from beancount_timeroi.i18n import _, join, n_
from beancount_timeroi.render import charts, schema
from beancount_timeroi.render.columns import Column, pick, shown_name
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import (
    BudgetFigures,
    Change,
    ContentFigures,
    Figures,
    IntervalFigures,
    Period,
    Report,
)

TEMPLATES = jinja2.PackageLoader("beancount_timeroi.render", "templates")
"""The report's templates and the shared macros (``_macros.html``)."""


# -- tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A table as people read it: a title, the columns shown, the rows and the totals."""

    title: str
    columns: Sequence[Column[Any]]
    rows: Sequence[Any]
    footer: Sequence[Any] = ()


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool
    negative: bool
    nowrap: bool = False  # a date: never cut across two lines


@dataclass(frozen=True)
class Row:
    """A row's cells; ``key`` is the channel a channel row is about (for a link)."""

    cells: list[Cell]
    flagged: bool = False
    key: str | None = None


@dataclass(frozen=True)
class TableView:
    title: str
    headers: list[tuple[str, bool]]
    rows: list[Row]
    footer: list[Row]


def table_view(table: Table, fmt: Formatter) -> TableView:
    """The table's cells written for people."""

    def row(item: Any) -> Row:
        cells = [
            Cell(
                column.text(item, fmt),
                column.numeric,
                column.negative(item),
                column.kind in ("date", "month"),
            )
            for column in table.columns
        ]
        if isinstance(item, ContentFigures):
            return Row(cells, key=item.content)
        if isinstance(item, BudgetFigures):
            return Row(cells, item.over)
        if isinstance(item, Figures):
            return Row(cells, item.flagged, item.channel)
        return Row(cells)

    return TableView(
        table.title,
        [(column.title, column.numeric) for column in table.columns],
        [row(item) for item in table.rows],
        [row(item) for item in table.footer],
    )


def cost_and_return(report: Report) -> Table:
    columns = pick(schema.SUMMARY, "channel hours time_cost cash_cost cost revenue net roi")
    return Table(_("Cost and return"), columns, report.channels, [report.totals])


def per_hour_and_client(report: Report) -> Table:
    columns = pick(
        schema.SUMMARY,
        "channel revenue_per_hour avg_rate contracts clients new_clients cost_per_new_client",
    )
    return Table(_("Per hour and per client"), columns, report.channels, [report.totals])


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
                _("{channel}: {reasons}").format(channel=name.text(row, fmt), reasons=join(reasons))
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
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    following = end + datetime.timedelta(days=1)
    if start.day == 1 and following.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    return _("{start} to {end}").format(start=start.isoformat(), end=end.isoformat())


def _compared(figure: Column[Any], label: str, side: str) -> Column[Change]:
    """A figure of one of the two periods, for a row of the comparison."""

    def get(row: Change) -> Any:
        return figure.get(getattr(row, side))

    heading = f"{figure.title} {label}"
    return Column(f"{figure.key}_{side}", heading, figure.kind, get, literal=True)


def _change(figure: Column[Any]) -> Column[Change]:
    (change,) = pick(schema.CHANGE, figure.key)
    return Column(f"{figure.key}_change", _("Change"), figure.kind, change.get, literal=True)


def comparison(report: Report) -> list[Table]:
    """The report's figures beside the other period's, with the change (SPEC 14)."""
    compared = report.comparison
    if compared is None or report.period is None:
        return []
    now, then = period_label(report.period), period_label(compared.period)

    def name(row: Change, fmt: Formatter) -> str:
        return shown_name(row.now)

    (channel,) = pick(schema.SUMMARY, "channel")
    label = Column("channel", channel.heading, "text", lambda row: row.channel, show=name)

    def table(title: str, keys: str) -> Table:
        columns: list[Column[Any]] = [label]
        for figure in pick(schema.SUMMARY, keys):
            columns += [
                _compared(figure, now, "now"),
                _compared(figure, then, "then"),
                _change(figure),
            ]
        return Table(title, columns, compared.channels, [compared.totals])

    return [
        table(_("Hours and cost"), "hours cost"),
        table(_("Revenue and net"), "revenue net"),
        table(_("ROI and new clients"), "roi new_clients"),
    ]


def comparison_title(report: Report) -> str | None:
    """What the comparison compares: ``2025 compared with 2024 (2024-01-01 to
    2024-12-31)``, or ``... compared with 2024-01-02 to 2024-12-31``."""
    compared = report.comparison
    if compared is None or report.period is None:
        return None
    now, then = period_label(report.period), period_label(compared.period)
    dates = _("{start} to {end}").format(
        start=compared.period.start.isoformat(), end=compared.period.end.isoformat()
    )
    if then == dates:  # not a year or a month: its dates are its name
        return _("{now} compared with {then}").format(now=now, then=then)
    return _("{now} compared with {then} ({start} to {end})").format(
        now=now,
        then=then,
        start=compared.period.start.isoformat(),
        end=compared.period.end.isoformat(),
    )


def months(report: Report) -> Table:
    columns = pick(schema.month_columns(report), "month hours cost revenue net cumulative_net")
    return Table(_("Months"), columns, report.month_totals)


def activities(report: Report) -> Table:
    return Table(_("Hours by activity"), schema.ACTIVITIES, report.activities)


def people(report: Report) -> Table:
    return Table(_("Hours by person"), schema.PEOPLE, report.people)


def checks(report: Report) -> Table:
    return Table(_("Checks"), schema.CHECKS, report.checks)


ByModel = dict[str, Any]
"""A row of the comparison: one channel's (or content's) figures under each model."""


def _by_model(figure: Column[Any], model: str, in_use: bool) -> Column[ByModel]:
    """The ``figure`` column of the models table, for one model."""

    def get(row: ByModel) -> Any:
        return figure.get(row[model])

    return Column(model, f"{model} *" if in_use else model, figure.kind, get, literal=True)


def _channel_of(channel: Column[Any]) -> Column[ByModel]:
    """The channel (or content) column of the models table, for a row of the comparison."""

    def first(row: ByModel) -> Any:
        return next(iter(row.values()))

    def show(row: ByModel, fmt: Formatter) -> str:
        return channel.text(first(row), fmt)

    return Column(
        channel.key, channel.heading, channel.kind, lambda row: channel.get(first(row)), show
    )


def model_comparison(report: Report) -> list[Table]:
    """Revenue, net and ROI of each channel under each attribution model (SPEC 9):
    one table per figure, a column per model, the model in use marked with '*'."""
    if not report.models:
        return []
    by_channel: dict[str, ByModel] = {}
    for figures in report.models:
        by_channel.setdefault(figures.channel, {})[figures.model] = figures
    rows = list(by_channel.values())
    models = list(dict.fromkeys(figures.model for figures in report.models))
    (channel,) = pick(schema.MODELS, "channel")

    def columns(key: str) -> list[Column[Any]]:
        (figure,) = pick(schema.MODELS, key)
        return [
            _channel_of(channel),
            *(_by_model(figure, model, model == report.model) for model in models),
        ]

    tables = [
        Table(_("Revenue by attribution model"), columns("revenue"), rows),
        Table(_("Net by attribution model"), columns("net"), rows),
        Table(_("ROI by attribution model"), columns("roi"), rows),
    ]
    return tables + _content_models(report, models)


def _content_models(report: Report, models: list[str]) -> list[Table]:
    """Each content's revenue under each model, when the ledger names contents."""
    if not any(row.content for row in report.content_models):
        return []
    by_content: dict[str | None, ByModel] = {}
    for figures in report.content_models:
        by_content.setdefault(figures.content, {})[figures.model] = figures
    label, revenue = pick(schema.CONTENT_MODELS, "name revenue")
    return [
        Table(
            _("Content revenue by attribution model"),
            [
                _channel_of(label),
                *(_by_model(revenue, model, model == report.model) for model in models),
            ],
            list(by_content.values()),
        )
    ]


def schedules(report: Report) -> list[Table]:
    """The reconciliation's schedules: time log, rates, and the postings."""
    time_log = pick(
        schema.time_log_columns(report),
        "date person channel activity description hours rate value source",
    )
    named = any(line.content_shares for line in (*report.attribution, *report.cash_costs))
    postings = pick(
        schema.posting_columns(report),
        "date client narration account amount original shares "
        + ("contents rule source" if named else "rule source"),
    )
    rates = pick(schema.RATES, "person since rate currency source")
    result = [
        Table(_("Time log"), time_log, report.time_log),
        Table(_("Rates"), rates, report.rates),
        Table(_("Attributed income"), postings, report.attribution),
        Table(_("Unattributed income"), postings, report.unattributed),
        Table(_("Cash costs"), postings, report.cash_costs),
    ]
    if report.unconverted:
        result.append(Table(_("Postings left out (no price)"), postings, report.unconverted))
    return result


# -- cards, checks, errors, notes -----------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """A headline figure; ``negative`` marks a loss where the page shows it."""

    label: str
    value: str
    negative: bool = False


def cards(report: Report, fmt: Formatter, *, total_revenue: bool = True) -> list[Card]:
    """The period's headline figures (the total revenue last, when asked for)."""
    totals, currency = report.totals, report.currency
    result = [
        Card(_("Hours"), fmt.hours(totals.hours)),
        Card(_("Cost (time + cash)"), fmt.amount(totals.cost, currency)),
        Card(_("Revenue"), fmt.amount(totals.revenue, currency)),
        Card(_("Net"), fmt.amount(totals.net, currency), totals.net < 0),
        Card(_("ROI"), fmt.percent(totals.roi), totals.negative_roi),
        Card(_("Unattributed revenue"), fmt.amount(report.unattributed_revenue, currency)),
    ]
    if total_revenue:
        result.append(Card(_("Total revenue"), fmt.amount(report.total_revenue, currency)))
    return result


@dataclass(frozen=True)
class CheckView:
    """A check as people read it: its name, its result ("ok" or "FAILED"), its detail."""

    name: str
    ok: bool
    result: str
    detail: str


def check_views(report: Report, fmt: Formatter) -> list[CheckView]:
    name, result, detail = pick(schema.CHECKS, "name ok detail")
    return [
        CheckView(name.text(check, fmt), check.ok, result.text(check, fmt), detail.text(check, fmt))
        for check in report.checks
    ]


def check_line(check: CheckView) -> str:
    return _("{name}: {detail}").format(name=check.name, detail=check.detail)


@dataclass(frozen=True)
class ErrorView:
    """An error of the ledger: where (a file relative to the ledger's folder, a line),
    what, and whether beancount-timeroi reported it."""

    file: str
    line: int
    message: str
    ours: bool


def error_views(report: Report, fmt: Formatter) -> list[ErrorView]:
    (message,) = pick(schema.ERRORS, "message")
    return [
        ErrorView(error.location.file, error.location.line, message.text(error, fmt), error.ours)
        for error in report.errors
    ]


def flag_notes(report: Report, fmt: Formatter) -> list[str]:
    """One sentence per flagged channel: why its name carries a '!'."""
    notes = []
    for row in report.channels:
        reasons = []
        if row.below_billable:
            reasons.append(
                _("an hour on it brought {rph} of revenue but would have billed {rate}").format(
                    rph=fmt.money(row.revenue_per_hour), rate=fmt.money(row.avg_rate)
                )
            )
        if row.negative_roi:
            reasons.append(_("its ROI is negative ({roi})").format(roi=fmt.percent(row.roi)))
        if reasons:
            channel = shown_name(row)
            notes.append(_("{channel}: {reasons}").format(channel=channel, reasons=join(reasons)))
    return notes


def revenue_lines(report: Report, fmt: Formatter) -> list[str]:
    """The revenue no channel earned, the total revenue, and what was not money."""
    currency = report.currency
    lines = [
        _("Unattributed revenue: {amount}").format(
            amount=fmt.amount(report.unattributed_revenue, currency)
        ),
        _("Total revenue: {amount}").format(amount=fmt.amount(report.total_revenue, currency)),
    ]
    not_money = not_money_note(report, fmt)
    return lines if not_money is None else [*lines, not_money]


def not_money_note(report: Report, fmt: Formatter) -> str | None:
    """The one line saying which commodities were left out as never money (SPEC 11)."""
    if not report.not_money:
        return None
    return _(
        "Left out as not money (no price to {currency} anywhere in the ledger): {items}."
    ).format(
        currency=report.currency,
        items=join(
            [
                n_(
                    "{commodity} ({count} posting)", "{commodity} ({count} postings)", row.postings
                ).format(commodity=row.commodity, count=fmt.count(row.postings))
                for row in report.not_money
            ],
            ", ",
        ),
    )


def subtitle(report: Report, fmt: Formatter) -> str:
    """The line under the title: period, currency, attribution model."""
    period = report.period
    return _("{start} to {end} · amounts in {currency} · attribution: {model}").format(
        start=fmt.date(period.start if period else None),
        end=fmt.date(period.end if period else None),
        currency=report.currency or "?",
        model=report.model,
    )


# -- charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    """A chart ready for the macro: the SVG geometry and its words.

    Colours are CSS classes (``series-cost``, ``series-revenue``, ``series-net``,
    ``series-net negative``, ``series-cumulative``), set by each page's style.
    """

    caption: str
    svg: charts.Chart
    legend: list[tuple[str, str]]
    fmt: Formatter
    names: dict[str, str]
    line_titles: list[str]

    def css(self, bar: charts.Bar) -> str:
        return f"series-{bar.series}" + (" negative" if bar.negative else "")

    def bar_title(self, bar: charts.Bar) -> str:
        """What a bar's tooltip says: ``Blog · Cost: 7,332.89``."""
        return _("{label} · {series}: {value}").format(
            label=bar.label, series=self.names[bar.series], value=self.fmt.money(bar.value)
        )

    def tick(self, value: Decimal) -> str:
        return self.fmt.count(int(value)) if value == int(value) else self.fmt.money(value)


def chart_views(
    report: Report, fmt: Formatter, timeline: Sequence[IntervalFigures] | None = None
) -> list[ChartView]:
    """Cost and revenue by channel; net by interval (months by default) and cumulative net."""
    names = {column.key: column.title for column in (schema.COST, schema.REVENUE, schema.NET)}
    by_channel = charts.bar_chart(
        [
            (shown_name(row), [("cost", row.cost), ("revenue", row.revenue)])
            for row in report.channels
        ]
    )
    rows = report.month_totals if timeline is None else timeline
    (cumulative,) = pick(schema.month_columns(report), "cumulative_net")
    by_time = charts.bar_chart(
        [(row.label, [("net", row.net)]) for row in rows], line=[row.cumulative_net for row in rows]
    )
    return [
        ChartView(
            _("Cost and revenue by channel"),
            by_channel,
            [(names["cost"], "series-cost"), (names["revenue"], "series-revenue")],
            fmt,
            names,
            [],
        ),
        ChartView(
            _("Net over time, and cumulative net"),
            by_time,
            [(names["net"], "series-net"), (cumulative.title, "series-cumulative")],
            fmt,
            names,
            [
                _("{month} · cumulative net: {value}").format(
                    month=row.label, value=fmt.money(row.cumulative_net)
                )
                for row in rows
            ],
        ),
    ]
