"""What a column of the report's tables is, and how each format writes its value.

A column has a machine key (its name in JSON and CSV), a heading (an English
message id, translated only when people read it; None for a field only
programs read), a kind, and the way to read its value from a row. The kind
says how each format writes the value:

- for programs (JSON, CSV), ``Column.machine``: decimals as strings with
  their fixed places (``1234.50``, a ratio ``0.4913``), counts as integers,
  ISO dates, messages in English;
- for people (text, Markdown, HTML, the Fava page), ``Column.text``: figures
  the way the language writes them (``1 234,50``, ``49,13 %``), messages
  translated, a dash for an undefined ratio;
- for the workbook (``workbook.cell_value``): numbers as numbers, hours
  exact, dates as dates.

Messages the report holds are read in one place, ``message_text``; the name
of a channel row (or of the totals row) in one place, ``row_name``. The
tables themselves are declared in ``schema``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any, Generic, Literal, TypeVar

from beancount_timeroi.errors import Figure, Join, Msg, english_text
from beancount_timeroi.i18n import N_, _, translate
from beancount_timeroi.render.formatting import NONE, Formatter
from beancount_timeroi.report import Figures

Kind = Literal[
    "text",  # ledger text or a name: as it is
    "message",  # a message of the program (or ledger text): English for programs
    "money",  # a Decimal with two places
    "hours",  # hours to two places (``exact``: as a fraction)
    "hours4",  # a time entry's hours, to four places (people read two)
    "ratio",  # a Decimal ratio such as ROI (people read a percentage)
    "count",  # an integer
    "number",  # a Decimal as the ledger wrote it
    "date",  # a datetime.date
    "month",  # ``YYYY-MM``
    "line",  # a line number in a ledger file
    "bool",  # a check's result (people read "ok" or "FAILED")
    "shares",  # a posting's channel shares
    "contents",  # a posting's content shares
    "activities",  # hours and time cost per activity (``Breakdown`` rows)
]
NUMERIC: frozenset[str] = frozenset({"money", "hours", "hours4", "ratio", "count", "number"})

R = TypeVar("R")


class Label(str):
    """A text of the program (an English message id): as it is for programs, translated
    for people."""


TOTAL = Label(N_("Total"))


def message_text(value: Any, *, machine: bool) -> str | None:
    """The text of a message the report holds: in English for programs (JSON, CSV), in
    the current language for people. Ledger text (a name, a narration) is unchanged."""
    if value is None:
        return None
    if isinstance(value, Label):
        return str(value) if machine else str(_(value))
    if isinstance(value, (Msg, Join, Figure)):
        return english_text(value) if machine else translate(value)
    return str(value)


def row_name(figures: Figures) -> Any:
    """The name of a channel row, or "Total" for the totals row: a value for
    ``message_text``."""
    return TOTAL if figures.channel is None else figures.name


def shown_name(figures: Figures) -> str:
    """The name of a channel row (or "Total") as people read it."""
    return message_text(row_name(figures), machine=False) or ""


def verdict(ok: bool) -> str:
    """A check's result as people read it."""
    return _("ok") if ok else _("FAILED")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its machine key, its heading, its kind and how to read it from a row.

    ``show`` replaces the formatted value where people read it (a channel's name
    for its slug); ``exact`` is the unrounded value a spreadsheet sums; ``blank`` is
    the message people read for no value (rates "since the beginning"); ``unit``
    is a money value's own currency when it is not the report's. A ``literal``
    heading is a name from the ledger, never translated.
    """

    key: str
    heading: str | None
    kind: Kind
    get: Callable[[R], Any]
    show: Callable[[R, Formatter], str] | None = None
    exact: Callable[[R], Any] | None = None
    blank: str | None = None
    unit: Callable[[R], str | None] | None = None
    literal: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    @property
    def title(self) -> str:
        """The heading as people read it."""
        heading = self.heading if self.heading is not None else self.key
        return heading if self.literal else str(_(heading))

    def machine(self, row: R) -> Any:
        """The value for programs: JSON-ready (a string, an integer, a boolean or None)."""
        value = self.get(row)
        if value is None:
            return None
        if self.kind == "message":
            return message_text(value, machine=True)
        if self.kind == "date":
            return value.isoformat()
        if self.kind == "shares":
            return [{"channel": share.channel, "amount": str(share.amount)} for share in value]
        if self.kind == "contents":
            return [
                {"content": share.content, "channel": share.channel, "amount": str(share.amount)}
                for share in value
            ]
        if self.kind == "activities":
            return [
                {"activity": row.key, "hours": str(row.hours), "time_cost": str(row.time_cost)}
                for row in value
            ]
        return str(value) if isinstance(value, Decimal) else value

    def text(self, row: R, fmt: Formatter) -> str:
        """The value as people read it, in the current language."""
        if self.show is not None:
            return self.show(row, fmt)
        value = self.get(row)
        if value is None and self.blank is not None:
            return str(_(self.blank))
        return _people(self.kind, value, fmt)

    def of(self, part: Callable[[Any], R], **changes: Any) -> Column[Any]:
        """This column read from a part of a larger row (one side of a comparison, one
        model's figures), ``part`` finding it; ``changes`` replace its key, heading..."""
        get, show, exact = self.get, self.show, self.exact
        return dataclasses.replace(
            self,
            get=lambda row: get(part(row)),
            show=None if show is None else (lambda row, fmt: show(part(row), fmt)),
            exact=None if exact is None else (lambda row: exact(part(row))),
            **changes,
        )

    def negative(self, row: R) -> bool:
        value = self.get(row)
        return self.numeric and isinstance(value, Decimal) and value < 0


def _people(kind: Kind, value: Any, fmt: Formatter) -> str:
    if kind in ("money", "hours", "hours4"):
        return fmt.money(value)
    if kind == "ratio":
        return fmt.percent(value)
    if kind == "count":
        return fmt.count(value)
    if kind == "number":
        return NONE if value is None else fmt.number(value)
    if value is None:
        return ""
    if kind == "message":
        return message_text(value, machine=False) or ""
    if kind == "bool":
        return verdict(value)
    if kind == "date":
        return str(value.isoformat())
    return str(value)


Columns = Sequence[Column[Any]]


def pick(columns: Columns, keys: str) -> list[Column[Any]]:
    """The columns whose keys ``keys`` names (separated by spaces), in that order:
    ``pick(SUMMARY, "channel hours roi")``."""
    by_key = {column.key: column for column in columns}
    return [by_key[key] for key in keys.split()]


def field(key: str, heading: str | None, kind: Kind, **options: Any) -> Column[Any]:
    """A column reading the row's attribute of the same name."""
    return Column(key, heading, kind, attrgetter(key), **options)
