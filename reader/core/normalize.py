"""Unicode and whitespace normalisation applied to every input before cleaning.

Copied page text carries no-break spaces between words, soft hyphens, zero-width
characters, Windows line ends and stray control characters.  None of them are
meaningful to a reader, and all of them break matching and sentence splitting, so
they are mapped to their plain forms here, once.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that render as a space: NBSP, the U+2000 family, narrow NBSP, ideographic.
_SPACES = re.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only affect layout or hyphenation.  The zero-width joiner
# and non-joiner are kept: Persian and Indic words and emoji sequences need them.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\u180e]")
# C0/C1 controls except tab and newline (tabs are turned into spaces above).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
_SPACE_AT_LINE_EDGES = re.compile(r" +\n *|\n +")
_HAS_LINE_SEPARATORS = re.compile(r"[\r\u2028\u2029\x85]")
# Every character the passes below replace or delete.  NFC never makes one of them out
# of other characters (checked over all of Unicode), so a text without any is spared
# those passes after one scan.
_ANY_REPLACED = re.compile(
    r"[\r\u2028\u2029\x85\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
    r"\u00ad\u200b\u2060\ufeff\u180e\x00-\x08\x0e-\x1f\x7f-\x9f]"
)


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with plain spaces and ``\\n`` line ends.

    Runs of spaces become one space; spaces at line starts and ends are removed.
    Line structure (including blank lines) is kept: the cleaners read it.
    """
    # Each pass runs only when its characters occur: most pasted pages need few.
    replaced = _ANY_REPLACED.search(text) is not None
    if replaced and _HAS_LINE_SEPARATORS.search(text):
        text = _LINE_SEPARATORS.sub("\n", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if replaced:
            text = _INVISIBLE.sub("", text)
    if replaced:
        text = _SPACES.sub(" ", text)
        text = _CONTROLS.sub("", text)
    if "  " in text:
        text = _RUNS_OF_SPACES.sub(" ", text)
    # Every match holds " \n" or "\n ": two quick literal searches spare most pages the
    # regex, which stops at every space of the text.
    if " \n" in text or "\n " in text:
        text = _SPACE_AT_LINE_EDGES.sub("\n", text)
    return text.strip(" ")
