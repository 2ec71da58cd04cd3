"""SPEC 5, 5.1 and 10: every format draws its columns from one schema.

The channel summary has the same fields, in the same order, in the JSON
report, the CSV file and the workbook; the tables people read show a subset
of them under the same headings. Messages are English for programs and in
the report's language for people; the totals row reads "Total" even when the
engine leaves it without a name.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import openpyxl
import pytest

from beancount_timeroi.engine import build_report
from beancount_timeroi.i18n import use_language
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import year_period
from beancount_timeroi.render import csv_report, json_report, schema, views, xlsx_report
from beancount_timeroi.render.columns import TOTAL, message_text, pick, shown_name
from beancount_timeroi.render.formatting import Formatter
from beancount_timeroi.report import NO_ACTIVITY, Breakdown, Report

BOOKS = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 80, channels: {linkedin: {name: LinkedIn}, blog: {name: Blog}}}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-03-01 custom "time" "linkedin" 1            ; 80.00
2025-03-02 custom "time" "blog" 2                ; 160.00
2025-03-03 * "Acme" "Site" #linkedin
  Assets:Bank   500.00 CAD
  Income:Design
"""

SUMMARY_KEYS = [
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
]


@pytest.fixture
def report(tmp_path: Path) -> Report:
    path = tmp_path / "books.beancount"
    path.write_text(BOOKS, encoding="utf-8")
    return build_report(Ledger.load(str(path)), year_period(2025))


def test_the_summary_has_the_same_fields_in_json_csv_and_the_workbook(report: Report) -> None:
    assert [column.key for column in schema.SUMMARY] == SUMMARY_KEYS
    data = json_report.as_dict(report)
    assert [list(row) for row in data["channels"]] == [SUMMARY_KEYS, SUMMARY_KEYS]
    assert list(data["totals"]) == SUMMARY_KEYS
    header = next(csv.reader(io.StringIO(csv_report.summary(report))))
    assert header == SUMMARY_KEYS
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_report.render(report)))["Summary"]
    assert [cell.value for cell in sheet[1]] == [
        "Channel",
        "Name",
        "Hours",
        "Time cost",
        "Cash cost",
        "Cost",
        "Revenue",
        "Net",
        "ROI",
        "Revenue/hour",
        "Avg rate",
        "Contracts",
        "Clients",
        "New clients",
        "Cost/new client",
        "Note",
    ]


def test_the_channel_tables_show_the_summary_under_its_headings(report: Report) -> None:
    fmt = Formatter(currency="CAD")
    titles = {column.title for column in schema.SUMMARY}
    for table in (views.cost_and_return(report), views.per_hour_and_client(report)):
        view = views.table_view(table, fmt)
        assert {label for label, _numeric in view.headers} <= titles
        # People read the channel's name (blog: 160.00 of time, no revenue: flagged).
        assert [row.cells[0].text for row in view.rows] == ["Blog !", "LinkedIn"]
        assert [row.key for row in view.rows] == ["blog", "linkedin"]
        assert view.footer[0].cells[0].text == "Total"


def test_a_totals_row_without_a_name_reads_total(report: Report) -> None:
    """The engine may leave the totals row unnamed: JSON says "Total", people read it
    in their language."""
    unnamed = dataclasses.replace(report, totals=dataclasses.replace(report.totals, name=None))
    assert json_report.as_dict(unnamed)["totals"]["name"] == "Total"
    assert shown_name(unnamed.totals) == "Total"
    assert json_report.render(unnamed) == json_report.render(report)


def test_messages_are_english_for_programs_and_translated_for_people() -> None:
    row = Breakdown(NO_ACTIVITY, 0, 0)  # type: ignore[arg-type]
    (activity,) = pick(schema.ACTIVITIES, "activity")
    with use_language("fr"):
        assert activity.machine(row) == "(no activity)"
        assert activity.text(row, Formatter()) == "(sans activité)"
    # Ledger text is never translated: a channel may be called "Total".
    assert message_text("Total", machine=False) == "Total"
    with use_language("fr"):
        assert message_text(TOTAL, machine=True) == "Total"


def test_pick_keeps_the_order_asked_for() -> None:
    assert [c.key for c in pick(schema.SUMMARY, "roi channel")] == ["roi", "channel"]
    with pytest.raises(KeyError):
        pick(schema.SUMMARY, "profit")
