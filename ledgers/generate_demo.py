#!/usr/bin/env python3
"""Generate the Studio Camille demo ledger for beancount-timeroi.

Studio Camille is a fictional Québec web-design freelancer, Camille Tremblay,
who keeps her books in CAD. This script writes two years (2024-2025) of her
ledger: clients and how they found her, invoices with TPS/TVQ and their
payments, cash marketing costs, ordinary expenses, and about one hour a day
of marketing time logged with ``custom "time"`` directives (plus her
assistant Maude's hours), which the plugin turns into valued transactions.

Rerun it from the repository root with::

    python ledgers/generate_demo.py

It writes ``demo.beancount`` next to itself (``ledgers/demo.beancount``) and
prints a short summary. It needs only the standard library (Python >= 3.10)
and uses a fixed random seed, so the output is byte-identical on every run.
The plugin's configuration, ``ledgers/timeroi.yaml``, is written by hand.
"""

from __future__ import annotations

import argparse
import calendar
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

SEED = 2024_2025
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2025, 12, 31)
YEARS = (2024, 2025)
CURRENCY = "CAD"
CENT = Decimal("0.01")
TPS_RATE = Decimal("0.05")
TVQ_RATE = Decimal("0.09975")

MAUDE_START = date(2024, 9, 1)  # Maude, the assistant, starts logging time
JULIE_START = date(2025, 3, 1)  # Julie, a freelance community manager, starts invoicing

# Rates set in timeroi.yaml (the first rate of each person) and the later
# changes written as `custom "hourly-rate"` directives. Keep them in step with
# the YAML file; here they only feed the summary and Maude's invoices.
CONFIG_RATES = {"owner": (date(2024, 1, 1), Decimal("85.00")),
                "maude": (date(2024, 9, 1), Decimal("32.00"))}
RATE_CHANGES = (("owner", date(2025, 1, 1), Decimal("95.00")),
                ("maude", date(2025, 7, 1), Decimal("34.00")))

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

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                 "août", "septembre", "octobre", "novembre", "décembre")


# --------------------------------------------------------------------------
# Ledger text
# --------------------------------------------------------------------------

Meta = tuple[tuple[str, str], ...]


def quote(text: str) -> str:
    """A Beancount string literal (the demo's texts never need escaping)."""
    if '"' in text or "\\" in text:
        raise ValueError(f"text needs escaping: {text!r}")
    return f'"{text}"'


