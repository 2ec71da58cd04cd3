"""SPEC 3 and 4: attribution rules, cent splits, conversions and every metric,
against values worked out by hand in the comments."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import line_of

from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import year_period
from beancount_timeroi.render.json_report import as_dict
from beancount_timeroi.report import Period, Report

CONFIG = (
    "{rate: 100, people: {alex: 40}, channels: {blog: {aliases: [article]}, "
    "linkedin: {name: LinkedIn}, newsletter: {}, x: {}}}"
)

LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{config}"

2024-01-01 open Assets:Bank
2024-01-01 open Income:Design
2024-01-01 open Expenses:Ads
2024-01-01 open Expenses:Tools

2025-01-01 price USD 1.35 CAD

; Time: owner at 100.00, alex at 40.00.
2024-12-31 custom "time" "linkedin" 1                 ; 2024: 100.00
2025-01-01 custom "time" "linkedin" 2                 ; 200.00
2025-01-15 custom "time" "linkedin" "30m"             ; 50.00
2025-02-01 custom "time" "blog" 20 MIN                ; 100/3 = 33.333 -> 33.33
2025-02-01 custom "time" "blog" 3
  who: "alex"                                         ; 120.00
2026-01-01 custom "time" "blog" 1                     ; 2026

; Touches.
2024-06-01 custom "touch" "Acme Inc" "blog"
2025-03-01 custom "touch" "ACME  inc" "linkedin"     ; later: the first (blog) wins
2025-05-01 custom "touch" "Zed" "newsletter"          ; after Zed's income: still counts
2025-01-10 custom "touch" "Same Day" "x"
2025-01-10 custom "touch" "Same Day" "blog"           ; same date: loaded second

2024-11-01 * "acme inc" "Old work"                    ; Acme's first income: in 2024
  Assets:Bank      500.00 CAD
  Income:Design

2025-01-20 * "Acme Inc" "Site"                        ; T1: first touch -> blog 1000.00
  Assets:Bank     1000.00 CAD
  Income:Design

2025-02-10 * "Bob" "Logo" #linkedin #Article          ; T2: two channel tags -> 50.00 each
  Assets:Bank      100.00 CAD
  Income:Design

2025-03-05 * "Carol" "Audit"                          ; T3: weights -> 600.00 / 400.00
  channel: "linkedin=60 blog=40"
  Assets:Bank     1000.00 CAD
  Income:Design

2025-03-06 * "Dan" "Work" #x                          ; T4: the posting's channel wins
  channel: "newsletter"
  Assets:Bank      300.00 CAD
  Income:Design
    channel: "blog"

2025-04-01 * "Eve" "Three-way"                        ; T5: 100.00 / 3 -> 33.34 33.33 33.33
  channel: "x, linkedin blog"
  Assets:Bank      100.00 CAD
  Income:Design

2025-04-02 * "Zed" "Pay"                              ; T6: touch -> newsletter 200.00
  Assets:Bank      200.00 CAD
  Income:Design

2025-04-03 * "Nobody" "Misc"                          ; T7: unattributed 150.00
  Assets:Bank      150.00 CAD
  Income:Design

2025-04-04 * "Bob" "Refund" #linkedin                 ; T8: a refund, -20.00, no contract
  Assets:Bank      -20.00 CAD
  Income:Design

2025-04-05 * "US Client" "USD work" #x                ; T9: 100 USD x 1.35 = 135.00
  Assets:Bank      100.00 USD
  Income:Design

2025-04-06 * "US Client" "USD at a price" #x          ; T10: 10.01 x 1.3333 = 13.346333 -> 13.35
  Assets:Bank       13.35 CAD
  Income:Design    -10.01 USD @ 1.3333 CAD

2025-04-07 * "Euro Client" "EUR work" #x              ; T11: no EUR price: left out, an error
  Assets:Bank       50.00 EUR
  Income:Design

2025-06-01 * "same  DAY" "Retainer"                   ; T12: first touch x (loaded first) -> 90.00
  Assets:Bank       90.00 CAD
  Income:Design

2025-12-31 * "Fay" "Last day"                         ; T13: newsletter 10.00
  channel: "newsletter"
  Assets:Bank       10.00 CAD
  Income:Design

2026-01-01 * "Fay" "Next year"                        ; outside 2025
  channel: "newsletter"
  Assets:Bank      999.00 CAD
  Income:Design

2025-01-05 * "LinkedIn" "Premium" #linkedin           ; C1: linkedin cash 39.99
  Expenses:Tools    39.99 CAD
  Assets:Bank

2025-02-05 * "Ads" "Boost"                            ; C2: 100.00 as 1:2 -> 33.33 / 66.67
  channel: "blog=1 x=2"
  Expenses:Ads     100.00 CAD
  Assets:Bank

2025-02-06 * "Acme Inc" "Coffee"                      ; C3: touches never make a cash cost
  Expenses:Tools    12.00 CAD
  Assets:Bank

2025-02-07 * "Tools" "US tool" #blog                  ; C4: 10 USD x 1.35 = 13.50
  Expenses:Tools    10.00 USD
  Assets:Bank
""".replace("{config}", CONFIG)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    path = tmp_path / "books.beancount"
    path.write_text(LEDGER, encoding="utf-8")
    return Ledger.load(str(path))


