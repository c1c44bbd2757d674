"""A printable report (PDF): the article's title, its notes and their sources.

Rendered with ``QTextDocument`` and ``QPdfWriter``, so it lives with the rest of Qt; the
command line starts Qt offscreen to use it.  Images and remote resources in notes are
never loaded (the document has no resource loader for them).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QObject
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from reader.core.errors import UserError
from reader.core.markup import markdown_to_safe_html
from reader.core.models import Article, Note
from reader.core.text_fragment import link_to_sentence
from reader.core.verdicts import STATUS_LABELS, label
from reader.core.worddiff import note_wording, render_html
from reader.ui.wording import shown_date

if TYPE_CHECKING:
    from reader.app.exports import FolderReport
    from reader.app.progress import Progress
    from reader.store import Library


def report_html(article: Article, notes: list[Note]) -> str:
    """The report as HTML: header, then each note in reading order."""
    e = html.escape
    meta = " · ".join(
        e(x)
        for x in (
            article.meta.site_name or "",
            article.meta.byline or "",
            shown_date(article.meta.published),
        )
        if x
    )
    parts = [f"<h1>{e(article.title or 'Untitled')}</h1>"]
    if meta:
        parts.append(f"<p><i>{meta}</i></p>")
    if article.meta.url:
        parts.append(f"<p>{e(article.meta.url)}</p>")
    parts.append(f"<p>{len(notes)} fact-check note(s).</p><hr>")
    for i, n in enumerate(notes, 1):
        state = {
            "changed": " (changed since checked: rated on the earlier wording)",
            "orphan": " (text no longer found)",
        }.get(n.anchor_state, "")
        parts.append(f"<h2>{i}. {e(label(n.verdict))}{state}</h2>")
        wording = note_wording(n)
        if wording.diff is not None:
            parts.append("<p><i>Checked wording:</i></p>")
            parts.append(f"<blockquote>“{e(wording.checked)}”</blockquote>")
            parts.append("<p><i>Current wording:</i></p>")
            parts.append(f"<blockquote>“{e(n.exact)}”</blockquote>")
            parts.append(f"<p><i>Changes:</i> {render_html(wording.diff)}</p>")
        else:
            quoted = wording.checked if wording.current is None else n.exact
            parts.append(f"<blockquote>“{e(quoted)}”</blockquote>")
        original = link_to_sentence(article.meta.url, n.exact)  # http(s) only
        if original:
            parts.append(f'<p><a href="{e(original)}">On the original page</a></p>')
        if n.conclusion:
            parts.append(f"<p><b>Conclusion:</b> {e(n.conclusion)}</p>")
        if n.body:
            parts.append(markdown_to_safe_html(n.body))
        if n.sources:
            items = []
            for s in n.sources:
                bits = [e(s.title or s.url), e(s.url)]
                if s.publisher:
                    bits.append(e(s.publisher))
                if s.date:
                    bits.append(e(s.date))
                if s.archive_url:
                    bits.append("archived: " + e(s.archive_url))
                bits.append(f"<i>{e(s.stance)}</i>")
                items.append("<li>" + " — ".join(bits) + "</li>")
            parts.append("<p><b>Sources</b></p><ol>" + "".join(items) + "</ol>")
        tags = " ".join("#" + e(t) for t in n.tags)
        parts.append(
            f"<p><small>Status: {e(STATUS_LABELS[n.status])}"
            f"{' · Tags: ' + tags if tags else ''}</small></p>"
        )
    return "".join(parts)


class _Document(QTextDocument):
    def loadResource(self, type: int, name: Any) -> Any:
        return None


def render_pdf(article: Article, notes: list[Note]) -> bytes:
    """The report of ``article`` as the bytes of an A4 PDF.

    Safe off the GUI thread (the window renders on a worker): a ``QTextDocument`` and
    a ``QPainter`` on a ``QPdfWriter`` are reentrant.  The Qt objects have no parent and
    no event loop to wait for (``deleteLater`` would never run on a worker): each is
    ended here, in order, whatever happens: the writer before the buffer it writes
    into, and the document with them.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer: QPdfWriter | None = None
    doc: _Document | None = None
    try:
        writer = QPdfWriter(buffer)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        writer.setTitle(article.title)
        writer.setCreator("Fact-Check Reader")
        doc = _Document()
        doc.setHtml(report_html(article, notes))
        doc.print_(writer)  # its painter ends the PDF into the buffer
        return bytes(buffer.data().data())
    finally:
        if doc is not None:
            _delete_now(doc)
        if writer is not None:
            _delete_now(writer)  # before the buffer: it writes into it to the end
        buffer.close()
        _delete_now(buffer)


