"""The plugin's configuration: the ``Config`` record, and what each key means.

The configuration is YAML, in a file or inline on the ``plugin`` line
(``ledger.read_config`` finds it)::

    plugin "beancount_timeroi" "timeroi.yaml"
    plugin "beancount_timeroi" "{currency: CAD, rate: 85}"

``parse_config`` checks its tree, one pure function per section, and gives
the ``Config`` or one error per problem, at the line of the key (inline YAML:
at the ``plugin`` line). A configuration with any problem gives no
``Config``: the plugin then leaves the ledger as it is rather than value
time under a half-read configuration.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from beancount_timeroi import configvalues as check
from beancount_timeroi.configvalues import Checked, Where
from beancount_timeroi.errors import Text, TimeRoiError, msg
from beancount_timeroi.names import unknown_channel
from beancount_timeroi.yamlsource import Path, YamlTree

PLUGIN_MODULE = "beancount_timeroi"

TAG_RE = re.compile(r"[A-Za-z0-9\-_/.]+")

MAX_RATE = Decimal(1_000_000)
"""The highest hourly rate accepted: more is a typo (or a test of the software)."""
HOUR_UNITS = ("H", "HR", "HRS", "HOUR", "HOURS")
ATTRIBUTION_MODELS = ("first-touch", "last-touch", "linear", "time-decay", "position-based")
LANGUAGES = ("en", "fr")
DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True)
class ChannelConfig:
    """A channel declared under ``channels:``."""

    slug: str
    name: str | None
    account: str | None
    aliases: tuple[str, ...]
    source: data.Meta


@dataclass(frozen=True)
class RateConfig:
    """An hourly rate from ``rate:`` or ``people:``; ``since`` None means all dates."""

    person: str
    since: datetime.date | None
    rate: Decimal
    source: data.Meta


@dataclass(frozen=True)
class AttributionConfig:
    """How a client's touches share its income (SPEC section 9)."""

    model: str = "first-touch"
    half_life_days: Decimal = Decimal(7)
    window_days: int | None = None


@dataclass(frozen=True)
class ImportConfig:
    """Names in time trackers' exports mapped to channels and people (SPEC section 8)."""

    channels: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)
    date_order: str | None = None
    """``DMY``, ``MDY`` or ``YMD`` for slashed dates in exports; None: decided per file."""


@dataclass(frozen=True)
class Config:
    """A valid configuration, defaults filled in except what needs the ledger."""

    currency: str | None = None
    rates: tuple[RateConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] | None = None
    time_account: str = "Expenses:Marketing:Time"
    offset_account: str = "Income:Imputed:Time"
    tag: str = "timeroi"
    generate: bool = True
    time_units: tuple[str, ...] = HOUR_UNITS
    attribution: AttributionConfig = AttributionConfig()
    imports: ImportConfig = ImportConfig()
    timezone: str | None = None
    language: str | None = None
    income: tuple[str, ...] | None = None
    """Account prefixes whose postings are revenue (SPEC 11); None: the whole income root."""
    costs: tuple[str, ...] | None = None
    """Account prefixes whose postings can be cash costs; None: the whole expenses root."""
    log_file: str | None = None
    """Where ``log``, ``stop`` and the Fava form write (SPEC 12), relative to the top-level
    ledger's folder; None: the top-level ledger file (Fava: where it puts new entries)."""
    source: data.Meta = field(default_factory=lambda: data.new_metadata("<timeroi>", 0))


def plugin_config_strings(options_map: Mapping[str, Any]) -> list[str | None]:
    """The config strings of every ``plugin "beancount_timeroi"`` line, in order."""
    return [conf for name, conf in options_map.get("plugin", []) if name == PLUGIN_MODULE]


