"""The engine: a loaded ledger and a period in, the period's lines out.

This is the one place figures come from; the plugin shares its reading of
the directives (``directives.read_ledger``), and the renderers and the Fava
page only present the ``Report`` that ``summary.summarise`` groups from the
lines. For the period [start, end] (inclusive), ``lines`` gives:

- one ``TimeLine`` per valued time entry (the engine values them itself, so
  it works with ``generate: false``);
- one ``PostingLine`` per income posting, its channel shares from the first
  rule that applies (posting ``channel:``, transaction ``channel:``, channel
  tags, the client's touches, else none: unattributed), converted to the
  report currency with the posting's price or the ledger's, rounded to the
  cent per posting, split by largest remainder; and one per cash cost
  (rules 1-3);
- the postings left out (no price), the commodities that are never money,
  and what the checks need (the movements of the time accounts, the
  period's income summed on its own).

What does not depend on the period or filters (the config, the time entries,
each client's first income, the sources) is read once per load into a
``LedgerIndex``; the Fava page keeps it for the life of a load.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from beancount_timeroi import summary
from beancount_timeroi.attribution import attribute, shares, touch_weights
from beancount_timeroi.config import ATTRIBUTION_MODELS, Config
from beancount_timeroi.directives import TimeLedger, read_ledger
from beancount_timeroi.errors import Msg, TimeRoiError, english_text, msg
from beancount_timeroi.ledger import Ledger, ledger_config, locate_plugin_line, sources
from beancount_timeroi.money import wide
from beancount_timeroi.names import name_key
from beancount_timeroi.postings import EXPENSE, INCOME, PostingKinds, Prices
from beancount_timeroi.report import (
    ZERO,
    Location,
    NotMoney,
    Period,
    PostingLine,
    Report,
    ReportError,
    ShareLine,
    Source,
    TimeLine,
)
from beancount_timeroi.touches import TouchIndex, client_of
from beancount_timeroi.valuation import GENERATED, ValuedTime


def default_period(entries: Iterable[data.Directive]) -> Period | None:
    """From the first to the last date of a time entry or transaction."""
    dates = [
        entry.date
        for entry in entries
        if isinstance(entry, data.Transaction)
        or (isinstance(entry, data.Custom) and entry.type == "time")
    ]
    return Period(min(dates), max(dates)) if dates else None


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


COMPARE_USAGE = "previous, last-year, 2024, 2024-03 or 2024-01-01..2024-03-31"
"""The periods ``--compare`` takes (SPEC 14)."""


def compared_period(spec: str, period: Period) -> Period | None:
    """The period ``spec`` names beside ``period``: ``previous`` (as many days just
    before), ``last-year`` (the same dates a year earlier; February 29 is the 28th), a
    year, a month, or ``FROM..TO``; None when ``spec`` is none of them."""
    spec = spec.strip()
    try:
        if spec == "previous":
            days = period.end - period.start + datetime.timedelta(days=1)
            return Period(period.start - days, period.start - datetime.timedelta(days=1))
        if spec == "last-year":
            return Period(_year_before(period.start), _year_before(period.end))
        if ".." in spec:
            first, _sep, last = spec.partition("..")
            found = Period(
                datetime.date.fromisoformat(first.strip()),
                datetime.date.fromisoformat(last.strip()),
            )
            return found if found.start <= found.end else None
        if len(spec) == 4 and spec.isdigit():
            return year_period(int(spec))
        if len(spec) == 7 and spec[4] == "-" and spec[:4].isdigit() and spec[5:].isdigit():
            year, month = int(spec[:4]), int(spec[5:])
            final = calendar.monthrange(year, month)[1]
            return Period(datetime.date(year, month, 1), datetime.date(year, month, final))
    except (ValueError, OverflowError, calendar.IllegalMonthError):
        return None  # no such date: before year 1 or after 9999, month 13...
    return None


def _year_before(day: datetime.date) -> datetime.date:
    if day.month == 2 and day.day == 29:
        return datetime.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


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


def _index_income(index: LedgerIndex, config: Config, time: TimeLedger) -> None:
    """The time entries' dates, and each client's first income (money only)."""
    ledger = index.ledger
    index.time = time
    index.time_dates = [item.entry.date for item in time.time]
    index.kinds = kinds = PostingKinds(ledger.options, config)
    index.dates = [entry.date for entry in ledger.entries]
    index.currency = time.currency
    money = index.prices = Prices(ledger.entries, ledger.options, time.currency)
    for entry in ledger.entries:
        if not isinstance(entry, data.Transaction) or GENERATED in entry.meta:
            continue
        income = [posting for posting in entry.postings if kinds.of(posting) == INCOME]
        if income and index.currency is None:  # no rate and no config: the first income's
            index.currency = money.currency = _currency(income[0])
        if any(money.is_money(str(_currency(posting))) for posting in income):
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
    reader = _Pass(index, model, compare_models)
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
        reader.movements(entry)
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
        moves=dict(reader.moves),
        foreign=frozenset(reader.foreign),
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


class _Pass:
    """The transactions of a period, read one by one into posting lines."""

    def __init__(self, index: LedgerIndex, model: str, compare_models: bool) -> None:
        assert index.config is not None and index.time is not None
        assert index.kinds is not None and index.prices is not None
        self.index = index
        self.kinds = index.kinds
        self.prices = index.prices
        self.channels = index.time.channels
        self.contents = index.time.contents
        self.model = model
        attribution = index.config.attribution
        self.touches = TouchIndex(
            index.time.touches, attribution.half_life_days, attribution.window_days
        )
        self.tracked = {channel.account for channel in self.channels.channels.values()}
        self.tracked.add(index.config.offset_account)
        self.income: list[PostingLine] = []
        self.costs: list[PostingLine] = []
        self.unconverted: list[PostingLine] = []
        self.not_money: dict[str, tuple[int, Decimal]] = {}
        self.errors: list[ReportError] = []
        self.income_total = ZERO
        self.moves: dict[str, Decimal] = defaultdict(Decimal)
        self.foreign: set[str] = set()
        self.model_shares: dict[str, list[ShareLine]] | None = (
            {name: [] for name in ATTRIBUTION_MODELS} if compare_models else None
        )

    def movements(self, txn: data.Transaction) -> None:
        """How the time accounts moved (``books-match``)."""
        for posting in txn.postings:
            if posting.account in self.tracked:
                units = posting.units
                if (
                    units is not None
                    and units.currency == self.index.currency
                    and units.number is not None
                ):
                    self.moves[posting.account] += units.number
                else:
                    self.foreign.add(posting.account)

    def transaction(self, txn: data.Transaction) -> None:
        """Attribute one transaction's income and cash costs."""
        kinds = [self.kinds.of(posting) for posting in txn.postings]
        if INCOME not in kinds and (EXPENSE not in kinds or not _names_a_channel(txn)):
            return  # no income, and no channel or content for its costs: nothing to attribute
        client = client_of(txn)
        for posting, kind in zip(txn.postings, kinds, strict=True):
            if kind == INCOME:
                self.income_posting(txn, posting, client)
            elif kind == EXPENSE:
                self.cost_posting(txn, posting, client)

    def income_posting(
        self, txn: data.Transaction, posting: data.Posting, client: str | None
    ) -> None:
        revenue = self.prices.convert(_negated(posting.units), posting.price, txn.date)
        if revenue is None:
            self.unconvertible(txn, posting, "income")
            return
        self.income_total += revenue
        found = attribute(posting, txn, client, self.channels, self.touches, self.model)
        if found is None:
            self.income.append(self.line(txn, posting, client, revenue, [], None))
            return
        # An explicit content: (even one that is not a content: its error is reported)
        # takes the whole posting, whatever the touches name.
        named, content = self.content(posting, txn)
        shared = shares(revenue, found.weights, content, () if named else found.weighted)
        if self.model_shares is not None:
            for name, model_shares in self.model_shares.items():
                if found.touches and name != self.model:
                    weighted = touch_weights(
                        found.touches, txn.date, name, self.touches.half_life_days
                    )
                    weights = [(touch.channel, weight) for touch, weight in weighted]
                    other = shares(revenue, weights, content, () if named else weighted)
                else:
                    other = shared
                model_shares.extend(ShareLine(slug, value, piece) for slug, piece, value in other)
        self.income.append(self.line(txn, posting, client, revenue, shared, found.rule))

    def cost_posting(
        self, txn: data.Transaction, posting: data.Posting, client: str | None
    ) -> None:
        found = self.channels.explicit(posting, txn)
        named, content = self.content(posting, txn)
        if found is None:
            if named:
                where = self.index.location(posting.meta or txn.meta)
                self.errors.append(_content_without_channel(where, txn, posting, content))
            return
        cost = self.prices.convert(posting.units, posting.price, txn.date)
        if cost is None:
            self.unconvertible(txn, posting, "cost")
            return
        weights, rule = found
        shared = shares(cost, weights, content)
        self.costs.append(self.line(txn, posting, client, cost, shared, rule, kind="cost"))

    def content(self, posting: data.Posting, txn: data.Transaction) -> tuple[bool, str | None]:
        """Whether the posting (else its transaction) names a content, and which (None
        when it is not one: the error is already reported)."""
        meta = posting.meta if posting.meta and "content" in posting.meta else txn.meta
        value = meta.get("content")
        if value is None:
            return False, None
        return True, self.contents.lookup(value)[0]

    def unconvertible(self, txn: data.Transaction, posting: data.Posting, kind: str) -> None:
        """A posting that cannot be converted: not money (listed), else an error."""
        commodity = str(_currency(posting))
        if not self.prices.is_money(commodity):
            count, units = self.not_money.get(commodity, (0, ZERO))
            number = posting.units.number if posting.units is not None else None
            self.not_money[commodity] = (count + 1, units + (number or ZERO))
            return
        message = msg(
            "no price to convert this {kind} posting of {amount} to {currency} on {date}: "
            "add a price directive (like '{date} price {commodity} 1.35 {currency}') "
            "or an @ price on the posting; it is left out of the report",
            kind=msg("income") if kind == "income" else msg("cost"),
            amount=str(posting.units),
            currency=self.index.currency,
            date=txn.date,
            commodity=commodity,
        )
        self.errors.append(ReportError(self.index.location(posting.meta or txn.meta), message))
        self.unconverted.append(self.line(txn, posting, client_of(txn), ZERO, [], None, kind=kind))

    def line(
        self,
        txn: data.Transaction,
        posting: data.Posting,
        client: str | None,
        amount: Decimal,
        shared: Sequence[tuple[str, str | None, Decimal]],
        rule: str | None,
        kind: str = "income",
    ) -> PostingLine:
        original = None if _currency(posting) == self.index.currency else str(posting.units)
        return PostingLine(
            txn.date,
            client,
            txn.payee,
            txn.narration or "",
            posting.account,
            amount,
            original,
            tuple(ShareLine(slug, value, content) for slug, content, value in shared),
            rule,
            self.index.location(posting.meta or txn.meta),
            kind,
            self.index.location(txn.meta),
        )


