"""What people see of a report: the views shared by the HTML report and the Fava page
(and, for their tables and notes, the text and Markdown reports).

Tables with their cells written in the current language, the summary cards,
the charts and their words, the notes under the channel tables, the checks
and the errors. Their markup is ``templates/_macros.html``, which both the
HTML report and the Fava page import (``TEMPLATES`` finds it). Every column
comes from ``schema``; no figure is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import Any

import jinja2

from beancount_timeroi.i18n import _, n_
from beancount_timeroi.render import charts, schema
from beancount_timeroi.render.columns import Column, pick, shown_name
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import (
    BudgetFigures,
    ContentFigures,
    Figures,
    IntervalFigures,
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

    return figure.of(
        itemgetter(model), key=model, heading=f"{model} *" if in_use else model, literal=True
    )


def _channel_of(channel: Column[Any]) -> Column[ByModel]:
    """The channel (or content) column of the models table, for a row of the comparison."""

    def first(row: ByModel) -> Any:
        return next(iter(row.values()))

    return channel.of(first)


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
            notes.append(
                _("{channel}: {reasons}").format(channel=channel, reasons="; ".join(reasons))
            )
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
        items=", ".join(
            n_(
                "{commodity} ({count} posting)", "{commodity} ({count} postings)", row.postings
            ).format(commodity=row.commodity, count=fmt.count(row.postings))
            for row in report.not_money
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
