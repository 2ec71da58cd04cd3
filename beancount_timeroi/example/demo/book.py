"""The demo ledger as a file: a header, then sections, each a comment and its entries.

`build_demo` draws the studio's two years (in a fixed order: the order of the
random draws is part of the file), and `demo_ledger` writes them, section
after section. A new kind of entry is a new `Section` function in `SECTIONS`.
"""

from __future__ import annotations

import random
import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from beancount_timeroi.example.demo.budgets import BUDGETS, check_budgets
from beancount_timeroi.example.demo.clients import (
    CLIENTS,
    Invoice,
    check_touches,
    income_entries,
)
from beancount_timeroi.example.demo.contents import (
    BLOG,
    Post,
    Use,
    check_contents,
    published_posts,
    with_diffusion,
)
from beancount_timeroi.example.demo.costs import (
    ADS,
    marketing_costs,
    other_expenses,
    remittances_and_draws,
)
from beancount_timeroi.example.demo.studio import (
    ACCOUNTS,
    BANK,
    FIRST_DAY,
    OPENING,
    SEED,
    TPS_RATE,
    TVQ_RATE,
    check_channels,
    first_rates,
    later_rates,
)
from beancount_timeroi.example.demo.timelog import TimeEntry, plan_time, time_directives
from beancount_timeroi.example.ledger_text import (
    CONFIG_NAME,
    CURRENCY,
    OWNER,
    PLUGIN,
    Directive,
    Entry,
    Posting,
    Transaction,
    comment,
    fava_extension,
    hourly_rate,
    open_account,
    option,
    render_entries,
    touch,
)

COLUMN = 50
"""Where the amounts of postings end."""

HEADER = """\
;; Studio Camille: the beancount-timeroi demo ledger
;;
;; Camille Tremblay is a (fictional) freelance web designer in Montréal who
;; keeps her books in CAD. She spends about an hour every working day on
;; LinkedIn, Instagram, Facebook, her blog and her monthly newsletter, and from
;; September 2024 her assistant Maude adds about three hours a week. This
;; ledger covers 2024 and 2025: clients and how they found her, invoices with
;; TPS/TVQ, payments, cash marketing costs and ordinary expenses, every
;; marketing hour as a `custom "time"` entry, her budgets of hours and money
;; per channel (`custom "time-budget"`), and her blog posts as contents
;; (`custom "content"`), named by the hours, touches and costs that went into
;; them or came from them.
;;
;; The plugin (configured in timeroi.yaml, next to this file) values each time
;; entry at the person's hourly rate and adds a transaction tagged #timeroi;
;; nothing here is a generated transaction. Try:
;;
;;     bean-check ledgers/demo.beancount
;;     bean-timeroi report ledgers/demo.beancount --year 2025
;;     fava ledgers/demo.beancount
;;
;; Written by the demo scenario of beancount_timeroi/example/demo/: edit that,
;; not this file, and regenerate both files with `make demo-ledger`, i.e.
;; `bean-timeroi example --scenario demo --output ledgers`.
"""


@dataclass(frozen=True)
class Demo:
    """The studio's two years as drawn: what each section of the ledger holds."""

    time_entries: list[TimeEntry]
    time_directives: list[Directive]
    posts: list[Post]
    opening: Transaction
    income: list[Transaction]
    marketing: list[Transaction]
    expenses: list[Transaction]
    bank: list[Entry]


def build_demo(seed: int = SEED) -> Demo:
    """Draw the demo's books; the same seed always gives the same books (the order of
    the draws below is part of them: the durations' forms are drawn last)."""
    rng = random.Random(seed)
    planned = plan_time(rng)
    posts = published_posts(planned)
    time_entries = with_diffusion(planned, posts)
    income, issued = income_entries(rng)
    check_touches(issued)
    check_contents(posts, time_entries, content_uses(issued))
    check_channels(
        {entry.channel for entry in time_entries}
        | {touch.channel for client in CLIENTS.values() for touch in client.touches}
        | {tag for client in CLIENTS.values() for tag in client.tags}
        | {BLOG}
    )
    marketing = marketing_costs()
    expenses = other_expenses(rng, time_entries)
    opening = Transaction(
        FIRST_DAY,
        None,
        "Solde d'ouverture",
        (Posting(BANK, Decimal("12000.00")), Posting(OPENING, Decimal("-12000.00"))),
    )
    bank = remittances_and_draws([opening, *income, *marketing, *expenses])
    directives = time_directives(rng, time_entries)
    return Demo(time_entries, directives, posts, opening, income, marketing, expenses, bank)


