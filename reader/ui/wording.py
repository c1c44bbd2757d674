"""Words the window shows: counts read as words ("1 article", "2 articles", never
"1 article(s)"), dates as the article gave them, and what an update did to the notes."""

from __future__ import annotations

import re

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=[T ]|$)")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def compact_date(day: str, this_year: int) -> str:
    """A day ("2026-12-06") as a narrow column shows it: "6 Dec" in ``this_year``, else
    "Dec 2025"; anything else as it is."""
    match = _ISO_DAY.fullmatch(day)
    if not match:
        return day
    year, month, dom = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return day
    name = _MONTHS[month - 1]
    return f"{dom} {name}" if year == this_year else f"{name} {year}"


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, in the plural (``plural``, else ``word`` + "s") unless one."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def shown_date(value: str | None) -> str:
    """A date as the window shows it: an ISO time cut to its day ("2026-04-02"), any
    other date as written ("14 May 2026": cut to ten characters it read "14 May 202")."""
    value = (value or "").strip()
    match = _ISO_DATE.match(value)
    return match.group(0) if match else value


def notes_after_update(ok: int, changed: int, orphan: int) -> list[str]:
    """What a new version of an article did to its notes, in a fact-checker's words,
    one line a kind, leaving out the kinds with none ("re-anchored", "0 not found")."""
    lines = []
    if ok:
        its = "its" if ok == 1 else "their"
        lines.append(f"{counted(ok, 'note')} stayed with {its} sentence, word for word")
    if changed:
        its = "its" if changed == 1 else "their"
        lines.append(
            f"{counted(changed, 'note')} whose sentence changed: check {its} verdict again"
        )
    if orphan:
        was = "it was" if orphan == 1 else "they were"
        lines.append(
            f"{counted(orphan, 'note')} whose sentence is gone: kept, with the words {was} on"
        )
    return lines
