"""W3C Web Annotation export: every note as an ``Annotation`` other tools can load.

Our anchors already are Web Annotation selectors (docs/ARCHITECTURE.md, "Anchoring"), so a
note maps onto the model without loss of position.  Every annotation stands alone: it
carries its own ``@context``, so a tool that splits a collection (or reads the JSON Lines
export, one annotation per line) gets valid annotations.  Each passes every MUST
assertion of the Web Annotation Working Group's test suite and every SHOULD assertion
that applies to what we export (``tests/export/test_annotations.py`` runs the suite).

Target.  ``source`` is the article URL, or ``urn:uuid:<article id>`` only for text that
came without one.  The selectors apply to the article's *clean text* as stored, not to
the page at ``source``; the target says so with a ``state``: the ``ni:`` URI (RFC 6920)
of the SHA-256 of that clean text, which names the exact version the offsets count in.
``format`` (``text/plain``) and ``language`` describe that same clean text.  The
selectors are alternatives: a ``TextQuoteSelector`` (``exact``, and ``prefix`` and
``suffix`` always, empty at the ends of the text) which any tool can look for in any
rendering of the page, and a ``TextPositionSelector`` (``start``, ``end``, in code points
as the spec counts them) valid in the named version.  An orphaned note keeps only the
quote selector and no state, since its old offsets no longer point at its text.

Bodies, each with its W3C ``purpose``:

* ``assessing`` — ``"<verdict label>: <one-line conclusion>"`` (``text/plain``);
* ``describing`` — for a note whose sentence changed since it was checked: the verdict
  was rated on the earlier wording, those words, the words now there, the word diff;
* ``commenting`` — the Markdown note (``text/markdown``);
* ``tagging`` — one per tag;
* ``linking`` — one ``SpecificResource`` per source URL.

The annotation's ``motivation`` is ``assessing`` with a verdict, ``commenting`` with
any other body, and ``highlighting`` for a bare note (which then has no ``body``).

Agents.  ``creator`` is a ``Person`` named by the author name the app asks for
ClaimReview, when one is set; ``generator`` is this app as ``Software`` with ``id``,
``name``, ``nickname`` and ``homepage``.

MAY choices, and the SHOULD assertions that do not apply:

* ``created`` and ``modified`` are the note's own times; ``generated`` (the export time)
  is left out, so that exporting twice gives the same annotations.
* No ``audience``, ``rights``, ``canonical``, ``via``, ``stylesheet`` or ``styleClass``:
  the app keeps nothing they could say.
* Bodies carry no ``language``, ``creator`` or ``created`` of their own: they are
  embedded in the annotation, whose creator and times are theirs, and the app does not
  know which language a note is written in.
* The target carries no ``creator`` or ``created``: the article's author and date are
  known only as free text (byline, published), not as an agent and a date-time.
* The creator has no ``id``, ``nickname`` or ``email``: the app knows only a name.
* ``language`` is left out when the article's language is unknown (never guessed).

Annotations come in reading order, orphans last (oldest first).  The whole export of one
article is an ``AnnotationCollection`` whose single page embeds the (standalone)
annotations; :func:`iter_annotation_lines` gives the JSON Lines form.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from reader.core.models import Article, Note, text_sha256
from reader.core.verdicts import BY_KEY
from reader.core.worddiff import changed_summary, note_wording
from reader.export.markdown import reading_order

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CLEAN_TEXT_FORMAT = "text/plain"
GENERATOR_NAME = "Fact-Check Reader"
GENERATOR_NICKNAME = "fact-check-reader"


@functools.cache
def _installed_metadata() -> tuple[str, str | None]:
    """The installed distribution's version and its declared homepage (``None`` when
    ``pyproject.toml`` declares none, or when running from a tree not installed)."""
    from importlib import metadata

    try:
        dist = metadata.metadata(GENERATOR_NICKNAME)
    except metadata.PackageNotFoundError:
        return "0", None
    homepage = None
    for entry in dist.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source") and url.strip():
            homepage = url.strip()
            break
    return dist["Version"] or "0", homepage


def generator_id() -> str:
    """The generator's IRI: a URN naming this app and its version (the app has no
    public site to name instead; a made-up web address would point at somebody's)."""
    return f"urn:{GENERATOR_NICKNAME}:{_installed_metadata()[0]}"


