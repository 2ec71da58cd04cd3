"""Keep the French catalog up to date with the texts of the code.

``make messages`` runs this: it collects every text marked for translation
(``_``, ``N_``, ``n_``) in ``beancount_timeroi/``, and click's own words that
the command line shows ("Usage:", "Options", its error messages), then
brings ``beancount_timeroi/locale/fr/LC_MESSAGES/beancount_timeroi.po`` up to
date: new texts arrive untranslated, changed ones marked fuzzy, gone ones
kept as obsolete at the end. Translate the entries with an empty ``msgstr``
or a ``#, fuzzy`` flag (and remove the flag); ``make test`` fails until
every text of the code has its translation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "beancount_timeroi"
KEYWORDS = {**DEFAULT_KEYWORDS, "n_": (1, 2), "msg": None, "msgn": (1, 2)}
CATALOG = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "beancount_timeroi.po"


def _extract(folder: Path, prefix: str, catalog: Catalog, locations: bool = True) -> None:
    for filename, lineno, message, comments, context in extract_from_dir(
        folder, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        where = [(f"{prefix}/{filename}", lineno)] if locations else []
        catalog.add(message, None, where, auto_comments=comments, context=context)


def package_messages() -> Catalog:
    """The texts of beancount_timeroi."""
    catalog = Catalog(project="beancount-timeroi", domain="beancount_timeroi")
    _extract(PACKAGE, "beancount_timeroi", catalog)
    return catalog


def click_messages() -> Catalog:
    """The words of the installed click."""
    import click

    catalog = Catalog(domain="beancount_timeroi")
    _extract(Path(os.path.dirname(click.__file__)), "click", catalog)
    return catalog


def template() -> Catalog:
    """Every text to translate: the package's, then click's."""
    catalog = package_messages()
    for message in click_messages():
        if message.id and message.id not in catalog:
            catalog[message.id] = message
    return catalog


def main() -> int:
    with open(CATALOG, "rb") as file:
        french = read_po(file, locale="fr_CA", domain="beancount_timeroi")
    french.update(template())
    with open(CATALOG, "wb") as file:
        write_po(file, french, width=90, include_previous=True)
    missing = [
        message.id for message in french if message.id and (not message.string or message.fuzzy)
    ]
    print(f"{CATALOG.relative_to(ROOT)}: {len(french) - 1} texts, {len(missing)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
