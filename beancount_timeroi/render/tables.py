"""The report's tables, defined once for every format.

A table is a title, its columns and its rows. Each column knows how to get
its value from a row and what kind of figure it is; the text, Markdown and
HTML renderers format the values for people, the CSV renderer writes them as
plain machine values. No figure is computed here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount_timeroi.i18n import _, join, n_, translate
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import NO_ACTIVITY, Breakdown, Check, Figures, ModelFigures, Report

Value = Decimal | int | str | None


@dataclass(frozen=True)
class Column:
    """One column: machine key, human label, how to read it, what kind of figure."""

    key: str
    label: str
    get: Callable[[Any], Value]
    kind: str = "text"  # text, money, hours, percent, count

    @property
    def numeric(self) -> bool:
        return self.kind != "text"

    def human(self, row: Any, fmt: Formatter) -> str:
        value = self.get(row)
        if self.kind in ("money", "hours"):
            return fmt.money(value)  # type: ignore[arg-type]
        if self.kind == "percent":
            return fmt.percent(value)  # type: ignore[arg-type]
        if self.kind == "count":
            return fmt.count(value)  # type: ignore[arg-type]
        return "" if value is None else str(value)

    def machine(self, row: Any) -> str:
        value = self.get(row)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Table:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Any]
    footer: Sequence[Any] = ()

    def human(self, fmt: Formatter) -> list[list[str]]:
        return [
            [column.human(row, fmt) for column in self.columns]
            for row in [*self.rows, *self.footer]
        ]


def channel_label(row: Figures) -> str:
    """The channel's name, marked with '!' when its time would have earned more billed
    or its ROI is negative."""
    name = _(row.name) if row.channel is None else row.name
    return f"{name} !" if row.flagged else name


def cost_and_return(report: Report) -> Table:
    return Table(
        _("Cost and return"),
        [
            Column("name", _("Channel"), channel_label),
            Column("hours", _("Hours"), lambda r: r.hours, "hours"),
            Column("time_cost", _("Time cost"), lambda r: r.time_cost, "money"),
            Column("cash_cost", _("Cash cost"), lambda r: r.cash_cost, "money"),
            Column("cost", _("Cost"), lambda r: r.cost, "money"),
            Column("revenue", _("Revenue"), lambda r: r.revenue, "money"),
            Column("net", _("Net"), lambda r: r.net, "money"),
            Column("roi", _("ROI"), lambda r: r.roi, "percent"),
        ],
        report.channels,
        [report.totals],
    )


def per_hour_and_client(report: Report) -> Table:
    return Table(
        _("Per hour and per client"),
        [
            Column("name", _("Channel"), channel_label),
            Column("revenue_per_hour", _("Revenue/hour"), lambda r: r.revenue_per_hour, "money"),
            Column("avg_rate", _("Avg rate"), lambda r: r.avg_rate, "money"),
            Column("contracts", _("Contracts"), lambda r: r.contracts, "count"),
            Column("clients", _("Clients"), lambda r: r.clients, "count"),
            Column("new_clients", _("New clients"), lambda r: r.new_clients, "count"),
            Column(
                "cost_per_new_client",
                _("Cost/new client"),
                lambda r: r.cost_per_new_client,
                "money",
            ),
        ],
        report.channels,
        [report.totals],
    )


def summary_columns() -> list[Column]:
    """Every field of a channel row, under its JSON name (for CSV)."""
    return [
        Column("channel", "channel", lambda r: r.channel),
        Column("name", "name", lambda r: r.name),
        Column("hours", "hours", lambda r: r.hours, "hours"),
        Column("time_cost", "time_cost", lambda r: r.time_cost, "money"),
        Column("cash_cost", "cash_cost", lambda r: r.cash_cost, "money"),
        Column("cost", "cost", lambda r: r.cost, "money"),
        Column("revenue", "revenue", lambda r: r.revenue, "money"),
        Column("net", "net", lambda r: r.net, "money"),
        Column("roi", "roi", lambda r: r.roi, "percent"),
        Column("revenue_per_hour", "revenue_per_hour", lambda r: r.revenue_per_hour, "money"),
        Column("avg_rate", "avg_rate", lambda r: r.avg_rate, "money"),
        Column("contracts", "contracts", lambda r: r.contracts, "count"),
        Column("clients", "clients", lambda r: r.clients, "count"),
        Column("new_clients", "new_clients", lambda r: r.new_clients, "count"),
        Column(
            "cost_per_new_client", "cost_per_new_client", lambda r: r.cost_per_new_client, "money"
        ),
    ]


def months(report: Report) -> Table:
    return Table(
        _("Months"),
        [
            Column("month", _("Month"), lambda r: r.month),
            Column("hours", _("Hours"), lambda r: r.hours, "hours"),
            Column("cost", _("Cost"), lambda r: r.cost, "money"),
            Column("revenue", _("Revenue"), lambda r: r.revenue, "money"),
            Column("net", _("Net"), lambda r: r.net, "money"),
            Column("cumulative_net", _("Cumulative net"), lambda r: r.cumulative_net, "money"),
        ],
        report.month_totals,
    )


def month_channels(report: Report) -> Table:
    return Table(
        _("Months by channel"),
        [
            Column("month", _("Month"), lambda r: r.month),
            Column("channel", _("Channel"), lambda r: r.channel),
            Column("hours", _("Hours"), lambda r: r.hours, "hours"),
            Column("cost", _("Cost"), lambda r: r.cost, "money"),
            Column("revenue", _("Revenue"), lambda r: r.revenue, "money"),
        ],
        report.months,
    )


def breakdown(title: str, label: str, rows: Sequence[Breakdown]) -> Table:
    return Table(
        title,
        [
            Column("key", label, lambda r: _(r.key) if r.key == NO_ACTIVITY else r.key),
            Column("hours", _("Hours"), lambda r: r.hours, "hours"),
            Column("time_cost", _("Time cost"), lambda r: r.time_cost, "money"),
        ],
        rows,
    )


def activities(report: Report) -> Table:
    return breakdown(_("Hours by activity"), _("Activity"), report.activities)


def people(report: Report) -> Table:
    return breakdown(_("Hours by person"), _("Person"), report.people)


def checks(report: Report) -> Table:
    return Table(
        _("Checks"),
        [
            Column("name", _("Check"), lambda c: c.name),
            Column("ok", _("Result"), lambda c: _("ok") if c.ok else _("FAILED")),
            Column("detail", _("Detail"), lambda c: translate(c.detail)),
        ],
        report.checks,
    )


def check_line(check: Check) -> str:
    return _("{name}: {detail}").format(name=check.name, detail=translate(check.detail))


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
            notes.append(_("{channel}: {reasons}").format(channel=row.name, reasons=join(reasons)))
    return notes


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


def model_comparison(report: Report) -> list[Table]:
    """Revenue, net and ROI of each channel under each attribution model (SPEC 9):
    one table per figure, a column per model, the model in use marked with '*'."""
    if not report.models:
        return []
    by_channel: dict[str, dict[str, ModelFigures]] = {}
    for figures in report.models:
        by_channel.setdefault(figures.channel, {})[figures.model] = figures
    rows = [
        (next(iter(channel_rows.values())).name, channel_rows)
        for channel_rows in by_channel.values()
    ]
    models = list(dict.fromkeys(figures.model for figures in report.models))

    def column(model: str, pick: Callable[[ModelFigures], Value], kind: str) -> Column:
        def get(row: Any) -> Value:
            return pick(row[1][model])

        return Column(model, f"{model} *" if model == report.model else model, get, kind)

    def columns(pick: Callable[[ModelFigures], Value], kind: str) -> list[Column]:
        return [
            Column("name", _("Channel"), lambda row: row[0]),
            *(column(model, pick, kind) for model in models),
        ]

    return [
        Table(_("Revenue by attribution model"), columns(lambda f: f.revenue, "money"), rows),
        Table(_("Net by attribution model"), columns(lambda f: f.net, "money"), rows),
        Table(_("ROI by attribution model"), columns(lambda f: f.roi, "percent"), rows),
    ]
