"""The agency scenario: a big generated ledger, for trying beancount-timeroi at scale.

``bean-timeroi example --years 10 --seed 1 --output DIR`` writes
``DIR/books.beancount`` and its config ``DIR/timeroi.yaml``: a small
marketing agency whose five people log their marketing time every working
day (about 1.5 entries each, in every duration form) over eight channels,
with rates that change every January, 10 to 16 expenses a day (some of them
channel costs), about three invoices a week from a few hundred clients
(tagged, weighted, touched, or not attributed at all), their payments, and
some income in USD at monthly prices. Its blog articles are contents
(`agency_blog`): about one for every two or three blog entries, each declared
on the day it goes online, named by the blog entries that wrote it, and by
a small share of the social entries and touches after it. The same years and
seed always give the same files; the last year is 2025.

The order of the random draws is part of the output: changing it changes
every ledger generated so far. The articles draw from a generator of their
own, so they leave every other draw, and every figure, as it was.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from beancount_timeroi.example.agency_blog import Articles
from beancount_timeroi.example.ledger_text import (
    CURRENCY,
    OWNER,
    PLUGIN,
    Books,
    Directive,
    Posting,
    Transaction,
    cents,
    days_after,
    fava_extension,
    hourly_rate,
    money,
    open_account,
    option,
    time_entry,
    time_meta,
    touch,
)

LAST_YEAR = 2025
LEDGER_NAME = "books.beancount"

CHANNELS = {
    "linkedin": ("LinkedIn", ["li"]),
    "instagram": ("Instagram", ["insta"]),
    "facebook": ("Facebook", []),
    "tiktok": ("TikTok", []),
    "youtube": ("YouTube", ["video"]),
    "blog": ("Blog", ["article"]),
    "newsletter": ("Newsletter", ["infolettre"]),
    "podcast": ("Podcast", []),
}
SLUGS = sorted(CHANNELS)


@dataclass(frozen=True)
class Person:
    """Someone at the agency who logs time: a first rate, a raise every January."""

    key: str
    first_rate: int
    raise_per_year: int
    channels: tuple[str, ...]


PEOPLE = (
    Person(OWNER, 110, 5, ("linkedin", "blog", "newsletter", "podcast")),
    Person("julie", 45, 2, ("instagram", "facebook", "tiktok")),
    Person("marc", 60, 3, ("instagram", "youtube", "blog")),
    Person("sofia", 55, 2, ("blog", "newsletter", "linkedin")),
    Person("li", 65, 3, ("youtube", "tiktok", "podcast")),
)

ACTIVITIES = (
    "writing",
    "research",
    "design",
    "publishing",
    "engagement",
    "scheduling",
    "editing",
    "analytics",
)

EXPENSES = (  # (account, payee, narration, lowest, highest amount)
    ("Expenses:Office:Supplies", "Bureau en Gros", "Office supplies", 8, 120),
    ("Expenses:Office:Rent", "Immeubles Plateau", "Rent share", 40, 90),
    ("Expenses:Software", "Adobe", "Creative Cloud", 20, 95),
    ("Expenses:Software", "Figma", "Figma seats", 15, 60),
    ("Expenses:Meals", "Café Olimpico", "Coffee meeting", 6, 45),
    ("Expenses:Travel", "STM", "Transit", 4, 20),
    ("Expenses:Travel", "Taxi Diamond", "Taxi", 12, 60),
    ("Expenses:Phone", "Fizz", "Phones", 30, 80),
    ("Expenses:Bank", "Desjardins", "Bank fees", 2, 15),
    ("Expenses:Equipment", "Best Buy", "Equipment", 50, 900),
)

CHANNEL_COSTS = (  # (account, payee, narration, channels, lowest, highest amount)
    ("Expenses:Marketing:Ads", "Meta", "Boosted post", ("instagram", "facebook"), 10, 150),
    ("Expenses:Marketing:Ads", "LinkedIn", "Sponsored post", ("linkedin",), 20, 250),
    ("Expenses:Marketing:Ads", "TikTok", "Promote", ("tiktok",), 10, 120),
    (
        "Expenses:Marketing:Tools",
        "Later",
        "Scheduler",
        ("instagram", "facebook", "linkedin"),
        15,
        40,
    ),
    ("Expenses:Marketing:Tools", "Mailchimp", "Newsletter plan", ("newsletter",), 20, 60),
    ("Expenses:Marketing:Hosting", "Kinsta", "Blog hosting", ("blog",), 30, 50),
    (
        "Expenses:Marketing:Equipment",
        "Long & McQuade",
        "Microphone",
        ("podcast", "youtube"),
        80,
        400,
    ),
)

SERVICES = (
    "Income:Services:Strategy",
    "Income:Services:Content",
    "Income:Services:Video",
    "Income:Services:Web",
)

DURATIONS = (
    "{h}",
    "{h} H",
    "{h} HOURS",
    "{m} MIN",
    "{m} MINUTES",
    '"{hm}"',
    '"{hmm}"',
    '"{m}m"',
    '"{m}min"',
    '"{h}h"',
    '"{clock}"',
)

NAME_PARTS = (
    ("Boulangerie", "Atelier", "Clinique", "Studio", "Cabinet", "Librairie", "Fromagerie",
     "Garage", "Brasserie", "Coopérative", "Pharmacie", "Galerie", "Théâtre", "Épicerie",
     "Centre"),
    ("du Plateau", "Boréal", "Saint-Denis", "des Laurentides", "Mile End", "Rosemont",
     "Outremont", "Verdun", "Maisonneuve", "Villeray", "Hochelaga", "Laval", "de la Rive",
     "Beaubien", "Saint-Henri", "Griffintown", "Limoilou", "Sherbrooke", "Gatineau",
     "Trois-Rivières"),
)  # fmt: skip


def agency_books(years: int, seed: int) -> Books:
    """The agency's ledger over ``years`` years ending in 2025, and its config."""
    rng = random.Random(seed)
    first_year = LAST_YEAR - years + 1
    start, end = date(first_year, 1, 1), date(LAST_YEAR, 12, 31)
    clients = sorted(
        {f"{rng.choice(NAME_PARTS[0])} {rng.choice(NAME_PARTS[1])}" for _ in range(400)}
    )
    touches = _touches(rng, clients, start, end)
    articles = Articles(seed, ("blog", *CHANNELS["blog"][1]))
    days = _days(rng, clients, start, end, articles)
    articles.finish()
    touch_lines = [
        touch(day, client, channel, content=articles.touch_content(day)).render()
        for day, client, channel in touches
    ]
    lines = [*_opening(start), *_rates(first_year), *touch_lines, *articles.declarations(), *days]
    return Books(LEDGER_NAME, "\n".join(lines) + "\n", _config(first_year))


