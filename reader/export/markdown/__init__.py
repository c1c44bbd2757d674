"""Markdown export: the file a fact-checker pastes straight into a write-up.

One file per article::

    ---                                   YAML front matter, every value quoted
    id: "…"
    …
    ---
    # Title

    <!-- fact-check-reader:begin <article id> -->
    ## 1. False: "First words of the quote…"
    …one section per note, in reading order…
    <!-- fact-check-reader:end <article id> -->

Re-exporting to the same file replaces only what lies between the two markers and the
keys we own in the front matter; everything the user wrote around the block is kept
(:func:`merge_into_existing`).  A file without our markers for this article is never
overwritten (:func:`is_ours`, :func:`write_export_file`).

Two kinds of text go into the file, and they are treated differently:

* **Plain text** — the article title, the quoted sentence, the conclusion, source
  titles, publishers, dates, tags.  It is shown *as text*: every character that
  Markdown could read as syntax is escaped (``\\*``, ``\\[``, ``&lt;`` …), line starts
  that could open a block (``#``, ``>``, ``-``, ``1.``, ``===``, ``|---|``, ``~~~``) are
  defused, newlines are folded where a field is one line, and control characters are
  dropped.  Escapes use only what both CommonMark (Obsidian, GitHub) and
  Python-Markdown understand: backslashes for the characters Python-Markdown can
  escape, HTML character references for the rest.
* **The note body** — the user's own Markdown, kept as written except for what could
  break the file's structure (:func:`sanitize_body`):

  - headings are demoted two levels (``#`` → ``###``, ``##`` → ``####``, capped at
    ``######``) so no body can fake a note heading (``##``) or the title (``#``);
    setext headings (a line of ``===``/``---`` under text) become demoted ATX headings;
    a ``#`` glued to a word at a line start (``#tag``) is escaped, because
    Python-Markdown would read it as a heading while CommonMark reads a tag;
  - raw HTML is shown as text (``<`` before a tag, comment or declaration becomes
    ``&lt;``; autolinks such as ``<https://…>`` are kept) and ``-->`` becomes
    ``--&gt;``, so a body can neither close a marker nor swallow the rest of the file
    in an unclosed ``<pre>`` or comment;
  - fenced code blocks are kept verbatim; a fence left open is closed at the end of
    the body, and a fence line only one of the two Markdown dialects would accept is
    made acceptable to both (or escaped) so they agree on where code starts and ends;
  - a line inside code that would read as one of our markers is defused too, because
    the re-export merge finds the block line by line.

Two blank lines more than the first design sketch had: one between ``Sources:`` and its
list (Python-Markdown does not start a list right under a paragraph line) and one before
the end marker (so the marker never joins the status paragraph).

Sources are numbered links whose destinations are percent-encoded only where Markdown
would otherwise misread them (spaces, parentheses, angle brackets, backslashes,
backticks, quotes, ``&`` before an entity name); archive links are autolinks.

The parts: :mod:`~reader.export.markdown.escaping` (plain text, links and YAML strings
made safe), :mod:`~reader.export.markdown.body` (the note body),
:mod:`~reader.export.markdown.notes` (one note's section),
:mod:`~reader.export.markdown.document` (front matter and the whole file, and the clean
copy for the clipboard), :mod:`~reader.export.markdown.annotated` (the article with
footnotes), :mod:`~reader.export.markdown.markers` (the managed block's markers and
hash) and :mod:`~reader.export.markdown.merge` (re-export into an existing file).  This
module gathers their public names, which is what the rest of the code imports.
"""

from __future__ import annotations

from reader.export.markdown.annotated import export_annotated
from reader.export.markdown.body import sanitize_body
from reader.export.markdown.document import (
    FRONT_MATTER_KEYS,
    export_markdown,
    front_matter,
    front_matter_values,
    managed_block,
    notes_markdown,
    now_iso,
    title_text,
    without_note_ids,
)
from reader.export.markdown.escaping import (
    escape_block,
    escape_line,
    escape_text,
    link_destination,
    yaml_string,
)
from reader.export.markdown.markers import (
    MARKER_NAME,
    EditedBlockError,
    ForeignFileError,
    block_digest,
    block_was_edited,
    is_ours,
    marker_begin,
    marker_end,
)
from reader.export.markdown.merge import merge_into_existing, write_export_file
from reader.export.markdown.notes import (
    HEADING_CHARS,
    HEADING_WORDS,
    NO_VERDICT,
    diff_markdown,
    exportable_sources,
    factcheck_line,
    first_words,
    note_heading,
    note_markdown,
    other_article_line,
    quote_lines,
    reading_order,
    same_claim_parts,
    select_notes,
    source_line,
    status_line,
    status_text,
    tag_text,
    wording_parts,
)

__all__ = [
    "FRONT_MATTER_KEYS",
    "HEADING_CHARS",
    "HEADING_WORDS",
    "MARKER_NAME",
    "NO_VERDICT",
    "EditedBlockError",
    "ForeignFileError",
    "block_digest",
    "block_was_edited",
    "diff_markdown",
    "escape_block",
    "escape_line",
    "escape_text",
    "export_annotated",
    "export_markdown",
    "exportable_sources",
    "factcheck_line",
    "first_words",
    "front_matter",
    "front_matter_values",
    "is_ours",
    "link_destination",
    "managed_block",
    "marker_begin",
    "marker_end",
    "merge_into_existing",
    "note_heading",
    "note_markdown",
    "notes_markdown",
    "now_iso",
    "other_article_line",
    "quote_lines",
    "reading_order",
    "same_claim_parts",
    "sanitize_body",
    "select_notes",
    "source_line",
    "status_line",
    "status_text",
    "tag_text",
    "title_text",
    "wording_parts",
    "without_note_ids",
    "write_export_file",
    "yaml_string",
]
