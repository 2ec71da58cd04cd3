"""Reading the ledger's timeroi directives into checked, valued records.

One pass over the entries finds the ``time``, ``hourly-rate`` and ``touch``
directives and the ``channel:`` metadata; then the channels, the rate
schedule, the valued time entries and the touches are built from them, with
one error per bad directive. The plugin writes transactions from the result;
the engine reports from it. Both read the ledger the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from beancount.core import data

from beancount_timeroi.attribution import TOUCH_USAGE, Touch, parse_touch
from beancount_timeroi.channels import ChannelError, ChannelRegistry, build_registry, split_spec
from beancount_timeroi.config import Config
from beancount_timeroi.errors import TimeRoiError, error_at
from beancount_timeroi.i18n import _
from beancount_timeroi.rates import RATE_USAGE, RateSchedule, build_schedule, report_currency
from beancount_timeroi.timelog import TIME_USAGE, TimeEntry, TimeReader, daily_limit
from beancount_timeroi.valuation import GENERATED, ValuedTime, value_entries

TIME = "time"
RATE = "hourly-rate"
TOUCH = "touch"
USAGE = {TIME: TIME_USAGE, RATE: RATE_USAGE, TOUCH: TOUCH_USAGE}
"""The plugin's own directive types, and how each is written."""


@dataclass
class Scan:
    """What one pass over the entries found."""

    times: list[data.Custom] = field(default_factory=list)
    rates: list[data.Custom] = field(default_factory=list)
    touches: list[data.Custom] = field(default_factory=list)
    with_channel: list[data.Transaction] = field(default_factory=list)
    opened: set[str] = field(default_factory=set)
    valued_sources: set[tuple[str, int]] = field(default_factory=set)

    def channel_refs(self) -> Iterator[tuple[str, data.Meta]]:
        """Every channel name the ledger uses, with where it is used."""
        for entry in self.times:
            if entry.values and isinstance(entry.values[0].value, str):
                yield entry.values[0].value, entry.meta
        for entry in self.touches:
            if entry.values and len(entry.values) > 1 and isinstance(entry.values[1].value, str):
                yield entry.values[1].value, entry.meta
        for txn in self.with_channel:
            for meta in _channel_metas(txn):
                try:
                    for name, _weight in split_spec(meta["channel"]):
                        yield name, meta
                except ChannelError:
                    continue


def scan(entries: Sequence[data.Directive]) -> Scan:
    """Sort out the entries the plugin reads, in one pass."""
    found = Scan()
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
        elif isinstance(entry, data.Transaction):
            if GENERATED in entry.meta:
                found.valued_sources.add((entry.meta["filename"], entry.meta["lineno"]))
            elif "channel" in entry.meta:
                found.with_channel.append(entry)
            else:
                for posting in entry.postings:
                    if posting.meta and "channel" in posting.meta:
                        found.with_channel.append(entry)
                        break
        elif isinstance(entry, data.Open):
            found.opened.add(entry.account)
    return found


def _channel_metas(txn: data.Transaction) -> Iterator[data.Meta]:
    if "channel" in txn.meta:
        yield txn.meta
    for posting in txn.postings:
        if posting.meta and "channel" in posting.meta:
            yield posting.meta


@dataclass
class TimeLedger:
    """The ledger's timeroi records, checked."""

    config: Config
    currency: str | None
    channels: ChannelRegistry
    schedule: RateSchedule
    time: list[ValuedTime]
    touches: list[Touch]
    errors: list[TimeRoiError]
    scan: Scan


def read_ledger(
    entries: Sequence[data.Directive], options_map: Mapping[str, Any], config: Config
) -> TimeLedger:
    """Parse, check and value the ledger's timeroi directives."""
    found = scan(entries)
    errors: list[TimeRoiError] = []
    channels, channel_errors = build_registry(config, found.channel_refs())
    errors.extend(channel_errors)
    currency = report_currency(config, options_map, found.rates)
    schedule, rate_errors = build_schedule(config, found.rates, currency)
    errors.extend(rate_errors)

    parsed: list[TimeEntry] = []
    reader = TimeReader(channels, config.time_units)
    for entry in found.times:
        result = reader.read(entry)
        if isinstance(result, TimeEntry):
            parsed.append(result)
        else:
            errors.append(result)
    within_day, day_errors = daily_limit(parsed)
    errors.extend(day_errors)
    valued: list[ValuedTime] = []
    if currency is not None or not config.rates:  # else: one error already asks for a currency
        valued, value_errors = value_entries(within_day, schedule)
        errors.extend(value_errors)

    touches: list[Touch] = []
    for entry in found.touches:
        touch = parse_touch(entry, channels)
        if isinstance(touch, Touch):
            touches.append(touch)
        else:
            errors.append(touch)

    for txn in found.with_channel:
        for meta in _channel_metas(txn):
            try:
                channels.parse_spec(meta["channel"])
            except ChannelError as exc:
                errors.append(error_at(meta, _("channel: {problem}").format(problem=exc), txn))

    return TimeLedger(config, currency, channels, schedule, valued, touches, sort_errors(errors),
                      found)


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

    def reuse(self, entries: Sequence[data.Directive]) -> TimeLedger | None:
        """The plugin's records, if ``entries`` hold exactly the directives it read."""
        if self.ledger is None:
            return None
        found = self.ledger.scan
        times: list[data.Custom] = []
        rates: list[data.Custom] = []
        touches: list[data.Custom] = []
        kinds = {TIME: times, RATE: rates, TOUCH: touches}
        for entry in entries:
            if isinstance(entry, data.Custom) and entry.values and entry.type in kinds:
                kinds[entry.type].append(entry)
        same = all(len(mine) == len(theirs)
                   and all(a is b for a, b in zip(mine, theirs, strict=True))
                   for mine, theirs in ((times, found.times), (rates, found.rates),
                                        (touches, found.touches)))
        return self.ledger if same else None


def sort_errors(errors: list[TimeRoiError]) -> list[TimeRoiError]:
    """``errors`` by file and line, in a stable order."""
    return sorted(errors, key=lambda error: (str(error.source.get("filename", "")),
                                             int(error.source.get("lineno") or 0)))
