"""app.cleaning and the imports: how sure the cleaner was travels with the new article;
the whole page can be listed and its lines kept or dropped in one pass; a page of prose
in any script is never stored empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import articles
from reader.app.cleaning import (
    Cleaning,
    PageLine,
    cleaning_of,
    mark_checked,
    page_lines,
    set_block_choices,
    unchecked_cleaning,
)
from reader.core.cleaning_check import shipped_check_model
from reader.core.errors import NoArticleError
from reader.core.models import build_article
from reader.store import Library
from tests._doubt import set_doubt
from tests.app import pages

MENU = ("Menu", "Home", "News")


@pytest.fixture
def doubtful(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cleaning comes out below the cleaner's own confidence threshold."""
    set_doubt(monkeypatch, True)


def _body(lib: Library, article_id: str) -> str:
    """The stored article's text without its title."""
    art = lib.get_article(article_id)
    return "\n\n".join(art.text[b.start : b.end] for b in art.blocks if b.kind != "title")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the import's outcome carries the cleaner's confidence and warning ------------------


def test_a_confident_import_carries_its_confidence_and_no_warning(
    lib: Library, article_file: Path
) -> None:
    outcome = articles.import_source_once(lib, str(article_file))
    assert outcome.stored
    assert outcome.cleaning.confidence is not None
    assert outcome.cleaning.confidence >= shipped_check_model().warn_below
    assert outcome.cleaning.warning is None and not outcome.cleaning.doubtful


@pytest.mark.usefixtures("doubtful")
def test_a_doubtful_import_carries_the_cleaners_warning(lib: Library, article_file: Path) -> None:
    outcome = articles.import_source_once(lib, str(article_file))
    assert outcome.stored and outcome.cleaning.doubtful
    assert outcome.cleaning.warning is not None and "unsure" in outcome.cleaning.warning
    assert _body(lib, outcome.article_id)  # stored all the same


@pytest.mark.usefixtures("doubtful")
def test_several_sources_list_the_warning_of_each_doubtful_one(
    lib: Library, article_file: Path, tmp_path: Path
) -> None:
    other = _write(tmp_path, "library.txt", pages.CHINESE)
    result = articles.import_sources(lib, [str(article_file), str(other)])
    assert len(result.ids) == 2
    assert [source for source, _warning in result.warnings] == [str(article_file), str(other)]
    assert all(result.cleaning[aid].doubtful for aid in result.ids)


@pytest.mark.usefixtures("doubtful")
def test_a_pasted_article_carries_the_cleaners_warning(lib: Library) -> None:
    outcome = articles.import_clipboard(lib, pages.ARABIC, None)
    assert outcome.cleaning.doubtful
    assert _body(lib, outcome.article_id)


def test_the_old_import_calls_still_return_the_id(lib: Library, article_file: Path) -> None:
    aid = articles.import_source(lib, str(article_file))
    pasted = articles.import_clipboard(lib, pages.CHINESE, None).article_id
    assert lib.get_article(aid).title and lib.get_article(pasted).title


def test_doubtful_is_the_cleaners_own_warning_and_nothing_else() -> None:
    clean = build_article([("title", "T"), ("paragraph", "Some text.")])
    clean.confidence = 0.1  # a cleaner that worded no warning is not second-guessed
    assert not Cleaning.of(clean).doubtful
    clean.warning = "The cleaner is unsure which lines are the article (confidence 0.10)."
    cleaning = Cleaning.of(clean)
    assert cleaning.doubtful and cleaning.warning == clean.warning and cleaning.confidence == 0.1


# -- the whole page, and the choices made on it in one pass --------------------------------


def test_the_whole_page_lists_blocks_and_left_out_lines_in_page_order(
    lib: Library, article_file: Path
) -> None:
    aid = articles.import_source(lib, str(article_file))
    lines = page_lines(lib, aid)
    assert lines[0] == PageLine("Night Ferry Returns to the Island", True, "title", None)
    assert not lines[0].can_change
    texts = [line.text for line in lines]
    assert texts[1:4] == list(MENU)  # the menu stood before the headline's paragraph
    assert [line.kept for line in lines[1:4]] == [False, False, False]
    first = texts.index(
        "The night ferry to the island will run again from May, the harbour "
        "board said on Thursday. The service stopped two years ago when the "
        "old boat failed an inspection."
    )
    assert first > 3 and lines[first].kept
    assert texts[-1] == "Subscribe now for just $1 a week."


