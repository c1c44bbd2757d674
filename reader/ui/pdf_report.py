"""A printable report (PDF): the article's title, its notes and their sources.

Rendered with ``QTextDocument`` and ``QPdfWriter``, so it lives with the rest of Qt; the
command line starts Qt offscreen to use it.  Images and remote resources in notes are
never loaded (the document has no resource loader for them).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from reader.core.errors import UserError
from reader.core.markup import markdown_to_safe_html
from reader.core.models import Article, Note
from reader.core.text_fragment import link_to_sentence
from reader.core.verdicts import STATUS_LABELS, label
from reader.core.worddiff import note_wording, render_html


def report_html(article: Article, notes: list[Note]) -> str:
    """The report as HTML: header, then each note in reading order."""
    e = html.escape
    meta = " · ".join(
        e(x)
        for x in (
            article.meta.site_name or "",
            article.meta.byline or "",
            (article.meta.published or "")[:10],
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


def write_pdf(article: Article, notes: list[Note], path: Path) -> None:
    """Write the report of ``article`` to ``path`` as an A4 PDF.

    Qt's PDF writer only warns when it cannot write, so the report goes to a temporary
    file beside ``path`` that is checked (there, not empty, a PDF) and then renamed: a
    folder, a read-only file or folder, or a full disk is a :class:`UserError`, and
    nothing is ever reported as exported that was not written.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"Cannot write {path}: it is a folder. Choose a file name.")
    if not path.parent.is_dir():
        raise UserError(
            f"Cannot write {path}: the folder {path.parent} does not exist. Choose another place."
        )
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    writer = QPdfWriter(str(temp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setTitle(article.title)
    writer.setCreator("Fact-Check Reader")
    doc = _Document()
    doc.setHtml(report_html(article, notes))
    try:
        doc.print_(writer)
        del writer  # closes the file
        try:
            with temp.open("rb") as handle:
                written = handle.read(5) == b"%PDF-"
        except OSError:
            written = False
        if not written:
            raise UserError(
                f"Could not write {path}: the folder is not writable or the disk is full. "
                "Choose another place."
            )
        try:
            os.replace(temp, path)
        except OSError as exc:
            raise UserError(f"Cannot write {path}: {exc.strerror}. Choose another place.") from exc
    finally:
        temp.unlink(missing_ok=True)


def export_pdf_files(lib: Any, article_ids: list[str], out: str | None) -> None:
    """Command-line PDF export: one file, or one per article into a folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.export.filenames import safe_filename

    # A full QApplication (not QGuiApplication), so a later window in the same process
    # still works.
    _app = QApplication.instance() or QApplication([])
    if out is None:
        raise UserError("PDF export needs --out PATH (a file, or a folder with --all).")
    target = Path(out)
    if len(article_ids) > 1 or target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        for aid in article_ids:
            art = lib.get_article(aid)
            dest = target / safe_filename(art.title, aid, ".pdf")
            write_pdf(art, lib.notes_for_article(aid), dest)
            print(dest)
        return
    art = lib.get_article(article_ids[0])
    write_pdf(art, lib.notes_for_article(article_ids[0]), target)
    print(target)
    del _app
