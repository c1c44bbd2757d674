"""The window after a doubtful cleaning: a bar above the article says so and what to do,
the whole page is listed with the left-out lines greyed, and ticking or unticking them
changes the article in one undoable step.  A confident cleaning shows none of it; a page
of prose in any script is never shown empty; a page of menus only says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests._doubt import set_doubt
from tests.app import pages

ARTICLE = (
    "Home\nNews\nSport\n\n"
    "Harbour Bridge Closes for Repairs\n\n"
    "The city council voted on Monday to close the harbour bridge for a year. "
    "Engineers found that the steel deck had rusted through in several places.\n\n"
    "The mayor said the closure would cost local shops about two million dollars. "
    "Ferries will run every twenty minutes while the bridge is shut.\n\n"
    "Shopkeepers said they had not been consulted about the closure.\n"
)
SHOPKEEPERS = "Shopkeepers said they had not been consulted about the closure."


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The questions the window asked (answered No) and the warnings it showed."""
    said: list[str] = []

    def ask(parent, text, *args, **kwargs):
        said.append(text)
        return False

    monkeypatch.setattr("reader.ui.messages.ask", ask)
    monkeypatch.setattr("reader.ui.messages.warn", lambda p, text, *a: said.append(text))
    monkeypatch.setattr("reader.ui.messages.show_exception", lambda exc, *a: said.append(repr(exc)))
    return said


def _import(qtbot, w, path: Path) -> None:
    before = w.lib.count_articles()
    w.import_documents([str(path)])
    qtbot.waitUntil(
        lambda: w.lib.count_articles() > before and w.article is not None, timeout=20000
    )
    qtbot.waitUntil(lambda: not w.runner.tasks, timeout=20000)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def doubtful_window(qtbot, make_window, tmp_path, monkeypatch, asked):
    set_doubt(monkeypatch, True)
    w = make_window()
    _import(qtbot, w, _write(tmp_path, "bridge.txt", ARTICLE))
    return w


def test_a_doubtful_import_shows_the_bar_and_the_whole_page_greyed(doubtful_window):
    w = doubtful_window
    review = w.reader_pane.cleaning
    assert review.isVisible() and review.bar.isVisible() and review.list.isVisible()
    message = review.message.text()
    assert "unsure" in message and "Tick the lines that belong to the article" in message
    assert [review.is_greyed(line) for line in ("Home", "News", "Sport")] == [True] * 3
    assert not review.is_greyed(SHOPKEEPERS)
    listed = [review.list.item(row).text() for row in range(review.list.count())]
    assert listed[:4] == ["Harbour Bridge Closes for Repairs", "Home", "News", "Sport"]
    grey = review.list.item(2).foreground().color()
    assert grey != review.list.item(4).foreground().color()
    assert w.article is not None and SHOPKEEPERS in w.article.text  # the article is shown


def test_a_confident_import_shows_no_bar(qtbot, make_window, tmp_path, asked):
    w = make_window()
    _import(qtbot, w, _write(tmp_path, "bridge.txt", ARTICLE))
    assert not w.reader_pane.cleaning.isVisible()
    assert SHOPKEEPERS in w.article.text


def test_keeping_a_greyed_line_makes_it_part_of_the_article_and_undo_takes_it_back(
    qtbot, doubtful_window
):
    w = doubtful_window
    review = w.reader_pane.cleaning
    assert "News" not in w.article.block_texts()
    review.set_kept("News", True)
    review.set_kept(SHOPKEEPERS, False)
    assert review.apply_button.isEnabled()
    review.apply_button.click()
    qtbot.waitUntil(lambda: "News" in w.article.block_texts(), timeout=10000)
    assert SHOPKEEPERS not in w.article.text and w.article.version == 2
    # The bar stays and the list follows the new version.
    assert review.isVisible() and not review.is_greyed("News") and review.is_greyed(SHOPKEEPERS)
    assert w.undo_stack.undoText() == "Check the page: 1 kept, 1 dropped"
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: "News" not in w.article.block_texts(), timeout=10000)
    assert SHOPKEEPERS in w.article.text
    assert w.lib.block_overrides(w.article.id) == {}
    w.undo_stack.redo()
    qtbot.waitUntil(lambda: "News" in w.article.block_texts(), timeout=10000)


def test_dismissing_or_opening_another_article_hides_the_bar(
    qtbot, doubtful_window, tmp_path, monkeypatch
):
    w = doubtful_window
    review = w.reader_pane.cleaning
    review.dismiss_button.click()
    assert not review.isVisible()
    set_doubt(monkeypatch, True)
    first = w.article.id
    _import(qtbot, w, _write(tmp_path, "library.txt", pages.CHINESE))
    assert review.isVisible() and review.article_id == w.article.id
    w.open_article(first)
    assert not review.isVisible()