def money(value: Decimal) -> Decimal:
    """Round to the cent, half up, as invoices and the plugin do."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def render_meta(meta: Meta, indent: int) -> list[str]:
    return [f"{' ' * indent}{key}: {quote(value)}" for key, value in meta]


@dataclass(frozen=True)
class Posting:
    account: str
    amount: Decimal
    meta: Meta = ()


@dataclass(frozen=True)
class Transaction:
    day: date
    payee: str | None
    narration: str
    postings: tuple[Posting, ...]
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    meta: Meta = ()

    def render(self) -> str:
        if sum(posting.amount for posting in self.postings) != 0:
            raise ValueError(f"unbalanced transaction on {self.day}: {self.narration}")
        strings = [quote(self.payee)] if self.payee is not None else []
        strings.append(quote(self.narration))
        strings += [f"#{tag}" for tag in self.tags] + [f"^{link}" for link in self.links]
        lines = [f"{self.day} * {' '.join(strings)}", *render_meta(self.meta, 2)]
        for posting in self.postings:
            lines.append(f"  {posting.account:<36}{posting.amount:>12.2f} {CURRENCY}")
            lines += render_meta(posting.meta, 4)
        return "\n".join(lines)


@dataclass(frozen=True)
class Directive:
    """Any dated line that is not a transaction: open, custom, balance."""

    day: date
    body: str
    meta: Meta = ()
    comment: str | None = None

    def render(self) -> str:
        line = f"{self.day} {self.body}"
        if self.comment:
            line += f"  ; {self.comment}"
        return "\n".join([line, *render_meta(self.meta, 2)])


Entry = Transaction | Directive


def taxed(day: date, payee: str, narration: str, account: str, amount: Decimal,
          tags: tuple[str, ...] = (), meta: Meta = ()) -> Transaction:
    """A purchase from a TPS/TVQ registrant, paid from the bank, taxes recoverable."""
    tps, tvq = money(amount * TPS_RATE), money(amount * TVQ_RATE)
    return Transaction(day, payee, narration, (
        Posting(account, amount),
        Posting(TPS_RECOVERABLE, tps),
        Posting(TVQ_RECOVERABLE, tvq),
        Posting(BANK, -(amount + tps + tvq)),
    ), tags=tags, meta=meta)


def untaxed(day: date, payee: str, narration: str, account: str,
            amount: Decimal) -> Transaction:
    """A payment with no recoverable tax (bank fees, meals, a small supplier)."""
    return Transaction(day, payee, narration, (Posting(account, amount), Posting(BANK, -amount)))


# --------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------


def easter(year: int) -> date:
    """Easter Sunday (the Meeus/Jones/Butcher Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def quebec_holidays(year: int) -> list[date]:
    """Statutory holidays in Québec (Easter Monday is optional and worked)."""
    may_24 = date(year, 5, 24)
    return sorted([
        date(year, 1, 1),
        easter(year) - timedelta(days=2),  # Good Friday
        may_24 - timedelta(days=may_24.weekday()),  # Journée nationale des patriotes
        date(year, 6, 24),  # Fête nationale
        date(year, 7, 1),
        nth_monday(year, 9, 1),  # Labour Day
        nth_monday(year, 10, 2),  # Thanksgiving
        date(year, 12, 25),
        date(year, 12, 26),
    ])


def construction_holiday(year: int) -> list[date]:
    """The two summer vacation weeks: Québec's construction holiday, the last
    two full weeks of July (they start after the second-to-last Sunday)."""
    july_31 = date(year, 7, 31)
    last_sunday = july_31 - timedelta(days=(july_31.weekday() + 1) % 7)
    monday = last_sunday - timedelta(days=6)
    return [monday + timedelta(days=offset) for offset in range(14)]


def working_days() -> list[date]:
    days_off = {day for year in YEARS
                for day in quebec_holidays(year) + construction_holiday(year)}
    days, day = [], FIRST_DAY
    while day <= LAST_DAY:
        if day.weekday() < 5 and day not in days_off:
            days.append(day)
        day += timedelta(days=1)
    return days


def next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def months() -> Iterator[tuple[int, int]]:
    for year in YEARS:
        for month in range(1, 13):
            yield year, month


def add_months(day: date, count: int) -> date:
    """The first day of the month `count` months after `day`'s month."""
    year, month = divmod(day.year * 12 + day.month - 1 + count, 12)
    return date(year, month + 1, 1)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --------------------------------------------------------------------------
# Marketing time
# --------------------------------------------------------------------------

BLOG_POSTS: tuple[tuple[str, str], ...] = (  # (language, title), in publication order
    ("fr", "Accessibilité des formulaires"),
    ("en", "Core Web Vitals for small shops"),
    ("fr", "Choisir une palette de couleurs"),
    ("en", "Why your bakery needs online ordering"),
    ("fr", "Des polices web qui ne ralentissent pas le site"),
    ("en", "Writing alt text that actually helps"),
    ("fr", "Refonte ou simple mise à jour ?"),
    ("en", "Product photos with your phone"),
    ("en", "Local SEO with a Google Business Profile"),
    ("fr", "La Loi 25 et votre formulaire de contact"),
    ("en", "Dark patterns to avoid"),
    ("fr", "Un site bilingue sans douleur"),
    ("en", "How much does a website cost in Québec?"),
    ("fr", "Une page À propos qui donne confiance"),
    ("en", "Designing for older visitors"),
    ("fr", "Hébergement : ce qui compte vraiment"),
    ("en", "A bakery website that sells (case study)"),
    ("fr", "Le contraste des couleurs expliqué"),
    ("en", "Booking forms people actually finish"),
    ("fr", "Pourquoi un site rapide vend plus"),
    ("en", "Favicons, logos and other small details"),
    ("fr", "Les menus de restaurant en PDF, non merci"),
    ("en", "Newsletter or social media?"),
    ("fr", "Préparer son contenu avant la refonte"),
    ("en", "Mobile first, for real"),
    ("fr", "Témoins et consentement : le guide simple"),
    ("en", "A vet clinic's booking page (case study)"),
    ("fr", "Choisir un nom de domaine en .ca"),
    ("en", "What to put above the fold"),
    ("fr", "Les images WebP et AVIF"),
    ("en", "A checklist before launch day"),
    ("fr", "Rédiger pour le Web en deux langues"),
    ("en", "Shopify, WooCommerce or Square?"),
    ("fr", "L'accessibilité des documents PDF"),
    ("en", "Landing pages for seasonal offers"),
    ("fr", "Des témoignages clients qui rassurent"),
    ("en", "Keeping a small site secure"),
    ("fr", "Temps des sucres : préparer son site"),
    ("en", "Icons and illustrations on a budget"),
    ("fr", "Les formulaires de dons pour les OBNL"),
    ("en", "Measuring visits without creepy tracking"),
    ("fr", "Typographie : la hiérarchie des titres"),
    ("en", "Your site's first ten seconds"),
    ("fr", "Migrer de Wix à WordPress"),
    ("en", "Writing a brief for your designer"),
    ("fr", "Le forfait de maintenance, à quoi ça sert ?"),
    ("en", "Year in review: the sites we launched"),
    ("fr", "Les tendances design 2026, sans les suivre toutes"),
)
BLOG_STEPS = {  # activity: (French, English) wording, minutes it may take
    "research": ("recherche", "research", (40, 45, 50, 60)),
    "writing": ("rédaction", "writing", (55, 60, 70, 75)),
    "writing-2": ("rédaction, suite", "second draft", (30, 40, 45)),
    "layout": ("mise en page", "layout", (30, 35, 40, 45)),
    "publishing": ("publication", "publishing", (20, 25)),
}

# Notes use {n} for a small count, {topic} for an English and {sujet} for a French topic.
TOPICS = (
    "before/after of a bakery homepage", "5 signs your website is outdated",
    "behind the scenes: wireframes", "a booking page that works on phones",
    "what a website project costs", "client launch of the month",
    "fonts that read well on screens", "why I design mobile first",
)
SUJETS = (
    "pourquoi un site rapide vend plus", "le contraste des couleurs",
    "mes outils de design préférés", "l'accessibilité en 3 gestes",
    "ma routine du lundi", "la Loi 25 en bref", "photos produits au téléphone",
    "le lancement client du mois",
)
OWNER_NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("linkedin", "engagement"): (
        "Commented on {n} client posts", "Replied to comments on my last post",
        "Commenté {n} publications de clients", "Welcomed {n} new connections",
        "Répondu aux messages privés", "Networking: messaged {n} local founders",
    ),
    ("linkedin", "writing"): (
        "Post: {topic}", "Rédaction d'un post : {sujet}", "Carousel text: {topic}",
    ),
    ("linkedin", "design"): ("Carousel visuals: {topic}", "Visuel pour le post : {sujet}"),
    ("linkedin", "scheduling"): (
        "Scheduled next week's posts", "Planifié les posts de la semaine",
    ),
    ("instagram", "design"): (
        "Carousel: {topic}", "Story templates refresh", "Visuels avant/après : {sujet}",
    ),
    ("instagram", "writing"): ("Captions for next week", "Légendes : {sujet}"),
    ("instagram", "engagement"): (
        "Replied to DMs and comments", "Commented on {n} local accounts",
    ),
    ("instagram", "scheduling"): ("Planned the grid for next week",),
    ("facebook", "engagement"): (
        "Answered page messages", "Répondu dans le groupe Entrepreneurs du Plateau",
        "Shared tips in a local business group",
    ),
    ("facebook", "scheduling"): (
        "Scheduled page posts for the week", "Programmé les publications de la semaine",
    ),
    ("facebook", "writing"): ("Post: {topic}", "Publication : {sujet}"),
    ("facebook", "design"): ("Cover photo and event visual",),
}
MAUDE_NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("instagram", "design"): (
        "Visuels Instagram de la semaine", "Gabarits de stories", "Carrousel : {sujet}",
    ),
    ("instagram", "scheduling"): (
        "Planification Instagram", "Programmé les publications et les stories",
    ),
    ("facebook", "design"): ("Visuels Facebook de la semaine", "Bannière d'événement"),
    ("facebook", "scheduling"): (
        "Programmation Facebook", "Publications de la semaine programmées",
    ),
}
OWNER_ACTIVITIES = {
    "linkedin": (("engagement", 5), ("writing", 4), ("design", 1), ("scheduling", 1)),
    "instagram": (("design", 4), ("engagement", 3), ("writing", 2), ("scheduling", 1)),
    "facebook": (("engagement", 5), ("scheduling", 3), ("writing", 2), ("design", 1)),
}
DAILY_MINUTES = (45, 50, 55, 60, 60, 60, 60, 65, 70, 75, 80, 90)
MAUDE_WEEKS = (  # (weekday, minutes) worked in a week: about three hours
    ((1, 90), (3, 90)),
    ((0, 60), (2, 60), (4, 60)),
    ((1, 120), (3, 60)),
    ((1, 80), (3, 100)),
    ((1, 75), (3, 105)),
)

