"""Which postings count, and what they are worth in the report currency.

An income posting is revenue only under the config's ``income`` prefixes,
an expense posting a cash cost only under its ``costs`` prefixes (SPEC 11);
postings in time units are neither. Amounts in another currency are
converted with the posting's own ``@`` price, else the ledger's latest price
on or before their date (SPEC 3); a commodity that is never money (vacation
hours, a 401k allowance) is set apart instead.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data, prices
from beancount.core.amount import Amount

from beancount_timeroi.config import Config
from beancount_timeroi.money import cents
from beancount_timeroi.names import under

OTHER, INCOME, EXPENSE = 0, 1, 2


def currency_of(posting: data.Posting) -> str | None:
    """The commodity of a posting's units (None when it has none)."""
    return str(posting.units.currency) if posting.units is not None else None


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
                if account != self.offset and any(under(account, p) for p in self.income):
                    kind = INCOME
                elif any(under(account, prefix) for prefix in self.costs):
                    kind = EXPENSE
            self._known[key] = kind
        return kind


@functools.cache
def iso_currencies() -> frozenset[str]:
    """The codes of ISO 4217, current and historical (Babel's list)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


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
        operating = options.get("operating_currency") or ()
        self.operating = frozenset(str(name) for name in operating)
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