def content_uses(issued: list[Invoice]) -> list[Use]:
    """The touches, invoice lines and ads that name a blog post."""
    uses = [
        (touch.day, touch.content, f"{client.name}'s touch")
        for client in CLIENTS.values()
        for touch in client.touches
        if touch.content
    ]
    uses += [
        (invoice.day, line.content, f"invoice {invoice.narration!r}")
        for invoice in issued
        for line in invoice.lines
        if line.content
    ]
    uses += [(ad.day, ad.content, f"ad {ad.narration!r}") for ad in ADS if ad.content]
    return uses


@dataclass(frozen=True)
class Section:
    """A part of the ledger: a ``*`` heading, notes, entries, ``**`` subsections."""

    title: str
    notes: str
    entries: tuple[Entry, ...] = ()
    subsections: tuple[tuple[str, list[Entry]], ...] = ()

    def render(self) -> str:
        """The section's text, without a blank line at either end."""
        parts = [f"* {self.title}", self.notes]
        if self.entries:
            parts.append(render_entries(self.entries, COLUMN))
        for title, entries in self.subsections:
            parts += [f"** {title}", render_entries(entries, COLUMN)]
        return "\n\n".join(parts)


def demo_ledger(demo: Demo) -> str:
    """The text of ``demo.beancount``."""
    sections = [section(demo) for section in SECTIONS]
    return HEADER + "\n" + "\n\n\n".join(section.render() for section in sections) + "\n"


def options_section(_demo: Demo) -> Section:
    """The title, the currency, the plugin with its config, the Fava page."""
    lines = [
        option("title", "Studio Camille"),
        option("operating_currency", CURRENCY),
        "",
        PLUGIN,
        "",
        "; The Social-media ROI page in Fava.",
        fava_extension(FIRST_DAY).render(),
    ]
    return Section("Options", "\n".join(lines))


def accounts_section(demo: Demo) -> Section:
    """Every account opened on the first day, and the opening balance."""
    notes = comment(
        "Everything the books use. The plugin opens its own accounts\n"
        "(Expenses:Marketing:Time:* and Income:Imputed:Time) when it first uses them."
    )
    opens = tuple(open_account(FIRST_DAY, account, CURRENCY) for account in ACCOUNTS)
    return Section("Accounts", notes, (*opens, demo.opening))


def person(who: str) -> str:
    """How the ledger's comments name someone who logs time."""
    return "the owner" if who == OWNER else who.capitalize()


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def rates_section(_demo: Demo) -> Section:
    """The raises after the first rates of ``timeroi.yaml``."""
    firsts = [
        f"{person(rate.who)} {rate.per_hour:.2f} {CURRENCY}/h from {rate.since}"
        for rate in first_rates()
    ]
    notes = (
        f"{CONFIG_NAME} sets the first rates: {listing(firsts)}. "
        "Later changes are dated here; a time entry uses the latest rate on or before its date."
    )
    wrapped = textwrap.fill(notes, 78, break_on_hyphens=False)
    raises = tuple(hourly_rate(rate.since, rate.per_hour, rate.who) for rate in later_rates())
    return Section("Rates", comment(wrapped), raises)


def budgets_section(_demo: Demo) -> Section:
    """The time budgets (SPEC 14): a comment line on why, then the channel's budgets."""
    check_budgets()
    notes = comment(
        "What marketing may take per period (SPEC 14): hours, or money in CAD (time\n"
        'cost + cash cost), for a channel or "*" for all of them together. A budget\n'
        "holds until the next one of the same kind for its channel; 0 ends it."
    )
    groups = [
        comment(group.why)
        + "\n"
        + render_entries(budget.directive(group.channel) for budget in group.budgets)
        for group in BUDGETS
    ]
    return Section("Time budgets", "\n\n".join([notes, *groups]))


