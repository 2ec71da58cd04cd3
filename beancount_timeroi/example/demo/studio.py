"""Studio Camille as a business: its dates, accounts, people, rates and channels.

The one source of every rate and channel of the demo: the ledger's
``custom "hourly-rate"`` directives, the generator's own valuation of each
time entry, and ``timeroi.yaml`` are all written from `RATES` and
`CHANNELS`. The first rate of each person goes in ``timeroi.yaml``, the
later ones are dated in the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from beancount_timeroi.example.ledger_text import OWNER

SEED = 2024_2025
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2025, 12, 31)
YEARS = (2024, 2025)
LEDGER_NAME = "demo.beancount"
TPS_RATE = Decimal("0.05")
TVQ_RATE = Decimal("0.09975")

MAUDE_START = date(2024, 9, 1)  # Maude, the assistant, starts logging time
JULIE_START = date(2025, 3, 1)  # Julie, a freelance community manager, starts invoicing

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                 "août", "septembre", "octobre", "novembre", "décembre")  # fmt: skip


@dataclass(frozen=True)
class Rate:
    """What an hour of someone's marketing time is worth, from a day on."""

    who: str
    since: date
    per_hour: Decimal


RATES = (
    Rate(OWNER, date(2024, 1, 1), Decimal("85.00")),
    Rate("maude", date(2024, 9, 1), Decimal("32.00")),
    Rate(OWNER, date(2025, 1, 1), Decimal("95.00")),
    Rate("maude", date(2025, 7, 1), Decimal("34.00")),
)


def first_rates() -> tuple[Rate, ...]:
    """Each person's first rate, the one ``timeroi.yaml`` sets, in the order of `RATES`."""
    first: dict[str, Rate] = {}
    for rate in RATES:
        first.setdefault(rate.who, rate)
    return tuple(first.values())


def later_rates() -> tuple[Rate, ...]:
    """The raises, dated in the ledger with ``custom "hourly-rate"``, by date."""
    first = first_rates()
    return tuple(sorted((rate for rate in RATES if rate not in first), key=lambda r: r.since))


def rate_on(who: str, day: date) -> Decimal:
    """The rate of ``who`` on ``day``: the first one, or the latest raise dated by then."""
    (rate,) = (first for first in first_rates() if first.who == who)
    for raised in later_rates():
        if raised.who == who and rate.since <= raised.since <= day:
            rate = raised
    return rate.per_hour


@dataclass(frozen=True)
class Channel:
    """A marketing channel of the studio, as ``timeroi.yaml`` declares it."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    account: str | None = None  # where its valued time goes, when spelled out


CHANNELS = (
    Channel("linkedin", "LinkedIn"),
    Channel("instagram", "Instagram"),
    Channel("facebook", "Facebook"),
    Channel("blog", "Blog", ("article",)),
    Channel("newsletter", "Newsletter", ("infolettre",), "Expenses:Marketing:Time:Newsletter"),
)


def channel_words() -> frozenset[str]:
    """Every word the ledger may use for a channel: slugs and aliases."""
    return frozenset(word for c in CHANNELS for word in (c.slug, *c.aliases))


def check_channels(words: set[str]) -> None:
    """Every channel the ledger names is one of `CHANNELS` (or an alias)."""
    unknown = sorted(words - channel_words())
    if unknown:
        raise ValueError(f"channels missing from CHANNELS: {unknown}")


BANK = "Assets:Bank:Desjardins"
RECEIVABLE = "Assets:Receivable"
TPS_RECOVERABLE = "Assets:Taxes:TPS-Recoverable"
TVQ_RECOVERABLE = "Assets:Taxes:TVQ-Recoverable"
TPS_PAYABLE = "Liabilities:Taxes:TPS"
TVQ_PAYABLE = "Liabilities:Taxes:TVQ"
OPENING = "Equity:Opening-Balances"
DRAWINGS = "Equity:Owner:Drawings"
WEBSITES = "Income:Design:Websites"
MAINTENANCE = "Income:Design:Maintenance"

ACCOUNTS = (
    BANK, RECEIVABLE, TPS_RECOVERABLE, TVQ_RECOVERABLE, TPS_PAYABLE, TVQ_PAYABLE,
    OPENING, DRAWINGS, WEBSITES, MAINTENANCE,
    "Expenses:Marketing:Subscriptions", "Expenses:Marketing:Hosting", "Expenses:Marketing:Ads",
    "Expenses:Marketing:Contractors", "Expenses:Contractors:Assistant",
    "Expenses:Office:Coworking", "Expenses:Office:Phone", "Expenses:Software", "Expenses:Meals",
    "Expenses:Bank:Fees",
    "Expenses:Professional:Accounting",
)  # fmt: skip
"""Every account the books open, in the order the ledger opens them."""