# Every way SPEC 2.3 lets a duration be written, with how often each person
# uses it. A form that cannot write a given duration exactly is skipped.
DURATION_FORMS = ("number", "number-string", "H", "HR", "HRS", "HOUR", "HOURS", "MIN", "MINS",
                  "MINUTE", "MINUTES", "1h30", "1h30m", "2h", "45m", "90min", "1.5h", "1:15")
FORM_WEIGHTS = {
    "owner": (36, 2, 16, 4, 4, 8, 4, 16, 4, 1, 8, 12, 6, 6, 16, 6, 8, 8),
    "maude": (2, 0, 0, 0, 0, 1, 0, 3, 0, 0, 1, 10, 2, 6, 10, 3, 0, 6),
}


def decimal_hours(minutes: int) -> str:
    """90 -> '1.5', 45 -> '0.75', 60 -> '1' (only for whole quarter hours)."""
    return f"{(Decimal(minutes) / 60).normalize():f}"


def format_duration(minutes: int, form: str) -> str | None:
    """Write a duration in one of the forms of SPEC 2.3, or None if it does not fit."""
    hours, rest = divmod(minutes, 60)
    quarter = minutes % 15 == 0
    match form:
        case "number":
            return decimal_hours(minutes) if quarter else None
        case "number-string":
            return quote(decimal_hours(minutes)) if quarter else None
        case "H" | "HR":
            return f"{decimal_hours(minutes)} {form}" if quarter else None
        case "HRS" | "HOURS":
            return f"{decimal_hours(minutes)} {form}" if quarter and minutes != 60 else None
        case "HOUR":
            return "1 HOUR" if minutes == 60 else None
        case "MIN" | "MINS" | "MINUTE" | "MINUTES":
            return f"{minutes} {form}"
        case "1h30":
            return quote(f"{hours}h{rest:02d}") if hours and rest else None
        case "1h30m":
            return quote(f"{hours}h{rest:02d}m") if hours and rest else None
        case "2h":
            return quote(f"{hours}h") if not rest else None
        case "45m":
            return quote(f"{minutes}m")
        case "90min":
            return quote(f"{minutes}min")
        case "1.5h":
            return quote(f"{decimal_hours(minutes)}h") if quarter else None
        case "1:15":
            return quote(f"{hours}:{rest:02d}")
    raise ValueError(f"unknown duration form {form!r}")


@dataclass(frozen=True)
class TimeEntry:
    day: date
    channel: str
    minutes: int
    description: str | None
    activity: str | None
    who: str = "owner"

    @property
    def hours(self) -> Fraction:
        return Fraction(self.minutes, 60)


@dataclass(frozen=True)
class Task:
    """A planned piece of blog or newsletter work."""

    channel: str
    activity: str
    minutes: tuple[int, ...]
    description: str


