"""The JSON report, schema ``timeroi-report/1`` (SPEC 5.1).

Decimals are strings with their fixed number of decimals, counts are
integers, undefined ratios are null, messages are in English whatever the
language of the run. The output is byte-stable: the same
ledger and period always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from beancount_timeroi.i18n import english
from beancount_timeroi.render import tables
from beancount_timeroi.report import (
    Breakdown,
    Figures,
    Location,
    ModelFigures,
    MonthFigures,
    NewClient,
    Plan,
    PostingLine,
    RateLine,
    Report,
    TimeLine,
)

SCHEMA = "timeroi-report/1"


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _where(location: Location) -> dict[str, Any]:
    return {"file": location.file, "line": location.line}


def figures(row: Figures) -> dict[str, Any]:
    """Every field of a channel row (or the totals), as the summary table names them."""
    return {column.key: _value(column.get(row)) for column in tables.summary_columns()}


def _value(value: Any) -> Any:
    return _num(value) if isinstance(value, Decimal) else value


def month(row: MonthFigures) -> dict[str, Any]:
    return {
        "month": row.month,
        "channel": row.channel,
        "hours": _num(row.hours),
        "cost": _num(row.cost),
        "revenue": _num(row.revenue),
    }


def month_total(row: MonthFigures) -> dict[str, Any]:
    return {
        "month": row.month,
        "hours": _num(row.hours),
        "cost": _num(row.cost),
        "revenue": _num(row.revenue),
        "net": _num(row.net),
        "cumulative_net": _num(row.cumulative_net),
    }


def breakdown(row: Breakdown, key: str) -> dict[str, Any]:
    return {key: row.key, "hours": _num(row.hours), "time_cost": _num(row.time_cost)}


def posting(line: PostingLine) -> dict[str, Any]:
    return {
        "date": line.date.isoformat(),
        "client": line.client,
        "payee": line.payee,
        "narration": line.narration,
        "account": line.account,
        "amount": _num(line.amount),
        "original": line.original,
        "shares": [
            {"channel": share.channel, "amount": _num(share.amount)} for share in line.shares
        ],
        "rule": line.rule,
        "kind": line.kind,
        **_where(line.location),
    }


def _lines(lines: Iterable[Any], convert: Callable[[Any], dict[str, Any]]) -> Iterator[Any]:
    return (convert(line) for line in lines)


def _time_line(line: TimeLine) -> dict[str, Any]:
    return {
        "date": line.date.isoformat(),
        "person": line.person,
        "channel": line.channel,
        "activity": line.activity,
        "description": line.description,
        "hours": _num(line.hours),
        "rate": _num(line.rate),
        "value": _num(line.value),
        **_where(line.location),
    }


def _rate_line(line: RateLine) -> dict[str, Any]:
    return {
        "person": line.person,
        "since": line.since.isoformat() if line.since else None,
        "rate": _num(line.rate),
        "currency": line.currency,
        **_where(line.location),
    }


def _new_client(item: NewClient) -> dict[str, Any]:
    return {
        "channel": item.channel,
        "client": item.client,
        "date": item.date.isoformat(),
        **_where(item.location),
    }


def _model(row: ModelFigures) -> dict[str, Any]:
    return {
        "model": row.model,
        "channel": row.channel,
        "name": row.name,
        "revenue": _num(row.revenue),
        "cost": _num(row.cost),
        "net": _num(row.net),
        "roi": _num(row.roi),
    }


def _plan(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "hours_per_week": _num(plan.hours_per_week),
        "rate": _num(plan.rate),
        "hours_per_month": _num(plan.hours_per_month),
        "cost_per_month": _num(plan.cost_per_month),
        "cost_per_year": _num(plan.cost_per_year),
        "break_even_per_month": _num(plan.break_even_per_month),
        "break_even_per_year": _num(plan.break_even_per_year),
    }


def sections(report: Report) -> Iterator[tuple[str, Any]]:
    """The report's keys in the order of SPEC 5.1, then the schedules.

    Lists come as iterators, so a large report can be written without holding
    all of it as Python data at once.
    """
    period = report.period
    yield "schema", SCHEMA
    yield "sources", _lines(report.sources, lambda s: {"file": s.file, "sha256": s.sha256})
    yield (
        "period",
        {
            "start": period.start.isoformat() if period else None,
            "end": period.end.isoformat() if period else None,
        },
    )
    yield "currency", report.currency
    yield "channels", _lines(report.channels, figures)
    yield "totals", figures(report.totals)
    yield "unattributed_revenue", _num(report.unattributed_revenue)
    yield "total_revenue", _num(report.total_revenue)
    yield "months", _lines(report.months, month)
    yield (
        "errors",
        _lines(report.errors, lambda e: {**_where(e.location), "message": english(e.message)}),
    )
    yield (
        "checks",
        _lines(report.checks, lambda c: {"name": c.name, "ok": c.ok, "detail": english(c.detail)}),
    )
    yield "model", report.model
    yield "month_totals", _lines(report.month_totals, month_total)
    yield "activities", _lines(report.activities, lambda row: breakdown(row, "activity"))
    yield "people", _lines(report.people, lambda row: breakdown(row, "person"))
    yield "time_log", _lines(report.time_log, _time_line)
    yield "rates", _lines(report.rates, _rate_line)
    yield "attribution", _lines(report.attribution, posting)
    yield "unattributed", _lines(report.unattributed, posting)
    yield "cash_costs", _lines(report.cash_costs, posting)
    yield "unconverted", _lines(report.unconverted, posting)
    yield (
        "not_money",
        _lines(
            report.not_money,
            lambda row: {
                "commodity": row.commodity,
                "postings": row.postings,
                "units": _num(row.units),
            },
        ),
    )
    yield "new_client_list", _lines(report.new_client_list, _new_client)
    yield "plan", _plan(report.plan)
    if report.models:
        yield "models", _lines(report.models, _model)


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
