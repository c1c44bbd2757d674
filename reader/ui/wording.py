"""Counts in the window's messages read as words: "1 article", "2 articles", never
"1 article(s)"."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, in the plural (``plural``, else ``word`` + "s") unless one."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
