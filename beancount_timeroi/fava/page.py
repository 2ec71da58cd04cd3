"""What the Fava page shows, prepared from the engine's ``Report``.

Only presentation happens here: figures are formatted, tables and charts laid
out, links prepared. Every number comes from the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from beancount.core import compare

from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.i18n import _, n_, translate
from beancount_timeroi.render import html_report, tables
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import NewClient, PostingLine, Report, ReportError

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.fava import TimeRoi


@dataclass(frozen=True)
class Link:
    """A place in the ledger: its file for Fava's editor, its line, and the entry's hash."""

    file: str
    line: int
    entry_hash: str | None = None


@dataclass(frozen=True)
class IncomeLine:
    line: PostingLine
    amount: str
    link: Link


@dataclass(frozen=True)
class ErrorLine:
    error: ReportError
    link: Link
    message: str


@dataclass(frozen=True)
class PlanView:
    """ "What does my time cost": the plan arithmetic on the period's actual hours."""

    rows: list[tuple[str, str]]
    break_even: str


@dataclass
class PageView:
    """The page: headline figures, tables, charts, lists, checks and errors."""

    report: Report | None
    failure: str | None = None
    subtitle: str = ""
    cards: list[tuple[str, str, bool]] = field(default_factory=list)
    channel_tables: list[html_report.TableView] = field(default_factory=list)
    slugs: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_money: str | None = None
    charts: list[html_report.ChartView] = field(default_factory=list)
    breakdowns: list[html_report.TableView] = field(default_factory=list)
    plan: PlanView | None = None
    new_clients: list[str] = field(default_factory=list)
    unattributed: list[IncomeLine] = field(default_factory=list)
    unattributed_total: str = ""
    models: list[html_report.TableView] = field(default_factory=list)
    other_models: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    errors: list[ErrorLine] = field(default_factory=list)
    other_errors: str = ""
    t: dict[str, str] = field(default_factory=lambda: page_text())

    @classmethod
    def failed(cls, message: str) -> PageView:
        return cls(None, failure=message)


def build_page(report: Report, extension: TimeRoi, fmt: Formatter | None = None) -> PageView:
    fmt = fmt or Formatter(currency=report.currency)
    currency = report.currency
    totals = report.totals
    view = PageView(report, subtitle=tables.subtitle(report, fmt))
    view.cards = [
        (_("Hours"), fmt.hours(totals.hours), False),
        (_("Cost (time + cash)"), fmt.amount(totals.cost, currency), False),
        (_("Revenue"), fmt.amount(totals.revenue, currency), False),
        (_("Net"), fmt.amount(totals.net, currency), totals.net < 0),
        (_("ROI"), fmt.percent(totals.roi), totals.negative_roi),
        (_("Unattributed revenue"), fmt.amount(report.unattributed_revenue, currency), False),
    ]
    if report.channels:
        view.channel_tables = [
            html_report.table_view(table, fmt)
            for table in (tables.cost_and_return(report), tables.per_hour_and_client(report))
        ]
        view.slugs = [row.channel for row in report.channels]
        view.charts = html_report.chart_views(report, fmt, report.series)
    view.notes = tables.flag_notes(report, fmt)
    view.not_money = tables.not_money_note(report, fmt)
    view.breakdowns = [
        html_report.table_view(table, fmt)
        for table in (tables.activities(report), tables.people(report))
        if table.rows
    ]
    if report.plan is not None:
        plan = report.plan
        view.plan = PlanView(
            [
                (_("Your hours per week in this period"), fmt.hours(plan.hours_per_week)),
                (_("Your current hourly rate"), fmt.amount(plan.rate, currency)),
                (_("Hours per month"), fmt.hours(plan.hours_per_month)),
                (_("Time invested per month"), fmt.amount(plan.cost_per_month, currency)),
                (_("Time invested per year"), fmt.amount(plan.cost_per_year, currency)),
            ],
            _(
                "To break even, this time must bring {month} of revenue a month, {year} a year."
            ).format(
                month=fmt.amount(plan.break_even_per_month, currency),
                year=fmt.amount(plan.break_even_per_year, currency),
            ),
        )
    by_channel: dict[str, list[NewClient]] = {}
    for item in report.new_client_list:
        by_channel.setdefault(item.channel, []).append(item)
    view.new_clients = [
        _("{channel}: {clients}").format(
            channel=report.name(slug),
            clients=", ".join(
                _("{client} ({date})").format(client=item.client, date=fmt.date(item.date))
                for item in items
            ),
        )
        for slug, items in sorted(by_channel.items())
    ]
    view.unattributed = _income_lines(report.unattributed, extension, fmt)
    view.unattributed_total = fmt.amount(report.unattributed_revenue, currency)
    view.models = [html_report.table_view(table, fmt) for table in tables.model_comparison(report)]
    view.other_models = [model for model in ATTRIBUTION_MODELS if model != report.model]
    view.checks = [(check.name, check.ok, translate(check.detail)) for check in report.checks]
    view.errors = [
        ErrorLine(
            error,
            Link(extension.absolute(error.location.file), error.location.line),
            translate(error.message),
        )
        for error in report.errors
        if error.ours
    ]
    others = sum(1 for error in report.errors if not error.ours)
    if others:
        view.other_errors = n_(
            "The ledger has {count} other error, listed on Fava's page",
            "The ledger has {count} other errors, listed on Fava's page",
            others,
        ).format(count=fmt.count(others))
    return view


