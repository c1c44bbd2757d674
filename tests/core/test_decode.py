"""decode_bytes: BOM, declared charset, <meta>, UTF-8, guess — and binary refused."""

from __future__ import annotations

import codecs

import pytest

from reader.core.decode import decode_bytes
from reader.core.errors import InputError

RUSSIAN = (
    "Городской совет перенёс ремонт моста на апрель. Жители жалуются, что объезд "
    "занимает лишние двадцать минут, а грузовики теперь идут через центр."
)
FRENCH = (
    "Le conseil municipal a reporté à avril la réfection du pont. Les riverains se "
    "plaignent d'un détour de vingt minutes et du bruit des camions en centre-ville."
)
GERMAN = "Der Gemeinderat hat die Sanierung der Brücke erneut verschoben; Anwohner ärgern sich über den Umweg."


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_mark_decides_the_encoding(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + RUSSIAN.encode(codec)) == RUSSIAN


def test_bom_wins_over_a_wrong_declared_charset() -> None:
    assert decode_bytes(FRENCH.encode("utf-8-sig"), "text/html; charset=windows-1251") == FRENCH


def test_utf16_without_bom_is_recognised_by_its_nul_pattern() -> None:
    assert decode_bytes(FRENCH.encode("utf-16-le")) == FRENCH
    assert decode_bytes(FRENCH.encode("utf-16-be")) == FRENCH


def test_charset_in_media_type_is_honoured() -> None:
    assert decode_bytes(RUSSIAN.encode("koi8-r"), "text/plain; charset=KOI8-R") == RUSSIAN


def test_utf16_declared_in_media_type_is_honoured() -> None:
    assert decode_bytes(FRENCH.encode("utf-16-le"), "text/html; charset=utf-16le") == FRENCH


def test_meta_charset_is_honoured_for_html() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert RUSSIAN in decode_bytes(page.encode("cp1251"))


def test_meta_http_equiv_content_type_is_honoured() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"</head><body><p>{FRENCH}</p></body></html>"
    )
    assert FRENCH in decode_bytes(page.encode("latin-1"), "text/html")


def test_latin1_label_is_read_as_windows_1252_like_browsers_do() -> None:
    text = "Le “pont” coûte 2 000 € — dit le maire."
    assert decode_bytes(text.encode("cp1252"), "text/html; charset=ISO-8859-1") == text


def test_utf8_page_mislabelled_latin1_is_not_turned_into_mojibake() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "text/html; charset=iso-8859-1") == FRENCH


def test_wrong_declared_utf8_falls_back_to_detection() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "text/html; charset=utf-8") == RUSSIAN


def test_unknown_charset_label_is_ignored() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "text/html; charset=x-no-such-thing") == FRENCH


@pytest.mark.parametrize(
    "text,codec", [(RUSSIAN, "cp1251"), (FRENCH, "latin-1"), (GERMAN, "latin-1")]
)
def test_undeclared_legacy_encodings_are_detected(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


@pytest.mark.parametrize(
    "data,expected",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\x7fELF\x02\x01\x01\x00", "program"),
    ],
)
def test_binary_formats_are_refused_by_name(data: bytes, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        decode_bytes(data + b"\x00" * 64)


def test_nul_bytes_in_non_utf16_data_are_refused_with_advice() -> None:
    with pytest.raises(InputError, match="paste"):
        decode_bytes(b"some words\x00\x01\x02\x00\xff\xfe more bytes \x00\x00\x07")


def test_plain_text_starting_like_a_magic_number_is_not_refused() -> None:
    assert decode_bytes(b"MZ Holdings said on Tuesday it would sell the plant.").startswith(
        "MZ Holdings"
    )