def _delete_now(obj: QObject) -> None:
    """Destroy ``obj``'s C++ object now (it has no parent, so nothing else will)."""
    import shiboken6

    if shiboken6.isValid(obj):
        shiboken6.delete(obj)


def write_pdf(article: Article, notes: list[Note], path: Path, *, force: bool = False) -> None:
    """Write the report of ``article`` to ``path`` as an A4 PDF.

    Like the other exports (:func:`reader.app.exports.write_pdf_file`): a file that is
    not a PDF this app wrote is left alone with a
    :class:`~reader.export.markdown.ForeignFileError` unless ``force``; the PDF is
    rendered into memory, checked, and written in one step, so a kill, a full disk or a
    file in use never leaves a half-written PDF in place of the earlier one; a folder,
    a missing or read-only folder is a :class:`UserError`, and nothing is ever reported
    as exported that was not written.
    """
    from reader.app.exports import check_pdf_target, write_pdf_file

    path = Path(path)
    if path.is_dir():
        raise UserError(f"Cannot write {path}: it is a folder. Choose a file name.")
    if not path.parent.is_dir():
        raise UserError(
            f"Cannot write {path}: the folder {path.parent} does not exist. Choose another place."
        )
    check_pdf_target(path, force=force)  # before the rendering, which takes a while
    data = render_pdf(article, notes)
    if not data.startswith(b"%PDF-"):
        raise UserError(f"Could not write {path}: the report came out empty. Choose another place.")
    write_pdf_file(path, data, force=force)


def export_pdf_files(
    lib: Library,
    article_ids: list[str],
    out: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> FolderReport:
    """Command-line PDF export: one file, or one per article into a folder.

    Into a folder, as the Markdown folder export: a file of that name that this app
    did not write is left alone and listed as skipped (unless ``force``); one file is
    refused with a :class:`UserError` instead.  ``progress`` hears of each article.
    """
    from reader.app.exports import FolderReport
    from reader.export.filenames import safe_filename
    from reader.export.markdown import ForeignFileError

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    # A full QApplication (not QGuiApplication), so a later window in the same process
    # still works.  One made here goes when this returns, after every Qt object that
    # render_pdf made (it ends each one itself).
    _app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive here)
    target = Path(out)
    report = FolderReport()
    if len(article_ids) == 1 and not target.is_dir():
        aid = article_ids[0]
        write_pdf(lib.get_article(aid), lib.notes_for_article(aid), target, force=force)
        report.written.append(target)
        return report
    for done, aid in enumerate(article_ids):
        if progress is not None:
            if progress.cancelled():
                break
            progress.report(done, len(article_ids), "exporting")
        art = lib.get_article(aid)
        dest = target / safe_filename(art.title, aid, ".pdf")
        try:
            write_pdf(art, lib.notes_for_article(aid), dest, force=force)
        except ForeignFileError:
            report.skipped.append(
                (dest, "not written by Fact-Check Reader (add --force to replace it)")
            )
            continue
        report.written.append(dest)
    if progress is not None:
        progress.report(len(article_ids), len(article_ids), "exporting")
    return report