def rows(report: Report) -> dict[str, dict[str, Any]]:
    data = as_dict(report)
    return {row["channel"]: row for row in data["channels"]}


def test_channel_figures_for_2025(ledger: Ledger) -> None:
    report = build_report(ledger, year_period(2025))
    got = rows(report)
    # blog: time 1/3 h x 100 = 33.33 and alex 3 h x 40 = 120.00 -> 153.33 for 10/3 h;
    # cash 33.33 (C2) + 13.50 (C4) = 46.83; revenue T1 1000 + T2 50 + T3 400 + T4 300
    # + T5 33.34 = 1783.34; net 1583.18; ROI 1583.18 / 200.16 = 7.90957 -> 7.9096;
    # revenue per hour 1783.34 / (10/3) = 535.002 -> 535.00; avg rate 153.33 / (10/3)
    # = 45.999 -> 46.00; contracts T1-T5; clients Acme Bob Carol Dan Eve; new: Bob Carol
    # Dan Eve (Acme's first income is in 2024); cost per new client 200.16 / 4 = 50.04.
    assert got["blog"] == {
        "channel": "blog",
        "name": "blog",
        "hours": "3.33",
        "time_cost": "153.33",
        "cash_cost": "46.83",
        "cost": "200.16",
        "revenue": "1783.34",
        "net": "1583.18",
        "roi": "7.9096",
        "revenue_per_hour": "535.00",
        "avg_rate": "46.00",
        "contracts": 5,
        "clients": 5,
        "new_clients": 4,
        "cost_per_new_client": "50.04",
    }
    # linkedin: time 2.5 h -> 250.00; cash 39.99; revenue T2 50 + T3 600 + T5 33.33
    # - T8 20 = 663.33; net 373.34; ROI 373.34 / 289.99 = 1.28742 -> 1.2874; rev/h
    # 663.33 / 2.5 = 265.332 -> 265.33; contracts T2 T3 T5 (the refund is not one);
    # new: Bob Carol Eve; 289.99 / 3 = 96.663 -> 96.66.
    assert got["linkedin"] == {
        "channel": "linkedin",
        "name": "LinkedIn",
        "hours": "2.50",
        "time_cost": "250.00",
        "cash_cost": "39.99",
        "cost": "289.99",
        "revenue": "663.33",
        "net": "373.34",
        "roi": "1.2874",
        "revenue_per_hour": "265.33",
        "avg_rate": "100.00",
        "contracts": 3,
        "clients": 3,
        "new_clients": 3,
        "cost_per_new_client": "96.66",
    }
    # newsletter: no hours, no cost: ROI and per-hour figures are undefined (null);
    # revenue T6 200 + T13 10 (the last day of the period); new: Zed, Fay; 0 / 2 = 0.00.
    assert got["newsletter"] == {
        "channel": "newsletter",
        "name": "newsletter",
        "hours": "0.00",
        "time_cost": "0.00",
        "cash_cost": "0.00",
        "cost": "0.00",
        "revenue": "210.00",
        "net": "210.00",
        "roi": None,
        "revenue_per_hour": None,
        "avg_rate": None,
        "contracts": 2,
        "clients": 2,
        "new_clients": 2,
        "cost_per_new_client": "0.00",
    }
    # x: cash 66.67 (C2); revenue T5 33.33 + T9 135.00 + T10 13.35 + T12 90.00 = 271.68;
    # ROI 205.01 / 66.67 = 3.07498 -> 3.0750; new: Eve, US Client, Same Day.
    assert got["x"] == {
        "channel": "x",
        "name": "x",
        "hours": "0.00",
        "time_cost": "0.00",
        "cash_cost": "66.67",
        "cost": "66.67",
        "revenue": "271.68",
        "net": "205.01",
        "roi": "3.0750",
        "revenue_per_hour": None,
        "avg_rate": None,
        "contracts": 4,
        "clients": 3,
        "new_clients": 3,
        "cost_per_new_client": "22.22",
    }


