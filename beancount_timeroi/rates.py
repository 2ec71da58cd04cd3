"""Effective-dated hourly rates, per person, from the config and the ledger.

Rates come from the config (``rate:``, ``people:``) and from ``hourly-rate``
directives together::

    2025-01-01 custom "hourly-rate" 85.00 CAD            ; the owner's rate from this date
    2025-01-01 custom "hourly-rate" 32.00 CAD "alex"     ; another person's rate

The rate for a person on a date is the latest one dated on or before it. Two
different rates for one person and date is an error; the first one read (the
config, then the ledger in order) is kept.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from beancount_timeroi.config import MAX_RATE, Config
from beancount_timeroi.errors import N_, Msg, TimeRoiError, error_at, incomplete, msg
from beancount_timeroi.money import quantize
from beancount_timeroi.names import OWNER, name_key, suggestion

RATE_USAGE = N_('custom "hourly-rate" 85.00 CAD ["person"]')


@dataclass(frozen=True)
class Rate:
    """An hourly rate for ``person`` from ``since`` on (None: from the beginning)."""

    person: str
    since: datetime.date | None
    amount: Amount
    source: data.Meta

    @property
    def number(self) -> Decimal:
        assert self.amount.number is not None  # checked when the rate was read
        return self.amount.number


class RateSchedule:
    """Every person's rates, indexed by date for lookups in O(log n)."""

    def __init__(self, rates: Iterable[Rate]) -> None:
        by_person: dict[str, list[Rate]] = {}
        self.names: dict[str, str] = {}
        for rate in rates:
            key = name_key(rate.person)
            self.names.setdefault(key, rate.person)
            by_person.setdefault(key, []).append(rate)
        self._rates = {key: sorted(items, key=_since_key) for key, items in by_person.items()}
        self._dates = {
            key: [_since_key(rate) for rate in items] for key, items in self._rates.items()
        }

    def knows(self, person: str) -> bool:
        return name_key(person) in self._rates

    def name(self, person: str) -> str:
        """How ``person`` was first written in the config or ledger."""
        return self.names.get(name_key(person), person)

    def all_rates(self) -> list[Rate]:
        """Every rate, by person then date."""
        return [rate for key in sorted(self._rates) for rate in self._rates[key]]

    def rate_for(self, person: str, date: datetime.date) -> Rate | None:
        """The latest rate of ``person`` dated on or before ``date``."""
        key = name_key(person)
        dates = self._dates.get(key)
        if not dates:
            return None
        index = bisect.bisect_right(dates, date)
        return self._rates[key][index - 1] if index else None

    def missing_message(self, person: str, date: datetime.date) -> Msg:
        """Why there is no rate for ``person`` on ``date``, and what to add."""
        if not self._rates:
            return msg(
                "no hourly rate is set: add 'rate: 85' to the config or a line like "
                "'{date} custom \"hourly-rate\" 85.00 CAD' to the ledger",
                date=date,
            )
        if not self.knows(person) and name_key(person) == OWNER:
            return msg(
                "this entry has no who:, so it is the owner's time, and the owner has no hourly "
                "rate: add 'rate: 85' to the config or a line like "
                "'{date} custom \"hourly-rate\" 85.00 CAD' to the ledger, or name the person "
                'who spent the time, like who: "{person}"',
                date=date,
                person=next(iter(sorted(self.names.values())), "alex"),
            )
        if not self.knows(person):
            hint = suggestion(name_key(person), sorted(self.names))
            advice = msg(
                'give them a rate with a line like \'{date} custom "hourly-rate" 32.00 CAD '
                '"{person}"\' or under people: in the config',
                person=person,
                date=date,
            )
            if hint:
                return msg(
                    "unknown person '{person}'{hint} Otherwise {advice}",
                    person=person,
                    hint=hint,
                    advice=advice,
                )
            return msg("unknown person '{person}': {advice}", person=person, advice=advice)
        first = self._rates[name_key(person)][0]
        return msg(
            "no hourly rate for {person} on {date}: their first rate starts {since}; "
            "add a rate dated on or before {date}",
            person=self.name(person),
            date=date,
            since=first.since,
        )


def _since_key(rate: Rate) -> datetime.date:
    return rate.since or datetime.date.min


def report_currency(
    config: Config, options_map: Mapping[str, Any], rate_directives: Sequence[data.Custom]
) -> str | None:
    """The report currency: the config's, else the first operating currency,
    else the currency of the first ``hourly-rate`` directive."""
    if config.currency:
        return config.currency
    operating = options_map.get("operating_currency") or []
    if operating:
        return str(operating[0])
    for entry in rate_directives:
        values = entry.values or []
        if values and isinstance(values[0].value, Amount):
            return str(values[0].value.currency)
    return None


