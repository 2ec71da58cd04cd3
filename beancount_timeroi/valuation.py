"""Valuing time entries, and the transactions the plugin writes for them.

value = exact hours x rate, rounded to the cent (ROUND_HALF_UP) per entry.
For a time entry the plugin writes::

    2025-03-02 * "LinkedIn" "Replied to comments" #timeroi #linkedin
      channel: "linkedin"
      hours: 1.5
      rate: 85.00 CAD
      who: "owner"
      activity: "engagement"
      Expenses:Marketing:Time:LinkedIn   127.50 CAD
      Income:Imputed:Time               -127.50 CAD

with the time entry's ``filename`` and ``lineno``, so every link lands on the
line the user wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

from beancount_timeroi.channels import ChannelRegistry
from beancount_timeroi.config import Config
from beancount_timeroi.errors import TimeRoiError, error_at
from beancount_timeroi.money import plain, product_cents, quantize
from beancount_timeroi.rates import Rate, RateSchedule
from beancount_timeroi.timelog import TimeEntry

GENERATED = "__timeroi__"
"""Hidden metadata key on every entry the plugin writes (Beancount and Fava hide ``__`` keys)."""


class ValuedTime(NamedTuple):
    """A time entry with the rate it was valued at and its value in cents."""

    entry: TimeEntry
    rate: Rate
    value: Decimal

    @property
    def hours(self) -> Fraction:
        return self.entry.hours


def value_entries(
    entries: Iterable[TimeEntry], schedule: RateSchedule
) -> tuple[list[ValuedTime], list[TimeRoiError]]:
    """Each time entry valued at its person's rate on its date."""
    valued: list[ValuedTime] = []
    errors: list[TimeRoiError] = []
    values: dict[tuple[int, int, Decimal], Decimal] = {}  # the same durations at the same rates
    for entry in entries:
        rate = schedule.rate_for(entry.person, entry.date)
        if rate is None:
            errors.append(
                error_at(
                    entry.meta, schedule.missing_message(entry.person, entry.date), entry.entry
                )
            )
            continue
        hours = entry.hours
        key = (hours.numerator, hours.denominator, rate.number)
        value = values.get(key)
        if value is None:
            value = values[key] = product_cents(hours, rate.number)
        valued.append(ValuedTime(entry, rate, value))
    return valued, errors


def hours_meta(hours: Fraction) -> Decimal:
    """The ``hours:`` metadata: the hours rounded to 4 decimals (1.5, 0.3333)."""
    return plain(quantize(hours, 4))


def transactions(
    valued: Sequence[ValuedTime],
    channels: ChannelRegistry,
    config: Config,
    schedule: RateSchedule,
    opened: set[str],
) -> list[data.Directive]:
    """The balanced transactions for ``valued``, and an ``Open`` for each
    generated account not in ``opened``, dated at its first use."""
    generated: list[data.Directive] = []
    first_use: dict[str, TimeEntry] = {}
    tags = {slug: frozenset({config.tag, slug}) for slug in channels.channels}
    no_links: frozenset[str] = frozenset()
    shown: dict[tuple[int, int], Decimal] = {}  # hours as shown, per distinct duration
    amounts: dict[tuple[Decimal, str], tuple[Amount, Amount]] = {}  # immutable: shared
    for item in valued:
        entry = item.entry
        channel = channels[entry.channel]
        key = (entry.hours.numerator, entry.hours.denominator)
        hours = shown.get(key)
        if hours is None:
            hours = shown[key] = hours_meta(entry.hours)
        meta = _meta(item, channel.slug, hours, schedule.name(entry.person))
        currency = item.rate.amount.currency
        pair = amounts.get((item.value, currency))
        if pair is None:
            pair = amounts[(item.value, currency)] = (
                Amount(item.value, currency),
                Amount(-item.value, currency),
            )
        postings = [
            data.Posting(channel.account, pair[0], None, None, None, None),
            data.Posting(config.offset_account, pair[1], None, None, None, None),
        ]
        generated.append(
            data.Transaction(
                meta,
                entry.date,
                "*",
                channel.name,
                entry.description or "time",
                tags[channel.slug],
                no_links,
                postings,
            )
        )
        for account in (channel.account, config.offset_account):
            previous = first_use.get(account)
            if previous is None or entry.date < previous.date:
                first_use[account] = entry
    generated.extend(_opens(first_use, opened))
    return generated


def _meta(item: ValuedTime, channel: str, hours: Decimal, who: str) -> data.Meta:
    """A generated transaction's metadata: where the time entry is, and what it says."""
    entry = item.entry
    meta: data.Meta = {
        "filename": entry.meta["filename"],
        "lineno": entry.meta["lineno"],
        "channel": channel,
        "hours": hours,
        "rate": item.rate.amount,
        "who": who,
    }
    if entry.activity is not None:
        meta["activity"] = entry.activity
    if entry.content is not None:
        meta["content"] = entry.content
    meta[GENERATED] = True
    return meta


def _opens(first_use: dict[str, TimeEntry], opened: set[str]) -> list[data.Directive]:
    """An ``Open`` for each generated account not opened, dated at its first use."""
    result: list[data.Directive] = []
    for account, entry in sorted(first_use.items()):
        if account not in opened:
            meta = data.new_metadata(
                entry.meta["filename"], entry.meta["lineno"], {GENERATED: True}
            )
            result.append(data.Open(meta, entry.date, account, None, None))  # type: ignore[arg-type]
    return result
