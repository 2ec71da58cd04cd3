"""SPEC 13: what each content cost and brought, every field worked out by hand.

The ledger below declares four contents and names them from time entries, touches,
an income posting, a transaction and a cost; one time entry names a content that is
not declared, one touch a value that is not a content name, and one content is
declared twice. The year 2025 is reported under two attribution models.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import line_of

from beancount_timeroi.cli import main
from beancount_timeroi.engine import build_report
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import year_period
from beancount_timeroi.render import csv_report, text_report, xlsx_report
from beancount_timeroi.render.json_report import as_dict

LEDGER = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 100, channels: [blog, linkedin, newsletter]}"
2024-01-01 open Assets:Bank
2024-01-01 open Income:Design
2024-01-01 open Expenses:Ads

2025-03-10 custom "content" "accessible-forms" "blog" "Accessible forms: a checklist"
  url: "https://studio.example/blog/accessible-forms"
2025-06-01 custom "content" "color-contrast" "blog" "Colour contrast"
2025-02-01 custom "content" "launch-video" "linkedin" "Launch video"
2026-01-15 custom "content" "future-post" "linkedin" "Next year's post"
2026-02-01 custom "content" "never-written" "blog" "Published after the year, no hours"
2025-06-02 custom "content" "color-contrast" "linkedin" "Declared twice"

; Production and diffusion of the checklist: 3 + 1.5 + 1/3 hours at 100.
2025-03-01 custom "time" "blog" "3h" "Draft"
  content: "accessible-forms"
  activity: "writing"
2025-03-05 custom "time" "blog" "1h30" "Layout"
  content: "accessible-forms"
  activity: "layout"
2025-03-11 custom "time" "linkedin" "0h20" "Shared it"
  content: "accessible-forms"
  activity: "diffusion"
; No content, and a content that is not declared (an error; the hours still count).
2025-03-12 custom "time" "linkedin" "2h" "Comments"
  activity: "engagement"
2025-03-13 custom "time" "blog" "0h30" "Typo"
  content: "acessible-forms"
2025-05-20 custom "time" "newsletter" "0h45" "Issue about contrast"
  content: "color-contrast"
  activity: "writing"
; Written in 2025, published in 2026.
2025-12-20 custom "time" "linkedin" "1h" "Drafting next year's post"
  content: "future-post"
  activity: "writing"
2026-01-05 custom "time" "linkedin" "1h" "Not in 2025"
  content: "future-post"

2025-03-20 * "Ads Co" "Boost the checklist"
  channel: "linkedin"
  content: "accessible-forms"
  Expenses:Ads   45.50 CAD
  Assets:Bank

2025-03-15 custom "touch" "Acme" "blog"
  content: "accessible-forms"
2025-04-01 custom "touch" "Acme" "linkedin"
  content: "accessible-forms"
2025-04-02 custom "touch" "Acme" "linkedin"
2025-04-10 * "Acme" "Audit"
  Assets:Bank   1000.00 CAD
  Income:Design

2025-04-20 custom "touch" "Beta" "linkedin"
  content: "accessible-forms"
2025-05-01 * "Beta" "Workshop" #newsletter
  content: "color-contrast"
  Assets:Bank   500.00 CAD
  Income:Design
2025-06-10 * "Beta" "Follow-up"
  Assets:Bank   200.00 CAD
  Income:Design

2025-07-01 * "Acme" "Refund"
  Assets:Bank   -100.00 CAD
  Income:Design

2025-08-01 * "Gamma" "Two things"
  Assets:Bank   300.01 CAD
  Income:Design  -300.01 CAD
    channel: "blog newsletter"
    content: "color-contrast"

2025-09-01 custom "touch" "Delta" "blog"
  content: "Accessible Forms"
2025-09-10 * "Delta" "Small job"
  Assets:Bank   150.00 CAD
  Income:Design
"""

