"""Error records of beancount-timeroi.

Every problem the plugin or the engine finds is one of these records, in
Beancount's own error shape (``source message entry``): ``source`` is the
metadata of the line the user wrote (``filename`` and ``lineno``), so
``bean-check`` and Fava's Errors page show it at that line.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from beancount.core import data

from beancount_timeroi.i18n import _

TimeRoiError = namedtuple("TimeRoiError", "source message entry")


def error_at(meta: data.Meta | None, message: str, entry: Any = None) -> TimeRoiError:
    """An error at the location of ``meta`` (a directive's or a posting's)."""
    return TimeRoiError(source_of(meta), message, entry)


def source_of(meta: data.Meta | None) -> data.Meta:
    """Only the location keys of ``meta``: what an error's ``source`` needs."""
    if not meta:
        return data.new_metadata("<timeroi>", 0)
    return data.new_metadata(meta.get("filename", "<timeroi>"), meta.get("lineno", 0))


def incomplete(kind: str, usage: str) -> str:
    """The message for a ``custom "<kind>"`` directive written with no values."""
    return _("incomplete {kind} entry: it has no values; write it as: {usage}").format(
        kind=kind, usage=usage
    )
