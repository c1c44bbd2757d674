"""Whether a file is one of our JSON exports, told from its first and last bytes.

``export --format json|claimreview|annotations|annotations-jsonl --out FILE`` replaces
FILE only when we wrote it (or with ``--force``): a file the user wrote, or a Markdown
export with their own text around our block, is never overwritten by a JSON dump.  Each of our JSON
formats opens (or, for the library dump, whose keys are sorted, closes) with a shape no
other program writes by chance; a few kilobytes from each end are enough to tell, so a
large dump is not read whole.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 4096
PDF_SNIFF_BYTES = 16384
"""How much of a PDF is read to find its creator: the document information comes first,
after the title, which may be long."""

_CLAIMREVIEW_HEAD = re.compile(
    rb'\s*\[\s*(?:\[\s*)*(?:\]|\{\s*"@context": "https://schema\.org",\s*"@type": "ClaimReview")'
)
_ANNOTATIONS_HEAD = re.compile(
    rb'\s*(?:\[\s*)?\{\s*"@context": "http://www\.w3\.org/ns/anno\.jsonld",\s*'
    rb'"id": "urn:uuid:[^"]*#annotations",\s*"type": "AnnotationCollection"'
)
# JSON Lines: each line one annotation, our generator named early in the first.
_ANNOTATION_LINES_HEAD = re.compile(
    rb'\s*\{"@context": "http://www\.w3\.org/ns/anno\.jsonld", "id": "[^"]*", '
    rb'"type": "Annotation", [^\n]*?"generator": \{"id": "urn:fact-check-reader:'
)
_LIBRARY_TAIL = re.compile(rb'"format": "fact-check-reader",\s*"version": \d+\s*\}\s*$')


def is_our_json_export(head: bytes, tail: bytes) -> bool:
    """Whether a file opening with ``head`` and ending with ``tail`` is our JSON export.

    ``head`` and ``tail`` are up to :data:`SNIFF_BYTES` from each end (the same bytes
    for a small file).  An empty file counts as ours: replacing it loses nothing.
    """
    if not head.strip():
        return True
    if any(p.match(head) for p in (_CLAIMREVIEW_HEAD, _ANNOTATIONS_HEAD, _ANNOTATION_LINES_HEAD)):
        return True
    return head.lstrip().startswith(b"{") and _LIBRARY_TAIL.search(tail) is not None


_PDF_CREATORS = (
    b"/Creator (Fact-Check Reader)",
    b"/Creator (\xfe\xff" + "Fact-Check Reader".encode("utf-16-be") + b")",  # as Qt writes it
    b'xmp:CreatorTool="Fact-Check Reader"',
)


def is_our_pdf(head: bytes) -> bool:
    """Whether a file opening with ``head`` (up to :data:`PDF_SNIFF_BYTES`) is a PDF
    this app wrote: its document information names us as its creator.  An empty file
    counts as ours."""
    if not head.strip():
        return True
    return head.startswith(b"%PDF-") and any(mark in head for mark in _PDF_CREATORS)