def article_source(article: Article) -> str:
    """The IRI annotations target: the article URL, else its UUID as a URN."""
    return article.meta.url or f"urn:uuid:{article.id}"


def clean_text_state(text: str) -> str:
    """The ``ni:`` URI (RFC 6920) naming a clean text by its SHA-256."""
    digest = bytes.fromhex(text_sha256(text))
    return "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def generator() -> dict[str, Any]:
    """This app as a W3C ``Software`` agent."""
    agent: dict[str, Any] = {
        "id": generator_id(),
        "type": "Software",
        "name": GENERATOR_NAME,
        "nickname": GENERATOR_NICKNAME,
    }
    homepage = _installed_metadata()[1]
    if homepage:  # only a site the project declares (pyproject.toml [project.urls])
        agent["homepage"] = homepage
    return agent


def _selectors(note: Note) -> list[dict[str, Any]]:
    selector = note.selector
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": selector.exact,
            "prefix": selector.prefix,
            "suffix": selector.suffix,
        }
    ]
    if note.anchor_state != "orphan":
        selectors.append(
            {"type": "TextPositionSelector", "start": selector.start, "end": selector.end}
        )
    return selectors


def _bodies(note: Note) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
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
    changed = changed_summary(note_wording(note))
    if changed:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "value": changed,
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


def _target(note: Note, article: Article, state: str | None) -> dict[str, Any]:
    target: dict[str, Any] = {"source": article_source(article), "format": CLEAN_TEXT_FORMAT}
    if article.meta.language:
        target["language"] = article.meta.language
    if note.anchor_state != "orphan":
        target["state"] = state if state is not None else clean_text_state(article.text)
    target["selector"] = _selectors(note)
    return target


def web_annotation(
    note: Note, article: Article, *, author: str | None = None, state: str | None = None
) -> dict[str, Any]:
    """One note as a standalone W3C ``Annotation``, with its own ``@context``.

    ``author`` names the ``creator`` (a ``Person``); ``state`` is
    :func:`clean_text_state` of the article's text, for callers that export many notes
    of one article and hash the text once.
    """
    bodies = _bodies(note)
    if note.verdict:
        motivation = "assessing"
    elif bodies:
        motivation = "commenting"
    else:
        motivation = "highlighting"
    annotation: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "motivation": motivation,
    }
    if note.created:
        annotation["created"] = note.created
    if note.updated:
        annotation["modified"] = note.updated
    if author and author.strip():
        annotation["creator"] = {"type": "Person", "name": author.strip()}
    annotation["generator"] = generator()
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = _target(note, article, state)
    return annotation


def web_annotations(
    article: Article, notes: Iterable[Note], *, author: str | None = None
) -> Iterator[dict[str, Any]]:
    """The live notes of an article as standalone annotations, in reading order (orphans
    last)."""
    state = clean_text_state(article.text)
    live = [n for n in notes if not n.deleted_at]
    # An orphan's offsets mean nothing in the current text, so orphans come last, oldest
    # first: the order then survives an export and import into another library.
    placed = reading_order(n for n in live if n.anchor_state != "orphan")
    orphans = sorted(
        (n for n in live if n.anchor_state == "orphan"), key=lambda n: (n.created, n.id)
    )
    for note in [*placed, *orphans]:
        yield web_annotation(note, article, author=author, state=state)


def export_web_annotations(
    article: Article, notes: Iterable[Note], *, author: str | None = None
) -> dict[str, Any]:
    """All live notes of an article as a W3C ``AnnotationCollection``, in reading order."""
    items = list(web_annotations(article, notes, author=author))
    collection: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{article.id}#annotations",
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if article.meta.title:
        collection["label"] = article.meta.title
    return collection


def export_web_annotations_json(
    article: Article, notes: Iterable[Note], *, author: str | None = None
) -> str:
    """:func:`export_web_annotations` as indented JSON text."""
    collection = export_web_annotations(article, notes, author=author)
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def iter_annotation_lines(
    articles: Iterable[tuple[Article, Iterable[Note]]], *, author: str | None = None
) -> Iterator[str]:
    """JSON Lines: one standalone annotation per line (with its newline), article by
    article, so a large library streams without being held in memory."""
    for article, notes in articles:
        for annotation in web_annotations(article, notes, author=author):
            yield json.dumps(annotation, ensure_ascii=False) + "\n"
