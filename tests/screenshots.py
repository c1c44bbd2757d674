"""Take the README's screenshots from the real app: light and dark, at 1280×720 and
1920×1080, on the seed sample with notes in every state (in place, changed, orphan).

Run from the repository root: ``python -m tests.screenshots``.  It writes
``docs/screenshot-{light,dark}.png`` (1280×720, the README's) and
``docs/screenshot-{light,dark}-1920x1080.png``.  The sample lives outside
the repository (``../shared/samples/lavrov-kerry.raw.txt``); without it, nothing is
written and the script says so.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "lavrov-kerry.raw.txt"
SIZES = ((1280, 720), (1920, 1080))


def _first_sentence_with(text: str, spans: list[tuple[int, int]], words: str) -> tuple[int, int]:
    for s, e in spans:
        if words in text[s:e]:
            return s, e
    raise LookupError(words)


def build_library(db: Path) -> tuple[str, tuple[int, int]]:
    """A library holding the sample with four notes; a second version of the sample then
    rewords one noted sentence (changed) and drops another (orphan).  Returns the
    article's id and the range to select."""
    from reader.app.articles import import_raw, update_from_raw
    from reader.app.claims_radar import score_articles
    from reader.core.models import RawInput, Source
    from reader.core.segment import sentence_spans
    from reader.store import Library

    raw = SAMPLE.read_bytes()
    with Library(db) as lib:
        aid = import_raw(lib, RawInput(raw, "text/plain", SAMPLE.name))
        art = lib.get_article(aid)
        spans = sentence_spans(art.text)
        # The body sentences, past the title and caption: the ones worth a note.
        body = [sp for sp in spans if art.text[sp[0] : sp[1]].count(" ") > 12]
        picks = [body[0], body[2], body[4], body[6]]
        texts = [art.text[s:e] for s, e in picks]
        lib.add_note(
            aid,
            *picks[0],
            verdict="mostly_true",
            status="done",
            conclusion="The meeting took place as described; the date checks out.",
            body="Both ministries published a **readout** the same day.",
            tags=["diplomacy"],
            sources=[
                Source(
                    "https://example.org/readout",
                    "Ministry readout of the meeting",
                    "Ministry of Foreign Affairs",
                    "2014-03-14",
                    stance="supports",
                )
            ],
        )
        lib.add_note(
            aid,
            *picks[1],
            verdict="false",
            status="done",
            conclusion="No record of this.",
            sources=[
                Source(
                    "https://example.org/council-statement",
                    "Statement of the council after the vote",
                    "Council press office",
                    "2014-03-15",
                    stance="refutes",
                ),
                Source("https://doi.org/10.1000/xyz", stance="context"),
            ],
        )
        lib.add_note(aid, *picks[2], status="in_progress", conclusion="Asked both press offices.")
        lib.add_note(aid, *picks[3], verdict="misleading", conclusion="Out of context.")
        # The outlet's correction: one noted sentence reworded, another taken out.
        words = texts[1].split()
        reworded = " ".join(words[:-3] + ["according", "to", "officials."])
        # (Edited in the clean text, which differs from the raw page in its spaces.)
        text = art.text.replace(texts[1], reworded).replace(texts[3], "")
        update_from_raw(lib, aid, RawInput(text.encode(), "text/plain", SAMPLE.name))
        # Scored here, as the window's background pass would at import.
        score_articles(lib, [aid])
        new = lib.get_article(aid)
        select = _first_sentence_with(new.text, sentence_spans(new.text), " ".join(words[:4]))
    return aid, select


def take(out_dir: Path) -> list[Path]:
    """Write the screenshots into ``out_dir``; returns their paths."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="fcr-shots-"))
    db = tmp / "library.sqlite3"
    aid, select = build_library(db)
    written = []
    for theme in ("light", "dark"):
        for width, height in SIZES:
            settings = QSettings(str(tmp / f"{theme}{width}.ini"), QSettings.Format.IniFormat)
            settings.setValue("theme", theme)
            window = MainWindow(db, settings)
            window.resize(width, height)
            window.show()
            app.processEvents()
            window.open_article(aid, select=select)
            window.reader.setFocus()
            # The claims list and Seen before are filled by workers: wait for them.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (
                window.runner.tasks
                or not window.claims_pane.claims
                or window.seen_before._timer.isActive()  # "Seen before" is about to look
            ):
                app.processEvents()
                time.sleep(0.01)
            window.statusBar().clearMessage()
            for _ in range(5):
                app.processEvents()
            QApplication.processEvents()
            # The README shows the laptop size; the large one sits beside it.
            size = "" if (width, height) == SIZES[0] else f"-{width}x{height}"
            out = out_dir / f"screenshot-{theme}{size}.png"
            window.grab().save(str(out))
            written.append(out)
            window.close()
    return written


def main() -> int:
    if not SAMPLE.exists():
        print(f"skipped: the seed sample is not at {SAMPLE}", file=sys.stderr)
        return 0
    for path in take(ROOT / "docs"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
