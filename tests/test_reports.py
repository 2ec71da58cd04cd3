"""reports/ holds the demo ledger's 2025 report in every format (and in French the
formats people read); it must be current.

When this test fails, run `make reports` and commit the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from beancount_timeroi.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"
REPORTS = ROOT / "reports"


@pytest.mark.parametrize(
    ("fmt", "lang"),
    [
        ("text", "en"),
        ("md", "en"),
        ("html", "en"),
        ("json", "en"),
        ("text", "fr"),
        ("md", "fr"),
        ("html", "fr"),
    ],
)
def test_report_is_current(fmt: str, lang: str, tmp_path: Path) -> None:
    suffix = {"text": "txt"}.get(fmt, fmt)
    target = tmp_path / ("demo-2025." + ("fr." if lang == "fr" else "") + suffix)
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(DEMO),
            "--year",
            "2025",
            "--format",
            fmt,
            "--lang",
            lang,
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (REPORTS / target.name).read_bytes(), "run `make reports`"


def test_csv_tables_are_current(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", str(DEMO), "--year", "2025", "--format", "csv", "--output", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    committed = REPORTS / "demo-2025-csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in committed.iterdir())
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (committed / path.name).read_bytes(), "run `make reports`"
