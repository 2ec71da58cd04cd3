"""Reading files: a ledger, its sources and their SHA-256, the plugin's config.

This is where beancount-timeroi reads from disk (the CLI and Fava write);
everything it reads is handed on as data to the pure modules.

- ``Ledger.load(path)``: Beancount's entries, errors and options, and the
  records the plugin read while it loaded (``PluginRun``), so the report does
  not read the same directives again.
- ``sources(ledger)``: the top-level file, the files it includes and the
  config file, with their SHA-256 (the report's ``sources``).
- ``load_config(config_str, options_map)``: the plugin's config, from its
  file or inline on the ``plugin`` line, checked (``config.parse_config``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from beancount import loader
from beancount.core import data

from beancount_timeroi.config import (
    PLUGIN_MODULE,
    Config,
    config_file,
    default_config,
    parse_config,
    plugin_config_path,
    plugin_config_strings,
    tree_language,
)
from beancount_timeroi.directives import RUN_MARK, PluginRun
from beancount_timeroi.errors import Msg, Text, TimeRoiError, msg
from beancount_timeroi.ledgerlines import Source
from beancount_timeroi.yamlsource import read_yaml

MAX_CONFIG_BYTES = 1_000_000

PLUGIN_LINE = -1
"""The line number of errors at the top-level file's ``plugin`` line, until
``locate_plugin_line`` finds it (only when such an error is reported)."""


class LedgerError(Exception):
    """The ledger file cannot be read at all (missing, a folder, no permission)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Ledger:
    """A loaded ledger: Beancount's entries, errors and options."""

    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]
    _relative: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str) -> Ledger:
        """Load ``path`` with Beancount; ``LedgerError`` if it cannot be read at all."""
        if not os.path.exists(path):
            raise LedgerError(msg("{path}: no such file", path=path))
        if os.path.isdir(path):
            raise LedgerError(msg("{path}: is a folder, not a ledger file", path=path))
        try:
            with open(path, "rb") as file:
                file.read(1)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise LedgerError(
                msg("{path}: cannot be read ({reason})", path=path, reason=reason)
            ) from None
        entries, errors, options = loader.load_file(path)
        return cls(entries, errors, options)

    @property
    def run(self) -> PluginRun | None:
        """What the plugin read while Beancount loaded the ledger (None: it did not run)."""
        run = self.options.get(RUN_MARK)
        return run if isinstance(run, PluginRun) else None

    @property
    def top(self) -> str:
        """The top-level file."""
        return str(self.options.get("filename") or "")

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.top or "."))

    def relative(self, filename: str) -> str:
        """``filename`` relative to the top-level ledger's folder, with '/' separators."""
        known = self._relative.get(filename)
        if known is None:
            if not filename or filename.startswith("<"):
                known = filename or "<unknown>"
            else:
                known = os.path.relpath(os.path.abspath(filename), self.folder).replace(os.sep, "/")
            self._relative[filename] = known
        return known


def sources(ledger: Ledger) -> Iterator[Source]:
    """The top-level file, the files it includes, then the config file."""
    top = ledger.options.get("filename")
    files = sorted(ledger.options.get("include") or [], key=lambda name: name != top)
    config_path = plugin_config_path(ledger.options)
    if config_path and os.path.isfile(config_path):  # last (the plugin lists it as included)
        files = [name for name in files if name != config_path] + [config_path]
    for filename in files:
        try:
            with open(filename, "rb") as file:
                digest = hashlib.sha256(file.read()).hexdigest()
        except OSError:
            continue
        yield Source(ledger.relative(filename), digest)


# -- the plugin's config ---------------------------------------------------------------


def plugin_source(options_map: Mapping[str, Any]) -> data.Meta:
    """The top-level file's ``plugin`` line (its number found only if an error needs it)."""
    return data.new_metadata(options_map.get("filename") or "<string>", PLUGIN_LINE)


def locate_plugin_line(errors: Sequence[TimeRoiError]) -> list[TimeRoiError]:
    """``errors``, those at ``plugin_source`` given the number of the ``plugin`` line."""
    lines: dict[str, int] = {}
    located = []
    for error in errors:
        if error.source.get("lineno") == PLUGIN_LINE:
            filename = str(error.source["filename"])
            if filename not in lines:
                lines[filename] = _plugin_line_number(filename)
            error = error._replace(source=data.new_metadata(filename, lines[filename]))
        located.append(error)
    return located