def test_left_out_running_text_is_marked_as_prose_and_menus_are_not(
    lib: Library, article_file: Path
) -> None:
    aid = articles.import_source(lib, str(article_file))
    islanders = "Islanders welcomed the news but asked for a later last sailing on Saturdays."
    by_text = {line.text: line for line in page_lines(lib, aid)}
    # Nothing of the article is left out yet; the menu is furniture, not running text.
    assert not any(line.prose for line in by_text.values() if not line.kept)
    set_block_choices(lib, aid, {islanders: by_text[islanders].action_to(False)})
    by_text = {line.text: line for line in page_lines(lib, aid)}
    assert not by_text[islanders].kept and by_text[islanders].prose
    assert [by_text[m].prose for m in MENU] == [False] * len(MENU)


def test_keeping_and_dropping_on_the_page_makes_one_version(
    lib: Library, article_file: Path
) -> None:
    aid = articles.import_source(lib, str(article_file))
    islanders = "Islanders welcomed the news but asked for a later last sailing on Saturdays."
    by_text = {line.text: line for line in page_lines(lib, aid)}
    report = set_block_choices(
        lib,
        aid,
        {"News": by_text["News"].action_to(True), islanders: by_text[islanders].action_to(False)},
    )
    assert report.version == 2
    art = lib.get_article(aid)
    assert "News" in art.block_texts() and islanders not in art.text
    by_text = {line.text: line for line in page_lines(lib, aid)}
    assert by_text["News"].kept and by_text["News"].choice == "keep"
    assert not by_text[islanders].kept and by_text[islanders].choice == "drop"
    # Going back to what the cleaner chose forgets the choices.
    assert by_text["News"].action_to(False) is None
    assert by_text[islanders].action_to(True) is None
    set_block_choices(lib, aid, {"News": None, islanders: None})
    art = lib.get_article(aid)
    assert "News" not in art.block_texts() and islanders in art.text
    assert lib.block_overrides(aid) == {}


def test_an_unknown_action_on_the_page_is_a_bug(lib: Library, article_file: Path) -> None:
    aid = articles.import_source(lib, str(article_file))
    with pytest.raises(ValueError):
        set_block_choices(lib, aid, {"News": "shred"})  # type: ignore[dict-item]
    assert lib.block_overrides(aid) == {}


# -- pages of prose in any script are never stored empty ----------------------------------


@pytest.mark.parametrize(
    ("name", "page", "prose"),
    [
        ("chinese.txt", pages.CHINESE, pages.CHINESE_PROSE),
        ("thai.txt", pages.THAI, pages.THAI_PROSE),
        ("arabic.txt", pages.ARABIC, pages.ARABIC_PROSE),
        ("recipe.txt", pages.RECIPE, pages.RECIPE_STEPS),
    ],
)
def test_a_page_of_prose_in_any_script_is_imported_with_all_its_prose(
    lib: Library, tmp_path: Path, name: str, page: str, prose: list[str]
) -> None:
    outcome = articles.import_source_once(lib, str(_write(tmp_path, name, page)))
    body = _body(lib, outcome.article_id)
    assert all(paragraph in body for paragraph in prose)


def test_a_page_of_menus_only_is_refused_with_a_clear_message(lib: Library, tmp_path: Path) -> None:
    with pytest.raises(NoArticleError) as caught:
        articles.import_source_once(lib, str(_write(tmp_path, "menus.txt", pages.MENUS_ONLY)))
    message = str(caught.value)
    assert "menu" in message and "keep the text as it is" in message
    assert caught.value.text.startswith("Home")
    assert lib.count_articles() == 0


def test_an_article_cut_short_is_never_silent_and_the_page_gives_the_rest_back(
    lib: Library, tmp_path: Path
) -> None:
    outcome = articles.import_source_once(
        lib, str(_write(tmp_path, "ferry.txt", pages.INTERRUPTED))
    )
    aid = outcome.article_id
    complete = all(paragraph in _body(lib, aid) for paragraph in pages.INTERRUPTED_PROSE)
    assert complete or outcome.cleaning.doubtful  # either whole, or the user is told
    lines = page_lines(lib, aid)
    assert [line.text for line in lines if line.text in pages.INTERRUPTED_PROSE] == (
        pages.INTERRUPTED_PROSE
    )
    set_block_choices(
        lib,
        aid,
        {
            line.text: line.action_to(True)
            for line in lines
            if line.text in pages.INTERRUPTED_PROSE and not line.kept
        },
    )
    body = _body(lib, aid)
    positions = [body.find(paragraph) for paragraph in pages.INTERRUPTED_PROSE]
    assert -1 not in positions and positions == sorted(positions)


