"""The report as one self-contained, printable HTML page.

Everything is inline (styles, SVG charts); nothing is fetched from the
network. The page is rendered by Jinja2 with autoescaping, so every text that
comes from the ledger (payees, narrations, names, messages) is shown as
text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import jinja2

from beancount_timeroi.i18n import _, language, translate
from beancount_timeroi.render import charts, tables
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import Figures, MonthFigures, PostingLine, Report

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("beancount_timeroi.render", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["words"] = translate  # a message of the report, in the page's language


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool
    negative: bool


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    flagged: bool = False


@dataclass(frozen=True)
class TableView:
    title: str
    headers: list[tuple[str, bool]]
    rows: list[Row]
    footer: list[Row]


def table_view(table: tables.Table, fmt: Formatter) -> TableView:
    def row(item: Any) -> Row:
        cells = []
        for column in table.columns:
            value = column.get(item)
            negative = column.numeric and isinstance(value, Decimal) and value < 0
            cells.append(Cell(column.human(item, fmt), column.numeric, negative))
        return Row(cells, isinstance(item, Figures) and item.flagged)

    return TableView(
        table.title,
        [(column.label, column.numeric) for column in table.columns],
        [row(item) for item in table.rows],
        [row(item) for item in table.footer],
    )


@dataclass(frozen=True)
class ChartView:
    """A chart ready for the template: the SVG geometry and its words.

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
            label=bar.label, series=self.series_name(bar.series), value=self.value(bar.value)
        )

    def series_name(self, series: str) -> str:
        return self.names[series]

    def value(self, value: Decimal) -> str:
        return self.fmt.money(value)

    def tick(self, value: Decimal) -> str:
        return self.fmt.count(int(value)) if value == int(value) else self.fmt.money(value)


def chart_views(
    report: Report, fmt: Formatter, timeline: Sequence[MonthFigures] | None = None
) -> list[ChartView]:
    """Cost and revenue by channel; net by interval (months by default) and cumulative net."""
    names = {"cost": _("Cost"), "revenue": _("Revenue"), "net": _("Net")}
    by_channel = charts.bar_chart(
        [(row.name, [("cost", row.cost), ("revenue", row.revenue)]) for row in report.channels]
    )
    rows = report.month_totals if timeline is None else timeline
    by_time = charts.bar_chart(
        [(row.month, [("net", row.net)]) for row in rows], line=[row.cumulative_net for row in rows]
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
            [(names["net"], "series-net"), (_("Cumulative net"), "series-cumulative")],
            fmt,
            names,
            [
                _("{month} · cumulative net: {value}").format(
                    month=row.month, value=fmt.money(row.cumulative_net)
                )
                for row in rows
            ],
        ),
    ]


def _shares(line: PostingLine, report: Report, fmt: Formatter) -> str:
    return ", ".join(
        f"{report.name(share.channel)} {fmt.money(share.amount)}" for share in line.shares
    )


def posting_table(
    title: str, lines: Sequence[PostingLine], report: Report, fmt: Formatter
) -> tables.Table:
    return tables.Table(
        title,
        [
            tables.Column("date", _("Date"), lambda line: line.date.isoformat()),
            tables.Column("client", _("Client"), lambda line: line.client),
            tables.Column("narration", _("Narration"), lambda line: line.narration),
            tables.Column("account", _("Account"), lambda line: line.account),
            tables.Column("amount", _("Amount"), lambda line: line.amount, "money"),
            tables.Column("original", _("Original"), lambda line: line.original),
            tables.Column("shares", _("Channel shares"), lambda line: _shares(line, report, fmt)),
            tables.Column("rule", _("Rule"), lambda line: line.rule),
            tables.Column(
                "source", _("Source"), lambda line: f"{line.location.file}:{line.location.line}"
            ),
        ],
        lines,
    )


