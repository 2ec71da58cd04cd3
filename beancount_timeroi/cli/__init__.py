"""``bean-timeroi``: reports, the year-end pack, imports and time logging, from a
Beancount ledger that uses the beancount_timeroi plugin.

The commands live in the modules of this package, each registered on the one
command group, ``main``; ``run`` is the console script.
"""

from __future__ import annotations

from beancount_timeroi.cli import log, reports, tools
from beancount_timeroi.cli.base import asked_language, main, run

__all__ = ["asked_language", "log", "main", "reports", "run", "tools"]
