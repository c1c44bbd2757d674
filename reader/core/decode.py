"""Bytes → text, for files and pages whose encoding nobody told us reliably.

News pages in cp1251, latin-1 and UTF-16 are common, and headers and ``<meta>`` tags are
often missing or wrong.  We follow the order browsers use, because that is what the page
author checked their page against:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) — nothing overrides it;
2. the ``charset`` parameter of the media type (HTTP header);
3. for HTML, ``<meta charset>`` or ``<meta http-equiv=content-type>`` near the top;
4. UTF-8, if the bytes are valid UTF-8;
5. otherwise a guess by ``charset_normalizer``.

Two deliberate departures from a browser:

* A declared single-byte charset (latin-1, cp1252, ascii…) loses to valid UTF-8 that
  contains non-ASCII bytes.  Multi-byte UTF-8 sequences practically never occur in real
  latin-1 prose, while servers that label UTF-8 pages ``ISO-8859-1`` by default are
  common; believing the label would show the user mojibake.
* A declared charset that cannot decode the bytes is ignored rather than forced with
  replacement characters; the next rule gets its chance.

Binary input (PDF, images, archives, executables, anything with NUL bytes that is not
UTF-16/32) is refused with an :class:`InputError` that says what to do instead, because
decoding it would only produce a screen of garbage.
"""

from __future__ import annotations

import codecs
import re

from reader.core.errors import InputError

# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats people are likely to drop on the app by mistake, with the
# advice we give for each.
_COPY_FROM_VIEWER = "open it in its own viewer, copy the article text and paste it here"
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"%PDF-",
        f"This is a PDF document, not a web page or text file. To check it, {_COPY_FROM_VIEWER}.",
    ),
    (
        b"PK\x03\x04",
        (
            "This is a ZIP archive (or an Office/EPUB document, which is one). "
            f"Extract the page from it, or {_COPY_FROM_VIEWER}."
        ),
    ),
    (
        b"\x89PNG\r\n\x1a\n",
        "This is a PNG image, not a text. The app reads web pages and text only.",
    ),
    (b"\xff\xd8\xff", "This is a JPEG image, not a text. The app reads web pages and text only."),
    (b"GIF87a", "This is a GIF image, not a text. The app reads web pages and text only."),
    (b"GIF89a", "This is a GIF image, not a text. The app reads web pages and text only."),
    (b"RIFF", "This is a media file (image, audio or video), not a text."),
    (b"\x1f\x8b", "This file is gzip-compressed. Decompress it first and import the page inside."),
    (b"BZh", "This file is bzip2-compressed. Decompress it first and import the page inside."),
    (
        b"\xfd7zXZ\x00",
        "This file is xz-compressed. Decompress it first and import the page inside.",
    ),
    (b"7z\xbc\xaf\x27\x1c", "This is a 7-Zip archive. Extract the page from it first."),
    (b"Rar!\x1a\x07", "This is a RAR archive. Extract the page from it first."),
    (b"\x7fELF", "This is a program, not a text. Choose the saved web page or text file instead."),
    (
        b"MZ",
        "This is a Windows program, not a text. Choose the saved web page or text file instead.",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        (f"This is an old Microsoft Office document. To check it, {_COPY_FROM_VIEWER}."),
    ),
    (
        b"SQLite format 3\x00",
        ("This is a database file, not an article. To restore notes, use the JSON import instead."),
    ),
    (b"wOFF", "This is a font file, not a text."),
    (b"OggS", "This is an audio or video file, not a text."),
    (b"ID3", "This is an audio file, not a text."),
)
_NOT_TEXT = (
    "This file does not contain text (it has binary data in it). "
    "Choose a saved web page (.html) or a text file, or copy the article from your "
    "browser and paste it."
)

# WHATWG: these labels all mean windows-1252 in practice.
_LATIN1_LABELS = {
    "iso-8859-1",
    "iso8859-1",
    "latin1",
    "latin-1",
    "l1",
    "us-ascii",
    "ascii",
    "windows-1252",
    "cp1252",
    "x-cp1252",
    "iso_8859-1",
    "cp819",
}

_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.IGNORECASE)
# A <meta …charset=…> tag: matches both <meta charset="x"> and the http-equiv form.
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.IGNORECASE
)
# Browsers look for <meta charset> in the first 1024 bytes; pages with long <head>
# scripts often put it later, so we look a little further.
_META_SCAN_BYTES = 8192


