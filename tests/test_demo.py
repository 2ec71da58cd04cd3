"""The demo ledger: it checks clean with bean-check, is current with its
generator, and its generated totals match the generator's own arithmetic."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from beancount import loader
from beancount.core import data

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "ledgers" / "demo.beancount"


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_demo", ROOT / "ledgers" / "generate_demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_demo"] = module
    spec.loader.exec_module(module)
    return module


def test_bean_check_passes_on_the_demo() -> None:
    bean_check = Path(sys.executable).with_name("bean-check")
    result = subprocess.run([str(bean_check), str(DEMO)], capture_output=True, text=True,
                            check=False, env={"BEANCOUNT_DISABLE_LOAD_CACHE": "1", "PATH": ""})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_demo_is_what_its_generator_writes() -> None:
    generator = load_generator()
    text, _time, _invoices = generator.build(random.Random(generator.SEED))
    assert text == DEMO.read_text(encoding="utf-8")


def test_demo_time_value_matches_the_generators_arithmetic() -> None:
    """The generator values each entry itself (minutes x rate / 60, to the cent);
    the plugin's generated postings must add up to the same per channel and year."""
    generator = load_generator()
    _text, time_entries, _invoices = generator.build(random.Random(generator.SEED))
    expected: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for entry in time_entries:
        value = generator.money(entry.minutes * generator.rate_on(entry.who, entry.day) / 60)
        expected[(entry.day.year, entry.channel)] += value

    entries, errors, _options = loader.load_file(str(DEMO))
    assert errors == []
    got: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, data.Transaction) and "__timeroi__" in entry.meta:
            got[(entry.date.year, entry.meta["channel"])] += entry.postings[0].units.number
    assert dict(got) == dict(expected)
    assert sum(got.values()) == Decimal("52869.23")  # 23,441.52 in 2024 + 29,427.71 in 2025
    assert len([e for e in entries if isinstance(e, data.Custom) and e.type == "time"]) == len(time_entries)