def test_totals_and_unattributed(ledger: Ledger) -> None:
    data = as_dict(build_report(ledger, year_period(2025)))
    # hours 2.5 + 10/3 = 35/6 = 5.833 -> 5.83; time 250.00 + 153.33 = 403.33;
    # cash 39.99 + 46.83 + 66.67 = 153.49; revenue 1783.34 + 663.33 + 210.00 + 271.68
    # = 2928.35; ROI 2371.53 / 556.82 = 4.25906 -> 4.2591; rev/h 2928.35 x 6/35
    # = 502.0029 -> 502.00; avg rate 403.33 x 6/35 = 69.142 -> 69.14.
    # Distinct contracts T1-T6 T9 T10 T12 T13 = 10; clients Acme Bob Carol Dan Eve Zed
    # US-Client Same-Day Fay = 9; new: the same but Acme = 8; 556.82 / 8 = 69.6025 -> 69.60.
    assert data["totals"] == {
        "channel": None,
        "name": "Total",
        "hours": "5.83",
        "time_cost": "403.33",
        "cash_cost": "153.49",
        "cost": "556.82",
        "revenue": "2928.35",
        "net": "2371.53",
        "roi": "4.2591",
        "revenue_per_hour": "502.00",
        "avg_rate": "69.14",
        "contracts": 10,
        "clients": 9,
        "new_clients": 8,
        "cost_per_new_client": "69.60",
    }
    assert data["unattributed_revenue"] == "150.00"
    assert data["total_revenue"] == "3078.35"
    assert [line["narration"] for line in data["unattributed"]] == ["Misc"]


def test_rules_used_for_each_income_posting(ledger: Ledger) -> None:
    data = as_dict(build_report(ledger, year_period(2025)))
    rules = {
        line["narration"]: (line["rule"], {s["channel"]: s["amount"] for s in line["shares"]})
        for line in data["attribution"]
    }
    assert rules == {
        "Site": ("first-touch", {"blog": "1000.00"}),
        "Logo": ("tags", {"blog": "50.00", "linkedin": "50.00"}),
        "Audit": ("transaction-channel", {"blog": "400.00", "linkedin": "600.00"}),
        "Work": ("posting-channel", {"blog": "300.00"}),
        "Three-way": ("transaction-channel", {"blog": "33.34", "linkedin": "33.33", "x": "33.33"}),
        "Pay": ("first-touch", {"newsletter": "200.00"}),
        "Refund": ("tags", {"linkedin": "-20.00"}),
        "USD work": ("tags", {"x": "135.00"}),
        "USD at a price": ("tags", {"x": "13.35"}),
        "Retainer": ("first-touch", {"x": "90.00"}),  # "same  DAY": x was touched first
        "Last day": ("transaction-channel", {"newsletter": "10.00"}),
    }
    (same_day,) = [line for line in data["attribution"] if line["narration"] == "Retainer"]
    assert same_day["client"] == "same DAY"  # spaces collapsed, as written otherwise
    converted = [line for line in data["attribution"] if line["original"]]
    assert [(line["original"], line["amount"]) for line in converted] == [
        ("-100.00 USD", "135.00"),
        ("-10.01 USD", "13.35"),
    ]


def test_unconverted_income_is_an_error_and_fails_the_reconciliation(ledger: Ledger) -> None:
    report = build_report(ledger, year_period(2025))
    data = as_dict(report)
    (unconverted,) = data["unconverted"]
    # At the income posting's line, two below the transaction's.
    assert (unconverted["narration"], unconverted["line"]) == (
        "EUR work",
        line_of(LEDGER, '"Euro Client" "EUR work"') + 2,
    )
    messages = [error["message"] for error in data["errors"]]
    assert messages == [
        "no price to convert this income posting of -50.00 EUR to CAD on 2025-04-07: add a "
        "price directive (like '2025-04-07 price EUR 1.35 CAD') or an @ price on the posting; "
        "it is left out of the report"
    ]
    checks = {check["name"]: check for check in data["checks"]}
    assert checks["books-match"]["ok"] is True
    assert checks["revenue-reconciles"]["ok"] is False
    assert (
        "1 posting could not be converted to CAD and is left out"
        in checks["revenue-reconciles"]["detail"]
    )
    assert not report.ok


def test_cash_costs_use_rules_one_to_three_only(ledger: Ledger) -> None:
    data = as_dict(build_report(ledger, year_period(2025)))
    costs = {
        line["narration"]: {s["channel"]: s["amount"] for s in line["shares"]}
        for line in data["cash_costs"]
    }
    assert costs == {
        "Premium": {"linkedin": "39.99"},
        "Boost": {"blog": "33.33", "x": "66.67"},
        "US tool": {"blog": "13.50"},
    }


