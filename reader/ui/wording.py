"""Words the window shows: counts read as words ("1 article", "2 articles", never
"1 article(s)") and dates as the article gave them."""

from __future__ import annotations

import re

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=[T ]|$)")


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, in the plural (``plural``, else ``word`` + "s") unless one."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def shown_date(value: str | None) -> str:
    """A date as the window shows it: an ISO time cut to its day ("2026-04-02"), any
    other date as written ("14 May 2026": cut to ten characters it read "14 May 202")."""
    value = (value or "").strip()
    match = _ISO_DATE.match(value)
    return match.group(0) if match else value
