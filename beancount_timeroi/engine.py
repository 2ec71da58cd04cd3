"""The engine: a loaded ledger and a period in, the period's lines out.

This is the one place figures come from; the plugin shares its reading of
the directives (``directives.read_ledger``), and the renderers and the Fava
page only present the ``Report`` that ``summary.summarise`` groups from the
lines. For the period [start, end] (inclusive), ``lines`` gives:

- one ``TimeLine`` per valued time entry (the engine values them itself, so
  it works with ``generate: false``);
- one ``PostingLine`` per income posting and per cash cost, with its channel
  and content shares (``postinglines``);
- the postings left out (no price), the commodities that are never money,
  and what the checks need (the movements of the time accounts, the
  period's income summed on its own).

What does not depend on the period or filters (the config, the time entries,
each client's first income, the sources) is read once per load into a
``LedgerIndex``; the Fava page keeps it for the life of a load.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from beancount_timeroi import summary
from beancount_timeroi.config import Config
from beancount_timeroi.directives import TimeLedger, read_ledger
from beancount_timeroi.errors import Msg, TimeRoiError, english_text, msg
from beancount_timeroi.ledger import Ledger, ledger_config, locate_plugin_line, sources
from beancount_timeroi.ledgerlines import (
    Location,
    NotMoney,
    PostingLine,
    ReportError,
    ShareLine,
    Source,
    TimeLine,
)
from beancount_timeroi.money import ZERO, wide
from beancount_timeroi.names import name_key
from beancount_timeroi.periods import default_period
from beancount_timeroi.postinglines import Movements, PostingReader
from beancount_timeroi.postings import INCOME, PostingKinds, Prices, currency_of
from beancount_timeroi.report import Period, Report
from beancount_timeroi.tally import Bucket, month_bucket
from beancount_timeroi.touches import TouchIndex, client_of
from beancount_timeroi.valuation import GENERATED, ValuedTime

# -- what is read once per load ------------------------------------------------


@dataclass
class LedgerIndex:
    """What the engine reads once per load of a ledger, whatever the period or filters."""

    ledger: Ledger
    config: Config | None
    errors: tuple[ReportError, ...]
    sources: tuple[Source, ...]
    default_period: Period | None
    dates: list[datetime.date] = field(default_factory=list)
    time: TimeLedger | None = None
    time_dates: list[datetime.date] = field(default_factory=list)
    kinds: PostingKinds | None = None
    prices: Prices | None = None
    first_income: dict[str, Location] = field(default_factory=dict)
    """Each client's first income transaction in the whole ledger (money only)."""
    touches: TouchIndex | None = None
    currency: str | None = None

    def location(self, meta: Mapping[str, Any] | None) -> Location:
        """Where a line of the ledger is: its file, relative to the top-level one."""
        meta = meta or {}
        filename = str(meta.get("filename") or "")
        return Location(self.ledger.relative(filename), int(meta.get("lineno") or 0))


def index_ledger(ledger: Ledger) -> LedgerIndex:
    """Read what every report of ``ledger`` shares: config, time entries, first incomes.

    When the plugin ran as Beancount loaded the ledger, its records and errors
    are used as they are; otherwise (the plugin line is missing) the
    directives are read here, and the report says the plugin is off.
    """
    run = ledger.run
    beancount_errors = [error for error in ledger.errors if not isinstance(error, TimeRoiError)]
    if run is not None:
        config, ours = (run.ledger.config if run.ledger else None), list(run.errors)
    else:
        loaded = ledger_config(ledger)
        config, ours = loaded.config, locate_plugin_line(loaded.errors)
    index = LedgerIndex(ledger, config, (), tuple(sources(ledger)), default_period(ledger.entries))
    if config is not None:
        time = run.reuse(ledger.entries) if run is not None else None
        if time is None:
            time = read_ledger(ledger.entries, ledger.options, config)
            if run is None:
                ours += time.errors
                if time.scan.times or time.scan.rates or time.scan.time_postings:
                    ours.append(_not_enabled(ledger))
        _index_income(index, config, time)
    errors = [_report_error(index, error, ours=False) for error in beancount_errors]
    errors += [_report_error(index, error, ours=True) for error in ours]
    # Beancount reports some errors in set order: sorted, a report is the same every run
    # (by their English, so that the order is the same in every language).
    index.errors = tuple(
        sorted(
            errors,
            key=lambda error: (
                error.location.file,
                error.location.line,
                english_text(error.message),
            ),
        )
    )
    return index