def test_months_are_non_zero_month_channel_pairs_in_order(ledger: Ledger) -> None:
    data = as_dict(build_report(ledger, year_period(2025)))
    assert data["months"] == [
        {
            "month": "2025-01",
            "channel": "blog",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "1000.00",
        },
        {
            "month": "2025-01",
            "channel": "linkedin",
            "hours": "2.50",
            "cost": "289.99",
            "revenue": "0.00",
        },
        {
            "month": "2025-02",
            "channel": "blog",
            "hours": "3.33",
            "cost": "200.16",
            "revenue": "50.00",
        },
        {
            "month": "2025-02",
            "channel": "linkedin",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "50.00",
        },
        {"month": "2025-02", "channel": "x", "hours": "0.00", "cost": "66.67", "revenue": "0.00"},
        {
            "month": "2025-03",
            "channel": "blog",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "700.00",
        },
        {
            "month": "2025-03",
            "channel": "linkedin",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "600.00",
        },
        {
            "month": "2025-04",
            "channel": "blog",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "33.34",
        },
        {
            "month": "2025-04",
            "channel": "linkedin",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "13.33",
        },
        {
            "month": "2025-04",
            "channel": "newsletter",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "200.00",
        },
        {"month": "2025-04", "channel": "x", "hours": "0.00", "cost": "0.00", "revenue": "181.68"},
        {"month": "2025-06", "channel": "x", "hours": "0.00", "cost": "0.00", "revenue": "90.00"},
        {
            "month": "2025-12",
            "channel": "newsletter",
            "hours": "0.00",
            "cost": "0.00",
            "revenue": "10.00",
        },
    ]
    # Net by month and running total: Jan 1000 - 289.99 = 710.01; Feb 100 - 266.83
    # = -166.83 (running 543.18); Mar 1300 (1843.18); Apr 428.35 (2271.53); Jun 90
    # (2361.53); Dec 10 (2371.53 = the totals' net).
    assert [(m["month"], m["net"], m["cumulative_net"]) for m in data["month_totals"]] == [
        ("2025-01", "710.01", "710.01"),
        ("2025-02", "-166.83", "543.18"),
        ("2025-03", "1300.00", "1843.18"),
        ("2025-04", "428.35", "2271.53"),
        ("2025-06", "90.00", "2361.53"),
        ("2025-12", "10.00", "2371.53"),
    ]


def test_period_boundaries_and_a_client_new_in_an_earlier_period(ledger: Ledger) -> None:
    report_2024 = rows(build_report(ledger, year_period(2024)))
    # 2024: the 12-31 hour (100.00) on linkedin; Acme's 500.00 to blog by first touch,
    # Acme new in 2024. Declared channels with nothing still get a row.
    assert sorted(report_2024) == ["blog", "linkedin", "newsletter", "x"]
    assert (report_2024["linkedin"]["hours"], report_2024["linkedin"]["time_cost"]) == (
        "1.00",
        "100.00",
    )
    assert (report_2024["blog"]["revenue"], report_2024["blog"]["new_clients"]) == ("500.00", 1)
    assert report_2024["x"] == {
        "channel": "x",
        "name": "x",
        "hours": "0.00",
        "time_cost": "0.00",
        "cash_cost": "0.00",
        "cost": "0.00",
        "revenue": "0.00",
        "net": "0.00",
        "roi": None,
        "revenue_per_hour": None,
        "avg_rate": None,
        "contracts": 0,
        "clients": 0,
        "new_clients": 0,
        "cost_per_new_client": None,
    }
    # One day: only T13 (2025-12-31).
    one_day = build_report(ledger, Period(datetime.date(2025, 12, 31), datetime.date(2025, 12, 31)))
    assert as_dict(one_day)["totals"]["revenue"] == "10.00"


def test_default_period_is_first_to_last_time_entry_or_transaction(ledger: Ledger) -> None:
    data = as_dict(build_report(ledger))
    assert data["period"] == {"start": "2024-11-01", "end": "2026-01-01"}


def test_sources_are_hashed(ledger: Ledger, tmp_path: Path) -> None:
    data = as_dict(build_report(ledger, year_period(2025)))
    digest = hashlib.sha256((tmp_path / "books.beancount").read_bytes()).hexdigest()
    assert data["sources"] == [{"file": "books.beancount", "sha256": digest}]


def test_json_is_byte_stable(ledger: Ledger) -> None:
    from beancount_timeroi.render.json_report import render

    first = render(build_report(ledger, year_period(2025)))
    second = render(build_report(Ledger.load(ledger.options["filename"]), year_period(2025)))
    assert first == second
    assert json.loads(first)["schema"] == "timeroi-report/1"
