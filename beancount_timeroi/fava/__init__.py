"""The Fava extension: the social-media ROI report as a page in Fava.

Enable it in the ledger (next to the plugin line)::

    2010-01-01 custom "fava-extension" "beancount_timeroi.fava"

The page, "Social-media ROI", shows the engine's report for Fava's filters:

- the **time filter** sets the period (no time filter: the whole ledger);
- the **account** and **filter** (tags, payees, ...) parameters narrow the
  transactions that count, exactly as in Fava's journal; a time entry counts
  when its generated transaction passes the filter (Fava's filters drop
  custom directives), so ``#linkedin`` keeps LinkedIn's time and income;
- the **interval** sets the buckets of the net-over-time chart;
- ``model`` (a parameter of this page only) replaces the config's attribution
  model, and the page compares all five;
- the page speaks Fava's language (its ``language`` option, else the
  browser's): French or English.

``/<ledger>/extension/TimeRoi/report`` returns the same report as JSON
(schema ``timeroi-report/1``); with ``?time=2025`` it is byte for byte
``bean-timeroi report LEDGER --year 2025 --format json``.

The page's **Log time** form (and its timer, kept in the browser) writes a
``time`` directive through ``PUT log`` (``logform``): checked as the plugin
would, written where the config's ``log_file`` or Fava's own options say,
under Fava's lock, and put back if the ledger loads with a new error.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

import jinja2
from fava.context import g
from fava.core.filters import TimeFilter
from fava.ext import FavaExtensionBase, extension_endpoint
from fava.helpers import FavaAPIError
from flask import Response, request
from flask_babel import get_locale

from beancount_timeroi.config import ATTRIBUTION_MODELS
from beancount_timeroi.directives import TimeLedger
from beancount_timeroi.engine import LedgerIndex, build_report, index_ledger, time_records
from beancount_timeroi.fava import logform
from beancount_timeroi.fava.page import PageView, build_page
from beancount_timeroi.i18n import _, language, normalise, use_language
from beancount_timeroi.ledger import Ledger
from beancount_timeroi.periods import COMPARE_USAGE, compared_period
from beancount_timeroi.render import json_report, views
from beancount_timeroi.report import Period, Report

if TYPE_CHECKING:  # pragma: no cover
    import datetime

CACHE_SIZE = 16
FILTER_ARGS = ("time", "account", "filter", "interval", "model", "compare")


class TimeRoi(FavaExtensionBase):
    """Social-media ROI: what time on each channel costs, and what it brings back."""

    has_js_module = True  # TimeRoi.js: the Log time form and its timer

    @property
    def report_title(self) -> str:  # type: ignore[override]  # per request, not per class
        """The page's name in Fava's sidebar, in Fava's language."""
        with use_language(fava_language()):
            return _("Social-media ROI")

    def __init__(self, ledger: Any, config: str | None = None) -> None:
        super().__init__(ledger, config)
        self._cache: OrderedDict[tuple[str, ...], dict[str, Any]] = OrderedDict()
        self._index: LedgerIndex | None = None
        self._time: tuple[TimeLedger | None] | None = None
        self._loaded: Ledger | None = None

    @cached_property
    def jinja_env(self) -> jinja2.Environment:
        """Fava's templates for this extension (``templates/TimeRoi.html`` beside this
        module), and the markup the page shares with the HTML report."""
        env = super().jinja_env
        loaders = [env.loader] if env.loader is not None else []
        return env.overlay(loader=jinja2.ChoiceLoader([*loaders, views.TEMPLATES]))

    def after_load_file(self) -> None:
        """A new load: every cached report is stale."""
        self._cache.clear()
        self._index = None
        self._time = None

    def index(self) -> LedgerIndex:
        """What every report of this load shares, read once per load."""
        if self._index is None:
            self._index = index_ledger(self.loaded())
        return self._index

    def time_records(self) -> TimeLedger | None:
        """The time records of this load (None: the config has errors), for the Log time
        form: read once per load, without what a report needs."""
        if self._index is not None:
            return self._index.time
        if self._time is None:
            self._time = (time_records(self.loaded()),)
        return self._time[0]

    def _cached(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per load and set of filters (the last few sets are kept). A
        report serves every language; a page is made per language (``page-fr``)."""
        key = tuple(request.args.get(arg, "") for arg in FILTER_ARGS)
        slot = self._cache.setdefault(key, {})
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        if name not in slot:
            slot[name] = make()
        return slot[name]

    # -- the report for the current request -------------------------------

    def current_report(self, compare_models: bool = False) -> Report:
        """The engine's report for Fava's current filters, computed once per load."""
        report: Report = self._cached(
            f"report-{compare_models}", lambda: self._compute_report(compare_models)
        )
        return report

    def model(self) -> str | None:
        """The page's ``model`` parameter, checked; None for the config's model."""
        return _model()

    def _compute_report(self, compare_models: bool) -> Report:
        period = _period(self.ledger)
        account = request.args.get("account", "").strip() or None
        advanced = request.args.get("filter", "").strip() or None
        # Only the account and advanced filters need Fava's filtered entries, without its
        # time filter: the engine applies the period itself, and the compared period's
        # entries must pass the same filters (Fava's entries are Beancount's).
        visible: Any = None
        if account or advanced:
            visible = self.ledger.get_filtered(account=account, filter=advanced).entries
        return build_report(
            self.loaded(),
            period,
            visible=visible,
            bucket=_bucket(g.interval),
            index=self.index(),
            model=_model(),
            compare_models=compare_models,
            compare=_compared(period, self.index().default_period),
        )

    def loaded(self) -> Ledger:
        """Fava's loaded ledger, as the engine reads it (Beancount's own load errors), made
        once per load."""
        entries: Any = self.ledger.all_entries
        if self._loaded is None or self._loaded.entries is not entries:
            options: Any = self.ledger.options
            self._loaded = Ledger(entries, list(self.ledger.load_errors), options)
        return self._loaded

    # -- the page ---------------------------------------------------------

    def page(self) -> PageView:
        """Everything the template shows; a clear message instead of a crash."""
        with use_language(fava_language()):
            return self._page()

    def _page(self) -> PageView:
        try:
            page: PageView = self._cached(
                f"page-{language()}",
                lambda: build_page(self.current_report(compare_models=True), self),
            )
            return page
        except FavaAPIError as exc:
            return PageView.failed(exc.message)
        except Exception as exc:  # noqa: BLE001 - a page must not crash Fava
            return PageView.failed(
                _("The report could not be computed ({problem}). Please report this.").format(
                    problem=f"{type(exc).__name__}: {exc}"
                )
            )

    def absolute(self, relative: str) -> str:
        """A report's file (relative to the ledger's folder) as Fava's editor wants it."""
        return os.path.normpath(os.path.join(self.loaded().folder, relative))

    # -- the JSON endpoint ------------------------------------------------

    @extension_endpoint("report")  # type: ignore[arg-type,untyped-decorator]
    def report_endpoint(self) -> Response:
        """GET: the JSON report for the current filters (``compare_models`` adds the
        comparison of attribution models); errors as JSON too, in English like every
        message of the JSON report."""
        with use_language("en"):
            return _report_response(lambda: self.current_report("compare_models" in request.args))

    @extension_endpoint("log", ["PUT"])  # type: ignore[arg-type,untyped-decorator]
    def log_endpoint(self) -> Response:
        """PUT: log one time entry (SPEC 12.2); messages in Fava's language."""
        with use_language(fava_language()):
            return logform.put(self)

    @extension_endpoint("duration")  # type: ignore[arg-type,untyped-decorator]
    def duration_endpoint(self) -> Response:
        """GET: the hours a duration means (``?value=1h30``), for the form."""
        with use_language(fava_language()):
            return logform.duration(self)


