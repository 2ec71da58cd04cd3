"""The demo's costs and cash movements: channels' cash costs (one boosted post names
the article it spreads), ordinary expenses, TPS/TVQ remittances, the owner's draws
and two balance checks."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from beancount_timeroi.example.demo.studio import (
    BANK,
    DRAWINGS,
    FIRST_DAY,
    FRENCH_MONTHS,
    JULIE_START,
    RECEIVABLE,
    TPS_PAYABLE,
    TPS_RATE,
    TPS_RECOVERABLE,
    TVQ_PAYABLE,
    TVQ_RATE,
    TVQ_RECOVERABLE,
    YEARS,
    rate_on,
)
from beancount_timeroi.example.demo.timelog import TimeEntry
from beancount_timeroi.example.demo.workdays import add_months, month_end, months, next_weekday
from beancount_timeroi.example.ledger_text import (
    CURRENCY,
    Directive,
    Entry,
    Meta,
    Posting,
    Transaction,
    aligned,
    cents,
    content_meta,
    money,
)


class Ad(NamedTuple):
    """A post boosted or an ad bought on a channel, perhaps for a blog post."""

    day: date
    channel: str
    amount: int
    narration: str  # what was boosted
    content: str | None = None  # the article the ad spreads (SPEC 13)


ADS = (
    Ad(date(2024, 4, 16), "instagram", 75, "Publication boostée : avant/après boulangerie"),
    Ad(date(2024, 6, 3), "facebook", 50, "Publication boostée : places d'été disponibles"),
    Ad(date(2024, 11, 5), "instagram", 120, "Publicité : forfait site vitrine"),
    Ad(date(2025, 2, 11), "facebook", 60, "Publication boostée : temps des sucres"),
    Ad(date(2025, 5, 6), "instagram", 150, "Publicité : portfolio du printemps"),
    Ad(
        date(2025, 10, 14),
        "instagram",
        100,
        "Publication boostée : étude de cas",
        "a-vet-clinics-booking-page-case-study",
    ),
    Ad(date(2025, 11, 18), "facebook", 80, "Publicité : forfaits des Fêtes"),
)
CAFES = ("Café Olimpico", "Café Névé", "Pikolo Espresso Bar", "Crew Collective & Café")
COFFEE_NOTES = (
    "Café avec un prospect",
    "Coffee meeting with a client",
    "Lunch de lancement de projet",
    "Café réseautage",
)


def taxed(
    day: date,
    payee: str,
    narration: str,
    account: str,
    amount: Decimal,
    tags: tuple[str, ...] = (),
    meta: Meta = (),
) -> Transaction:
    """A purchase from a TPS/TVQ registrant, paid from the bank, taxes recoverable."""
    tps, tvq = money(amount * TPS_RATE), money(amount * TVQ_RATE)
    postings = (
        Posting(account, amount),
        Posting(TPS_RECOVERABLE, tps),
        Posting(TVQ_RECOVERABLE, tvq),
        Posting(BANK, -(amount + tps + tvq)),
    )
    return Transaction(day, payee, narration, postings, tags=tags, meta=meta)


def untaxed(day: date, payee: str, narration: str, account: str, amount: Decimal) -> Transaction:
    """A payment with no recoverable tax (bank fees, meals, a small supplier)."""
    return Transaction(day, payee, narration, (Posting(account, amount), Posting(BANK, -amount)))


SUBSCRIPTIONS = "Expenses:Marketing:Subscriptions"


def monthly_marketing(year: int, month: int) -> list[Transaction]:
    """A month's channel subscriptions and, from March 2025, Julie's community management."""
    first = date(year, month, 1)
    entries = [
        taxed(
            date(year, month, 12),
            "LinkedIn",
            "Premium Business – mensuel",
            SUBSCRIPTIONS,
            Decimal("39.99"),
            tags=("linkedin",),
        ),
        taxed(
            date(year, month, 3),
            "Cyberimpact",
            "Forfait infolettre – mensuel",
            SUBSCRIPTIONS,
            Decimal("21.00"),
            tags=("newsletter",),
        ),
    ]
    if first >= date(2024, 3, 1):
        channels = (("channel", "instagram facebook linkedin"),)
        entries.append(
            taxed(
                date(year, month, 5),
                "Later",
                "Planification des publications",
                SUBSCRIPTIONS,
                Decimal("25.00"),
                meta=channels,
            )
        )
    if first >= JULIE_START:
        shares = (("channel", "instagram=60 facebook=40"),)
        narration = f"Gestion de communauté – {FRENCH_MONTHS[month - 1]} {year}"
        entries.append(
            taxed(
                month_end(year, month),
                "Julie Bouchard",
                narration,
                "Expenses:Marketing:Contractors",
                Decimal("650.00"),
                meta=shares,
            )
        )
    return entries


def marketing_costs() -> list[Transaction]:
    """Cash spent on channels, attributed by tags or ``channel:`` metadata (rules 1-3)."""
    entries = [entry for year, month in months() for entry in monthly_marketing(year, month)]
    entries += [
        taxed(
            date(year, 2, 14),
            "PlanetHoster",
            "Hébergement du blogue – renouvellement annuel",
            "Expenses:Marketing:Hosting",
            Decimal("215.88"),
            tags=("blog",),
        )
        for year in YEARS
    ]
    entries += [
        taxed(
            ad.day,
            "Meta",
            ad.narration,
            "Expenses:Marketing:Ads",
            Decimal(ad.amount),
            tags=(ad.channel,),
            meta=content_meta(ad.content),
        )
        for ad in ADS
    ]
    return sorted(entries, key=lambda entry: entry.day)


def hours_label(minutes: int) -> str:
    """French hours for an invoice line: 750 -> '12 h 30'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def monthly_bills(year: int, month: int) -> list[Transaction]:
    """The studio's fixed costs of a month: desk, software, phone, bank fees."""
    return [
        taxed(
            date(year, month, 1),
            "Espace Atelier Mile-Ex",
            "Loyer – poste de travail partagé",
            "Expenses:Office:Coworking",
            Decimal("350.00"),
        ),
        taxed(
            date(year, month, 2),
            "Google",
            "Workspace – 2 utilisateurs",
            "Expenses:Software",
            Decimal("16.80"),
        ),
        taxed(
            date(year, month, 15),
            "Adobe",
            "Creative Cloud – toutes les applications",
            "Expenses:Software",
            Decimal("79.99"),
        ),
        taxed(
            date(year, month, 20),
            "Vidéotron",
            "Cellulaire et Internet",
            "Expenses:Office:Phone",
            Decimal("65.00"),
        ),
        untaxed(
            month_end(year, month),
            "Desjardins",
            "Frais de service mensuels",
            "Expenses:Bank:Fees",
            Decimal("9.95"),
        ),
    ]


