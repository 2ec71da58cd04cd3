"""The plugin's configuration: reading, validating, and the ``Config`` record.

The ``plugin`` line's string is either a path to a YAML file, relative to
the top-level ledger's folder, or an inline YAML mapping; it may be left out
and then every default applies::

    plugin "beancount_timeroi" "timeroi.yaml"
    plugin "beancount_timeroi" "{currency: CAD, rate: 85}"
    plugin "beancount_timeroi"

A configuration with any problem (missing file, invalid YAML, unknown key,
wrong type) gives one error per problem, at the config file's line (or at the
``plugin`` line for inline YAML), and no ``Config``: the plugin then leaves
the ledger as it is rather than value time under a half-read configuration.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import functools
import os
import re
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import account as account_lib
from beancount.core import amount as amount_lib
from beancount.core import data

from beancount_timeroi.errors import TimeRoiError
from beancount_timeroi.i18n import _, join, language_for, use_language
from beancount_timeroi.yamlsource import Path, YamlError, YamlTree, read_yaml

PLUGIN_MODULE = "beancount_timeroi"

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
TAG_RE = re.compile(r"[A-Za-z0-9\-_/.]+")
CURRENCY_RE = re.compile(amount_lib.CURRENCY_RE)

MAX_CONFIG_BYTES = 1_000_000
MAX_RATE = Decimal(1_000_000)
"""The highest hourly rate accepted: more is a typo (or a test of the software)."""
HOUR_UNITS = ("H", "HR", "HRS", "HOUR", "HOURS")
ATTRIBUTION_MODELS = ("first-touch", "last-touch", "linear", "time-decay", "position-based")
LANGUAGES = ("en", "fr")

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
)
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
    source: data.Meta = field(default_factory=lambda: data.new_metadata("<timeroi>", 0))


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """How people's and clients' names compare: case-insensitive, spaces collapsed."""
    return " ".join(name.split()).casefold()


def suggestion(word: str, choices: list[str]) -> str:
    """`` did you mean 'x'?`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word.casefold(), choices, n=1, cutoff=0.6)
    return _("; did you mean '{choice}'?").format(choice=close[0]) if close else ""


def unknown_channel(ref: str, known: list[str], declared: bool) -> str:
    """The message for a reference to no channel, with the closest one if any."""
    hint = suggestion(ref, known)
    if hint or not declared:
        return _("unknown channel '{ref}'{hint}").format(ref=ref, hint=hint)
    return _("unknown channel '{ref}': declare it under 'channels:' in the config").format(ref=ref)


def slug_like(text: str) -> str:
    """A channel name made from ``text``: ``My Blog`` -> ``my-blog``."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.casefold()).strip("-_")
    return slug or "linkedin"


def _unknown_key(key: str, known: Sequence[str]) -> str:
    hint = suggestion(key, list(known))
    if hint:
        return _("unknown key '{key}'{hint}").format(key=key, hint=hint)
    return _("unknown key '{key}' (the keys are: {keys})").format(key=key, keys=", ".join(known))


def plugin_config_strings(options_map: Mapping[str, Any]) -> list[str | None]:
    """The config strings of every ``plugin "beancount_timeroi"`` line, in order."""
    return [conf for name, conf in options_map.get("plugin", []) if name == PLUGIN_MODULE]


def plugin_line(options_map: Mapping[str, Any]) -> data.Meta:
    """Where the ``plugin "beancount_timeroi"`` line is in the top-level ledger."""
    filename = options_map.get("filename") or "<string>"
    lineno = 0
    try:
        with open(filename, "rb") as file:
            text = file.read()
    except OSError:
        text = b""
    found = _PLUGIN_LINE.search(text)
    if found:
        lineno = text.count(b"\n", 0, found.start()) + 1
    return data.new_metadata(filename, lineno)


_PLUGIN_LINE = re.compile(
    rb'^[ \t]*plugin[ \t]+"' + re.escape(PLUGIN_MODULE.encode()) + rb'"', re.MULTILINE
)


def config_file(config_str: str | None, options_map: Mapping[str, Any]) -> str | None:
    """The config file a plugin string names (relative to the top-level ledger's
    folder), or None when the string is empty or inline YAML."""
    text = (config_str or "").strip()
    if not text or _is_inline(text):
        return None
    folder = os.path.dirname(os.path.abspath(options_map.get("filename") or "<string>"))
    return os.path.normpath(os.path.join(folder, text))


def load_config(
    config_str: str | None, options_map: Mapping[str, Any]
) -> tuple[Config | None, list[TimeRoiError]]:
    """Read and validate the plugin's configuration.

    Returns the ``Config`` and no errors, or None and one error per problem.
    """
    defaults = _ledger_defaults(options_map)
    here = plugin_line(options_map)
    if config_str is None or not config_str.strip():
        return Config(source=here, **defaults), []
    text = config_str.strip()
    path = config_file(text, options_map)
    inline = path is None
    if path is None:
        name, source_file = _("the plugin's inline config"), str(here["filename"])
    else:
        source_file = path
        name = os.path.basename(source_file)
        read = _read_file(source_file, name, here)
        if isinstance(read, TimeRoiError):
            return None, [read]
        text = read
    if len(text) > MAX_CONFIG_BYTES:
        return None, [TimeRoiError(here, _too_big(name), None)]
    try:
        tree = read_yaml(text)
    except YamlError as exc:
        where = here if inline else data.new_metadata(source_file, exc.line or 1)
        return None, [
            TimeRoiError(
                where, _("In {name}: {problem}").format(name=name, problem=exc.message), None
            )
        ]
    if inline:  # inline YAML has no lines of its own: every problem is at the plugin line
        tree.lines = {(): here["lineno"]}
    with use_language(language_for(_language_in(tree))):  # its problems in its language
        checker = _Checker(
            tree, source_file, _("the plugin's inline config") if inline else name, options_map
        )
        config = checker.config(defaults)
    if checker.errors:
        return None, checker.errors
    return config, []


def configured_language(config_str: str | None, options_map: Mapping[str, Any]) -> str | None:
    """The ``language`` the plugin's config asks for, read even when the config has
    other mistakes (None when it names none or cannot be read)."""
    text = (config_str or "").strip()
    path = config_file(text, options_map)
    if path is not None:
        try:
            with open(path, "rb") as file:
                text = file.read(MAX_CONFIG_BYTES).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
    try:
        return _language_in(read_yaml(text)) if text else None
    except YamlError:
        return None


def _language_in(tree: YamlTree) -> str | None:
    """The ``language`` a config asks for, if it names one we speak."""
    root = tree.value
    value = root.get("language") if isinstance(root, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() in LANGUAGES else None


def _read_file(path: str, name: str, plugin: data.Meta) -> str | TimeRoiError:
    """The text of the config file at ``path``, or the error that says why not."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return TimeRoiError(
            plugin,
            _(
                "config file {path} not found: create it, fix the path on the plugin line "
                "(it is relative to this ledger's folder), or remove the path to use the defaults"
            ).format(path=path),
            None,
        )
    except OSError as exc:
        return TimeRoiError(
            plugin,
            _("config file {path} cannot be read ({reason})").format(
                path=path, reason=exc.strerror or exc
            ),
            None,
        )
    if len(raw) > MAX_CONFIG_BYTES:
        return TimeRoiError(data.new_metadata(path, 1), _too_big(name), None)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return TimeRoiError(
            data.new_metadata(path, line),
            _("In {name}: this line is not UTF-8 text; save the file as UTF-8").format(name=name),
            None,
        )


def _too_big(name: str) -> str:
    return _(
        "In {name}: the file is over 1 MB, and a timeroi config is a few lines; "
        "check that the plugin line names the right file"
    ).format(name=name)


def _is_inline(text: str) -> bool:
    return text.startswith("{") or "\n" in text or ": " in text


def _ledger_defaults(options_map: Mapping[str, Any]) -> dict[str, Any]:
    expenses = options_map.get("name_expenses", "Expenses")
    income = options_map.get("name_income", "Income")
    return {
        "time_account": f"{expenses}:Marketing:Time",
        "offset_account": f"{income}:Imputed:Time",
    }


class _Checker:
    """Validates a YAML tree into a ``Config``, collecting one error per problem."""

    def __init__(
        self, tree: YamlTree, filename: str, name: str, options_map: Mapping[str, Any]
    ) -> None:
        self.tree = tree
        self.filename = filename
        self.name = name
        self.expenses = options_map.get("name_expenses", "Expenses")
        self.income = options_map.get("name_income", "Income")
        self.roots = [
            options_map.get(f"name_{kind}", kind.capitalize())
            for kind in ("assets", "liabilities", "equity", "income", "expenses")
        ]
        self.errors: list[TimeRoiError] = []

    def error(self, path: Path, message: str) -> None:
        where = join(
            (
                _("item {number}").format(number=part + 1) if isinstance(part, int) else str(part)
                for part in path
            ),
            " > ",
        )
        text = (
            _("In {name}, {key}: {message}").format(name=self.name, key=where, message=message)
            if where
            else (_("In {name}: {message}").format(name=self.name, message=message))
        )
        self.errors.append(
            TimeRoiError(data.new_metadata(self.filename, self.tree.line(path)), text, None)
        )

    def meta(self, path: Path) -> data.Meta:
        return data.new_metadata(self.filename, self.tree.line(path))

    # -- the document -----------------------------------------------------

    def config(self, defaults: dict[str, Any]) -> Config:
        root = self.tree.value
        if root is None:
            return Config(source=self.meta(()), **defaults)
        if not isinstance(root, dict):
            self.error(
                (),
                _(
                    "each line must be a key, a colon, a space, then the value, "
                    "like 'currency: CAD'"
                ),
            )
            return Config(**defaults)
        for key in root:
            if key not in TOP_KEYS:
                self.error((key,), _unknown_key(key, TOP_KEYS))
        values: dict[str, Any] = dict(defaults)
        values["source"] = self.meta(())
        if "currency" in root:
            values["currency"] = self.currency(("currency",), root["currency"])
        values["rates"] = tuple(self.rates(root))
        if "channels" in root:
            values["channels"] = tuple(self.channels(root["channels"]))
        if "accounts" in root:
            values.update(self.accounts(root["accounts"]))
        if "tag" in root:
            values["tag"] = self.tag(root["tag"])
        if "generate" in root:
            values["generate"] = self.boolean(("generate",), root["generate"])
        if "time_units" in root:
            values["time_units"] = self.time_units(root["time_units"])
        if "attribution" in root:
            values["attribution"] = self.attribution(root["attribution"])
        if "import" in root:
            values["imports"] = self.imports(root["import"], values.get("channels"))
        if "timezone" in root:
            values["timezone"] = self.timezone(root["timezone"])
        if "language" in root:
            values["language"] = self.choice(("language",), root["language"], LANGUAGES)
        for key, root_name in (("income", self.income), ("costs", self.expenses)):
            if key in root:
                values[key] = self.prefixes((key,), root[key], root_name)
        return Config(**values)

    # -- scalar checks ----------------------------------------------------

    def text(self, path: Path, value: Any, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.error(path, _("expected {what}, got {got}").format(what=what, got=_describe(value)))
        return None

    def currency(self, path: Path, value: Any, example: str | None = None) -> str | None:
        if isinstance(value, str) and CURRENCY_RE.fullmatch(value):
            return value
        self.error(
            path,
            _("expected a commodity like {example} (capital letters), got {got}").format(
                example=example or _("CAD or EUR"), got=_describe(value)
            ),
        )
        return None

    def positive(
        self, path: Path, value: Any, what: str, maximum: Decimal | None = None
    ) -> Decimal | None:
        if isinstance(value, str):
            with contextlib.suppress(ArithmeticError):
                value = Decimal(value.strip())
        if isinstance(value, str):
            self.error(
                path,
                _(
                    "expected {what} written as a plain number, like 85 or 85.50 (a dot for "
                    "decimals, no currency or other text), got {got}"
                ).format(what=what, got=_describe(value)),
            )
        elif isinstance(value, Decimal) and value.is_finite() and value > 0:
            if maximum is None or value <= maximum:
                return value
            self.error(
                path,
                _("expected {what} of at most {maximum}, got {got}").format(
                    what=what, maximum=maximum, got=_describe(value)
                ),
            )
        else:
            self.error(
                path,
                _("expected {what} greater than zero, got {got}").format(
                    what=what, got=_describe(value)
                ),
            )
        return None

    def boolean(self, path: Path, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        self.error(path, _("expected true or false, got {got}").format(got=_describe(value)))
        return True

    def choice(self, path: Path, value: Any, choices: tuple[str, ...]) -> str | None:
        if isinstance(value, str) and value in choices:
            return value
        hint = suggestion(value, list(choices)) if isinstance(value, str) else ""
        self.error(
            path,
            _("expected one of {choices}, got {got}{hint}").format(
                choices=", ".join(choices), got=_describe(value), hint=hint
            ),
        )
        return None

    def mapping(self, path: Path, value: Any, example: str) -> dict[str, Any]:
        """A group of keys; ``example`` shows how to write it."""
        if isinstance(value, dict):
            return value
        if value is not None:
            self.error(
                path,
                _("write it like {example}, got {got}").format(
                    example=example, got=_describe(value)
                ),
            )
        return {}

    def keys(self, path: Path, value: dict[str, Any], allowed: tuple[str, ...]) -> None:
        for key in value:
            if key not in allowed:
                self.error(path + (key,), _unknown_key(key, allowed))

    def slug(self, path: Path, value: Any) -> str | None:
        if isinstance(value, str) and SLUG_RE.fullmatch(value.casefold()):
            return value.casefold()
        self.error(
            path,
            _(
                "{got} is not a channel name: use lowercase letters, digits, '-' and '_', "
                "starting with a letter or digit, like {example}"
            ).format(got=_describe(value), example=slug_like(str(value))),
        )
        return None

    def account(self, path: Path, value: Any, under: str | None) -> str | None:
        """An account name, under ``under`` (else under any of the ledger's roots)."""
        if isinstance(value, str) and account_lib.is_valid(value):
            roots = [under] if under is not None else self.roots
            root = value.split(":", 1)[0]
            if root in roots:
                return value
            close = difflib.get_close_matches(root, roots, n=1)
            hint = (
                _("; did you mean {account}?").format(account=value.replace(root, close[0], 1))
                if close
                else ""
            )
            self.error(
                path,
                _("the account {account} must be under {roots}{hint}").format(
                    account=value, roots=join(roots, _(" or ")), hint=hint
                ),
            )
            return None
        self.error(
            path,
            _("expected a Beancount account name like Expenses:Marketing:Time, got {got}").format(
                got=_describe(value)
            ),
        )
        return None

    def date(self, path: Path, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(
            path, _("expected a date like 2025-01-01, got {got}").format(got=_describe(value))
        )
        return None

    # -- sections ---------------------------------------------------------

    def rates(self, root: dict[str, Any]) -> list[RateConfig]:
        rates: list[RateConfig] = []
        if "rate" in root:
            rate = self.positive(("rate",), root["rate"], _("an hourly rate"), MAX_RATE)
            if rate is not None:
                rates.append(RateConfig("owner", None, rate, self.meta(("rate",))))
        people = self.mapping(("people",), root.get("people"), _("'alex: 32', one person per line"))
        for person, schedule in people.items():
            path: Path = ("people", person)
            if not person.strip():
                self.error(path, _("one person has an empty name; write it like 'alex: 32'"))
                continue
            if isinstance(schedule, (Decimal, str)):
                rate = self.positive(path, schedule, _("an hourly rate"), MAX_RATE)
                if rate is not None:
                    rates.append(RateConfig(person.strip(), None, rate, self.meta(path)))
                continue
            if not isinstance(schedule, list) or not schedule:
                self.error(
                    path,
                    _(
                        "write one rate like '{person}: 32', or rates from dates like "
                        "'{person}: [{{since: 2025-01-01, rate: 32}}]', got {got}"
                    ).format(person=person, got=_describe(schedule)),
                )
                continue
            for index, item in enumerate(schedule):
                item_path = path + (index,)
                if not isinstance(item, dict):
                    self.error(
                        item_path,
                        _(
                            "write each rate from a date like '{{since: 2025-01-01, rate: 32}}' "
                            "(or a single rate like '{person}: 32'), got {got}"
                        ).format(person=person, got=_describe(item)),
                    )
                    continue
                self.keys(item_path, item, ("since", "rate"))
                since = (
                    self.date(item_path + ("since",), item["since"]) if "since" in item else None
                )
                if "rate" not in item:
                    self.error(
                        item_path,
                        _(
                            "this rate has no 'rate:'; write it like "
                            "'{since: 2025-01-01, rate: 32}'"
                        ),
                    )
                    continue
                rate = self.positive(
                    item_path + ("rate",), item["rate"], _("an hourly rate"), MAX_RATE
                )
                if rate is not None:
                    rates.append(RateConfig(person.strip(), since, rate, self.meta(item_path)))
        return rates

    def channels(self, value: Any) -> list[ChannelConfig]:
        path: Path = ("channels",)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = dict.fromkeys(value)
        if not isinstance(value, dict):
            self.error(
                path,
                _(
                    "write the channels as a list like [linkedin, blog], or one per line like "
                    "'linkedin: {{name: LinkedIn}}', got {got}"
                ).format(got=_describe(value)),
            )
            return []
        channels: list[ChannelConfig] = []
        for key, spec in value.items():
            chan_path = path + (key,)
            slug = self.slug(chan_path, key)
            spec = self.mapping(
                chan_path,
                spec,
                _("'{slug}: {{name: {name}}}' (name, account and aliases are all optional)").format(
                    slug=key, name=str(key).capitalize()
                ),
            )
            self.keys(chan_path, spec, ("name", "account", "aliases"))
            name = (
                self.text(chan_path + ("name",), spec["name"], _("a display name"))
                if ("name" in spec)
                else None
            )
            account = (
                self.account(chan_path + ("account",), spec["account"], self.expenses)
                if ("account" in spec)
                else None
            )
            aliases: list[str] = []
            raw_aliases = spec.get("aliases", [])
            if isinstance(raw_aliases, str):
                raw_aliases = [raw_aliases]
            if not isinstance(raw_aliases, list):
                self.error(
                    chan_path + ("aliases",),
                    _(
                        "write the other names as a list, like 'aliases: [article, post]', "
                        "got {got}"
                    ).format(got=_describe(raw_aliases)),
                )
                raw_aliases = []
            for index, alias in enumerate(raw_aliases):
                alias_slug = self.slug(chan_path + ("aliases", index), alias)
                if alias_slug is not None:
                    aliases.append(alias_slug)
            if slug is not None:
                channels.append(
                    ChannelConfig(slug, name, account, tuple(aliases), self.meta(chan_path))
                )
        seen: dict[str, str] = {}
        for channel in channels:
            for ref in (channel.slug, *channel.aliases):
                if ref in seen:
                    self.error(
                        ("channels", channel.slug),
                        _(
                            "'{ref}' names both channel '{first}' and channel '{second}'; "
                            "each channel name and alias must be unique"
                        ).format(ref=ref, first=seen[ref], second=channel.slug),
                    )
                else:
                    seen[ref] = channel.slug
        return channels

    def accounts(self, value: Any) -> dict[str, Any]:
        path: Path = ("accounts",)
        section = self.mapping(
            path,
            value,
            _("'accounts: {time: Expenses:Marketing:Time, offset: Income:Imputed:Time}'"),
        )
        self.keys(path, section, ("time", "offset"))
        result: dict[str, Any] = {}
        if "time" in section:
            result["time_account"] = self.account(path + ("time",), section["time"], self.expenses)
        if "offset" in section:
            result["offset_account"] = self.account(path + ("offset",), section["offset"], None)
        return {key: val for key, val in result.items() if val is not None}

    def prefixes(self, path: Path, value: Any, under: str) -> tuple[str, ...] | None:
        """A list of account prefixes under the root ``under`` (``income``, ``costs``)."""
        items = value if isinstance(value, list) else [value]
        if not items:
            self.error(
                path, _("list at least one account, like [{root}:Business]").format(root=under)
            )
            return None
        accounts: list[str] = []
        for index, item in enumerate(items):
            item_path = path + (index,) if isinstance(value, list) else path
            checked = item if item == under else self.account(item_path, item, under)
            if checked is not None:
                accounts.append(checked)
        return tuple(accounts) if len(accounts) == len(items) else None

    def tag(self, value: Any) -> str:
        if isinstance(value, str) and TAG_RE.fullmatch(value.lstrip("#")):
            return value.lstrip("#")
        self.error(
            ("tag",),
            _("expected a tag (letters, digits, '-', '_', '/', '.'), got {got}").format(
                got=_describe(value)
            ),
        )
        return "timeroi"

    def time_units(self, value: Any) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        units: list[str] = []
        for index, unit in enumerate(items):
            path: Path = ("time_units", index) if isinstance(value, list) else ("time_units",)
            checked = self.currency(path, unit, _("H or HOURS"))
            if checked is not None:
                units.append(checked)
        if value == []:
            self.error(("time_units",), _("list at least one unit, like [H, HR, HOURS]"))
        return tuple(units)

    def attribution(self, value: Any) -> AttributionConfig:
        path: Path = ("attribution",)
        section = self.mapping(path, value, _("'attribution: {model: linear}'"))
        self.keys(path, section, ("model", "half_life_days", "window_days"))
        model = (
            self.choice(path + ("model",), section["model"], ATTRIBUTION_MODELS)
            if ("model" in section)
            else None
        )
        half_life = (
            self.positive(
                path + ("half_life_days",), section["half_life_days"], _("a number of days")
            )
            if "half_life_days" in section
            else None
        )
        window: int | None = None
        days = section.get("window_days")
        if days is not None:
            if (
                isinstance(days, Decimal)
                and days.is_finite()
                and days > 0
                and (days == days.to_integral_value())
            ):
                window = int(days)
            else:
                self.error(
                    path + ("window_days",),
                    _(
                        "expected a whole number of days greater than zero, like 365, got {got}"
                    ).format(got=_describe(days)),
                )
        return AttributionConfig(
            model=model or "first-touch",
            half_life_days=half_life if half_life is not None else Decimal(7),
            window_days=window,
        )

    def imports(self, value: Any, channels: tuple[ChannelConfig, ...] | None) -> ImportConfig:
        path: Path = ("import",)
        section = self.mapping(path, value, _("'import: {map: {\"Social - LinkedIn\": linkedin}}'"))
        self.keys(path, section, ("map", "people", "date_order"))
        known: dict[str, str] = {}
        if channels is not None:
            for channel in channels:
                for ref in (channel.slug, *channel.aliases):
                    known[ref] = channel.slug
        mapped: dict[str, str] = {}
        for name, target in self.mapping(
            path + ("map",), section.get("map"), _("'map: {\"Social - LinkedIn\": linkedin}'")
        ).items():
            slug = self.slug(path + ("map", name), target)
            if slug is None:
                continue
            if channels is not None and slug not in known:
                self.error(path + ("map", name), unknown_channel(slug, sorted(known), True))
                continue
            mapped[name] = known.get(slug, slug)
        people: dict[str, str] = {}
        for name, person in self.mapping(
            path + ("people",), section.get("people"), _("'people: {\"Alex B\": alex}'")
        ).items():
            checked = self.text(path + ("people", name), person, _("a person's name"))
            if checked is not None:
                people[name] = checked
        order = section.get("date_order")
        date_order = (
            self.choice(
                path + ("date_order",),
                order.strip().upper() if isinstance(order, str) else order,
                DATE_ORDERS,
            )
            if "date_order" in section
            else None
        )
        return ImportConfig(channels=mapped, people=people, date_order=date_order)

    def timezone(self, value: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            try:
                zoneinfo.ZoneInfo(value.strip())
                return value.strip()
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
        self.error(
            ("timezone",),
            _("expected a time zone name like America/Toronto or Europe/Paris, got {got}").format(
                got=_describe(value)
            ),
        )
        return None


def _describe(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return _("a group of keys")
    if isinstance(value, list):
        return _("a list")
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text) if isinstance(value, str) else text