def test_the_cleaning_of_a_stored_article_can_be_asked_for_again(
    lib: Library, article_file: Path
) -> None:
    outcome = articles.import_source_once(lib, str(article_file))
    assert cleaning_of(lib, outcome.article_id) == outcome.cleaning


def test_an_article_kept_whole_is_reported_as_having_no_article(lib: Library) -> None:
    aid = articles.keep_whole_text(lib, pages.MENUS_ONLY)
    cleaning = cleaning_of(lib, aid)
    assert cleaning.doubtful and cleaning.warning is not None
    assert "kept whole" in cleaning.warning


def test_a_left_out_line_found_inside_earlier_text_is_listed_where_it_stands(
    lib: Library, tmp_path: Path
) -> None:
    # "Sport" is also a word of the menu line above the article; the footer's "Sport"
    # is listed after the article, in its own place.
    page = (
        "Sport and weather\nNews\n\nNight Ferry Returns\n\n"
        "The night ferry to the island will run again from May, the harbour board said on "
        "Thursday. The service stopped two years ago when the old boat failed.\n\n"
        "A new boat with room for ninety cars has been leased for three years, and fares "
        "will rise by five percent, the board said.\n\nShare\nSport\n"
    )
    aid = articles.import_source(lib, str(_write(tmp_path, "page.txt", page)))
    lines = page_lines(lib, aid)
    texts = [line.text for line in lines]
    assert texts.index("Sport") > texts.index("Share")


# -- a doubted cleaning is remembered until the user checks it ---------------------------


def _to_check(lib: Library) -> list[str]:
    return [r.id for r in lib.list_articles(to_check=True)]


def test_a_doubtful_import_stays_to_check_until_the_user_says_it_is_right(
    lib: Library, article_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    confident = articles.import_source(lib, str(article_file))
    set_doubt(monkeypatch, True)
    doubted = articles.import_source_once(lib, str(article_file), new=True).article_id
    stored = unchecked_cleaning(lib, doubted)
    assert stored is not None and stored.doubtful and "unsure" in (stored.warning or "")
    assert unchecked_cleaning(lib, confident) is None
    assert _to_check(lib) == [doubted]
    assert [r.id for r in lib.list_articles(to_check=False)] == [confident]
    assert lib.count_articles(to_check=True) == 1
    assert lib.article_summary(doubted).cleaning_to_check
    mark_checked(lib, doubted)
    assert unchecked_cleaning(lib, doubted) is None and _to_check(lib) == []
    assert not lib.article_summary(doubted).cleaning_to_check


@pytest.mark.usefixtures("doubtful")
def test_every_way_in_remembers_a_doubtful_cleaning(
    lib: Library, article_file: Path, tmp_path: Path
) -> None:
    ids = [articles.import_source(lib, str(article_file))]
    ids += articles.import_sources(lib, [str(_write(tmp_path, "zh.txt", pages.CHINESE))]).ids
    ids.append(articles.import_clipboard(lib, pages.ARABIC, None).article_id)
    ids.append(
        articles.import_source_once(lib, str(_write(tmp_path, "th.txt", pages.THAI))).article_id
    )
    assert sorted(_to_check(lib)) == sorted(ids)


def test_dropping_one_paragraph_keeps_the_doubt_but_checking_the_page_clears_it(
    lib: Library, article_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_doubt(monkeypatch, True)
    aid = articles.import_source(lib, str(article_file))
    islanders = "Islanders welcomed the news but asked for a later last sailing on Saturdays."
    articles.set_block_choice(lib, aid, islanders, "drop")  # one paragraph: not a review
    assert _to_check(lib) == [aid]
    set_block_choices(lib, aid, {"News": "keep"})  # the whole page, in one pass
    assert _to_check(lib) == []
    articles.reclean(lib, aid)  # cleaning the same input again does not ask again
    assert _to_check(lib) == []


def test_a_new_input_replaces_the_doubt_about_the_old_one(
    lib: Library, article_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_doubt(monkeypatch, True)
    aid = articles.import_source(lib, str(article_file))
    set_doubt(monkeypatch, False)
    articles.update_from_source(lib, aid, str(article_file))
    assert _to_check(lib) == []
    set_doubt(monkeypatch, True)
    articles.update_from_source(lib, aid, str(article_file))
    assert _to_check(lib) == [aid]


def test_a_deleted_article_takes_its_doubt_with_it(
    lib: Library, article_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_doubt(monkeypatch, True)
    aid = articles.import_source(lib, str(article_file))
    lib.delete_article(aid)
    assert _to_check(lib) == []  # the trash is not listed
    lib.empty_trash()
    assert lib.conn.execute("SELECT count(*) FROM cleaning_checks").fetchone()[0] == 0