def build_schedule(
    config: Config, rate_directives: Sequence[data.Custom], currency: str | None
) -> tuple[RateSchedule, list[TimeRoiError]]:
    """The rate schedule of the config's rates and the ``hourly-rate`` directives."""
    errors: list[TimeRoiError] = []
    rates: list[Rate] = []
    if config.rates and currency is None:
        errors.append(
            error_at(
                config.source,
                msg(
                    "the config sets rates but no currency: add 'currency: CAD' (or your currency) "
                    'to the config, or \'option "operating_currency" "CAD"\' to the ledger'
                ),
            )
        )
    elif currency is not None:
        rates.extend(
            Rate(rate.person, rate.since, Amount(_at_least_cents(rate.rate), currency), rate.source)
            for rate in config.rates
        )
    for entry in rate_directives:
        rate, found = parse_rate(entry, currency)
        errors += found
        if rate is not None:
            rates.append(rate)

    kept: dict[tuple[str, datetime.date], Rate] = {}
    for rate in rates:
        key = (name_key(rate.person), _since_key(rate))
        previous = kept.get(key)
        if previous is None:
            kept[key] = rate
        elif previous.amount != rate.amount:
            errors.append(
                error_at(
                    rate.source,
                    msg(
                        "{person} already has the rate {previous} from {since} "
                        "(set at {file}:{line}); this line says {rate}: keep one",
                        person=rate.person,
                        previous=str(previous.amount),
                        since=rate.since or msg("the beginning"),
                        file=str(previous.source.get("filename")),
                        line=previous.source.get("lineno"),
                        rate=str(rate.amount),
                    ),
                )
            )
    return RateSchedule(kept.values()), errors


def _at_least_cents(number: Decimal) -> Decimal:
    """85 -> 85.00; 85.125 stays 85.125 (a rate from the config shows like money)."""
    exponent = number.as_tuple().exponent
    return quantize(number, 2) if isinstance(exponent, int) and exponent > -2 else number


def parse_rate(entry: data.Custom, currency: str | None) -> tuple[Rate | None, list[TimeRoiError]]:
    """The ``Rate`` of an ``hourly-rate`` directive, or the error that says why not."""
    values = [value.value for value in entry.values or []]
    first = values[0] if values else None
    if not isinstance(first, Amount):
        return None, [error_at(entry.meta, _not_a_rate(values), entry)]
    problem = _amount_problem(first, currency)
    if problem is None:
        problem = _person_problem(values)
    if problem is not None:
        return None, [error_at(entry.meta, problem, entry)]
    person = values[1].strip() if len(values) > 1 else OWNER
    return Rate(person, entry.date, first, entry.meta), []


def _not_a_rate(values: list[Any]) -> Msg:
    """Why a directive whose first value is not an amount has no rate."""
    if not values:
        return incomplete("hourly-rate", RATE_USAGE)
    first = values[0]
    if isinstance(first, str) and len(values) > 1 and isinstance(values[1], Amount):
        return msg(
            "the values are in the wrong order: the rate comes first, "
            "then the person; write it as: {usage}",
            usage=msg(RATE_USAGE),
        )
    if isinstance(first, Decimal):
        return msg(
            "the rate {number} has no currency; write it as: {usage}",
            number=first,
            usage=msg(RATE_USAGE),
        )
    return msg(
        "the first value must be the rate, like 85.00 CAD; write it as: {usage}",
        usage=msg(RATE_USAGE),
    )


def _amount_problem(rate: Amount, currency: str | None) -> Msg | None:
    """Why ``rate`` is not an hourly rate in ``currency`` (None: it is one)."""
    if rate.number is None or not 0 < rate.number <= MAX_RATE:
        return msg(
            "an hourly rate must be greater than zero and at most {maximum}, got {rate}",
            maximum=MAX_RATE,
            rate=str(rate),
        )
    if currency is not None and rate.currency != currency:
        return msg(
            "the rate is in {got} but the report currency is {currency}; "
            "write it in {currency} (or set 'currency: {got}' in the config)",
            got=str(rate.currency),
            currency=currency,
        )
    return None


def _person_problem(values: list[Any]) -> Msg | None:
    """Why the values after the rate do not name one person (None: they do, or are none)."""
    if len(values) > 1 and (not isinstance(values[1], str) or not values[1].strip()):
        return msg(
            'the second value must be the person, like "alex"; write it as: {usage}',
            usage=msg(RATE_USAGE),
        )
    if len(values) > 2:
        return msg("too many values; write it as: {usage}", usage=msg(RATE_USAGE))
    return None
