"""The JSON report, schema ``timeroi-report/1`` (SPEC 5.1).

Decimals are strings with their fixed number of decimals, counts are
integers, undefined ratios are null, messages are in English whatever the
language of the run. The output is byte-stable: the same
ledger and period always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from beancount_timeroi.render import schema
from beancount_timeroi.render.columns import Columns, pick
from beancount_timeroi.report import Change, Comparison, Report

SCHEMA = "timeroi-report/1"

CONTENTS = f"{schema.CONTENT_FIELDS} activities"
BUDGETS = (
    "channel name budget_hours hours used remaining_hours budget_cost cost used_cost "
    "remaining_cost over"
)


def record(row: Any, columns: Columns) -> dict[str, Any]:
    """One row as a JSON object: its machine value under each column's key."""
    return {column.key: column.machine(row) for column in columns}


def _rows(rows: Iterable[Any], columns: Columns) -> Iterator[dict[str, Any]]:
    return (record(row, columns) for row in rows)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def sections(report: Report) -> Iterator[tuple[str, Any]]:
    """The report's keys in the order of SPEC 5.1, then the schedules and the other
    groupings.

    Lists come as iterators, so a large report can be written without holding
    all of it as Python data at once.
    """
    period = report.period
    months = schema.month_columns(report)
    postings = pick(
        schema.posting_columns(report),
        "date client payee narration account amount original shares contents rule kind file line",
    )
    yield "schema", SCHEMA
    yield "sources", _rows(report.sources, schema.SOURCES)
    yield (
        "period",
        {
            "start": period.start.isoformat() if period else None,
            "end": period.end.isoformat() if period else None,
        },
    )
    yield "currency", report.currency
    yield "channels", _rows(report.channels, schema.SUMMARY)
    yield "totals", record(report.totals, schema.SUMMARY)
    yield "unattributed_revenue", _num(report.unattributed_revenue)
    yield "total_revenue", _num(report.total_revenue)
    yield (
        "months",
        _rows(report.months, pick(months, "month channel hours cost revenue")),
    )
    yield "errors", _rows(report.errors, schema.ERRORS)
    yield "checks", _rows(report.checks, schema.CHECKS)
    yield "model", report.model
    yield (
        "month_totals",
        _rows(
            report.month_totals,
            pick(months, "month hours cost revenue net cumulative_net"),
        ),
    )
    yield "activities", _rows(report.activities, schema.ACTIVITIES)
    yield "people", _rows(report.people, schema.PEOPLE)
    yield (
        "time_log",
        _rows(report.time_log, pick(schema.time_log_columns(report), schema.TIME_LOG_FIELDS)),
    )
    yield "rates", _rows(report.rates, pick(schema.RATES, schema.RATE_FIELDS))
    yield "attribution", _rows(report.attribution, postings)
    yield "unattributed", _rows(report.unattributed, postings)
    yield "cash_costs", _rows(report.cash_costs, postings)
    yield "unconverted", _rows(report.unconverted, postings)
    yield "not_money", _rows(report.not_money, schema.NOT_MONEY)
    yield "new_client_list", _rows(report.new_client_list, schema.NEW_CLIENTS)
    yield "plan", None if report.plan is None else record(report.plan, schema.PLAN)
    yield from _groupings(report)


def _groupings(report: Report) -> Iterator[tuple[str, Any]]:
    """The contents, the budgets, and the comparisons with another period or under
    every attribution model (those two when asked for)."""
    contents = pick(schema.content_columns(report), CONTENTS)
    yield "contents", _rows(report.contents, contents)
    yield "contents_totals", record(report.contents_totals, contents)
    yield "budgets", _rows(report.budgets, pick(schema.BUDGETS, BUDGETS))
    if report.comparison is not None:
        yield "comparison", comparison(report.comparison)
    if report.models:
        yield "models", _rows(report.models, schema.MODELS)
        yield (
            "content_models",
            _rows(
                report.content_models,
                pick(schema.CONTENT_MODELS, "model content title revenue cost net roi"),
            ),
        )


def comparison(compared: Comparison) -> dict[str, Any]:
    """The other period, each channel's figures in it and their change, and the totals'."""

    def row(change: Change) -> dict[str, Any]:
        return {**record(change.then, schema.SUMMARY), "change": record(change, schema.CHANGE)}

    return {
        "period": {
            "start": compared.period.start.isoformat(),
            "end": compared.period.end.isoformat(),
        },
        "channels": [row(change) for change in compared.channels],
        "totals": row(compared.totals),
        "unattributed_revenue": _num(compared.unattributed_revenue),
        "total_revenue": _num(compared.total_revenue),
    }


def as_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (lists as lists)."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in sections(report)
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def chunks(report: Report) -> Iterator[str]:
    """The JSON text in pieces: one line per key, and one line per item of a list."""
    yield "{"
    separator = "\n"
    for key, value in sections(report):
        yield f"{separator}  {_ENCODE(key)}: "
        separator = ",\n"
        if isinstance(value, Iterator):
            opening = "["
            for item in value:
                yield f"{opening}\n    {_ENCODE(item)}"
                opening = ","
            yield "[]" if opening == "[" else "\n  ]"
        else:
            yield _ENCODE(value)
    yield "\n}\n"


def render(report: Report) -> str:
    """The JSON text, UTF-8 characters kept, ending with a newline."""
    return "".join(chunks(report))


def write(report: Report, file: IO[str]) -> None:
    """Write the JSON text to ``file`` piece by piece."""
    for chunk in chunks(report):
        file.write(chunk)
