"""Names in an export to channels and people: ``import.map`` and ``import.people``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from beancount_timeroi.i18n import _
from beancount_timeroi.names import OWNER, name_key


class Names:
    """A lookup of ``import:`` names: exact first, then case-insensitive with
    spaces collapsed (two names that only differ that way and disagree only
    match exactly)."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.exact = {str(name).strip(): value for name, value in mapping.items()}
        folded: dict[str, str | None] = {}
        for name, value in self.exact.items():
            key = name_key(name)
            folded[key] = value if folded.get(key, value) == value else None
        self.folded = folded

    def get(self, name: str) -> str | None:
        name = name.strip()
        if not name:
            return None
        if name in self.exact:
            return self.exact[name]
        return self.folded.get(name_key(name))


class Label(NamedTuple):
    """A name in an export that may map to a channel: ``project 'Blog'``."""

    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.kind} '{self.name}'"


def suggested_slug(name: str) -> str:
    """A channel slug to show in a hint: the name's last word, in plain letters.

    >>> suggested_slug("Réseaux sociaux – LinkedIn")
    'linkedin'
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", plain)
    return words[-1] if words else "channel"


def map_hint(label: Label) -> str:
    """``import: {map: {"Social - Tiktok": tiktok}}`` for a label."""
    return f"import: {{map: {{{_quoted(label.name)}: {suggested_slug(label.name)}}}}}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ChannelMatch(NamedTuple):
    """The channel of a row, or the message saying why it has none."""

    channel: str | None
    message: str | None


def match_channel(names: Names, labels: Sequence[Label], no_labels: str) -> ChannelMatch:
    """The one channel that the row's labels map to.

    Every label is looked up; labels mapping to nothing are fine as long as
    exactly one channel comes out. No label at all gives ``no_labels``.
    """
    labels = [label for label in labels if label.name.strip()]
    if not labels:
        return ChannelMatch(None, no_labels)
    found: dict[str, Label] = {}
    for label in labels:
        channel = names.get(label.name)
        if channel is not None and channel not in found:
            found[channel] = label
    if len(found) == 1:
        return ChannelMatch(next(iter(found)), None)
    if not found:
        if len(labels) == 1:
            return ChannelMatch(
                None,
                _("{label} is not in import.map; add it to the config, like {hint}").format(
                    label=labels[0], hint=map_hint(labels[0])
                ),
            )
        return ChannelMatch(
            None,
            _(
                "none of {labels} is in import.map; add one of them to the config, like {hint}"
            ).format(labels=", ".join(str(label) for label in labels), hint=map_hint(labels[0])),
        )
    (first, first_label), (second, second_label) = list(found.items())[:2]
    return ChannelMatch(
        None,
        _(
            "{first_label} maps to '{first}' but {second_label} maps to '{second}', and a time "
            "entry goes to one channel; change import.map or the entry so that one of them applies"
        ).format(first_label=first_label, first=first, second_label=second_label, second=second),
    )


def account_channel(names: Names, account: str) -> ChannelMatch:
    """The channel of an hledger account: its full name, else its last component."""
    account = account.strip()
    last = account.rsplit(":", 1)[-1].strip()
    channel = names.get(account)
    if channel is None and last != account:
        channel = names.get(last)
    if channel is not None:
        return ChannelMatch(channel, None)
    label = Label(_("account"), account)
    if last == account:
        return ChannelMatch(
            None,
            _("{label} is not in import.map; add it to the config, like {hint}").format(
                label=label, hint=map_hint(label)
            ),
        )
    return ChannelMatch(
        None,
        _(
            "{label} is not in import.map, nor its last part '{last}'; add one of them to the "
            "config, like {hint}"
        ).format(label=label, last=last, hint=map_hint(Label(label.kind, last))),
    )


class People:
    """Who a row's user is: ``import.people``, else the owner when the export
    has a single user, else nobody (a problem)."""

    def __init__(self, mapping: Mapping[str, str], users: Iterable[str]) -> None:
        self.names = Names(mapping)
        self.users = {name_key(user) for user in users if user.strip()}

    def person(self, user: str, email: str = "") -> PersonMatch:
        """The row's person (None: the owner), or the message saying why there is none."""
        for name in (user, email):
            person = self.names.get(name)
            if person is not None:
                return PersonMatch(None if person == OWNER else person, None)
        if len(self.users) <= 1:
            return PersonMatch(None, None)
        if not user.strip():
            return PersonMatch(
                None,
                _(
                    "it has no user and the export has {count} users, so it cannot be taken for "
                    "the owner's; fill in its user in the tracker and export again"
                ).format(count=len(self.users)),
            )
        first = _person_slug(user)
        return PersonMatch(
            None,
            _(
                "user '{user}' is not in import.people, and with {count} users in the export it "
                "cannot be taken for the owner; add it to the config, like "
                "import: {{people: {{{quoted}: {person}}}}} (or {quoted}: owner)"
            ).format(user=user, count=len(self.users), quoted=_quoted(user), person=first),
        )


class PersonMatch(NamedTuple):
    """A row's person (None: the owner), or the message saying why it has none."""

    person: str | None
    message: str | None


def _person_slug(user: str) -> str:
    plain = unicodedata.normalize("NFKD", user).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", plain)
    return words[0] if words else "someone"
