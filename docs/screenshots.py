"""Take README screenshots from the real app (light and dark), so they never go stale.

Run: ``.venv/bin/python docs/screenshots.py`` — writes ``docs/screenshot-light.png`` and
``docs/screenshot-dark.png`` from a throwaway library holding an article of our own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARTICLE = """Skip to content
Home | World | Business | Opinion
Sign in

City Plans to Close Harbour Bridge for a Year of Repairs

By Dana Whitlock | March 3

The city council voted on Monday to close the harbour bridge for twelve months. Engineers found that the steel deck had rusted through in several places, the council said in a statement.

The mayor said the closure would cost local shops about two million dollars. "We cannot put people on a bridge we know is failing," she told reporters. "Safety comes first."

Ferries will run every twenty minutes while the work goes on, and the fare will be waived for residents. The bridge carried 40,000 vehicles a day last year, according to the transport department.

Shopkeepers on the north side said they had not been consulted. Several said they would ask the council to delay the work until after the summer season.

Support independent local news
Become a member today. It only takes a minute.
Read more
Related: Council approves new parking rules
"""


def main() -> None:
    from PySide6.QtCore import QSettings

    from reader.app.articles import import_raw
    from reader.core.models import RawInput, Source
    from reader.store import Library
    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="fcr-shots-"))
    db = tmp / "library.sqlite3"
    with Library(db) as lib:
        aid = import_raw(lib, RawInput(ARTICLE.encode(), "text/plain", "harbour.txt"))
        from reader.core.segment import sentence_spans

        art = lib.get_article(aid)
        spans = sentence_spans(art.text)
        texts = [art.text[s:e] for s, e in spans]

        def at(prefix: str) -> tuple[int, int]:
            return spans[next(i for i, t in enumerate(texts) if t.startswith(prefix))]

        lib.add_note(
            aid,
            *at("The mayor said the closure"),
            verdict="mostly_false",
            status="done",
            conclusion="The council's own estimate is $900,000.",
            body="The figure comes from a **shopkeepers' association** survey, "
            "not from the council.",
            tags=["budget"],
            sources=[
                Source(
                    "https://example.org/council-budget-2024",
                    "Council budget papers",
                    "City Council",
                    "2024-02-20",
                    stance="refutes",
                )
            ],
        )
        lib.add_note(
            aid,
            *at("The bridge carried"),
            verdict="true",
            status="done",
            conclusion="Matches the transport department's 2023 count.",
            sources=[
                Source(
                    "https://example.org/traffic-count", "Annual traffic count", stance="supports"
                )
            ],
        )
        lib.add_note(
            aid,
            *at("Engineers found"),
            status="in_progress",
            conclusion="Asked the council for the inspection report.",
        )
    for theme in ("light", "dark"):
        settings = QSettings(str(tmp / f"{theme}.ini"), QSettings.Format.IniFormat)
        settings.setValue("theme", theme)
        window = MainWindow(db, settings)
        window.resize(1400, 820)
        window.show()
        app.processEvents()
        window.library_view.selectRow(0)
        app.processEvents()
        window.reader.select_range(*at("The mayor said the closure"))
        app.processEvents()
        out = ROOT / "docs" / f"screenshot-{theme}.png"
        window.grab().save(str(out))
        print(out)
        window.close()


if __name__ == "__main__":
    main()
