"""Generated ledgers, for trying beancount-timeroi: the one generator of the project.

Two scenarios share the machinery that writes ledger text
(`ledger_text`):

- ``agency`` (`agency`, its blog articles in `agency_blog`): a big
  marketing agency over 1 to 50 years, for trying the plugin, the reports
  and Fava at scale; ``--years`` and ``--seed`` choose it (``make bench``
  measures on it).
- ``demo`` (`demo`): Studio Camille, the demo ledger of ``ledgers/`` that
  the README, ``make demo`` and ``reports/`` use; always the same.

Each scenario builds its `Books` (the ledger's text and its
``timeroi.yaml``) with pure functions; `write_books` is the one place that
writes files. Regenerate the demo with::

    bean-timeroi example --scenario demo --output ledgers/
"""

from __future__ import annotations

from pathlib import Path

from beancount_timeroi.example.agency import agency_books
from beancount_timeroi.example.demo import demo_books
from beancount_timeroi.example.ledger_text import CONFIG_NAME, Books

SCENARIOS = ("agency", "demo")

__all__ = ["SCENARIOS", "Books", "agency_books", "demo_books", "scenario_books", "write_books"]


def scenario_books(scenario: str, years: int = 10, seed: int = 1) -> Books:
    """A scenario's books: the agency's for ``years`` and ``seed``; the demo ignores both."""
    if scenario == "demo":
        return demo_books()
    if scenario == "agency":
        return agency_books(years, seed)
    raise ValueError(f"unknown scenario {scenario!r}; one of {', '.join(SCENARIOS)}")


def write_books(books: Books, folder: Path) -> list[Path]:
    """Write the ledger and ``timeroi.yaml`` into ``folder`` (made if missing), with
    ``\\n`` line ends on every system; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    ledger, config = folder / books.ledger_name, folder / CONFIG_NAME
    ledger.write_bytes(books.ledger.encode("utf-8"))
    config.write_bytes(books.config.encode("utf-8"))
    return [ledger, config]
