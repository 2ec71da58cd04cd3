"""The report as an Excel workbook (``.xlsx``), for the accountant's year-end pack.

One sheet per table: Summary, Months, Time log, Rates, Attribution,
Unattributed, Cash costs, Checks and Content, with the columns of
``schema``. When the report is compared with another period (the year-end
pack compares with the prior year), Summary has the other period's figure
beside each of its own, headed with both periods, and totals for both. The
cells hold what the report holds, as a spreadsheet wants it (``workbook``):
money as numbers formatted ``#,##0.00 "CAD"``, ROI as a percentage, counts
as integers, dates as dates; ledger text (a narration that starts with
``=``, say) is always stored as text, never run as a formula. Each sheet has
its header row bold and frozen, and its data rows under an autofilter.

Hours are stored exactly (20 minutes is 0.333…, shown ``0.33``), so that a
sum of hours in the spreadsheet is the report's sum. The totals are
formulas: on Summary, the money and hours are ``SUM`` over the channel rows
and the ratios are recomputed from those sums, rounded as the report rounds
them (``ROUND`` halves away from zero, like the report); on the schedules,
the ``SUM`` of each amount column ties to a figure of Summary. The counts of
the Summary total are the report's own (a split transaction counts once, so
they are not sums). Each formula cell also carries the report's figure as
its last computed value, so a reader that does not calculate shows it too.

Nothing is computed here: every value is a field of the ``Report``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import IO, Any

from openpyxl.utils import get_column_letter

from beancount_timeroi.i18n import _
from beancount_timeroi.render import groupings, schema
from beancount_timeroi.render.columns import Column, message_text, pick
from beancount_timeroi.render.workbook import BOLD, Results, Sheets, cell_value, exact_hours, save
from beancount_timeroi.report import Change, Figures, Report

_SUMS = ("hours", "time_cost", "cash_cost", "cost", "revenue", "net")
_RATIOS = (  # each ratio of the totals: its numerator, its denominator, its places
    ("roi", "net", "cost", 4),
    ("revenue_per_hour", "revenue", "hours", 2),
    ("avg_rate", "time_cost", "hours", 2),
    ("cost_per_new_client", "cost", "new_clients", 2),
)
_COUNTS = ("contracts", "clients", "new_clients")
NOW, THEN = "now", "then"
"""The two sides of a comparison: the report's period, and the other."""


# -- the summary ----------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """The Summary sheet's columns and rows: the report's channels, or, when the report
    is compared with another period, each channel of either period with the other
    period's figure beside each of its own (accountants' comparatives)."""

    columns: list[Column[Any]]
    rows: Sequence[Any]
    places: dict[tuple[str, str], int]

    def index(self, key: str, side: str = NOW) -> int:
        return self.places[(key, side)]

    def letter(self, key: str, side: str = NOW) -> str:
        letter: str = get_column_letter(self.index(key, side))
        return letter


def _layout(report: Report) -> _Layout:
    compared = report.comparison
    if compared is None or report.period is None:
        columns = [*schema.SUMMARY, schema.NOTE]
        places = {(column.key, NOW): number for number, column in enumerate(columns, start=1)}
        return _Layout(columns, report.channels, places)
    labels = {
        NOW: groupings.period_label(report.period),
        THEN: groupings.period_label(compared.period),
    }
    sides: list[tuple[Column[Any], str, str | None]] = []
    for column in schema.SUMMARY:
        if column.key in ("channel", "name"):
            sides.append((column, NOW, None))
        else:
            sides += [(column, side, labels[side]) for side in (NOW, THEN)]
    sides.append((schema.NOTE, NOW, None))
    return _Layout(
        [_side(column, side, label) for column, side, label in sides],
        compared.channels,
        {(column.key, side): number for number, (column, side, _l) in enumerate(sides, start=1)},
    )


def _side(column: Column[Any], side: str, label: str | None) -> Column[Change]:
    """``column`` read from one side of a comparison's row; its heading names the period."""
    if label is None:
        return column.of(attrgetter(side))
    return column.of(attrgetter(side), heading=f"{column.title} {label}", literal=True)


