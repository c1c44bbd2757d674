"""W3C Web Annotation export: every note as an ``Annotation`` other tools can load.

Our anchors already are Web Annotation selectors (docs/ARCHITECTURE.md, "Anchoring"), so a
note maps onto the model without loss of position: the target carries a
``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector`` (start,
end, in code points as the spec counts them) as alternatives.  An orphaned note keeps
only the quote selector, since its old offsets no longer point at its text.

Bodies, each with its W3C ``purpose``:

* ``assessing`` — the verdict label and the one-line conclusion (``text/plain``);
* ``commenting`` — the Markdown note (``text/markdown``);
* ``tagging`` — one per tag;
* ``linking`` — one ``SpecificResource`` per source URL.

The target source is the article URL, or ``urn:uuid:<article id>`` for text that came
without one.  The whole export is one ``AnnotationCollection`` with a single page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from reader.core.models import Article, JsonObject, Note
from reader.core.verdicts import BY_KEY
from reader.export.markdown import reading_order

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def article_source(article: Article) -> str:
    """The IRI annotations target: the article URL, else its UUID as a URN."""
    return article.meta.url or f"urn:uuid:{article.id}"


def _selectors(note: Note) -> list[JsonObject]:
    selector = note.selector
    quote: JsonObject = {"type": "TextQuoteSelector", "exact": selector.exact}
    if selector.prefix:
        quote["prefix"] = selector.prefix
    if selector.suffix:
        quote["suffix"] = selector.suffix
    selectors = [quote]
    if note.anchor_state != "orphan":
        selectors.append(
            {"type": "TextPositionSelector", "start": selector.start, "end": selector.end}
        )
    return selectors


def _bodies(note: Note) -> list[JsonObject]:
    bodies: list[JsonObject] = []
    assessment = [BY_KEY[note.verdict].label if note.verdict in BY_KEY else (note.verdict or "")]
    if note.conclusion.strip():
        assessment.append(note.conclusion.strip())
    value = ": ".join(part for part in assessment if part)
    if value:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "format": "text/plain",
                "value": value,
            }
        )
    if note.body.strip():
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "format": "text/markdown",
                "value": note.body,
            }
        )
    bodies.extend(
        {"type": "TextualBody", "purpose": "tagging", "value": tag}
        for tag in note.tags
        if tag.strip()
    )
    bodies.extend(
        {"type": "SpecificResource", "purpose": "linking", "source": source.url}
        for source in note.sources
        if source.url.strip()
    )
    return bodies


def web_annotation(note: Note, article: Article) -> JsonObject:
    """One note as a W3C ``Annotation`` (without ``@context``, which the collection holds)."""
    annotation: JsonObject = {
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "motivation": "assessing" if note.verdict else "commenting",
        "body": _bodies(note),
        "target": {"source": article_source(article), "selector": _selectors(note)},
    }
    if note.created:
        annotation["created"] = note.created
    if note.updated:
        annotation["modified"] = note.updated
    return annotation


def export_web_annotations(article: Article, notes: Iterable[Note]) -> JsonObject:
    """All live notes of an article as a W3C ``AnnotationCollection``, in reading order."""
    items = [web_annotation(n, article) for n in reading_order(notes) if not n.deleted_at]
    collection: JsonObject = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{article.id}#annotations",
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if article.meta.title:
        collection["label"] = article.meta.title
    return collection


def export_web_annotations_json(article: Article, notes: Iterable[Note]) -> str:
    """:func:`export_web_annotations` as indented JSON text."""
    return json.dumps(export_web_annotations(article, notes), ensure_ascii=False, indent=2) + "\n"
