"""File → Import annotations: notes from Hypothesis or any W3C Web Annotation tool.

Reading the file, finding the articles and anchoring the notes run on a worker
(:mod:`reader.app.annotations`).  When some annotations are on pages that are not in the
library, the window offers to import those pages from their URLs first and then imports
the file again: annotations already brought in are recognised by their original id and
skipped, so nothing is added twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from reader.core.errors import UserError
from reader.store import Library
from reader.ui import messages

if TYPE_CHECKING:
    from reader.app.annotations import AnnotationImportReport
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

MAX_LISTED = 12
FILE_FILTER = "Annotations (*.json *.jsonl *.jsonld *.ndjson);;All files (*)"


class AnnotationImportActions:
    """Import annotations from a file, offering to fetch the missing articles first."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw

    def import_annotations_dialog(self) -> None:
        mw = self.mw
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            mw.window(),
            "Import annotations",
            str(mw.settings.value("last_dir", str(Path.home()))),
            FILE_FILTER,
        )
        if path:
            mw.settings.setValue("last_dir", str(Path(path).parent))
            self.import_annotations_from(Path(path))

    def import_annotations_from(self, path: Path, *, offer_articles: bool = True) -> None:
        """Import the annotations in ``path`` off the UI thread, then report."""
        db = self.mw.db_path
        self.mw.notes_pane.flush_editor()

        def work(
            cancel: threading.Event, progress: Callable[[int, int], None]
        ) -> AnnotationImportReport:
            from reader.app.annotations import import_annotation_file

            with Library(db) as lib:
                return import_annotation_file(lib, path)

        def done(report: AnnotationImportReport) -> None:
            self._refresh()
            missing = report.missing_urls
            if offer_articles and missing and self._ask_to_import(missing):
                self._import_articles_then(missing, path)
                return
            self._show_report(report)

        self.mw.runner.run(f"Importing annotations from {path.name}…", work, done)

    # -- the articles they are on --------------------------------------------------------

    def _ask_to_import(self, urls: list[str]) -> bool:
        listed = "\n".join(urls[:MAX_LISTED])
        more = f"\n… and {len(urls) - MAX_LISTED} more" if len(urls) > MAX_LISTED else ""
        return messages.ask(
            self.mw.window(),
            f"Some annotations are on {len(urls)} page(s) not in the library:\n\n"
            f"{listed}{more}\n\nImport these articles from their addresses first, then "
            "their annotations?",
            "Import the articles first?",
        )

    def _import_articles_then(self, urls: list[str], path: Path) -> None:
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> list[str]:
            from reader.app.articles import import_source
            from reader.app.progress import EventProgress

            failures: list[str] = []
            with Library(db) as lib:
                for i, url in enumerate(urls):
                    if cancel.is_set():
                        break
                    progress(i, len(urls))
                    try:
                        import_source(lib, url, EventProgress(cancel, None))
                    except UserError as exc:
                        failures.append(f"{url}: {exc}")
            return failures

        def done(failures: list[str]) -> None:
            if failures:
                messages.warn(
                    self.mw.window(),
                    f"{len(failures)} of {len(urls)} articles could not be imported; "
                    "their annotations are listed at the end:\n\n" + "\n\n".join(failures[:10]),
                )
            self.import_annotations_from(path, offer_articles=False)

        self.mw.runner.run(f"Importing {len(urls)} article(s)…", work, done)

    # -- after --------------------------------------------------------------------------

    def _refresh(self) -> None:
        mw = self.mw
        mw.library.reload()
        mw.library.refresh_tags()
        if mw.article is not None:
            mw.open_article(mw.article.id)

    def _show_report(self, report: AnnotationImportReport) -> None:
        details = report.details()
        text = report.summary()
        skipped = report.skipped_summary()
        if skipped:
            if report.missing_urls:
                theirs = "its article" if len(report.missing_urls) == 1 else "their articles"
                skipped += f" Import the file again and accept the offer to import {theirs} first."
            else:
                skipped += " Import the articles they were made on first, then the file again."
            text += f"\n\n{skipped}"
        if details:
            listed = "\n".join(details[:MAX_LISTED])
            more = f"\n… and {len(details) - MAX_LISTED} more" if len(details) > MAX_LISTED else ""
            text += f"\n\n{listed}{more}"
        # "Annotations imported" over "0 notes added" read as a success.
        title = "Annotations imported" if report.added else "No notes imported"
        messages.inform(self.mw.window(), text, title)
