"""The report as an Excel workbook (``.xlsx``), for the accountant's year-end pack.

One sheet per table: Summary, Months, Time log, Rates, Attribution,
Unattributed, Cash costs and Checks. The cells hold what the report holds,
as a spreadsheet wants it: money as numbers formatted ``#,##0.00 "CAD"``,
ROI as a percentage, counts as integers, dates as dates; ledger text (a
narration that starts with ``=``, say) is always stored as text, never run
as a formula. Each sheet has its header row bold and frozen, and its data
rows under an autofilter.

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

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from beancount_timeroi.i18n import _, translate
from beancount_timeroi.report import Figures, PostingLine, Report

SHEETS = (
    "Summary",
    "Months",
    "Time log",
    "Rates",
    "Attribution",
    "Unattributed",
    "Cash costs",
    "Checks",
)

HOURS = "0.00"
HOURS_DETAIL = "0.00##"  # a time entry's hours, to 4 decimals as the report lists them
PERCENT = "0.00%"
COUNT = "0"
DATE = "yyyy-mm-dd"
MONTH = "yyyy-mm"
MAX_TEXT = 32767  # the most characters a spreadsheet cell holds
MAX_WIDTH = 60

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_RULE = Side(style="thin", color="808080")
_HEADER_BORDER = Border(bottom=_RULE)
_TOTAL_BORDER = Border(top=_RULE)


def money_format(currency: str | None) -> str:
    """``#,##0.00 "CAD"``: two decimals and the currency code."""
    return f'#,##0.00 "{currency}"' if currency else "#,##0.00"


@dataclass(frozen=True)
class Field:
    """One column of a sheet: its header, what kind of value, how to read it from a row."""

    label: str
    kind: str  # text, date, month, money, hours, hours4, percent, count, line
    get: Callable[[Any], Any]


def _month(label: str) -> datetime.date | str:
    """A ``YYYY-MM`` month as the date of its first day (shown ``yyyy-mm``)."""
    try:
        return datetime.date(int(label[:4]), int(label[5:7]), 1)
    except ValueError:
        return label


def _hours(value: Fraction) -> Decimal:
    """Hours to 15 significant digits, as exactly as a spreadsheet number holds them
    (20 minutes is 0.333333333333333, and three of them sum to 1)."""
    with localcontext() as context:
        context.prec = 15
        return Decimal(value.numerator) / Decimal(value.denominator)


