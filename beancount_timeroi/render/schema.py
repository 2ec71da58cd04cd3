"""The report's tables, each column declared once for every format.

Each table is a sequence of ``columns.Column``: its key, heading, kind and
how to read it from a row (``columns`` says how each format writes it). A
renderer chooses the columns it shows with ``pick`` (the two channel tables
people read, or the full summary row of the JSON report), and never declares
one of its own. No figure is computed here.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import Any

from beancount_timeroi.i18n import N_, _
from beancount_timeroi.render.columns import (
    Column,
    Columns,
    Label,
    field,
    row_name,
    shown_name,
)
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import (
    NO_ACTIVITY,
    Breakdown,
    Figures,
    IntervalFigures,
    ModelFigures,
    PostingLine,
    Report,
    ShareLine,
    TimeLine,
)

UNATTRIBUTED = "unattributed"
UNCONVERTED = "unconverted"
"""What a schedule's rule column says of an income posting no rule attributed, or one
left out for want of a price."""


# -- columns that several tables share ---------------------------------------------------

HOURS = field("hours", N_("Hours"), "hours", exact=attrgetter("hours_exact"))
TIME_COST = field("time_cost", N_("Time cost"), "money")
COST = field("cost", N_("Cost"), "money")
REVENUE = field("revenue", N_("Revenue"), "money")
NET = field("net", N_("Net"), "money")
ROI = field("roi", N_("ROI"), "ratio")
DATE = field("date", N_("Date"), "date")
PERSON = field("person", N_("Person"), "text")
CLIENT = field("client", N_("Client"), "text")
CHANNEL = field("channel", N_("Channel"), "text")
FILE: Column[Any] = Column("file", N_("File"), "text", lambda row: row.location.file)
LINE: Column[Any] = Column("line", N_("Line"), "line", lambda row: row.location.line)
SOURCE: Column[Any] = Column(
    "source", N_("Source"), "text", lambda row: f"{row.location.file}:{row.location.line}"
)


# -- the channel summary (Figures: a channel, or the totals) ------------------------------


def _channel_label(row: Figures, fmt: Formatter) -> str:
    """The channel's name, marked with '!' when its time would have earned more billed
    or its ROI is negative."""
    name = shown_name(row)
    return f"{name} !" if row.flagged else name


SUMMARY: Columns = (
    Column("channel", N_("Channel"), "text", attrgetter("channel"), show=_channel_label),
    Column("name", N_("Name"), "message", row_name),
    HOURS,
    TIME_COST,
    field("cash_cost", N_("Cash cost"), "money"),
    COST,
    REVENUE,
    NET,
    ROI,
    field("revenue_per_hour", N_("Revenue/hour"), "money"),
    field("avg_rate", N_("Avg rate"), "money"),
    field("contracts", N_("Contracts"), "count"),
    field("clients", N_("Clients"), "count"),
    field("new_clients", N_("New clients"), "count"),
    field("cost_per_new_client", N_("Cost/new client"), "money"),
)
"""Every field of a channel row, in the order of the JSON report (SPEC 5.1)."""


def _flag_note(row: Figures) -> str | None:
    notes = []
    if row.below_billable:
        notes.append(_("revenue/hour below the avg rate: the time would have earned more billed"))
    if row.negative_roi:
        notes.append(_("negative ROI"))
    return "; ".join(notes) or None


NOTE = Column("note", N_("Note"), "message", _flag_note)
"""Why a channel is flagged, in words (the workbook's last Summary column)."""


# -- months, activities, people ------------------------------------------------------------


def month_columns(report: Report) -> Columns:
    """A month's figures, for one channel (``months``) or all (``month_totals``)."""

    def name(row: IntervalFigures) -> str | None:
        return report.name(row.channel) if row.channel else None

    return (
        Column("month", N_("Month"), "month", attrgetter("label")),
        CHANNEL,
        Column("name", N_("Name"), "text", name),
        HOURS,
        COST,
        REVENUE,
        NET,
        field("cumulative_net", N_("Cumulative net"), "money"),
    )


def _activity(row: Breakdown) -> str:
    return Label(row.key) if row.key == NO_ACTIVITY else row.key


ACTIVITIES: Columns = (Column("activity", N_("Activity"), "message", _activity), HOURS, TIME_COST)
PEOPLE: Columns = (Column("person", N_("Person"), "text", attrgetter("key")), HOURS, TIME_COST)


# -- the schedules ------------------------------------------------------------------------


def time_log_columns(report: Report) -> Columns:
    """One valued time entry; people read the channel's name, programs its slug."""

    def channel_name(line: TimeLine, fmt: Formatter) -> str:
        return report.name(line.channel)

    return (
        DATE,
        PERSON,
        Column("channel", N_("Channel"), "text", attrgetter("channel"), show=channel_name),
        field("activity", N_("Activity"), "text"),
        field("description", N_("Description"), "text"),
        field("hours", N_("Hours"), "hours4", exact=attrgetter("hours_exact")),
        field("rate", N_("Rate"), "money"),
        field("value", N_("Value"), "money"),
        FILE,
        LINE,
        SOURCE,
    )


RATES: Columns = (
    PERSON,
    field("since", N_("Since"), "date", blank=N_("the beginning")),
    field("rate", N_("Rate"), "money", unit=attrgetter("currency")),
    field("currency", N_("Currency"), "text"),
    FILE,
    LINE,
    SOURCE,
)


def _amount(line: PostingLine) -> Decimal | None:
    """A posting's amount in the report currency; none for one left unconverted."""
    return None if line.rule == UNCONVERTED else line.amount


def posting_columns(report: Report) -> Columns:
    """An income or cash-cost posting with its channel shares (``share_columns`` spreads
    them one column per channel)."""

    def shares(line: PostingLine, fmt: Formatter) -> str:
        return ", ".join(
            f"{report.name(share.channel)} {fmt.money(share.amount)}" for share in line.shares
        )

    return (
        DATE,
        CLIENT,
        field("payee", N_("Payee"), "text"),
        field("narration", N_("Narration"), "text"),
        field("account", N_("Account"), "text"),
        Column("amount", N_("Amount"), "money", _amount),
        field("original", N_("Original"), "text"),
        Column("shares", N_("Channel shares"), "shares", attrgetter("shares"), show=shares),
        field("rule", N_("Rule"), "text"),
        field("kind", None, "text"),
        FILE,
        LINE,
        SOURCE,
    )


def share_columns(report: Report) -> list[Column[PostingLine]]:
    """One column per channel of the report: its share of each posting (key: the
    channel's slug; heading: its name)."""

    def share(channel: str) -> Callable[[PostingLine], Decimal | None]:
        def get(line: PostingLine) -> Decimal | None:
            found: list[ShareLine] = [item for item in line.shares if item.channel == channel]
            return found[0].amount if found else None

        return get

    return [
        Column(
            row.channel,
            shown_name(row),
            "money",
            share(row.channel),
            literal=True,
        )
        for row in report.channels
        if row.channel
    ]


def income_schedule(report: Report) -> list[PostingLine]:
    """Every income posting of the period: attributed (with its rule), unattributed and
    unconverted (the rule column says so), by date and place in the ledger."""
    lines = [
        *report.attribution,
        *unattributed_schedule(report),
        *(line._replace(rule=UNCONVERTED) for line in report.unconverted if line.kind == "income"),
    ]
    return sorted(lines, key=lambda line: (line.date, line.location.file, line.location.line))


def unattributed_schedule(report: Report) -> list[PostingLine]:
    return [line._replace(rule=UNATTRIBUTED) for line in report.unattributed]


# -- models, checks, errors and the rest --------------------------------------------------


def _model_channel(row: ModelFigures, fmt: Formatter) -> str:
    return row.name


MODELS: Columns = (
    field("model", N_("Attribution model"), "text"),
    Column("channel", N_("Channel"), "text", attrgetter("channel"), show=_model_channel),
    field("name", N_("Name"), "text"),
    REVENUE,
    COST,
    NET,
    ROI,
)
CHECKS: Columns = (
    field("name", N_("Check"), "text"),
    field("ok", N_("Result"), "bool"),
    field("detail", N_("Detail"), "message"),
)
ERRORS: Columns = (
    Column("file", N_("Error in"), "text", lambda error: error.location.file),
    LINE,
    field("message", N_("Message"), "message"),
)
SOURCES: Columns = (
    field("file", N_("File"), "text"),
    field("sha256", "SHA-256", "text", literal=True),
)
NOT_MONEY: Columns = (
    field("commodity", None, "text"),
    field("postings", None, "count"),
    field("units", None, "number"),
)
NEW_CLIENTS: Columns = (CHANNEL, CLIENT, DATE, FILE, LINE)
PLAN: Columns = (
    field("hours_per_week", N_("Your hours per week in this period"), "hours"),
    field("rate", N_("Your current hourly rate"), "money"),
    field("hours_per_month", N_("Hours per month"), "hours"),
    field("cost_per_month", N_("Time invested per month"), "money"),
    field("cost_per_year", N_("Time invested per year"), "money"),
    field("break_even_per_month", None, "money"),
    field("break_even_per_year", None, "money"),
)
