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
from beancount_timeroi.ledgerlines import PostingLine, TimeLine
from beancount_timeroi.render.columns import (
    TOTAL,
    Column,
    Columns,
    Label,
    field,
    message_text,
    row_name,
    shown_name,
)
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import (
    NO_ACTIVITY,
    Breakdown,
    BudgetFigures,
    ContentFigures,
    ContentModelFigures,
    Figures,
    IntervalFigures,
    ModelFigures,
    Report,
)

UNATTRIBUTED = "unattributed"
UNCONVERTED = "unconverted"
"""What a schedule's rule column says of an income posting no rule attributed, or one
left out for want of a price."""


# -- columns that several tables share ---------------------------------------------------

HOURS = field("hours", N_("Hours"), "hours", exact=attrgetter("hours_exact"))
TIME_COST = field("time_cost", N_("Time cost"), "money")
CASH_COST = field("cash_cost", N_("Cash cost"), "money")
COST = field("cost", N_("Cost"), "money")
REVENUE = field("revenue", N_("Revenue"), "money")
NET = field("net", N_("Net"), "money")
ROI = field("roi", N_("ROI"), "ratio")
DATE = field("date", N_("Date"), "date")
PERSON = field("person", N_("Person"), "text")
CLIENT = field("client", N_("Client"), "text")
CHANNEL = field("channel", N_("Channel"), "text")
FIGURES = (HOURS, TIME_COST, CASH_COST, COST, REVENUE, NET, ROI)
"""The figures of a channel row and of a content row (SPEC 4)."""
CLIENTS = field("clients", N_("Clients"), "count")
NEW_CLIENTS_COUNT = field("new_clients", N_("New clients"), "count")
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
    *FIGURES,
    field("revenue_per_hour", N_("Revenue/hour"), "money"),
    field("avg_rate", N_("Avg rate"), "money"),
    field("contracts", N_("Contracts"), "count"),
    CLIENTS,
    NEW_CLIENTS_COUNT,
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


# -- contents (SPEC 13) ----------------------------------------------------------------------

NO_CONTENT = Label(N_("(no content)"))
"""What people read for the row of the hours, costs and revenue that name no content."""


def _content_label(row: Figures) -> Any:
    """A content row as people read it: its title (its slug when it has none), "(no
    content)" for the row without, "Total" for the sums."""
    if not isinstance(row, ContentFigures) or row.total:
        return TOTAL
    if row.content is None:
        return NO_CONTENT
    return row.title or row.content


def _of_content(key: str) -> Callable[[Figures], Any]:
    """A field of a content row (none on the totals row)."""
    return lambda row: getattr(row, key, None)


def content_columns(report: Report) -> Columns:
    """Every field of a content row, in the order of the JSON report (SPEC 13): slug,
    title, channel (people read its name), publication date, figures, share of the
    period's attributed revenue, hours per activity."""

    def channel_name(row: Figures, fmt: Formatter) -> str:
        return report.name(row.channel) if row.channel else ""

    def activities(row: Figures, fmt: Formatter) -> str:
        return ", ".join(
            f"{message_text(_activity(item), machine=False)} {fmt.hours(item.hours)}"
            for item in getattr(row, "activities", ())
        )

    return (
        Column("content", N_("Content"), "text", _of_content("content")),
        Column("title", N_("Title"), "text", _of_content("title")),
        Column("channel", N_("Channel"), "text", attrgetter("channel"), show=channel_name),
        Column("published", N_("Published"), "date", _of_content("published")),
        *FIGURES,
        CLIENTS,
        NEW_CLIENTS_COUNT,
        Column("revenue_share", N_("Share of revenue"), "ratio", _of_content("revenue_share")),
        Column(
            "activities",
            N_("Hours by activity"),
            "activities",
            _of_content("activities"),
            show=activities,
        ),
        Column("name", N_("Content"), "message", _content_label),
    )