class TimeLog:
    """Plans the owner's and Maude's marketing time, day by day."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.days = working_days()
        self.entries: list[TimeEntry] = []
        self.forms: list[str] = []

    def note(self, notes: dict[tuple[str, str], tuple[str, ...]], channel: str,
             activity: str) -> str:
        template = self.rng.choice(notes[(channel, activity)])
        return template.format(n=self.rng.randint(3, 8), topic=self.rng.choice(TOPICS),
                               sujet=self.rng.choice(SUJETS))

    def blog_tasks(self) -> dict[date, list[Task]]:
        """A post about every two weeks, worked on over several days."""
        plan: dict[date, list[Task]] = defaultdict(list)
        start = 2
        for language, title in BLOG_POSTS:
            if start + 6 >= len(self.days):
                break
            steps = [(0, "research"), (1, "writing"), (5, "layout"), (6, "publishing")]
            if self.rng.random() < 0.7:
                steps.insert(2, (3, "writing-2"))
            for offset, step in steps:
                french, english, minutes = BLOG_STEPS[step]
                if language == "fr":
                    label = f"Article: {title} – {french}"
                else:
                    label = f"Blog post: {title} – {english}"
                activity = "writing" if step == "writing-2" else step
                plan[self.days[start + offset]].append(Task("blog", activity, minutes, label))
            start += self.rng.choice((9, 10, 10, 11))
        else:  # every title used before the end of 2025
            raise ValueError("not enough BLOG_POSTS titles for two years")
        return plan

    def newsletter_tasks(self) -> dict[date, list[Task]]:
        """The monthly newsletter: written, designed and sent early in the month."""
        plan: dict[date, list[Task]] = defaultdict(list)
        for year, month in months():
            days = [day for day in self.days if (day.year, day.month) == (year, month)]
            name = f"Infolettre de {FRENCH_MONTHS[month - 1]}"
            for day, activity, minutes, verb in (
                (days[1], "writing", (45, 50, 60), "rédaction"),
                (days[2], "design", (30, 40, 45), "design"),
                (days[3], "publishing", (15, 20), "envoi"),
            ):
                plan[day].append(Task("newsletter", activity, minutes, f"{name} – {verb}"))
        return plan

    def social_entry(self, day: date, minutes: int, avoid: tuple[str, str] | None = None
                     ) -> TimeEntry:
        # Camille leaves more of Instagram and Facebook to Maude, then to Julie.
        if day < MAUDE_START:
            weights = (55, 30, 15)
        elif day < JULIE_START:
            weights = (65, 22, 13)
        else:
            weights = (75, 15, 10)
        while True:
            channel = self.rng.choices(("linkedin", "instagram", "facebook"), weights)[0]
            names, shares = zip(*OWNER_ACTIVITIES[channel])
            activity = self.rng.choices(names, shares)[0]
            if (channel, activity) != avoid:
                break
        description: str | None = self.note(OWNER_NOTES, channel, activity)
        if activity == "engagement" and self.rng.random() < 0.01:
            description = None  # a quick log without a description: narration "time"
        logged_activity = None if self.rng.random() < 0.03 else activity
        return TimeEntry(day, channel, minutes, description, logged_activity)

    def owner_day(self, day: date, tasks: list[Task]) -> list[TimeEntry]:
        budget = self.rng.choice(DAILY_MINUTES)
        entries = [TimeEntry(day, task.channel, self.rng.choice(task.minutes), task.description,
                             task.activity) for task in tasks]
        remaining = budget - sum(entry.minutes for entry in entries)
        if not entries:
            if budget >= 50 and self.rng.random() < 0.45:
                first = self.rng.choice(range(20, budget - 15, 5))
                entry = self.social_entry(day, first)
                entries = [entry, self.social_entry(day, budget - first,
                                                    (entry.channel, entry.activity or ""))]
            else:
                entries = [self.social_entry(day, budget)]
        elif len(entries) == 1 and remaining >= 15:
            if tasks[0].activity == "publishing" and tasks[0].channel == "blog":
                entries.append(TimeEntry(day, "linkedin", min(remaining, 30),
                                         "Shared the new article on LinkedIn", "writing"))
            else:
                entries.append(self.social_entry(day, remaining))
        return entries

    def maude_weeks(self) -> list[TimeEntry]:
        entries: list[TimeEntry] = []
        workdays = set(self.days)
        monday = MAUDE_START - timedelta(days=MAUDE_START.weekday())
        while monday <= LAST_DAY:
            for weekday, minutes in self.rng.choice(MAUDE_WEEKS):
                day = monday + timedelta(days=weekday)
                if day < MAUDE_START or day not in workdays:
                    continue
                if minutes >= 90 and self.rng.random() < 0.5:
                    first = self.rng.choice((40, 45, 60))
                    parts = [("instagram", first), ("facebook", minutes - first)]
                else:
                    parts = [(self.rng.choices(("instagram", "facebook"), (6, 4))[0], minutes)]
                for channel, part in parts:
                    activity = self.rng.choice(("design", "scheduling"))
                    entries.append(TimeEntry(day, channel, part,
                                             self.note(MAUDE_NOTES, channel, activity),
                                             activity, who="maude"))
            monday += timedelta(days=7)
        return entries

    def build(self) -> list[TimeEntry]:
        tasks: dict[date, list[Task]] = defaultdict(list)
        for plan in (self.blog_tasks(), self.newsletter_tasks()):
            for day, planned in plan.items():
                tasks[day] += planned
        for day in self.days:
            self.entries += self.owner_day(day, tasks.get(day, []))
        self.entries += self.maude_weeks()
        self.entries.sort(key=lambda entry: (entry.day, entry.who != "owner"))
        return self.entries

    def render(self, entry: TimeEntry) -> Directive:
        names = [form for form in DURATION_FORMS if format_duration(entry.minutes, form)]
        weights = [FORM_WEIGHTS[entry.who][DURATION_FORMS.index(form)] for form in names]
        form = self.rng.choices(names, weights)[0]
        self.forms.append(form)
        values = [quote(entry.channel), str(format_duration(entry.minutes, form))]
        if entry.description is not None:
            values.append(quote(entry.description))
        meta: list[tuple[str, str]] = []
        if entry.activity:
            meta.append(("activity", entry.activity))
        if entry.who != "owner":
            meta.append(("who", entry.who))
        return Directive(entry.day, f'custom "time" {" ".join(values)}', tuple(meta))


# --------------------------------------------------------------------------
# Clients and income
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    key: str  # a short name for the invoice list below
    name: str
    source: str  # how the demo attributes the client's income (a comment in the ledger)
    payee: str | None = None  # legal name on invoices, when it is not the client's name
    tags: tuple[str, ...] = ()  # channel tags on every invoice (SPEC 3, rule 3)
    channel: str | None = None  # `channel:` metadata on every invoice (rule 2)
    touches: tuple[tuple[date, str, str], ...] = ()  # (date, channel, note): rule 4
    pays_on_the_spot: bool = False


CLIENTS = {client.key: client for client in (
    Client("boulangerie", "Boulangerie Saint-Viateur", "touch: linkedin",
           touches=((date(2024, 1, 18), "linkedin", "asked for a quote after my carousel"),)),
    Client("clinique", "Clinique Vétérinaire des Laurentides",
           "touches: facebook, then instagram (first wins)",
           touches=((date(2024, 2, 6), "facebook", "found the page in a local group"),
                    (date(2024, 3, 14), "instagram", "DM about the booking reel"))),
    Client("atelier", "Atelier Boréal", "tag #blog on its invoices", tags=("blog",)),
    Client("gagnon", "Cabinet Gagnon Avocats",
           "touch: linkedin (payee is the firm's name: client: meta)",
           payee="Gagnon Roy Avocats S.E.N.C.R.L.",
           touches=((date(2024, 5, 2), "linkedin", "met in the comments of a post"),)),
    Client("fromagerie", "Fromagerie du Vieux-Port",
           'channel: "instagram=70 facebook=30" on its invoices',
           channel="instagram=70 facebook=30"),
    Client("microbrasserie", "Microbrasserie Le Castor Fûté",
           'channel: "linkedin blog" on its invoices', channel="linkedin blog"),
    Client("librairie", "Librairie Côte-des-Neiges", "tag #article, the blog's alias",
           tags=("article",)),
    Client("coop", "Coopérative Solidaire du Plateau", "touch: newsletter",
           touches=((date(2024, 11, 12), "newsletter", "replied to the November issue"),)),
    Client("erabliere", "Érablière Lavoie & Fils", "touch: facebook", pays_on_the_spot=True,
           touches=((date(2024, 1, 10), "facebook", "message on the page"),)),
    Client("yoga", "Studio Yoga Mile End", "touch: instagram (and a credit note)",
           touches=((date(2024, 6, 20), "instagram", "liked a studio redesign post"),)),
    Client("fondation", "Fondation Les Petits Pas", "tag #linkedin on its invoices",
           tags=("linkedin",)),
    Client("auberge", "Auberge des Trois-Pignons",
           'channel: "newsletter" on one invoice line (posting)'),
    Client("garage", "Garage Pelletier Mécanique", "none: word of mouth (unattributed)"),
    Client("pharmacie", "Pharmacie Dubé-Morin", "none: a client since 2023 (unattributed)"),
    Client("traiteur", "Traiteur Les Saveurs d'Anjou",
           "none: a friend's referral (unattributed)", pays_on_the_spot=True),
    Client("ebenisterie", "Ébénisterie Rivard", "none: met at a trade show (unattributed)"),
)}


@dataclass(frozen=True)
class Line:
    account: str
    fee: Decimal
    channel: str | None = None  # posting-level `channel:` metadata (rule 1)


@dataclass(frozen=True)
class Invoice:
    day: date
    client: str  # a Client key
    narration: str
    lines: tuple[Line, ...]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.fee for line in self.lines), Decimal(0))


def website(client: str, start: date, delivered: date, fee: int) -> list[Invoice]:
    """A website project: 40 % deposit at the start, the balance on delivery."""
    deposit = money(Decimal(fee) * Decimal("0.4"))
    return [Invoice(start, client, "Site web – acompte 40 %", (Line(WEBSITES, deposit),)),
            Invoice(delivered, client, "Site web – solde à la livraison",
                    (Line(WEBSITES, Decimal(fee) - deposit),))]


def job(client: str, day: date, fee: int, narration: str,
        account: str = WEBSITES) -> list[Invoice]:
    return [Invoice(day, client, narration, (Line(account, Decimal(fee)),))]


def retainer(client: str, first: date, every: int, fee: int) -> list[Invoice]:
    """A maintenance plan billed on the first weekday of every `every` months."""
    invoices = []
    start = date(first.year, first.month, 1)
    while start <= LAST_DAY:
        period = f"{FRENCH_MONTHS[start.month - 1]} {start.year}" if every == 1 \
            else f"T{(start.month - 1) // 3 + 1} {start.year}"
        invoices.append(Invoice(next_weekday(start), client, f"Forfait maintenance – {period}",
                                (Line(MAINTENANCE, Decimal(fee)),)))
        start = add_months(start, every)
    return invoices


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
        Invoice(d(2025, 6, 9), "auberge", "Refonte du site et forfait d'entretien annuel",
                (Line(WEBSITES, Decimal(6200), channel="newsletter"),
                 Line(MAINTENANCE, Decimal(600)))),
        *website("traiteur", d(2025, 6, 16), d(2025, 8, 18), 6400),
        *job("fromagerie", d(2025, 6, 25), 1100, "Visuels pour le marché d'été"),
        *job("gagnon", d(2025, 7, 14), 1900, "Gabarits pour les capsules juridiques"),
        *job("librairie", d(2025, 8, 25), 2900, "Refonte du site – livraison"),
        *job("clinique", d(2025, 9, 8), 3400, "Refonte de la section Services"),
        *job("atelier", d(2025, 9, 15), 1500, "Mise à jour de la boutique"),
        *job("garage", d(2025, 9, 22), 650, "Hébergement et mises à jour 2026", MAINTENANCE),
        *job("coop", d(2025, 10, 6), 800, "Gabarit d'infolettre aux couleurs de la coop"),
        *job("fondation", d(2025, 11, 10), 2400, "Campagne de dons des Fêtes"),
        *job("ebenisterie", d(2025, 11, 17), 2400, "Site vitrine – refonte"),
        *job("microbrasserie", d(2025, 12, 1), 1800, "Boutique de Noël en ligne"),
        *job("atelier", d(2025, 12, 8), 850, "Visuels des Fêtes pour la boutique"),
    ]
    return sorted(result, key=lambda invoice: invoice.day)


# A credit note for a photo shoot included in Studio Yoga Mile End's website
# and cancelled: negative income, refunded by bank transfer.
CREDIT_NOTE = Invoice(date(2024, 10, 4), "yoga",
                      "Note de crédit – séance photo annulée, remboursée",
                      (Line(WEBSITES, Decimal(-350)),))


def invoice_transaction(invoice: Invoice, number: str, account: str) -> Transaction:
    client = CLIENTS[invoice.client]
    tps, tvq = money(invoice.subtotal * TPS_RATE), money(invoice.subtotal * TVQ_RATE)
    meta: list[tuple[str, str]] = []
    if client.channel:
        meta.append(("channel", client.channel))
    if client.payee:
        meta.append(("client", client.name))
    postings = [Posting(account, invoice.subtotal + tps + tvq)]
    postings += [Posting(line.account, -line.fee,
                         (("channel", line.channel),) if line.channel else ())
                 for line in invoice.lines]
    postings += [Posting(TPS_PAYABLE, -tps), Posting(TVQ_PAYABLE, -tvq)]
    return Transaction(invoice.day, client.payee or client.name, invoice.narration,
                       tuple(postings), tags=client.tags, links=(number,), meta=tuple(meta))


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
        paid = next_weekday(invoice.day + timedelta(days=10 if is_retainer
                                                     else rng.randint(8, 40)))
        if paid <= LAST_DAY:
            total = transaction.postings[0].amount
            entries.append(Transaction(
                paid, transaction.payee, f"Paiement – facture {number.removeprefix('inv-')}",
                (Posting(BANK, total), Posting(RECEIVABLE, -total)), links=(number,)))
    return sorted(entries, key=lambda entry: entry.day), [*issued, CREDIT_NOTE]


# --------------------------------------------------------------------------
# Expenses, remittances and draws
# --------------------------------------------------------------------------

ADS = (  # (date, channel, amount, what was boosted)
    (date(2024, 4, 16), "instagram", 75, "Publication boostée : avant/après boulangerie"),
    (date(2024, 6, 3), "facebook", 50, "Publication boostée : places d'été disponibles"),
    (date(2024, 11, 5), "instagram", 120, "Publicité : forfait site vitrine"),
    (date(2025, 2, 11), "facebook", 60, "Publication boostée : temps des sucres"),
    (date(2025, 5, 6), "instagram", 150, "Publicité : portfolio du printemps"),
    (date(2025, 10, 14), "instagram", 100, "Publication boostée : étude de cas"),
    (date(2025, 11, 18), "facebook", 80, "Publicité : forfaits des Fêtes"),
)
CAFES = ("Café Olimpico", "Café Névé", "Pikolo Espresso Bar", "Crew Collective & Café")
COFFEE_NOTES = ("Café avec un prospect", "Coffee meeting with a client",
                "Lunch de lancement de projet", "Café réseautage")


def marketing_costs() -> list[Transaction]:
    """Cash spent on channels, attributed by tags or `channel:` metadata (rules 1-3)."""
    entries = []
    for year, month in months():
        entries.append(taxed(date(year, month, 12), "LinkedIn", "Premium Business – mensuel",
                             "Expenses:Marketing:Subscriptions", Decimal("39.99"),
                             tags=("linkedin",)))
        entries.append(taxed(date(year, month, 3), "Cyberimpact", "Forfait infolettre – mensuel",
                             "Expenses:Marketing:Subscriptions", Decimal("21.00"),
                             tags=("newsletter",)))
        if date(year, month, 1) >= date(2024, 3, 1):
            entries.append(taxed(date(year, month, 5), "Later", "Planification des publications",
                                 "Expenses:Marketing:Subscriptions", Decimal("25.00"),
                                 meta=(("channel", "instagram facebook linkedin"),)))
        if date(year, month, 1) >= JULIE_START:
            entries.append(taxed(month_end(year, month), "Julie Bouchard",
                                 f"Gestion de communauté – {FRENCH_MONTHS[month - 1]} {year}",
                                 "Expenses:Marketing:Contractors", Decimal("650.00"),
                                 meta=(("channel", "instagram=60 facebook=40"),)))
    for year in YEARS:
        entries.append(taxed(date(year, 2, 14), "PlanetHoster",
                             "Hébergement du blogue – renouvellement annuel",
                             "Expenses:Marketing:Hosting", Decimal("215.88"), tags=("blog",)))
    for day, channel, amount, narration in ADS:
        entries.append(taxed(day, "Meta", narration, "Expenses:Marketing:Ads", Decimal(amount),
                             tags=(channel,)))
    return sorted(entries, key=lambda entry: entry.day)


def hours_label(minutes: int) -> str:
    """French hours for an invoice line: 750 -> '12 h 30'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def rate_on(who: str, day: date) -> Decimal:
    since, rate = CONFIG_RATES[who]
    for person, changed, new_rate in RATE_CHANGES:
        if person == who and since <= changed <= day:
            since, rate = changed, new_rate
    return rate


