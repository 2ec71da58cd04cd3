"""Reading the ledger's timeroi directives into checked, valued records.

One pass over the entries finds the ``time``, ``hourly-rate``, ``touch``,
``content`` and ``time-budget`` directives and the ``channel:`` and ``content:`` metadata; then
the channels, the rate schedule, the contents, the budgets, the valued time
entries and the touches are built from them, with one error per bad directive. The
plugin writes transactions from the result; the engine reports from it. Both
read the ledger the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from beancount.core import data

from beancount_timeroi.budgets import BUDGET_USAGE, BudgetSchedule, parse_budgets
from beancount_timeroi.channels import ChannelRegistry, build_registry, split_spec
from beancount_timeroi.config import Config
from beancount_timeroi.contents import CONTENT_USAGE, ContentRegistry, parse_contents
from beancount_timeroi.errors import TimeRoiError, error_at, msg
from beancount_timeroi.names import under
from beancount_timeroi.rates import RATE_USAGE, RateSchedule, build_schedule, report_currency
from beancount_timeroi.timelog import (
    TIME_USAGE,
    TimeEntry,
    TimeReader,
    daily_limit,
    parse_time_posting,
)
from beancount_timeroi.touches import TOUCH_USAGE, Touch, parse_touch
from beancount_timeroi.valuation import GENERATED, ValuedTime, value_entries

TIME = "time"
RATE = "hourly-rate"
TOUCH = "touch"
CONTENT = "content"
BUDGET = "time-budget"
USAGE = {
    TIME: TIME_USAGE,
    RATE: RATE_USAGE,
    TOUCH: TOUCH_USAGE,
    CONTENT: CONTENT_USAGE,
    BUDGET: BUDGET_USAGE,
}
"""The plugin's own directive types, and how each is written."""


@dataclass
class Scan:
    """What one pass over the entries found."""

    times: list[data.Custom] = field(default_factory=list)
    rates: list[data.Custom] = field(default_factory=list)
    touches: list[data.Custom] = field(default_factory=list)
    contents: list[data.Custom] = field(default_factory=list)
    budgets: list[data.Custom] = field(default_factory=list)
    with_channel: list[data.Transaction] = field(default_factory=list)
    with_content: list[data.Transaction] = field(default_factory=list)
    time_postings: list[tuple[data.Transaction, data.Posting]] = field(default_factory=list)
    time_units: frozenset[str] = frozenset()
    expenses_root: str = "Expenses"
    income_root: str = "Income"
    opened: set[str] = field(default_factory=set)
    valued_sources: set[tuple[str, int]] = field(default_factory=set)

    def channel_refs(self) -> Iterator[tuple[str, data.Meta]]:
        """Every channel name the ledger uses, with where it is used: in time entries,
        touches and ``channel:`` values (without a ``channels:`` config, these are the
        channels; a budget or a content declaration names one of them)."""
        for entry in self.times:
            if entry.values and isinstance(entry.values[0].value, str):
                yield entry.values[0].value, entry.meta
        for entry in self.touches:
            if entry.values and len(entry.values) > 1 and isinstance(entry.values[1].value, str):
                yield entry.values[1].value, entry.meta
        for txn in self.with_channel:
            for meta in _metas(txn, "channel"):
                value = meta["channel"]
                if isinstance(value, str):
                    for name, _weight in split_spec(value)[0]:
                        yield name, meta

    def content_refs(self) -> Iterator[tuple[data.Meta, data.Directive]]:
        """Every ``content:`` value the ledger writes: where it is, and its entry."""
        for entry in (*self.times, *self.touches):
            if "content" in entry.meta:
                yield entry.meta, entry
        for txn in self.with_content:
            for meta in _metas(txn, "content"):
                yield meta, txn


