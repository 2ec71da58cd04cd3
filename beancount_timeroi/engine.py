"""The engine: a loaded ledger and a period in, a ``Report`` out.

This is the one place numbers are computed; the plugin shares its reading
of the directives (``directives.read_ledger``), and the CLI renderers and
the Fava page only present the ``Report``.

For the period [start, end] (inclusive) the engine

- values the time entries itself (so it works with ``generate: false``),
- shares each income posting among channels by the first rule that applies
  (posting ``channel:``, transaction ``channel:``, channel tags, the client's
  touches, else unattributed), converting other currencies with the
  posting's price or the ledger's prices, rounding to the cent per posting
  and splitting cents by largest remainder,
- shares cash costs (expense postings) by the first three rules,
- and checks that the books agree: each channel's time account moved by its
  time cost (``books-match``) and attributed + unattributed revenue equals
  the period's income summed on its own (``revenue-reconciles``).

What does not depend on the period or filters (the config, the time entries,
each client's first income, the sources) is read once per load into a
``LedgerIndex``; the Fava page keeps it for the life of a load.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from beancount import loader
from beancount.core import data, prices
from beancount.core.amount import Amount

from beancount_timeroi.attribution import (
    TouchIndex,
    client_of,
    explicit_channels,
    model_weights,
    split_cents,
)
from beancount_timeroi.config import (
    ATTRIBUTION_MODELS,
    Config,
    config_file,
    load_config,
    name_key,
    plugin_config_strings,
)
from beancount_timeroi.directives import RUN_MARK, PluginRun, TimeLedger, read_ledger
from beancount_timeroi.errors import TimeRoiError
from beancount_timeroi.i18n import _, english, figure, join, n_
from beancount_timeroi.money import HoursSum, cents, wide
from beancount_timeroi.rates import OWNER
from beancount_timeroi.report import (
    NO_ACTIVITY,
    ZERO,
    Breakdown,
    Check,
    Figures,
    Location,
    ModelFigures,
    MonthFigures,
    NewClient,
    NotMoney,
    Period,
    Plan,
    PostingLine,
    RateLine,
    Report,
    ReportError,
    ShareLine,
    Source,
    TimeLine,
)
from beancount_timeroi.valuation import GENERATED, ValuedTime

Bucket = Callable[[datetime.date], tuple[datetime.date, str]]
"""Maps a date to the start and label of its interval (a month, a week...)."""

OTHER, INCOME, EXPENSE = 0, 1, 2
BOOKS_MATCH, REVENUE_RECONCILES = "books-match", "revenue-reconciles"


class LedgerError(Exception):
    """The ledger file cannot be read at all (missing, a folder, no permission)."""


@dataclass
class Ledger:
    """A loaded ledger: Beancount's entries, errors and options."""

    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]
    _relative: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str) -> Ledger:
        """Load ``path`` with Beancount; ``LedgerError`` if it cannot be read."""
        if not os.path.exists(path):
            raise LedgerError(_("{path}: no such file").format(path=path))
        if os.path.isdir(path):
            raise LedgerError(_("{path}: is a folder, not a ledger file").format(path=path))
        try:
            with open(path, "rb") as file:
                file.read(1)
        except OSError as exc:
            raise LedgerError(
                _("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror or exc)
            ) from None
        entries, errors, options = loader.load_file(path)
        return cls(entries, errors, options)

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.options.get("filename") or "."))

    def relative(self, filename: str) -> str:
        """``filename`` relative to the top-level ledger's folder, with '/' separators."""
        known = self._relative.get(filename)
        if known is None:
            if not filename or filename.startswith("<"):
                known = filename or "<unknown>"
            else:
                known = os.path.relpath(os.path.abspath(filename), self.folder).replace(os.sep, "/")
            self._relative[filename] = known
        return known


def ledger_config(ledger: Ledger) -> tuple[Config | None, list[TimeRoiError]]:
    """The plugin's configuration, from the ledger's first ``plugin`` line for it."""
    strings = plugin_config_strings(ledger.options)
    return load_config(strings[0] if strings else None, ledger.options)


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


