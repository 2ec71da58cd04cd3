"""The demo's ``timeroi.yaml``, written from the same definitions as the ledger.

The people and their first rates come from `studio.RATES` (the later rates
are the ledger's ``custom "hourly-rate"`` directives, quoted in a comment
here), the channels from `studio.CHANNELS`; the rest is the commented tour of
every other key, with its default.
"""

from __future__ import annotations

from beancount_timeroi.example.demo.studio import (
    CHANNELS,
    LEDGER_NAME,
    Channel,
    first_rates,
    later_rates,
)
from beancount_timeroi.example.ledger_text import CURRENCY, OWNER, PLUGIN, hourly_rate

TIME_ACCOUNT = "Expenses:Marketing:Time"
"""The parent of the channels' time accounts, unless the config names another."""
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

INTRO = f"""\
# beancount-timeroi settings for the Studio Camille demo ledger.
#
# {LEDGER_NAME} loads this file with
#     {PLUGIN}
# (the path is relative to the folder of the top-level ledger). Every key is
# optional; the ones left out below keep their defaults, shown in comments.

# Report currency. Every hourly rate must be in it (default: the ledger's
# first operating_currency).
currency: {CURRENCY}
"""

CHANNELS_INTRO = """\
# The marketing channels. With this list, only these slugs (and their
# aliases) are channels, in tags (#linkedin), `channel:` metadata and
# `time`/`touch` directives; a typo such as "linkdin" is reported as an error.
#   name:    how reports show the channel, and the payee of generated entries
#   aliases: other words that mean the same channel (a #article tag is the blog)
#   account: where the channel's valued time goes; by default
#            Expenses:Marketing:Time:<Name>, e.g. Expenses:Marketing:Time:LinkedIn
channels:"""

DEFAULTS = """\
# Generated entries: the expense accounts' parent and the account that
# balances them. With the default offset the valued time nets to zero, so
# profit and the balance sheet do not change.
# accounts:
#   time: Expenses:Marketing:Time
#   offset: Income:Imputed:Time

# Tag on every generated transaction; `-#timeroi` in Fava hides them all.
# tag: timeroi

# false: compute the reports but add no transactions to the ledger.
# generate: true

# How income is shared among a client's `touch` directives when no tag or
# `channel:` metadata decides: first-touch, last-touch, linear, time-decay or
# position-based.
# attribution:
#   model: first-touch
#   half_life_days: 7      # for time-decay
#   window_days: 365       # only touches this recent count (default: no limit)

# Commodities that mean hours when time is logged in postings
# (e.g. `Expenses:Time:LinkedIn  1.5 HR`).
# time_units: [H, HR, HRS, HOUR, HOURS]

# For `bean-timeroi import`: map a time tracker's project, tag or client
# names to channels, and its user names to people.
# import:
#   map:
#     "Social - LinkedIn": linkedin
#   people:
#     "Maude L.": maude

# Time zone for importers' UTC timestamps (default: the machine's).
# timezone: America/Toronto   # Montréal's IANA zone

# Language of reports and messages: en or fr.
language: en
"""


def demo_config() -> str:
    """The text of the demo's ``timeroi.yaml``."""
    channels = [line for channel in CHANNELS for line in channel_lines(channel)]
    blocks = [INTRO, people_block(), "\n".join([CHANNELS_INTRO, *channels]) + "\n", DEFAULTS]
    return "\n".join(blocks)


def people_block() -> str:
    """The rates: how to set them, the ledger's raises as examples, each first rate."""
    firsts = first_rates()
    owner = next(rate for rate in firsts if rate.who == OWNER)
    helper = next(rate.who for rate in firsts if rate.who != OWNER)
    raises = [hourly_rate(rate.since, rate.per_hour, rate.who).render() for rate in later_rates()]
    width = max(len(line) for line in raises) + 3
    examples = [
        f"#     {line:<{width}}; the owner" if rate.who == OWNER else f"#     {line}"
        for line, rate in zip(raises, later_rates(), strict=True)
    ]
    count = NUMBERS[len(raises)] if len(raises) < len(NUMBERS) else str(len(raises))
    lines = [
        '# Hourly rates, per person and effective from a date. "owner" is whoever logs',
        '# a `custom "time"` entry without `who:` metadata (here Camille); other people',
        f'# add `who: "{helper}"` to their entries.',
        "#",
        "# Rates can also be set in the ledger, and both sources are combined:",
        *examples,
        f"# {LEDGER_NAME} does exactly that for the {count} later raises. The rate used for",
        "# a time entry is the person's latest rate dated on or before the entry.",
        f"# (For a single rate, `rate: {owner.per_hour.normalize():f}` is a shorthand for the"
        " owner's rate.)",
        "people:",
    ]
    for rate in firsts:
        lines += [
            f"  {rate.who}:",
            f"    - since: {rate.since}",
            f"      rate: {rate.per_hour:.2f}",
        ]
    return "\n".join(lines) + "\n"


def channel_lines(channel: Channel) -> list[str]:
    """A channel's entry under ``channels:``."""
    lines = [f"  {channel.slug}:", f"    name: {channel.name}"]
    if channel.aliases:
        lines.append(f"    aliases: [{', '.join(channel.aliases)}]")
    if channel.account:
        if channel.account == f"{TIME_ACCOUNT}:{channel.name}":
            lines.append("    # The same as the default, spelled out to show the option.")
        lines.append(f"    account: {channel.account}")
    return lines
