"""Ledger text: the Beancount lines every example scenario writes.

Frozen records (`Posting`, `Transaction`, `Directive`) that know how they are
written, builders for the directives beancount-timeroi reads (`time`,
`touch`, `hourly-rate`, `content`, `time-budget`) and the slugs of contents,
the money rounding, and the few random draws the scenarios share. Everything
here is pure: text in, text out.

Example, a time entry as both scenarios write it::

    2025-03-04 custom "time" "linkedin" 45 MIN "Replied to comments"
      activity: "engagement"
      who: "maude"
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, TypeVar

T = TypeVar("T")

CURRENCY = "CAD"
"""The currency both scenarios keep their books in."""
CENT = Decimal("0.01")
OWNER = "owner"
"""Whoever logs time without ``who:`` metadata."""
CONFIG_NAME = "timeroi.yaml"
"""The plugin's config file, next to the ledger that names it."""

Meta = tuple[tuple[str, str], ...]
"""Metadata as (key, text value) pairs, written in this order."""


class Books(NamedTuple):
    """A scenario's files: the ledger (its file name and text) and its ``timeroi.yaml``."""

    ledger_name: str
    ledger: str
    config: str


def quote(text: str) -> str:
    """A Beancount string literal (the examples' texts never need escaping)."""
    if '"' in text or "\\" in text:
        raise ValueError(f"text needs escaping: {text!r}")
    return f'"{text}"'


def money(value: Decimal) -> Decimal:
    """``value`` to the cent, halves away from zero: the project's one rounding rule,
    done here on its own so that tests can hold the plugin to it."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def aligned(left: str, right: str, width: int) -> str:
    """``left``, then ``right`` ending at ``width`` characters, two spaces apart at least."""
    gap = max(2, width - len(left) - len(right))
    return f"{left}{' ' * gap}{right}"


def meta_lines(meta: Meta, indent: int) -> list[str]:
    """Metadata lines under an entry (indent 2) or a posting (indent 4)."""
    return [f"{' ' * indent}{key}: {quote(value)}" for key, value in meta]


def comment(text: str) -> str:
    """Text as ``;`` comment lines (an empty line stays a bare ``;``)."""
    return "\n".join(f"; {line}".rstrip() for line in text.strip("\n").splitlines())


def option(name: str, value: str) -> str:
    """An ``option`` line."""
    return f"option {quote(name)} {quote(value)}"


PLUGIN = f'plugin "beancount_timeroi" {quote(CONFIG_NAME)}'
"""The line that turns the plugin on, with its config file."""


@dataclass(frozen=True)
class Posting:
    """One leg of a transaction; with no amount, Beancount infers it."""

    account: str
    amount: Decimal | None = None
    currency: str = CURRENCY
    meta: Meta = ()

    def lines(self, column: int = 0) -> list[str]:
        """The posting and its metadata; ``column`` > 0 ends the amount at that column."""
        if self.amount is None:
            head = f"  {self.account}"
        else:
            head = "  " + aligned(self.account, f"{self.amount:.2f}", column - 2)
            head += f" {self.currency}"
        return [head, *meta_lines(self.meta, 4)]


@dataclass(frozen=True)
class Transaction:
    """A cleared (``*``) transaction; when every amount is written it must balance."""

    day: date
    payee: str | None
    narration: str
    postings: tuple[Posting, ...]
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    meta: Meta = ()

    def render(self, column: int = 0) -> str:
        """The transaction's text, amounts ending at ``column`` (0: two spaces after accounts)."""
        amounts = [posting.amount for posting in self.postings]
        if None not in amounts and sum(a for a in amounts if a is not None) != 0:
            raise ValueError(f"unbalanced transaction on {self.day}: {self.narration}")
        strings = [quote(self.payee)] if self.payee is not None else []
        strings.append(quote(self.narration))
        strings += [f"#{tag}" for tag in self.tags] + [f"^{link}" for link in self.links]
        lines = [f"{self.day} * {' '.join(strings)}", *meta_lines(self.meta, 2)]
        for posting in self.postings:
            lines += posting.lines(column)
        return "\n".join(lines)


@dataclass(frozen=True)
class Directive:
    """Any dated entry that is not a transaction: open, price, balance, custom."""

    day: date
    body: str
    meta: Meta = ()
    comment: str | None = None

    def render(self) -> str:
        """The directive's line (with its comment) and its metadata."""
        line = f"{self.day} {self.body}"
        if self.comment:
            line += f"  ; {self.comment}"
        return "\n".join([line, *meta_lines(self.meta, 2)])


Entry = Transaction | Directive


