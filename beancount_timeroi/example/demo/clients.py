"""The demo's clients, their invoices with TPS/TVQ, and the payments received.

Each client's income is attributed in one of the ways of SPEC 3: touches
(rule 4), channel tags (rule 3), ``channel:`` metadata on the invoice
(rule 2) or on one of its lines (rule 1), or not at all (word of mouth).
A few touches name the blog post the client came through, and one invoice
line the post its income is due to (``content:``, SPEC 13).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from beancount_timeroi.example.demo.studio import (
    BANK,
    FRENCH_MONTHS,
    LAST_DAY,
    MAINTENANCE,
    RECEIVABLE,
    TPS_PAYABLE,
    TPS_RATE,
    TVQ_PAYABLE,
    TVQ_RATE,
    WEBSITES,
)
from beancount_timeroi.example.demo.workdays import add_months, next_weekday
from beancount_timeroi.example.ledger_text import Meta, Posting, Transaction, content_meta, money


class Touch(NamedTuple):
    """A day a client met one of the studio's channels (SPEC 2.3), perhaps through a post."""

    day: date
    channel: str
    note: str  # a comment in the ledger
    content: str | None = None  # the blog post it came through (SPEC 13)


@dataclass(frozen=True)
class Client:
    """A client of the studio, and how its income reaches a channel."""

    key: str  # a short name for the invoice list below
    name: str
    source: str  # how the demo attributes the client's income (a comment in the ledger)
    payee: str | None = None  # legal name on invoices, when it is not the client's name
    tags: tuple[str, ...] = ()  # channel tags on every invoice (SPEC 3, rule 3)
    channel: str | None = None  # `channel:` metadata on every invoice (rule 2)
    touches: tuple[Touch, ...] = ()  # rule 4
    pays_on_the_spot: bool = False


CLIENTS = {
    client.key: client
    for client in (
        Client(
            "boulangerie",
            "Boulangerie Saint-Viateur",
            "touch: linkedin",
            touches=(
                Touch(
                    date(2024, 1, 18),
                    "linkedin",
                    "asked for a quote after my carousel on accessible forms",
                    "accessibilite-des-formulaires",
                ),
            ),
        ),
        Client(
            "clinique",
            "Clinique Vétérinaire des Laurentides",
            "touches: facebook, then instagram (first wins)",
            touches=(
                Touch(date(2024, 2, 6), "facebook", "found the page in a local group"),
                Touch(date(2024, 3, 14), "instagram", "DM about the booking reel"),
            ),
        ),
        Client("atelier", "Atelier Boréal", "tag #blog on its invoices", tags=("blog",)),
        Client(
            "gagnon",
            "Cabinet Gagnon Avocats",
            "touch: linkedin (payee is the firm's name: client: meta)",
            payee="Gagnon Roy Avocats S.E.N.C.R.L.",
            touches=(
                Touch(
                    date(2024, 5, 2),
                    "linkedin",
                    "met in the comments of my post on redesigns",
                    "refonte-ou-simple-mise-a-jour",
                ),
            ),
        ),
        Client(
            "fromagerie",
            "Fromagerie du Vieux-Port",
            'channel: "instagram=70 facebook=30" on its invoices',
            channel="instagram=70 facebook=30",
        ),
        Client(
            "microbrasserie",
            "Microbrasserie Le Castor Fûté",
            'channel: "linkedin blog" on its invoices',
            channel="linkedin blog",
        ),
        Client(
            "librairie",
            "Librairie Côte-des-Neiges",
            "tag #article, the blog's alias",
            tags=("article",),
        ),
        Client(
            "coop",
            "Coopérative Solidaire du Plateau",
            "touch: newsletter",
            touches=(
                Touch(
                    date(2024, 11, 12),
                    "newsletter",
                    "replied to the November issue on fast sites",
                    "pourquoi-un-site-rapide-vend-plus",
                ),
            ),
        ),
        Client(
            "erabliere",
            "Érablière Lavoie & Fils",
            "touch: facebook",
            pays_on_the_spot=True,
            touches=(Touch(date(2024, 1, 10), "facebook", "message on the page"),),
        ),
        Client(
            "yoga",
            "Studio Yoga Mile End",
            "touch: instagram (and a credit note)",
            touches=(Touch(date(2024, 6, 20), "instagram", "liked a studio redesign post"),),
        ),
        Client(
            "fondation",
            "Fondation Les Petits Pas",
            "tag #linkedin on its invoices",
            tags=("linkedin",),
        ),
        Client(
            "auberge",
            "Auberge des Trois-Pignons",
            'channel: "newsletter" on one invoice line (posting)',
        ),
        Client("garage", "Garage Pelletier Mécanique", "none: word of mouth (unattributed)"),
        Client("pharmacie", "Pharmacie Dubé-Morin", "none: a client since 2023 (unattributed)"),
        Client(
            "traiteur",
            "Traiteur Les Saveurs d'Anjou",
            "none: a friend's referral (unattributed)",
            pays_on_the_spot=True,
        ),
        Client("ebenisterie", "Ébénisterie Rivard", "none: met at a trade show (unattributed)"),
    )
}