def scan(
    entries: Sequence[data.Directive],
    time_units: Iterable[str] = (),
    expenses_root: str = "Expenses",
    income_root: str = "Income",
) -> Scan:
    """Sort out the entries the plugin reads, in one pass.

    Postings of time are positive postings in ``time_units`` to an account
    under ``expenses_root`` (SPEC 8). ``content:`` is read on transactions with
    income or expenses (a transfer's ``content:`` is someone else's).
    """
    units = frozenset(time_units)
    found = Scan(time_units=units, expenses_root=expenses_root, income_root=income_root)
    roots = (expenses_root, income_root)
    for entry in entries:
        if isinstance(entry, data.Custom):
            if not entry.values:
                continue  # reported as incomplete when its values were filled in
            if entry.type == TIME:
                found.times.append(entry)
            elif entry.type == RATE:
                found.rates.append(entry)
            elif entry.type == TOUCH:
                found.touches.append(entry)
            elif entry.type == CONTENT:
                found.contents.append(entry)
            elif entry.type == BUDGET:
                found.budgets.append(entry)
        elif isinstance(entry, data.Transaction):
            if GENERATED in entry.meta:
                found.valued_sources.add((entry.meta["filename"], entry.meta["lineno"]))
                continue
            channel_meta = "channel" in entry.meta
            content_meta = "content" in entry.meta
            for posting in entry.postings:
                if posting.meta:
                    channel_meta = channel_meta or "channel" in posting.meta
                    content_meta = content_meta or "content" in posting.meta
                if (
                    posting.units is not None
                    and posting.units.currency in units
                    and (is_time_posting(posting, expenses_root))
                ):
                    found.time_postings.append((entry, posting))
            if channel_meta:
                found.with_channel.append(entry)
            if content_meta and any(
                under(posting.account, root) for posting in entry.postings for root in roots
            ):
                found.with_content.append(entry)
        elif isinstance(entry, data.Open):
            found.opened.add(entry.account)
    return found


def is_time_posting(posting: data.Posting, expenses_root: str) -> bool:
    """A positive amount (in a time unit) on an account under the expenses root."""
    number = posting.units.number if posting.units is not None else None
    return number is not None and number > 0 and under(posting.account, expenses_root)


def _metas(txn: data.Transaction, key: str) -> Iterator[data.Meta]:
    """The transaction's and its postings' metadata that have ``key``."""
    if key in txn.meta:
        yield txn.meta
    for posting in txn.postings:
        if posting.meta and key in posting.meta:
            yield posting.meta


@dataclass
class TimeLedger:
    """The ledger's timeroi records, checked."""

    config: Config
    currency: str | None
    channels: ChannelRegistry
    schedule: RateSchedule
    contents: ContentRegistry
    budgets: BudgetSchedule
    time: list[ValuedTime]
    touches: list[Touch]
    errors: list[TimeRoiError]
    scan: Scan


def read_ledger(
    entries: Sequence[data.Directive], options_map: Mapping[str, Any], config: Config
) -> TimeLedger:
    """Parse, check and value the ledger's timeroi directives."""
    expenses_root = options_map.get("name_expenses", "Expenses")
    income_root = options_map.get("name_income", "Income")
    found = scan(entries, config.time_units, expenses_root, income_root)
    errors: list[TimeRoiError] = []
    channels, channel_errors = build_registry(config, found.channel_refs())
    errors.extend(channel_errors)
    currency = report_currency(config, options_map, found.rates)
    schedule, rate_errors = build_schedule(config, found.rates, currency)
    errors.extend(rate_errors)
    contents, content_errors = parse_contents(found.contents, channels)
    errors.extend(content_errors)
    budgets, budget_errors = parse_budgets(found.budgets, channels, currency, config.time_units)
    errors.extend(budget_errors)
    errors += _metadata_errors(found, channels, contents)
    valued, time_errors = _time(found, channels, contents, schedule, config, currency)
    errors += time_errors
    touches: list[Touch] = []
    for entry in found.touches:
        touch, touch_errors = parse_touch(entry, channels)
        errors += touch_errors
        if touch is not None:
            if "content" in entry.meta:
                touch = touch._replace(content=contents.lookup(entry.meta["content"])[0])
            touches.append(touch)

    return TimeLedger(
        config,
        currency,
        channels,
        schedule,
        contents,
        budgets,
        valued,
        touches,
        sort_errors(errors),
        found,
    )