class _Sheets:
    """Writes the sheets of one workbook, remembering each formula's expected result."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.money = money_format(report.currency)
        self.book = Workbook()
        self.book.remove(self.book.active)
        self.results: dict[tuple[str, str], Decimal | None] = {}
        self.widths: dict[int, int] = {}

    # -- cells ------------------------------------------------------------

    def formats(self, kind: str, currency: str | None = None) -> str | None:
        return {
            "money": money_format(currency) if currency else self.money,
            "hours": HOURS,
            "hours4": HOURS_DETAIL,
            "percent": PERCENT,
            "count": COUNT,
            "line": COUNT,
            "date": DATE,
            "month": MONTH,
        }.get(kind)

    def put(
        self,
        sheet: Any,
        row: int,
        column: int,
        value: Any,
        kind: str = "text",
        currency: str | None = None,
    ) -> Any:
        """Write one value as its kind; text is always text, never a formula."""
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, Fraction):
            value = _hours(value)
        if isinstance(value, str):
            text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
            if len(text) > MAX_TEXT:
                text = text[: MAX_TEXT - 1] + "…"
            cell.value = text
            cell.data_type = "s"
        elif value is not None:
            cell.value = value
        number_format = self.formats(kind, currency)
        if number_format and value is not None and not isinstance(value, str):
            cell.number_format = number_format
        self.measure(column, self.shown(value, kind, currency))
        return cell

    def formula(
        self, sheet: Any, row: int, column: int, formula: str, kind: str, result: Decimal | None
    ) -> None:
        """A formula cell; ``result`` is the report's figure it must compute."""
        cell = sheet.cell(row=row, column=column)
        cell.value = formula
        number_format = self.formats(kind)
        if number_format:
            cell.number_format = number_format
        self.results[(sheet.title, cell.coordinate)] = result
        self.measure(column, self.shown(result, kind, None))

    def shown(self, value: Any, kind: str, currency: str | None) -> str:
        """About what the cell shows, to size its column."""
        if value is None:
            return ""
        if kind == "money" and isinstance(value, (Decimal, int)):
            return f"{value:,.2f} {currency or self.report.currency or ''}"
        if kind in ("hours", "hours4") and isinstance(value, (Decimal, int)):
            return f"{value:,.{4 if kind == 'hours4' else 2}f}"
        if kind == "percent" and isinstance(value, (Decimal, int)):
            return f"{value * 100:.2f}%"
        if kind == "month":
            return "yyyy-mm"
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)

    def measure(self, column: int, text: str) -> None:
        longest = max((len(line) for line in text.splitlines()), default=0)
        self.widths[column] = max(self.widths.get(column, 0), longest)

    # -- sheets -----------------------------------------------------------

    def new_sheet(self, title: str) -> Any:
        self.widths = {}
        return self.book.create_sheet(title)

    def header(self, sheet: Any, labels: Sequence[str], row: int = 1) -> None:
        for column, label in enumerate(labels, start=1):
            cell = self.put(sheet, row, column, label)
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
            cell.border = _HEADER_BORDER

    def finish(self, sheet: Any, columns: int, last_data_row: int) -> None:
        """Freeze the header, filter the data rows, size the columns."""
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(last_data_row, 2)}"
        for column, width in self.widths.items():
            # A little air, and room for the filter button of the header.
            sheet.column_dimensions[get_column_letter(column)].width = min(
                max(width + 4, 8), MAX_WIDTH
            )

    def table(
        self,
        title: str,
        fields: Sequence[Field],
        rows: Sequence[Any],
        sums: Iterable[tuple[int, Decimal]] = (),
    ) -> Any:
        """A sheet with a header, one line per row and a Total line of ``SUM`` formulas.

        ``sums`` pairs a column (counted from 0) with the report's figure that
        its ``SUM`` equals.
        """
        sheet = self.new_sheet(title)
        self.header(sheet, [item.label for item in fields])
        for number, row in enumerate(rows, start=2):
            for column, item in enumerate(fields, start=1):
                value = item.get(row)
                currency = None
                if isinstance(value, tuple):  # (amount, its own currency)
                    value, currency = value
                self.put(sheet, number, column, value, item.kind, currency)
        if not rows:
            self.put(sheet, 2, 1, _("None in this period."))
        last = max(len(rows) + 1, 2)
        sums = list(sums)
        if sums:
            total_row = last + 2
            label = self.put(sheet, total_row, 1, _("Total"))
            label.font = _BOLD
            for index, result in sums:
                letter = get_column_letter(index + 1)
                self.formula(
                    sheet,
                    total_row,
                    index + 1,
                    f"=SUM({letter}2:{letter}{last})",
                    fields[index].kind,
                    result,
                )
            for column in range(1, len(fields) + 1):
                cell = sheet.cell(row=total_row, column=column)
                cell.font = _BOLD
                cell.border = _TOTAL_BORDER
        self.finish(sheet, len(fields), last)
        return sheet


# -- the summary ----------------------------------------------------------------


def summary_fields() -> list[Field]:
    """The Summary columns: every field of a channel row (SPEC 4)."""
    return [
        Field(_("Channel"), "text", lambda r: r.channel),
        Field(_("Name"), "text", lambda r: r.name),
        Field(_("Hours"), "hours", lambda r: r.hours_exact),
        Field(_("Time cost"), "money", lambda r: r.time_cost),
        Field(_("Cash cost"), "money", lambda r: r.cash_cost),
        Field(_("Cost"), "money", lambda r: r.cost),
        Field(_("Revenue"), "money", lambda r: r.revenue),
        Field(_("Net"), "money", lambda r: r.net),
        Field(_("ROI"), "percent", lambda r: r.roi),
        Field(_("Revenue/hour"), "money", lambda r: r.revenue_per_hour),
        Field(_("Avg rate"), "money", lambda r: r.avg_rate),
        Field(_("Contracts"), "count", lambda r: r.contracts),
        Field(_("Clients"), "count", lambda r: r.clients),
        Field(_("New clients"), "count", lambda r: r.new_clients),
        Field(_("Cost/new client"), "money", lambda r: r.cost_per_new_client),
    ]