def other_expenses(rng: random.Random, time_entries: list[TimeEntry]) -> list[Transaction]:
    """Ordinary business costs, with no channel: not marketing."""
    maude_minutes: dict[tuple[int, int], int] = defaultdict(int)
    for entry in time_entries:
        if entry.who == "maude":
            maude_minutes[(entry.day.year, entry.day.month)] += entry.minutes
    entries = []
    for year, month in months():
        entries += [
            taxed(date(year, month, 1), "Espace Atelier Mile-Ex",
                  "Loyer – poste de travail partagé", "Expenses:Office:Coworking",
                  Decimal("350.00")),
            taxed(date(year, month, 2), "Google", "Workspace – 2 utilisateurs",
                  "Expenses:Software", Decimal("16.80")),
            taxed(date(year, month, 15), "Adobe", "Creative Cloud – toutes les applications",
                  "Expenses:Software", Decimal("79.99")),
            taxed(date(year, month, 20), "Vidéotron", "Cellulaire et Internet",
                  "Expenses:Office:Phone", Decimal("65.00")),
            untaxed(month_end(year, month), "Desjardins", "Frais de service mensuels",
                    "Expenses:Bank:Fees", Decimal("9.95")),
        ]
        for _ in range(rng.randint(1, 3)):
            day = next_weekday(date(year, month, rng.randint(1, 26)))
            amount = Decimal(rng.randrange(650, 2800, 5)) / 100
            entries.append(untaxed(day, rng.choice(CAFES), rng.choice(COFFEE_NOTES),
                                   "Expenses:Meals", amount))
        minutes = maude_minutes.get((year, month), 0)
        if minutes:
            # Maude is a small supplier (no TPS/TVQ). Her pay carries no channel:
            # her hours are already valued by the plugin from her time entries,
            # so tagging this too would count them twice in the channels' costs.
            pay = money(Decimal(minutes) / 60 * rate_on("maude", date(year, month, 1)))
            entries.append(untaxed(
                month_end(year, month), "Maude Lapointe",
                f"Assistance réseaux sociaux – {FRENCH_MONTHS[month - 1]} {year} "
                f"({hours_label(minutes)})", "Expenses:Contractors:Assistant", pay))
    for year, fee in ((2024, "850.00"), (2025, "900.00")):
        entries.append(taxed(date(year, 4, 15), "Lemieux CPA",
                             f"États financiers et déclarations {year - 1}",
                             "Expenses:Professional:Accounting", Decimal(fee)))
    return sorted(entries, key=lambda entry: entry.day)


