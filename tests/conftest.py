"""Shared fixtures: ledgers written to real files and loaded as a user would."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, cast

os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import cmptest
from hypothesis import HealthCheck, settings

from beancount_timeroi.valuation import GENERATED

loader.initialize(use_cache=False)

# English unless a test asks for French: the language may come from the environment.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent

# The property tests' profiles: ``default`` (derandomized, for CI) or, with
# HYPOTHESIS_PROFILE=fuzz (``make fuzz``), 15 times more random examples.
settings.register_profile(
    "default",
    max_examples=80,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=1200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@dataclass
class Loaded:
    """A loaded ledger: its entries, errors, options and main file."""

    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]
    path: Path

    @property
    def generated(self) -> list[data.Directive]:
        return [e for e in self.entries if e.meta and GENERATED in e.meta]

    @property
    def transactions(self) -> list[data.Transaction]:
        return [e for e in self.generated if isinstance(e, data.Transaction)]

    @property
    def user_entries(self) -> list[data.Directive]:
        return [e for e in self.entries if not (e.meta and GENERATED in e.meta)]

    def messages(self) -> list[str]:
        return [error.message for error in self.errors]

    def error_lines(self) -> list[tuple[str, int]]:
        return [
            (Path(error.source["filename"]).name, error.source["lineno"]) for error in self.errors
        ]

    def totals(self) -> dict[str, Any]:
        """Sum of generated postings per account."""
        sums: dict[str, Any] = {}
        for txn in self.transactions:
            for posting in txn.postings:
                assert posting.units is not None  # a generated posting always has its units
                sums[posting.account] = sums.get(posting.account, 0) + posting.units.number
        return sums


class LoadLedger(Protocol):
    """The ``ledger`` fixture: write the ledger text (and other files), load it."""

    def __call__(self, text: str, files: dict[str, str] | None = None) -> Loaded: ...


@pytest.fixture
def ledger(tmp_path: Path) -> LoadLedger:
    """``ledger(text, files={name: text})``: write ``main.beancount`` (and other files), load it."""

    def load(text: str, files: dict[str, str] | None = None) -> Loaded:
        for name, content in (files or {}).items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(content), encoding="utf-8")
        path = tmp_path / "main.beancount"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        entries, errors, options = loader.load_file(str(path))
        return Loaded(entries, errors, options, path)

    return load


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of ``text`` (dedented) holding ``fragment``, its n-th occurrence."""
    found = 0
    for number, line in enumerate(textwrap.dedent(text).splitlines(), start=1):
        if fragment in line:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(f"{fragment!r} not in the ledger text")


def number(posting: data.Posting) -> Decimal:
    """A posting's number: every posting the tests read has its amount, written or generated."""
    assert posting.units is not None and posting.units.number is not None, posting
    return posting.units.number


def assert_entries(expected: str, actual: Sequence[data.Directive]) -> None:
    """The entries equal the ledger text ``expected`` (metadata aside), as Beancount's tests do."""
    # Beancount's test helper has no annotations: its signature, as used here.
    compare = cast(
        Callable[[str, Sequence[data.Directive]], None], cmptest.TestCase().assertEqualEntries
    )
    compare(expected, actual)