SUMMARY_KEYS = (
    "channel",
    "name",
    "hours",
    "time_cost",
    "cash_cost",
    "cost",
    "revenue",
    "net",
    "roi",
    "revenue_per_hour",
    "avg_rate",
    "contracts",
    "clients",
    "new_clients",
    "cost_per_new_client",
)
"""The report's name (JSON key) of each Summary column, in order."""


def _note(row: Figures) -> str:
    notes = []
    if row.below_billable:
        notes.append(_("revenue/hour below the avg rate: the time would have earned more billed"))
    if row.negative_roi:
        notes.append(_("negative ROI"))
    return "; ".join(notes)


def _summary(sheets: _Sheets) -> None:
    report = sheets.report
    sheet = sheets.new_sheet("Summary")
    fields = summary_fields()
    sheets.header(sheet, [item.label for item in fields] + [_("Note")])
    for number, row in enumerate(report.channels, start=2):
        for column, item in enumerate(fields, start=1):
            sheets.put(sheet, number, column, item.get(row), item.kind)
        sheets.put(sheet, number, len(fields) + 1, _note(row) or None)
    if not report.channels:
        sheets.put(sheet, 2, 2, _("No channel has hours, costs or revenue in this period."))
    last = max(len(report.channels) + 1, 2)
    total = last + 1
    col = {key: get_column_letter(index) for index, key in enumerate(SUMMARY_KEYS, start=1)}
    totals = report.totals

    def ref(key: str) -> str:
        return f"{col[key]}{total}"

    def index(key: str) -> int:
        return SUMMARY_KEYS.index(key) + 1

    sheets.put(sheet, total, index("name"), _(totals.name))
    sums: list[tuple[str, Decimal]] = [
        ("hours", _hours(totals.hours_exact)),
        ("time_cost", totals.time_cost),
        ("cash_cost", totals.cash_cost),
        ("cost", totals.cost),
        ("revenue", totals.revenue),
        ("net", totals.net),
    ]
    for key, result in sums:
        sheets.formula(
            sheet,
            total,
            index(key),
            f"=SUM({col[key]}2:{col[key]}{last})",
            fields[index(key) - 1].kind,
            result,
        )
    ratios: list[tuple[str, str, str, int, Decimal | None]] = [
        ("roi", "net", "cost", 4, totals.roi),
        ("revenue_per_hour", "revenue", "hours", 2, totals.revenue_per_hour),
        ("avg_rate", "time_cost", "hours", 2, totals.avg_rate),
        ("cost_per_new_client", "cost", "new_clients", 2, totals.cost_per_new_client),
    ]
    for key, numerator, denominator, places, ratio in ratios:
        sheets.formula(
            sheet,
            total,
            index(key),
            f'=IF({ref(denominator)}=0,"",ROUND({ref(numerator)}/{ref(denominator)},{places}))',
            fields[index(key) - 1].kind,
            ratio,
        )
    for key in ("contracts", "clients", "new_clients"):
        sheets.put(sheet, total, index(key), getattr(totals, key), "count")
    for column in range(1, len(fields) + 2):
        cell = sheet.cell(row=total, column=column)
        cell.font = _BOLD
        cell.border = _TOTAL_BORDER

    revenue = index("revenue")
    unattributed, whole = total + 2, total + 3
    sheets.put(sheet, unattributed, index("name"), _("Unattributed revenue"))
    sheets.put(sheet, unattributed, revenue, report.unattributed_revenue, "money")
    sheets.put(sheet, whole, index("name"), _("Total revenue")).font = _BOLD
    sheets.formula(
        sheet,
        whole,
        revenue,
        f"={ref('revenue')}+{col['revenue']}{unattributed}",
        "money",
        report.total_revenue,
    )
    sheet.cell(row=whole, column=revenue).font = _BOLD

    period = report.period
    info = whole + 2
    sheets.put(sheet, info, index("name"), _("Period"))
    sheets.put(sheet, info, index("hours"), period.start if period else None, "date")
    sheets.put(sheet, info, index("time_cost"), period.end if period else None, "date")
    sheets.put(sheet, info + 1, index("name"), _("Currency"))
    sheets.put(sheet, info + 1, index("hours"), report.currency)
    sheets.put(sheet, info + 2, index("name"), _("Attribution model"))
    sheets.put(sheet, info + 2, index("hours"), report.model)
    if report.title:
        sheets.put(sheet, info + 3, index("name"), _("Ledger title"))
        sheets.put(sheet, info + 3, index("hours"), report.title)
    sheets.finish(sheet, len(fields) + 1, last)