def config_file(config_str: str | None, options_map: Mapping[str, Any]) -> str | None:
    """The config file a plugin string names (relative to the top-level ledger's
    folder), or None when the string is empty or inline YAML."""
    text = (config_str or "").strip()
    if not text or is_inline(text):
        return None
    folder = os.path.dirname(os.path.abspath(options_map.get("filename") or "<string>"))
    return os.path.normpath(os.path.join(folder, text))


def is_inline(text: str) -> bool:
    """Whether a plugin string is YAML itself rather than the name of a file."""
    return text.startswith("{") or "\n" in text or ": " in text


def default_config(options_map: Mapping[str, Any], source: data.Meta) -> Config:
    """Every default, with the accounts under the ledger's own roots."""
    expenses = options_map.get("name_expenses", "Expenses")
    income = options_map.get("name_income", "Income")
    return Config(
        time_account=f"{expenses}:Marketing:Time",
        offset_account=f"{income}:Imputed:Time",
        source=source,
    )


def tree_language(tree: YamlTree) -> str | None:
    """The ``language`` a config asks for, if it names one we speak (read even when the
    config has other mistakes, so that they are reported in it)."""
    root = tree.value
    value = root.get("language") if isinstance(root, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() in LANGUAGES else None


def parse_config(
    tree: YamlTree, filename: str, name: Text, options_map: Mapping[str, Any]
) -> Checked[Config | None]:
    """The ``Config`` of a YAML tree read from ``filename`` (called ``name`` in messages):
    every section checked, one error per problem."""
    roots = tuple(
        options_map.get(f"name_{kind}", kind.capitalize())
        for kind in ("assets", "liabilities", "equity", "income", "expenses")
    )
    where = Where(tree, filename, name, roots)
    defaults = default_config(options_map, where.meta(()))
    root = tree.value
    if root is None:
        return defaults, []
    if not isinstance(root, dict):
        message = msg(
            "each line must be a key, a colon, a space, then the value, like 'currency: CAD'"
        )
        return None, [where.error((), message)]
    values, errors = _sections(where, root)
    if errors:
        return None, errors
    return dataclasses.replace(defaults, **values), []


def _sections(where: Where, root: dict[str, Any]) -> Checked[dict[str, Any]]:
    """Each top-level key checked by its section's function, in the order of ``_SECTIONS``."""
    errors = [
        where.error((key,), check.unknown_key(key, TOP_KEYS)) for key in root if key not in TOP_KEYS
    ]
    values: dict[str, Any] = {}
    for key, section in _SECTIONS:
        if key in root or key == "rate":  # "rate" reads "people" too
            found, section_errors = section(where, root, values)
            values.update(found)
            errors += section_errors
    return {key: value for key, value in values.items() if value is not None}, errors


# -- sections ---------------------------------------------------------------------------


def _rates(where: Where, root: dict[str, Any]) -> Checked[tuple[RateConfig, ...]]:
    """``rate:`` (the owner's, for every date) and ``people:``."""
    rates: list[RateConfig] = []
    errors: list[TimeRoiError] = []
    if "rate" in root:
        rate, found = check.positive(
            where, ("rate",), root["rate"], msg("an hourly rate"), MAX_RATE
        )
        errors += found
        if rate is not None:
            rates.append(RateConfig("owner", None, rate, where.meta(("rate",))))
    people, found = check.mapping(
        where, ("people",), root.get("people"), msg("'alex: 32', one person per line")
    )
    errors += found
    for person, schedule in people.items():
        person_rates, found = _person_rates(where, person, schedule)
        rates += person_rates
        errors += found
    return tuple(rates), errors


def _person_rates(where: Where, person: str, schedule: Any) -> Checked[list[RateConfig]]:
    """One person's rate, or their rates from dates."""
    path: Path = ("people", person)
    if not person.strip():
        return [], [
            where.error(path, msg("one person has an empty name; write it like 'alex: 32'"))
        ]
    if isinstance(schedule, (Decimal, str)):
        number, found = check.positive(where, path, schedule, msg("an hourly rate"), MAX_RATE)
        if number is None:
            return [], found
        return [RateConfig(person.strip(), None, number, where.meta(path))], found
    if not isinstance(schedule, list) or not schedule:
        message = msg(
            "write one rate like '{person}: 32', or rates from dates like "
            "'{person}: [{{since: 2025-01-01, rate: 32}}]', got {got}",
            person=person,
            got=check.describe(schedule),
        )
        return [], [where.error(path, message)]
    rates: list[RateConfig] = []
    errors: list[TimeRoiError] = []
    for index, item in enumerate(schedule):
        rate, found = _dated_rate(where, path + (index,), person, item)
        errors += found
        if rate is not None:
            rates.append(rate)
    return rates, errors


def _dated_rate(where: Where, path: Path, person: str, item: Any) -> Checked[RateConfig | None]:
    """``{since: 2025-01-01, rate: 32}``."""
    if not isinstance(item, dict):
        message = msg(
            "write each rate from a date like '{{since: 2025-01-01, rate: 32}}' "
            "(or a single rate like '{person}: 32'), got {got}",
            person=person,
            got=check.describe(item),
        )
        return None, [where.error(path, message)]
    errors = check.keys(where, path, item, ("since", "rate"))
    since = None
    if "since" in item:
        since, found = check.date(where, path + ("since",), item["since"])
        errors += found
    if "rate" not in item:
        message = msg("this rate has no 'rate:'; write it like '{since: 2025-01-01, rate: 32}'")
        return None, [*errors, where.error(path, message)]
    rate, found = check.positive(
        where, path + ("rate",), item["rate"], msg("an hourly rate"), MAX_RATE
    )
    errors += found
    if rate is None:
        return None, errors
    return RateConfig(person.strip(), since, rate, where.meta(path)), errors


def _channels(where: Where, value: Any) -> Checked[tuple[ChannelConfig, ...]]:
    path: Path = ("channels",)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = dict.fromkeys(value)
    if not isinstance(value, dict):
        message = msg(
            "write the channels as a list like [linkedin, blog], or one per line like "
            "'linkedin: {{name: LinkedIn}}', got {got}",
            got=check.describe(value),
        )
        return (), [where.error(path, message)]
    channels: list[ChannelConfig] = []
    errors: list[TimeRoiError] = []
    for key, spec in value.items():
        channel, found = _channel(where, path + (key,), key, spec)
        errors += found
        if channel is not None:
            channels.append(channel)
    seen: dict[str, str] = {}
    for channel in channels:
        for ref in (channel.slug, *channel.aliases):
            if ref not in seen:
                seen[ref] = channel.slug
                continue
            message = msg(
                "'{ref}' names both channel '{first}' and channel '{second}'; "
                "each channel name and alias must be unique",
                ref=ref,
                first=seen[ref],
                second=channel.slug,
            )
            errors.append(where.error(("channels", channel.slug), message))
    return tuple(channels), errors


def _channel(where: Where, path: Path, key: Any, value: Any) -> Checked[ChannelConfig | None]:
    """``linkedin: {name: LinkedIn, account: ..., aliases: [li]}``."""
    slug, errors = check.slug(where, path, key)
    example = msg(
        "'{slug}: {{name: {name}}}' (name, account and aliases are all optional)",
        slug=key,
        name=str(key).capitalize(),
    )
    spec, found = check.mapping(where, path, value, example)
    errors += found + check.keys(where, path, spec, ("name", "account", "aliases"))
    name = account = None
    if "name" in spec:
        name, found = check.text(where, path + ("name",), spec["name"], msg("a display name"))
        errors += found
    if "account" in spec:
        account, found = check.account(where, path + ("account",), spec["account"], where.expenses)
        errors += found
    aliases, found = _aliases(where, path + ("aliases",), spec.get("aliases", []))
    errors += found
    if slug is None:
        return None, errors
    return ChannelConfig(slug, name, account, aliases, where.meta(path)), errors


def _aliases(where: Where, path: Path, value: Any) -> Checked[tuple[str, ...]]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        message = msg(
            "write the other names as a list, like 'aliases: [article, post]', got {got}",
            got=check.describe(value),
        )
        return (), [where.error(path, message)]
    aliases: list[str] = []
    errors: list[TimeRoiError] = []
    for index, alias in enumerate(items):
        slug, found = check.slug(where, path + (index,), alias)
        errors += found
        if slug is not None:
            aliases.append(slug)
    return tuple(aliases), errors


def _account_fields(where: Where, value: Any) -> Checked[dict[str, str]]:
    """``accounts: {time: ..., offset: ...}``: the two generated accounts."""
    path: Path = ("accounts",)
    example = msg("'accounts: {time: Expenses:Marketing:Time, offset: Income:Imputed:Time}'")
    section, errors = check.mapping(where, path, value, example)
    errors += check.keys(where, path, section, ("time", "offset"))
    result: dict[str, str] = {}
    for key, field_name, under in (
        ("time", "time_account", where.expenses),
        ("offset", "offset_account", None),
    ):
        if key in section:
            account, found = check.account(where, path + (key,), section[key], under)
            errors += found
            if account is not None:
                result[field_name] = account
    return result, errors


def _prefixes(where: Where, key: str, value: Any, under: str) -> Checked[tuple[str, ...] | None]:
    """``income:`` or ``costs:``: account prefixes under the root ``under``."""
    items = value if isinstance(value, list) else [value]
    if not items:
        message = msg("list at least one account, like [{root}:Business]", root=under)
        return None, [where.error((key,), message)]
    accounts: list[str] = []
    errors: list[TimeRoiError] = []
    for index, item in enumerate(items):
        path: Path = (key, index) if isinstance(value, list) else (key,)
        if item == under:
            accounts.append(item)
            continue
        account, found = check.account(where, path, item, under)
        errors += found
        if account is not None:
            accounts.append(account)
    return (tuple(accounts) if not errors else None), errors


def _log_file(where: Where, value: Any) -> Checked[str | None]:
    """A file name (a path relative to the top-level ledger's folder, or absolute)."""
    if isinstance(value, str) and value.strip() and "\n" not in value:
        return value.strip(), []
    message = msg(
        "expected a file name like time.beancount (relative to the ledger's folder), got {got}",
        got=check.describe(value),
    )
    return None, [where.error(("log_file",), message)]


def _tag(where: Where, value: Any) -> Checked[str | None]:
    if isinstance(value, str) and TAG_RE.fullmatch(value.lstrip("#")):
        return value.lstrip("#"), []
    message = msg(
        "expected a tag (letters, digits, '-', '_', '/', '.'), got {got}", got=check.describe(value)
    )
    return None, [where.error(("tag",), message)]


def _time_units(where: Where, value: Any) -> Checked[tuple[str, ...]]:
    items = value if isinstance(value, list) else [value]
    units: list[str] = []
    errors: list[TimeRoiError] = []
    for index, unit in enumerate(items):
        path: Path = ("time_units", index) if isinstance(value, list) else ("time_units",)
        checked, found = check.currency(where, path, unit, msg("H or HOURS"))
        errors += found
        if checked is not None:
            units.append(checked)
    if value == []:
        errors.append(
            where.error(("time_units",), msg("list at least one unit, like [H, HR, HOURS]"))
        )
    return tuple(units), errors


def _attribution(where: Where, value: Any) -> Checked[AttributionConfig]:
    path: Path = ("attribution",)
    section, errors = check.mapping(where, path, value, msg("'attribution: {model: linear}'"))
    errors += check.keys(where, path, section, ("model", "half_life_days", "window_days"))
    model = half_life = None
    if "model" in section:
        model, found = check.choice(where, path + ("model",), section["model"], ATTRIBUTION_MODELS)
        errors += found
    if "half_life_days" in section:
        half_life, found = check.positive(
            where, path + ("half_life_days",), section["half_life_days"], msg("a number of days")
        )
        errors += found
    window, found = _window(where, path + ("window_days",), section.get("window_days"))
    errors += found
    return (
        AttributionConfig(
            model=model or "first-touch",
            half_life_days=half_life if half_life is not None else Decimal(7),
            window_days=window,
        ),
        errors,
    )


def _window(where: Where, path: Path, days: Any) -> Checked[int | None]:
    if days is None:
        return None, []
    if isinstance(days, Decimal) and days.is_finite() and days > 0 and days == int(days):
        return int(days), []
    message = msg(
        "expected a whole number of days greater than zero, like 365, got {got}",
        got=check.describe(days),
    )
    return None, [where.error(path, message)]


def _imports(
    where: Where, value: Any, channels: tuple[ChannelConfig, ...] | None
) -> Checked[ImportConfig]:
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


def _timezone(where: Where, value: Any) -> Checked[str | None]:
    if isinstance(value, str) and value.strip():
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
            zoneinfo.ZoneInfo(value.strip())
            return value.strip(), []
    message = msg(
        "expected a time zone name like America/Toronto or Europe/Paris, got {got}",
        got=check.describe(value),
    )
    return None, [where.error(("timezone",), message)]


Section = Callable[[Where, dict[str, Any], dict[str, Any]], Checked[dict[str, Any]]]


def _field(
    name: str, check: Callable[[Where, Any], Checked[Any]], key: str | None = None
) -> Section:
    """A section that fills one field of ``Config`` from the key ``key`` (default ``name``)."""

    def section(
        where: Where, root: dict[str, Any], values: dict[str, Any]
    ) -> Checked[dict[str, Any]]:
        value, errors = check(where, root[key or name])
        return {name: value}, errors

    return section


def _rates_section(
    where: Where, root: dict[str, Any], values: dict[str, Any]
) -> Checked[dict[str, Any]]:
    rates, errors = _rates(where, root)
    return {"rates": rates}, errors


def _accounts_section(
    where: Where, root: dict[str, Any], values: dict[str, Any]
) -> Checked[dict[str, Any]]:
    return _account_fields(where, root["accounts"])


def _import_section(
    where: Where, root: dict[str, Any], values: dict[str, Any]
) -> Checked[dict[str, Any]]:
    imports, errors = _imports(where, root["import"], values.get("channels"))
    return {"imports": imports}, errors


_SECTIONS: tuple[tuple[str, Section], ...] = (
    (
        "currency",
        _field("currency", lambda where, value: check.currency(where, ("currency",), value)),
    ),
    ("rate", _rates_section),
    ("channels", _field("channels", _channels)),
    ("accounts", _accounts_section),
    ("tag", _field("tag", _tag)),
    ("generate", _field("generate", lambda where, value: check.boolean(where, value, "generate"))),
    ("time_units", _field("time_units", _time_units)),
    ("attribution", _field("attribution", _attribution)),
    ("import", _import_section),
    ("timezone", _field("timezone", _timezone)),
    (
        "language",
        _field(
            "language", lambda where, value: check.choice(where, ("language",), value, LANGUAGES)
        ),
    ),
    (
        "income",
        _field("income", lambda where, value: _prefixes(where, "income", value, where.income)),
    ),
    (
        "costs",
        _field("costs", lambda where, value: _prefixes(where, "costs", value, where.expenses)),
    ),
    ("log_file", _field("log_file", _log_file)),
)
"""Each top-level section and the function that checks it, in the order its problems are
listed; ``rate`` reads ``people`` too, ``accounts`` fills two fields, ``import`` needs
the channels read before it."""

TOP_KEYS = (
    "currency",
    "rate",
    "people",
    "channels",
    "accounts",
    "tag",
    "generate",
    "time_units",
    "attribution",
    "import",
    "timezone",
    "language",
    "income",
    "costs",
    "log_file",
)
