"""Fetch one web page for the user, carefully, with the standard library only.

A fact-checker pastes a link; the app must bring the page in or say clearly why not.
The fetch runs on a worker thread, so it must be cancellable and report progress, and
it must never hang or fill memory whatever the server does.  We use ``http.client``
directly rather than ``urllib.request`` because we need things urllib hides:

* separate **connect and read time-outs** (a dead host should fail in seconds; a slow
  but live one may trickle), plus an overall deadline so a server that drips one byte
  per read cannot hold the worker forever;
* **redirects** followed by hand: counted, loops detected, and only to http(s); every
  hop's host is resolved (:data:`Resolver`, injectable) and the connection is made to
  the very address that was checked, so a redirect cannot reach this computer or the
  private network behind it (loopback, private, link-local, multicast, reserved —
  however the address is spelled, ``2130706433`` included).  The address the user
  typed is fetched whatever it is: that is their choice;
* **one deadline** over resolving, connecting, the headers and the body: a watcher
  shuts the socket down when it passes, so a server trickling its headers a byte at
  a time is cut off as surely as one trickling the body;
* **credentials** (``user:password@``) are removed from the address before anything
  is sent or kept, and :attr:`RawInput.notices` says so;
* a **size cap** checked against Content-Length, against the bytes received, and
  against the *decompressed* size, so a small gzip bomb is refused;
* the **content type** checked before the body is read: a PDF or an image gets a
  message that says what to do, not a screen of garbage;
* **cancellation** from another thread: a watcher shuts the socket down, which wakes a
  blocked ``recv`` at once.

Every failure becomes a :class:`FetchError` whose message says what happened and what
the user can do.  System proxy settings (``http_proxy``/``https_proxy``/``no_proxy``)
are honoured, except for loopback addresses.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from email.message import Message
from importlib import metadata

from reader.core.errors import FetchError
from reader.core.links import strip_credentials
from reader.importers import RawInput

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 30.0)
"""(connect, read) time-outs in seconds."""
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_DEADLINE = 120.0
"""Seconds a whole fetch may take, however the server paces its bytes."""

_CHUNK = 64 * 1024
_REDIRECT_CODES = {301, 302, 303, 307, 308}
_ACCEPTED_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_CANCEL_POLL_SECONDS = 0.05

ProgressCallback = Callable[[int, "int | None"], None]
Resolver = Callable[[str, int], Sequence[str]]
"""``resolver(host, port)`` → the IP addresses to connect to, best first.