def render_entries(entries: Iterable[Entry], column: int = 0) -> str:
    """Entries separated by blank lines, except that directives of the same day,
    or one-line directives, stay together."""
    text = ""
    previous: Entry | None = None
    for entry in entries:
        if previous is not None:
            together = (
                isinstance(entry, Directive)
                and isinstance(previous, Directive)
                and (entry.day == previous.day or not (entry.meta or previous.meta))
            )
            text += "\n" if together else "\n\n"
        text += entry.render(column) if isinstance(entry, Transaction) else entry.render()
        previous = entry
    return text


# -- the directives beancount-timeroi reads -------------------------------------------------


def time_entry(
    day: date, channel: str, duration: str, description: str | None, meta: Meta = ()
) -> Directive:
    """A ``custom "time"`` entry: channel, duration as written, optional description."""
    values = [quote(channel), duration]
    if description is not None:
        values.append(quote(description))
    return Directive(day, f'custom "time" {" ".join(values)}', meta)


def time_meta(activity: str | None, who: str, content: str | None = None) -> Meta:
    """A time entry's ``activity:`` (when known), ``who:`` (unless the owner) and
    ``content:`` (when the hours went into a piece of content)."""
    meta: list[tuple[str, str]] = []
    if activity:
        meta.append(("activity", activity))
    if who != OWNER:
        meta.append(("who", who))
    return (*meta, *content_meta(content))


def content_meta(content: str | None) -> Meta:
    """``content:`` metadata naming a piece of content, or none."""
    return (("content", content),) if content else ()


def hourly_rate(day: date, per_hour: Decimal, who: str) -> Directive:
    """A ``custom "hourly-rate"`` directive (no person named for the owner)."""
    person = "" if who == OWNER else f" {quote(who)}"
    return Directive(day, f'custom "hourly-rate" {per_hour:.2f} {CURRENCY}{person}')


def touch(
    day: date, client: str, channel: str, note: str | None = None, content: str | None = None
) -> Directive:
    """A ``custom "touch"``: the day a client met a channel (through a piece of content)."""
    body = f'custom "touch" {quote(client)} {quote(channel)}'
    return Directive(day, body, content_meta(content), comment=note)


SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A content's (or a channel's) slug, as SPEC 2.5 and 13 define it."""


def slug(title: str) -> str:
    """A title as a web address's last part would spell it: accents dropped, apostrophes
    removed, every other run of punctuation and spaces one hyphen, lower case
    (``"L'accessibilité des PDF"`` -> ``laccessibilite-des-pdf``)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", ""))
    text = words.strip("-")
    if not SLUG.fullmatch(text):
        raise ValueError(f"no slug can be made from {title!r}")
    return text


def content(day: date, name: str, channel: str, title: str, url: str | None = None) -> Directive:
    """A ``custom "content"`` declaration: a piece published on a channel on ``day``."""
    body = f'custom "content" {quote(name)} {quote(channel)} {quote(title)}'
    return Directive(day, body, (("url", url),) if url else ())


ALL_CHANNELS = "*"
"""The channel of a time budget that holds for every channel together."""
BUDGET_PERIODS = ("daily", "weekly", "monthly", "quarterly", "yearly")
"""The periods a time budget can be set for (SPEC 14)."""


def time_budget(
    day: date, channel: str, amount: Decimal, period: str, currency: str | None = None
) -> Directive:
    """A ``custom "time-budget"`` (SPEC 14): the hours a channel (`ALL_CHANNELS`: every
    channel together) may take per period, or with ``currency`` the money (time cost and
    cash cost); an amount of 0 ends the channel's budget of that kind."""
    if period not in BUDGET_PERIODS or amount < 0:
        raise ValueError(f"not a time budget: {amount} {period!r}")
    value = f"{amount:f}" if currency is None else f"{amount:.2f} {currency}"
    return Directive(day, f'custom "time-budget" {quote(channel)} {value} {quote(period)}')


def open_account(day: date, account: str, currency: str | None = None) -> Directive:
    """An ``open`` directive, constrained to one currency or not."""
    return Directive(day, f"open {account}" + (f" {currency}" if currency else ""))


def fava_extension(day: date) -> Directive:
    """The directive that shows the Social-media ROI page in Fava."""
    return Directive(day, 'custom "fava-extension" "beancount_timeroi.fava"')


# -- random draws ---------------------------------------------------------------------------


def weighted(rng: random.Random, options: Sequence[T], weights: Sequence[int]) -> T:
    """One of ``options``, drawn in proportion to ``weights``."""
    return rng.choices(options, weights)[0]


def cents(rng: random.Random, low: int, high: int, step: int = 1) -> Decimal:
    """An amount drawn in cents, from ``low`` up to (not including) ``high``."""
    return Decimal(rng.randrange(low, high, step)) / 100


def days_after(rng: random.Random, day: date, low: int, high: int) -> date:
    """A day from ``low`` up to (not including) ``high`` days after ``day``."""
    return day + timedelta(days=rng.randrange(low, high))
