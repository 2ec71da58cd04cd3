"""What the config says about time trackers' exports (SPEC section 8).

The ``import:`` section maps the names an export uses to channels and
people, and says how the export writes its dates; ``timezone`` turns the
UTC times of an export into dates::

    import:
      map: {"Social - LinkedIn": linkedin}
      people: {"Alex B": alex}
      date_order: DMY             # how exports write 03/02/2025: DMY, MDY or YMD
    timezone: America/Toronto
"""

from __future__ import annotations

import contextlib
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from beancount_timeroi import configvalues as check
from beancount_timeroi.errors import msg
from beancount_timeroi.names import unknown_channel

if TYPE_CHECKING:
    from beancount_timeroi.configchannels import ChannelConfig
    from beancount_timeroi.configvalues import Checked, Where
    from beancount_timeroi.yamlsource import Path

DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True)
class ImportConfig:
    """Names in time trackers' exports mapped to channels and people (SPEC section 8)."""

    channels: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)
    date_order: str | None = None
    """``DMY``, ``MDY`` or ``YMD`` for slashed dates in exports; None: decided per file."""


def parse_imports(
    where: Where, value: Any, channels: tuple[ChannelConfig, ...] | None
) -> Checked[ImportConfig]:
    """The ``import:`` section; ``channels`` are the declared ones (None: not declared)."""
    path: Path = ("import",)
    example = msg("'import: {map: {\"Social - LinkedIn\": linkedin}}'")
    section, errors = check.mapping(where, path, value, example)
    errors += check.keys(where, path, section, ("map", "people", "date_order"))
    mapped, found = _import_map(where, path + ("map",), section.get("map"), channels)
    errors += found
    people, found = _import_people(where, path + ("people",), section.get("people"))
    errors += found
    date_order = None
    if "date_order" in section:
        order = section["date_order"]
        order = order.strip().upper() if isinstance(order, str) else order
        date_order, found = check.choice(where, path + ("date_order",), order, DATE_ORDERS)
        errors += found
    return ImportConfig(channels=mapped, people=people, date_order=date_order), errors


def _import_map(
    where: Where, path: Path, value: Any, channels: tuple[ChannelConfig, ...] | None
) -> Checked[dict[str, str]]:
    """Names in exports -> channels (only declared ones, when channels are declared)."""
    known = {
        ref: channel.slug for channel in channels or () for ref in (channel.slug, *channel.aliases)
    }
    entries, errors = check.mapping(
        where, path, value, msg("'map: {\"Social - LinkedIn\": linkedin}'")
    )
    mapped: dict[str, str] = {}
    for name, target in entries.items():
        slug, found = check.slug(where, path + (name,), target)
        errors += found
        if slug is None:
            continue
        if channels is not None and slug not in known:
            errors.append(where.error(path + (name,), unknown_channel(slug, sorted(known), True)))
            continue
        mapped[name] = known.get(slug, slug)
    return mapped, errors


def _import_people(where: Where, path: Path, value: Any) -> Checked[dict[str, str]]:
    entries, errors = check.mapping(where, path, value, msg("'people: {\"Alex B\": alex}'"))
    people: dict[str, str] = {}
    for name, person in entries.items():
        checked, found = check.text(where, path + (name,), person, msg("a person's name"))
        errors += found
        if checked is not None:
            people[name] = checked
    return people, errors


def parse_timezone(where: Where, path: Path, value: Any) -> Checked[str | None]:
    """``timezone:``, an IANA time zone name."""
    if isinstance(value, str) and value.strip():
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
            zoneinfo.ZoneInfo(value.strip())
            return value.strip(), []
    message = msg(
        "expected a time zone name like America/Toronto or Europe/Paris, got {got}",
        got=check.describe(value),
    )
    return None, [where.error(path, message)]