def _opening(start: date) -> list[str]:
    """Options, the plugin, the accounts and the opening balance."""
    accounts = sorted(
        {account for account, *_rest in EXPENSES}
        | {account for account, *_rest in CHANNEL_COSTS}
        | set(SERVICES)
        | {"Assets:Bank", "Assets:Bank:USD", "Assets:Receivable", "Equity:Opening-Balances"}
    )
    opening = Transaction(
        start,
        None,
        "Opening balance",
        (Posting("Assets:Bank", Decimal("250000.00")), Posting("Equity:Opening-Balances")),
    )
    return [
        option("title", "Example Agency"),
        option("operating_currency", CURRENCY),
        PLUGIN,
        fava_extension(start).render(),
        "",
        *(open_account(start, account).render() for account in accounts),
        opening.render(),
        "",
    ]


def _rate(person: Person, year: int, first_year: int) -> int:
    """A person's hourly rate in a year: the first rate and a raise each year since."""
    return person.first_rate + person.raise_per_year * (year - first_year)


def _rates(first_year: int) -> list[str]:
    """Every January after the first, each person's raise."""
    return [
        hourly_rate(date(year, 1, 1), Decimal(_rate(person, year, first_year)), person.key).render()
        for year in range(first_year + 1, LAST_YEAR + 1)
        for person in PEOPLE
    ]


