"""A generated agency ledger, for trying beancount-timeroi on something big.

``bean-timeroi example --years 10 --seed 1 --output DIR`` writes
``DIR/books.beancount`` and its config ``DIR/timeroi.yaml``: a small
marketing agency whose five people log their marketing time every working
day (about 1.5 entries each, in every duration form) over eight channels,
with rates that change every January, 10 to 16 expenses a day (some of them
channel costs), about three invoices a week from a few hundred clients
(tagged, weighted, touched, or not attributed at all), their payments, and
some income in USD at monthly prices. The same years and seed always give
the same files; the last year is 2025.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

LAST_YEAR = 2025
CURRENCY = "CAD"
CENT = Decimal("0.01")

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


@dataclass(frozen=True)
class Person:
    key: str
    first_rate: int
    raise_per_year: int
    channels: tuple[str, ...]


PEOPLE = (
    Person("owner", 110, 5, ("linkedin", "blog", "newsletter", "podcast")),
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

EXPENSES = (
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

CHANNEL_COSTS = (
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
    (
        "Boulangerie",
        "Atelier",
        "Clinique",
        "Studio",
        "Cabinet",
        "Librairie",
        "Fromagerie",
        "Garage",
        "Brasserie",
        "Coopérative",
        "Pharmacie",
        "Galerie",
        "Théâtre",
        "Épicerie",
        "Centre",
    ),
    (
        "du Plateau",
        "Boréal",
        "Saint-Denis",
        "des Laurentides",
        "Mile End",
        "Rosemont",
        "Outremont",
        "Verdun",
        "Maisonneuve",
        "Villeray",
        "Hochelaga",
        "Laval",
        "de la Rive",
        "Beaubien",
        "Saint-Henri",
        "Griffintown",
        "Limoilou",
        "Sherbrooke",
        "Gatineau",
        "Trois-Rivières",
    ),
)


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _rate(person: Person, year: int, first_year: int) -> int:
    return person.first_rate + person.raise_per_year * (year - first_year)


def _duration(rng: random.Random, minutes: int) -> str:
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


def generate(years: int, seed: int) -> tuple[str, str]:
    """The ledger text and the config text."""
    rng = random.Random(seed)
    first_year = LAST_YEAR - years + 1
    start, end = datetime.date(first_year, 1, 1), datetime.date(LAST_YEAR, 12, 31)
    clients = sorted(
        {f"{rng.choice(NAME_PARTS[0])} {rng.choice(NAME_PARTS[1])}" for _ in range(400)}
    )
    lines = [
        'option "title" "Example Agency"',
        f'option "operating_currency" "{CURRENCY}"',
        'plugin "beancount_timeroi" "timeroi.yaml"',
        f'{start} custom "fava-extension" "beancount_timeroi.fava"',
        "",
    ]
    accounts = sorted(
        {account for account, *_rest in EXPENSES}
        | {account for account, *_rest in CHANNEL_COSTS}
        | set(SERVICES)
        | {"Assets:Bank", "Assets:Bank:USD", "Assets:Receivable", "Equity:Opening-Balances"}
    )
    lines += [f"{start} open {account}" for account in accounts]
    lines += [
        f'{start} * "Opening balance"',
        f"  Assets:Bank  250000.00 {CURRENCY}",
        "  Equity:Opening-Balances",
        "",
    ]
    for year in range(first_year + 1, LAST_YEAR + 1):
        for person in PEOPLE:
            who = "" if person.key == "owner" else f' "{person.key}"'
            lines.append(
                f'{year}-01-01 custom "hourly-rate" '
                f"{_rate(person, year, first_year)}.00 {CURRENCY}{who}"
            )
    touched = rng.sample(clients, len(clients) // 2)
    for client in sorted(touched):
        day = start + datetime.timedelta(days=rng.randrange((end - start).days - 60))
        lines.append(f'{day} custom "touch" "{client}" "{rng.choice(sorted(CHANNELS))}"')
        if rng.random() < 0.2:
            later = day + datetime.timedelta(days=rng.randrange(1, 60))
            lines.append(f'{later} custom "touch" "{client}" "{rng.choice(sorted(CHANNELS))}"')
    invoice = 0
    day = start
    while day <= end:
        if day.day == 1:
            usd = Decimal("1.30") + Decimal(rng.randrange(0, 10)) / 100
            lines.append(f"{day} price USD {usd} {CURRENCY}")
        if day.weekday() < 5:
            lines += _time_entries(rng, day, first_year)
            for _ in range(rng.choice((0, 0, 1, 1, 1, 2))):
                invoice += 1
                lines += _invoice(rng, day, invoice, rng.choice(clients))
        lines += _expenses(rng, day)
        day += datetime.timedelta(days=1)
    ledger = "\n".join(lines) + "\n"
    return ledger, _config(first_year)


def _time_entries(rng: random.Random, day: datetime.date, first_year: int) -> list[str]:
    lines = []
    for person in PEOPLE:
        for _ in range(rng.choice((1, 1, 2, 2))):
            minutes = rng.choice((15, 20, 30, 40, 45, 60, 75, 90, 120))
            channel = rng.choice(person.channels)
            if rng.random() < 0.1:
                channel = rng.choice(CHANNELS[channel][1] or [channel])
            lines.append(
                f'{day} custom "time" "{channel}" {_duration(rng, minutes)} '
                f'"{rng.choice(ACTIVITIES).capitalize()} for {channel}"'
            )
            lines.append(f'  activity: "{rng.choice(ACTIVITIES)}"')
            if person.key != "owner":
                lines.append(f'  who: "{person.key}"')
    return lines


def _invoice(rng: random.Random, day: datetime.date, number: int, client: str) -> list[str]:
    amount = Decimal(rng.randrange(400, 12000))
    service = rng.choice(SERVICES)
    pick = rng.random()
    head = f'{day} * "{client}" "Invoice {number}"'
    meta: list[str] = []
    if pick < 0.25:
        head += f" #{rng.choice(sorted(CHANNELS))}"
    elif pick < 0.35:
        first, second = rng.sample(sorted(CHANNELS), 2)
        meta.append(f'  channel: "{first}={rng.randrange(1, 9) * 10} {second}=20"')
    elif pick < 0.40:
        meta.append(f'  channel: "{" ".join(rng.sample(sorted(CHANNELS), 3))}"')
    if rng.random() < 0.08:
        usd = (amount / Decimal("1.35")).quantize(CENT)
        lines = [head, *meta, f"  Assets:Bank:USD  {_money(usd)} USD", f"  {service}"]
    else:
        lines = [head, *meta, f"  Assets:Receivable  {_money(amount)} {CURRENCY}", f"  {service}"]
        paid = day + datetime.timedelta(days=rng.randrange(10, 45))
        if paid.year <= LAST_YEAR:
            lines += [
                f'{paid} * "{client}" "Payment of invoice {number}"',
                f"  Assets:Bank  {_money(amount)} {CURRENCY}",
                "  Assets:Receivable",
            ]
    return lines


def _expenses(rng: random.Random, day: datetime.date) -> list[str]:
    lines = []
    for _ in range(rng.randrange(10, 17)):
        if rng.random() < 0.08:
            account, payee, narration, channels, low, high = rng.choice(CHANNEL_COSTS)
            amount = Decimal(rng.randrange(low * 100, high * 100)) / 100
            lines += [
                f'{day} * "{payee}" "{narration}" #{channels[0]}'
                if len(channels) == 1
                else f'{day} * "{payee}" "{narration}"'
            ]
            if len(channels) > 1:
                lines.append(f'  channel: "{" ".join(channels)}"')
        else:
            account, payee, narration, low, high = rng.choice(EXPENSES)
            amount = Decimal(rng.randrange(low * 100, high * 100)) / 100
            lines.append(f'{day} * "{payee}" "{narration}"')
        lines += [f"  {account}  {_money(amount)} {CURRENCY}", "  Assets:Bank"]
    return lines


def _config(first_year: int) -> str:
    lines = [
        "# Config of the generated Example Agency ledger (bean-timeroi example).",
        "currency: CAD",
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


def write_example(years: int, seed: int, folder: Path) -> list[Path]:
    """Write ``books.beancount`` and ``timeroi.yaml`` into ``folder``; the paths written."""
    ledger, config = generate(years, seed)
    folder.mkdir(parents=True, exist_ok=True)
    books, settings = folder / "books.beancount", folder / "timeroi.yaml"
    books.write_text(ledger, encoding="utf-8")
    settings.write_text(config, encoding="utf-8")
    return [books, settings]
