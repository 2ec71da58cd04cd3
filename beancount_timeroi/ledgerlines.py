"""The lines of the ledger a report is made of: each valued time entry, rate and
attributed posting, with the file and line the user wrote it on."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from beancount_timeroi.errors import Text
from beancount_timeroi.money import ZERO, quantize


class Source(NamedTuple):
    """A file the ledger was read from, relative to the top-level ledger's folder."""

    file: str
    sha256: str


class Location(NamedTuple):
    """A line the user wrote."""

    file: str
    line: int


class ReportError(NamedTuple):
    """An error of the ledger: ours untranslated (a ``Msg``), Beancount's as it wrote it."""

    location: Location
    message: Text
    ours: bool = True  # from beancount-timeroi (not another plugin or Beancount itself)


class TimeLine(NamedTuple):
    """One valued time entry, for the time log schedule (``content``: the piece its
    hours produced or spread, SPEC 13)."""

    date: datetime.date
    person: str
    channel: str
    activity: str | None
    description: str | None
    hours_exact: Fraction
    rate: Decimal
    value: Decimal
    location: Location
    content: str | None = None

    @property
    def hours(self) -> Decimal:
        return quantize(self.hours_exact, 4)


class RateLine(NamedTuple):
    """An hourly rate in the schedule; ``since`` None means from the beginning."""

    person: str
    since: datetime.date | None
    rate: Decimal
    currency: str
    location: Location


class ShareLine(NamedTuple):
    """A posting's share for one channel and content (None: no content)."""

    channel: str
    amount: Decimal
    content: str | None = None


class PostingLine(NamedTuple):
    """An income or cash-cost posting with its channel shares (empty: unattributed).

    ``amount`` is in the report currency, rounded to the cent; ``original``
    is the posting's own amount when it was converted. ``location`` is the
    posting's line, ``transaction`` its transaction's.
    """

    date: datetime.date
    client: str | None
    payee: str | None
    narration: str
    account: str
    amount: Decimal
    original: str | None
    shares: tuple[ShareLine, ...]
    rule: str | None
    location: Location
    kind: str = "income"  # or "cost"
    transaction: Location | None = None

    @property
    def channel_shares(self) -> tuple[ShareLine, ...]:
        """The shares summed per channel, whatever their contents."""
        if len(self.shares) < 2:
            return tuple(share._replace(content=None) for share in self.shares)
        sums: dict[str, Decimal] = {}
        for share in self.shares:
            sums[share.channel] = sums.get(share.channel, ZERO) + share.amount
        return tuple(ShareLine(channel, amount) for channel, amount in sums.items())

    @property
    def content_shares(self) -> tuple[ShareLine, ...]:
        """The shares that go to a content."""
        return tuple(share for share in self.shares if share.content is not None)


class NotMoney(NamedTuple):
    """Postings in a commodity that is never money (vacation hours, a 401k allowance):
    left out of revenue and costs, and no error (SPEC 11)."""

    commodity: str
    postings: int
    units: Decimal


class NewClient(NamedTuple):
    """A client whose first income, in the period, gave the channel a share."""

    channel: str
    client: str
    date: datetime.date
    location: Location
