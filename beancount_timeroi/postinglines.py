"""The income and cash-cost postings of a period, read into posting lines.

Each income posting gets its channel shares from the first rule that applies
(posting ``channel:``, transaction ``channel:``, channel tags, the client's
touches, else none: unattributed), converted to the report currency with the
posting's price or the ledger's, rounded to the cent, split by largest
remainder; each cash cost with a channel (rules 1-3) likewise. What cannot be
converted is an error, or listed when its commodity is never money.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from beancount.core import data
from beancount.core.amount import Amount

from beancount_timeroi.attribution import attribute, shares, touch_weights
from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.errors import msg
from beancount_timeroi.ledgerlines import Location, PostingLine, ReportError, ShareLine
from beancount_timeroi.money import ZERO
from beancount_timeroi.postings import EXPENSE, INCOME, currency_of
from beancount_timeroi.touches import client_of

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.engine import LedgerIndex


class Movements:
    """How much each channel's time account and the offset account moved, in the report
    currency, and which of them have postings in another (``books-match``)."""

    def __init__(self, index: LedgerIndex) -> None:
        assert index.config is not None and index.time is not None
        self.currency = index.currency
        self.tracked = {channel.account for channel in index.time.channels.channels.values()}
        self.tracked.add(index.config.offset_account)
        self.moves: dict[str, Decimal] = defaultdict(Decimal)
        self.foreign: set[str] = set()

    def add(self, txn: data.Transaction) -> None:
        for posting in txn.postings:
            if posting.account in self.tracked:
                units = posting.units
                if (
                    units is not None
                    and units.currency == self.currency
                    and units.number is not None
                ):
                    self.moves[posting.account] += units.number
                else:
                    self.foreign.add(posting.account)


class PostingReader:
    """The transactions of a period, read one by one into posting lines."""

    def __init__(self, index: LedgerIndex, model: str, compare_models: bool) -> None:
        assert index.config is not None and index.time is not None
        assert index.kinds is not None and index.prices is not None
        assert index.touches is not None
        self.index = index
        self.kinds = index.kinds
        self.prices = index.prices
        self.channels = index.time.channels
        self.contents = index.time.contents
        self.model = model
        self.touches = index.touches
        self.income: list[PostingLine] = []
        self.costs: list[PostingLine] = []
        self.unconverted: list[PostingLine] = []
        self.not_money: dict[str, tuple[int, Decimal]] = {}
        self.errors: list[ReportError] = []
        self.income_total = ZERO
        self.model_shares: dict[str, list[ShareLine]] | None = (
            {name: [] for name in ATTRIBUTION_MODELS} if compare_models else None
        )

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
            self.income.append(posting_line(self.index, txn, posting, client, revenue, [], None))
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
        self.income.append(
            posting_line(self.index, txn, posting, client, revenue, shared, found.rule)
        )

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
        self.costs.append(
            posting_line(self.index, txn, posting, client, cost, shared, rule, kind="cost")
        )

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
        commodity = str(currency_of(posting))
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
        self.unconverted.append(
            posting_line(self.index, txn, posting, client_of(txn), ZERO, [], None, kind=kind)
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


def _negated(units: Amount | None) -> Amount | None:
    if units is None or units.number is None:
        return None
    return Amount(-units.number, units.currency)


def posting_line(
    index: LedgerIndex,
    txn: data.Transaction,
    posting: data.Posting,
    client: str | None,
    amount: Decimal,
    shared: Sequence[tuple[str, str | None, Decimal]],
    rule: str | None,
    kind: str = "income",
) -> PostingLine:
    """One posting's line: ``amount`` in the report currency, and its shares."""
    original = None if currency_of(posting) == index.currency else str(posting.units)
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
        index.location(posting.meta or txn.meta),
        kind,
        index.location(txn.meta),
    )