def test_hiding_the_page_keeps_the_bar(doubtful_window):
    review = doubtful_window.reader_pane.cleaning
    review.toggle_button.click()
    assert review.bar.isVisible() and not review.list.isVisible()
    assert review.toggle_button.text() == "Show the whole page"
    review.toggle_button.click()
    assert review.list.isVisible() and review.list.count() > 4


@pytest.mark.parametrize(
    ("name", "page", "prose"),
    [
        ("chinese.txt", pages.CHINESE, pages.CHINESE_PROSE),
        ("thai.txt", pages.THAI, pages.THAI_PROSE),
        ("arabic.txt", pages.ARABIC, pages.ARABIC_PROSE),
        ("recipe.txt", pages.RECIPE, pages.RECIPE_STEPS),
    ],
)
def test_a_page_of_prose_in_any_script_is_shown_with_its_prose(
    qtbot, make_window, tmp_path, asked, name, page, prose
):
    w = make_window()
    _import(qtbot, w, _write(tmp_path, name, page))
    shown = w.reader.toPlainText()
    assert all(paragraph in shown for paragraph in prose)
    assert asked == []


def test_a_page_of_menus_only_says_so_and_stores_nothing(qtbot, make_window, tmp_path, asked):
    w = make_window()
    w.import_documents([str(_write(tmp_path, "menus.txt", pages.MENUS_ONLY))])
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert "every line reads like a menu" in asked[0]
    assert "Keep the whole text as an article anyway?" in asked[0]
    assert w.lib.count_articles() == 0 and w.article is None


def test_the_cleaning_of_any_article_can_be_checked_from_the_menu(
    qtbot, make_window, tmp_path, asked, trigger
):
    w = make_window()
    _import(qtbot, w, _write(tmp_path, "bridge.txt", ARTICLE))
    review = w.reader_pane.cleaning
    assert not review.isVisible()
    trigger(w, "Check the cleaning (whole page)")
    qtbot.waitUntil(review.isVisible, timeout=10000)
    assert "fairly sure" in review.message.text()
    assert review.is_greyed("Home") and not review.is_greyed(SHOPKEEPERS)


def test_an_article_cut_short_is_never_shown_without_the_bar(qtbot, make_window, tmp_path, asked):
    w = make_window()
    _import(qtbot, w, _write(tmp_path, "ferry.txt", pages.INTERRUPTED))
    shown = w.reader.toPlainText()
    complete = all(paragraph in shown for paragraph in pages.INTERRUPTED_PROSE)
    review = w.reader_pane.cleaning
    assert complete or (review.isVisible() and "part of the article" in review.message.text())
    for paragraph in pages.INTERRUPTED_PROSE:
        if review.is_greyed(paragraph):
            review.set_kept(paragraph, True)
    if review.apply_button.isEnabled():
        review.apply_button.click()
    qtbot.waitUntil(
        lambda: all(p in w.reader.toPlainText() for p in pages.INTERRUPTED_PROSE), timeout=10000
    )


def test_a_doubtful_paste_shows_the_bar(qtbot, make_window, monkeypatch, asked):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QGuiApplication

    set_doubt(monkeypatch, True)
    w = make_window()
    mime = QMimeData()
    mime.setText(pages.THAI)
    QGuiApplication.clipboard().setMimeData(mime)
    try:
        w.import_actions.paste_article()
        qtbot.waitUntil(lambda: w.article is not None and not w.runner.tasks, timeout=20000)
    finally:
        # The clipboard owns the mime data; leaving it there crashes Qt's shutdown.
        QGuiApplication.clipboard().clear()
    review = w.reader_pane.cleaning
    assert review.isVisible() and "unsure" in review.message.text()
    assert all(paragraph in w.reader.toPlainText() for paragraph in pages.THAI_PROSE)


def test_unticking_every_line_is_refused_rather_than_leaving_an_empty_article(
    qtbot, doubtful_window, monkeypatch
):
    w = doubtful_window
    review = w.reader_pane.cleaning
    # (Not "no task runs": the claim scoring and the seen-before search run in the
    # background of the window on their own.)
    started: list[str] = []
    monkeypatch.setattr(w.runner, "run", lambda title, *a, **k: started.append(title))
    for line in review.lines:
        if line.kept and line.can_change:
            review.set_kept(line.text, False)
    review.apply_button.click()
    assert "Nothing would be left of the article" in review.message.text()
    assert started == [] and w.article.version == 1 and SHOPKEEPERS in w.article.text


