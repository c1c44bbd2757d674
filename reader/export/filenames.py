"""Safe, stable file names for exports.

A name must survive every file system the file may travel to (Windows, macOS, Linux,
cloud drives, zip files), so it is plain ASCII: the title transliterated (accents
dropped, Cyrillic and Greek spelled in Latin letters), lower case, words joined by
``-``, cut at a word boundary.  A short piece of the article id follows, so two
articles with the same title never share a file and the same article always gets the
same name.  The whole name, extension included, stays within 100 characters, and a
name Windows reserves (``CON``, ``NUL``, ``COM1`` …) can never come out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 100
ID_SUFFIX_LENGTH = 8
FALLBACK_SLUG = "article"
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
    | {"COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
)

# Letters NFKD does not decompose into ASCII.
_LATIN_EXTRA = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l",
    "þ": "th", "ı": "i", "ŋ": "ng", "ħ": "h",
}  # fmt: skip
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k",
    "ѕ": "dz",
}  # fmt: skip
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
_TRANSLITERATION = {**_LATIN_EXTRA, **_CYRILLIC, **_GREEK}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """``text`` in ASCII letters where a reasonable spelling exists; others dropped."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        lower = ch.lower()
        if lower in _TRANSLITERATION:
            out.append(_TRANSLITERATION[lower])
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        if stripped.lower() in _TRANSLITERATION:
            out.append(_TRANSLITERATION[stripped.lower()])
        else:
            out.append(stripped.encode("ascii", "ignore").decode("ascii") or " ")
    return "".join(out)


def slugify(title: str, max_length: int) -> str:
    """An ASCII slug of ``title``, at most ``max_length`` characters, cut between words."""
    slug = _NOT_SLUG.sub("-", transliterate(title).lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
        slug = slug[:max_length].strip("-")
    return slug


def id_suffix(article_id: str) -> str:
    """A short, stable piece of the article id (its first hex digits for a UUID)."""
    compact = re.sub(r"[^0-9a-z]", "", article_id.lower())
    if len(compact) >= ID_SUFFIX_LENGTH:
        return compact[:ID_SUFFIX_LENGTH]
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:ID_SUFFIX_LENGTH]


def safe_filename(title: str, article_id: str, extension: str = ".md") -> str:
    """A file name for an article's export: ``<title-slug>-<id prefix><extension>``.

    Plain ASCII, at most 100 characters, stable for the same title and id, and never
    a name Windows reserves.
    """
    suffix = id_suffix(article_id)
    room = MAX_LENGTH - len(extension) - len(suffix) - 1
    slug = slugify(title, room) or FALLBACK_SLUG
    stem = f"{slug}-{suffix}"
    # The id suffix already rules reserved names out; the guard keeps that true if the
    # format ever changes.
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = f"_{stem}"[: MAX_LENGTH - len(extension)]
    return stem + extension
