"""Export file names: ASCII, short, stable, distinct per article, never reserved."""

from __future__ import annotations

import re

import pytest

from reader.export.filenames import safe_filename

UUID_A = "a1b2c3d4-1111-4222-8333-444455556666"
UUID_B = "f9e8d7c6-1111-4222-8333-444455556666"


def test_title_becomes_a_lowercase_slug_with_the_id_prefix() -> None:
    name = safe_filename("Lavrov and Kerry: talks on Syria (updated)", UUID_A)
    assert name == "lavrov-and-kerry-talks-on-syria-updated-a1b2c3d4.md"


def test_same_title_in_two_articles_gives_two_names() -> None:
    assert safe_filename("Breaking news", UUID_A) != safe_filename("Breaking news", UUID_B)


def test_same_article_always_gets_the_same_name() -> None:
    assert safe_filename("Stable", UUID_A) == safe_filename("Stable", UUID_A)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café déjà vu — Straße", "cafe-deja-vu-strasse"),
        ("Лавров и Керри", "lavrov-i-kerri"),
        ("Αθήνα", "athina"),
        ("Øresund Æble", "oresund-aeble"),
    ],
)
def test_accents_and_other_scripts_are_spelled_in_ascii(title: str, slug: str) -> None:
    assert safe_filename(title, UUID_A) == f"{slug}-a1b2c3d4.md"


@pytest.mark.parametrize("title", ["", "   ", "???", "中文标题", "../../etc/passwd", "CON"])
def test_awkward_titles_still_give_a_safe_name(title: str) -> None:
    name = safe_filename(title, UUID_A)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.md", name)
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_untransliterable_title_falls_back_to_article() -> None:
    assert safe_filename("中文标题", UUID_A) == "article-a1b2c3d4.md"


def test_long_title_is_cut_between_words_within_100_characters() -> None:
    name = safe_filename("word " * 60, UUID_A)
    assert len(name) <= 100
    assert name.endswith("-word-a1b2c3d4.md")


def test_one_very_long_word_is_cut_hard() -> None:
    name = safe_filename("x" * 300, UUID_A)
    assert len(name) == 100


def test_short_or_odd_ids_still_give_an_eight_character_suffix() -> None:
    assert re.fullmatch(r"note-[0-9a-f]{8}\.md", safe_filename("Note", "7"))