_PLUGIN_LINE = re.compile(
    rb'^[ \t]*plugin[ \t]+"' + re.escape(PLUGIN_MODULE.encode()) + rb'"', re.MULTILINE
)


def _plugin_line_number(filename: str) -> int:
    try:
        with open(filename, "rb") as file:
            text = file.read()
    except OSError:
        return 0
    found = _PLUGIN_LINE.search(text)
    return text.count(b"\n", 0, found.start()) + 1 if found else 0


class ConfigText(NamedTuple):
    """A config's YAML text and where it comes from: its file, or the plugin line."""

    text: str
    filename: str
    name: Text  # how messages name it: the file's name, or "the plugin's inline config"
    inline: bool


def read_config(
    config_str: str | None, options_map: Mapping[str, Any]
) -> tuple[ConfigText | None, list[TimeRoiError]]:
    """The config's text: the file the plugin string names, else the string itself.

    None without errors when there is no config (every default applies).
    """
    text = (config_str or "").strip()
    if not text:
        return None, []
    path = config_file(text, options_map)
    here = plugin_source(options_map)
    if path is None:
        inline = ConfigText(text, str(here["filename"]), msg("the plugin's inline config"), True)
        if len(text) > MAX_CONFIG_BYTES:
            return None, [TimeRoiError(here, _too_big(inline.name), None)]
        return inline, []
    name = os.path.basename(path)
    read, errors = _read_file(path, name, here)
    return (ConfigText(read, path, name, False) if read is not None else None), errors


def _read_file(path: str, name: str, plugin: data.Meta) -> tuple[str | None, list[TimeRoiError]]:
    """The text of the config file at ``path``, or the error that says why not."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        message = msg(
            "config file {path} not found: create it, fix the path on the plugin line "
            "(it is relative to this ledger's folder), or remove the path to use the defaults",
            path=path,
        )
        return None, [TimeRoiError(plugin, message, None)]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = msg("config file {path} cannot be read ({reason})", path=path, reason=reason)
        return None, [TimeRoiError(plugin, message, None)]
    if len(raw) > MAX_CONFIG_BYTES:
        return None, [TimeRoiError(data.new_metadata(path, 1), _too_big(name), None)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = msg("In {name}: this line is not UTF-8 text; save the file as UTF-8", name=name)
        return None, [TimeRoiError(data.new_metadata(path, line), message, None)]


def _too_big(name: Text) -> Msg:
    return msg(
        "In {name}: the file is over 1 MB, and a timeroi config is a few lines; "
        "check that the plugin line names the right file",
        name=name,
    )


class LoadedConfig(NamedTuple):
    """The plugin's config (None when it has errors), its errors, and the language it
    asks for (read even when it has other mistakes, so they are reported in it)."""

    config: Config | None
    errors: list[TimeRoiError]
    language: str | None = None


def load_config(config_str: str | None, options_map: Mapping[str, Any]) -> LoadedConfig:
    """The plugin's configuration, read and checked; the YAML is parsed once."""
    source, errors = read_config(config_str, options_map)
    if errors:
        return LoadedConfig(None, errors)
    if source is None:
        return LoadedConfig(default_config(options_map, plugin_source(options_map)), [])
    tree, problems = read_yaml(source.text)
    if tree is None:
        (problem,) = problems
        where = (
            plugin_source(options_map)
            if source.inline
            else data.new_metadata(source.filename, problem.line or 1)
        )
        message = msg("In {name}: {problem}", name=source.name, problem=problem.message)
        return LoadedConfig(None, [TimeRoiError(where, message, None)])
    if source.inline:  # inline YAML has no lines of its own: every problem is at the plugin line
        tree.lines = {(): PLUGIN_LINE}
    config, errors = parse_config(tree, source.filename, source.name, options_map)
    return LoadedConfig(config, errors, tree_language(tree))


def ledger_config(ledger: Ledger) -> LoadedConfig:
    """The config of the ledger's first ``plugin "beancount_timeroi"`` line."""
    strings = plugin_config_strings(ledger.options)
    return load_config(strings[0] if strings else None, ledger.options)