def maude_pay(year: int, month: int, minutes: int) -> Transaction:
    """Maude's invoice for a month: her hours at her rate.

    Maude is a small supplier (no TPS/TVQ). Her pay carries no channel: her
    hours are already valued by the plugin from her time entries, so tagging
    this too would count them twice in the channels' costs."""
    pay = money(Decimal(minutes) / 60 * rate_on("maude", date(year, month, 1)))
    narration = (
        f"Assistance réseaux sociaux – {FRENCH_MONTHS[month - 1]} {year} ({hours_label(minutes)})"
    )
    return untaxed(
        month_end(year, month), "Maude Lapointe", narration, "Expenses:Contractors:Assistant", pay
    )


def other_expenses(rng: random.Random, time_entries: list[TimeEntry]) -> list[Transaction]:
    """Ordinary business costs, with no channel: not marketing."""
    maude_minutes: dict[tuple[int, int], int] = defaultdict(int)
    for entry in time_entries:
        if entry.who == "maude":
            maude_minutes[(entry.day.year, entry.day.month)] += entry.minutes
    entries = []
    for year, month in months():
        entries += monthly_bills(year, month)
        for _ in range(rng.randint(1, 3)):
            day = next_weekday(date(year, month, rng.randint(1, 26)))
            amount = cents(rng, 650, 2800, 5)
            cafe, note = rng.choice(CAFES), rng.choice(COFFEE_NOTES)
            entries.append(untaxed(day, cafe, note, "Expenses:Meals", amount))
        minutes = maude_minutes.get((year, month), 0)
        if minutes:
            entries.append(maude_pay(year, month, minutes))
    for year, fee in ((2024, "850.00"), (2025, "900.00")):
        entries.append(
            taxed(
                date(year, 4, 15),
                "Lemieux CPA",
                f"États financiers et déclarations {year - 1}",
                "Expenses:Professional:Accounting",
                Decimal(fee),
            )
        )
    return sorted(entries, key=lambda entry: entry.day)


def balance_before(entries: Iterable[Entry], account: str, day: date) -> Decimal:
    """An account's balance at the start of ``day``."""
    return sum(
        (
            posting.amount
            for entry in entries
            if isinstance(entry, Transaction) and entry.day < day
            for posting in entry.postings
            if posting.account == account and posting.amount is not None
        ),
        Decimal(0),
    )


def remittance(entries: list[Entry], quarter_start: date, due: date) -> Transaction:
    """The TPS/TVQ of a quarter, remitted to Revenu Québec: what was collected,
    less the input tax credits."""
    quarter_end = add_months(quarter_start, 3)  # exclusive
    moved = {
        account: balance_before(entries, account, quarter_end)
        - balance_before(entries, account, quarter_start)
        for account in (TPS_PAYABLE, TVQ_PAYABLE, TPS_RECOVERABLE, TVQ_RECOVERABLE)
    }
    postings = [Posting(account, -amount) for account, amount in moved.items()]
    net = sum((-amount for amount in moved.values()), Decimal(0))
    label = f"T{(quarter_start.month - 1) // 3 + 1} {quarter_start.year}"
    return Transaction(
        due, "Revenu Québec", f"Remise TPS/TVQ – {label}", (*postings, Posting(BANK, -net))
    )


def remittances_and_draws(entries: list[Entry]) -> list[Entry]:
    """Quarterly TPS/TVQ remittances (due a month after each quarter), the
    owner's monthly draws and two balance assertions."""
    result: list[Entry] = []
    for year, month in months():
        quarter_start = add_months(date(year, month, 1), -3)
        if month in (1, 4, 7, 10) and quarter_start >= FIRST_DAY:
            result.append(remittance(entries, quarter_start, month_end(year, month)))
        draw = Decimal("4200.00") if year == 2024 else Decimal("4800.00")
        postings = (Posting(DRAWINGS, draw), Posting(BANK, -draw))
        result.append(
            Transaction(
                date(year, month, 25), "Camille Tremblay", "Virement au compte personnel", postings
            )
        )
    checked = date(2025, 1, 1)
    everything = [*entries, *result]
    for account in (BANK, RECEIVABLE):
        amount = f"{balance_before(everything, account, checked):.2f}"
        result.append(Directive(checked, f"balance {aligned(account, amount, 40)} {CURRENCY}"))
    return sorted(result, key=lambda entry: entry.day)
