"""Error records, and the messages they carry, untranslated.

Every problem the plugin or the engine finds is a ``TimeRoiError``, in
Beancount's own error shape (``source message entry``): ``source`` is the
metadata of the line the user wrote (``filename`` and ``lineno``), so
``bean-check`` and Fava's Errors page show it at that line.

A message is data: its English template, marked for the translation
catalog, and its parameters::

    msg("unknown channel '{ref}'{hint}", ref="linkdin", hint=msg("; did you mean '{choice}'?",
                                                                 choice="linkedin"))

It is turned into text only where people read it (``i18n.translate``): the
plugin's errors for bean-check and Fava in the config's language, the
reports in theirs, JSON and CSV in plain English. Parameters are plain text
(shown as written: a channel, a payee), numbers, ``Figure`` (an amount,
written the language's way), other messages, and ``Join`` (a list).
"""

from __future__ import annotations

import datetime
from collections import namedtuple
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple, TypeAlias

from beancount.core import data

LANGUAGES = ("en", "fr")
"""The languages messages are written in (English, and Québec French)."""

TimeRoiError = namedtuple("TimeRoiError", "source message entry")
"""A problem at a line: its ``message`` is a ``Msg`` until the plugin, the last step
before Beancount, turns it into text."""


class Figure(NamedTuple):
    """An amount in a message: ``3,733.33`` in English, ``3 733,33`` in French,
    ``3733.33`` in machine text (JSON, CSV)."""

    value: Decimal


class Msg(NamedTuple):
    """A message: an English template (``{name}`` placeholders) and its parameters.

    With ``plural``, the template is the singular and ``number`` chooses (in
    English: the singular for 1 only; in French for 0 and 1).
    """

    template: str
    params: tuple[tuple[str, Param], ...] = ()
    plural: str | None = None
    number: int | None = None

    def __str__(self) -> str:
        """The message in English, figures as in machine text (JSON, CSV, logs, tests);
        people read it through ``i18n.translate``."""
        return english_text(self)


class Join(NamedTuple):
    """Parameters shown one after the other, with a separator (itself text or a message)."""

    parts: tuple[Param, ...]
    separator: Param = "; "

    def __str__(self) -> str:
        return english_text(self)


Param: TypeAlias = "Msg | Join | Figure | str | int | Decimal | datetime.date | None"
"""What a message may hold: plain values are shown as written."""

Text: TypeAlias = "Msg | Join | str"
"""A message of ours, or text that is already text (Beancount's own messages)."""


def N_(template: str) -> str:
    """Mark an English text for the catalog where it is defined (a usage line, a column
    heading), to be made a message or translated later."""
    return template


def msg(template: str, /, **params: Param) -> Msg:
    """A message: ``msg("no hourly rate for {person} on {date}", person=..., date=...)``."""
    return Msg(template, tuple(params.items()))


def msgn(singular: str, plural: str, count: int, /, **params: Param) -> Msg:
    """A message whose wording depends on ``count`` (pass ``count=`` too to show it)."""
    return Msg(singular, tuple(params.items()), plural, count)


def join(parts: Iterable[Param], separator: Param = "; ") -> Join:
    return Join(tuple(parts), separator)


def english_text(value: Param) -> str:
    """``value`` as English text, figures plain: the words of the English templates
    themselves, with no catalog (JSON, CSV, tests)."""
    if isinstance(value, Msg):
        template = value.template
        if value.plural is not None and value.number != 1:
            template = value.plural
        if not value.params:  # a text with no placeholders may hold braces of its own
            return template
        return template.format(**{key: english_text(param) for key, param in value.params})
    if isinstance(value, Join):
        return english_text(value.separator).join(english_text(part) for part in value.parts)
    if isinstance(value, Figure):
        return str(value.value)
    return str(value)


def error_at(meta: data.Meta | None, message: Text, entry: object = None) -> TimeRoiError:
    """An error at the location of ``meta`` (a directive's or a posting's)."""
    return TimeRoiError(source_of(meta), message, entry)


def source_of(meta: data.Meta | None) -> data.Meta:
    """Only the location keys of ``meta``: what an error's ``source`` needs."""
    if not meta:
        return data.new_metadata("<timeroi>", 0)
    return data.new_metadata(meta.get("filename", "<timeroi>"), meta.get("lineno", 0))


def incomplete(kind: str, usage: str) -> Msg:
    """The message for a ``custom "<kind>"`` directive written with no values."""
    return msg(
        "incomplete {kind} entry: it has no values; write it as: {usage}",
        kind=kind,
        usage=msg(usage),
    )