def test_a_doubtful_article_shows_the_bar_again_when_reopened_until_dismissed(
    qtbot, make_window, doubtful_window, tmp_path, monkeypatch
):
    w = doubtful_window
    review = w.reader_pane.cleaning
    doubted = w.article.id
    set_doubt(monkeypatch, False)
    _import(qtbot, w, _write(tmp_path, "second.txt", ARTICLE.replace("harbour", "river")))
    confident = w.article.id
    assert not review.isVisible()
    w.open_article(doubted)
    assert review.isVisible() and "unsure" in review.message.text()
    assert review.is_greyed("Home")
    # After a restart too: the doubt is kept in the library.
    db = w.db_path
    w.close()
    again = make_window(db)
    again.open_article(doubted)
    review = again.reader_pane.cleaning
    assert review.isVisible() and "unsure" in review.message.text()
    review.dismiss_button.click()
    again.open_article(confident)
    again.open_article(doubted)
    assert not review.isVisible()


def test_the_library_lists_the_articles_whose_cleaning_is_to_check(
    qtbot, doubtful_window, tmp_path, monkeypatch
):
    w = doubtful_window
    doubted = w.article.id
    set_doubt(monkeypatch, False)
    _import(qtbot, w, _write(tmp_path, "second.txt", ARTICLE.replace("harbour", "river")))
    status = w.library.status_filter
    status.setCurrentIndex(status.findData("__to_check"))
    model = w.library.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=20000)
    assert model.summary(0).id == doubted
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "cleaning is to check" in tip


def test_the_page_is_checked_from_the_keyboard_space_ticks_ctrl_enter_applies(
    qtbot, doubtful_window
):
    w = doubtful_window
    review = w.reader_pane.cleaning
    assert "Space ticks the current line" in review.message.text()
    assert "Ctrl+Enter" in review.message.text()
    review.list.setFocus()
    qtbot.waitUntil(review.list.hasFocus)
    rows = [review.list.item(r).text() for r in range(review.list.count())]
    review.list.setCurrentRow(rows.index("News"))
    qtbot.keyClick(review.list, Qt.Key.Key_Space)
    assert review.list.item(rows.index("News")).checkState() == Qt.CheckState.Checked
    qtbot.keyClick(review.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "News" in w.article.block_texts(), timeout=10000)
    assert w.undo_stack.undoText() == "Check the page: 1 kept, 0 dropped"


def test_ctrl_enter_with_nothing_changed_says_what_to_do(qtbot, doubtful_window):
    w = doubtful_window
    review = w.reader_pane.cleaning
    review.list.setFocus()
    qtbot.waitUntil(review.list.hasFocus)
    qtbot.keyClick(review.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage().startswith("Nothing to apply: tick or untick")
    assert w.article.version == 1


def test_the_bar_s_buttons_say_what_they_do(doubtful_window):
    review = doubtful_window.reader_pane.cleaning
    assert review.dismiss_button.text() == "Article is right"
    assert "press Article is right" in review.message.text()


def test_f8_goes_to_running_text_left_out_and_it_is_not_greyed_like_a_menu(qtbot, doubtful_window):
    w = doubtful_window
    review = w.reader_pane.cleaning
    assert review.left_out_rows() == [] and not review.next_button.isEnabled()
    review.set_kept(SHOPKEEPERS, False)
    review.apply_button.click()
    qtbot.waitUntil(lambda: SHOPKEEPERS not in w.article.text, timeout=10000)
    row = next(r for r, line in enumerate(review.lines) if line.text == SHOPKEEPERS)
    assert review.left_out_rows() == [row] and review.next_button.isEnabled()
    menu_row = next(r for r, line in enumerate(review.lines) if line.text == "Home")
    grey = review.list.item(menu_row).foreground().color()
    assert review.list.item(row).foreground().color() != grey
    review.list.setFocus()
    qtbot.waitUntil(review.list.hasFocus)
    review.list.setCurrentRow(0)
    qtbot.keyClick(review.list, Qt.Key.Key_F8)
    assert review.list.currentRow() == row
    assert "1 of 1" in w.statusBar().currentMessage()
    qtbot.keyClick(review.list, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert review.list.currentRow() == row  # the only one: back to itself
    # Opened again, the bar says how many lines of running text were left out.
    from reader.app.cleaning import Cleaning

    review.show_for(w.article.id, Cleaning(0.5, "The cleaner is unsure."), asked=True)
    assert "running text that was left out: 1 of them" in review.message.text()
