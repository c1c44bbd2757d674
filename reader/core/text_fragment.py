"""Links to one sentence on the original page, as URL text fragments.

A text fragment (``https://example.org/a#:~:text=start,end``, WICG "Scroll To Text
Fragment", shipped in Chromium, Safari and Firefox) makes the browser scroll to and
highlight the first passage of the page that starts with ``start`` and ends with
``end``.  We link each quoted sentence of an export to its place on the page this way.

Encoding follows the spec's grammar: each term is percent-encoded as UTF-8, and the
characters the directive syntax gives a meaning to (``&``, ``,`` and ``-``) are always
encoded, whatever :func:`urllib.parse.quote` thinks of them.  A short sentence is sent
whole; a long one as its first and last few words, which keeps the link short and still
matches when the page reflows or a word in the middle differs only in markup.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

_WORDS_EACH_SIDE = 4
_SPACE = re.compile(r"\s+")


def encode_term(term: str) -> str:
    """Percent-encode one text-directive term (``-``, ``,`` and ``&`` included)."""
    return quote(term, safe="").replace("-", "%2D")


def text_directive(sentence: str, words_each_side: int = _WORDS_EACH_SIDE) -> str:
    """The ``text=…`` directive for ``sentence`` (without ``#:~:``); "" for blank text.

    Runs of whitespace (no-break spaces included) become one space, as browsers match
    rendered text.  A sentence of more than twice ``words_each_side`` words is given as
    ``start,end``.
    """
    words = _SPACE.sub(" ", sentence.replace("\u00a0", " ")).strip().split(" ")
    words = [w for w in words if w]
    if not words:
        return ""
    if len(words) <= 2 * words_each_side:
        return "text=" + encode_term(" ".join(words))
    start = " ".join(words[:words_each_side])
    end = " ".join(words[-words_each_side:])
    return f"text={encode_term(start)},{encode_term(end)}"


def link_to_sentence(url: str | None, sentence: str) -> str | None:
    """``url`` with a text fragment that highlights ``sentence``, or None.

    Only http(s) URLs get a link (a fragment means nothing on other schemes, and we
    never emit a live link of another scheme).  An existing fragment is replaced.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    directive = text_directive(sentence)
    if not directive:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ":~:" + directive))