# The figures of 2025, by hand.
#
# Hours and time cost (rate 100):
#   accessible-forms: writing 3 h (300.00), layout 1.5 h (150.00), diffusion 1/3 h
#     (33.333 -> 33.33): 4.8333 h -> 4.83, 483.33; cash cost: the boost, 45.50.
#   color-contrast: writing 0.75 h, 75.00.  future-post: writing 1 h, 100.00 (the
#     2026 hour is outside the year).  launch-video: nothing.
#   no content: engagement 2 h (200.00) + the undeclared content's 0.5 h (50.00).
#   Total: 4.8333 + 0.75 + 1 + 2.5 = 9.0833 h -> 9.08; 908.33 + 45.50 = 953.83.
#
# Revenue, first-touch:
#   Acme Audit 1000.00 -> first touch blog, accessible-forms.
#   Acme Refund -100.00 -> the same: accessible-forms.
#   Beta Workshop 500.00: #newsletter and explicit content: color-contrast.
#   Beta Follow-up 200.00 -> Beta's one touch, linkedin, accessible-forms.
#   Gamma 300.01, posting channel "blog newsletter" (150.01 / 150.00) and posting
#     content: all of it to color-contrast.
#   Delta 150.00 -> blog; the touch's content is not a content name: no content.
#   accessible-forms 1000 - 100 + 200 = 1100.00; color-contrast 800.01; none 150.00;
#   total 2050.01.
#
# Revenue, linear (Acme's three touches: blog, linkedin + accessible-forms,
#   linkedin + none):
#   Audit: blog 1/3 = 333.333, linkedin 2/3 = 666.666: floors 333.33 + 666.66, the
#     cent to the larger remainder (linkedin): 333.33 / 666.67. LinkedIn's 666.67
#     between its two touches: 333.335 each, the cent by slug order, contents before
#     "no content": accessible-forms 333.34, none 333.33.
#   Refund -100: blog -33.33, linkedin -66.67 -> accessible-forms -33.34, none -33.33.
#   accessible-forms 333.33 + 333.34 + 200 - 33.33 - 33.34 = 800.00;
#   none 333.33 - 33.33 + 150 = 450.00; color-contrast 800.01; total 2050.01.
#
# Clients: the distinct clients of the transactions that give the content a positive
# sum; new clients: those whose first income transaction is one of them.
#   first-touch: accessible-forms Acme (Audit, new), Beta (Follow-up; Beta's first
#     income is the Workshop); color-contrast Beta (new), Gamma (new); none Delta (new).
#   linear: none also gets a positive share of Acme's Audit (new).


def row(
    content: str | None,
    title: str | None,
    channel: str | None,
    published: str | None,
    hours: str,
    time_cost: str,
    cash_cost: str,
    revenue: str,
    net: str,
    roi: str | None,
    clients: int,
    new_clients: int,
    revenue_share: str | None,
    activities: list[tuple[str, str, str]],
) -> dict[str, Any]:
    cost = f"{float(time_cost) + float(cash_cost):.2f}"
    return {
        "content": content,
        "title": title,
        "channel": channel,
        "published": published,
        "hours": hours,
        "time_cost": time_cost,
        "cash_cost": cash_cost,
        "cost": cost,
        "revenue": revenue,
        "net": net,
        "roi": roi,
        "clients": clients,
        "new_clients": new_clients,
        "revenue_share": revenue_share,
        "activities": [
            {"activity": activity, "hours": hours, "time_cost": value}
            for activity, hours, value in activities
        ],
    }


CHECKLIST = ("accessible-forms", "Accessible forms: a checklist", "blog", "2025-03-10")
CONTRAST = ("color-contrast", "Colour contrast", "blog", "2025-06-01")
FUTURE = ("future-post", "Next year's post", "linkedin", "2026-01-15")
VIDEO = ("launch-video", "Launch video", "linkedin", "2025-02-01")
NONE = (None, None, None, None)
CHECKLIST_HOURS = [
    ("diffusion", "0.33", "33.33"),
    ("layout", "1.50", "150.00"),
    ("writing", "3.00", "300.00"),
]
NONE_HOURS = [("(no activity)", "0.50", "50.00"), ("engagement", "2.00", "200.00")]

