"""One form for the URLs of an article, so that the same page is recognised however it is
linked.

Two URLs that differ only in what :func:`comparable_url` drops name the same article:
the scheme (``http`` or ``https``), the case of the host, a default port, the fragment,
a trailing slash, and tracking parameters (``utm_*``, ``fbclid``, ``gclid`` …).  The
other query parameters are kept, sorted, since they may select the article
(``?id=123``); ``www.`` and the case of the path are kept too, since some sites serve
different pages there.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

__all__ = ["comparable_url"]

_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in _TRACKING


def comparable_url(url: str) -> str:
    """The form of ``url`` used to tell whether two URLs name the same article.

    Not a URL to fetch: the scheme is dropped (``//host/path?query``).  Text that is not
    an http(s) URL comes back stripped and otherwise unchanged (a ``urn:uuid:…`` stays
    itself).  Never raises.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower()
    if port is not None and port not in _DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    form = f"//{host}{path}"
    if query:
        form += "?" + urlencode(query)
    return form