def _summary(sheets: Sheets, report: Report) -> None:
    sheet = sheets.new_sheet("Summary")
    layout = _layout(report)
    sheets.header(sheet, [column.title for column in layout.columns])
    sheets.rows(sheet, layout.columns, layout.rows)
    if not layout.rows:
        sheets.put(sheet, 2, 2, _("No channel has hours, costs or revenue in this period."))
    last = max(len(layout.rows) + 1, 2)
    total = last + 1
    (name,) = pick(schema.SUMMARY, "name")
    sheets.put(
        sheet, total, layout.index("name"), message_text(name.get(report.totals), machine=False)
    )
    sides = [(NOW, report.totals, report.unattributed_revenue, report.total_revenue)]
    if report.comparison is not None:
        compared = report.comparison
        then = compared.totals.then
        sides.append((THEN, then, compared.unattributed_revenue, compared.total_revenue))
    unattributed, whole = total + 2, total + 3
    sheets.put(sheet, unattributed, layout.index("name"), _("Unattributed revenue"))
    sheets.put(sheet, whole, layout.index("name"), _("Total revenue")).font = BOLD
    for side, totals, unattributed_revenue, total_revenue in sides:
        _totals(sheets, sheet, layout, totals, last, side)
        revenue = layout.index("revenue", side)
        letter = layout.letter("revenue", side)
        sheets.put(sheet, unattributed, revenue, unattributed_revenue, "money")
        formula = f"={letter}{total}+{letter}{unattributed}"
        sheets.formula(sheet, whole, revenue, formula, "money", total_revenue)
        sheet.cell(row=whole, column=revenue).font = BOLD
    sheets.total_line(sheet, total, len(layout.columns))
    _about(sheets, sheet, report, layout, whole + 2)
    sheets.finish(sheet, len(layout.columns), last)


def _totals(
    sheets: Sheets, sheet: Any, layout: _Layout, totals: Figures, last: int, side: str
) -> None:
    """The Total line under the channels, for one period: sums of the money and hours,
    the ratios recomputed from those sums as the report rounds them, and the report's
    counts."""
    total = last + 1
    columns = {column.key: column for column in schema.SUMMARY}
    for key in _SUMS:
        result = exact_hours(totals.hours_exact) if key == "hours" else columns[key].get(totals)
        letter = layout.letter(key, side)
        formula = f"=SUM({letter}2:{letter}{last})"
        sheets.formula(sheet, total, layout.index(key, side), formula, columns[key].kind, result)
    for key, numerator, denominator, places in _RATIOS:
        over = f"{layout.letter(denominator, side)}{total}"
        part = f"{layout.letter(numerator, side)}{total}"
        formula = f'=IF({over}=0,"",ROUND({part}/{over},{places}))'
        result = columns[key].get(totals)
        sheets.formula(sheet, total, layout.index(key, side), formula, columns[key].kind, result)
    for key in _COUNTS:
        sheets.put(sheet, total, layout.index(key, side), columns[key].get(totals), "count")


def _about(sheets: Sheets, sheet: Any, report: Report, layout: _Layout, row: int) -> None:
    """The period (and the one compared with), currency, model and title, under the
    figures."""
    label, value, end = layout.index("name"), layout.index("hours"), layout.index("time_cost")
    period = report.period
    sheets.put(sheet, row, label, _("Period"))
    sheets.put(sheet, row, value, period.start if period else None, "date")
    sheets.put(sheet, row, end, period.end if period else None, "date")
    lines = [
        (_("Currency"), report.currency),
        (_("Attribution model"), report.model),
        (_("Ledger title"), report.title or None),
    ]
    if report.comparison is not None:
        row += 1
        sheets.put(sheet, row, label, _("Compared with"))
        sheets.put(sheet, row, value, report.comparison.period.start, "date")
        sheets.put(sheet, row, end, report.comparison.period.end, "date")
    for offset, (text, shown) in enumerate(lines, start=1):
        if shown is not None:
            sheets.put(sheet, row + offset, label, text)
            sheets.put(sheet, row + offset, value, shown)


# -- the schedules --------------------------------------------------------------


def _months(sheets: Sheets, report: Report) -> None:
    columns = pick(schema.month_columns(report), "month channel name hours cost revenue net")
    totals = report.totals
    hours, cost, revenue, net = pick(columns, "hours cost revenue net")
    sums = [
        (hours, exact_hours(totals.hours_exact)),
        (cost, totals.cost),
        (revenue, totals.revenue),
        (net, totals.net),
    ]
    sheets.table("Months", columns, report.months, sums)


def _time_log(sheets: Sheets, report: Report) -> None:
    columns = pick(schema.time_log_columns(report), schema.TIME_LOG_FIELDS)
    hours, value = pick(columns, "hours value")
    totals = report.totals
    sums = [(hours, exact_hours(totals.hours_exact)), (value, totals.time_cost)]
    sheets.table("Time log", columns, report.time_log, sums)