The default asks the system (``getaddrinfo``).  Tests inject their own to map a
public-looking name to a local server.  Address literals (``127.0.0.1``, ``[::1]``,
``2130706433``, ``0x7f.1``) never reach the resolver: they are parsed here, the way
the system would read them.
"""
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _user_agent() -> str:
    try:
        version = metadata.version("fact-check-reader")
    except metadata.PackageNotFoundError:
        version = "dev"
    # Polite and honest: names the app and says a person asked for this one page.
    return f"FactCheckReader/{version} (desktop reader; fetches a single page at a user's request)"


USER_AGENT = _user_agent()


def fetch_url(
    url: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    deadline: float = DEFAULT_DEADLINE,
    cancel: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    resolver: Resolver | None = None,
) -> RawInput:
    """Download the page at ``url`` and return it as :class:`RawInput`.

    ``timeout`` is ``(connect, read)`` in seconds; ``max_bytes`` caps the body after
    decompression; ``max_redirects`` caps the redirects followed; ``deadline`` caps the
    whole fetch.  Setting ``cancel`` from another thread stops the fetch promptly.
    ``progress(received, total)`` is called as bytes arrive (``total`` is None when the
    server does not say).  ``RawInput.origin`` and ``RawInput.url`` are the final URL
    after redirects, without any ``user:password@``; ``RawInput.notices`` says when
    one was removed.  ``resolver`` replaces the system's name lookup (see
    :data:`Resolver`).  Raises :class:`FetchError` with a user-facing message.
    """
    current, had_credentials = strip_credentials(url.strip())
    current = _checked_url(current)
    notices: tuple[str, ...] = ()
    if had_credentials:
        notices = (
            "The address contained a user name and password; they were removed and were "
            "neither sent nor stored.",
        )
    deadline_at = time.monotonic() + deadline
    resolve = resolver or _system_resolver
    typed_host = (urllib.parse.urlsplit(current).hostname or "").lower()
    typed_addresses: set[IPAddress] = set()
    seen: set[str] = set()
    for hop in range(max_redirects + 1):
        seen.add(current)
        if cancel is not None and cancel.is_set():
            raise _cancelled()
        through_proxy = _proxy_for(urllib.parse.urlsplit(current)) is not None
        try:
            addresses = _addresses_for(current, resolve, deadline_at)
        except FetchError:
            if not through_proxy:
                raise
            # Behind a proxy this computer may not resolve names at all: the proxy
            # connects, and what it reaches is its policy.  Literal addresses were
            # parsed above, so a redirect to 127.0.0.1 is still refused below.
            addresses = []
        if hop == 0:
            typed_addresses = set(addresses)
        elif addresses or not through_proxy:
            addresses = _allowed_after_redirect(current, addresses, typed_host, typed_addresses)
        location = _fetch_once(
            current, addresses, timeout, max_bytes, deadline_at, cancel, progress
        )
        if isinstance(location, RawInput):
            if notices:
                location = RawInput(
                    data=location.data,
                    media_type=location.media_type,
                    origin=location.origin,
                    name=location.name,
                    url=location.url,
                    notices=notices,
                )
            return location
        target = urllib.parse.urljoin(current, location)
        target = _checked_url(strip_credentials(target)[0], redirected=True)
        if target in seen:
            raise FetchError(
                "The site keeps redirecting in a loop, so the page cannot be reached. "
                "Open the link in your browser; if it works there, copy the article text "
                "and paste it."
            )
        current = target
    raise FetchError(
        f"The site redirected more than {max_redirects} times, so the download was "
        "stopped. Open the link in your browser and copy the final address or the text."
    )


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal_address(host: str) -> IPAddress | None:
    """``host`` as an address if it is one in any spelling the system accepts."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:
        # inet_aton reads what the C library reads: "2130706433", "0x7f.1", "0177.0.0.1".
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def _addresses_for(url: str, resolve: Resolver, deadline_at: float) -> list[IPAddress]:
    """The addresses the host of ``url`` stands for, within the deadline."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    literal = _literal_address(host)
    if literal is not None:
        return [literal]
    port = parts.port or (443 if parts.scheme == "https" else 80)
    found: list[Sequence[str]] = []
    failed: list[BaseException] = []

    def lookup() -> None:
        try:
            found.append(resolve(host, port))
        except (OSError, UnicodeError) as err:
            failed.append(err)

    # getaddrinfo cannot be interrupted: it runs aside so the deadline still holds.
    thread = threading.Thread(target=lookup, name="fetch-resolver", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline_at - time.monotonic()))
    if thread.is_alive():
        raise _too_long()
    addresses = []
    for text in found[0] if found else ():
        try:
            addresses.append(ipaddress.ip_address(text.split("%", 1)[0]))
        except ValueError:
            continue
    if not addresses:
        raise FetchError(
            f"The site {host} could not be found. Check the address and your internet connection."
        )
    return addresses


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _allowed_after_redirect(
    url: str,
    addresses: list[IPAddress],
    typed_host: str,
    typed_addresses: set[IPAddress],
) -> list[IPAddress]:
    """The addresses a redirect to ``url`` may use, or FetchError.

    Public addresses are fine.  A non-public one is fine only on the host the user
    typed and at an address it had when they typed it (a local site redirecting within
    itself); a public name that now points inside is refused (DNS rebinding).
    """
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    allowed = [
        a for a in addresses if _is_public(a) or (host == typed_host and a in typed_addresses)
    ]
    if allowed:
        return allowed
    shown = ", ".join(str(a) for a in addresses[:3])
    raise FetchError(
        f"The site redirected to {host} ({shown}), an address on this computer or a "
        "private network, which the app does not follow for your safety; nothing was "
        "downloaded from it. If you trust that address, type it yourself."
    )


def _checked_url(url: str, redirected: bool = False) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else FetchError."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as err:
        raise FetchError(f"“{url}” is not a valid web address. Check it and try again.") from err
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if redirected:
            raise FetchError(
                f"The site redirected to a “{scheme or 'relative'}:” address, which the app "
                "does not follow for your safety. Open the link in your browser instead."
            )
        if not scheme:
            raise FetchError(
                f"“{url}” is not a full web address. It must start with http:// or https://."
            )
        if scheme in ("javascript", "vbscript"):
            raise FetchError(
                f"“{scheme}:” is a piece of script, not the address of a page, so there is "
                "nothing to import and it was not run. Import a web address (http:// or "
                "https://) or a saved file."
            )
        if scheme == "data":
            # The rest of a data: address is its content: never echo it as a "name".
            raise FetchError(
                "This is a “data:” address: it carries its content inside the address "
                "instead of pointing to a page, and is not imported. Save the content as "
                "a file and import the file."
            )
        if scheme == "file":
            raise FetchError(
                "This is a “file:” address; only web addresses (http:// or https://) are "
                "downloaded. Import the file by its path on your computer instead (or use "
                "Open File in the window)."
            )
        raise FetchError(
            f"Only web addresses (http:// or https://) can be imported, not “{scheme}:” "
            "links. For a file on your computer, use Open File instead."
        )
    if not parts.hostname:
        raise FetchError(f"“{url}” has no site name in it. Check the address and try again.")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as err:
        raise FetchError(f"“{url}” has an invalid port number. Check the address.") from err
    return urllib.parse.urlunsplit(parts._replace(scheme=scheme))


def _fetch_once(
    url: str,
    addresses: list[IPAddress],
    timeout: tuple[float, float],
    max_bytes: int,
    deadline_at: float,
    cancel: threading.Event | None,
    progress: ProgressCallback | None,
) -> RawInput | str:
    """One request: the page as RawInput, or the Location of a redirect."""
    parts = urllib.parse.urlsplit(url)
    connect_timeout, read_timeout = timeout
    finished = threading.Event()
    # The socket is kept here because http.client drops its own reference once a
    # response that closes the connection starts, while the body is still being read.
    sockets: list[socket.socket] = []
    stopped: list[str] = []  # "cancel" or "deadline", set by the watcher
    connection = _connection(parts, addresses, connect_timeout, deadline_at, sockets)
    watcher = _start_watcher(sockets, cancel, deadline_at, finished, stopped)
    response: http.client.HTTPResponse | None = None
    try:
        try:
            connection.connect()
            if connection.sock is not None:
                connection.sock.settimeout(read_timeout)
                sockets.append(connection.sock)
            connection.putrequest(
                "GET", _request_target(parts, connection), skip_accept_encoding=True
            )
            connection.putheader("User-Agent", USER_AGENT)
            connection.putheader(
                "Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
            )
            connection.putheader("Accept-Encoding", "gzip, deflate")
            connection.putheader("Accept-Language", "*")
            connection.endheaders()
            response = connection.getresponse()
            if response.status in _REDIRECT_CODES:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(
                        f"The site answered with a redirect (HTTP {response.status}) but did "
                        "not say where to. Open the link in your browser instead."
                    )
                return location
            _check_status(response.status, response.reason)
            media_type = response.getheader("Content-Type")
            _check_media_type(media_type)
            data = _read_body(response, max_bytes, deadline_at, cancel, progress)
            if "deadline" in stopped:
                # A body without a length just ends when the socket is shut down.
                raise _too_long()
        except FetchError:
            if "deadline" in stopped:
                raise _too_long() from None
            raise
        except TimeoutError as err:
            if cancel is not None and cancel.is_set():
                raise _cancelled() from err
            if "deadline" in stopped or time.monotonic() >= deadline_at:
                raise _too_long() from err
            raise FetchError(
                f"The site {parts.hostname} did not answer in time. It may be slow or "
                "down: try again later, or open the page in your browser and copy the text."
            ) from err
        except zlib.error as err:
            raise FetchError(
                "The site sent a damaged compressed page, so it cannot be read. Try again "
                "later, or open it in your browser and copy the text."
            ) from err
        except ssl.SSLCertVerificationError as err:
            raise FetchError(
                f"The secure connection to {parts.hostname} could not be verified "
                f"({err.verify_message}). The site's certificate may be wrong or expired; "
                "the page was not downloaded."
            ) from err
        except ssl.SSLError as err:
            if "deadline" in stopped:
                raise _too_long() from err
            raise FetchError(
                f"The secure connection to {parts.hostname} failed ({err.reason}). "
                "Try again later or open the page in your browser."
            ) from err
        except socket.gaierror as err:
            raise FetchError(
                f"The site {parts.hostname} could not be found. Check the address and "
                "your internet connection."
            ) from err
        except ConnectionRefusedError as err:
            raise FetchError(
                f"The site {parts.hostname} refused the connection. It may be down: try "
                "again later."
            ) from err
        except (OSError, http.client.HTTPException) as err:
            if cancel is not None and cancel.is_set():
                raise _cancelled() from err
            if "deadline" in stopped:
                raise _too_long() from err
            raise FetchError(
                f"The connection to {parts.hostname} failed ({err or type(err).__name__}). "
                "Check your internet connection and try again."
            ) from err
    finally:
        finished.set()
        if response is not None:
            response.close()
        connection.close()
        for sock in sockets:
            sock.close()
        watcher.join()
    final_name = urllib.parse.unquote(parts.path.rsplit("/", 1)[-1]) or None
    return RawInput(data=data, media_type=media_type, origin=url, name=final_name, url=url)


def _connection(
    parts: urllib.parse.SplitResult,
    addresses: list[IPAddress],
    connect_timeout: float,
    deadline_at: float,
    sockets: list[socket.socket],
) -> http.client.HTTPConnection:
    """A connection to the host of ``parts``, through the system proxy if one applies.

    Without a proxy the connection goes to one of ``addresses`` (the ones checked),
    never to a fresh lookup of the name; the Host header and the certificate check
    still use the name.
    """
    host = parts.hostname or ""
    port = parts.port
    proxy = _proxy_for(parts)
    connection: http.client.HTTPConnection
    if proxy is not None:
        proxy_parts = urllib.parse.urlsplit(proxy)
        proxy_host, proxy_port = proxy_parts.hostname or "", proxy_parts.port or 8080
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                proxy_host,
                proxy_port,
                timeout=connect_timeout,
                context=ssl.create_default_context(),
            )
            connection.set_tunnel(host, port or 443)
        else:
            connection = http.client.HTTPConnection(proxy_host, proxy_port, timeout=connect_timeout)
            connection._fetch_through_proxy = True  # type: ignore[attr-defined]
    elif parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            host, port, timeout=connect_timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=connect_timeout)

    def create_connection(
        address: tuple[str, int], timeout: float | None = None, source: object = None
    ) -> socket.socket:
        targets = [address] if proxy is not None else [(str(a), address[1]) for a in addresses]
        last: OSError | None = None
        for target in targets:
            left = deadline_at - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline")
            try:
                sock = socket.create_connection(target, min(connect_timeout, left))
            except OSError as err:
                last = err
                continue
            # Registered before any TLS handshake, so the watcher can cut that short too.
            sockets.append(sock)
            return sock
        assert last is not None
        raise last

    # http.client looks the name up itself in connect(); this pins the address.
    connection._create_connection = create_connection  # type: ignore[attr-defined]
    return connection


def _proxy_for(parts: urllib.parse.SplitResult) -> str | None:
    host = parts.hostname or ""
    if _is_loopback(host):
        return None
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme)
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _request_target(parts: urllib.parse.SplitResult, connection: http.client.HTTPConnection) -> str:
    # A plain-HTTP proxy wants the absolute URL; everyone else the path.
    if getattr(connection, "_fetch_through_proxy", False):
        return urllib.parse.urlunsplit(parts._replace(fragment=""))
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target


def _start_watcher(
    sockets: list[socket.socket],
    cancel: threading.Event | None,
    deadline_at: float,
    finished: threading.Event,
    stopped: list[str],
) -> threading.Thread:
    """A thread that shuts the socket down on cancel or at the deadline.

    Shutting the socket down wakes a blocked ``recv`` at once, whether http.client is
    reading the status line, a header or the body; per-read time-outs alone let a
    server that sends a byte every few seconds hold the fetch for ever.
    """

    def watch() -> None:
        while not finished.wait(_CANCEL_POLL_SECONDS):
            if cancel is not None and cancel.is_set():
                stopped.append("cancel")
                break
            if time.monotonic() >= deadline_at:
                stopped.append("deadline")
                break
        else:
            return
        # The socket may not exist yet while connecting: wait for it.
        while not finished.is_set():
            for sock in list(sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed: nothing left to wake
            if sockets:
                return
            finished.wait(_CANCEL_POLL_SECONDS)

    thread = threading.Thread(target=watch, name="fetch-watcher", daemon=True)
    thread.start()
    return thread


def _check_status(status: int, reason: str) -> None:
    if 200 <= status < 300:
        return
    if status == 404 or status == 410:
        advice = "The page was not found: check the address, or the page may have been removed."
    elif status in (401, 403):
        advice = (
            "The site refused access: it may need a login or block automatic "
            "downloads. Open the page in your browser, copy the article and paste it."
        )
    elif status == 429:
        advice = "The site says there were too many requests. Wait a few minutes and try again."
    elif status >= 500:
        advice = "The site had an internal problem. Try again later."
    else:
        advice = "The site did not send the page. Open the link in your browser to see why."
    raise FetchError(f"{advice} (HTTP {status} {reason})".strip())


def _check_media_type(media_type: str | None) -> None:
    """Refuse a response whose declared type is not a web page or text."""
    if not media_type:
        return  # undeclared: decoding and sniffing decide later
    message = Message()
    message["content-type"] = media_type
    essence = message.get_content_type().lower()
    if essence in _ACCEPTED_TYPES or essence.endswith("+xml") and "html" in essence:
        return
    if essence == "application/pdf":
        raise FetchError(
            "This link points to a PDF document, not a web page. Download it, open it in a "
            "PDF reader, copy the article text and paste it here."
        )
    if essence.startswith(("image/", "video/", "audio/")):
        kind = essence.split("/")[0]
        raise FetchError(
            f"This link points to an {kind} file, not a web page. Use the link "
            "to the article page instead."
        )
    raise FetchError(
        f"This link points to “{essence}” content, not a web page or text. Use the link "
        "to the article page, or copy the article text and paste it."
    )


def _read_body(
    response: http.client.HTTPResponse,
    max_bytes: int,
    deadline_at: float,
    cancel: threading.Event | None,
    progress: ProgressCallback | None,
) -> bytes:
    """The (decompressed) body, enforcing the size cap, the deadline and cancellation."""
    too_big = FetchError(
        f"The page is larger than {max_bytes // 1_048_576} MB, so it was not downloaded. "
        "An article page is much smaller: check the link, or copy the article text and "
        "paste it."
    )
    declared = response.getheader("Content-Length")
    total = int(declared) if declared and declared.isdigit() else None
    if total is not None and total > max_bytes:
        raise too_big
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    decompressor = _decompressor(encoding)
    chunks: list[bytes] = []
    size = 0
    received = 0
    if progress is not None:
        progress(0, total)
    while True:
        if cancel is not None and cancel.is_set():
            raise _cancelled()
        if time.monotonic() > deadline_at:
            raise _too_long()
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise too_big
        if decompressor is not None:
            # max_length bounds what one step may inflate to; the rest stays in
            # unconsumed_tail and is inflated on the next pass of the inner loop.
            piece = decompressor.decompress(chunk, max_bytes + 1 - size)
            while True:
                size += len(piece)
                chunks.append(piece)
                if size > max_bytes:
                    raise too_big
                if not decompressor.unconsumed_tail:
                    break
                piece = decompressor.decompress(decompressor.unconsumed_tail, max_bytes + 1 - size)
        else:
            size += len(chunk)
            chunks.append(chunk)
        if progress is not None:
            progress(received, total)
    if cancel is not None and cancel.is_set():
        raise _cancelled()
    if decompressor is not None:
        tail = decompressor.flush()
        size += len(tail)
        if size > max_bytes:
            raise too_big
        chunks.append(tail)
    return b"".join(chunks)


def _decompressor(encoding: str) -> zlib._Decompress | None:
    """A streaming decompressor for a Content-Encoding, or None for identity."""
    if encoding in ("identity", ""):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        # Servers disagree on whether "deflate" has a zlib header; 32+ accepts both
        # zlib and gzip headers, and raw deflate is too rare today to guess at.
        return zlib.decompressobj(32 + zlib.MAX_WBITS)
    raise FetchError(
        f"The site sent the page compressed as “{encoding}”, which the app cannot read. "
        "Open the page in your browser, copy the article text and paste it."
    )


def _too_long() -> FetchError:
    return FetchError(
        "The page took too long to download, so the download was stopped. Try "
        "again later, or open it in your browser and copy the text."
    )


def _cancelled() -> FetchError:
    return FetchError("The download was cancelled.")
