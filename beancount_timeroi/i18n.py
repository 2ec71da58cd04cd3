"""English and French: the language of what users read.

Texts of the edges (renderers, the command line, the Fava page) are marked
``_("...")``: the template is translated first, then filled in,
``_("Wrote {path}").format(path=...)``.
The catalogs are gettext ``.po`` files under ``locale/`` (English is the
reference, written in the code), compiled in memory the first time a process
speaks their language: there is no build step, and no compiled file to go
stale.

The modules that compute make messages as data (``errors.Msg``: an English
template and its parameters); ``translate`` turns one into text in a
language, where people read it. JSON and CSV keep them in English
(``errors.english_text``), so those are the same whatever the language.

The language is ``en`` or ``fr`` (Canadian French), set for a piece of work
with ``use_language`` (the plugin: the config's ``language``; the report:
``--lang``, else the config's, else the environment; Fava: its own setting).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
import os
import tempfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from beancount_timeroi.errors import LANGUAGES, Figure, Join, Msg, Param
from beancount_timeroi.errors import N_ as N_

DOMAIN = "beancount_timeroi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("timeroi_language", default="en")
# The language the user asked for in so many words (``--lang``): it wins over the config's.
_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("timeroi_chosen", default=None)


def translate(value: Param, language: str | None = None) -> str:
    """A message (``errors.Msg``) as text in ``language`` (default: the current one).

    Plain values are shown as written, figures the language's way
    (``3,733.33``, ``3 733,33``), nested messages and lists translated too.
    JSON and CSV use ``errors.english_text`` instead: English, figures plain.
    """
    name = language or _language.get()
    if isinstance(value, Msg):
        catalog = _catalog(name)
        if value.plural is None:
            template = catalog.gettext(value.template)
        else:
            template = catalog.ngettext(value.template, value.plural, value.number or 0)
        if not value.params:  # a text with no placeholders may hold braces of its own
            return template
        return template.format(**{key: translate(param, name) for key, param in value.params})
    if isinstance(value, Join):
        separator = translate(value.separator, name)
        return separator.join(translate(part, name) for part in value.parts)
    if isinstance(value, Figure):
        with use_language(name):
            return figure(value.value)
    return str(value)


def _(message: str) -> str:
    """``message`` in the current language (for the edges: renderers, the CLI, Fava)."""
    return _catalog(_language.get()).gettext(message)


def n_(singular: str, plural: str, count: int) -> str:
    """``singular`` or ``plural`` as ``count`` asks, in the current language (French
    counts 0 and 1 as singular, English only 1)."""
    return _catalog(_language.get()).ngettext(singular, plural, count)


def figure(value: Decimal) -> str:
    """An amount written out in a message: ``3 733,33`` in French, ``3,733.33`` in
    English, with the decimals it has."""
    from babel.numbers import format_decimal

    exponent = value.as_tuple().exponent
    digits = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_name())


def language() -> str:
    """The current language: ``en`` or ``fr``."""
    return _language.get()


@contextlib.contextmanager
def use_language(name: str | None, *, chosen: bool = False) -> Iterator[None]:
    """Run the block in language ``name`` (``fr``, ``fr_CA``, ``en``...; None or another
    language: unchanged). ``chosen``: the user named it (``--lang``), so within the
    block it wins over a config's ``language``."""
    found = normalise(name)
    token = _language.set(found or _language.get())
    chosen_token = _chosen.set(found) if chosen and found else None
    try:
        yield
    finally:
        if chosen_token is not None:
            _chosen.reset(chosen_token)
        _language.reset(token)


def language_for(configured: str | None) -> str:
    """The language of work done for a ledger whose config says ``configured``: the
    user's ``--lang``, else the config's, else the current language."""
    return _chosen.get() or normalise(configured) or _language.get()


def normalise(name: str | None) -> str | None:
    """``fr_CA.UTF-8`` -> ``fr``; None for anything that is not English or French."""
    if not name:
        return None
    base = name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def from_environment(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for name in environ.get(variable, "").split(":"):
            found = normalise(name)
            if found:
                return found
    return None


def locale_name(currency: str | None = None) -> str:
    """The Babel locale of the current language: Canadian French, or English written
    the way the currency's country writes it ($1,234.56 for CAD and USD)."""
    if _language.get() == "fr":
        return "fr_CA"
    return "en_CA" if currency == "CAD" else "en_US"


@contextlib.contextmanager
def library_messages() -> Iterator[None]:
    """For the block, this package's catalog answers gettext's default domain in the
    current language: a library that asks gettext for its words (click: "Usage:",
    "Options", its error messages) finds them in it. For a command line's process.

    gettext reads compiled catalogs from files: the catalog is compiled into a
    temporary folder for the block."""
    name = _language.get()
    previous_domain, previous_language = gettext.textdomain(), os.environ.get("LANGUAGE")
    previous_folder = gettext.bindtextdomain(DOMAIN)
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        compiled = _compiled(name)
        if compiled is not None:
            target = folder / name / "LC_MESSAGES" / f"{DOMAIN}.mo"
            target.parent.mkdir(parents=True)
            target.write_bytes(compiled)
        gettext.bindtextdomain(DOMAIN, str(folder))
        gettext.textdomain(DOMAIN)
        os.environ["LANGUAGE"] = name
        try:
            yield
        finally:
            gettext.textdomain(previous_domain)
            gettext.bindtextdomain(DOMAIN, previous_folder)
            if previous_language is None:
                os.environ.pop("LANGUAGE", None)
            else:
                os.environ["LANGUAGE"] = previous_language


def _source(name: str) -> Path:
    return LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _compiled(name: str) -> bytes | None:
    """A language's catalog compiled from its ``.po``, once per process (None: English,
    the catalogs' own language)."""
    if name != "en" and _source(name).exists():
        return compile_po(_source(name))
    return None


@functools.cache
def _catalog(name: str) -> gettext.NullTranslations:
    """The catalog of a language."""
    compiled = _compiled(name)
    if compiled is not None:
        return gettext.GNUTranslations(io.BytesIO(compiled))
    return gettext.NullTranslations()


def compile_po(source: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalog (Babel's reader and writer)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(source, "rb") as file:
        catalog = read_po(file)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()
