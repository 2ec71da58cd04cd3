"""Camille's time budgets (SPEC 14): how much each channel may take of her week.

A budget is hours (a plain number) or money in CAD (the channel's time cost
plus its cash cost) per day, week, month, quarter or year, for one channel
of `studio.CHANNELS` or for all of them together (``"*"``). It holds from
its day until the next budget of the same kind for the same channel, and an
amount of 0 ends it. Against the demo's 2025 figures, the LinkedIn hours
(cut in July 2025), the hours of all channels and the newsletter's money stay
under their budgets; Facebook's hours (a budget ended in April 2025) and
Instagram's money go over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from beancount_timeroi.example.demo.studio import CHANNELS, FIRST_DAY, MAUDE_START
from beancount_timeroi.example.ledger_text import (
    ALL_CHANNELS,
    BUDGET_PERIODS,
    CURRENCY,
    Directive,
    time_budget,
)


@dataclass(frozen=True)
class Budget:
    """One ``custom "time-budget"``: an amount per period from a day on (0 ends it)."""

    day: date
    amount: Decimal
    period: str
    money: bool = False  # CAD (time cost + cash cost) rather than hours

    def directive(self, channel: str) -> Directive:
        """The directive that sets it for ``channel``."""
        currency = CURRENCY if self.money else None
        return time_budget(self.day, channel, self.amount, self.period, currency)


@dataclass(frozen=True)
class ChannelBudgets:
    """A channel's budgets, in date order, and why Camille set them (a comment line)."""

    channel: str  # a slug of `studio.CHANNELS`, or `ALL_CHANNELS`
    why: str
    budgets: tuple[Budget, ...]


LINKEDIN_CUT = date(2025, 7, 1)  # LinkedIn's weekly hours go from three to two
FACEBOOK_CAP_ENDS = date(2025, 4, 1)  # Julie, invoicing from March 2025, runs the page

BUDGETS = (
    ChannelBudgets(
        ALL_CHANNELS,
        "Client work first: eight hours a week of marketing, all channels together.",
        (Budget(FIRST_DAY, Decimal(8), "weekly"),),
    ),
    ChannelBudgets(
        "linkedin",
        "LinkedIn brings the most clients: three hours a week, two from July 2025.",
        (Budget(FIRST_DAY, Decimal(3), "weekly"), Budget(LINKEDIN_CUT, Decimal(2), "weekly")),
    ),
    ChannelBudgets(
        "instagram",
        "Instagram brings few contracts: 300 CAD a month, hours and costs together.",
        (Budget(FIRST_DAY, Decimal("300.00"), "monthly", money=True),),
    ),
    ChannelBudgets(
        "facebook",
        "Facebook: six hours a month once Maude came, until Julie took over the page.",
        (
            Budget(MAUDE_START, Decimal(6), "monthly"),
            Budget(FACEBOOK_CAP_ENDS, Decimal(0), "monthly"),
        ),
    ),
    ChannelBudgets(
        "newsletter",
        "Newsletter: about two hours an issue and the mailing plan, 200 CAD a month.",
        (Budget(FIRST_DAY, Decimal("200.00"), "monthly", money=True),),
    ),
)
"""Camille's budgets, as the ledger lists them: all channels, then channel by channel."""


def check_budgets(budgets: tuple[ChannelBudgets, ...] = BUDGETS) -> None:
    """Each budget names a channel of `CHANNELS` (by its slug) or ``"*"``, once, a known
    period and an amount of zero or more; its dates go up, and a 0 ends a budget."""
    slugs = {channel.slug for channel in CHANNELS} | {ALL_CHANNELS}
    seen: set[str] = set()
    for group in budgets:
        if group.channel not in slugs or group.channel in seen:
            raise ValueError(f"time budgets of an unknown or repeated channel: {group.channel}")
        seen.add(group.channel)
        held: dict[bool, Decimal] = {}  # money or hours -> the amount in force
        days = [budget.day for budget in group.budgets]
        if days != sorted(set(days)):
            raise ValueError(f"{group.channel}'s time budgets are not in date order")
        for budget in group.budgets:
            if budget.period not in BUDGET_PERIODS or budget.amount < 0:
                raise ValueError(f"{group.channel}: not a budget: {budget}")
            if budget.amount == 0 and not held.get(budget.money):
                raise ValueError(f"{group.channel}: {budget.day} ends no budget")
            held[budget.money] = budget.amount
