"""Bringing articles in: open files or a URL, paste, drop, update an article from a new
version, clean it again, drop or keep a block, import a JSON library.

Each use case is a :mod:`reader.app` function, run on a worker (see
:mod:`reader.ui.tasks`) by a ``work`` closure that holds plain values only (paths,
strings, ids) and returns plain data; what is here collects the input and redraws.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6 import QtWidgets
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from reader.core.errors import NoArticleError, UserError
from reader.store import Library
from reader.ui import messages
from reader.ui.undo import CallbackCommand
from reader.ui.wording import counted, notes_after_update

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from reader.app.articles import ImportOutcome, ImportResult
    from reader.app.cleaning import Cleaning
    from reader.app.updates import ArticleCheck
    from reader.store.dump_merge import MergeReport
    from reader.store.library import UpdateReport
    from reader.ui.window_protocol import ReaderWindow

log = logging.getLogger(__name__)

MAX_RECENT = 10
DuplicateChoice = Literal["open", "version", "new"] | None


class ImportActions:
    """File → Open, Open URL, Paste article, Open recent, Update, Re-clean, Import JSON."""

    def __init__(self, mw: ReaderWindow) -> None:
        self.mw = mw
        self.recent_menu: QMenu | None = None

    def on_failed(self, exc: BaseException) -> None:
        """A background task failed: offer to keep a text with no article, else show it."""
        mw = self.mw
        if isinstance(exc, NoArticleError) and exc.text.strip():
            if messages.ask(
                mw.window(),
                f"{exc}\n\nKeep the whole text as an article anyway?",
                "No article found",
                "Keep the whole text",
                "Cancel",
            ):
                updated = getattr(exc, "update_of", None)
                if updated is not None:
                    # An update: the text is a new version of that article, not a new one.
                    from reader.app.articles import keep_whole_text_as_version

                    report = keep_whole_text_as_version(
                        mw.lib, updated, exc.text, getattr(exc, "origin", "")
                    )
                    self._after_update(report)
                    return
                from reader.app.articles import keep_whole_text

                aid = keep_whole_text(mw.lib, exc.text, getattr(exc, "origin", ""))
                self._after_import(aid)
            return
        mw.show_error(exc)

    # -- new articles -------------------------------------------------------------------

    def import_documents(self, sources: list[str]) -> None:
        """Import files (paths) and URLs in the background, one after another.

        With several sources, one that fails does not stop the others: the failures
        are listed at the end.
        """
        if len(sources) == 1:
            self.import_one(sources[0])
            return
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> ImportResult:
            from reader.app.articles import import_sources
            from reader.app.progress import EventProgress

            with Library(db) as lib:
                try:
                    return import_sources(lib, sources, EventProgress(cancel, progress))
                except NoArticleError as exc:
                    exc.origin = sources[0]  # type: ignore[attr-defined]
                    raise

        def done(result: ImportResult) -> None:
            for src in sources:
                self._remember_recent(src)
            if result.ids:
                last = result.ids[-1]
                self._after_import(last, len(result.ids), result.cleaning.get(last))
                if len(result.ids) > 1 and result.warnings:
                    # Only the last one is open, with its bar: name the others to check.
                    self.mw.statusBar().showMessage(
                        "The cleaner was unsure of: "
                        + ", ".join(Path(src).name or src for src, _w in result.warnings),
                        15000,
                    )
            if result.notices:
                # (e.g. a user name and password removed from the address)
                self.mw.statusBar().showMessage(" ".join(dict.fromkeys(result.notices)), 15000)
            if result.failures:
                failures = [f"{Path(src).name or src}: {why}" for src, why in result.failures]
                messages.warn(
                    self.mw.window(),
                    f"{len(failures)} of {len(sources)} could not be "
                    "imported:\n\n" + "\n\n".join(failures[:10]),
                )

        what = Path(sources[0]).name if len(sources) == 1 else f"{len(sources)} files"
        self.mw.runner.run(f"Importing {what}…", work, done)

    def import_one(self, source: str, *, new: bool = False) -> None:
        """Import one file or URL; if the library has it already (same address or same
        text), nothing is stored and the user chooses: open it, store this as its new
        version, or keep both (``new``)."""
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> ImportOutcome:
            from reader.app.articles import import_source_once
            from reader.app.progress import EventProgress

            with Library(db) as lib:
                try:
                    return import_source_once(
                        lib, source, new=new, progress=EventProgress(cancel, progress)
                    )
                except NoArticleError as exc:
                    exc.origin = source  # type: ignore[attr-defined]
                    raise

        def done(outcome: ImportOutcome) -> None:
            self._remember_recent(source)
            if outcome.duplicate is None:
                self._after_import(outcome.article_id, cleaning=outcome.cleaning)
                if outcome.notices:
                    # (e.g. a user name and password removed from the address)
                    self.mw.statusBar().showMessage(" ".join(dict.fromkeys(outcome.notices)), 15000)
                return
            self._on_duplicate(
                outcome,
                as_version=lambda: self.update_from(source),
                keep_both=lambda: self.import_one(source, new=True),
            )

        what = Path(source).name or source
        self.mw.runner.run(f"Importing {what}…", work, done)

    def _on_duplicate(
        self,
        outcome: ImportOutcome,
        *,
        as_version: Callable[[], None],
        keep_both: Callable[[], None],
    ) -> None:
        """The library has the article already: ask, then open it, store the input as its
        new version (``as_version``, with the article open) or store it anew (``keep_both``)."""
        assert outcome.duplicate is not None
        choice = self.ask_duplicate(outcome.duplicate.describe())
        if choice == "open":
            self.mw.open_article(outcome.article_id)
            self._read_now()
            self.mw.statusBar().showMessage("Opened the article already in the library", 4000)
        elif choice == "version":
            self.mw.open_article(outcome.article_id)
            self._read_now()
            as_version()
        elif choice == "new":
            keep_both()

    def ask_duplicate(self, why: str) -> DuplicateChoice:
        """Ask what to do with an article the library has already."""
        box = QtWidgets.QMessageBox(self.mw.window())
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle("Already in the library")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(why)
        box.setInformativeText(
            "Open it, store this as its new version (its notes are placed again), "
            "or keep both as separate articles."
        )
        buttons: dict[object, DuplicateChoice] = {
            box.addButton("Open it", QtWidgets.QMessageBox.ButtonRole.AcceptRole): "open",
            box.addButton("Add as new version", QtWidgets.QMessageBox.ButtonRole.ActionRole): (
                "version"
            ),
            box.addButton("Keep both", QtWidgets.QMessageBox.ButtonRole.ActionRole): "new",
        }
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.exec()
        return buttons.get(box.clickedButton())

    def _after_import(
        self, article_id: str, count: int = 1, cleaning: Cleaning | None = None
    ) -> None:
        mw = self.mw
        mw.library.reload()
        mw.open_article(article_id)
        if cleaning is not None:
            mw.reader_pane.show_cleaning(article_id, cleaning)
        self._read_now()
        mw.statusBar().showMessage(
            "Article imported" if count == 1 else f"{count} articles imported", 3000
        )

    def _read_now(self) -> None:
        """Straight to reading: J/K and Enter work at once after an import.  The widget
        that had the keys before (a welcome button, the list) may be hidden by now,
        and Qt would hand them to the next in the tab chain."""
        self.mw.window().activateWindow()
        self.mw.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_files_dialog(self) -> None:
        mw = self.mw
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            mw.window(),
            "Open articles",
            str(mw.settings.value("last_dir", str(Path.home()))),
            "Articles (*.html *.htm *.txt);;All files (*)",
        )
        if paths:
            mw.settings.setValue("last_dir", str(Path(paths[0]).parent))
            self.import_documents(paths)

    def open_url_dialog(self, typed: str = "") -> None:
        """Ask for an address and import it; words refused as no address are said so and
        asked for again, as typed, to be corrected rather than typed anew."""
        url, ok = QtWidgets.QInputDialog.getText(
            self.mw.window(),
            "Open URL",
            "Address of the article (http or https):",
            QtWidgets.QLineEdit.EchoMode.Normal,
            typed,
        )
        if not (ok and url.strip()):
            return
        try:
            address = typed_address(url)
        except UserError as exc:
            self.mw.show_error(exc)
            self.open_url_dialog(url)
            return
        self.import_documents([address])

    def paste_article(self, *, new: bool = False) -> None:
        """Import the clipboard as a new article.

        :mod:`reader.importers.clipboard` chooses the flavour: the HTML a browser copy
        carries when it is the same selection as the plain text (and then the HTML is
        what is stored, so cleaning again reads the page structure), else the text.
        When the library has the article already (same text, or the same address),
        nothing is stored and the user chooses, as for a file: open it, store the paste
        as its new version, or keep both (``new``).
        """
        mime = QGuiApplication.clipboard().mimeData()
        # Plain strings leave the GUI thread, never the clipboard's mime data.
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else None
        if not (html or text or "").strip():
            self.mw.show_error(
                UserError(
                    "The clipboard is empty. Copy the article in your browser "
                    "(select all, copy), then paste again."
                )
            )
            return
        self._import_pasted(text, html, new=new)

    def _import_pasted(self, text: str | None, html: str | None, *, new: bool) -> None:
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> ImportOutcome:
            from reader.app.articles import import_clipboard

            with Library(db) as lib:
                try:
                    return import_clipboard(lib, text, html, new=new)
                except NoArticleError as exc:
                    exc.origin = "clipboard"  # type: ignore[attr-defined]
                    raise

        def done(outcome: ImportOutcome) -> None:
            if outcome.duplicate is None:
                self._after_import(outcome.article_id, cleaning=outcome.cleaning)
                return
            self._on_duplicate(
                outcome,
                as_version=lambda: self._update_from_pasted(outcome.article_id, text, html),
                keep_both=lambda: self._import_pasted(text, html, new=True),
            )

        self.mw.runner.run("Cleaning the pasted article…", work, done)

    def _update_from_pasted(self, article_id: str, text: str | None, html: str | None) -> None:
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UpdateReport:
            from reader.app.articles import update_from_clipboard

            with Library(db) as lib:
                return update_from_clipboard(lib, article_id, text, html)

        self.mw.runner.run("Updating the article…", work, self._after_update)

    # -- recent sources -----------------------------------------------------------------

    def _remember_recent(self, src: str) -> None:
        recent = [r for r in self.recent() if r != src]
        recent.insert(0, src)
        self.mw.settings.setValue("recent", recent[:MAX_RECENT])
        self.fill_recent_menu()

    def recent(self) -> list[str]:
        value = self.mw.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return []

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        recent = self.recent()
        for src in recent:
            act = menu.addAction(src)
            act.triggered.connect(lambda checked=False, s=src: self.import_documents([s]))
        menu.setEnabled(bool(recent))

    # -- new versions of the open article -----------------------------------------------

    def update_article_dialog(self) -> None:
        mw = self.mw
        if mw.article is None:
            return
        from reader.ui.dialog_sizes import keep_size
        from reader.ui.dialogs import UpdateSourceDialog

        dialog = UpdateSourceDialog(
            mw.article.meta.url or "",
            str(mw.settings.value("last_dir", str(Path.home()))),
            mw.window(),
        )
        keep_size(dialog, mw.settings, "update")
        if not dialog.exec() or not dialog.chosen():
            return
        self.update_from(updated_from(dialog.chosen()))

    def update_from(self, src: str) -> None:
        """Store the file or page at ``src`` as a new version of the open article."""
        assert self.mw.article is not None
        db, aid = self.mw.db_path, self.mw.article.id

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UpdateReport:
            from reader.app.articles import update_from_source
            from reader.app.progress import EventProgress

            with Library(db) as lib:
                try:
                    return update_from_source(lib, aid, src, EventProgress(cancel, progress))
                except NoArticleError as exc:
                    # Keeping the whole text must make a version of this article.
                    exc.update_of = aid  # type: ignore[attr-defined]
                    exc.origin = src  # type: ignore[attr-defined]
                    raise

        self.mw.runner.run("Updating the article…", work, self._after_update)

    def _after_update(self, report: UpdateReport) -> None:
        mw = self.mw
        if mw.article is None:
            return
        mw.open_article(mw.article.id)
        if not report.changed:
            mw.statusBar().showMessage("The article has not changed.", 4000)
            return
        notes = notes_after_update(report.ok, report.changed_notes, report.orphan)
        told = "\n".join(f"• {line}." for line in notes) or "The article has no notes."
        messages.inform(
            mw.window(), f"Stored as version {report.version}.\n\n{told}", "Article updated"
        )

    def check_for_changes(self) -> None:
        """Fetch every article that came from the web again, in the background."""
        mw = self.mw
        mw.notes_pane.flush_editor()
        db = mw.db_path

        def work(
            cancel: threading.Event, progress: Callable[[int, int], None]
        ) -> list[ArticleCheck]:
            from reader.app.progress import EventProgress
            from reader.app.updates import check_for_changes

            with Library(db) as lib:
                return check_for_changes(lib, progress=EventProgress(cancel, progress))

        mw.runner.run("Checking web articles for changes…", work, self._after_check)

    def _after_check(self, checks: list[ArticleCheck]) -> None:
        mw = self.mw
        mw.library.reload()
        if mw.article is not None and any(
            c.article_id == mw.article.id and c.outcome == "updated" for c in checks
        ):
            mw.open_article(mw.article.id)
        if not checks:
            messages.inform(
                mw.window(), "No article in the library came from a web address.", "Checked"
            )
            return
        updated = [c for c in checks if c.outcome == "updated"]
        failed = [c for c in checks if c.outcome == "failed"]
        unchanged = sum(c.outcome == "unchanged" for c in checks)
        outcomes = [
            f"{n} {what}"
            for n, what in (
                (len(updated), "changed"),
                (unchanged, "unchanged"),
                (len(failed), "could not be checked"),
            )
            if n
        ]
        lines = [f"{counted(len(checks), 'web article')} checked: {', '.join(outcomes)}."]
        for c in updated:
            notes = "; ".join(notes_after_update(c.ok, c.changed, c.orphan)) or "no notes"
            lines.append(f"• {c.title or '(untitled)'}: version {c.version}; {notes}")
        for c in failed[:10]:
            lines.append(f"• {c.title or c.url}: {c.error}")
        messages.inform(mw.window(), "\n".join(lines), "Checked for changes")

    def reclean_article(self) -> None:
        if self.mw.article is None:
            return
        db, aid = self.mw.db_path, self.mw.article.id

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UpdateReport:
            from reader.app.articles import reclean

            with Library(db) as lib:
                return reclean(lib, aid)

        self.mw.runner.run("Cleaning the article again…", work, self._after_update)

    def on_block_drop_requested(self, text: str) -> None:
        """The user says a block is not article text: remember it and clean again."""
        if self.mw.article is None:
            return
        self.push_block_choice(text, "drop")

    def push_block_choice(self, text: str, action: str | None) -> None:
        """An undoable block choice (drop, keep, or forget) on the open article."""
        mw = self.mw
        assert mw.article is not None
        aid = mw.article.id
        before = mw.lib.block_overrides(aid).get(text)
        label_text = {"drop": "Drop paragraph", "keep": "Bring back line"}.get(
            action or "", "Forget paragraph choice"
        )

        def apply(choice: str | None) -> None:
            if mw.article is None or mw.article.id != aid:
                mw.open_article(aid)
            self.set_block_choice(text, choice)

        mw.push(CallbackCommand(label_text, lambda: apply(action), lambda: apply(before)))

    def set_block_choice(self, text: str, action: str | None) -> None:
        """Drop a block, bring a dropped line back, or forget the choice; re-cleans.

        The choice is stored and the article cleaned again off the UI thread (a large
        page takes a moment); the article is shown again when it is done.
        """
        mw = self.mw
        assert mw.article is not None
        aid, db = mw.article.id, mw.db_path
        mw.notes_pane.flush_editor()
        what = {"drop": "Paragraph dropped", "keep": "Line brought back"}.get(
            action or "", "Choice undone"
        )

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> UpdateReport:
            from reader.app.articles import set_block_choice

            with Library(db) as lib:
                return set_block_choice(lib, aid, text, action)

        def done(report: UpdateReport) -> None:
            if mw.article is not None and mw.article.id == aid:
                mw.open_article(aid)
            moved = (
                f"; {counted(report.changed_notes, 'note')} changed, "
                f"{report.orphan} lost their text"
                if report.changed_notes or report.orphan
                else ""
            )
            mw.statusBar().showMessage(f"{what} (stored as version {report.version}){moved}", 5000)

        mw.runner.run("Cleaning the article again…", work, done, cancellable=False)

    # -- a whole library from JSON ------------------------------------------------------

    def import_json(self) -> None:
        # Where the last file was opened from, like File → Open (it was always home).
        settings = self.mw.settings
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.mw.window(),
            "Import JSON",
            str(settings.value("last_dir", str(Path.home()))),
            "JSON (*.json)",
        )
        if path:
            settings.setValue("last_dir", str(Path(path).parent))
            self.import_json_from(Path(path))

    def import_json_from(self, path: Path) -> None:
        """Merge the library exported to ``path`` into this one, off the UI thread."""
        db = self.mw.db_path

        def work(cancel: threading.Event, progress: Callable[[int, int], None]) -> MergeReport:
            from reader.app.library_io import import_library_json

            with Library(db) as lib:
                return import_library_json(lib, path)

        def done(report: MergeReport) -> None:
            self.mw.library.reload()
            self.mw.library.refresh_tags()
            messages.inform(self.mw.window(), report.summary(), "Import finished")

        self.mw.runner.run("Importing…", work, done)


def typed_address(text: str) -> str:
    """What was typed in Open URL, as the source to import: an address as copied
    from a browser's bar without its ``https://`` gets it (it was read as a file
    name, "“1” was not found"); words that are no address are refused with a line
    that says what to type.  An address with a scheme, or a file that exists, is left
    as it is (the import explains what it cannot fetch)."""
    text = text.strip()
    if "://" in text or _SCHEME.match(text) or Path(text).exists():
        return text
    from reader.core.source_url import bare_address_url  # its patterns: not at start-up

    if (bare := bare_address_url(text)) is not None:
        return bare
    raise UserError(
        f"“{text}” is not a web address. Type or paste one that starts with http:// or "
        "https://, such as https://example.org/news/story."
    )


def updated_from(text: str) -> str:
    """What the Update dialog's field names: an address copied from a browser's bar
    without its ``https://`` gets it, as in Open URL (it was read as a file name).  A
    lone name such as ``page.html`` stays a file name: the dialog takes files too, and
    a mistyped one is better told "not found" than fetched from a site of that name."""
    from reader.core.source_url import bare_address_url  # its patterns: not at start-up

    text = text.strip()
    if "://" in text or Path(text).exists():
        return text
    bare = bare_address_url(text)
    if bare is not None and ("/" in text or text.startswith("www.")):
        return bare
    return text


# "javascript:…", "mailto:…": an address the import names and refuses.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:(?!\d)")


def sources_from_mime(mime: QMimeData) -> list[str]:
    """Files and web links dropped on the window, as paths and URLs."""
    out: list[str] = []
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                out.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                out.append(url.toString())
    elif mime.hasText():
        text = mime.text().strip()
        if text.lower().startswith(("http://", "https://")) and "\n" not in text:
            out.append(text)
    return out
