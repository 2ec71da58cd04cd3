"""The plugin's configuration: the ``Config`` record, and what each key means.

The configuration is YAML, in a file or inline on the ``plugin`` line
(``ledger.read_config`` finds it)::

    plugin "beancount_timeroi" "timeroi.yaml"
    plugin "beancount_timeroi" "{currency: CAD, rate: 85}"

``parse_config`` checks its tree, one pure function per section, and gives
the ``Config`` or one error per problem, at the line of the key (inline YAML:
at the ``plugin`` line). The ``channels:`` section is read by
``configchannels``, ``import:`` and ``timezone`` by ``configimport``, single
values by ``configvalues``. A configuration with any problem gives no
``Config``: the plugin then leaves the ledger as it is rather than value
time under a half-read configuration.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from beancount_timeroi import configvalues as check
from beancount_timeroi.configchannels import ChannelConfig, parse_channels
from beancount_timeroi.configimport import ImportConfig, parse_imports, parse_timezone
from beancount_timeroi.configvalues import Checked, Where
from beancount_timeroi.errors import LANGUAGES, Text, TimeRoiError, msg
from beancount_timeroi.yamlsource import Path, YamlTree

PLUGIN_MODULE = "beancount_timeroi"

MAX_RATE = Decimal(1_000_000)
"""The highest hourly rate accepted: more is a typo (or a test of the software)."""
HOUR_UNITS = ("H", "HR", "HRS", "HOUR", "HOURS")
ATTRIBUTION_MODELS = ("first-touch", "last-touch", "linear", "time-decay", "position-based")


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
    imports: ImportConfig = field(default_factory=ImportConfig)
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


def plugin_config_path(options_map: Mapping[str, Any]) -> str | None:
    """The config file of the first ``plugin "beancount_timeroi"`` line (None: none, or
    inline YAML)."""
    strings = plugin_config_strings(options_map)
    return config_file(strings[0], options_map) if strings else None


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


def _attribution(where: Where, path: Path, value: Any) -> Checked[AttributionConfig]:
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
    window, found = check.whole_days(where, path + ("window_days",), section.get("window_days"))
    errors += found
    return (
        AttributionConfig(
            model=model or "first-touch",
            half_life_days=half_life if half_life is not None else Decimal(7),
            window_days=window,
        ),
        errors,
    )


Section = Callable[[Where, dict[str, Any], dict[str, Any]], Checked[dict[str, Any]]]


def _field(name: str, check: Callable[[Where, Path, Any], Checked[Any]]) -> Section:
    """A section that fills the field ``name`` of ``Config`` from the key of that name."""

    def section(
        where: Where, root: dict[str, Any], values: dict[str, Any]
    ) -> Checked[dict[str, Any]]:
        value, errors = check(where, (name,), root[name])
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
    imports, errors = parse_imports(where, root["import"], values.get("channels"))
    return {"imports": imports}, errors


_SECTIONS: tuple[tuple[str, Section], ...] = (
    ("currency", _field("currency", check.currency)),
    ("rate", _rates_section),
    ("channels", _field("channels", parse_channels)),
    ("accounts", _accounts_section),
    ("tag", _field("tag", check.tag)),
    ("generate", _field("generate", check.boolean)),
    ("time_units", _field("time_units", check.time_units)),
    ("attribution", _field("attribution", _attribution)),
    ("import", _import_section),
    ("timezone", _field("timezone", parse_timezone)),
    (
        "language",
        _field("language", lambda where, path, value: check.choice(where, path, value, LANGUAGES)),
    ),
    (
        "income",
        _field(
            "income", lambda where, path, value: check.prefixes(where, path, value, where.income)
        ),
    ),
    (
        "costs",
        _field(
            "costs", lambda where, path, value: check.prefixes(where, path, value, where.expenses)
        ),
    ),
    ("log_file", _field("log_file", check.file_name)),
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
