"""Writing things out: the open article's exports (Markdown, PDF, ClaimReview, Web
Annotations), every article to a folder, the library as JSON, and the library's backups.

Each use case is a :mod:`reader.app` function; slow ones run on a worker (see
:mod:`reader.ui.tasks`) with plain values only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6 import QtWidgets

from reader.core.errors import UserError
from reader.store import Library
from reader.ui import messages, status
from reader.ui.wording import counted

if TYPE_CHECKING:
    from reader.app.exports import FolderReport
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

OtherFormat = Literal["claimreview", "annotations"]


class ExportActions:
    """File → Export …, Back up library now, Restore a backup; Edit → Author name."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw

    # -- the open article ---------------------------------------------------------------

    def export_markdown(self) -> None:
        mw = self.mw
        if mw.article is None:
            mw.statusBar().showMessage("Open an article to export its notes.", 3000)
            return
        path = self._ask_path("Export notes as Markdown", ".md", "Markdown (*.md)")
        if path is not None:
            self.export_markdown_to(path)

    def _ask_path(self, caption: str, extension: str, file_filter: str) -> Path | None:
        """Ask where to write an export of the open article: offered in the folder of
        the last export, under a name safe on every system (a title's "/" or ":" made
        the dialog point into a folder that does not exist)."""
        from reader.export.filenames import safe_filename

        mw = self.mw
        assert mw.article is not None
        default = Path(str(mw.settings.value("export_dir", str(Path.home())))) / safe_filename(
            mw.article.title, mw.article.id, extension
        )
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            mw.window(), caption, str(default), file_filter
        )
        return Path(path) if path else None

    def export_markdown_to(self, path: Path) -> None:
        """Write (or refresh the managed part of) the Markdown export of the open article."""
        mw = self.mw
        assert mw.article is not None
        mw.notes_pane.flush_editor()
        from reader.app.exports import write_markdown_file
        from reader.export.markdown import EditedBlockError

        try:
            try:
                write_markdown_file(mw.lib, mw.article.id, path)
            except EditedBlockError:
                if not messages.ask(
                    mw.window(),
                    f"The notes section of {path.name} was edited by hand since it was "
                    "exported. Replace it with the current notes? Your edits inside the "
                    "section will be lost; text outside it is kept.",
                    "Notes section edited",
                ):
                    return
                write_markdown_file(mw.lib, mw.article.id, path, force=True)
        except UserError as exc:
            mw.show_error(exc)
            return
        mw.settings.setValue("export_dir", str(path.parent))
        mw.statusBar().showMessage(f"Exported to {path}", 4000)

    def export_pdf(self) -> None:
        mw = self.mw
        if mw.article is None:
            mw.statusBar().showMessage("Open an article to export it.", 3000)
            return
        path = self._ask_path("Export as PDF", ".pdf", "PDF (*.pdf)")
        if path is not None:
            self.export_pdf_to(path)

    def export_pdf_to(self, path: Path) -> None:
        """Render and write the PDF report of the open article, off the UI thread (laying
        out a long article with its notes takes a while), the note being typed in it.
        The save dialog has already asked before replacing a file."""
        mw = self.mw
        assert mw.article is not None
        mw.notes_pane.flush_editor()
        db, aid = mw.db_path, mw.article.id

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Path:
            from reader.ui.pdf_report import write_pdf

            with Library(db) as lib:
                article, notes = lib.get_article(aid), lib.notes_for_article(aid)
            write_pdf(article, notes, path, force=True)
            return path

        def done(written: Path) -> None:
            mw.settings.setValue("export_dir", str(written.parent))
            mw.statusBar().showMessage(f"Exported to {written}", 4000)

        mw.runner.run("Exporting the PDF…", work, done)

    def export_other(self, fmt: OtherFormat) -> None:
        """ClaimReview JSON-LD or W3C Web Annotations of the open article."""
        mw = self.mw
        if mw.article is None:
            mw.statusBar().showMessage("Open an article to export it.", 3000)
            return
        mw.notes_pane.flush_editor()  # a status just chosen counts
        nothing = self._nothing_to_export(fmt)
        if nothing:
            # Said before a file is asked for: it wrote "[]" and said "Exported to …".
            messages.inform(mw.window(), nothing, "Nothing to export")
            return
        if fmt == "claimreview" and not self._author():
            # Asked before the file (it came after it, once the user thought it done);
            # remembered in the library for the next export.  Cancel stops the export.
            if not self.set_author(asked_by_export=True):
                mw.statusBar().showMessage("Export cancelled: no author name given.", 4000)
                return
        suffix = ".claimreview.jsonld" if fmt == "claimreview" else ".annotations.json"
        what = "ClaimReview JSON-LD" if fmt == "claimreview" else "Web Annotations"
        path = self._ask_path(f"Export as {what}", suffix, "JSON (*.json *.jsonld)")
        if path is not None:
            self.export_other_to(fmt, path)

    def _nothing_to_export(self, fmt: OtherFormat) -> str:
        """Why the open article's ``fmt`` export would hold no note ("" if it holds one)."""
        mw = self.mw
        assert mw.article is not None
        # As stored (the command line may have added some since the window read them).
        live = [n for n in mw.lib.notes_for_article(mw.article.id) if not n.deleted_at]
        if not live:
            return "This article has no notes yet. Click a sentence and press Enter to add one."
        if fmt != "claimreview":
            return ""
        rated = [n for n in live if n.verdict]
        if any(n.status != "to_check" for n in rated):
            return ""
        if not rated:
            return (
                "ClaimReview publishes verdicts, and no note of this article has one yet. "
                "Give a note a verdict (keys 1…9, 0) and a status past To check."
            )
        return (
            f"ClaimReview publishes checked verdicts: {counted(len(rated), 'note')} with a "
            "verdict, all still To check. Set a note's status (In progress, Needs review "
            "or Done), then export again."
        )

    def export_other_to(self, fmt: OtherFormat, path: Path) -> None:
        from reader.app.exports import render, write_text_file

        mw = self.mw
        assert mw.article is not None
        mw.notes_pane.flush_editor()  # the note being typed is in it, as in Markdown
        author = None
        if fmt == "claimreview":
            # Asked (by export_other) once, then remembered in the library.
            author = self._author() or "Unknown"
        else:  # annotations: the remembered author is the creator, when there is one
            author = self._author() or None
        try:
            # Atomic; the save dialog has already asked before replacing a file.
            write_text_file(path, render(mw.lib, mw.article.id, fmt, author=author))
        except UserError as exc:
            mw.show_error(exc)
            return
        mw.settings.setValue("export_dir", str(path.parent))
        mw.statusBar().showMessage(f"Exported to {path}", 4000)

    def _author(self) -> str:
        from reader.app.exports import claimreview_author

        try:
            return claimreview_author(self.mw.lib)
        except UserError:  # none remembered yet
            return ""

    def set_author(self, asked_by_export: bool = False) -> bool:
        """Ask for the author of ClaimReview exports; True if the user gave one.

        ``asked_by_export``: asked because an export needs it (which goes on only with a
        name); the prompt then says that the name is kept."""
        from reader.app.exports import set_claimreview_author

        prompt = (
            "Your name or your organisation's, as the author of published fact-checks "
            "(ClaimReview):"
        )
        if asked_by_export:
            prompt += "\nIt is kept for the next exports (Edit → Author name for exports…)."
        name, ok = QtWidgets.QInputDialog.getText(
            self.mw.window(), "Author name", prompt, text=self._author()
        )
        if not ok or (asked_by_export and not name.strip()):
            return False
        try:
            set_claimreview_author(self.mw.lib, name)
        except UserError as exc:  # a read-only or locked library
            self.mw.show_error(exc)
            return False
        return bool(name.strip())

    # -- the whole library --------------------------------------------------------------

    def export_all_markdown(self) -> None:
        if self.mw.lib.count_articles() == 0:
            # Said before a folder is asked for, not as "0 files written" after it.
            messages.inform(
                self.mw.window(),
                "The library has no articles to export yet. Open or paste one first.",
            )
            return
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self.mw.window(),
            "Export all articles into folder",
            str(self.mw.settings.value("export_dir", str(Path.home()))),
        )
        if folder:
            self.export_all_markdown_to(Path(folder))

    def export_all_markdown_to(self, folder: Path) -> None:
        """Every article to a folder, one Markdown file each, off the UI thread."""
        mw = self.mw
        mw.notes_pane.flush_editor()
        db = mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> FolderReport:
            from reader.app.articles import list_articles
            from reader.app.exports import export_markdown_folder
            from reader.app.progress import EventProgress

            with Library(db) as lib:
                ids = [a.id for a in list_articles(lib)]
                return export_markdown_folder(
                    lib, ids, folder, progress=EventProgress(cancel, progress)
                )

        def done(report: FolderReport) -> None:
            msg = f"{counted(len(report.written), 'file')} written to {folder}."
            if report.skipped:
                msg += "\n\nLeft alone (not written by Fact-Check Reader):\n" + "\n".join(
                    str(p.name) for p, _why in report.skipped[:20]
                )
                messages.inform(mw.window(), msg, "Export finished")
            mw.statusBar().showMessage(msg.split("\n")[0], 5000)

        mw.settings.setValue("export_dir", str(folder))
        mw.runner.run("Exporting all articles…", work, done)

    def export_json(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.mw.window(),
            "Export library as JSON",
            str(
                Path(str(self.mw.settings.value("export_dir", str(Path.home()))))
                / "fact-check-library.json"
            ),
            "JSON (*.json)",
        )
        if path:
            self.mw.settings.setValue("export_dir", str(Path(path).parent))
            self.export_json_to(Path(path))

    def export_json_to(self, path: Path) -> None:
        self.mw.notes_pane.flush_editor()  # the note being typed is in it
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Path:
            from reader.app.library_io import export_library_json

            with Library(db) as lib:
                # The save dialog has already asked before replacing a file.
                export_library_json(lib, path, force=True)
            return path

        self.mw.runner.run(
            "Exporting the library…",
            work,
            lambda p: self.mw.statusBar().showMessage(f"Exported to {p}", 4000),
        )

    # -- backups ------------------------------------------------------------------------

    def backup_in_background(self, *, only_if_due: bool = True) -> None:
        """Copy the library to its backups folder (daily at start-up) off the UI thread."""
        mw = self.mw
        db = mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> Path | None:
            from reader.app.backup import backup_if_due, backup_now

            return backup_if_due(db) if only_if_due else backup_now(db)

        def done(path: Path | None) -> None:
            if path is None:
                return
            if only_if_due:  # the daily copy at start-up: not an answer to the user
                status.background(mw, "backup", f"Library backed up to {path}", 4000)
            else:
                status.tell(mw, f"Library backed up to {path}", 4000)

        mw.runner.start_quietly(work, done, mw.show_error)

    def backup_now(self) -> None:
        self.backup_in_background(only_if_due=False)

    def restore_backup_dialog(self) -> None:
        from reader.app.backup import list_backups, restore

        mw = self.mw
        backups = list_backups(mw.db_path)
        if not backups:
            mw.show_error(
                UserError(
                    "There are no backups of this library yet. "
                    "Use File → Back up library now to make one."
                )
            )
            return
        names = [b.label() for b in backups]
        choice, ok = QtWidgets.QInputDialog.getItem(
            mw.window(),
            "Restore a backup",
            "Replace the library with this backup (the current file is kept aside, not deleted):",
            names,
            0,
            False,
        )
        if not ok:
            return
        chosen = backups[names.index(choice)].path
        mw.notes_pane.flush_editor()
        # The library is closed while the copy runs (a large one takes a while, so off
        # the UI thread); the window is disabled until it is open again.
        mw.claims_pane.stop_scoring()
        mw.lib.close()
        mw.setEnabled(False)  # no edit, menu or shortcut reaches the closed library
        db = mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UserError | None:
            try:
                restore(db, chosen)
            except UserError as exc:
                return exc
            return None

        def done(error: UserError | None) -> None:
            mw.reopen_library()
            if error is not None:
                mw.show_error(error)
            else:
                mw.statusBar().showMessage(f"Restored {chosen.name}", 4000)

        mw.runner.run("Restoring the backup…", work, done, cancellable=False)