def _metadata_errors(
    found: Scan, channels: ChannelRegistry, contents: ContentRegistry
) -> list[TimeRoiError]:
    """An error for each ``content:`` and ``channel:`` value that names none."""
    errors: list[TimeRoiError] = []
    for meta, owner in found.content_refs():
        _slug, problems = contents.lookup(meta["content"])
        errors += [
            error_at(meta, msg("content: {problem}", problem=problem), owner)
            for problem in problems
        ]
    for txn in found.with_channel:
        for meta in _metas(txn, "channel"):
            _shares, problems = channels.parse_spec(meta["channel"])
            errors += [
                error_at(meta, msg("channel: {problem}", problem=problem), txn)
                for problem in problems
            ]
    return errors


def _time(
    found: Scan,
    channels: ChannelRegistry,
    contents: ContentRegistry,
    schedule: RateSchedule,
    config: Config,
    currency: str | None,
) -> tuple[list[ValuedTime], list[TimeRoiError]]:
    """The time entries of both forms, checked and valued, and their errors."""
    errors: list[TimeRoiError] = []
    parsed: list[TimeEntry] = []
    reader = TimeReader(channels, config.time_units)
    for entry in found.times:
        read, read_errors = reader.read(entry)
        errors += read_errors
        if read is not None:
            parsed.append(_with_content(read, contents))
    for txn, posting in found.time_postings:
        read, read_errors = parse_time_posting(txn, posting, channels, config.time_units)
        errors += read_errors
        if read is not None:
            parsed.append(_with_content(read, contents))
    # Both forms in the order Beancount sorts their entries: by date, then line.
    parsed.sort(key=lambda entry: (entry.date, entry.entry.meta.get("lineno", 0)))
    within_day, day_errors = daily_limit(parsed)
    errors.extend(day_errors)
    valued: list[ValuedTime] = []
    if currency is not None or not config.rates:  # else: one error already asks for a currency
        valued, value_errors = value_entries(within_day, schedule)
        errors.extend(value_errors)
    return valued, errors


def _with_content(entry: TimeEntry, contents: ContentRegistry) -> TimeEntry:
    """The time entry with its content checked (None when it names none that is valid:
    the error is already reported, and the hours still count)."""
    if entry.content is None:
        return entry
    return entry._replace(content=contents.lookup(entry.content)[0])


RUN_MARK = "__timeroi__"
"""Key of the plugin's ``PluginRun`` in the options map."""


@dataclass
class PluginRun:
    """What the plugin leaves in the options map.

    Its config string, so a second listing of the plugin does nothing, and the
    records it read, so the report need not read the same directives again
    (``reuse`` checks they belong to the entries it is given).
    """

    config_str: str | None
    ledger: TimeLedger | None = None
    language: str = "en"
    errors: list[TimeRoiError] = field(default_factory=list)
    """Every error of the plugin's run, untranslated (the report translates them its way)."""

    def reuse(self, entries: Sequence[data.Directive]) -> TimeLedger | None:
        """The plugin's records, if ``entries`` hold exactly the directives it read."""
        if self.ledger is None:
            return None
        read = self.ledger.scan
        now = scan(entries, read.time_units, read.expenses_root, read.income_root)
        same = all(
            len(mine) == len(theirs) and all(_same(a, b) for a, b in zip(mine, theirs, strict=True))
            for mine, theirs in (
                (now.times, read.times),
                (now.rates, read.rates),
                (now.touches, read.touches),
                (now.contents, read.contents),
                (now.budgets, read.budgets),
                (now.time_postings, read.time_postings),
            )
        )
        return self.ledger if same else None


def _same(mine: object, theirs: object) -> bool:
    """The same objects: a directive, or a (transaction, posting) pair."""
    if isinstance(mine, tuple) and isinstance(theirs, tuple):
        return all(a is b for a, b in zip(mine, theirs, strict=True))
    return mine is theirs


def sort_errors(errors: list[TimeRoiError]) -> list[TimeRoiError]:
    """``errors`` by file and line, in a stable order."""
    return sorted(
        errors,
        key=lambda error: (
            str(error.source.get("filename", "")),
            int(error.source.get("lineno") or 0),
        ),
    )