# -- the schedules --------------------------------------------------------------


def _where(fields: list[Field]) -> list[Field]:
    return fields + [
        Field(_("File"), "text", lambda line: line.location.file),
        Field(_("Line"), "line", lambda line: line.location.line),
    ]


def _postings(report: Report, channels: bool, rule: bool) -> list[Field]:
    fields = [
        Field(_("Date"), "date", lambda line: line[0].date),
        Field(_("Client"), "text", lambda line: line[0].client),
        Field(_("Payee"), "text", lambda line: line[0].payee),
        Field(_("Narration"), "text", lambda line: line[0].narration),
        Field(_("Account"), "text", lambda line: line[0].account),
        Field(
            _("Amount"), "money", lambda line: None if line[1] == "unconverted" else line[0].amount
        ),
        Field(_("Original"), "text", lambda line: line[0].original),
    ]
    if rule:
        fields.append(Field(_("Rule"), "text", lambda line: line[1]))
    if channels:
        for row in report.channels:
            fields.append(Field(row.name, "money", _share(row.channel)))
    return fields + [
        Field(_("File"), "text", lambda line: line[0].location.file),
        Field(_("Line"), "line", lambda line: line[0].location.line),
    ]


def _share(channel: str | None) -> Callable[[tuple[PostingLine, str | None]], Decimal | None]:
    def get(line: tuple[PostingLine, str | None]) -> Decimal | None:
        for share in line[0].shares:
            if share.channel == channel:
                return share.amount
        return None

    return get


def _posting_sums(
    report: Report, amount: Decimal, channel_figure: Callable[[Figures], Decimal]
) -> list[tuple[int, Decimal]]:
    """The Amount column sums to ``amount``; each channel's column (after Rule) to its
    figure."""
    return [(5, amount)] + [
        (8 + index, channel_figure(row)) for index, row in enumerate(report.channels)
    ]


def _months(sheets: _Sheets) -> None:
    report = sheets.report
    fields = [
        Field(_("Month"), "month", lambda row: _month(row.month)),
        Field(_("Channel"), "text", lambda row: row.channel),
        Field(_("Name"), "text", lambda row: report.name(row.channel) if row.channel else None),
        Field(_("Hours"), "hours", lambda row: row.hours_exact),
        Field(_("Cost"), "money", lambda row: row.cost),
        Field(_("Revenue"), "money", lambda row: row.revenue),
        Field(_("Net"), "money", lambda row: row.net),
    ]
    totals = report.totals
    sheets.table(
        "Months",
        fields,
        report.months,
        [(3, _hours(totals.hours_exact)), (4, totals.cost), (5, totals.revenue), (6, totals.net)],
    )


def _time_log(sheets: _Sheets) -> None:
    report = sheets.report
    fields = _where(
        [
            Field(_("Date"), "date", lambda line: line.date),
            Field(_("Person"), "text", lambda line: line.person),
            Field(_("Channel"), "text", lambda line: line.channel),
            Field(_("Activity"), "text", lambda line: line.activity),
            Field(_("Description"), "text", lambda line: line.description),
            Field(_("Hours"), "hours4", lambda line: line.hours_exact),
            Field(_("Rate"), "money", lambda line: line.rate),
            Field(_("Value"), "money", lambda line: line.value),
        ]
    )
    sheets.table(
        "Time log",
        fields,
        report.time_log,
        [(5, _hours(report.totals.hours_exact)), (7, report.totals.time_cost)],
    )


def _rates(sheets: _Sheets) -> None:
    fields = _where(
        [
            Field(_("Person"), "text", lambda line: line.person),
            Field(_("Since"), "date", lambda line: line.since or _("the beginning")),
            Field(_("Rate"), "money", lambda line: (line.rate, line.currency)),
            Field(_("Currency"), "text", lambda line: line.currency),
        ]
    )
    sheets.table("Rates", fields, sheets.report.rates)


