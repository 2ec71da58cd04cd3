"""The demo scenario: Studio Camille, the ledger of ``ledgers/demo.beancount``.

Studio Camille is a fictional Québec web-design freelancer, Camille Tremblay,
who keeps her books in CAD. The demo is two years (2024-2025) of her ledger:
clients and how they found her, invoices with TPS/TVQ and their payments,
cash marketing costs, ordinary expenses, about one hour a day of
marketing time logged with ``custom "time"`` directives (plus her assistant
Maude's hours), which the plugin turns into valued transactions, her time
budgets per channel (SPEC 14), and her blog posts declared as contents
(SPEC 13). Its ``timeroi.yaml`` is written from the same rates and channels.
A fixed seed makes both files the same on every run.

The modules, from the business to the file: `studio` (dates, accounts,
rates, channels), `budgets` (the time budgets), `workdays`, `habits` and
`timelog` (the marketing time), `contents` (the blog posts and their
diffusion), `clients` (income), `costs` (expenses, taxes, draws), `book`
(the ledger's sections) and `config_text` (``timeroi.yaml``).
"""

from __future__ import annotations

from beancount_timeroi.example.demo.book import Demo, build_demo, demo_ledger
from beancount_timeroi.example.demo.config_text import demo_config
from beancount_timeroi.example.demo.studio import LEDGER_NAME, SEED, rate_on
from beancount_timeroi.example.demo.timelog import TimeEntry
from beancount_timeroi.example.ledger_text import Books

__all__ = [
    "SEED",
    "Demo",
    "TimeEntry",
    "build_demo",
    "demo_books",
    "demo_config",
    "demo_ledger",
    "rate_on",
]


def demo_books() -> Books:
    """``demo.beancount`` and its ``timeroi.yaml``."""
    return Books(LEDGER_NAME, demo_ledger(build_demo()), demo_config())
