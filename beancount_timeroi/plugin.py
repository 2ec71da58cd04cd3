"""The Beancount plugin: time entries in, valued and balanced transactions out.

Enable it in the top-level ledger (Beancount ignores ``plugin`` lines in
included files)::

    plugin "beancount_timeroi" "timeroi.yaml"

For each valid ``time`` directive it adds one transaction at the person's
hourly rate, tagged ``#timeroi`` and the channel, debiting the channel's
expense account and crediting ``Income:Imputed:Time``; it opens those accounts
at their first use. With ``generate: false`` it only checks the directives.
Every problem is a Beancount error at the line the user wrote; the user's
entries are returned as they came, and the plugin never raises.
"""

from __future__ import annotations

import contextlib
import gc
import os
import traceback
from collections.abc import Iterator, Mapping
from typing import Any

from beancount.core import data

from beancount_timeroi.config import Config, config_file
from beancount_timeroi.directives import (
    RUN_MARK,
    USAGE,
    PluginRun,
    read_ledger,
    sort_errors,
)
from beancount_timeroi.errors import TimeRoiError, error_at, incomplete, msg
from beancount_timeroi.i18n import language_for, translate
from beancount_timeroi.ledger import LoadedConfig, load_config, locate_plugin_line, plugin_source
from beancount_timeroi.money import wide
from beancount_timeroi.valuation import transactions


def timeroi(
    entries: list[data.Directive], options_map: dict[str, Any], config_str: str | None = None
) -> tuple[list[data.Directive], list[TimeRoiError]]:
    """Value the ledger's time entries; see the module docstring."""
    previous = options_map.get(RUN_MARK)
    if isinstance(previous, PluginRun):
        return _again(entries, options_map, config_str, previous)
    run = options_map[RUN_MARK] = PluginRun(config_str)
    try:
        with _collector_paused(), wide():
            _watch_config_file(config_str, options_map)
            loaded = load_config(config_str, options_map)
    except Exception:  # noqa: BLE001 - the plugin must never raise
        loaded = LoadedConfig(None, [_internal_error(options_map)])
    run.language = language_for(loaded.language)
    entries, errors = fill_missing_values(entries)
    generated: list[data.Directive] = []
    if loaded.config is None:
        errors += loaded.errors
    else:
        try:
            with _collector_paused(), wide():
                generated, found = _run(entries, options_map, run, loaded.config)
            errors += found
        except Exception:  # noqa: BLE001 - the plugin must never raise
            errors.append(_internal_error(options_map))
    run.errors = sort_errors(locate_plugin_line(errors))
    return entries + generated, [_in_words(error, run.language) for error in run.errors]


def _again(
    entries: list[data.Directive],
    options_map: dict[str, Any],
    config_str: str | None,
    previous: PluginRun,
) -> tuple[list[data.Directive], list[TimeRoiError]]:
    """The plugin listed a second time: it adds nothing, and says so if its config differs."""
    entries, errors = fill_missing_values(entries)
    if previous.config_str != config_str:
        message = msg(
            "beancount_timeroi is listed twice with different configurations; "
            "only the first is used: remove one of the plugin lines"
        )
        errors.append(error_at(plugin_source(options_map), message))
    errors = locate_plugin_line(errors)
    previous.errors = sort_errors(previous.errors + errors)
    return entries, [_in_words(error, previous.language) for error in errors]


def _in_words(error: TimeRoiError, language: str) -> TimeRoiError:
    """An error as Beancount shows it: its message in the config's language."""
    return error._replace(message=translate(error.message, language))


def _watch_config_file(config_str: str | None, options_map: dict[str, Any]) -> None:
    """List the config file with the ledger's included files, so that what watches
    them sees it change: Fava reloads (and its editor opens it), and Beancount's
    cache of the loaded ledger is refreshed."""
    path = config_file(config_str, options_map)
    included = options_map.get("include")
    if path and isinstance(included, list) and path not in included and os.path.isfile(path):
        included.append(path)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the plugin runs.

    The plugin allocates hundreds of thousands of small objects that all live
    on with the ledger; the collector would run hundreds of times in between
    and find nothing to free. Its previous state is restored afterwards, and
    its next run looks at the new objects once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(
    entries: list[data.Directive],
    options_map: Mapping[str, Any],
    run: PluginRun,
    config: Config,
) -> tuple[list[data.Directive], list[TimeRoiError]]:
    ledger = run.ledger = read_ledger(entries, options_map, config)
    if not config.generate:
        return [], ledger.errors
    already = ledger.scan.valued_sources
    fresh = [
        item
        for item in ledger.time
        if (item.entry.meta["filename"], item.entry.meta["lineno"]) not in already
    ]
    generated = transactions(fresh, ledger.channels, config, ledger.schedule, ledger.scan.opened)
    return generated, ledger.errors


def fill_missing_values(
    entries: list[data.Directive],
) -> tuple[list[data.Directive], list[TimeRoiError]]:
    """Give the plugin's directives written with no values an empty value list.

    Beancount 3.2's pad step crashes the whole load on a custom directive whose
    values are None; each such ``time``, ``hourly-rate`` or ``touch`` is
    reported as incomplete instead.
    """
    for entry in entries:
        if type(entry) is data.Custom and entry.values is None:
            break
    else:
        return entries, []
    fixed: list[data.Directive] = []
    errors: list[TimeRoiError] = []
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.values is None and entry.type in USAGE:
            entry = entry._replace(values=[])
            errors.append(error_at(entry.meta, incomplete(entry.type, USAGE[entry.type]), entry))
        fixed.append(entry)
    return fixed, errors


def _internal_error(options_map: Mapping[str, Any]) -> TimeRoiError:
    summary = traceback.format_exc(limit=-1).strip().splitlines()[-1]
    return error_at(
        plugin_source(options_map),
        msg(
            "beancount_timeroi stopped on an unexpected problem and added nothing ({summary}); "
            "your entries are unchanged. Please report this with the lines that cause it",
            summary=summary,
        ),
    )
