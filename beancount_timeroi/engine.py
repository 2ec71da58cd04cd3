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
"""

from __future__ import annotations

import datetime
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
    split_cents,
)
from beancount_timeroi.channels import ChannelRegistry
from beancount_timeroi.config import (
    Config,
    config_file,
    load_config,
    name_key,
    plugin_config_strings,
)
from beancount_timeroi.directives import TimeLedger, read_ledger
from beancount_timeroi.errors import TimeRoiError
from beancount_timeroi.i18n import _
from beancount_timeroi.money import cents
from beancount_timeroi.rates import OWNER
from beancount_timeroi.report import (
    ZERO,
    Breakdown,
    Check,
    Figures,
    Location,
    MonthFigures,
    NewClient,
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
from beancount_timeroi.valuation import ValuedTime, is_generated

PLUGIN = "beancount_timeroi"


class LedgerError(Exception):
    """The ledger file cannot be read at all (missing, a folder, no permission)."""


@dataclass
class Ledger:
    """A loaded ledger: Beancount's entries, errors and options."""

    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]

    @classmethod
    def load(cls, path: str) -> Ledger:
        """Load ``path`` with Beancount; ``LedgerError`` if it cannot be read."""
        if not os.path.exists(path):
            raise LedgerError(f"{path}: no such file")
        if os.path.isdir(path):
            raise LedgerError(f"{path}: is a folder, not a ledger file")
        try:
            with open(path, "rb") as file:
                file.read(1)
        except OSError as exc:
            raise LedgerError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        entries, errors, options = loader.load_file(path)
        return cls(entries, errors, options)

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.options.get("filename") or "."))

    def relative(self, filename: str) -> str:
        """``filename`` relative to the top-level ledger's folder, with '/' separators."""
        if not filename or filename.startswith("<"):
            return filename or "<unknown>"
        return os.path.relpath(os.path.abspath(filename), self.folder).replace(os.sep, "/")


def ledger_config(ledger: Ledger) -> tuple[Config | None, list[TimeRoiError]]:
    """The plugin's configuration, from the ledger's first ``plugin`` line for it."""
    strings = plugin_config_strings(ledger.options)
    return load_config(strings[0] if strings else None, ledger.options)


def default_period(entries: Iterable[data.Directive]) -> Period | None:
    """From the first to the last date of a time entry or transaction."""
    dates = [entry.date for entry in entries if isinstance(entry, data.Transaction)
             or (isinstance(entry, data.Custom) and entry.type == "time")]
    return Period(min(dates), max(dates)) if dates else None


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


# -- the report ---------------------------------------------------------------


Bucket = Callable[[datetime.date], tuple[datetime.date, str]]
"""Maps a date to the start and label of its interval (a month, a week...)."""


def month_bucket(day: datetime.date) -> tuple[datetime.date, str]:
    return datetime.date(day.year, day.month, 1), f"{day:%Y-%m}"


def build_report(
    ledger: Ledger,
    period: Period | None = None,
    *,
    visible: Sequence[data.Directive] | None = None,
    bucket: Bucket = month_bucket,
) -> Report:
    """The report of ``ledger`` for ``period`` (default: the whole ledger).

    ``visible`` narrows what counts to a subset of the entries (Fava's
    filters): transactions outside it are left out, and a time entry counts
    when its generated transaction is in it. ``bucket`` sets the intervals of
    ``Report.series`` (months by default; ``months`` are always months).
    """
    config, config_errors = ledger_config(ledger)
    plugin_ran = bool(plugin_config_strings(ledger.options))
    errors = [_report_error(ledger, error) for error in ledger.errors]
    if not plugin_ran:
        errors.extend(_report_error(ledger, error) for error in config_errors)
    period = period or default_period(ledger.entries)
    sources = tuple(_sources(ledger))
    if config is None or period is None:  # a config that cannot be read, or nothing dated
        return Report(period, None, sources, (), Figures(None, _("Total")), ZERO,
                      (), (), (), (), tuple(errors), (),
                      title=str(ledger.options.get("title") or ""))
    time_ledger = read_ledger(ledger.entries, ledger.options, config)
    if not plugin_ran:
        errors.extend(_report_error(ledger, error) for error in time_ledger.errors)
    builder = _Builder(ledger, config, time_ledger, period, visible, bucket)
    return builder.report(tuple(errors), sources)


def _report_error(ledger: Ledger, error: Any) -> ReportError:
    source = getattr(error, "source", None) or {}
    return ReportError(Location(ledger.relative(str(source.get("filename") or "")),
                                int(source.get("lineno") or 0)), str(error.message),
                       isinstance(error, TimeRoiError))