def _content_without_channel(
    where: Location, txn: data.Transaction, posting: data.Posting, content: str | None
) -> ReportError:
    """A cost that names a content but no channel counts for neither: say so."""
    named = content or str((posting.meta or {}).get("content", txn.meta.get("content")))
    message = msg(
        "this cost names the content '{content}' but no channel, so it counts for "
        'neither: add the channel it was spent on, like channel: "linkedin" or a '
        "channel tag",
        content=named,
    )
    return ReportError(where, message)


def _names_a_channel(txn: data.Transaction) -> bool:
    """Whether rules 1-3 could find a channel (tags or ``channel:`` metadata), or a cost
    names a content: a quick test."""
    return (
        bool(txn.tags)
        or "channel" in txn.meta
        or "content" in txn.meta
        or any(
            posting.meta and ("channel" in posting.meta or "content" in posting.meta)
            for posting in txn.postings
        )
    )


def _currency(posting: data.Posting) -> str | None:
    return str(posting.units.currency) if posting.units is not None else None


def _negated(units: Amount | None) -> Amount | None:
    if units is None or units.number is None:
        return None
    return Amount(-units.number, units.currency)


# -- the report ---------------------------------------------------------------


def build_report(
    ledger: Ledger,
    period: Period | None = None,
    *,
    visible: Sequence[data.Directive] | None = None,
    bucket: summary.Bucket = summary.month_bucket,
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
