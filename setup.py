"""Compiles the translation catalogs when the package is built or installed.

Everything else about the package is in pyproject.toml. The ``.po`` catalogs
under ``beancount_timeroi/locale/`` are the sources; building a wheel writes
the compiled ``.mo`` next to them in the wheel, and an editable install
(``pip install -e .``) writes them next to the sources.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _compile_po(source: Path) -> bytes:
    # The package's own compiler, loaded from its file: the package itself cannot
    # be imported here (its dependencies are not installed while it is built).
    spec = importlib.util.spec_from_file_location(
        "_timeroi_i18n", ROOT / "beancount_timeroi" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    compiled: bytes = module.compile_po(source)
    return compiled


class BuildWithCatalogs(build_py):
    """``build_py``, then each ``locale/*/LC_MESSAGES/*.po`` compiled to ``.mo``."""

    def run(self) -> None:
        super().run()
        for source in sorted((ROOT / "beancount_timeroi" / "locale").glob(
                "*/LC_MESSAGES/*.po")):
            relative = source.relative_to(ROOT).with_suffix(".mo")
            target = ROOT / relative if self.editable_mode else Path(self.build_lib) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_compile_po(source))


setup(cmdclass={"build_py": BuildWithCatalogs})
