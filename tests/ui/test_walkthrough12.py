"""What a fact-checker met first in session 12's walkthrough of the window: a pasted
article's date shown whole, actions that need an article off while none is open, the
sentence notes' words for a run of sentences, and the library filters kept whole when a
tag or a speaker is long."""

from __future__ import annotations

from reader.core.models import ArticleMeta, build_article
from reader.ui.wording import shown_date
from tests.ui.conftest import menu_action

PARAGRAPH = (
    "The barrier will protect about 10,000 homes. Work starts in September. "
    "The council will pay half."
)


def _article(meta: ArticleMeta | None = None):
    return build_article([("title", "Flood barrier"), ("paragraph", PARAGRAPH)], meta)


def test_a_written_date_is_shown_whole_and_an_iso_time_by_its_day():
    assert shown_date("14 May 2026") == "14 May 2026"
    assert shown_date("November 20, 2019") == "November 20, 2019"
    assert shown_date("2026-04-02T08:30:00Z") == "2026-04-02"
    assert shown_date("2026-04-02") == "2026-04-02"
    assert shown_date(None) == ""


def test_the_article_header_and_the_library_show_a_pasted_articles_date_whole(make_window):
    from reader.ui.models import LibraryModel

    w = make_window()
    art = w.lib.add_article(_article(ArticleMeta(title="Flood barrier", published="14 May 2026")))
    w.library.reload()
    w.open_article(art.id)
    # Cut to ten characters, it read "14 May 202".
    assert "14 May 2026" in w.reader_pane.header.text()
    published = LibraryModel.COLUMNS.index("Published")
    assert w.library_model.index(0, published).data() == "14 May 2026"
    from reader.ui.pdf_report import report_html

    assert "14 May 2026" in report_html(w.lib.get_article(art.id), [])
