"""The two checks that tie the report to the books (SPEC 5.1).

- ``books-match``: for each channel, the movement of its time account in the
  period equals its time cost (and the offset account moved by minus the
  total): catches hand edits and other plugins. Not applicable when the
  plugin writes nothing (``generate: false``).
- ``revenue-reconciles``: attributed + unattributed revenue equals the
  period's income postings summed on their own, and no posting was left out
  for want of a price.

Both are pure functions of the period's lines and the report's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from beancount_timeroi.errors import Figure, Msg, join, msg, msgn
from beancount_timeroi.money import ZERO, cents
from beancount_timeroi.report import Check, Figures

if TYPE_CHECKING:  # pragma: no cover
    from beancount_timeroi.engine import LedgerIndex, Lines

BOOKS_MATCH, REVENUE_RECONCILES = "books-match", "revenue-reconciles"


def nothing(*, config_read: bool) -> tuple[Check, Check]:
    """Both checks of a report with nothing computed: no date, or a config in error."""
    why = (
        msg("nothing to check")
        if config_read
        else msg("nothing to check: the config has errors, so nothing was computed")
    )
    return Check(BOOKS_MATCH, True, why), Check(REVENUE_RECONCILES, True, why)


def books_match(index: LedgerIndex, lines: Lines, rows: Sequence[Figures]) -> Check:
    """Each channel's time account moved by the value of its time entries."""
    assert index.config is not None and index.time is not None
    if not index.config.generate:
        return Check(
            BOOKS_MATCH, True, msg("not applicable: generate is false, no entries are written")
        )
    if not (lines.time or lines.foreign or any(lines.moves.values())):
        return Check(BOOKS_MATCH, True, msg("nothing to check"))
    problems: list[Msg] = []
    channels = index.time.channels.channels
    for row in rows:
        channel = channels.get(str(row.channel))
        if channel is None:
            continue
        moved = cents(lines.moves.get(channel.account, ZERO))
        if channel.account in lines.foreign:
            problems.append(
                msg("{account} has postings in another currency", account=channel.account)
            )
        if moved != row.time_cost:
            problems.append(
                msg(
                    "{account} moved {moved} but the time entries of '{channel}' are worth {value}",
                    account=channel.account,
                    moved=Figure(moved),
                    channel=row.channel,
                    value=Figure(row.time_cost),
                )
            )
    offset_account = index.config.offset_account
    offset = cents(lines.moves.get(offset_account, ZERO))
    expected = -sum((row.time_cost for row in rows), ZERO)
    if offset != expected:
        problems.append(
            msg(
                "{account} moved {moved}, expected {expected}",
                account=offset_account,
                moved=Figure(offset),
                expected=Figure(expected),
            )
        )
    if problems:
        return Check(BOOKS_MATCH, False, join(problems))
    detail = msgn(
        "each channel's time account moved by its time cost ({count} channel) and "
        "{account} by {offset}",
        "each channel's time account moved by its time cost ({count} channels) and "
        "{account} by {offset}",
        len(rows),
        count=len(rows),
        account=offset_account,
        offset=Figure(expected),
    )
    return Check(BOOKS_MATCH, True, detail)


def revenue_reconciles(lines: Lines, totals: Figures, currency: str | None) -> Check:
    """Attributed + unattributed revenue is the period's income, and none was left out."""
    if not (lines.income or lines.unconverted):
        return Check(REVENUE_RECONCILES, True, msg("nothing to check"))
    attributed = totals.revenue
    unattributed = lines.unattributed
    summed = attributed + unattributed
    problems: list[Msg] = []
    if summed != lines.income_total:
        problems.append(
            msg(
                "attributed {attributed} + unattributed {unattributed} = {sum}, but the "
                "period's income postings sum to {income}",
                attributed=Figure(attributed),
                unattributed=Figure(unattributed),
                sum=Figure(summed),
                income=Figure(lines.income_total),
            )
        )
    if lines.unconverted:
        count = len(lines.unconverted)
        problems.append(
            msgn(
                "{count} posting could not be converted to {currency} and is left out",
                "{count} postings could not be converted to {currency} and are left out",
                count,
                count=count,
                currency=currency,
            )
        )
    if problems:
        return Check(REVENUE_RECONCILES, False, join(problems))
    detail = msg(
        "attributed {attributed} + unattributed {unattributed} = income {income}",
        attributed=Figure(attributed),
        unattributed=Figure(unattributed),
        income=Figure(lines.income_total),
    )
    return Check(REVENUE_RECONCILES, True, detail)