# ROI = net / cost, 4 decimals; the share of revenue = revenue / 2050.01, 4 decimals:
#   571.17 / 528.83 = 1.080064; 1100 / 2050.01 = 0.536583
#   725.01 / 75 = 9.6668; 800.01 / 2050.01 = 0.390247
#   -100 / 100 = -1; -100 / 250 = -0.4; 150 / 2050.01 = 0.073170
#   linear: 271.17 / 528.83 = 0.512774; 800 / 2050.01 = 0.390242
#           200 / 250 = 0.8; 450 / 2050.01 = 0.219511
EXPECTED = {
    "first-touch": [
        row(*CHECKLIST, "4.83", "483.33", "45.50", "1100.00", "571.17", "1.0801", 2, 1,
            "0.5366", CHECKLIST_HOURS),
        row(*CONTRAST, "0.75", "75.00", "0.00", "800.01", "725.01", "9.6668", 2, 2, "0.3902",
            [("writing", "0.75", "75.00")]),
        row(*FUTURE, "1.00", "100.00", "0.00", "0.00", "-100.00", "-1.0000", 0, 0, "0.0000",
            [("writing", "1.00", "100.00")]),
        row(*VIDEO, "0.00", "0.00", "0.00", "0.00", "0.00", None, 0, 0, "0.0000", []),
        row(*NONE, "2.50", "250.00", "0.00", "150.00", "-100.00", "-0.4000", 1, 1, "0.0732",
            NONE_HOURS),
    ],
    "linear": [
        row(*CHECKLIST, "4.83", "483.33", "45.50", "800.00", "271.17", "0.5128", 2, 1,
            "0.3902", CHECKLIST_HOURS),
        row(*CONTRAST, "0.75", "75.00", "0.00", "800.01", "725.01", "9.6668", 2, 2, "0.3902",
            [("writing", "0.75", "75.00")]),
        row(*FUTURE, "1.00", "100.00", "0.00", "0.00", "-100.00", "-1.0000", 0, 0, "0.0000",
            [("writing", "1.00", "100.00")]),
        row(*VIDEO, "0.00", "0.00", "0.00", "0.00", "0.00", None, 0, 0, "0.0000", []),
        row(*NONE, "2.50", "250.00", "0.00", "450.00", "200.00", "0.8000", 2, 2, "0.2195",
            NONE_HOURS),
    ],
}  # fmt: skip


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "books.beancount"
    target.write_text(LEDGER, encoding="utf-8")
    return target


def report_json(path: Path, model: str) -> dict[str, Any]:
    return as_dict(build_report(Ledger.load(str(path)), year_period(2025), model=model))


@pytest.mark.parametrize("model", ["first-touch", "linear"])
def test_every_field_of_every_content_row(path: Path, model: str) -> None:
    data = report_json(path, model)
    assert data["contents"] == EXPECTED[model]


@pytest.mark.parametrize("model", ["first-touch", "linear"])
def test_the_content_totals_equal_the_totals(path: Path, model: str) -> None:
    data = report_json(path, model)
    totals, sums = data["totals"], data["contents_totals"]
    for key in ("hours", "time_cost", "cash_cost", "cost", "revenue", "net", "roi"):
        assert sums[key] == totals[key], key
    # By hand: 9.0833 h, 908.33 + 45.50, revenue 2050.01; the clients of every row: Acme,
    # Beta, Gamma and Delta, all four new in 2025.
    assert (sums["hours"], sums["cost"], sums["revenue"]) == ("9.08", "953.83", "2050.01")
    assert (sums["clients"], sums["new_clients"]) == (4, 4)
    assert sums["content"] is None and sums["revenue_share"] == "1.0000"


def test_the_channels_still_get_their_shares(path: Path) -> None:
    """Contents split each channel's share: the channel figures do not move."""
    data = report_json(path, "linear")
    revenue = {row["channel"]: row["revenue"] for row in data["channels"]}
    # blog 333.33 - 33.33 + 150.01 + 150.00; linkedin 666.67 - 66.67 + 200;
    # newsletter 500 + 150.00.
    assert revenue == {"blog": "600.01", "linkedin": "800.00", "newsletter": "650.00"}


def test_each_attributed_posting_lists_its_content_shares(path: Path) -> None:
    data = report_json(path, "linear")
    audit = next(line for line in data["attribution"] if line["narration"] == "Audit")
    assert audit["shares"] == [
        {"channel": "blog", "amount": "333.33"},
        {"channel": "linkedin", "amount": "666.67"},
    ]
    assert audit["contents"] == [
        {"content": "accessible-forms", "channel": "blog", "amount": "333.33"},
        {"content": "accessible-forms", "channel": "linkedin", "amount": "333.34"},
    ]
    gamma = next(line for line in data["attribution"] if line["client"] == "Gamma")
    assert gamma["contents"] == [
        {"content": "color-contrast", "channel": "blog", "amount": "150.01"},
        {"content": "color-contrast", "channel": "newsletter", "amount": "150.00"},
    ]
    boost = data["cash_costs"][0]
    assert boost["contents"] == [
        {"content": "accessible-forms", "channel": "linkedin", "amount": "45.50"}
    ]