@dataclass(frozen=True)
class Line:
    """A line of an invoice: the income account and the fee before taxes."""

    account: str
    fee: Decimal
    channel: str | None = None  # posting-level `channel:` metadata (rule 1)
    content: str | None = None  # posting-level `content:` metadata (SPEC 13)

    def meta(self) -> Meta:
        """The income posting's metadata."""
        return (
            *((("channel", self.channel),) if self.channel else ()),
            *content_meta(self.content),
        )


@dataclass(frozen=True)
class Invoice:
    """An invoice (or, with a negative fee, a credit note) before TPS and TVQ."""

    day: date
    client: str  # a Client key
    narration: str
    lines: tuple[Line, ...]

    @property
    def subtotal(self) -> Decimal:
        """The fees before taxes."""
        return sum((line.fee for line in self.lines), Decimal(0))

    @property
    def taxes(self) -> tuple[Decimal, Decimal]:
        """TPS and TVQ on the subtotal, each to the cent."""
        return money(self.subtotal * TPS_RATE), money(self.subtotal * TVQ_RATE)

    @property
    def total(self) -> Decimal:
        """What the client pays: the fees and both taxes."""
        return self.subtotal + sum(self.taxes)


def website(client: str, start: date, delivered: date, fee: int) -> list[Invoice]:
    """A website project: 40 % deposit at the start, the balance on delivery."""
    deposit = money(Decimal(fee) * Decimal("0.4"))
    return [
        Invoice(start, client, "Site web – acompte 40 %", (Line(WEBSITES, deposit),)),
        Invoice(
            delivered,
            client,
            "Site web – solde à la livraison",
            (Line(WEBSITES, Decimal(fee) - deposit),),
        ),
    ]


def job(client: str, day: date, fee: int, narration: str, account: str = WEBSITES) -> list[Invoice]:
    """A single job, invoiced on the day it starts."""
    return [Invoice(day, client, narration, (Line(account, Decimal(fee)),))]


def retainer(client: str, first: date, every: int, fee: int) -> list[Invoice]:
    """A maintenance plan billed on the first weekday of every `every` months."""
    invoices = []
    start = date(first.year, first.month, 1)
    while start <= LAST_DAY:
        period = (
            f"{FRENCH_MONTHS[start.month - 1]} {start.year}"
            if every == 1
            else f"T{(start.month - 1) // 3 + 1} {start.year}"
        )
        invoices.append(
            Invoice(
                next_weekday(start),
                client,
                f"Forfait maintenance – {period}",
                (Line(MAINTENANCE, Decimal(fee)),),
            )
        )
        start = add_months(start, every)
    return invoices