def decode_bytes(data: bytes, media_type: str | None = None) -> str:
    """Decode ``data`` to text, choosing the encoding as a browser would.

    Order: byte-order mark, then the ``charset`` of ``media_type``, then an HTML
    ``<meta>`` charset, then UTF-8 if valid, else a statistical guess.  Raises
    :class:`InputError` for binary data (PDF, images, archives, NUL bytes…) with a
    message that says what to do instead.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")

    _refuse_binary(data)

    declared = _charset_of(media_type)
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        text = _try_decode(data, declared)
        if text is not None:
            return text
    if b"\x00" in data:
        bomless = _bomless_utf16(data)
        if bomless is not None:
            return bomless
        raise InputError(_NOT_TEXT)

    if declared is not None:
        text = _decode_declared(data, declared)
        if text is not None:
            return text

    if not _is_plain_text_type(media_type):
        meta = _meta_charset(data)
        if meta is not None:
            text = _decode_declared(data, meta)
            if text is not None:
                return text

    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    return _mostly_utf8(data) or _guess(data)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes, decoded with replacement characters.

    A page saved as UTF-8 with one damaged byte is still UTF-8: guessing a legacy code
    page for it would garble every accented letter.  Valid non-ASCII characters
    outnumbering the broken sequences two to one is the sign.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return text if bad and good >= 2 * bad else None


def _refuse_binary(data: bytes) -> None:
    """Raise InputError if ``data`` starts with a known binary signature."""
    head = data[:16]
    for signature, message in _BINARY_SIGNATURES:
        if head.startswith(signature):
            # "MZ" and "ID3" are also plausible starts of a text; only trust them
            # when the rest looks binary too.
            if signature in (b"MZ", b"ID3", b"BZh", b"RIFF") and b"\x00" not in data[:1024]:
                continue
            raise InputError(message)
    # ISO-BMFF (MP4, MOV, HEIC, AVIF) keeps its marker at offset 4.
    if data[4:8] == b"ftyp":
        raise InputError("This is a video or image file, not a text.")


def _charset_of(media_type: str | None) -> str | None:
    """The normalised charset named in a media type such as ``text/html; charset=x``."""
    if not media_type:
        return None
    match = _CHARSET_PARAM.search(media_type.encode("latin-1", errors="replace"))
    return _codec_name(match.group(1)) if match else None


def _meta_charset(data: bytes) -> str | None:
    """The charset declared by a ``<meta>`` tag near the top of an HTML document."""
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    if match is None:
        return None
    name = _codec_name(match.group(1))
    # A document readable as ASCII to find this tag cannot be UTF-16; browsers treat
    # the declaration as UTF-8.
    if name is not None and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _codec_name(label: bytes) -> str | None:
    """Python's codec name for a charset label, or None when Python does not know it."""
    text = label.decode("ascii", errors="ignore").strip().lower()
    if text in _LATIN1_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(text).name
    except LookupError:
        return None


def _is_plain_text_type(media_type: str | None) -> bool:
    return bool(media_type) and media_type.split(";")[0].strip().lower() == "text/plain"  # type: ignore[union-attr]


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_declared(data: bytes, encoding: str) -> str | None:
    """Decode with a declared charset, or None if the declaration cannot be right."""
    if encoding in ("cp1252", "latin-1", "iso8859-1", "ascii") and not data.isascii():
        as_utf8 = _try_decode(data, "utf-8")
        if as_utf8 is not None:
            return as_utf8
        # cp1252 leaves five bytes undefined; latin-1 maps them to controls, which
        # normalisation later removes.
        return _try_decode(data, "cp1252") or data.decode("latin-1")
    return _try_decode(data, encoding)


def _bomless_utf16(data: bytes) -> str | None:
    """Decode UTF-16 without a byte-order mark, recognised by its NUL pattern.

    Text that is mostly ASCII-range characters has a NUL in every other byte: the odd
    bytes for little-endian, the even ones for big-endian.
    """
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return _try_decode(data, "utf-16-le")
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return _try_decode(data, "utf-16-be")
    return None


def _guess(data: bytes) -> str:
    """Guess the encoding of non-UTF-8 bytes with charset_normalizer."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(
            "The encoding of this text could not be recognised, so it cannot be shown "
            "correctly. Open it in your browser, copy the article text and paste it."
        )
    best = matches[0]
    # Short Western European texts decode identically (chaos 0, same coherence) under
    # several code pages that differ on a few letters; cp1252 is by far the most common
    # of them on the web, so it wins a tie.  A near tie too: in a short table ("café
    # coûte €5") the old DOS code page cp775 came first, its chaos 0.07 lower at the
    # same coherence, and every accented letter came out wrong.
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos + _NEAR_TIE_CHAOS
            and match.coherence >= best.coherence
        ):
            return str(match)
    return str(best)


_NEAR_TIE_CHAOS = 0.1
"""How much more "chaos" (charset_normalizer's measure of odd characters, 0 to 1) cp1252
may show and still be preferred to the best guess."""
