"""The report as CSV tables for spreadsheets.

To standard output: the channel summary. Into a folder: one file per table,
``summary.csv``, ``months.csv``, ``time_log.csv``, ``rates.csv``,
``attribution.csv``, ``unattributed.csv``, ``cash_costs.csv``, ``checks.csv``,
and ``models.csv`` when the attribution models are compared (UTF-8 with a
byte-order mark, so spreadsheets read accents right).

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
from collections.abc import Iterable, Sequence
from typing import Any

from beancount_timeroi.i18n import english
from beancount_timeroi.render import tables
from beancount_timeroi.report import PostingLine, Report

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``cell`` made safe for a spreadsheet: a would-be formula becomes text."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _text(value: Any) -> str:
    return "" if value is None else str(english(value))


def write_rows(rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([neutralise(_text(cell)) for cell in row])
    return out.getvalue()


def summary(report: Report) -> str:
    columns = tables.summary_columns()
    rows: list[list[Any]] = [[column.key for column in columns]]
    rows += [
        [column.machine(row) for column in columns] for row in [*report.channels, report.totals]
    ]
    return write_rows(rows)


def months(report: Report) -> str:
    rows: list[list[Any]] = [["month", "channel", "hours", "cost", "revenue"]]
    rows += [[row.month, row.channel, row.hours, row.cost, row.revenue] for row in report.months]
    return write_rows(rows)


def time_log(report: Report) -> str:
    rows: list[list[Any]] = [
        [
            "date",
            "person",
            "channel",
            "activity",
            "description",
            "hours",
            "rate",
            "value",
            "file",
            "line",
        ]
    ]
    rows += [
        [
            line.date,
            line.person,
            line.channel,
            line.activity,
            line.description,
            line.hours,
            line.rate,
            line.value,
            line.location.file,
            line.location.line,
        ]
        for line in report.time_log
    ]
    return write_rows(rows)


def rates(report: Report) -> str:
    rows: list[list[Any]] = [["person", "since", "rate", "currency", "file", "line"]]
    rows += [
        [line.person, line.since, line.rate, line.currency, line.location.file, line.location.line]
        for line in report.rates
    ]
    return write_rows(rows)


def postings(report: Report, lines: Iterable[tuple[PostingLine, str | None]]) -> str:
    """Posting lines with one column per channel holding its share."""
    slugs = [row.channel for row in report.channels if row.channel]
    rows: list[list[Any]] = [
        [
            "date",
            "client",
            "payee",
            "narration",
            "account",
            "amount",
            "original",
            "rule",
            *slugs,
            "file",
            "line",
        ]
    ]
    for line, rule in lines:
        shares = {share.channel: share.amount for share in line.shares}
        rows.append(
            [
                line.date,
                line.client,
                line.payee,
                line.narration,
                line.account,
                line.amount if rule != "unconverted" else None,
                line.original,
                rule,
                *[shares.get(slug) for slug in slugs],
                line.location.file,
                line.location.line,
            ]
        )
    return write_rows(rows)


def attribution(report: Report) -> str:
    """Every income posting of the period: attributed, unattributed and unconverted."""
    income_unconverted = [line for line in report.unconverted if line.kind == "income"]
    lines = (
        [(line, line.rule) for line in report.attribution]
        + [(line, "unattributed") for line in report.unattributed]
        + [(line, "unconverted") for line in income_unconverted]
    )
    lines.sort(key=lambda pair: (pair[0].date, pair[0].location.file, pair[0].location.line))
    return postings(report, lines)


def unattributed(report: Report) -> str:
    return postings(report, [(line, "unattributed") for line in report.unattributed])


def cash_costs(report: Report) -> str:
    return postings(report, [(line, line.rule) for line in report.cash_costs])


def models(report: Report) -> str:
    """Each channel's revenue, net and ROI under each attribution model (when compared)."""
    rows: list[list[Any]] = [["channel", "model", "revenue", "cost", "net", "roi"]]
    rows += [
        [row.channel, row.model, row.revenue, row.cost, row.net, row.roi] for row in report.models
    ]
    return write_rows(rows)


def checks(report: Report) -> str:
    rows: list[list[Any]] = [["name", "ok", "detail"]]
    rows += [
        [check.name, "true" if check.ok else "false", english(check.detail)]
        for check in report.checks
    ]
    return write_rows(rows)


FILES = {
    "summary.csv": summary,
    "months.csv": months,
    "time_log.csv": time_log,
    "rates.csv": rates,
    "attribution.csv": attribution,
    "unattributed.csv": unattributed,
    "cash_costs.csv": cash_costs,
    "checks.csv": checks,
}


def write_folder(report: Report, folder: str) -> list[str]:
    """Write every table into ``folder`` (created if needed); the paths written."""
    os.makedirs(folder, exist_ok=True)
    written = []
    files = dict(FILES, **({"models.csv": models} if report.models else {}))
    for name, render in files.items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8-sig", newline="") as file:
            file.write(render(report))
        written.append(path)
    return written