def _sources(ledger: Ledger) -> Iterable[Source]:
    files = list(ledger.options.get("include") or [])
    config_file = _config_file(ledger)
    if config_file:
        files.append(config_file)
    for filename in files:
        try:
            with open(filename, "rb") as file:
                digest = hashlib.sha256(file.read()).hexdigest()
        except OSError:
            continue
        yield Source(ledger.relative(filename), digest)


def _config_file(ledger: Ledger) -> str | None:
    strings = plugin_config_strings(ledger.options)
    path = config_file(strings[0], ledger.options) if strings else None
    return path if path and os.path.isfile(path) else None


@dataclass
class _Tally:
    """Running sums of one channel."""

    hours: Fraction = Fraction(0)
    time_cost: Decimal = ZERO
    cash_cost: Decimal = ZERO
    revenue: Decimal = ZERO
    contracts: set[tuple[str, int]] = field(default_factory=set)
    clients: set[str] = field(default_factory=set)
    new_clients: set[str] = field(default_factory=set)


class _Builder:
    """Computes one report; every sum is accumulated in one pass over the entries."""

    def __init__(self, ledger: Ledger, config: Config, time_ledger: TimeLedger,
                 period: Period, visible: Sequence[data.Directive] | None,
                 bucket: Bucket) -> None:
        self.ledger = ledger
        self.config = config
        self.time = time_ledger
        self.channels: ChannelRegistry = time_ledger.channels
        self.period = period
        self.currency = time_ledger.currency or _first_income_currency(ledger)
        self.income_root = ledger.options.get("name_income", "Income")
        self.expenses_root = ledger.options.get("name_expenses", "Expenses")
        self.time_units = frozenset(config.time_units)
        self.touches = TouchIndex(time_ledger.touches)
        self.visible = visible
        self.bucket = bucket
        self._price_map: prices.PriceMap | None = None
        self.tallies: dict[str, _Tally] = defaultdict(_Tally)
        self.cells: dict[tuple[datetime.date, str], list[Any]] = {}
        self.client_names: dict[str, str] = {}
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
        return Location(self.ledger.relative(str(meta.get("filename") or "")),
                        int(meta.get("lineno") or 0))

    def is_income(self, posting: data.Posting) -> bool:
        """Under the income root, not the offset account, not in time units."""
        account = posting.account
        return (_under(account, self.income_root) and account != self.config.offset_account
                and _currency(posting) not in self.time_units)

    def is_expense(self, posting: data.Posting) -> bool:
        return _under(posting.account, self.expenses_root) and (
            _currency(posting) not in self.time_units)

    def convert(self, units: Amount | None, price: Amount | None,
                day: datetime.date) -> Decimal | None:
        """``units`` in the report currency, rounded to the cent; None without a price."""
        number = units.number if units is not None else None
        if units is None or number is None or self.currency is None:
            return None
        if units.currency == self.currency:
            return cents(number)
        if price is not None and price.currency == self.currency and price.number is not None:
            return cents(number * price.number)
        if self._price_map is None:
            self._price_map = prices.build_price_map(  # type: ignore[no-untyped-call]
                self.ledger.entries)
        _date, rate = prices.get_price(  # type: ignore[no-untyped-call]
            self._price_map, (units.currency, self.currency), day)
        return None if rate is None else cents(number * rate)

    def cell(self, day: datetime.date, channel: str) -> list[Any]:
        """The running [hours, cost, revenue] of one channel on one day."""
        key = (day, channel)
        if key not in self.cells:
            self.cells[key] = [Fraction(0), ZERO, ZERO]
        return self.cells[key]

    # -- the pass ---------------------------------------------------------

    def report(self, errors: tuple[ReportError, ...], sources: tuple[Source, ...]) -> Report:
        visible_ids = {id(entry) for entry in self.visible} if self.visible is not None else None
        first_income = self.first_income_transactions()
        counted_time_sources: set[tuple[str, int]] | None = None
        if visible_ids is not None and self.config.generate:
            counted_time_sources = set()
        tracked = {channel.account: channel.slug for channel in self.channels.channels.values()}
        tracked[self.config.offset_account] = ""
        income_total = ZERO
        for entry in self.ledger.entries:
            if not isinstance(entry, data.Transaction) or entry.date not in self.period:
                continue
            if visible_ids is not None and id(entry) not in visible_ids:
                continue
            for posting in entry.postings:
                if posting.account in tracked:
                    units = posting.units
                    if (units is not None and units.currency == self.currency
                            and units.number is not None):
                        self.account_moves[posting.account] += units.number
                    else:
                        self.foreign_moves.add(posting.account)
            if is_generated(entry):
                if counted_time_sources is not None:
                    counted_time_sources.add((entry.meta["filename"], entry.meta["lineno"]))
                continue
            income_total += self.transaction(entry, first_income)
        self.add_time(counted_time_sources)
        return self.assemble(errors, sources, income_total)

    def first_income_transactions(self) -> dict[str, tuple[str, int]]:
        """Each client's first transaction with an income posting, in the whole ledger."""
        first: dict[str, tuple[str, int]] = {}
        for entry in self.ledger.entries:
            if (isinstance(entry, data.Transaction) and not is_generated(entry)
                    and any(self.is_income(posting) for posting in entry.postings)):
                client = client_of(entry)
                if client is not None:
                    first.setdefault(name_key(client), _key(entry))
        return first

    def transaction(self, txn: data.Transaction,
                    first_income: Mapping[str, tuple[str, int]]) -> Decimal:
        """Attribute one transaction's income and cash costs; its income, summed plainly."""
        shares_by_channel: dict[str, Decimal] = defaultdict(Decimal)
        client = client_of(txn)
        plain_income = ZERO
        for posting in txn.postings:
            if self.is_income(posting):
                revenue = self.convert(_negated(posting.units), posting.price, txn.date)
                if revenue is None:
                    self.unconvertible(txn, posting, "income")
                    continue
                plain_income += revenue
                self.income(txn, posting, client, revenue, shares_by_channel)
            elif self.is_expense(posting):
                found = explicit_channels(posting, txn, self.channels)
                if found is None:
                    continue
                cost = self.convert(posting.units, posting.price, txn.date)
                if cost is None:
                    self.unconvertible(txn, posting, "cost")
                    continue
                weights, rule = found
                shares = split_cents(cost, weights)
                for slug, amount in shares:
                    self.tallies[slug].cash_cost += amount
                    self.cell(txn.date, slug)[1] += amount
                self.cash_costs.append(
                    self.line(txn, posting, client, cost, shares, rule, kind="cost"))
        key = _key(txn)
        for slug, amount in sorted(shares_by_channel.items()):
            if amount > 0:
                tally = self.tallies[slug]
                tally.contracts.add(key)
                if client is not None:
                    client_key = name_key(client)
                    self.client_names.setdefault(client_key, client)
                    tally.clients.add(client_key)
                    if first_income.get(client_key) == key and client_key not in tally.new_clients:
                        tally.new_clients.add(client_key)
                        self.new_clients.append(
                            NewClient(slug, client, txn.date, self.location(txn.meta)))
        return plain_income

    def income(self, txn: data.Transaction, posting: data.Posting, client: str | None,
               revenue: Decimal, shares_by_channel: dict[str, Decimal]) -> None:
        found = explicit_channels(posting, txn, self.channels)
        if found is None:
            weights = self.touches.weights(client, txn.date, self.config.attribution.model)
            found = (weights, self.config.attribution.model) if weights else None
        if found is None:
            self.unattributed_revenue += revenue
            self.unattributed.append(self.line(txn, posting, client, revenue, [], None))
            return
        weights, rule = found
        shares = split_cents(revenue, weights)
        for slug, amount in shares:
            self.tallies[slug].revenue += amount
            self.cell(txn.date, slug)[2] += amount
            shares_by_channel[slug] += amount
        self.attributed.append(self.line(txn, posting, client, revenue, shares, rule))

    def unconvertible(self, txn: data.Transaction, posting: data.Posting, kind: str) -> None:
        location = self.location(posting.meta or txn.meta)
        what = _("income") if kind == "income" else _("cost")
        self.engine_errors.append(ReportError(location, _(
            "no price to convert this {kind} posting of {amount} to {currency} on {date}: "
            "add a price directive (like '{date} price {commodity} 1.35 {currency}') "
            "or an @ price on the posting; it is left out of the report"
        ).format(kind=what, amount=posting.units, currency=self.currency, date=txn.date,
                 commodity=_currency(posting))))
        self.unconverted.append(
            self.line(txn, posting, client_of(txn), ZERO, [], None, kind=kind))

    def line(self, txn: data.Transaction, posting: data.Posting, client: str | None,
             amount: Decimal, shares: Sequence[tuple[str, Decimal]],
             rule: str | None, kind: str = "income") -> PostingLine:
        original = None if _currency(posting) == self.currency else str(posting.units)
        return PostingLine(
            txn.date, client, txn.payee, txn.narration or "", posting.account, amount, original,
            tuple(ShareLine(slug, value) for slug, value in shares), rule,
            self.location(posting.meta or txn.meta), kind, self.location(txn.meta))

    def add_time(self, counted: set[tuple[str, int]] | None) -> None:
        activities: dict[str, list[Any]] = {}
        people: dict[str, list[Any]] = {}
        for item in self.time.time:
            entry = item.entry
            if entry.date not in self.period:
                continue
            source = (entry.meta["filename"], entry.meta["lineno"])
            if counted is not None and source not in counted:
                continue
            tally = self.tallies[entry.channel]
            tally.hours += entry.hours
            tally.time_cost += item.value
            cell = self.cell(entry.date, entry.channel)
            cell[0] += entry.hours
            cell[1] += item.value
            person = self.time.schedule.name(entry.person)
            for key, table in ((entry.activity or _("(no activity)"), activities),
                               (person, people)):
                sums = table.setdefault(key, [Fraction(0), ZERO])
                sums[0] += entry.hours
                sums[1] += item.value
            self.time_lines.append(self.time_line(item, person))
        self.activities = tuple(Breakdown(key, hours, value)
                                for key, (hours, value) in sorted(activities.items()))
        self.people = tuple(Breakdown(key, hours, value)
                            for key, (hours, value) in sorted(people.items()))

    def time_line(self, item: ValuedTime, person: str) -> TimeLine:
        entry = item.entry
        return TimeLine(entry.date, person, entry.channel, entry.activity, entry.description,
                        entry.hours, item.rate.number, item.value, self.location(entry.meta))

    # -- assembling -------------------------------------------------------

    def assemble(self, errors: tuple[ReportError, ...], sources: tuple[Source, ...],
                 income_total: Decimal) -> Report:
        rows = []
        shown = set(self.channels.channels) if self.channels.declared else set()
        for slug, tally in self.tallies.items():
            if (tally.hours or tally.time_cost or tally.cash_cost or tally.revenue
                    or tally.contracts):
                shown.add(slug)
        for slug in sorted(shown):
            tally = self.tallies.get(slug) or _Tally()
            rows.append(Figures(slug, self.channel_name(slug), tally.hours, tally.time_cost,
                                tally.cash_cost, tally.revenue, len(tally.contracts),
                                len(tally.clients), len(tally.new_clients)))
        every = list(self.tallies.values())
        totals = Figures(
            None, _("Total"),
            sum((row.hours_exact for row in rows), Fraction(0)),
            sum((row.time_cost for row in rows), ZERO),
            sum((row.cash_cost for row in rows), ZERO),
            sum((row.revenue for row in rows), ZERO),
            len(set().union(*(tally.contracts for tally in every))),
            len(set().union(*(tally.clients for tally in every))),
            len(set().union(*(tally.new_clients for tally in every))),
        )
        by_month: dict[tuple[str, str], list[Any]] = {}
        for (day, slug), values in self.cells.items():
            sums = by_month.setdefault((month_bucket(day)[1], slug), [Fraction(0), ZERO, ZERO])
            for index, value in enumerate(values):
                sums[index] += value
        months = tuple(
            MonthFigures(month, slug, hours, cost, revenue)
            for (month, slug), (hours, cost, revenue) in sorted(by_month.items())
            if hours or cost or revenue)
        month_totals = self.totals_by(month_bucket)
        series = month_totals if self.bucket is month_bucket else self.totals_by(self.bucket)
        checks = (self.books_match(rows), self.revenue_reconciles(totals, income_total))
        names = {slug: channel.name for slug, channel in self.channels.channels.items()}
        return Report(
            period=self.period,
            currency=self.currency,
            sources=sources,
            channels=tuple(rows),
            totals=totals,
            unattributed_revenue=self.unattributed_revenue,
            months=months,
            month_totals=month_totals,
            activities=self.activities,
            people=self.people,
            errors=errors + tuple(self.engine_errors),
            checks=checks,
            time_log=tuple(self.time_lines),
            rates=tuple(RateLine(self.time.schedule.name(rate.person), rate.since, rate.number,
                                 str(rate.amount.currency), self.location(rate.source))
                        for rate in self.time.schedule.all_rates()),
            attribution=tuple(self.attributed),
            unattributed=tuple(self.unattributed),
            cash_costs=tuple(self.cash_costs),
            unconverted=tuple(self.unconverted),
            new_client_list=tuple(self.new_clients),
            series=series,
            plan=self.plan(),
            model=self.config.attribution.model,
            generate=self.config.generate,
            title=str(self.ledger.options.get("title") or ""),
            names=names,
        )

    def totals_by(self, bucket: Bucket) -> tuple[MonthFigures, ...]:
        """Hours, cost and revenue of every channel per interval, with the running net."""
        sums: dict[datetime.date, list[Any]] = {}
        for (day, _slug), (hours, cost, revenue) in self.cells.items():
            if not (hours or cost or revenue):
                continue
            start, label = bucket(day)
            row = sums.setdefault(start, [label, Fraction(0), ZERO, ZERO])
            row[1] += hours
            row[2] += cost
            row[3] += revenue
        result = []
        running = ZERO
        for _start, (label, hours, cost, revenue) in sorted(sums.items()):
            running += revenue - cost
            result.append(MonthFigures(label, None, hours, cost, revenue, running))
        return tuple(result)

    def plan(self) -> Plan | None:
        """"What does my time cost": the owner's actual hours per week in the period,
        at the owner's rate on its last day."""
        rate = self.time.schedule.rate_for(OWNER, self.period.end)
        if rate is None:
            return None
        hours = sum((line.hours_exact for line in self.time_lines
                     if name_key(line.person) == OWNER), Fraction(0))
        days = (self.period.end - self.period.start).days + 1
        return Plan(hours * 7 / days, rate.number, self.currency)

    def channel_name(self, slug: str) -> str:
        channel = self.channels.channels.get(slug)
        return channel.name if channel else slug

    def books_match(self, rows: Sequence[Figures]) -> Check:
        name = "books-match"
        if not self.config.generate:
            return Check(name, True, "not applicable: generate is false, no entries are written")
        problems = []
        for row in rows:
            assert row.channel is not None
            channel = self.channels.channels.get(row.channel)
            if channel is None:
                continue
            moved = cents(self.account_moves.get(channel.account, ZERO))
            if channel.account in self.foreign_moves:
                problems.append(f"{channel.account} has postings in another currency")
            if moved != row.time_cost:
                problems.append(f"{channel.account} moved {moved} but the time entries of "
                                f"'{row.channel}' are worth {row.time_cost}")
        offset = cents(self.account_moves.get(self.config.offset_account, ZERO))
        expected_offset = -sum((row.time_cost for row in rows), ZERO)
        if offset != expected_offset:
            problems.append(f"{self.config.offset_account} moved {offset}, expected "
                            f"{expected_offset}")
        if problems:
            return Check(name, False, "; ".join(problems))
        return Check(name, True, f"each channel's time account moved by its time cost "
                                 f"({len(rows)} channels) and {self.config.offset_account} "
                                 f"by {expected_offset}")

    def revenue_reconciles(self, totals: Figures, income_total: Decimal) -> Check:
        name = "revenue-reconciles"
        attributed = totals.revenue
        summed = attributed + self.unattributed_revenue
        problems = []
        if summed != income_total:
            problems.append(f"attributed {attributed} + unattributed {self.unattributed_revenue}"
                            f" = {summed}, but the period's income postings sum to "
                            f"{income_total}")
        if self.unconverted:
            problems.append(f"{len(self.unconverted)} posting(s) could not be converted to "
                            f"{self.currency} and are left out")
        if problems:
            return Check(name, False, "; ".join(problems))
        return Check(name, True, f"attributed {attributed} + unattributed "
                                 f"{self.unattributed_revenue} = income {income_total}")


def _under(account: str, root: str) -> bool:
    return account == root or account.startswith(root + ":")


def _currency(posting: data.Posting) -> str | None:
    return str(posting.units.currency) if posting.units is not None else None


def _negated(units: Amount | None) -> Amount | None:
    return None if units is None or units.number is None else Amount(-units.number, units.currency)


def _key(txn: data.Transaction) -> tuple[str, int]:
    return (str(txn.meta.get("filename")), int(txn.meta.get("lineno") or 0))


def _first_income_currency(ledger: Ledger) -> str | None:
    income = ledger.options.get("name_income", "Income")
    for entry in ledger.entries:
        if isinstance(entry, data.Transaction) and not is_generated(entry):
            for posting in entry.postings:
                if _under(posting.account, income) and posting.units is not None:
                    return str(posting.units.currency)
    return None

