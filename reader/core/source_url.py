"""What a note's source may point to: a web page (http, https) or a DOI.

A source is meant to be opened by whoever reads the fact-check, in a browser or from an
export.  ``javascript:``, ``file:``, ``data:`` and the like either run something or
point at the checker's own disk, so they are refused where the user types them, with a
message that says what is accepted.  A DOI (``10.1000/xyz`` or ``doi:10.1000/xyz``) is
stored as its ``https://doi.org/`` address, which every export can link.  An address
copied from a browser's bar without its scheme (``example.org/news/1``) gets ``https://``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reader.core.errors import InputError

_DOI = re.compile(r"^(?:doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
# "example.org/news/1", "www.site.co.uk", "news.site.com:8080/a?b=c": a host name with a
# dot, then optionally a port and a path, and no spaces.
_BARE_ADDRESS = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(:\d+)?([/?#]\S*)?")


def bare_address_url(text: str) -> str | None:
    """``text`` as an https address when it is one typed without its scheme
    (``example.org/news/1`` → ``https://example.org/news/1``), else None."""
    text = text.strip()
    return "https://" + text if _BARE_ADDRESS.fullmatch(text) else None


def checked_source_url(text: str) -> str:
    """``text`` as a source address: an http(s) URL with a host, or a DOI as its
    ``https://doi.org/`` URL.  Raises :class:`InputError` for anything else."""
    url = text.strip()
    doi = _DOI.match(url)
    if doi:
        return "https://doi.org/" + doi.group(1)
    shown = "".join(ch if ch.isprintable() else "?" for ch in url)
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        raise InputError(f"The source address “{shown}” contains control characters. Retype it.")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is not None and parts.scheme.lower() in ("http", "https") and host:
        return url
    if "://" not in url and (bare := bare_address_url(url)) is not None:
        return bare
    raise InputError(
        f"The source {shown or '(empty)'} is not a web address. Give an http:// or "
        "https:// address, or a DOI (10.1000/xyz)."
    )
