"""Benchmark pages rewritten in a made-up language, to see the cleaner on a language it
has no word lists for.

Every word (a run of letters) becomes a pseudo-word of the same length, the same one
wherever the word occurs, in the copied text and in the gold alike; capitals stay where
they were, figures and punctuation are kept.  No pseudo-word is a stop word of any
language the cleaner lists, so its stop lists, month names, "Reply" and "Related" find
nothing: what is left is what the cleaner knows of a page without knowing its language
(lengths, punctuation, case, repetition, position, and the words the page itself
repeats).  The benchmark's metric counts 4-word windows, so the scores stay comparable
with the real pages' (``python -m tests.bench.extraction --corpus --made-up-language``).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]+")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=None)
def _listed() -> frozenset[str]:
    from reader.core.line_model import STOP_WORDS

    return frozenset().union(*STOP_WORDS.values())


@lru_cache(maxsize=200_000)
def pseudo_word(lowered: str) -> str:
    """The made-up word for a lower-cased word: same length, Latin letters, never listed."""
    salt = 0
    while True:
        digest = hashlib.blake2b(f"{salt}:{lowered}".encode(), digest_size=32).digest()
        word = "".join(_ALPHABET[digest[i % 32] % 26] for i in range(len(lowered)))
        if word not in _listed():
            return word
        salt += 1


def _replace(match: re.Match[str]) -> str:
    original = match.group(0)
    made_up = pseudo_word(original.lower())
    return "".join(c.upper() if o.isupper() else c for c, o in zip(made_up, original))


def translate(text: str) -> str:
    """``text`` in the made-up language."""
    return _LETTERS.sub(_replace, text)
