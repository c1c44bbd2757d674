"""app.articles: import, update, re-clean, block choices, duplicates, views."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import articles
from reader.app.progress import EventProgress
from reader.core.errors import InputError, NoArticleError
from reader.core.models import RawInput
from reader.store import Library


def test_a_file_is_imported_cleaned_with_its_raw_input_kept(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    art = lib.get_article(aid)
    assert art.title == "Night Ferry Returns to the Island"
    assert "Menu" not in art.text
    assert lib.raw_input(aid)[0] == article_file.read_bytes()


def test_several_sources_import_the_good_ones_and_list_the_failures(
    lib: Library, article_file: Path, tmp_path: Path
):
    seen: list[tuple[int, int]] = []
    result = articles.import_sources(
        lib,
        [str(article_file), str(tmp_path / "missing.txt")],
        EventProgress(callback=lambda d, t: seen.append((d, t))),
    )
    assert len(result.ids) == 1
    assert [s for s, _why in result.failures] == [str(tmp_path / "missing.txt")]
    assert seen[-1] == (2, 2)


def test_one_failing_source_raises_its_user_error(lib: Library, tmp_path: Path):
    with pytest.raises(InputError):
        articles.import_sources(lib, [str(tmp_path / "missing.txt")])


def test_a_cancelled_import_stops_before_the_next_source(lib: Library, article_file: Path):
    progress = EventProgress()
    progress.event.set()
    assert articles.import_sources(lib, [str(article_file)] * 3, progress).ids == []


def test_text_without_an_article_can_be_kept_whole(lib: Library):
    with pytest.raises(NoArticleError) as caught:
        articles.import_raw(lib, RawInput(b"ok", "text/plain", "tiny"))
    aid = articles.keep_whole_text(lib, "Title line\nsecond line", "tiny")
    assert lib.get_article(aid).block_texts() == ["Title line", "second line"]
    assert caught.value.text.strip() == "ok"


def test_pasted_html_is_cleaned_and_kept_as_the_raw_input(lib: Library):
    text = "Night Ferry Returns\n\n" + "The night ferry will run again from May this year. " * 6
    html = (
        "<h1>Night Ferry Returns</h1>"
        + "<p>The night ferry will run again from May this year. </p>" * 6
    )
    aid = articles.import_clipboard(lib, text, html).article_id
    raw, media_type = lib.raw_input(aid)
    assert media_type == "text/html" and raw == html.encode()
    assert lib.get_article(aid).title == "Night Ferry Returns"


def test_pasting_the_same_article_again_stores_nothing_and_names_it(lib: Library):
    text = "Night Ferry Returns\n\n" + "The night ferry will run again from May this year. " * 6
    first = articles.import_clipboard(lib, text, None)
    again = articles.import_clipboard(lib, text + "\n", None)  # a copy ends as it likes
    assert first.stored and not again.stored
    assert again.article_id == first.article_id
    assert again.duplicate is not None and again.duplicate.reason == "text"
    assert len(lib.list_articles()) == 1
    both = articles.import_clipboard(lib, text, None, new=True)
    assert both.stored and both.article_id != first.article_id
    assert len(lib.list_articles()) == 2


def test_a_paste_can_become_the_new_version_of_an_article(lib: Library):
    text = "Night Ferry Returns\n\n" + "The night ferry will run again from May this year. " * 6
    aid = articles.import_clipboard(lib, text, None).article_id
    changed = text.replace("from May", "from June")
    report = articles.update_from_clipboard(lib, aid, changed, None)
    assert report.changed and report.version == 2
    assert "from June" in lib.get_article(aid).text
    raw, media_type = lib.raw_input(aid)
    assert media_type == "text/plain" and raw == changed.encode()


def test_an_empty_clipboard_is_a_user_error(lib: Library):
    with pytest.raises(InputError, match="clipboard is empty"):
        articles.import_clipboard(lib, "", None).article_id


def test_an_update_stores_a_new_version_and_reanchors_notes(
    lib: Library, article_file: Path, tmp_path: Path
):
    aid = articles.import_source(lib, str(article_file))
    text = lib.get_article(aid).text
    start = text.index("A new boat")
    lib.add_note(aid, start, start + 20, verdict="true")
    edited = tmp_path / "edited.txt"
    edited.write_text(article_file.read_text().replace("ninety", "eighty"), encoding="utf-8")
    report = articles.update_from_source(lib, aid, str(edited))
    assert report.changed and report.version == 2 and report.ok == 1


def test_re_cleaning_an_unchanged_article_changes_nothing(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    assert not articles.reclean(lib, aid).changed


def test_a_dropped_block_is_gone_after_the_clean_that_follows(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    block = "Islanders welcomed the news but asked for a later last sailing on Saturdays."
    report = articles.set_block_choice(lib, aid, block, "drop")
    assert report.changed and block not in lib.get_article(aid).text
    articles.set_block_choice(lib, aid, block, None)
    assert block in lib.get_article(aid).text


def test_an_unknown_block_action_is_a_bug_not_a_user_error(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    with pytest.raises(ValueError):
        articles.set_block_choice(lib, aid, "x", "shred")


def test_cleaning_without_storing_leaves_the_library_empty(lib: Library, article_file: Path):
    clean = articles.clean_source(str(article_file))
    assert clean.title == "Night Ferry Returns to the Island"
    assert articles.clean_raw(RawInput(article_file.read_bytes())).text == clean.text
    assert articles.list_articles(lib) == []


def test_articles_from_the_same_url_are_reported_as_duplicates(lib: Library, article_file: Path):
    raw = RawInput(article_file.read_bytes(), "text/plain", "web", url="https://example.org/f")
    first = articles.import_raw(lib, raw)
    second = articles.import_raw(lib, raw)
    assert articles.duplicates_of(lib, second) == [first]
    assert articles.duplicates_of(lib, first) == [second]


def test_an_id_prefix_resolves_and_the_view_numbers_sentences(lib: Library, article_file: Path):
    aid = articles.import_source(lib, str(article_file))
    assert articles.resolve(lib, aid[:8]) == aid
    view = articles.article_view(lib, aid)
    assert view.sentence_numbers(*view.sentences[1]) == [2]
    assert [a.id for a in articles.list_articles(lib)] == [aid]
