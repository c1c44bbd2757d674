"""What the user types in a search box, turned into a safe SQLite FTS5 query.

The index tokenises text with ``unicode61`` (letters and digits make tokens; every other
character separates them).  FTS5 runs the same tokenizer over a quoted string in a
query and treats the tokens it yields as a phrase, so we never split words ourselves:
each whitespace-separated term is quoted whole.  "U.S." therefore searches for the
phrase ``u s`` (the two tokens side by side), not for every word starting with "u" and
every word starting with "s"; "10,000" searches for ``10 000``.

- A bare term matches as a prefix of its last token, so results follow the typing.
- Text in double quotes is one exact phrase, matched as typed (no prefix).
- Terms are combined with AND, as FTS5 does by default.
- A term with no letter or digit (a dash, a lone quote mark) is ignored; a query with no
  term gives "", which the store treats as "no search".
"""

from __future__ import annotations

import re

_PHRASE_OR_TERM = re.compile(r'"([^"]*)"?|(\S+)')


def _has_token(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(text: str) -> str:
    """Return the FTS5 ``MATCH`` expression for a user's query (see the module doc)."""
    parts: list[str] = []
    for match in _PHRASE_OR_TERM.finditer(text):
        phrase, term = match.group(1), match.group(2)
        if phrase is not None:
            if _has_token(phrase):
                parts.append(_quoted(" ".join(phrase.split())))
        elif term is not None and _has_token(term):
            parts.append(_quoted(term.replace('"', "")) + "*")
    return " ".join(parts)