def test_content_errors_are_at_their_lines_and_nothing_is_lost(path: Path) -> None:
    ledger = Ledger.load(str(path))
    found = {
        (error.source["lineno"], error.message)
        for error in ledger.errors
        if "content" in str(error.message)
    }
    first = line_of(LEDGER, '"color-contrast" "blog" "Colour contrast"')
    assert found == {
        (
            line_of(LEDGER, '"color-contrast" "linkedin" "Declared twice"'),
            f"the content 'color-contrast' is already declared at {path}:{first}; declare each "
            "content once",
        ),
        (
            line_of(LEDGER, '"0h30" "Typo"'),
            "content: unknown content 'acessible-forms'; did you mean 'accessible-forms'?",
        ),
        (
            line_of(LEDGER, '"Delta" "blog"'),
            "content: 'Accessible Forms' is not a content name: use lowercase letters, digits, "
            "'-' and '_', like accessible-forms",
        ),
    }
    # The time entry with the unknown content is still valued, with no content.
    typo = [
        entry
        for entry in ledger.entries
        if getattr(entry, "narration", None) == "Typo" and entry.meta.get("__timeroi__")
    ]
    assert len(typo) == 1 and "content" not in typo[0].meta


def test_the_generated_transaction_names_its_content(path: Path) -> None:
    ledger = Ledger.load(str(path))
    draft = next(e for e in ledger.entries if getattr(e, "narration", None) == "Draft")
    assert draft.meta["content"] == "accessible-forms"


def test_without_declarations_the_contents_are_the_slugs_used(tmp_path: Path) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(
        """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 60}"
2024-01-01 open Assets:Bank
2024-01-01 open Income:Design
2025-01-05 custom "time" "blog" "2h" "Post"
  content: "first-post"
2025-01-06 custom "touch" "Acme" "blog"
  content: "first-post"
2025-01-20 * "Acme" "Job"
  Assets:Bank   90.00 CAD
  Income:Design
""",
        encoding="utf-8",
    )
    data = as_dict(build_report(Ledger.load(str(path))))
    # 2 h at 60 = 120.00; the job 90.00 through the touch: net -30.00, ROI -0.25.
    assert data["errors"] == []
    assert data["contents"] == [
        row("first-post", None, None, None, "2.00", "120.00", "0.00", "90.00", "-30.00",
            "-0.2500", 1, 1, "1.0000", [("(no activity)", "2.00", "120.00")]),
        row(*NONE, "0.00", "0.00", "0.00", "0.00", "0.00", None, 0, 0, "0.0000", []),
    ]  # fmt: skip


def test_compare_models_shows_content_revenue(path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["report", str(path), "--year", "2025", "--format", "json", "--compare-models"],
    )
    data = json.loads(result.output)
    revenue = {(item["model"], item["content"]): item["revenue"] for item in data["content_models"]}
    # last-touch: Acme's last touch (linkedin, no content) takes the Audit and the
    # refund: none 1000 - 100 + 150 = 1050.00; Beta's follow-up 200 to the checklist.
    assert revenue[("first-touch", "accessible-forms")] == "1100.00"
    assert revenue[("linear", "accessible-forms")] == "800.00"
    assert revenue[("last-touch", "accessible-forms")] == "200.00"
    assert revenue[("last-touch", None)] == "1050.00"
    assert revenue[("last-touch", "color-contrast")] == "800.01"
    assert {model for model, _content in revenue} == {
        "first-touch",
        "last-touch",
        "linear",
        "time-decay",
        "position-based",
    }
    for model in {model for model, _content in revenue}:
        total = sum(float(v) for (m, _c), v in revenue.items() if m == model)
        assert round(total, 2) == 2050.01, model


