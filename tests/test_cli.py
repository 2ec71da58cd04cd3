"""SPEC 5: bean-timeroi report and plan: formats, exit statuses, safety of the outputs."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from beancount_timeroi.cli import main
from beancount_timeroi.render.csv_report import neutralise

CLEAN = """\
option "operating_currency" "CAD"
plugin "beancount_timeroi" "{rate: 80, channels: {linkedin: {name: LinkedIn}, blog: {name: '<b>Blog</b>'}}}"
2025-01-01 open Assets:Bank
2025-01-01 open Income:Design
2025-01-01 open Expenses:Ads
2025-03-01 custom "time" "linkedin" "1h30"         ; 1.5 h x 80 = 120.00
2025-03-02 custom "time" "blog" 1                  ; 80.00
2025-03-03 * "=1+1" "<script>alert(1)</script>" #linkedin
  client: "@SUM(A1:A9)"
  Assets:Bank   500.00 CAD
  Income:Design
2025-03-04 * "+cmd|' /C calc'!A0" "-2+3" #blog
  Assets:Bank   100.00 CAD
  Income:Design
2025-03-05 * "Shop" "Boost" #blog
  Expenses:Ads   64.72 CAD
  Assets:Bank
2025-03-06 * "Walk-in" "	tabbed narration"
  Assets:Bank   10.00 CAD
  Income:Design