def balance_before(entries: Iterable[Entry], account: str, day: date) -> Decimal:
    return sum((posting.amount for entry in entries if isinstance(entry, Transaction)
                and entry.day < day for posting in entry.postings
                if posting.account == account), Decimal(0))


def remittances_and_draws(entries: list[Entry]) -> list[Entry]:
    """Quarterly TPS/TVQ remittances (due a month after each quarter), the
    owner's monthly draws and two balance assertions."""
    result: list[Entry] = []
    tax_accounts = (TPS_PAYABLE, TVQ_PAYABLE, TPS_RECOVERABLE, TVQ_RECOVERABLE)
    for year, month in months():
        quarter_end = date(year, month, 1)  # exclusive
        quarter_start = add_months(quarter_end, -3)
        if month in (1, 4, 7, 10) and quarter_start >= FIRST_DAY:
            postings = []
            for account in tax_accounts:
                moved = balance_before(entries, account, quarter_end) - \
                    balance_before(entries, account, quarter_start)
                postings.append(Posting(account, -moved))
            net = sum((posting.amount for posting in postings), Decimal(0))
            label = f"T{(quarter_start.month - 1) // 3 + 1} {quarter_start.year}"
            result.append(Transaction(month_end(year, month), "Revenu Québec",
                                      f"Remise TPS/TVQ – {label}",
                                      (*postings, Posting(BANK, -net))))
        draw = Decimal("4200.00") if year == 2024 else Decimal("4800.00")
        result.append(Transaction(date(year, month, 25), "Camille Tremblay",
                                  "Virement au compte personnel",
                                  (Posting(DRAWINGS, draw), Posting(BANK, -draw))))
    checked = date(2025, 1, 1)
    everything = [*entries, *result]
    for account in (BANK, RECEIVABLE):
        amount = balance_before(everything, account, checked)
        result.append(Directive(checked, f"balance {account:<28}{amount:>12.2f} {CURRENCY}"))
    return sorted(result, key=lambda entry: entry.day)