def test_the_csv_holds_the_same_numbers(path: Path) -> None:
    report = build_report(Ledger.load(str(path)), year_period(2025))
    lines = list(csv.DictReader(io.StringIO(csv_report.contents(report))))
    expected = EXPECTED["first-touch"]
    assert [line["content"] for line in lines] == [
        "accessible-forms",
        "color-contrast",
        "future-post",
        "launch-video",
        "",
    ]
    for line, want in zip(lines, expected, strict=True):
        for key in ("hours", "time_cost", "cash_cost", "cost", "revenue", "net", "clients"):
            assert line[key] == str(want[key]), key
        assert line["roi"] == (want["roi"] or "")
    # One column per activity of the year: the checklist's writing hours.
    assert lines[0]["hours:writing"] == "3.00"
    assert lines[4]["hours:engagement"] == "2.00"


def test_the_text_report_shows_the_content_table(path: Path) -> None:
    text = text_report.render(build_report(Ledger.load(str(path)), year_period(2025)))
    table = text.split("\nCost and return by content\n", 1)[1].split("\n\n", 1)[0].splitlines()
    cells = [re.split(r"  +", line.strip()) for line in table if not line.startswith("---")]
    # Title, channel, published, hours, cost, revenue, net, ROI and share of revenue.
    assert cells[0] == [
        "Content",
        "Channel",
        "Published",
        "Hours",
        "Cost",
        "Revenue",
        "Net",
        "ROI",
        "Share of revenue",
    ]
    assert cells[1] == [
        "Accessible forms: a checklist",
        "blog",
        "2025-03-10",
        "4.83",
        "528.83",
        "1,100.00",
        "571.17",
        "108.01%",
        "53.66%",
    ]
    assert cells[4] == [
        "Launch video",
        "linkedin",
        "2025-02-01",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "—",
        "0.00%",
    ]
    assert cells[5] == ["(no content)", "2.50", "250.00", "150.00", "-100.00", "-40.00%", "7.32%"]
    assert cells[6] == ["Total", "9.08", "953.83", "2,050.01", "1,096.18", "114.92%", "100.00%"]
    clients = text.split("\nTime and clients by content\n", 1)[1].split("\n\n", 1)[0]
    assert "diffusion 0.33, layout 1.50, writing 3.00" in clients


def test_the_workbook_has_a_content_sheet(path: Path, tmp_path: Path) -> None:
    report = build_report(Ledger.load(str(path)), year_period(2025))
    target = tmp_path / "book.xlsx"
    target.write_bytes(xlsx_report.render(report))
    with zipfile.ZipFile(target):  # a real archive
        pass
    book = openpyxl.load_workbook(target, data_only=True)  # the stored values
    sheet = book["Content"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["Content"] == "accessible-forms"
    assert first["Title"] == "Accessible forms: a checklist"
    assert float(first["Revenue"]) == 1100.0
    assert round(float(first["Hours"]), 4) == 4.8333
    totals = [[cell.value for cell in line] for line in sheet.iter_rows()]
    total = next(line for line in totals if line[0] == "Total")
    assert float(total[header.index("Revenue")]) == 2050.01
    assert float(total[header.index("Cost")]) == 953.83


def test_a_posting_of_time_names_its_content(tmp_path: Path) -> None:
    """SPEC 8 and 13: a posting of time takes the content of the posting, else of its
    transaction, like a time directive."""
    path = tmp_path / "books.beancount"
    path.write_text(
        """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 80, channels: [blog, linkedin]}"
2025-01-01 open Expenses:Time:Blog
2025-01-01 open Expenses:Time:Linkedin
2025-01-01 open Equity:Time
2025-03-01 custom "content" "checklist" "blog" "A checklist"
2025-03-02 * "Draft" #blog
  content: "checklist"
  Expenses:Time:Blog       1.5 H
  Equity:Time
2025-03-03 * "Carousel" #linkedin
  Expenses:Time:Linkedin   0.25 H
    content: "checklist"
  Equity:Time
2025-03-04 * "Comments" #linkedin
  Expenses:Time:Linkedin   1 H
  Equity:Time
""",
        encoding="utf-8",
    )
    data = as_dict(build_report(Ledger.load(str(path))))
    rows = {row["content"]: (row["hours"], row["time_cost"]) for row in data["contents"]}
    # 1.5 h x 80 = 120.00 and 0.25 h x 80 = 20.00 for the checklist; 1 h, 80.00 without.
    assert rows == {"checklist": ("1.75", "140.00"), None: ("1.00", "80.00")}


def test_markdown_and_french_show_the_content_tables(path: Path) -> None:
    from beancount_timeroi.i18n import use_language
    from beancount_timeroi.render import md_report
    from beancount_timeroi.render.formatting import Formatter

    report = build_report(Ledger.load(str(path)), year_period(2025))
    markdown = md_report.render(report)
    assert "### Cost and return by content" in markdown
    assert "| Accessible forms: a checklist | blog | 2025-03-10 | 4.83 | 528.83 |" in markdown
    with use_language("fr"):
        text = text_report.render(report, Formatter(currency="CAD"))
    assert "Coût et rendement par contenu" in text
    assert "(sans contenu)" in text and "1\u00a0100,00" in text


def test_the_text_report_compares_content_revenue_by_model(path: Path) -> None:
    report = build_report(
        Ledger.load(str(path)), year_period(2025), compare_models=True, model="linear"
    )
    text = text_report.render(report)
    table = text.split("\nContent revenue by attribution model\n", 1)[1].split("\n\n", 1)[0]
    lines = {line.split("  ")[0]: line.split() for line in table.splitlines()[2:]}
    # first-touch, last-touch, linear (in use), time-decay, position-based: the checklist's
    # 1,100.00, 200.00 and 800.00 worked out above.
    assert lines["Accessible forms: a checklist"][4:7] == ["1,100.00", "200.00", "800.00"]


SMALL = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 60, channels: [blog, linkedin]}"
2024-01-01 open Assets:Bank
2024-01-01 open Income:Design
2024-01-01 open Expenses:Photos
2025-01-01 custom "content" "forms" "blog" "Forms"
2025-01-05 custom "touch" "Acme" "blog"
  content: "forms"