@functools.lru_cache(maxsize=8192)
def month_bucket(day: datetime.date) -> tuple[datetime.date, str]:
    return datetime.date(day.year, day.month, 1), f"{day:%Y-%m}"


@functools.cache
def iso_currencies() -> frozenset[str]:
    """The codes of ISO 4217, current and historical (Babel's list)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


# -- what is read once per load ------------------------------------------------


class PostingKinds:
    """Whether a posting is income, an expense or neither, remembered per account
    and currency (a ledger has few of each).

    Income is a posting under one of the config's ``income`` prefixes (default:
    the income root), other than the offset account; an expense, one under a
    ``costs`` prefix (default: the expenses root). Postings in time units are
    neither (SPEC 8, 11).
    """

    def __init__(self, options: Mapping[str, Any], config: Config) -> None:
        self.income = config.income or (options.get("name_income", "Income"),)
        self.costs = config.costs or (options.get("name_expenses", "Expenses"),)
        self.offset = config.offset_account
        self.time_units = frozenset(config.time_units)
        self._known: dict[tuple[str, str | None], int] = {}

    def of(self, posting: data.Posting) -> int:
        currency = None if posting.units is None else str(posting.units.currency)
        key = (posting.account, currency)
        kind = self._known.get(key)
        if kind is None:
            kind = OTHER
            if currency is not None and currency not in self.time_units:
                account = posting.account
                if account != self.offset and any(_under(account, p) for p in self.income):
                    kind = INCOME
                elif any(_under(account, prefix) for prefix in self.costs):
                    kind = EXPENSE
            self._known[key] = kind
        return kind


class Prices:
    """Converts amounts to the report currency, and knows which commodities are money.

    A commodity is money when it is the report currency or an operating
    currency, or has a price to the report currency somewhere in the ledger
    (SPEC 11), or is a currency of ISO 4217 (an invoice in EUR with no EUR
    price is an error to fix, never left out); vacation hours or a 401k
    allowance never priced are not. The price map is built on first use,
    once per load.
    """

    def __init__(
        self, entries: Sequence[data.Directive], options: Mapping[str, Any], currency: str | None
    ) -> None:
        self.entries = entries
        self.currency = currency
        self.operating = frozenset(str(name) for name in options.get("operating_currency") or ())
        self._map: prices.PriceMap | None = None
        self._money: dict[str, bool] = {}

    @property
    def price_map(self) -> prices.PriceMap:
        if self._map is None:
            self._map = prices.build_price_map(self.entries)  # type: ignore[no-untyped-call]
        return self._map

    def is_money(self, commodity: str) -> bool:
        known = self._money.get(commodity)
        if known is None:
            known = self._money[commodity] = (
                self.currency is None
                or commodity == self.currency
                or commodity in self.operating
                or commodity in iso_currencies()
                or bool(self.price_map.get((commodity, self.currency)))
            )
        return known

    def convert(
        self, units: Amount | None, price: Amount | None, day: datetime.date
    ) -> Decimal | None:
        """``units`` in the report currency, rounded to the cent; None without a price."""
        number = units.number if units is not None else None
        if units is None or number is None or self.currency is None:
            return None
        if units.currency == self.currency:
            return cents(number)
        if price is not None and price.currency == self.currency and price.number is not None:
            return cents(number * price.number)
        _date, rate = prices.get_price(  # type: ignore[no-untyped-call]
            self.price_map, (units.currency, self.currency), day
        )
        return None if rate is None else cents(number * rate)


@dataclass
class LedgerIndex:
    """What the engine reads once per load of a ledger, whatever the period or filters."""

    config: Config | None
    errors: tuple[ReportError, ...]
    sources: tuple[Source, ...]
    default_period: Period | None
    dates: list[datetime.date] = field(default_factory=list)
    time: TimeLedger | None = None
    time_dates: list[datetime.date] = field(default_factory=list)
    kinds: PostingKinds | None = None
    prices: Prices | None = None
    first_income: dict[str, tuple[str, int]] = field(default_factory=dict)
    currency: str | None = None


def index_ledger(ledger: Ledger) -> LedgerIndex:
    """Read what every report of ``ledger`` shares: config, time entries, first incomes."""
    config, config_errors = ledger_config(ledger)
    run = ledger.options.get(RUN_MARK)
    errors = [_report_error(ledger, error) for error in ledger.errors]
    if not isinstance(run, PluginRun):
        errors.extend(_report_error(ledger, error) for error in config_errors)
    index = LedgerIndex(config, (), tuple(_sources(ledger)), default_period(ledger.entries))
    if config is not None:
        time = run.reuse(ledger.entries) if isinstance(run, PluginRun) else None
        if time is None:
            time = read_ledger(ledger.entries, ledger.options, config)
            if not isinstance(run, PluginRun):
                errors.extend(_report_error(ledger, error) for error in time.errors)
                if time.scan.times or time.scan.rates or time.scan.time_postings:
                    errors.append(_not_enabled(ledger))
        index.time = time
        index.time_dates = [item.entry.date for item in time.time]
        index.kinds = kinds = PostingKinds(ledger.options, config)
        index.dates = [entry.date for entry in ledger.entries]
        index.currency = time.currency
        money = Prices(ledger.entries, ledger.options, time.currency)
        for entry in ledger.entries:
            if not isinstance(entry, data.Transaction) or GENERATED in entry.meta:
                continue
            income = [posting for posting in entry.postings if kinds.of(posting) == INCOME]
            if income and index.currency is None:  # no rate and no config: the first income's
                index.currency = money.currency = _currency(income[0])
            if any(money.is_money(str(_currency(posting))) for posting in income):
                client = client_of(entry)
                if client is not None:
                    index.first_income.setdefault(name_key(client), _key(entry))
        index.prices = money
    # Beancount reports some errors in set order: sorted, a report is the same every run
    # (by their English, so that the order is the same in every language).
    index.errors = tuple(
        sorted(
            errors,
            key=lambda error: (error.location.file, error.location.line, english(error.message)),
        )
    )
    return index


def _not_enabled(ledger: Ledger) -> ReportError:
    top = ledger.relative(str(ledger.options.get("filename") or ""))
    return ReportError(
        Location(top, 1),
        _(
            "beancount_timeroi is not enabled in {file}: add 'plugin \"beancount_timeroi\"' next "
            "to its option lines (Beancount ignores a plugin line in an included file); until "
            "then the time entries are not valued in the books"
        ).format(file=top),
    )


def _report_error(ledger: Ledger, error: Any) -> ReportError:
    source = getattr(error, "source", None) or {}
    return ReportError(
        Location(
            ledger.relative(str(source.get("filename") or "")), int(source.get("lineno") or 0)
        ),
        _text(error.message),
        isinstance(error, TimeRoiError),
    )


def _text(message: Any) -> str:
    """An error's message, kept as it is when it is text (a ``Message`` keeps its English)."""
    return message if isinstance(message, str) else str(message)