def _rates(sheets: Sheets, report: Report) -> None:
    columns = pick(schema.RATES, schema.RATE_FIELDS)
    sheets.table("Rates", columns, report.rates)


def _postings(
    report: Report, channels: bool
) -> tuple[list[Column[Any]], Column[Any], list[Column[Any]]]:
    """The columns of a posting schedule (with its rule and one column per channel, or
    neither), its amount column, and its channels' columns."""
    columns = schema.posting_columns(report)
    (amount,) = pick(columns, "amount")
    shares = schema.share_columns(report) if channels else []
    chosen = [
        *pick(columns, "date client payee narration account amount"),
        *pick(columns, "original rule" if channels else "original"),
        *shares,
        *pick(columns, "file line"),
    ]
    return chosen, amount, shares


def _sums(
    report: Report,
    amount: tuple[Column[Any], Decimal],
    shares: list[Column[Any]],
    figure: Callable[[Figures], Decimal],
) -> list[tuple[Column[Any], Decimal]]:
    """The amount column sums to its figure; each channel's column to the channel's."""
    return [
        amount,
        *((column, figure(row)) for column, row in zip(shares, report.channels, strict=True)),
    ]


def _attribution(sheets: Sheets, report: Report) -> None:
    """Every income posting of the period: attributed, unattributed and unconverted."""
    columns, amount, shares = _postings(report, channels=True)
    sums = _sums(report, (amount, report.total_revenue), shares, lambda row: row.revenue)
    sheets.table("Attribution", columns, schema.income_schedule(report), sums)


def _unattributed(sheets: Sheets, report: Report) -> None:
    columns, amount, _shares = _postings(report, channels=False)
    lines = schema.unattributed_schedule(report)
    sheets.table("Unattributed", columns, lines, [(amount, report.unattributed_revenue)])


def _cash_costs(sheets: Sheets, report: Report) -> None:
    columns, amount, shares = _postings(report, channels=True)
    sums = _sums(report, (amount, report.totals.cash_cost), shares, lambda row: row.cash_cost)
    sheets.table("Cash costs", columns, report.cash_costs, sums)


def _contents(sheets: Sheets, report: Report) -> None:
    """Each content's figures and hours per activity, the no-content line last; the
    money and hours add up to the report's totals, each activity to its hours."""
    columns = [
        *pick(schema.content_columns(report), schema.CONTENT_FIELDS),
        *schema.content_activity_columns(report),
    ]
    totals = report.contents_totals
    by_key = {column.key: column for column in columns}
    sums = [
        (by_key["hours"], exact_hours(totals.hours_exact)),
        *((by_key[key], getattr(totals, key)) for key in _SUMS if key != "hours"),
        *(
            (by_key[f"hours:{item.key}"], exact_hours(item.hours_exact))
            for item in report.activities
        ),
    ]
    sheets.table("Content", columns, report.contents, sums)


def _checks(sheets: Sheets, report: Report) -> None:
    """The checks, then the ledger's errors under them."""
    sheet = sheets.table("Checks", schema.CHECKS, report.checks)
    row = max(len(report.checks) + 1, 2) + 2
    sheets.header(sheet, [column.title for column in schema.ERRORS], row)
    for number, error in enumerate(report.errors, start=row + 1):
        for index, column in enumerate(schema.ERRORS, start=1):
            sheets.put(sheet, number, index, cell_value(column, error), column.kind)
    if not report.errors:
        sheets.put(sheet, row + 1, 1, _("No error in the ledger."))
    sheets.finish(sheet, len(schema.CHECKS), max(len(report.checks) + 1, 2))


# -- the workbook ---------------------------------------------------------------


def workbook(report: Report) -> tuple[Any, Results]:
    """The openpyxl workbook of ``report``, and the figure each formula cell must compute."""
    sheets = Sheets(report.currency)
    for write in (
        _summary,
        _months,
        _time_log,
        _rates,
        _attribution,
        _unattributed,
        _cash_costs,
        _checks,
        _contents,
    ):
        write(sheets, report)
    book = sheets.book
    book.properties.title = report.title or _("Social-media ROI")
    book.properties.creator = "beancount-timeroi"
    book.calculation.fullCalcOnLoad = True
    return book, sheets.results


def render(report: Report) -> bytes:
    """The ``.xlsx`` file: the same report always gives the same bytes."""
    book, results = workbook(report)
    return save(book, results)


def write(report: Report, file: IO[bytes]) -> None:
    file.write(render(report))