def time_records(ledger: Ledger) -> TimeLedger | None:
    """The ledger's time records, checked (None: its config has errors): those the
    plugin read as Beancount loaded these entries, else read here as a report would."""
    run = ledger.run
    reused = run.reuse(ledger.entries) if run is not None else None
    return reused or index_ledger(ledger).time


def _index_income(index: LedgerIndex, config: Config, time: TimeLedger) -> None:
    """The time entries' dates, and each client's first income (money only)."""
    ledger = index.ledger
    index.time = time
    index.time_dates = [item.entry.date for item in time.time]
    index.kinds = kinds = PostingKinds(ledger.options, config)
    index.dates = [entry.date for entry in ledger.entries]
    index.currency = time.currency
    attribution = config.attribution
    index.touches = TouchIndex(time.touches, attribution.half_life_days, attribution.window_days)
    money = index.prices = Prices(ledger.entries, ledger.options, time.currency)
    for entry in ledger.entries:
        if not isinstance(entry, data.Transaction) or GENERATED in entry.meta:
            continue
        income = [posting for posting in entry.postings if kinds.of(posting) == INCOME]
        if income and index.currency is None:  # no rate and no config: the first income's
            index.currency = money.currency = currency_of(income[0])
        if any(money.is_money(str(currency_of(posting))) for posting in income):
            client = client_of(entry)
            if client is not None:
                index.first_income.setdefault(name_key(client), index.location(entry.meta))


def _not_enabled(ledger: Ledger) -> TimeRoiError:
    top = ledger.relative(ledger.top)
    message = msg(
        "beancount_timeroi is not enabled in {file}: add 'plugin \"beancount_timeroi\"' next "
        "to its option lines (Beancount ignores a plugin line in an included file); until "
        "then the time entries are not valued in the books",
        file=top,
    )
    return TimeRoiError(data.new_metadata(ledger.top, 1), message, None)


def _report_error(index: LedgerIndex, error: Any, *, ours: bool) -> ReportError:
    source = getattr(error, "source", None) or {}
    message = error.message if isinstance(error.message, Msg) else str(error.message)
    return ReportError(index.location(source), message, ours)


# -- the lines of a period ---------------------------------------------------------------


@dataclass(frozen=True)
class Lines:
    """Everything a period's figures are made of: each a line of the ledger."""

    period: Period
    time: tuple[TimeLine, ...]
    income: tuple[PostingLine, ...]
    """Every income posting of the period, in ledger order; no shares: unattributed."""
    costs: tuple[PostingLine, ...]
    unconverted: tuple[PostingLine, ...]
    not_money: tuple[NotMoney, ...]
    errors: tuple[ReportError, ...]
    income_total: Decimal
    """The period's income postings, summed on their own (for ``revenue-reconciles``)."""
    moves: Mapping[str, Decimal]
    """How much each channel's time account and the offset account moved in the period."""
    foreign: frozenset[str]
    """Those of the accounts above with postings in another currency."""
    model_shares: Mapping[str, tuple[ShareLine, ...]] | None = None
    """Every income share under each attribution model, when they are compared."""

    @property
    def unattributed(self) -> Decimal:
        """The period's income that no channel got."""
        return sum((line.amount for line in self.income if not line.shares), ZERO)


