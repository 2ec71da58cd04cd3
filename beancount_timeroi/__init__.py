"""beancount-timeroi: what time on social media and a blog costs, and what it brings back.

The Beancount plugin (see ``beancount_timeroi.plugin``)::

    plugin "beancount_timeroi" "timeroi.yaml"
"""

from beancount_timeroi.plugin import timeroi

__plugins__ = ("timeroi",)
__all__ = ["timeroi"]
