"""The notes panel keeps still while sentences are clicked in turn."""

from __future__ import annotations

from reader.core.models import Source
from reader.ui.models import SourcesModel
from reader.ui.notes_panel import NotesPanel


def test_the_selection_label_keeps_its_height_and_shortens_a_long_sentence(qtbot):
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_selection("Short one.", [], "Sentence 1")
    height = panel.selection_label.height()
    long_sentence = " ".join(["The council said the bridge would close for repairs"] * 12)
    panel.show_selection(long_sentence, [], "Sentence 2")
    assert panel.selection_label.height() == height
    shown = panel.selection_label.text()
    assert "Sentence 2" in shown and "…" in shown
    assert len(shown) < len(long_sentence)
    assert long_sentence in panel.selection_label.toolTip()
    panel.show_selection("Short again.", [], "Sentence 3")
    assert panel.selection_label.toolTip() == ""


def test_setting_the_same_sources_again_does_not_reset_the_table(qtbot):
    model = SourcesModel()
    sources = [Source(url="https://example.org/report", title="Report")]
    model.set_sources(sources)
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_sources([Source(url="https://example.org/report", title="Report")])
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_sources([])
    assert model.rowCount() == 0


def test_a_sentence_without_notes_shows_what_to_do_instead_of_an_empty_form(qtbot):
    from reader.core.models import Note, Selector

    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_selection("A sentence with no note.", [], "Sentence 4")
    assert panel.editor.no_note_hint.isVisible()
    assert not panel.editor.conclusion.isVisible()
    note = Note(
        id="n1",
        article_id="a1",
        selector=Selector(0, 10, "A sentence", "", "", ""),
        conclusion="Checked.",
    )
    panel.show_selection("A sentence with a note.", [note], "Sentence 5")
    assert panel.editor.conclusion.isVisible()
    assert panel.editor.conclusion.text() == "Checked."
    assert not panel.editor.no_note_hint.isVisible()


def test_with_nothing_selected_the_panel_gives_one_instruction_not_two(qtbot):
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.show_selection("A sentence.", [], "Sentence 1")
    assert panel.selection_empty.text() == "No notes on this sentence."
    assert "press Enter" in panel.editor.no_note_hint.text()
    panel.clear_selection()
    assert "Click a sentence" in panel.selection_label.text()
    assert panel.editor.no_note_hint.text() == ""
    assert panel.selection_empty.text() == ""


def test_the_legend_never_splits_a_mark_from_its_label(qtbot):
    panel = NotesPanel()
    qtbot.addWidget(panel)
    legend = panel.legend.text()
    assert "Missing&nbsp;context" in legend and "</span> " not in legend
