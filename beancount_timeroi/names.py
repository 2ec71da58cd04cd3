"""Names: channel slugs, how people's and clients' names compare, suggestions.

A channel is a slug, ``[a-z0-9][a-z0-9_-]*`` (``linkedin``, ``blog``, ``x``),
so it is also a valid tag. People and clients are compared case-insensitively
with spaces collapsed: ``"ACME  inc"`` is ``"Acme Inc"``. The owner of the
books is the person ``owner``.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from typing import Protocol

from beancount_timeroi.errors import Msg, msg

OWNER = "owner"
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")


class ChannelLookup(Protocol):
    """How the domain modules read a channel name (``channels.ChannelRegistry``): its
    slug, or why it names none."""

    def lookup(self, ref: str) -> tuple[str | None, list[Msg]]: ...


def under(account: str, root: str) -> bool:
    """Whether ``account`` is ``root`` or one of its sub-accounts."""
    return account == root or account.startswith(root + ":")


def slug_order(slug: str | None) -> tuple[bool, str]:
    """Slugs in order, then None (no content, say) last."""
    return slug is None, slug or ""


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """How people's and clients' names compare: case-insensitive, spaces collapsed."""
    return " ".join(name.split()).casefold()


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice closest to ``word``, if one is close enough to be a typo of it."""
    close = difflib.get_close_matches(word.casefold(), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(word: str, choices: Sequence[str]) -> Msg | str:
    """``; did you mean 'x'?`` for the closest choice, or nothing."""
    choice = closest(word, choices)
    return msg("; did you mean '{choice}'?", choice=choice) if choice else ""


def slug_like(text: str) -> str:
    """A channel name made from ``text``: ``My Blog`` -> ``my-blog``."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.casefold()).strip("-_")
    return slug or "linkedin"


def unknown_channel(ref: str, known: Sequence[str], declared: bool) -> Msg:
    """The message for a reference to no channel, with the closest one if any."""
    hint = suggestion(ref, known)
    if hint or not declared:
        return msg("unknown channel '{ref}'{hint}", ref=ref, hint=hint)
    return msg("unknown channel '{ref}': declare it under 'channels:' in the config", ref=ref)