def clients_section(_demo: Demo) -> Section:
    """How each client is attributed, and the touches that record where they came from."""
    lines = ["How each client's income is attributed to a channel (SPEC 3):", ""]
    width = max(len(client.name) for client in CLIENTS.values())
    lines += [f"  {client.name:<{width}}  {client.source}" for client in CLIENTS.values()]
    lines += [
        "",
        "A touch dated before the first invoice records where a client came from;",
        "for the clients with touches, every invoice follows their first touch.",
    ]
    lines += ["A touch's content: metadata names the blog post the client came through."]
    touches = sorted(
        (client_touch.day, client.name, client_touch)
        for client in CLIENTS.values()
        for client_touch in client.touches
    )
    entries = tuple(
        touch(day, name, met.channel, met.note, met.content) for day, name, met in touches
    )
    return Section("Clients & touches", comment("\n".join(lines)), entries)


def contents_section(demo: Demo) -> Section:
    """The blog posts, each declared on the day it was published."""
    notes = comment(
        "Each blog post, declared on the day it went online: slug, channel, title,\n"
        "and its address. Its writing steps carry content: metadata with its slug,\n"
        "as do the LinkedIn, Instagram and newsletter work that spread it, the\n"
        "touches of the clients who came through it, an invoice line and an ad."
    )
    return Section("Blog posts", notes, tuple(post.declaration() for post in demo.posts))


def percent(rate: Decimal) -> str:
    """0.09975 -> '9.975'."""
    return f"{(rate * 100).normalize():f}"


def income_section(demo: Demo) -> Section:
    """Invoices, the credit note and the payments."""
    notes = comment(
        f"Invoices to Income:Design:* with TPS ({percent(TPS_RATE)} %) and TVQ "
        f"({percent(TVQ_RATE)} %), linked to their\n"
        "payments (^inv-...). Attribution comes from the client's touches, the\n"
        "invoice's channel tags or its channel: metadata (see Clients & touches)."
    )
    return Section("Income", notes, tuple(demo.income))


def marketing_section(demo: Demo) -> Section:
    """The channels' cash costs."""
    notes = comment(
        "Money spent on channels: a channel tag or channel: metadata makes it a\n"
        "channel's cash cost. Taxes are recoverable (input tax credits)."
    )
    return Section("Cash marketing costs", notes, tuple(demo.marketing))


def expenses_section(demo: Demo) -> Section:
    """The costs that are not marketing."""
    notes = comment("Ordinary costs of running the studio: no channel, so not marketing.")
    return Section("Other expenses", notes, tuple(demo.expenses))


def bank_section(demo: Demo) -> Section:
    """Tax remittances, draws and balance assertions."""
    notes = comment(
        "TPS/TVQ remitted to Revenu Québec each quarter (Q4 2025 is due in 2026),\n"
        "the owner's monthly draws, and balance assertions at the start of 2025."
    )
    return Section("Remittances, draws and balance checks", notes, tuple(demo.bank))


def time_section(demo: Demo) -> Section:
    """The time entries, a subsection per month."""
    notes = comment(
        'One `custom "time"` entry per piece of work: channel, duration, description,\n'
        "with optional activity: and who: (default: the owner). Durations use every\n"
        "form the plugin reads: hours (0.75, 1.25 H, 1 HOUR), minutes (45 MIN,\n"
        '90 MINUTES) and strings ("1h30", "45m", "1.5h", "1:15", "20m", ...).'
    )
    by_month: dict[str, list[Entry]] = defaultdict(list)
    for directive in demo.time_directives:
        by_month[f"{directive.day:%Y-%m}"].append(directive)
    return Section("Marketing time by month", notes, subsections=tuple(sorted(by_month.items())))


SECTIONS: tuple[Callable[[Demo], Section], ...] = (
    options_section,
    accounts_section,
    rates_section,
    budgets_section,
    contents_section,
    clients_section,
    income_section,
    marketing_section,
    expenses_section,
    bank_section,
    time_section,
)
"""The ledger's sections, in order."""