def schedules(report: Report, fmt: Formatter) -> list[tables.Table]:
    time_log = tables.Table(
        _("Time log"),
        [
            tables.Column("date", _("Date"), lambda line: line.date.isoformat()),
            tables.Column("person", _("Person"), lambda line: line.person),
            tables.Column("channel", _("Channel"), lambda line: report.name(line.channel)),
            tables.Column("activity", _("Activity"), lambda line: line.activity),
            tables.Column("description", _("Description"), lambda line: line.description),
            tables.Column("hours", _("Hours"), lambda line: line.hours, "hours"),
            tables.Column("rate", _("Rate"), lambda line: line.rate, "money"),
            tables.Column("value", _("Value"), lambda line: line.value, "money"),
            tables.Column(
                "source", _("Source"), lambda line: f"{line.location.file}:{line.location.line}"
            ),
        ],
        report.time_log,
    )
    rates = tables.Table(
        _("Rates"),
        [
            tables.Column("person", _("Person"), lambda line: line.person),
            tables.Column(
                "since",
                _("Since"),
                lambda line: line.since.isoformat() if line.since else _("the beginning"),
            ),
            tables.Column("rate", _("Rate"), lambda line: line.rate, "money"),
            tables.Column("currency", _("Currency"), lambda line: line.currency),
            tables.Column(
                "source", _("Source"), lambda line: f"{line.location.file}:{line.location.line}"
            ),
        ],
        report.rates,
    )
    result = [
        time_log,
        rates,
        posting_table(_("Attributed income"), report.attribution, report, fmt),
        posting_table(_("Unattributed income"), report.unattributed, report, fmt),
        posting_table(_("Cash costs"), report.cash_costs, report, fmt),
    ]
    if report.unconverted:
        result.append(
            posting_table(_("Postings left out (no price)"), report.unconverted, report, fmt)
        )
    return result


def render(report: Report, fmt: Formatter | None = None) -> str:
    fmt = fmt or Formatter(currency=report.currency)
    totals = report.totals
    cards = [
        (_("Hours"), fmt.hours(totals.hours)),
        (_("Cost (time + cash)"), fmt.amount(totals.cost, report.currency)),
        (_("Revenue"), fmt.amount(totals.revenue, report.currency)),
        (_("Net"), fmt.amount(totals.net, report.currency)),
        (_("ROI"), fmt.percent(totals.roi)),
        (_("Unattributed revenue"), fmt.amount(report.unattributed_revenue, report.currency)),
        (_("Total revenue"), fmt.amount(report.total_revenue, report.currency)),
    ]
    channel_tables = [tables.cost_and_return(report), tables.per_hour_and_client(report)]
    template = _ENV.get_template("report.html")
    return template.render(
        lang="fr-CA" if language() == "fr" else "en",  # the page's language, for readers
        report=report,
        heading=_("Social-media ROI"),
        subtitle=tables.subtitle(report, fmt),
        cards=[{"label": label, "value": value} for label, value in cards],
        channel_tables=[table_view(t, fmt) for t in channel_tables] if report.channels else [],
        notes=tables.flag_notes(report, fmt),
        not_money=tables.not_money_note(report, fmt),
        charts=chart_views(report, fmt),
        breakdown_tables=[
            table_view(t, fmt)
            for t in (
                *tables.model_comparison(report),
                tables.activities(report),
                tables.people(report),
                tables.months(report),
            )
            if t.rows
        ],
        checks_tables=[table_view(tables.checks(report), fmt)],
        schedules=[table_view(t, fmt) for t in schedules(report, fmt)],
        t={
            "summary": _("Summary"),
            "channels": _("Channels"),
            "empty": _("No channel has hours, costs or revenue in this period."),
            "flag_legend": _(
                "marks a channel whose hours earned less than they would have "
                "billed, or whose ROI is negative:"
            ),
            "charts": _("Charts"),
            "reconciliation": _("Reconciliation"),
            "reconciliation_intro": _(
                "Every figure above comes from the schedules below: each time entry with its "
                "rate and value, each income posting with its channel shares and the rule "
                "that gave them, and each cash cost. Each line names the file and line of "
                "the ledger it comes from."
            ),
            "errors": _("Errors"),
            "none": _("None in this period."),
            "sources": _("Sources"),
            "file": _("File"),
            "generated_by": _("Made by beancount-timeroi from the files above."),
        },
    )
