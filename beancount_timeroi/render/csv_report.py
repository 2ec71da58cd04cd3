"""The report as CSV tables for spreadsheets.

To standard output: the channel summary. Into a folder: one file per table,
``summary.csv``, ``months.csv``, ``time_log.csv``, ``rates.csv``,
``attribution.csv``, ``unattributed.csv``, ``cash_costs.csv``, ``checks.csv``,
``contents.csv`` (one line per content, then the line of what names no content,
with one ``hours:<activity>`` column per activity of the period), and
``models.csv`` and ``content_models.csv`` when the attribution models are
compared, ``budgets.csv`` when a budget holds in the period, and
``comparison.csv`` when the report is compared with another period (UTF-8
with a byte-order mark, so spreadsheets read accents right).

Values are machine values (``1234.50``, ``0.4913``, ISO dates) and messages
are in English, whatever the language. A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return and is not a plain number is written
with a leading ``'``, so a spreadsheet shows it as text instead of running it
as a formula.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from beancount_timeroi.ledgerlines import PostingLine
from beancount_timeroi.render import schema
from beancount_timeroi.render.columns import Column, pick
from beancount_timeroi.report import Report

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``cell`` made safe for a spreadsheet: a would-be formula becomes text."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _cell(value: Any) -> str:
    """A machine value as CSV writes it: nothing for none, ``true``/``false``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table(columns: Sequence[Column[Any]], rows: Iterable[Any]) -> str:
    """A header of the columns' keys, then one line per row, each cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(column.key) for column in columns])
    for row in rows:
        writer.writerow([neutralise(_cell(column.machine(row))) for column in columns])
    return out.getvalue()


def summary(report: Report) -> str:
    return table(schema.SUMMARY, [*report.channels, report.totals])


def months(report: Report) -> str:
    columns = schema.month_columns(report)
    return table(pick(columns, "month channel hours cost revenue"), report.months)


def time_log(report: Report) -> str:
    columns = pick(schema.time_log_columns(report), schema.TIME_LOG_FIELDS)
    return table(columns, report.time_log)


def rates(report: Report) -> str:
    columns = pick(schema.RATES, schema.RATE_FIELDS)
    return table(columns, report.rates)


def postings(report: Report, lines: Iterable[PostingLine]) -> str:
    """Posting lines with one column per channel holding its share."""
    columns = schema.posting_columns(report)
    return table(
        [
            *pick(columns, "date client payee narration account amount"),
            *pick(columns, "original rule"),
            *schema.share_columns(report),
            *pick(columns, "file line"),
        ],
        lines,
    )


def attribution(report: Report) -> str:
    """Every income posting of the period: attributed, unattributed and unconverted."""
    return postings(report, schema.income_schedule(report))


def unattributed(report: Report) -> str:
    return postings(report, schema.unattributed_schedule(report))


def cash_costs(report: Report) -> str:
    return postings(report, report.cash_costs)


def models(report: Report) -> str:
    """Each channel's revenue, net and ROI under each attribution model (when compared)."""
    columns = pick(schema.MODELS, "channel model revenue cost net roi")
    return table(columns, report.models)


def checks(report: Report) -> str:
    return table(schema.CHECKS, report.checks)


def contents(report: Report) -> str:
    """Each content's figures (SPEC 13), the no-content line last (its content empty),
    and its hours per activity."""
    columns = pick(schema.content_columns(report), schema.CONTENT_FIELDS)
    return table([*columns, *schema.content_activity_columns(report)], report.contents)


def budgets(report: Report) -> str:
    """Each budget of the period beside what it used (SPEC 14)."""
    return table(schema.BUDGETS, report.budgets)


def comparison(report: Report) -> str:
    """Every figure of each channel in the other period, then the totals, with the change
    of hours, cost, revenue, net, new clients and ROI (this period's figure minus the
    other's; SPEC 14)."""
    assert report.comparison is not None
    compared = report.comparison
    then = [column.of(attrgetter("then")) for column in schema.SUMMARY]
    changes = [
        Column(f"{column.key}_change", None, column.kind, column.get) for column in schema.CHANGE
    ]
    return table([*then, *changes], [*compared.channels, compared.totals])


def content_models(report: Report) -> str:
    """Each content's revenue, net and ROI under each attribution model (when compared)."""
    columns = pick(schema.CONTENT_MODELS, "content title model revenue cost net roi")
    return table(columns, report.content_models)


FILES: dict[str, Callable[[Report], str]] = {
    "summary.csv": summary,
    "months.csv": months,
    "time_log.csv": time_log,
    "rates.csv": rates,
    "attribution.csv": attribution,
    "unattributed.csv": unattributed,
    "cash_costs.csv": cash_costs,
    "checks.csv": checks,
    "contents.csv": contents,
}


def write_folder(report: Report, folder: str) -> list[str]:
    """Write every table into ``folder`` (created if needed); the paths written."""
    os.makedirs(folder, exist_ok=True)
    written = []
    files = dict(FILES)
    if report.models:
        files.update({"models.csv": models, "content_models.csv": content_models})
    if report.budgets:
        files["budgets.csv"] = budgets
    if report.comparison is not None:
        files["comparison.csv"] = comparison
    for name, render in files.items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8-sig", newline="") as file:
            file.write(render(report))
        written.append(path)
    return written