def _sources(ledger: Ledger) -> Iterable[Source]:
    """The top-level file, the files it includes, then the config file."""
    top = ledger.options.get("filename")
    files = sorted(ledger.options.get("include") or [], key=lambda name: name != top)
    strings = plugin_config_strings(ledger.options)
    config_path = config_file(strings[0], ledger.options) if strings else None
    if config_path and os.path.isfile(config_path):  # last (the plugin lists it as included)
        files = [name for name in files if name != config_path] + [config_path]
    for filename in files:
        try:
            with open(filename, "rb") as file:
                digest = hashlib.sha256(file.read()).hexdigest()
        except OSError:
            continue
        yield Source(ledger.relative(filename), digest)


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
) -> Report:
    """The report of ``ledger`` for ``period`` (default: the whole ledger).

    ``visible`` narrows what counts to a subset of the entries (Fava's
    filters): transactions outside it are left out, and a time entry counts
    when its generated transaction is in it. ``bucket`` sets the intervals of
    ``Report.series`` (months by default; ``months`` are always months).
    ``index`` is the ledger's ``index_ledger``, when the caller keeps it.
    ``model`` replaces the config's attribution model for this report;
    ``compare_models`` adds every model's revenue per channel (``Report.models``).
    """
    index = index or index_ledger(ledger)
    period = period or index.default_period
    if index.config is None or index.time is None or period is None:
        # A config that cannot be read, or a ledger without a single date: nothing to
        # compute, but the currency and both checks are still there (SPEC 11).
        operating = ledger.options.get("operating_currency") or [None]
        currency = index.currency or (str(operating[0]) if operating[0] else None)
        why = (
            _("nothing to check")
            if index.config is not None
            else _("nothing to check: the config has errors, so nothing was computed")
        )
        return Report(
            period,
            currency,
            index.sources,
            (),
            Figures(None, _("Total")),
            ZERO,
            (),
            (),
            (),
            (),
            index.errors,
            (Check(BOOKS_MATCH, True, why), Check(REVENUE_RECONCILES, True, why)),
            title=str(ledger.options.get("title") or ""),
        )
    with wide():
        builder = _Builder(
            ledger,
            index,
            period,
            visible,
            bucket,
            model or index.config.attribution.model,
            compare_models,
        )
        return builder.report()


