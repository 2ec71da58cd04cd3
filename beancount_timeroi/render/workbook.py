"""Writing a reproducible ``.xlsx`` workbook from the report's columns.

Each value is written as its column's kind asks (``schema``): money as a
number formatted ``#,##0.00 "CAD"``, ratios as percentages, counts as
integers, dates as dates, months as the date of their first day shown
``yyyy-mm``, hours exactly (20 minutes is 0.333…, shown ``0.33``); text is
always text, never run as a formula. A sheet has its header row bold and
frozen and its data rows under an autofilter; a formula cell carries the
figure it must compute as its last computed value, so a reader that does not
calculate shows it too. The same workbook always gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from beancount_timeroi.i18n import _
from beancount_timeroi.render.columns import Column, message_text, verdict

HOURS = "0.00"
HOURS_DETAIL = "0.00##"  # a time entry's hours, to 4 decimals as the report lists them
PERCENT = "0.00%"
COUNT = "0"
DATE = "yyyy-mm-dd"
MONTH = "yyyy-mm"
MAX_TEXT = 32767  # the most characters a spreadsheet cell holds
MAX_WIDTH = 60

BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_RULE = Side(style="thin", color="808080")
_HEADER_BORDER = Border(bottom=_RULE)
TOTAL_BORDER = Border(top=_RULE)

Results = dict[tuple[str, str], Decimal | None]
"""The figure each formula cell (sheet title, coordinate) must compute."""


def money_format(currency: str | None) -> str:
    """``#,##0.00 "CAD"``: two decimals and the currency code."""
    return f'#,##0.00 "{currency}"' if currency else "#,##0.00"


def exact_hours(value: Fraction) -> Decimal:
    """Hours to 15 significant digits, as exactly as a spreadsheet number holds them
    (20 minutes is 0.333333333333333, and three of them sum to 1)."""
    with localcontext() as context:
        context.prec = 15
        return Decimal(value.numerator) / Decimal(value.denominator)


def _month(label: str) -> datetime.date | str:
    """A ``YYYY-MM`` month as the date of its first day (shown ``yyyy-mm``)."""
    try:
        return datetime.date(int(label[:4]), int(label[5:7]), 1)
    except ValueError:
        return label


def cell_value(column: Column[Any], row: Any) -> Any:
    """What a cell of ``column`` holds for ``row``: numbers and dates as they are (hours
    exact), words in the current language."""
    value = column.exact(row) if column.exact is not None else column.get(row)
    if value is None:
        return None if column.blank is None else str(_(column.blank))
    if column.kind == "month":
        return _month(value)
    if column.kind == "message":
        return message_text(value, machine=False)
    if column.kind == "bool":
        return verdict(value)
    return value


class Sheets:
    """Writes the sheets of one workbook, remembering each formula's expected result."""

    def __init__(self, currency: str | None) -> None:
        self.currency = currency
        self.book = Workbook()
        self.book.remove(self.book.active)
        self.results: Results = {}
        self.widths: dict[int, int] = {}

    # -- cells ------------------------------------------------------------

    def formats(self, kind: str, currency: str | None = None) -> str | None:
        return {
            "money": money_format(currency or self.currency),
            "hours": HOURS,
            "hours4": HOURS_DETAIL,
            "ratio": PERCENT,
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
            value = exact_hours(value)
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
            return f"{value:,.2f} {currency or self.currency or ''}"
        if kind in ("hours", "hours4") and isinstance(value, (Decimal, int)):
            return f"{value:,.{4 if kind == 'hours4' else 2}f}"
        if kind == "ratio" and isinstance(value, (Decimal, int)):
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
            cell.font = BOLD
            cell.fill = _HEADER_FILL
            cell.border = _HEADER_BORDER

    def rows(self, sheet: Any, columns: Sequence[Column[Any]], rows: Sequence[Any]) -> None:
        """One line per row under the header, each cell as its column's kind."""
        for number, row in enumerate(rows, start=2):
            for index, column in enumerate(columns, start=1):
                currency = column.unit(row) if column.unit is not None else None
                self.put(sheet, number, index, cell_value(column, row), column.kind, currency)

    def total_line(self, sheet: Any, row: int, columns: int) -> None:
        """Bold, with a rule above."""
        for column in range(1, columns + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = BOLD
            cell.border = TOTAL_BORDER

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
        columns: Sequence[Column[Any]],
        rows: Sequence[Any],
        sums: Sequence[tuple[Column[Any], Decimal]] = (),
    ) -> Any:
        """A sheet with a header, one line per row and a Total line of ``SUM`` formulas,
        one for each column of ``sums``, whose result is the report's figure beside it."""
        sheet = self.new_sheet(title)
        self.header(sheet, [column.title for column in columns])
        self.rows(sheet, columns, rows)
        if not rows:
            self.put(sheet, 2, 1, _("None in this period."))
        last = max(len(rows) + 1, 2)
        if sums:
            total = last + 2
            self.put(sheet, total, 1, _("Total")).font = BOLD
            for column, result in sums:
                index = next(i for i, each in enumerate(columns, start=1) if each is column)
                letter = get_column_letter(index)
                formula = f"=SUM({letter}2:{letter}{last})"
                self.formula(sheet, total, index, formula, column.kind, result)
            self.total_line(sheet, total, len(columns))
        self.finish(sheet, len(columns), last)
        return sheet


# -- the file -------------------------------------------------------------------------

_SAVE_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>)</c>')


def save(book: Any, results: Results) -> bytes:
    """The ``.xlsx`` bytes of ``book``, each formula with its last computed value (the
    report's figure), with no save time in its properties and fixed dates in the
    archive: the same workbook gives the same bytes."""
    raw = io.BytesIO()
    book.save(raw)
    paths = {
        f"xl/worksheets/sheet{number}.xml": sheet.title
        for number, sheet in enumerate(book.worksheets, start=1)
    }
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
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


def _cache(content: bytes, title: str, results: Results) -> bytes:
    def fill(match: re.Match[bytes]) -> bytes:
        coordinate = match.group(1).decode()
        result = results.get((title, coordinate))
        start = b'<c r="' + match.group(1) + b'"' + match.group(2)
        formula = b"<f>" + match.group(3) + b"</f>"
        if result is None:  # the formula gives "" (an undefined ratio)
            return start + b' t="str">' + formula + b"<v></v></c>"
        return start + b">" + formula + b"<v>" + str(result).encode() + b"</v></c>"

    return _FORMULA_CELL.sub(fill, content)
