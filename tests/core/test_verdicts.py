"""Verdicts are told apart by shape and label, and every tint stays readable."""

from __future__ import annotations

import pytest

from reader.core.verdicts import VERDICTS, contrast_ratio

LIGHT_TEXT_ON_DARK = "#e6e6e6"  # the dark theme's text colour (reader/ui/theme.py)
DARK_TEXT_ON_LIGHT = "#000000"  # the light theme's text colour (Fusion's palette)


def test_every_verdict_has_a_glyph_of_its_own():
    marks = [v.mark for v in VERDICTS]
    assert len(set(marks)) == len(marks)


def test_confusable_pairs_differ_in_glyph_and_tint():
    by_key = {v.key: v for v in VERDICTS}
    for a, b in [("true", "mostly_true"), ("false", "fabricated"), ("false", "mostly_false")]:
        assert by_key[a].mark != by_key[b].mark
        assert by_key[a].colour != by_key[b].colour
        assert by_key[a].dark_colour != by_key[b].dark_colour


@pytest.mark.parametrize("verdict", VERDICTS, ids=lambda v: v.key)
def test_text_on_each_tint_meets_wcag_aa_in_light_and_dark(verdict):
    assert contrast_ratio(DARK_TEXT_ON_LIGHT, verdict.colour) >= 4.5
    assert contrast_ratio(LIGHT_TEXT_ON_DARK, verdict.dark_colour) >= 4.5


def test_contrast_ratio_matches_the_wcag_extremes():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
