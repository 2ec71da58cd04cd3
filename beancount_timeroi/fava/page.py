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
from beancount_timeroi.fava.logform import form_text, log_form
from beancount_timeroi.i18n import _, n_
from beancount_timeroi.ledgerlines import NewClient, PostingLine
from beancount_timeroi.render import groupings, schema, views
from beancount_timeroi.render.columns import Column, pick
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import Report

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.fava import TimeRoi
    from beancount_timeroi.fava.logform import LogForm

UNATTRIBUTED = "date client narration account amount source"
"""The columns of the page's unattributed income."""


@dataclass(frozen=True)
class Link:
    """A place in the ledger: its file for Fava's editor, its line, and the entry's hash."""

    file: str
    line: int
    entry_hash: str | None = None


@dataclass(frozen=True)
class IncomeLine:
    """An unattributed income posting: its cells by column key, and where it is."""

    text: dict[str, str]
    link: Link


@dataclass(frozen=True)
class ErrorLine:
    error: views.ErrorView
    link: Link


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
    cards: list[views.Card] = field(default_factory=list)
    channel_tables: list[views.TableView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_money: str | None = None
    charts: list[views.ChartView] = field(default_factory=list)
    breakdowns: list[views.TableView] = field(default_factory=list)
    contents: views.TableView | None = None
    budgets: list[groupings.BudgetBar] = field(default_factory=list)
    comparing: bool = False
    model_arg: str | None = None
    """The page's own ``model`` parameter, kept by its links (None: the config's)."""
    comparison_title: str | None = None
    comparison: list[views.TableView] = field(default_factory=list)
    quiet_contents: str = ""
    plan: PlanView | None = None
    new_clients: list[str] = field(default_factory=list)
    unattributed_headers: list[tuple[str, bool]] = field(default_factory=list)
    unattributed: list[IncomeLine] = field(default_factory=list)
    unattributed_total: str = ""
    models: list[views.TableView] = field(default_factory=list)
    other_models: list[str] = field(default_factory=list)
    checks: list[views.CheckView] = field(default_factory=list)
    errors: list[ErrorLine] = field(default_factory=list)
    other_errors: str = ""
    form: LogForm | None = None
    t: dict[str, str] = field(default_factory=lambda: page_text())

    @classmethod
    def failed(cls, message: str) -> PageView:
        return cls(None, failure=message)


def build_page(report: Report, extension: TimeRoi, fmt: Formatter | None = None) -> PageView:
    fmt = fmt or Formatter(currency=report.currency)
    view = PageView(report, subtitle=views.subtitle(report, fmt))
    time = extension.index().time
    if time is not None:
        view.form = log_form(time)
    view.cards = views.cards(report, fmt, total_revenue=False)
    if report.channels:
        view.channel_tables = [
            views.table_view(table, fmt)
            for table in (views.cost_and_return(report), views.per_hour_and_client(report))
        ]
        view.charts = views.chart_views(report, fmt, report.series)
    view.notes = views.flag_notes(report, fmt)
    view.not_money = views.not_money_note(report, fmt)
    view.breakdowns = [
        views.table_view(table, fmt)
        for table in (views.activities(report), views.people(report))
        if table.rows
    ]
    view.budgets = groupings.budget_bars(report, fmt)
    view.comparing = report.comparison is not None
    view.model_arg = extension.model()
    view.comparison_title = groupings.comparison_title(report)
    view.comparison = [views.table_view(table, fmt) for table in groupings.comparison(report)]
    contents, quiet = groupings.active_contents(report)
    if contents is not None:
        view.contents = views.table_view(contents, fmt)
    if quiet:
        view.quiet_contents = n_(
            "{count} other declared content has no hours, cost or revenue in this period "
            "(the reports list it).",
            "{count} other declared contents have no hours, cost or revenue in this period "
            "(the reports list them).",
            quiet,
        ).format(count=fmt.count(quiet))
    view.plan = _plan(report, fmt)
    view.new_clients = _new_clients(report, fmt)
    columns = pick(schema.posting_columns(report), UNATTRIBUTED)
    view.unattributed_headers = [(column.title, column.numeric) for column in columns]
    view.unattributed = _income_lines(report.unattributed, columns, extension, fmt)
    view.unattributed_total = fmt.amount(report.unattributed_revenue, report.currency)
    view.models = [views.table_view(table, fmt) for table in views.model_comparison(report)]
    view.other_models = [model for model in ATTRIBUTION_MODELS if model != report.model]
    view.checks = views.check_views(report, fmt)
    view.errors = [
        ErrorLine(error, Link(extension.absolute(error.file), error.line))
        for error in views.error_views(report, fmt)
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


def _plan(report: Report, fmt: Formatter) -> PlanView | None:
    """The plan's figures (money with its currency), and what breaking even takes."""
    plan, currency = report.plan, report.currency
    if plan is None:
        return None
    rows = [
        (
            column.title,
            fmt.amount(column.get(plan), currency)
            if column.kind == "money"
            else column.text(plan, fmt),
        )
        for column in pick(
            schema.PLAN, "hours_per_week rate hours_per_month cost_per_month cost_per_year"
        )
    ]
    return PlanView(
        rows,
        _("To break even, this time must bring {month} of revenue a month, {year} a year.").format(
            month=fmt.amount(plan.break_even_per_month, currency),
            year=fmt.amount(plan.break_even_per_year, currency),
        ),
    )


def _new_clients(report: Report, fmt: Formatter) -> list[str]:
    """One line per channel: the clients it brought, with the date of their first income."""
    by_channel: dict[str, list[NewClient]] = {}
    for item in report.new_client_list:
        by_channel.setdefault(item.channel, []).append(item)
    return [
        _("{channel}: {clients}").format(
            channel=report.name(slug),
            clients=", ".join(
                _("{client} ({date})").format(client=item.client, date=fmt.date(item.date))
                for item in items
            ),
        )
        for slug, items in sorted(by_channel.items())
    ]


def page_text() -> dict[str, str]:
    """The page's own words, in the current language (the template holds none)."""
    return {
        "link_title": _("This channel's entries in the journal"),
        "contents": _("Content"),
        "contents_intro": groupings.contents_intro(),
        "content_link_title": _("This content's entries in the journal"),
        "budgets": _("Budgets"),
        "budgets_intro": _(
            'Each budget of the period (its days\' share of each custom "time-budget") '
            "beside what the period used of it; a red bar went over."
        ),
        "compare": _("Compare with the previous period"),
        "stop_comparing": _("Stop comparing"),
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
        "checks": _("Checks"),
        "errors": _("Errors"),
        "no_error": _("No timeroi error."),
        "errors_page": _("Errors"),
        **form_text(),
    }


def _transactions_at(
    entries: Sequence[Any], places: set[tuple[str, int]]
) -> dict[tuple[str, int], Any]:
    """The ledger's transactions at these (file, line) places, to link to them."""
    found: dict[tuple[str, int], Any] = {}
    for entry in entries:
        meta = entry.meta or {}
        key = (str(meta.get("filename")), int(meta.get("lineno") or 0))
        if key in places and type(entry).__name__ == "Transaction":
            found.setdefault(key, entry)
    return found


def _income_lines(
    lines: Sequence[PostingLine],
    columns: Sequence[Column[Any]],
    extension: TimeRoi,
    fmt: Formatter,
) -> list[IncomeLine]:
    def place(line: PostingLine) -> tuple[str, int]:
        where = line.transaction or line.location
        return extension.absolute(where.file), where.line

    places = [place(line) for line in lines]
    entries = _transactions_at(extension.loaded().entries, set(places))
    result = []
    for line, (file, lineno) in zip(lines, places, strict=True):
        entry: Any = entries.get((file, lineno))
        entry_hash = compare.hash_entry(entry) if entry is not None else None
        text = {column.key: column.text(line, fmt) for column in columns}
        result.append(IncomeLine(text, Link(file, lineno, entry_hash)))
    return result
