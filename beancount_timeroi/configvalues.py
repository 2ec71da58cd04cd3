"""Checks of the values of a YAML config, each problem an error at its line.

Each check takes the ``Where`` of the document (its tree, file and the
ledger's roots), the path of the value and the value, and gives the checked
value and its errors (none when it is fine): ``positive(where, ("rate",),
value, msg("an hourly rate"))``. Messages name the key where the problem is,
"In timeroi.yaml, people > alex > item 1: ...", and quote what was written.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from beancount.core import account as account_lib
from beancount.core import amount as amount_lib
from beancount.core import data

from beancount_timeroi.errors import Msg, Param, Text, TimeRoiError, join, msg
from beancount_timeroi.names import SLUG_RE, slug_like, suggestion
from beancount_timeroi.yamlsource import Path, YamlTree

CURRENCY_RE = re.compile(amount_lib.CURRENCY_RE)

T = TypeVar("T")
Checked = tuple[T, list[TimeRoiError]]
"""A checked value and the errors found in it (none: it is fine)."""


@dataclass(frozen=True)
class Where:
    """Where a config's values come from: its tree, its file (``name`` in messages),
    and the ledger's five roots (assets, liabilities, equity, income, expenses)."""

    tree: YamlTree
    filename: str
    name: Text
    roots: tuple[str, ...]  # assets, liabilities, equity, income, expenses

    @property
    def income(self) -> str:
        return self.roots[3]

    @property
    def expenses(self) -> str:
        return self.roots[4]

    def meta(self, path: Path) -> data.Meta:
        return data.new_metadata(self.filename, self.tree.line(path))

    def error(self, path: Path, message: Param) -> TimeRoiError:
        """A problem at ``path``: "In timeroi.yaml, people > alex > item 1: ..."."""
        where = join(
            (msg("item {number}", number=part + 1) if isinstance(part, int) else str(part))
            for part in path
        )
        where = where._replace(separator=" > ")
        text = (
            msg("In {name}, {key}: {message}", name=self.name, key=where, message=message)
            if path
            else msg("In {name}: {message}", name=self.name, message=message)
        )
        return TimeRoiError(self.meta(path), text, None)


# -- scalar checks -----------------------------------------------------------------------


def describe(value: Any) -> Param:
    """What the user wrote, shown in a message's "got ..."."""
    if value is None:
        return msg("nothing")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return msg("a group of keys")
    if isinstance(value, list):
        return msg("a list")
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text) if isinstance(value, str) else text


def unknown_key(key: str, known: Sequence[str]) -> Msg:
    hint = suggestion(key, known)
    if hint:
        return msg("unknown key '{key}'{hint}", key=key, hint=hint)
    return msg("unknown key '{key}' (the keys are: {keys})", key=key, keys=", ".join(known))


def text(where: Where, path: Path, value: Any, what: Msg) -> Checked[str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), []
    return None, [
        where.error(path, msg("expected {what}, got {got}", what=what, got=describe(value)))
    ]


def currency(
    where: Where, path: Path, value: Any, example: Msg | None = None
) -> Checked[str | None]:
    if isinstance(value, str) and CURRENCY_RE.fullmatch(value):
        return value, []
    message = msg(
        "expected a commodity like {example} (capital letters), got {got}",
        example=example or msg("CAD or EUR"),
        got=describe(value),
    )
    return None, [where.error(path, message)]


def positive(
    where: Where, path: Path, value: Any, what: Msg, maximum: Decimal | None = None
) -> Checked[Decimal | None]:
    if isinstance(value, str):
        with contextlib.suppress(ArithmeticError):
            value = Decimal(value.strip())
    if isinstance(value, str):
        message = msg(
            "expected {what} written as a plain number, like 85 or 85.50 (a dot for "
            "decimals, no currency or other text), got {got}",
            what=what,
            got=describe(value),
        )
    elif isinstance(value, Decimal) and value.is_finite() and value > 0:
        if maximum is None or value <= maximum:
            return value, []
        message = msg(
            "expected {what} of at most {maximum}, got {got}",
            what=what,
            maximum=maximum,
            got=describe(value),
        )
    else:
        message = msg(
            "expected {what} greater than zero, got {got}", what=what, got=describe(value)
        )
    return None, [where.error(path, message)]


def choice(where: Where, path: Path, value: Any, choices: tuple[str, ...]) -> Checked[str | None]:
    if isinstance(value, str) and value in choices:
        return value, []
    hint = suggestion(value, choices) if isinstance(value, str) else ""
    message = msg(
        "expected one of {choices}, got {got}{hint}",
        choices=", ".join(choices),
        got=describe(value),
        hint=hint,
    )
    return None, [where.error(path, message)]


def mapping(where: Where, path: Path, value: Any, example: Msg) -> Checked[dict[str, Any]]:
    """A group of keys; ``example`` shows how to write it."""
    if isinstance(value, dict):
        return value, []
    if value is None:
        return {}, []
    message = msg("write it like {example}, got {got}", example=example, got=describe(value))
    return {}, [where.error(path, message)]


def keys(
    where: Where, path: Path, value: dict[str, Any], allowed: tuple[str, ...]
) -> list[TimeRoiError]:
    return [
        where.error(path + (key,), unknown_key(key, allowed)) for key in value if key not in allowed
    ]


def slug(where: Where, path: Path, value: Any) -> Checked[str | None]:
    if isinstance(value, str) and SLUG_RE.fullmatch(value.casefold()):
        return value.casefold(), []
    message = msg(
        "{got} is not a channel name: use lowercase letters, digits, '-' and '_', "
        "starting with a letter or digit, like {example}",
        got=describe(value),
        example=slug_like(str(value)),
    )
    return None, [where.error(path, message)]


def account(where: Where, path: Path, value: Any, under: str | None) -> Checked[str | None]:
    """An account name, under ``under`` (else under any of the ledger's roots)."""
    if not (isinstance(value, str) and account_lib.is_valid(value)):
        message = msg(
            "expected a Beancount account name like Expenses:Marketing:Time, got {got}",
            got=describe(value),
        )
        return None, [where.error(path, message)]
    roots = [under] if under is not None else list(where.roots)
    root = value.split(":", 1)[0]
    if root in roots:
        return value, []
    close = difflib.get_close_matches(root, roots, n=1)
    hint: Param = (
        msg("; did you mean {account}?", account=value.replace(root, close[0], 1)) if close else ""
    )
    either = msg(" or ")  # its own statement, so that the catalog's extractor finds it
    message = msg(
        "the account {account} must be under {roots}{hint}",
        account=value,
        roots=join(roots, either),
        hint=hint,
    )
    return None, [where.error(path, message)]


def date(where: Where, path: Path, value: Any) -> Checked[datetime.date | None]:
    if isinstance(value, datetime.date):
        return value, []
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return datetime.date.fromisoformat(value.strip()), []
    message = msg("expected a date like 2025-01-01, got {got}", got=describe(value))
    return None, [where.error(path, message)]


def boolean(where: Where, value: Any, key: str) -> Checked[bool | None]:
    if isinstance(value, bool):
        return value, []
    message = msg("expected true or false, got {got}", got=describe(value))
    return None, [where.error((key,), message)]
