"""The line model: article text found in every script, whole pages decided, never silent."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatch
from pathlib import Path

import numpy as np
import pytest

from reader.core.clean_text import clean_copied_text, cleaning_warning
from reader.core.errors import NoArticleError
from reader.core.line_model import (
    FEATURE_NAMES,
    MODEL_PATH,
    PAGE_STOP_WORDS,
    decode,
    guess_language,
    is_prose_line,
    label_lines,
    line_units,
    page_features,
    page_stop_words,
    shipped_model,
    split_lines,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"
TEXT = Path(__file__).parent / "fixtures" / "text"
SCRIPT_PAGES = sorted(p.stem for p in SCRIPTS.glob("*.json"))


def _load(name: str) -> tuple[str, dict]:
    raw = (SCRIPTS / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((SCRIPTS / f"{name}.json").read_text(encoding="utf-8"))
    return raw, expected


# --- pages in scripts without spaces, without case, right to left ----------------------


@pytest.mark.parametrize("name", SCRIPT_PAGES)
def test_prose_in_any_script_is_kept_and_its_navigation_dropped(name: str) -> None:
    raw, expected = _load(name)
    article = clean_copied_text(raw)
    assert article.block_texts(("heading", "paragraph", "quote", "list_item")) == expected["body"]


@pytest.mark.parametrize("name", SCRIPT_PAGES)
def test_headline_in_any_script_becomes_the_title(name: str) -> None:
    raw, expected = _load(name)
    assert clean_copied_text(raw).meta.title == expected["title"]


@pytest.mark.parametrize("name", SCRIPT_PAGES)
def test_menu_and_related_lines_are_listed_as_dropped(name: str) -> None:
    raw, _expected = _load(name)
    article = clean_copied_text(raw)
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    # The first five lines are the site's menu, the last four related links and footer.
    for line in lines[:5] + lines[-4:]:
        assert line in article.dropped
        assert line not in article.text


def test_japanese_line_without_spaces_counts_as_many_words() -> None:
    line = "市立図書館は来月から、平日の開館時間を午後九時まで延長する試みを始めると発表した。"
    assert line_units(line) >= 15
    assert is_prose_line(line)


def test_thai_paragraph_without_stops_is_prose_but_a_thai_menu_entry_is_not() -> None:
    raw, expected = _load("th_market")
    assert is_prose_line(expected["body"][0])
    assert not is_prose_line(raw.splitlines()[0])


@pytest.mark.parametrize(
    ("name", "language"),
    [("sv_ferry", "sv"), ("cs_library", "cs"), ("el_harbour", "el"), ("vi_market", "vi")],
)
def test_languages_beyond_the_first_dozen_are_recognised(name: str, language: str) -> None:
    raw, _expected = _load(name)
    assert guess_language(split_lines(raw).texts) == language


def _stop_shares(raw: str) -> dict[str, float]:
    lines = split_lines(raw)
    column = page_features(lines)[:, FEATURE_NAMES.index("stop_share")]
    return dict(zip(lines.texts, column.tolist()))


def test_a_language_without_a_stop_list_counts_the_words_its_page_repeats() -> None:
    # Korean has no list here: its prose would look like menus, all stop share 0.
    raw, expected = _load("ko_station")
    shares = _stop_shares(raw)
    menu = [line.strip() for line in raw.splitlines() if line.strip()][:5]
    assert all(shares[line] == 0.0 for line in menu)
    assert np.mean([shares[line] for line in expected["body"]]) > 0.15


def test_words_found_on_as_many_lines_are_taken_in_page_order() -> None:
    # Forty made-up words, each on the same two lines: which thirty stand in for a stop
    # list must not depend on the order of a set (it changes with the hash seed).
    words = [f"w{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(40)]
    line = [w.lower() for w in words]
    chosen = page_stop_words([line, line, ["menu"]])
    assert chosen == frozenset(line[:PAGE_STOP_WORDS])


def test_a_page_of_english_menus_keeps_the_english_list() -> None:
    # Forty menu entries around one sentence: the list still fits, so "Home" and
    # "World" (repeated on the page) are not taken for function words.
    menu = ["Home", "World", "Politics", "Business", "Sport"] * 8
    sentence = "The council said that the new bridge would open in the spring of next year."
    raw = "\n\n".join([*menu, sentence, sentence.replace("bridge", "road")])
    shares = _stop_shares(raw)
    assert shares["Home"] == 0.0
    assert shares[sentence] == pytest.approx(8 / 15)  # the, said, that, would, in, of


# --- structured articles and pages without an article -----------------------------------


def test_recipe_keeps_its_ingredients_and_steps_as_list_items_in_order() -> None:
    raw = (SCRIPTS / "recipe_list.txt").read_text(encoding="utf-8")
    article = clean_copied_text(raw)
    items = article.block_texts(("list_item",))
    assert items[0] == "- 200 g red lentils, rinsed"
    assert items[4] == "- a pinch of ground cumin"
    assert items[-1] == "4. Blend half of the soup and stir it back in before serving."
    assert len(items) == 9
    assert article.meta.title == "Simple Lentil Soup"
    for furniture in ("Share", "Pin", "Print", "More recipes", "Tomato and Bean Stew"):
        assert furniture not in article.text.split("\n\n")


def test_page_of_only_menus_says_so_instead_of_returning_an_article() -> None:
    raw = (TEXT / "menus_only.txt").read_text(encoding="utf-8")
    with pytest.raises(NoArticleError) as caught:
        clean_copied_text(raw)
    assert "menu" in str(caught.value)
    assert "Storm closes coastal road" in caught.value.text


def test_one_paragraph_lost_among_menus_is_still_returned_with_a_warning() -> None:
    menu = "\n".join(f"Section {n}" for n in range(60))
    paragraph = (
        "The harbour board said on Monday that the new ferry timetable would start in "
        "spring, after a winter of complaints about cancelled crossings and long queues."
    )
    article = clean_copied_text(f"{menu}\n\n{paragraph}\n\n{menu}\n")
    assert paragraph in article.body_text()
    assert article.confidence is not None and 0.0 <= article.confidence <= 1.0


# --- whole-page decoding -----------------------------------------------------------------


def test_one_doubtful_line_inside_an_article_does_not_split_it() -> None:
    model = shipped_model()
    prob = np.array([0.95] * 6 + [0.3] + [0.95] * 6)
    units = np.full(len(prob), 30.0)
    assert decode(prob, units, model.log_trans, model.log_prior) == [True] * len(prob)


def test_runs_do_not_begin_or_end_on_lines_the_model_doubts() -> None:
    model = shipped_model()
    prob = np.array([0.1, 0.3, 0.95, 0.95, 0.95, 0.3, 0.05])
    units = np.full(len(prob), 30.0)
    path = decode(prob, units, model.log_trans, model.log_prior)
    assert path == [False, False, True, True, True, False, False]


def test_page_without_prose_is_not_rescued_into_an_article() -> None:
    model = shipped_model()
    prob = np.array([0.2, 0.25, 0.2])
    units = np.full(len(prob), 2.0)
    path = decode(prob, units, model.log_trans, model.log_prior, has_prose=False)
    assert not any(path)


def test_confidence_is_high_on_a_plain_article_page() -> None:
    raw, _expected = _load("ja_library")
    labels = label_lines(raw)
    assert labels.confidence >= 0.6
    assert len(labels.article) == len(labels.lines.texts)


# --- warnings ----------------------------------------------------------------------------


def test_doubted_result_far_shorter_than_the_prose_is_worded_as_short() -> None:
    warning = cleaning_warning(0.5, body_chars=400, input_prose_chars=4000, warn_below=0.8)
    assert warning is not None and "400" in warning and "4,000" in warning


def test_short_result_the_page_model_trusts_is_not_doubted() -> None:
    # A short post above a long comment thread: the length alone is no reason to doubt.
    assert cleaning_warning(0.95, body_chars=400, input_prose_chars=4000, warn_below=0.8) is None


def test_low_confidence_is_reported() -> None:
    warning = cleaning_warning(0.3, body_chars=4000, input_prose_chars=4000, warn_below=0.8)
    assert warning is not None and "0.30" in warning and "unsure" in warning
    assert "about 30% right" in warning


def test_confident_complete_result_has_no_warning() -> None:
    assert cleaning_warning(0.9, body_chars=3900, input_prose_chars=4000, warn_below=0.8) is None
    assert cleaning_warning(0.8, body_chars=3900, input_prose_chars=4000, warn_below=0.8) is None


# --- the shipped weights -----------------------------------------------------------------


def test_shipped_weights_are_small_and_fitted_only_on_shippable_data() -> None:
    assert MODEL_PATH.stat().st_size < 1_000_000
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data["fitted_on"]) == {"extraction", "readability"}


def test_shipped_weights_are_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.split("[tool.setuptools.package-data]")[1].split("\n[")[0]
    line = re.search(r'^"reader\.core" = \[(.*)\]$', section, re.MULTILINE)
    assert line is not None
    patterns = re.findall(r'"([^"]+)"', line.group(1))
    relative = MODEL_PATH.relative_to(ROOT / "reader" / "core").as_posix()
    assert any(fnmatch(relative, pattern) for pattern in patterns)
