"""Whether a file is one of our JSON exports, told from its first and last bytes.

``export --format json|claimreview|annotations --out FILE`` replaces FILE only when we
wrote it (or with ``--force``): a file the user wrote, or a Markdown export with their
own text around our block, is never overwritten by a JSON dump.  Each of our JSON
formats opens (or, for the library dump, whose keys are sorted, closes) with a shape no
other program writes by chance; a few kilobytes from each end are enough to tell, so a
large dump is not read whole.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 4096

_CLAIMREVIEW_HEAD = re.compile(
    rb'\s*\[\s*(?:\[\s*)*(?:\]|\{\s*"@context": "https://schema\.org",\s*"@type": "ClaimReview")'
)
_ANNOTATIONS_HEAD = re.compile(
    rb'\s*(?:\[\s*)?\{\s*"@context": "http://www\.w3\.org/ns/anno\.jsonld",\s*'
    rb'"id": "urn:uuid:[^"]*#annotations",\s*"type": "AnnotationCollection"'
)
_LIBRARY_TAIL = re.compile(rb'"format": "fact-check-reader",\s*"version": \d+\s*\}\s*$')


def is_our_json_export(head: bytes, tail: bytes) -> bool:
    """Whether a file opening with ``head`` and ending with ``tail`` is our JSON export.

    ``head`` and ``tail`` are up to :data:`SNIFF_BYTES` from each end (the same bytes
    for a small file).  An empty file counts as ours: replacing it loses nothing.
    """
    if not head.strip():
        return True
    if _CLAIMREVIEW_HEAD.match(head) or _ANNOTATIONS_HEAD.match(head):
        return True
    return head.lstrip().startswith(b"{") and _LIBRARY_TAIL.search(tail) is not None
