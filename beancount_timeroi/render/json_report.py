"""The JSON report, schema ``timeroi-report/1`` (SPEC 5.1).

Decimals are strings with their fixed number of decimals, counts are
integers, undefined ratios are null. The output is byte-stable: the same
ledger and period always give the same bytes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from beancount_timeroi.render import tables
from beancount_timeroi.report import (
    Breakdown,
    Figures,
    Location,
    MonthFigures,
    PostingLine,
    Report,
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
    return {"month": row.month, "channel": row.channel, "hours": _num(row.hours),
            "cost": _num(row.cost), "revenue": _num(row.revenue)}


def month_total(row: MonthFigures) -> dict[str, Any]:
    return {"month": row.month, "hours": _num(row.hours), "cost": _num(row.cost),
            "revenue": _num(row.revenue), "net": _num(row.net),
            "cumulative_net": _num(row.cumulative_net)}


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
        "shares": [{"channel": share.channel, "amount": _num(share.amount)}
                   for share in line.shares],
        "rule": line.rule,
        "kind": line.kind,
        **_where(line.location),
    }


def as_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data, keys in the order of SPEC 5.1."""
    return {
        "schema": SCHEMA,
        "sources": [{"file": source.file, "sha256": source.sha256} for source in report.sources],
        "period": {"start": report.period.start.isoformat() if report.period else None,
                   "end": report.period.end.isoformat() if report.period else None},
        "currency": report.currency,
        "channels": [figures(row) for row in report.channels],
        "totals": figures(report.totals),
        "unattributed_revenue": _num(report.unattributed_revenue),
        "total_revenue": _num(report.total_revenue),
        "months": [month(row) for row in report.months],
        "errors": [{**_where(error.location), "message": error.message}
                   for error in report.errors],
        "checks": [{"name": check.name, "ok": check.ok, "detail": check.detail}
                   for check in report.checks],
        "model": report.model,
        "month_totals": [month_total(row) for row in report.month_totals],
        "activities": [breakdown(row, "activity") for row in report.activities],
        "people": [breakdown(row, "person") for row in report.people],
        "time_log": [{
            "date": line.date.isoformat(), "person": line.person, "channel": line.channel,
            "activity": line.activity, "description": line.description,
            "hours": _num(line.hours), "rate": _num(line.rate), "value": _num(line.value),
            **_where(line.location)} for line in report.time_log],
        "rates": [{
            "person": line.person, "since": line.since.isoformat() if line.since else None,
            "rate": _num(line.rate), "currency": line.currency, **_where(line.location)}
            for line in report.rates],
        "attribution": [posting(line) for line in report.attribution],
        "unattributed": [posting(line) for line in report.unattributed],
        "cash_costs": [posting(line) for line in report.cash_costs],
        "unconverted": [posting(line) for line in report.unconverted],
        "new_client_list": [{
            "channel": item.channel, "client": item.client, "date": item.date.isoformat(),
            **_where(item.location)} for item in report.new_client_list],
        "plan": None if report.plan is None else {
            "hours_per_week": _num(report.plan.hours_per_week),
            "rate": _num(report.plan.rate),
            "hours_per_month": _num(report.plan.hours_per_month),
            "cost_per_month": _num(report.plan.cost_per_month),
            "cost_per_year": _num(report.plan.cost_per_year),
            "break_even_per_month": _num(report.plan.break_even_per_month),
            "break_even_per_year": _num(report.plan.break_even_per_year),
        },
    }


def render(report: Report) -> str:
    """The JSON text, indented, UTF-8 characters kept, ending with a newline."""
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