def _touches(
    rng: random.Random, clients: list[str], start: date, end: date
) -> list[tuple[date, str, str]]:
    """Half the clients met a channel once, a fifth of those a second one later:
    (day, client, channel)."""
    touches = []
    for client in sorted(rng.sample(clients, len(clients) // 2)):
        day = days_after(rng, start, 0, (end - start).days - 60)
        touches.append((day, client, rng.choice(SLUGS)))
        if rng.random() < 0.2:
            later = days_after(rng, day, 1, 60)
            touches.append((later, client, rng.choice(SLUGS)))
    return touches


def _days(
    rng: random.Random,
    clients: list[str],
    start: date,
    end: date,
    articles: Articles,
) -> list[str]:
    """Day after day: the month's USD price, time, invoices (working days), expenses."""
    lines: list[str] = []
    invoice = 0
    day = start
    while day <= end:
        if day.day == 1:
            usd = Decimal("1.30") + Decimal(rng.randrange(0, 10)) / 100
            lines.append(Directive(day, f"price USD {usd} {CURRENCY}").render())
        if day.weekday() < 5:
            lines += _time_entries(rng, day, articles)
            for _ in range(rng.choice((0, 0, 1, 1, 1, 2))):
                invoice += 1
                lines += _invoice(rng, day, invoice, rng.choice(clients))
        lines += _expenses(rng, day)
        day += timedelta(days=1)
    return lines


def _duration(rng: random.Random, minutes: int) -> str:
    """A duration in one of the written forms (decimal hours only for whole quarters)."""
    form = rng.choice(DURATIONS)
    hours = Decimal(minutes) / 60
    text_hours = str(hours.quantize(Decimal("0.25"))) if minutes % 15 == 0 else None
    if form in ("{h}", "{h} H", "{h} HOURS", '"{h}h"') and text_hours is None:
        form = "{m} MIN"
    return form.format(
        h=text_hours,
        m=minutes,
        hm=f"{minutes // 60}h{minutes % 60:02d}",
        hmm=f"{minutes // 60}h{minutes % 60:02d}m",
        clock=f"{minutes // 60}:{minutes % 60:02d}",
    )


def _time_entries(rng: random.Random, day: date, articles: Articles) -> list[str]:
    """Each person's one or two entries of the day, sometimes on a channel's alias;
    a blog entry names the article it writes, a few others the one they spread."""
    lines = []
    for person in PEOPLE:
        for _ in range(rng.choice((1, 1, 2, 2))):
            minutes = rng.choice((15, 20, 30, 40, 45, 60, 75, 90, 120))
            channel = rng.choice(person.channels)
            if rng.random() < 0.1:
                channel = rng.choice(CHANNELS[channel][1] or [channel])
            duration = _duration(rng, minutes)
            description = f"{rng.choice(ACTIVITIES).capitalize()} for {channel}"
            content = articles.content(day, person.key, channel)
            meta = time_meta(rng.choice(ACTIVITIES), person.key, content)
            lines.append(time_entry(day, channel, duration, description, meta).render())
    return lines


def _invoice(rng: random.Random, day: date, number: int, client: str) -> list[str]:
    """An invoice, attributed by a tag, weights, a list of channels or not at all;
    paid 10 to 45 days later, unless it was paid in USD on the spot."""
    amount = Decimal(rng.randrange(400, 12000))
    service = rng.choice(SERVICES)
    pick = rng.random()
    tags: tuple[str, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    if pick < 0.25:
        tags = (rng.choice(SLUGS),)
    elif pick < 0.35:
        first, second = rng.sample(SLUGS, 2)
        meta = (("channel", f"{first}={rng.randrange(1, 9) * 10} {second}=20"),)
    elif pick < 0.40:
        meta = (("channel", " ".join(rng.sample(SLUGS, 3))),)
    if rng.random() < 0.08:
        usd = Posting("Assets:Bank:USD", money(amount / Decimal("1.35")), "USD")
        postings = (usd, Posting(service))
        return [Transaction(day, client, f"Invoice {number}", postings, tags, meta=meta).render()]
    postings = (Posting("Assets:Receivable", amount), Posting(service))
    lines = [Transaction(day, client, f"Invoice {number}", postings, tags, meta=meta).render()]
    paid = days_after(rng, day, 10, 45)
    if paid.year <= LAST_YEAR:
        payment = (Posting("Assets:Bank", amount), Posting("Assets:Receivable"))
        lines.append(Transaction(paid, client, f"Payment of invoice {number}", payment).render())
    return lines


def _expenses(rng: random.Random, day: date) -> list[str]:
    """10 to 16 expenses, about one in twelve a channel's cost (a tag or channel: metadata)."""
    lines = []
    for _ in range(rng.randrange(10, 17)):
        tags: tuple[str, ...] = ()
        meta: tuple[tuple[str, str], ...] = ()
        if rng.random() < 0.08:
            account, payee, narration, channels, low, high = rng.choice(CHANNEL_COSTS)
            if len(channels) == 1:
                tags = channels
            else:
                meta = (("channel", " ".join(channels)),)
        else:
            account, payee, narration, low, high = rng.choice(EXPENSES)
        postings = (Posting(account, cents(rng, low * 100, high * 100)), Posting("Assets:Bank"))
        lines.append(Transaction(day, payee, narration, postings, tags, meta=meta).render())
    return lines


def _config(first_year: int) -> str:
    """The agency's ``timeroi.yaml``: every first rate, the eight channels, first-touch."""
    lines = [
        "# Config of the generated Example Agency ledger (bean-timeroi example).",
        f"currency: {CURRENCY}",
        "people:",
    ]
    for person in PEOPLE:
        lines.append(f"  {person.key}: [{{since: {first_year}-01-01, rate: {person.first_rate}}}]")
    lines.append("channels:")
    for slug, (name, aliases) in CHANNELS.items():
        alias_text = f", aliases: [{', '.join(aliases)}]" if aliases else ""
        lines.append(f"  {slug}: {{name: {name}{alias_text}}}")
    lines += ["attribution: {model: first-touch}", "language: en"]
    return "\n".join(lines) + "\n"
