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
TAG_RE = re.compile(r"[A-Za-z0-9\-_/.]+")

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


def boolean(where: Where, path: Path, value: Any) -> Checked[bool | None]:
    if isinstance(value, bool):
        return value, []
    message = msg("expected true or false, got {got}", got=describe(value))
    return None, [where.error(path, message)]


def whole_days(where: Where, path: Path, days: Any) -> Checked[int | None]:
    """A whole number of days greater than zero; None when not written."""
    if days is None:
        return None, []
    if isinstance(days, Decimal) and days.is_finite() and days > 0 and days == int(days):
        return int(days), []
    message = msg(
        "expected a whole number of days greater than zero, like 365, got {got}",
        got=describe(days),
    )
    return None, [where.error(path, message)]


def tag(where: Where, path: Path, value: Any) -> Checked[str | None]:
    """A Beancount tag, with or without its ``#``."""
    if isinstance(value, str) and TAG_RE.fullmatch(value.lstrip("#")):
        return value.lstrip("#"), []
    message = msg(
        "expected a tag (letters, digits, '-', '_', '/', '.'), got {got}", got=describe(value)
    )
    return None, [where.error(path, message)]


def file_name(where: Where, path: Path, value: Any) -> Checked[str | None]:
    """A file name (a path relative to the top-level ledger's folder, or absolute)."""
    if isinstance(value, str) and value.strip() and "\n" not in value:
        return value.strip(), []
    message = msg(
        "expected a file name like time.beancount (relative to the ledger's folder), got {got}",
        got=describe(value),
    )
    return None, [where.error(path, message)]


# -- lists -------------------------------------------------------------------------------


def time_units(where: Where, path: Path, value: Any) -> Checked[tuple[str, ...]]:
    """One commodity that means hours, or a list of them."""
    items = value if isinstance(value, list) else [value]
    units: list[str] = []
    errors: list[TimeRoiError] = []
    for index, unit in enumerate(items):
        checked, found = currency(
            where, path + (index,) if isinstance(value, list) else path, unit, msg("H or HOURS")
        )
        errors += found
        if checked is not None:
            units.append(checked)
    if value == []:
        errors.append(where.error(path, msg("list at least one unit, like [H, HR, HOURS]")))
    return tuple(units), errors


def prefixes(where: Where, path: Path, value: Any, under: str) -> Checked[tuple[str, ...] | None]:
    """One account, or a list of them, under the root ``under`` (the root itself too)."""
    items = value if isinstance(value, list) else [value]
    if not items:
        message = msg("list at least one account, like [{root}:Business]", root=under)
        return None, [where.error(path, message)]
    accounts: list[str] = []
    errors: list[TimeRoiError] = []
    for index, item in enumerate(items):
        if item == under:
            accounts.append(item)
            continue
        checked, found = account(
            where, path + (index,) if isinstance(value, list) else path, item, under
        )
        errors += found
        if checked is not None:
            accounts.append(checked)
    return (tuple(accounts) if not errors else None), errors