# --------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------

HEADER = """\
;; Studio Camille: the beancount-timeroi demo ledger
;;
;; Camille Tremblay is a (fictional) freelance web designer in Montréal who
;; keeps her books in CAD. She spends about an hour every working day on
;; LinkedIn, Instagram, Facebook, her blog and her monthly newsletter, and from
;; September 2024 her assistant Maude adds about three hours a week. This
;; ledger covers 2024 and 2025: clients and how they found her, invoices with
;; TPS/TVQ, payments, cash marketing costs and ordinary expenses, and every
;; marketing hour as a `custom "time"` entry.
;;
;; The plugin (configured in timeroi.yaml, next to this file) values each time
;; entry at the person's hourly rate and adds a transaction tagged #timeroi;
;; nothing here is a generated transaction. Try:
;;
;;     bean-check ledgers/demo.beancount
;;     bean-timeroi report ledgers/demo.beancount --year 2025
;;     fava ledgers/demo.beancount
;;
;; Generated by ledgers/generate_demo.py; edit that script, not this file,
;; and rerun it with `python ledgers/generate_demo.py`.
"""


@dataclass
class Section:
    title: str
    notes: str
    entries: list[Entry] = field(default_factory=list)
    subsections: list[tuple[str, list[Entry]]] = field(default_factory=list)

    def render(self) -> str:
        parts = [f"* {self.title}", self.notes]
        if self.entries:
            parts.append(render_entries(self.entries))
        for title, entries in self.subsections:
            parts += [f"** {title}", render_entries(entries)]
        return "\n\n".join(parts)


def render_entries(entries: list[Entry]) -> str:
    """Entries separated by blank lines, except that directives of the same
    day, or one-line directives, stay together."""
    text = ""
    previous: Entry | None = None
    for entry in entries:
        rendered = entry.render()
        if previous is not None:
            together = isinstance(entry, Directive) and isinstance(previous, Directive) and (
                entry.day == previous.day or not (entry.meta or previous.meta))
            text += "\n" if together else "\n\n"
        text += rendered
        previous = entry
    return text


def comment(text: str) -> str:
    return "\n".join(f"; {line}".rstrip() for line in text.strip("\n").splitlines())


ACCOUNTS = (
    BANK, RECEIVABLE, TPS_RECOVERABLE, TVQ_RECOVERABLE, TPS_PAYABLE, TVQ_PAYABLE,
    OPENING, DRAWINGS, WEBSITES, MAINTENANCE,
    "Expenses:Marketing:Subscriptions", "Expenses:Marketing:Hosting", "Expenses:Marketing:Ads",
    "Expenses:Marketing:Contractors", "Expenses:Contractors:Assistant",
    "Expenses:Office:Coworking", "Expenses:Office:Phone", "Expenses:Software", "Expenses:Meals",
    "Expenses:Bank:Fees",
    "Expenses:Professional:Accounting",
)


def client_section() -> Section:
    lines = ["How each client's income is attributed to a channel (SPEC 3):", ""]
    width = max(len(client.name) for client in CLIENTS.values())
    lines += [f"  {client.name:<{width}}  {client.source}" for client in CLIENTS.values()]
    lines += ["", "A touch dated before the first invoice records where a client came from;",
              "for the clients with touches, every invoice follows their first touch."]
    touches = sorted((day, client.name, channel, note) for client in CLIENTS.values()
                     for day, channel, note in client.touches)
    return Section("Clients & touches", comment("\n".join(lines)), [
        Directive(day, f'custom "touch" {quote(name)} {quote(channel)}', comment=note)
        for day, name, channel, note in touches
    ])


