"""The demo ledger: it checks clean with bean-check, is current with its
generator (the ``demo`` scenario of ``beancount_timeroi.example``), and its
generated totals match the generator's own arithmetic."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from beancount import loader
from beancount.core import data
from click.testing import CliRunner
from conftest import number

from beancount_timeroi.cli import main
from beancount_timeroi.example.demo import build_demo, demo_config, demo_ledger, rate_on
from beancount_timeroi.example.ledger_text import money

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"
CONFIG = ROOT / "ledgers" / "timeroi.yaml"


def test_bean_check_passes_on_the_demo() -> None:
    bean_check = Path(sys.executable).with_name("bean-check")
    result = subprocess.run(
        [str(bean_check), str(DEMO)],
        capture_output=True,
        text=True,
        check=False,
        env={"BEANCOUNT_DISABLE_LOAD_CACHE": "1", "PATH": ""},
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_demo_is_what_its_generator_writes() -> None:
    text = demo_ledger(build_demo())
    assert text == DEMO.read_text(encoding="utf-8")


def test_demo_config_is_what_its_generator_writes() -> None:
    """timeroi.yaml is written from the rates and channels the ledger uses."""
    assert demo_config() == CONFIG.read_text(encoding="utf-8")


def test_the_demo_scenario_writes_both_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["example", "--scenario", "demo", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["demo.beancount", "timeroi.yaml"]
    assert (tmp_path / "demo.beancount").read_bytes() == DEMO.read_bytes()
    assert (tmp_path / "timeroi.yaml").read_bytes() == CONFIG.read_bytes()


def test_demo_time_value_matches_the_generators_arithmetic() -> None:
    """The generator values each entry itself (minutes x rate / 60, to the cent);
    the plugin's generated postings must add up to the same per channel and year."""
    time_entries = build_demo().time_entries
    expected: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for entry in time_entries:
        value = money(entry.minutes * rate_on(entry.who, entry.day) / 60)
        expected[(entry.day.year, entry.channel)] += value

    entries, errors, _options = loader.load_file(str(DEMO))
    assert errors == []
    got: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for directive in entries:
        if isinstance(directive, data.Transaction) and "__timeroi__" in directive.meta:
            got[(directive.date.year, directive.meta["channel"])] += number(directive.postings[0])
    assert dict(got) == dict(expected)
    assert sum(got.values()) == Decimal("52869.23")  # 23,441.52 in 2024 + 29,427.71 in 2025
    assert len([e for e in entries if isinstance(e, data.Custom) and e.type == "time"]) == len(
        time_entries
    )