# Fondation Les Petits Pas ordered its holiday campaign after reading the post on
# donation forms for non-profits: its income line names that post (SPEC 13).
DONATIONS_CAMPAIGN = Invoice(
    date(2025, 11, 10),
    "fondation",
    "Campagne de dons des Fêtes",
    (Line(WEBSITES, Decimal(2400), content="les-formulaires-de-dons-pour-les-obnl"),),
)


def invoices() -> list[Invoice]:
    """The studio's two years of projects, in the order they started."""
    d = date
    result = [
        *website("garage", d(2024, 1, 15), d(2024, 3, 8), 3800),
        *job("pharmacie", d(2024, 1, 24), 1250, "Page de rendez-vous pour la vaccination"),
        *job("erabliere", d(2024, 2, 5), 1450, "Page temps des sucres et réservations"),
        *website("boulangerie", d(2024, 2, 12), d(2024, 4, 22), 6800),
        *website("atelier", d(2024, 3, 18), d(2024, 5, 27), 5400),
        *website("clinique", d(2024, 4, 8), d(2024, 7, 5), 11500),
        *job("ebenisterie", d(2024, 4, 29), 950, "Galerie de réalisations"),
        *retainer("boulangerie", d(2024, 5, 1), 1, 450),
        *job("pharmacie", d(2024, 5, 14), 600, "Bannières saisonnières", MAINTENANCE),
        *website("gagnon", d(2024, 6, 10), d(2024, 9, 16), 12800),
        *job("fondation", d(2024, 6, 20), 1800, "Page de dons en ligne"),
        *website("yoga", d(2024, 7, 8), d(2024, 9, 23), 4200),
        *website("fromagerie", d(2024, 8, 12), d(2024, 10, 21), 5600),
        *job("pharmacie", d(2024, 9, 9), 1900, "Refonte de la page d'accueil"),
        *retainer("clinique", d(2024, 10, 1), 3, 750),
        *job("librairie", d(2024, 10, 15), 1650, "Catalogue des nouveautés"),
        *retainer("gagnon", d(2024, 11, 1), 3, 850),
        *job("atelier", d(2024, 11, 12), 2300, "Boutique en ligne – mise en place"),
        *job("garage", d(2024, 12, 2), 650, "Hébergement et mises à jour 2025", MAINTENANCE),
        *job("ebenisterie", d(2024, 12, 9), 1200, "Photos et fiches de projets"),
        *retainer("pharmacie", d(2025, 1, 1), 3, 500),
        *website("microbrasserie", d(2025, 1, 20), d(2025, 3, 24), 9500),
        *job("erabliere", d(2025, 1, 27), 1600, "Réservations 2025 et menu"),
        *website("coop", d(2025, 2, 10), d(2025, 5, 20), 7200),
        *job("clinique", d(2025, 2, 17), 1850, "Module de prise de rendez-vous"),
        *job("boulangerie", d(2025, 3, 3), 2600, "Commandes en ligne pour Pâques"),
        *job("yoga", d(2025, 3, 10), 750, "Page des horaires du printemps"),
        *job("fondation", d(2025, 3, 17), 2100, "Rapport annuel en ligne"),
        *retainer("microbrasserie", d(2025, 4, 1), 1, 475),
        *job("fromagerie", d(2025, 4, 7), 900, "Page des fromages de saison"),
        *job("gagnon", d(2025, 5, 12), 1200, "Page Carrières"),
        Invoice(
            d(2025, 6, 9),
            "auberge",
            "Refonte du site et forfait d'entretien annuel",
            (Line(WEBSITES, Decimal(6200), channel="newsletter"), Line(MAINTENANCE, Decimal(600))),
        ),
        *website("traiteur", d(2025, 6, 16), d(2025, 8, 18), 6400),
        *job("fromagerie", d(2025, 6, 25), 1100, "Visuels pour le marché d'été"),
        *job("gagnon", d(2025, 7, 14), 1900, "Gabarits pour les capsules juridiques"),
        *job("librairie", d(2025, 8, 25), 2900, "Refonte du site – livraison"),
        *job("clinique", d(2025, 9, 8), 3400, "Refonte de la section Services"),
        *job("atelier", d(2025, 9, 15), 1500, "Mise à jour de la boutique"),
        *job("garage", d(2025, 9, 22), 650, "Hébergement et mises à jour 2026", MAINTENANCE),
        *job("coop", d(2025, 10, 6), 800, "Gabarit d'infolettre aux couleurs de la coop"),
        DONATIONS_CAMPAIGN,
        *job("ebenisterie", d(2025, 11, 17), 2400, "Site vitrine – refonte"),
        *job("microbrasserie", d(2025, 12, 1), 1800, "Boutique de Noël en ligne"),
        *job("atelier", d(2025, 12, 8), 850, "Visuels des Fêtes pour la boutique"),
    ]
    return sorted(result, key=lambda invoice: invoice.day)