CONTENT_FIELDS = (
    "content title channel published hours time_cost cash_cost cost revenue net roi clients "
    "new_clients revenue_share"
)
"""The fields of a content row every format writes for programs (JSON adds
``activities``; the spreadsheets one column per activity)."""


def content_activity_columns(report: Report) -> list[Column[Figures]]:
    """One column per activity of the period: a content's hours on it (key
    ``hours:<activity>``), for the spreadsheets."""

    def of(activity: str) -> Callable[[Figures], Breakdown | None]:
        def get(row: Figures) -> Breakdown | None:
            items: tuple[Breakdown, ...] = getattr(row, "activities", ())
            return next((item for item in items if item.key == activity), None)

        return get

    def column(item: Breakdown) -> Column[Figures]:
        found = of(item.key)
        return Column(
            f"hours:{item.key}",
            _("Hours: {activity}").format(activity=message_text(_activity(item), machine=False)),
            "hours",
            lambda row: getattr(found(row), "hours", None),
            exact=lambda row: getattr(found(row), "hours_exact", None),
            literal=True,
        )

    return [column(item) for item in report.activities]


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


TIME_LOG_FIELDS = "date person channel activity description hours rate value file line"
RATE_FIELDS = "person since rate currency file line"
"""The fields of the time log and the rates that programs and the workbook get (people
read the source line instead of the file and line)."""

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
            f"{report.name(share.channel)} {fmt.money(share.amount)}"
            for share in line.channel_shares
        )

    def content_shares(line: PostingLine, fmt: Formatter) -> str:
        return ", ".join(
            f"{share.content} {fmt.money(share.amount)}" for share in line.content_shares
        )

    return (
        DATE,
        CLIENT,
        field("payee", N_("Payee"), "text"),
        field("narration", N_("Narration"), "text"),
        field("account", N_("Account"), "text"),
        Column("amount", N_("Amount"), "money", _amount),
        field("original", N_("Original"), "text"),
        Column("shares", N_("Channel shares"), "shares", attrgetter("channel_shares"), show=shares),
        Column(
            "contents",
            N_("Content shares"),
            "contents",
            attrgetter("content_shares"),
            show=content_shares,
        ),
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
            found = [item.amount for item in line.channel_shares if item.channel == channel]
            return found[0] if found else None

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


def _model_content(row: ContentModelFigures) -> Any:
    return NO_CONTENT if row.content is None else row.title or row.content


CONTENT_MODELS: Columns = (
    field("model", N_("Attribution model"), "text"),
    field("content", N_("Content"), "text"),
    field("title", N_("Title"), "text"),
    REVENUE,
    COST,
    NET,
    ROI,
    Column("name", N_("Content"), "message", _model_content),
)


def _budget_channel(row: BudgetFigures) -> Any:
    """A budget's channel as people read it: its name, or "All channels" for ``*``."""
    return ALL_CHANNELS if row.name is None else row.name


ALL_CHANNELS = Label(N_("All channels"))

BUDGETS: Columns = (
    field("channel", N_("Channel"), "text"),
    Column("name", N_("Channel"), "message", _budget_channel),
    field("budget_hours", N_("Budget (hours)"), "hours"),
    HOURS,
    field("used", N_("Used"), "ratio"),
    field("remaining_hours", N_("Remaining (hours)"), "hours"),
    field("budget_cost", N_("Budget (cost)"), "money"),
    COST,
    field("used_cost", N_("Used"), "ratio"),
    field("remaining_cost", N_("Remaining (cost)"), "money"),
    field("over", None, "bool"),
)
"""A channel's budgets for the period and what it used (SPEC 14)."""

CHANGE: Columns = (
    field("hours", None, "hours"),
    field("cost", None, "money"),
    field("revenue", None, "money"),
    field("net", None, "money"),
    field("new_clients", None, "count"),
    field("roi", None, "ratio"),
)
"""The changes of a comparison (SPEC 14): this period's figure minus the other's."""

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