def check_touches(issued: list[Invoice]) -> None:
    """Touches record how a client arrived, so they come before the first invoice."""
    for key, client in CLIENTS.items():
        first_invoice = min(invoice.day for invoice in issued if invoice.client == key)
        if any(day >= first_invoice for day, _, _ in client.touches):
            raise ValueError(f"{client.name}: a touch is dated on or after the first invoice")


def build(rng: random.Random) -> tuple[str, list[TimeEntry], list[Invoice]]:
    time_log = TimeLog(rng)
    time_entries = time_log.build()
    income, issued = income_entries(rng)
    check_touches(issued)
    marketing = marketing_costs()
    expenses = other_expenses(rng, time_entries)
    opening = Transaction(FIRST_DAY, None, "Solde d'ouverture",
                          (Posting(BANK, Decimal("12000.00")),
                           Posting(OPENING, Decimal("-12000.00"))))
    bank = remittances_and_draws([opening, *income, *marketing, *expenses])

    by_month: dict[str, list[Entry]] = defaultdict(list)
    for entry in time_entries:
        by_month[f"{entry.day:%Y-%m}"].append(time_log.render(entry))
    missing = [form for form in DURATION_FORMS if form not in time_log.forms]
    if missing:
        raise ValueError(f"duration forms never used: {missing}")

    options = "\n".join([
        'option "title" "Studio Camille"',
        f'option "operating_currency" "{CURRENCY}"',
        "",
        'plugin "beancount_timeroi" "timeroi.yaml"',
        "",
        "; The Social-media ROI page in Fava.",
        f'{FIRST_DAY} custom "fava-extension" "beancount_timeroi.fava"',
    ])
    sections = [
        Section("Options", options),
        Section("Accounts", comment(
            "Everything the books use. The plugin opens its own accounts\n"
            "(Expenses:Marketing:Time:* and Income:Imputed:Time) when it first uses them."),
            [Directive(FIRST_DAY, f"open {account} {CURRENCY}") for account in ACCOUNTS]
            + [opening]),
        Section("Rates", comment(
            "timeroi.yaml sets the first rates: the owner 85.00 CAD/h from 2024-01-01 and\n"
            "Maude 32.00 CAD/h from 2024-09-01. Later changes are dated here; a time entry\n"
            "uses the latest rate on or before its date."), [
            Directive(day, f"custom \"hourly-rate\" {rate:.2f} {CURRENCY}"
                      + ("" if who == "owner" else f" {quote(who)}"))
            for who, day, rate in RATE_CHANGES]),
        client_section(),
        Section("Income", comment(
            "Invoices to Income:Design:* with TPS (5 %) and TVQ (9.975 %), linked to their\n"
            "payments (^inv-...). Attribution comes from the client's touches, the\n"
            "invoice's channel tags or its channel: metadata (see Clients & touches)."), income),
        Section("Cash marketing costs", comment(
            "Money spent on channels: a channel tag or channel: metadata makes it a\n"
            "channel's cash cost. Taxes are recoverable (input tax credits)."), marketing),
        Section("Other expenses", comment(
            "Ordinary costs of running the studio: no channel, so not marketing."), expenses),
        Section("Remittances, draws and balance checks", comment(
            "TPS/TVQ remitted to Revenu Québec each quarter (Q4 2025 is due in 2026),\n"
            "the owner's monthly draws, and balance assertions at the start of 2025."), bank),
        Section("Marketing time by month", comment(
            "One `custom \"time\"` entry per piece of work: channel, duration, description,\n"
            "with optional activity: and who: (default: the owner). Durations use every\n"
            "form the plugin reads: hours (0.75, 1.25 H, 1 HOUR), minutes (45 MIN,\n"
            "90 MINUTES) and strings (\"1h30\", \"45m\", \"1.5h\", \"1:15\", \"20m\", ...)."),
            subsections=sorted(by_month.items())),
    ]
    text = HEADER + "\n" + "\n\n\n".join(section.render() for section in sections) + "\n"
    return text, time_entries, issued


# --------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------


def summary(time_entries: list[TimeEntry], issued: list[Invoice]) -> str:
    """Hours per channel and per person, time value, invoices and income, per year."""
    hours: dict[str, Fraction] = defaultdict(Fraction)  # keyed "label year"
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    for entry in time_entries:
        year = entry.day.year
        hours[f"{entry.channel} {year}"] += entry.hours
        hours[f"by {entry.who} {year}"] += entry.hours
        counts[f"time entries {year}"] += 1
        amounts[f"time value {year}"] += money(entry.minutes * rate_on(entry.who, entry.day)
                                               / 60)
    for invoice in issued:
        counts[f"{'invoices' if invoice.subtotal > 0 else 'credit notes'} {invoice.day.year}"] += 1
        amounts[f"income {invoice.day.year}"] += invoice.subtotal
    channels = sorted(dict.fromkeys(entry.channel for entry in time_entries))
    people = sorted(dict.fromkeys(f"by {entry.who}" for entry in time_entries))
    lines = [f"{'':<18}" + "".join(f"{year:>10}" for year in YEARS)]
    for label in channels + people:
        lines.append(f"{'hours ' + label:<18}"
                     + "".join(f"{float(hours[f'{label} {year}']):>10.2f}" for year in YEARS))
    for label in ("time entries", "invoices", "credit notes"):
        lines.append(f"{label:<18}" + "".join(f"{counts[f'{label} {year}']:>10}"
                                              for year in YEARS))
    for label in ("time value", "income"):
        lines.append(f"{label:<18}" + "".join(f"{amounts[f'{label} {year}']:>10.2f}"
                                              for year in YEARS))
    lines.append(f"clients: {len(dict.fromkeys(invoice.client for invoice in issued))}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the Studio Camille demo ledger.")
    parser.add_argument("--output", type=Path,
                        default=Path(__file__).with_name("demo.beancount"),
                        help="where to write the ledger (default: next to this script)")
    args = parser.parse_args()
    text, time_entries, issued = build(random.Random(SEED))
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    print(f"wrote {args.output}")
    print(summary(time_entries, issued))


if __name__ == "__main__":
    main()