def _report_response(report: Callable[[], Report]) -> Response:
    """The JSON report, or its error as JSON (never an HTML 500)."""
    try:
        found = report()
    except FavaAPIError as exc:
        return _json_error(exc.message, 400)
    except Exception as exc:  # noqa: BLE001 - answer in JSON, never an HTML 500
        return _json_error(
            _("the report could not be computed ({problem})").format(
                problem=f"{type(exc).__name__}: {exc}"
            ),
            500,
        )
    return Response(json_report.render(found), mimetype="application/json")


def _period(ledger: Any) -> Period | None:
    """The period of Fava's time filter (Fava's own reading; FavaAPIError if it
    cannot), None without one."""
    time = request.args.get("time", "").strip()
    if not time:
        return None
    date_range = TimeFilter(ledger.options, ledger.fava_options, time).date_range
    return Period(date_range.begin, date_range.end_inclusive)


def _bucket(interval: Any) -> Callable[[datetime.date], tuple[datetime.date, str]]:
    """Fava's interval (month, week...) as the engine's buckets of the series."""

    def bucket(day: datetime.date) -> tuple[datetime.date, str]:
        start = interval.get_prev(day)
        return start, interval.format_date(start)

    return bucket


def _model() -> str | None:
    """The request's ``model`` parameter, checked; None for the config's model."""
    model = request.args.get("model", "").strip()
    if model and model not in ATTRIBUTION_MODELS:
        raise FavaAPIError(
            _("unknown attribution model '{model}': use one of {models}").format(
                model=model, models=", ".join(ATTRIBUTION_MODELS)
            )
        )
    return model or None


def _compared(period: Period | None, default: Period | None) -> Period | None:
    """The period of the request's ``compare`` parameter beside ``period`` (else the
    ledger's ``default``), checked; None when there is none."""
    spec = request.args.get("compare", "").strip()
    base = period or default
    if not spec or base is None:
        return None
    other = compared_period(spec, base)
    if other is None:
        raise FavaAPIError(
            _("unknown period to compare with '{spec}': use {usage}").format(
                spec=spec, usage=COMPARE_USAGE
            )
        )
    return other


def fava_language() -> str:
    """Fava's language for this request (its ``language`` option, else the browser's):
    ``fr`` or ``en``."""
    locale = get_locale()
    return (normalise(str(locale)) if locale is not None else None) or "en"


def _json_error(message: str, status: int) -> Response:
    return logform.json_response({"error": message}, status)