"""


def small(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "small.beancount"
    path.write_text(SMALL + text, encoding="utf-8")
    return as_dict(build_report(Ledger.load(str(path))))


def test_a_content_is_named_whatever_its_case(tmp_path: Path) -> None:
    data = small(tmp_path, '2025-01-02 custom "time" "blog" "1h" "Draft"\n  content: "Forms"\n')
    assert data["errors"] == []
    assert [(row["content"], row["hours"]) for row in data["contents"]] == [
        ("forms", "1.00"),
        (None, "0.00"),
    ]


def test_an_explicit_content_that_is_not_one_takes_the_income_from_the_touches(
    tmp_path: Path,
) -> None:
    """Acme's touch names "forms", but the invoice names a content that does not exist:
    the explicit content wins whatever the touches name, so the 100.00 has no content
    (and the error says why)."""
    data = small(
        tmp_path,
        '2025-02-01 * "Acme" "Job"\n  content: "formz"\n'
        "  Assets:Bank   100.00 CAD\n  Income:Design\n",
    )
    assert [(row["content"], row["revenue"]) for row in data["contents"]] == [
        ("forms", "0.00"),
        (None, "100.00"),
    ]
    assert [error["message"] for error in data["errors"]] == [
        "content: unknown content 'formz'; did you mean 'forms'?"
    ]


def test_a_cost_naming_only_a_content_is_reported(tmp_path: Path) -> None:
    text = (
        '2025-02-01 * "Photos" "Cover"\n  content: "forms"\n'
        "  Expenses:Photos   30.00 CAD\n  Assets:Bank\n"
    )
    data = small(tmp_path, text)
    # It is no channel's cash cost, so no content's either; the report says so at the
    # cost's posting (the transaction's third line).
    assert data["totals"]["cash_cost"] == "0.00"
    assert [(error["line"], error["message"]) for error in data["errors"]] == [
        (
            SMALL.count("\n") + 3,
            "this cost names the content 'forms' but no channel, so it counts for neither: "
            'add the channel it was spent on, like channel: "linkedin" or a channel tag',
        )
    ]
    tagged = small(tmp_path, text.replace('"Cover"', '"Cover" #blog'))
    assert tagged["errors"] == [] and tagged["contents"][0]["cash_cost"] == "30.00"


def test_content_on_a_transfer_is_not_ours(tmp_path: Path) -> None:
    """content: on a transaction with neither income nor expenses is someone else's key."""
    text = (
        "2024-01-01 open Assets:Savings\n"
        '2025-02-01 * "Savings"\n  content: "Anything at all"\n'
        "  Assets:Savings   30.00 CAD\n  Assets:Bank\n"
    )
    assert small(tmp_path, text)["errors"] == []