def _attribution(sheets: _Sheets) -> None:
    """Every income posting of the period: attributed, unattributed and unconverted."""
    report = sheets.report
    lines = (
        [(line, line.rule) for line in report.attribution]
        + [(line, "unattributed") for line in report.unattributed]
        + [(line, "unconverted") for line in report.unconverted if line.kind == "income"]
    )
    lines.sort(key=lambda pair: (pair[0].date, pair[0].location.file, pair[0].location.line))
    fields = _postings(report, channels=True, rule=True)
    sheets.table(
        "Attribution",
        fields,
        lines,
        _posting_sums(report, report.total_revenue, lambda row: row.revenue),
    )


def _unattributed(sheets: _Sheets) -> None:
    report = sheets.report
    fields = _postings(report, channels=False, rule=False)
    sheets.table(
        "Unattributed",
        fields,
        [(line, None) for line in report.unattributed],
        [(5, report.unattributed_revenue)],
    )


def _cash_costs(sheets: _Sheets) -> None:
    report = sheets.report
    fields = _postings(report, channels=True, rule=True)
    sheets.table(
        "Cash costs",
        fields,
        [(line, line.rule) for line in report.cash_costs],
        _posting_sums(report, report.totals.cash_cost, lambda row: row.cash_cost),
    )


def _checks(sheets: _Sheets) -> None:
    report = sheets.report
    fields = [
        Field(_("Check"), "text", lambda check: check.name),
        Field(_("Result"), "text", lambda check: _("ok") if check.ok else _("FAILED")),
        Field(_("Detail"), "text", lambda check: translate(check.detail)),
    ]
    sheet = sheets.table("Checks", fields, report.checks)
    row = max(len(report.checks) + 1, 2) + 2
    sheets.header(sheet, [_("Error in"), _("Line"), _("Message")], row)
    for number, error in enumerate(report.errors, start=row + 1):
        sheets.put(sheet, number, 1, error.location.file)
        sheets.put(sheet, number, 2, error.location.line, "line")
        sheets.put(sheet, number, 3, translate(error.message))
    if not report.errors:
        sheets.put(sheet, row + 1, 1, _("No error in the ledger."))
    sheets.finish(sheet, len(fields), max(len(report.checks) + 1, 2))


# -- the workbook ---------------------------------------------------------------


def workbook(report: Report) -> tuple[Any, dict[tuple[str, str], Decimal | None]]:
    """The openpyxl workbook of ``report``, and the figure each formula cell must compute."""
    sheets = _Sheets(report)
    for write in (
        _summary,
        _months,
        _time_log,
        _rates,
        _attribution,
        _unattributed,
        _cash_costs,
        _checks,
    ):
        write(sheets)
    book = sheets.book
    book.properties.title = report.title or _("Social-media ROI")
    book.properties.creator = "beancount-timeroi"
    book.calculation.fullCalcOnLoad = True
    return book, sheets.results


def render(report: Report) -> bytes:
    """The ``.xlsx`` file: the same report always gives the same bytes."""
    book, results = workbook(report)
    raw = io.BytesIO()
    book.save(raw)
    return _settle(raw.getvalue(), book, results)


def write(report: Report, file: IO[bytes]) -> None:
    file.write(render(report))


_SAVE_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _settle(
    data: bytes,
    book: Any,
    results: dict[tuple[str, str], Decimal | None],
) -> bytes:
    """Fill in each formula's last computed value (the report's figure) and make the
    file reproducible: no save time in its properties, fixed dates in the archive."""
    paths = {
        f"xl/worksheets/sheet{number}.xml": sheet.title
        for number, sheet in enumerate(book.worksheets, start=1)
    }
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _SAVE_TIMES.sub(b"", content)
            elif info.filename in paths:
                content = _cache(content, paths[info.filename], results)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>)</c>')


def _cache(content: bytes, title: str, results: dict[tuple[str, str], Decimal | None]) -> bytes:
    def fill(match: re.Match[bytes]) -> bytes:
        coordinate = match.group(1).decode()
        result = results.get((title, coordinate))
        start = b'<c r="' + match.group(1) + b'"' + match.group(2)
        formula = b"<f>" + match.group(3) + b"</f>"
        if result is None:  # the formula gives "" (an undefined ratio)
            return start + b' t="str">' + formula + b"<v></v></c>"
        return start + b">" + formula + b"<v>" + str(result).encode() + b"</v></c>"

    return _FORMULA_CELL.sub(fill, content)