@dataclass
class _Tally:
    """Running sums of one channel."""

    hours: HoursSum = field(default_factory=HoursSum)
    time_cost: Decimal = ZERO
    cash_cost: Decimal = ZERO
    revenue: Decimal = ZERO
    contracts: set[tuple[str, int]] = field(default_factory=set)
    clients: set[str] = field(default_factory=set)
    new_clients: set[str] = field(default_factory=set)


@dataclass
class _Cell:
    """Hours, cost and revenue of one channel on one day."""

    hours: HoursSum = field(default_factory=HoursSum)
    cost: Decimal = ZERO
    revenue: Decimal = ZERO


class _Builder:
    """Computes one report in one pass over the period's entries."""

    def __init__(
        self,
        ledger: Ledger,
        index: LedgerIndex,
        period: Period,
        visible: Sequence[data.Directive] | None,
        bucket: Bucket,
        model: str,
        compare_models: bool,
    ) -> None:
        assert index.config is not None and index.time is not None and index.kinds is not None
        self.ledger = ledger
        self.index = index
        self.config: Config = index.config
        self.time: TimeLedger = index.time
        self.kinds: PostingKinds = index.kinds
        self.channels = index.time.channels
        self.period = period
        self.currency = index.currency
        attribution = index.config.attribution
        self.model = model
        self.touches = TouchIndex(
            index.time.touches, attribution.half_life_days, attribution.window_days
        )
        self.compared: dict[str, dict[str, Decimal]] | None = (
            {name: defaultdict(Decimal) for name in ATTRIBUTION_MODELS} if compare_models else None
        )
        self.visible = visible
        self.bucket = bucket
        assert index.prices is not None
        self.prices: Prices = index.prices
        self.not_money: dict[str, tuple[int, Decimal]] = {}
        self.tallies: dict[str, _Tally] = defaultdict(_Tally)
        self.cells: dict[tuple[datetime.date, str], _Cell] = defaultdict(_Cell)
        self.new_clients: list[NewClient] = []
        self.engine_errors: list[ReportError] = []
        self.attributed: list[PostingLine] = []
        self.unattributed: list[PostingLine] = []
        self.cash_costs: list[PostingLine] = []
        self.unconverted: list[PostingLine] = []
        self.unattributed_revenue = ZERO
        self.account_moves: dict[str, Decimal] = defaultdict(Decimal)
        self.foreign_moves: set[str] = set()
        self.time_lines: list[TimeLine] = []
        self.activities: tuple[Breakdown, ...] = ()
        self.people: tuple[Breakdown, ...] = ()

    # -- helpers ----------------------------------------------------------

    def location(self, meta: Mapping[str, Any] | None) -> Location:
        meta = meta or {}
        return Location(
            self.ledger.relative(str(meta.get("filename") or "")), int(meta.get("lineno") or 0)
        )

    # -- the pass ---------------------------------------------------------

    def report(self) -> Report:
        visible_ids = {id(entry) for entry in self.visible} if self.visible is not None else None
        counted: set[tuple[str, int]] | None = None
        if visible_ids is not None and self.config.generate:
            counted = set()
        tracked = {channel.account for channel in self.channels.channels.values()}
        tracked.add(self.config.offset_account)
        income_total = ZERO
        dates = self.index.dates
        entries = self.ledger.entries
        first = bisect.bisect_left(dates, self.period.start)
        last = bisect.bisect_right(dates, self.period.end)
        for position in range(first, last):
            entry = entries[position]
            if not isinstance(entry, data.Transaction):
                continue
            if visible_ids is not None and id(entry) not in visible_ids:
                continue
            for posting in entry.postings:
                if posting.account in tracked:
                    units = posting.units
                    if (
                        units is not None
                        and units.currency == self.currency
                        and units.number is not None
                    ):
                        self.account_moves[posting.account] += units.number
                    else:
                        self.foreign_moves.add(posting.account)
            if GENERATED in entry.meta:
                if counted is not None:
                    counted.add((entry.meta["filename"], entry.meta["lineno"]))
                continue
            income_total += self.transaction(entry)
        self.add_time(counted)
        return self.assemble(income_total)

    def transaction(self, txn: data.Transaction) -> Decimal:
        """Attribute one transaction's income and cash costs; its income, summed plainly."""
        kinds = [self.kinds.of(posting) for posting in txn.postings]
        if INCOME not in kinds and (EXPENSE not in kinds or not _names_a_channel(txn)):
            return ZERO  # no income, and no channel for its costs: nothing to attribute
        shares_by_channel: dict[str, Decimal] = defaultdict(Decimal)
        client = client_of(txn)
        plain_income = ZERO
        for posting, kind in zip(txn.postings, kinds, strict=True):
            if kind == INCOME:
                revenue = self.prices.convert(_negated(posting.units), posting.price, txn.date)
                if revenue is None:
                    self.unconvertible(txn, posting, "income")
                    continue
                plain_income += revenue
                self.income(txn, posting, client, revenue, shares_by_channel)
            elif kind == EXPENSE:
                found = explicit_channels(posting, txn, self.channels)
                if found is None:
                    continue
                cost = self.prices.convert(posting.units, posting.price, txn.date)
                if cost is None:
                    self.unconvertible(txn, posting, "cost")
                    continue
                weights, rule = found
                shares = split_cents(cost, weights)
                for slug, amount in shares:
                    self.tallies[slug].cash_cost += amount
                    self.cells[(txn.date, slug)].cost += amount
                self.cash_costs.append(
                    self.line(txn, posting, client, cost, shares, rule, kind="cost")
                )
        key = _key(txn)
        for slug, amount in sorted(shares_by_channel.items()):
            if amount > 0:
                tally = self.tallies[slug]
                tally.contracts.add(key)
                if client is not None:
                    client_key = name_key(client)
                    tally.clients.add(client_key)
                    is_first = self.index.first_income.get(client_key) == key
                    if is_first and client_key not in tally.new_clients:
                        tally.new_clients.add(client_key)
                        self.new_clients.append(
                            NewClient(slug, client, txn.date, self.location(txn.meta))
                        )
        return plain_income

    def income(
        self,
        txn: data.Transaction,
        posting: data.Posting,
        client: str | None,
        revenue: Decimal,
        shares_by_channel: dict[str, Decimal],
    ) -> None:
        found = explicit_channels(posting, txn, self.channels)
        touches = self.touches.considered(client, txn.date) if found is None else []
        if found is None and touches:
            found = (
                model_weights(touches, txn.date, self.model, self.touches.half_life_days),
                self.model,
            )
        if found is None:
            self.unattributed_revenue += revenue
            self.unattributed.append(self.line(txn, posting, client, revenue, [], None))
            return
        weights, rule = found
        shares = split_cents(revenue, weights)
        if self.compared is not None:
            for name, revenues in self.compared.items():
                shared = (
                    shares
                    if not touches or name == self.model
                    else split_cents(
                        revenue, model_weights(touches, txn.date, name, self.touches.half_life_days)
                    )
                )
                for slug, amount in shared:
                    revenues[slug] += amount
        for slug, amount in shares:
            self.tallies[slug].revenue += amount
            self.cells[(txn.date, slug)].revenue += amount
            shares_by_channel[slug] += amount
        self.attributed.append(self.line(txn, posting, client, revenue, shares, rule))

    def unconvertible(self, txn: data.Transaction, posting: data.Posting, kind: str) -> None:
        """A posting that cannot be converted: not money (listed), else an error."""
        commodity = str(_currency(posting))
        if not self.prices.is_money(commodity):
            count, units = self.not_money.get(commodity, (0, ZERO))
            number = posting.units.number if posting.units is not None else None
            self.not_money[commodity] = (count + 1, units + (number or ZERO))
            return
        location = self.location(posting.meta or txn.meta)
        what = _("income") if kind == "income" else _("cost")
        self.engine_errors.append(
            ReportError(
                location,
                _(
                    "no price to convert this {kind} posting of {amount} to {currency} on {date}: "
                    "add a price directive (like '{date} price {commodity} 1.35 {currency}') "
                    "or an @ price on the posting; it is left out of the report"
                ).format(
                    kind=what,
                    amount=posting.units,
                    currency=self.currency,
                    date=txn.date,
                    commodity=_currency(posting),
                ),
            )
        )
        self.unconverted.append(self.line(txn, posting, client_of(txn), ZERO, [], None, kind=kind))

    def line(
        self,
        txn: data.Transaction,
        posting: data.Posting,
        client: str | None,
        amount: Decimal,
        shares: Sequence[tuple[str, Decimal]],
        rule: str | None,
        kind: str = "income",
    ) -> PostingLine:
        original = None if _currency(posting) == self.currency else str(posting.units)
        return PostingLine(
            txn.date,
            client,
            txn.payee,
            txn.narration or "",
            posting.account,
            amount,
            original,
            tuple(ShareLine(slug, value) for slug, value in shares),
            rule,
            self.location(posting.meta or txn.meta),
            kind,
            self.location(txn.meta),
        )

    def add_time(self, counted: set[tuple[str, int]] | None) -> None:
        activities: dict[str, list[Any]] = {}
        people: dict[str, list[Any]] = {}
        first = bisect.bisect_left(self.index.time_dates, self.period.start)
        last = bisect.bisect_right(self.index.time_dates, self.period.end)
        for item in self.time.time[first:last]:
            entry = item.entry
            if counted is not None and (entry.meta["filename"], entry.meta["lineno"]) not in (
                counted
            ):
                continue
            tally = self.tallies[entry.channel]
            tally.hours.add(entry.hours)
            tally.time_cost += item.value
            cell = self.cells[(entry.date, entry.channel)]
            cell.hours.add(entry.hours)
            cell.cost += item.value
            person = self.time.schedule.name(entry.person)
            for key, table in ((entry.activity or NO_ACTIVITY, activities), (person, people)):
                sums = table.get(key)
                if sums is None:
                    sums = table[key] = [HoursSum(), ZERO]
                sums[0].add(entry.hours)
                sums[1] += item.value
            self.time_lines.append(self.time_line(item, person))
        self.activities = tuple(
            Breakdown(key, hours.total(), value)
            for key, (hours, value) in sorted(activities.items())
        )
        self.people = tuple(
            Breakdown(key, hours.total(), value) for key, (hours, value) in sorted(people.items())
        )

    def time_line(self, item: ValuedTime, person: str) -> TimeLine:
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
            self.location(entry.meta),
        )

    # -- assembling -------------------------------------------------------

    def assemble(self, income_total: Decimal) -> Report:
        rows = []
        shown = set(self.channels.channels) if self.channels.declared else set()
        hours = {slug: tally.hours.total() for slug, tally in self.tallies.items()}
        for slug, tally in self.tallies.items():
            if (
                hours[slug]
                or tally.time_cost
                or tally.cash_cost
                or tally.revenue
                or tally.contracts
            ):
                shown.add(slug)
        for slug in sorted(shown):
            tally = self.tallies.get(slug) or _Tally()
            rows.append(
                Figures(
                    slug,
                    self.channel_name(slug),
                    hours.get(slug, Fraction(0)),
                    tally.time_cost,
                    tally.cash_cost,
                    tally.revenue,
                    len(tally.contracts),
                    len(tally.clients),
                    len(tally.new_clients),
                )
            )
        every = list(self.tallies.values())
        totals = Figures(
            None,
            _("Total"),
            sum((row.hours_exact for row in rows), Fraction(0)),
            sum((row.time_cost for row in rows), ZERO),
            sum((row.cash_cost for row in rows), ZERO),
            sum((row.revenue for row in rows), ZERO),
            len(set().union(*(tally.contracts for tally in every))),
            len(set().union(*(tally.clients for tally in every))),
            len(set().union(*(tally.new_clients for tally in every))),
        )
        by_month: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
        for (day, slug), cell in self.cells.items():
            in_month = by_month[(month_bucket(day)[1], slug)]
            in_month.hours.merge(cell.hours)
            in_month.cost += cell.cost
            in_month.revenue += cell.revenue
        months = [
            MonthFigures(month, slug, cell.hours.total(), cell.cost, cell.revenue)
            for (month, slug), cell in sorted(by_month.items())
            if cell.hours or cell.cost or cell.revenue
        ]
        month_totals = self.totals_by(month_bucket)
        series = month_totals if self.bucket is month_bucket else self.totals_by(self.bucket)
        checks = (self.books_match(rows), self.revenue_reconciles(totals, income_total))
        names = {slug: channel.name for slug, channel in self.channels.channels.items()}
        return Report(
            period=self.period,
            currency=self.currency,
            sources=self.index.sources,
            channels=tuple(rows),
            totals=totals,
            unattributed_revenue=self.unattributed_revenue,
            months=tuple(months),
            month_totals=month_totals,
            activities=self.activities,
            people=self.people,
            errors=self.index.errors + tuple(self.engine_errors),
            checks=checks,
            time_log=tuple(self.time_lines),
            rates=tuple(
                RateLine(
                    self.time.schedule.name(rate.person),
                    rate.since,
                    rate.number,
                    str(rate.amount.currency),
                    self.location(rate.source),
                )
                for rate in self.time.schedule.all_rates()
            ),
            attribution=tuple(self.attributed),
            unattributed=tuple(self.unattributed),
            cash_costs=tuple(self.cash_costs),
            unconverted=tuple(self.unconverted),
            not_money=tuple(
                NotMoney(commodity, count, units)
                for commodity, (count, units) in sorted(self.not_money.items())
            ),
            new_client_list=tuple(self.new_clients),
            models=self.comparison(rows),
            series=series,
            plan=self.plan(),
            model=self.model,
            generate=self.config.generate,
            title=str(self.ledger.options.get("title") or ""),
            names=names,
        )

    def comparison(self, rows: Sequence[Figures]) -> tuple[ModelFigures, ...]:
        """Each channel's revenue and cost under every model (when asked for)."""
        if self.compared is None:
            return ()
        # A channel with revenue under another model only has no row: it cost nothing.
        costs = {str(row.channel): row.cost for row in rows}
        slugs = sorted(
            set(costs)
            | {
                slug
                for revenues in self.compared.values()
                for slug, amount in revenues.items()
                if amount
            }
        )
        return tuple(
            ModelFigures(
                name,
                slug,
                self.channel_name(slug),
                self.compared[name].get(slug, ZERO),
                costs.get(slug, ZERO),
            )
            for slug in slugs
            for name in ATTRIBUTION_MODELS
        )

    def totals_by(self, bucket: Bucket) -> tuple[MonthFigures, ...]:
        """Hours, cost and revenue of every channel per interval, with the running net."""
        sums: dict[datetime.date, tuple[str, _Cell]] = {}
        for (day, _slug), cell in self.cells.items():
            if not (cell.hours or cell.cost or cell.revenue):
                continue
            start, label = bucket(day)
            if start not in sums:
                sums[start] = (label, _Cell())
            total = sums[start][1]
            total.hours.merge(cell.hours)
            total.cost += cell.cost
            total.revenue += cell.revenue
        result = []
        running = ZERO
        for start in sorted(sums):
            label, total = sums[start]
            running += total.revenue - total.cost
            result.append(
                MonthFigures(label, None, total.hours.total(), total.cost, total.revenue, running)
            )
        return tuple(result)

    def plan(self) -> Plan | None:
        """ "What does my time cost": the owner's actual hours per week in the period,
        at the owner's rate on its last day."""
        rate = self.time.schedule.rate_for(OWNER, self.period.end)
        if rate is None:
            return None
        hours = HoursSum()
        for line in self.time_lines:
            if name_key(line.person) == OWNER:
                hours.add(line.hours_exact)
        days = (self.period.end - self.period.start).days + 1
        return Plan(hours.total() * 7 / days, rate.number, self.currency)

    def channel_name(self, slug: str) -> str:
        channel = self.channels.channels.get(slug)
        return channel.name if channel else slug

    def books_match(self, rows: Sequence[Figures]) -> Check:
        name = BOOKS_MATCH
        if not self.config.generate:
            return Check(name, True, _("not applicable: generate is false, no entries are written"))
        if not (self.time_lines or self.foreign_moves or any(self.account_moves.values())):
            return Check(name, True, _("nothing to check"))
        problems = []
        for row in rows:
            assert row.channel is not None
            channel = self.channels.channels.get(row.channel)
            if channel is None:
                continue
            moved = cents(self.account_moves.get(channel.account, ZERO))
            if channel.account in self.foreign_moves:
                problems.append(
                    _("{account} has postings in another currency").format(account=channel.account)
                )
            if moved != row.time_cost:
                problems.append(
                    _(
                        "{account} moved {moved} but the time entries of '{channel}' are worth "
                        "{value}"
                    ).format(
                        account=channel.account,
                        moved=figure(moved),
                        channel=row.channel,
                        value=figure(row.time_cost),
                    )
                )
        offset = cents(self.account_moves.get(self.config.offset_account, ZERO))
        expected_offset = -sum((row.time_cost for row in rows), ZERO)
        if offset != expected_offset:
            problems.append(
                _("{account} moved {moved}, expected {expected}").format(
                    account=self.config.offset_account,
                    moved=figure(offset),
                    expected=figure(expected_offset),
                )
            )
        if problems:
            return Check(name, False, join(problems))
        return Check(
            name,
            True,
            n_(
                "each channel's time account moved by its time cost ({count} channel) and "
                "{account} by {offset}",
                "each channel's time account moved by its time cost ({count} channels) and "
                "{account} by {offset}",
                len(rows),
            ).format(
                count=len(rows), account=self.config.offset_account, offset=figure(expected_offset)
            ),
        )

    def revenue_reconciles(self, totals: Figures, income_total: Decimal) -> Check:
        name = REVENUE_RECONCILES
        if not (self.attributed or self.unattributed or self.unconverted):
            return Check(name, True, _("nothing to check"))
        attributed = totals.revenue
        summed = attributed + self.unattributed_revenue
        problems = []
        if summed != income_total:
            problems.append(
                _(
                    "attributed {attributed} + unattributed {unattributed} = {sum}, but the "
                    "period's income postings sum to {income}"
                ).format(
                    attributed=figure(attributed),
                    unattributed=figure(self.unattributed_revenue),
                    sum=figure(summed),
                    income=figure(income_total),
                )
            )
        if self.unconverted:
            problems.append(
                n_(
                    "{count} posting could not be converted to {currency} and is left out",
                    "{count} postings could not be converted to {currency} and are left out",
                    len(self.unconverted),
                ).format(count=len(self.unconverted), currency=self.currency)
            )
        if problems:
            return Check(name, False, join(problems))
        return Check(
            name,
            True,
            _("attributed {attributed} + unattributed {unattributed} = income {income}").format(
                attributed=figure(attributed),
                unattributed=figure(self.unattributed_revenue),
                income=figure(income_total),
            ),
        )


def _names_a_channel(txn: data.Transaction) -> bool:
    """Whether rules 1-3 could find a channel: tags or ``channel:`` metadata (a quick test)."""
    return (
        bool(txn.tags)
        or "channel" in txn.meta
        or any(posting.meta and "channel" in posting.meta for posting in txn.postings)
    )


def _under(account: str, root: str) -> bool:
    return account == root or account.startswith(root + ":")


def _currency(posting: data.Posting) -> str | None:
    return str(posting.units.currency) if posting.units is not None else None


def _negated(units: Amount | None) -> Amount | None:
    return None if units is None or units.number is None else Amount(-units.number, units.currency)


def _key(txn: data.Transaction) -> tuple[str, int]:
    return (str(txn.meta.get("filename")), int(txn.meta.get("lineno") or 0))
