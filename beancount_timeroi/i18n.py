"""Marks the strings users read, so they can be translated.

``_("no hourly rate for {person} on {date}").format(...)``: translate the
template first, then fill it in.
"""

from __future__ import annotations


def _(message: str) -> str:
    """The user's language version of ``message`` (English is the reference)."""
    return message