def page_text() -> dict[str, str]:
    """The page's own words, in the current language (the template holds none)."""
    return {
        "link_title": _("This channel's entries in the journal"),
        "empty": _("No channel has hours, costs or revenue in this period."),
        "flag_legend": _(
            "! marks a channel whose hours earned less than they would have "
            "billed, or whose ROI is negative:"
        ),
        "plan": _("What does my time cost?"),
        "plan_note": _(
            "Your own time entries (without who:) in this period, at your rate "
            "on its last day; a month is 52/12 weeks."
        ),
        "new_clients": _("New clients"),
        "no_new_client": _("No new client in this period."),
        "models": _("Attribution models"),
        "models_intro": _(
            "Income with no channel of its own goes to the channels of the "
            "client's touches; the model decides how."
        ),
        "model_in_use": _("This page uses the model"),
        "other_models": _(
            "Show it with another model (for this page only: the config's model does not change):"
        ),
        "model_mark": _("* the model in use."),
        "unattributed": _("Unattributed income"),
        "unattributed_intro": _(
            "Income that no tag, channel: or touch ties to a channel; "
            "add a channel tag, channel: metadata or a touch for the "
            "client. Total:"
        ),
        "all_attributed": _("All income in this period is attributed to a channel."),
        "date": _("Date"),
        "client": _("Client"),
        "narration": _("Narration"),
        "account": _("Account"),
        "amount": _("Amount"),
        "source": _("Source"),
        "checks": _("Checks"),
        "ok": _("ok"),
        "failed": _("FAILED"),
        "errors": _("Errors"),
        "no_error": _("No timeroi error."),
        "errors_page": _("Errors"),
    }


def _income_lines(
    lines: Sequence[PostingLine], extension: TimeRoi, fmt: Formatter
) -> list[IncomeLine]:
    def place(line: PostingLine) -> tuple[str, int]:
        where = line.transaction or line.location
        return extension.absolute(where.file), where.line

    entries = extension.transactions_at({place(line) for line in lines})
    result = []
    for line in lines:
        file, lineno = place(line)
        entry: Any = entries.get((file, lineno))
        entry_hash = compare.hash_entry(entry) if entry is not None else None
        result.append(IncomeLine(line, fmt.money(line.amount), Link(file, lineno, entry_hash)))
    return result