def lines(
    index: LedgerIndex,
    period: Period,
    model: str,
    *,
    visible: Sequence[data.Directive] | None = None,
    compare_models: bool = False,
) -> Lines:
    """The lines of ``period``: one pass over its transactions, then its time entries.

    ``visible`` narrows what counts to a subset of the entries (Fava's
    filters): transactions outside it are left out, and a time entry counts
    when its generated transaction is in it.
    """
    assert index.config is not None and index.time is not None
    reader = PostingReader(index, model, compare_models)
    movements = Movements(index)
    visible_ids = {id(entry) for entry in visible} if visible is not None else None
    counted: set[tuple[str, int]] | None = (
        set() if visible_ids is not None and index.config.generate else None
    )
    entries = index.ledger.entries
    first = bisect.bisect_left(index.dates, period.start)
    last = bisect.bisect_right(index.dates, period.end)
    for position in range(first, last):
        entry = entries[position]
        if not isinstance(entry, data.Transaction):
            continue
        if visible_ids is not None and id(entry) not in visible_ids:
            continue
        movements.add(entry)
        if GENERATED in entry.meta:
            if counted is not None:
                counted.add((entry.meta["filename"], entry.meta["lineno"]))
            continue
        reader.transaction(entry)
    return Lines(
        period=period,
        time=tuple(_time_lines(index, period, counted)),
        income=tuple(reader.income),
        costs=tuple(reader.costs),
        unconverted=tuple(reader.unconverted),
        not_money=tuple(
            NotMoney(commodity, count, units)
            for commodity, (count, units) in sorted(reader.not_money.items())
        ),
        errors=tuple(reader.errors),
        income_total=reader.income_total,
        moves=dict(movements.moves),
        foreign=frozenset(movements.foreign),
        model_shares=(
            {name: tuple(shares) for name, shares in reader.model_shares.items()}
            if reader.model_shares is not None
            else None
        ),
    )


def _time_lines(
    index: LedgerIndex, period: Period, counted: set[tuple[str, int]] | None
) -> Iterable[TimeLine]:
    """The period's valued time entries (with filters: those whose transaction counts)."""
    assert index.time is not None
    schedule = index.time.schedule
    first = bisect.bisect_left(index.time_dates, period.start)
    last = bisect.bisect_right(index.time_dates, period.end)
    for item in index.time.time[first:last]:
        meta = item.entry.meta
        if counted is not None and (meta["filename"], meta["lineno"]) not in counted:
            continue
        yield _time_line(index, item, schedule.name(item.entry.person))


def _time_line(index: LedgerIndex, item: ValuedTime, person: str) -> TimeLine:
    entry = item.entry
    return TimeLine(
        entry.date,
        person,
        entry.channel,
        entry.activity,
        entry.description,
        entry.hours,
        item.rate.number,
        item.value,
        index.location(entry.meta),
        entry.content if isinstance(entry.content, str) else None,
    )


# -- the report ---------------------------------------------------------------


def build_report(
    ledger: Ledger,
    period: Period | None = None,
    *,
    visible: Sequence[data.Directive] | None = None,
    bucket: Bucket = month_bucket,
    index: LedgerIndex | None = None,
    model: str | None = None,
    compare_models: bool = False,
    compare: Period | None = None,
) -> Report:
    """The report of ``ledger`` for ``period`` (default: the whole ledger): its lines,
    grouped by ``summary.summarise``.

    ``visible`` narrows what counts (Fava's filters, see ``lines``); ``bucket``
    sets the intervals of ``Report.series`` (months by default; ``months`` are
    always months). ``index`` is the ledger's ``index_ledger``, when the caller
    keeps it. ``model`` replaces the config's attribution model for this
    report; ``compare_models`` adds every model's revenue per channel; ``compare``
    puts the figures of that period beside the report's (the same filters apply).
    """
    index = index or index_ledger(ledger)
    period = period or index.default_period
    if index.config is None or index.time is None or period is None:
        return summary.nothing(index, period)
    chosen = model or index.config.attribution.model
    with wide():
        found = lines(index, period, chosen, visible=visible, compare_models=compare_models)
        report = summary.summarise(index, found, chosen, bucket)
        if compare is not None:
            other = lines(index, compare, chosen, visible=visible)
            report = summary.compare(index, report, other)
        return report
