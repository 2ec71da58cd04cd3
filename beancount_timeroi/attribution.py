"""Client touch points, and (with the engine) income and costs shared among channels.

::

    2025-03-10 custom "touch" "Acme Inc" "linkedin"      ; client Acme Inc came through LinkedIn

A client's name is compared case-insensitively with spaces collapsed, so
``"ACME  inc"`` is the same client.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from beancount.core import data

from beancount_timeroi.channels import ChannelError, ChannelRegistry
from beancount_timeroi.config import name_key
from beancount_timeroi.errors import TimeRoiError, error_at, incomplete
from beancount_timeroi.i18n import _

TOUCH_USAGE = 'custom "touch" "Client name" "linkedin"'


@dataclass(frozen=True)
class Touch:
    """A client met the business through a channel on a date."""

    date: datetime.date
    client: str
    channel: str
    meta: data.Meta

    @property
    def client_key(self) -> str:
        return name_key(self.client)


def parse_touch(entry: data.Custom, channels: ChannelRegistry) -> Touch | TimeRoiError:
    """The ``Touch`` of a ``touch`` directive, or the one error that says why not."""
    values = [value.value for value in entry.values or []]

    def fail(message: str) -> TimeRoiError:
        return error_at(entry.meta, message, entry)

    if not values:
        return fail(incomplete("touch", TOUCH_USAGE))
    if len(values) < 2:
        return fail(_(
            "incomplete touch: it needs a client and a channel; write it as: {usage}"
        ).format(usage=TOUCH_USAGE))
    if len(values) > 2:
        return fail(_("too many values; write it as: {usage}").format(usage=TOUCH_USAGE))
    client, channel = values
    if not isinstance(client, str) or not client.strip() or not isinstance(channel, str):
        return fail(_(
            "a touch takes two quoted texts, the client then the channel; write it as: {usage}"
        ).format(usage=TOUCH_USAGE))
    if channels.resolve(channel) is None and channels.resolve(client) is not None:
        return fail(_("the values are in the wrong order: the client comes first, "
                      "then the channel; write it as: {usage}").format(usage=TOUCH_USAGE))
    try:
        slug = channels.lookup(channel)
    except ChannelError as exc:
        return fail(str(exc))
    return Touch(entry.date, " ".join(client.split()), slug, entry.meta)
