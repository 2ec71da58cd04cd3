"""The report as one self-contained, printable HTML page.

Everything is inline (styles, SVG charts); nothing is fetched from the
network. The page is rendered by Jinja2 with autoescaping, so every text that
comes from the ledger (payees, narrations, names, messages) is shown as
text, never as markup.
"""

from __future__ import annotations

import jinja2

from beancount_timeroi.i18n import _, language
from beancount_timeroi.render import groupings, schema, views
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import Report

_ENV = jinja2.Environment(
    loader=views.TEMPLATES,
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(report: Report, fmt: Formatter | None = None) -> str:
    fmt = fmt or Formatter(currency=report.currency)
    channel_tables = [views.cost_and_return(report), views.per_hour_and_client(report)]
    breakdowns = [
        *views.model_comparison(report),
        views.activities(report),
        views.people(report),
        views.months(report),
    ]
    budgets = groupings.budgets(report)
    template = _ENV.get_template("report.html")
    return template.render(
        lang="fr-CA" if language() == "fr" else "en",  # the page's language, for readers
        report=report,
        heading=_("Social-media ROI"),
        subtitle=views.subtitle(report, fmt),
        cards=views.cards(report, fmt),
        channel_tables=[views.table_view(t, fmt) for t in channel_tables]
        if report.channels
        else [],
        notes=views.flag_notes(report, fmt),
        not_money=views.not_money_note(report, fmt),
        charts=views.chart_views(report, fmt),
        content_tables=[views.table_view(t, fmt) for t in groupings.contents(report)],
        budget_table=None if budgets is None else views.table_view(budgets, fmt),
        budget_notes=groupings.budget_notes(report, fmt),
        comparison_title=groupings.comparison_title(report),
        comparison_tables=[views.table_view(t, fmt) for t in groupings.comparison(report)],
        breakdown_tables=[views.table_view(t, fmt) for t in breakdowns if t.rows],
        checks_tables=[views.table_view(views.checks(report), fmt)],
        errors=views.error_views(report, fmt),
        schedules=[views.table_view(t, fmt) for t in views.schedules(report)],
        sources=[column.title for column in schema.SOURCES],
        t=words(),
    )


def words() -> dict[str, str]:
    """The report's own words, in the current language (the template holds none)."""
    return {
        "summary": _("Summary"),
        "channels": _("Channels"),
        "empty": _("No channel has hours, costs or revenue in this period."),
        "flag_legend": _(
            "marks a channel whose hours earned less than they would have "
            "billed, or whose ROI is negative:"
        ),
        "charts": _("Charts"),
        "budgets": _("Budgets"),
        "over_budget": _("! Over budget:"),
        "contents": _("Content"),
        "contents_intro": groupings.contents_intro(),
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
        "generated_by": _("Made by beancount-timeroi from the files above."),
    }