"""


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_report_and_exit_zero(books: Path) -> None:
    code, out, _err = run("report", str(books), "--year", "2025", "--format", "json")
    assert code == 0
    data = json.loads(out)
    totals = data["totals"]
    # 200.00 of time, 64.72 of ads on blog; revenue 500 (linkedin) + 100 (blog); 10 unattributed.
    assert (totals["time_cost"], totals["cash_cost"], totals["revenue"]) == (
        "200.00",
        "64.72",
        "600.00",
    )
    assert (data["unattributed_revenue"], data["total_revenue"]) == ("10.00", "610.00")


def test_text_report_is_aligned_with_percent_roi(books: Path) -> None:
    code, out, _err = run("report", str(books), "--from", "2025-03-01", "--to", "2025-03-31")
    assert code == 0
    lines = out.splitlines()
    table = lines[lines.index("Cost and return") + 1 :]
    header, rule = table[0], table[1]
    assert set(rule) == {"-", " "}
    assert header.split() == [
        "Channel",
        "Hours",
        "Time",
        "cost",
        "Cash",
        "cost",
        "Cost",
        "Revenue",
        "Net",
        "ROI",
    ]
    # Every row of the table ends at the same column: numbers are right-aligned.
    rows = table[: table.index("")]
    assert len({len(row) for row in rows}) == 1
    # LinkedIn: cost 120.00, net 380.00, ROI 380/120 = 3.1667 -> 316.67%.
    linkedin = next(row for row in rows if row.startswith("LinkedIn"))
    assert linkedin.split()[-1] == "316.67%"
    assert "2025-03-01 to 2025-03-31" in out
    assert "Checks: all 2 pass" in out


def test_errors_give_exit_one_and_are_listed(books: Path) -> None:
    books.write_text(CLEAN + '2025-03-09 custom "time" "linkdin" 1\n', encoding="utf-8")
    code, out, _err = run("report", str(books))
    assert code == 1
    assert "Errors (1):" in out
    line = len(CLEAN.splitlines()) + 1
    assert f"books.beancount:{line}: unknown channel 'linkdin'; did you mean 'linkedin'?" in out


def test_markdown_tables(books: Path) -> None:
    code, out, _err = run("report", str(books), "--format", "md")
    assert code == 0
    assert "| Channel | Hours | Time cost | Cash cost | Cost | Revenue | Net | ROI |" in out
    assert "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" in out
    # The config's display name is ledger text: it stays text.
    assert "\\<b\\>Blog\\</b\\>" in out and "<b>" not in out


def test_csv_summary_to_stdout(books: Path) -> None:
    code, out, _err = run("report", str(books), "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:4] == ["channel", "name", "hours", "time_cost"]
    assert [row[0] for row in table[1:]] == ["blog", "linkedin", ""]
    assert table[-1][1] == "Total"


def test_csv_folder_has_every_table_and_no_formula(books: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    code, _out, err = run("report", str(books), "--format", "csv", "--output", str(folder))
    assert code == 0
    assert "Wrote 9 CSV files" in err
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "attribution.csv",
        "cash_costs.csv",
        "checks.csv",
        "contents.csv",
        "months.csv",
        "rates.csv",
        "summary.csv",
        "time_log.csv",
        "unattributed.csv",
    ]
    cells = []
    for path in folder.iterdir():
        cells += [
            cell for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for cell in row
        ]
    dangerous = [
        cell
        for cell in cells
        if cell[:1] in ("=", "+", "@", "\t", "\r")
        or (cell[:1] == "-" and not cell[1:].replace(".", "", 1).isdigit())
    ]
    assert dangerous == []
    # The hostile texts are there, as text.
    assert "'=1+1" in cells and "'@SUM(A1:A9)" in cells and "'+cmd|' /C calc'!A0" in cells
    assert "'-2+3" in cells and "'\ttabbed narration" in cells
    # Plain negative numbers stay numbers.
    attribution = list(
        csv.DictReader(io.StringIO((folder / "attribution.csv").read_text("utf-8-sig")))
    )
    assert [row["rule"] for row in attribution] == ["tags", "tags", "unattributed"]
    assert attribution[0]["linkedin"] == "500.00"
    time_log = list(csv.DictReader(io.StringIO((folder / "time_log.csv").read_text("utf-8-sig"))))
    assert [
        (row["channel"], row["hours"], row["rate"], row["value"], row["line"]) for row in time_log
    ] == [("linkedin", "1.5000", "80.00", "120.00", "6"), ("blog", "1.0000", "80.00", "80.00", "7")]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("-64.72", "-64.72"),
        ("+12", "+12"),
        ("12.5", "12.5"),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("+cmd", "'+cmd"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("", ""),
        ("-", "'-"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_html_is_self_contained_and_escapes_ledger_text(books: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, _out, _err = run("report", str(books), "--format", "html", "--output", str(target))
    assert code == 0
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Blog&lt;/b&gt;" in page and "<b>Blog" not in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert page.count("<svg") == 2


@pytest.mark.parametrize(
    "args",
    [
        ["report", "missing.beancount"],
        ["report", "."],
        ["report", "{books}", "--year", "2025", "--from", "2025-01-01"],
        ["report", "{books}", "--from", "2025-02-30"],
        ["report", "{books}", "--from", "2025-03-01", "--to", "2025-02-01"],
        ["report", "{books}", "--format", "pdf"],
        ["report", "{books}", "--output", "/proc/nope/report.txt"],
        ["report", "{books}", "--format", "csv", "--output", "/proc/nope"],
        ["plan", "--hours-per-day", "25", "--days-per-week", "5", "--rate", "85"],
        ["plan", "--hours-per-day", "1", "--days-per-week", "0", "--rate", "85"],
        ["plan", "--hours-per-day", "1", "--days-per-week", "5", "--rate", "eighty"],
        ["plan", "--hours-per-day", "1"],
        ["nonsense"],
    ],
)
def test_bad_arguments_exit_two_without_traceback(args: list[str], books: Path) -> None:
    command = [sys.executable, "-c", "from beancount_timeroi.cli import run; run()"]
    command += [arg.replace("{books}", str(books)) for arg in args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip()


def test_a_lone_from_after_the_ledgers_end_is_an_empty_period(books: Path) -> None:
    code, out, _err = run("report", str(books), "--from", "2026-02-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["period"] == {"start": "2026-02-01", "end": "2026-02-01"}
    code, out, _err = run("report", str(books), "--to", "2024-12-31", "--format", "json")
    assert json.loads(out)["period"] == {"start": "2024-12-31", "end": "2024-12-31"}


def test_plan_arithmetic() -> None:
    code, out, _err = run(
        "plan", "--hours-per-day", "1", "--days-per-week", "5", "--rate", "85", "--currency", "CAD"
    )
    assert code == 0
    # 1 h x 5 days = 5 h a week; x 52 / 12 = 21.666 -> 21.67 h a month; 260 h a year;
    # 260 x 85 = 22,100.00 a year; 22,100 / 12 = 1,841.666 -> 1,841.67 a month.
    assert re.search(r"^  hours per month +21\.67$", out, re.MULTILINE)
    assert re.search(r"^  hours per year +260\.00$", out, re.MULTILINE)
    assert re.search(r"^  time cost per month +\$1,841\.67$", out, re.MULTILINE)
    assert re.search(r"^  time cost per year +\$22,100\.00$", out, re.MULTILINE)
    assert "$1,841.67 of revenue a month, $22,100.00 a year" in out
    assert out.startswith("1 h a day, 5 days a week, at $85.00 an hour:")
    # The figures are right-aligned under each other.
    assert len({line.index(".") - len(line) for line in out.splitlines()[2:6]}) == 1
    # 1.5 h x 3 days = 4.5 h a week: 19.50 h and 1,170.00 a month at 60; 234 h, 14,040.00 a year.
    code, out, _err = run("plan", "--hours-per-day", "1.5", "--days-per-week", "3", "--rate", "60")
    assert re.search(r"hours per month +19\.50\n", out)
    assert re.search(r"time cost per month +1,170\.00\n", out)
    assert re.search(r"time cost per year +14,040\.00\n", out)
    assert out.startswith("1.5 h a day, 3 days a week, at 60.00 an hour:")


def test_help_explains_with_examples() -> None:
    code, out, _err = run("--help")
    assert code == 0
    assert "bean-timeroi report books.beancount --year 2025" in out
    code, out, _err = run("report", "--help")
    for option in ("--year", "--from", "--to", "--format", "--output"):
        assert option in out
    assert "exit status is 1 when" in out