# A credit note for a photo shoot included in Studio Yoga Mile End's website
# and cancelled: negative income, refunded by bank transfer.
CREDIT_NOTE = Invoice(
    date(2024, 10, 4),
    "yoga",
    "Note de crédit – séance photo annulée, remboursée",
    (Line(WEBSITES, Decimal(-350)),),
)


def invoice_transaction(invoice: Invoice, number: str, account: str) -> Transaction:
    """The invoice in the books: the total to ``account``, fees to income, taxes payable."""
    client = CLIENTS[invoice.client]
    tps, tvq = invoice.taxes
    meta: list[tuple[str, str]] = []
    if client.channel:
        meta.append(("channel", client.channel))
    if client.payee:
        meta.append(("client", client.name))
    postings = [Posting(account, invoice.total)]
    postings += [Posting(line.account, -line.fee, meta=line.meta()) for line in invoice.lines]
    postings += [Posting(TPS_PAYABLE, -tps), Posting(TVQ_PAYABLE, -tvq)]
    return Transaction(
        invoice.day,
        client.payee or client.name,
        invoice.narration,
        tuple(postings),
        tags=client.tags,
        links=(number,),
        meta=tuple(meta),
    )


def income_entries(rng: random.Random) -> tuple[list[Transaction], list[Invoice]]:
    """Invoices (numbered per year), the credit note and the payments received."""
    entries: list[Transaction] = []
    issued = invoices()
    counters: dict[int, int] = defaultdict(int)
    for invoice in sorted([*issued, CREDIT_NOTE], key=lambda invoice: invoice.day):
        client = CLIENTS[invoice.client]
        counters[invoice.day.year] += 1
        credit_note = invoice.subtotal < 0
        prefix = "cn" if credit_note else "inv"
        number = f"{prefix}-{invoice.day.year}-{counters[invoice.day.year]:03d}"
        direct = client.pays_on_the_spot or credit_note
        transaction = invoice_transaction(invoice, number, BANK if direct else RECEIVABLE)
        entries.append(transaction)
        if direct:
            continue
        is_retainer = invoice.narration.startswith("Forfait maintenance")
        paid = next_weekday(invoice.day + timedelta(days=10 if is_retainer else rng.randint(8, 40)))
        if paid <= LAST_DAY:
            total = invoice.total
            entries.append(
                Transaction(
                    paid,
                    transaction.payee,
                    f"Paiement – facture {number.removeprefix('inv-')}",
                    (Posting(BANK, total), Posting(RECEIVABLE, -total)),
                    links=(number,),
                )
            )
    return sorted(entries, key=lambda entry: entry.day), [*issued, CREDIT_NOTE]


def check_touches(issued: list[Invoice]) -> None:
    """Touches record how a client arrived, so they come before the first invoice."""
    for key, client in CLIENTS.items():
        first_invoice = min(invoice.day for invoice in issued if invoice.client == key)
        if any(touch.day >= first_invoice for touch in client.touches):
            raise ValueError(f"{client.name}: a touch is dated on or after the first invoice")
