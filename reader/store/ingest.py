"""Raw input → clean article → library: the one path every import takes.

Every import, update and re-clean comes through here (the use cases in
:mod:`reader.app.articles` call it), so an article imported in the window and one
imported from the command line are cleaned and stored the same way.
The user's own block choices (a block dropped, a dropped line brought back) are
applied on every clean, so they survive re-cleaning.
"""

from __future__ import annotations

from reader.core.models import CleanArticle, RawInput, build_article
from reader.store.library import Library, UpdateReport


def clean_document(doc: RawInput, overrides: dict[str, str] | None = None) -> CleanArticle:
    """Clean ``doc`` with the current cleaners and apply the user's block choices."""
    from reader.core.pipeline import clean_input

    clean = clean_input(doc.data, doc.media_type, url=doc.url, name=doc.name)
    if doc.url and not clean.meta.url:
        clean.meta.url = doc.url
    if clean.meta.url:
        # A page may name its own address with a user:password@ in it; never keep one.
        from reader.core.links import strip_credentials

        clean.meta.url = strip_credentials(clean.meta.url)[0]
    overrides = overrides or {}
    source_text = None
    if "keep" in overrides.values():
        from reader.core.decode import decode_bytes
        from reader.core.normalize import normalize_text

        source_text = normalize_text(decode_bytes(doc.data, doc.media_type))
    return apply_overrides(clean, overrides, source_text)


def apply_overrides(
    clean: CleanArticle, overrides: dict[str, str], source_text: str | None = None
) -> CleanArticle:
    """Drop the blocks the user dropped; bring back the dropped lines the user kept.

    A line brought back returns to where it stood in ``source_text`` (the normalised
    input), between the blocks around it; without the source, or when a block cannot be
    found in it (HTML), it goes after the blocks that precede it in the article.
    """
    if not overrides:
        return clean
    parts: list[tuple[str, str]] = []
    for block in clean.blocks:
        text = clean.text[block.start : block.end]
        if overrides.get(text) == "drop" and block.kind != "title":
            continue
        parts.append((block.kind, text))
    kept_back = [line for line in clean.dropped if overrides.get(line) == "keep"]
    if kept_back:
        parts = _in_source_order(parts, kept_back, source_text)
    dropped = [line for line in clean.dropped if overrides.get(line) != "keep"]
    dropped += [
        clean.text[b.start : b.end]
        for b in clean.blocks
        if overrides.get(clean.text[b.start : b.end]) == "drop" and b.kind != "title"
    ]
    return build_article(parts, clean.meta, dropped)


def _in_source_order(
    parts: list[tuple[str, str]], kept_back: list[str], source_text: str | None
) -> list[tuple[str, str]]:
    """Insert the lines brought back among ``parts`` by their place in the source."""
    if source_text is None:
        return parts + [("paragraph", line) for line in kept_back]
    head, body = (parts[:1], parts[1:]) if parts and parts[0][0] == "title" else ([], parts)
    keyed: list[tuple[float, int, tuple[str, str]]] = []
    last = -1.0
    for order, part in enumerate(body):
        found = source_text.find(part[1])
        last = float(found) if found >= 0 else last + 0.001
        keyed.append((last, order, part))
    for order, line in enumerate(kept_back, start=len(body)):
        found = source_text.find(line)
        keyed.append((float(found) if found >= 0 else float("inf"), order, ("paragraph", line)))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return head + [part for _pos, _order, part in keyed]


def import_document(lib: Library, doc: RawInput) -> str:
    """Clean and store ``doc`` as a new article; returns its id."""
    return store_clean(lib, doc, clean_document(doc))


def store_clean(lib: Library, doc: RawInput, clean: CleanArticle) -> str:
    """Store ``clean`` (cleaned from ``doc``) as a new article; returns its id."""
    article = lib.add_article(
        clean,
        raw=doc.data,
        raw_type=doc.media_type or "text/plain",
        origin=doc.origin or doc.url or doc.name or "",
    )
    return article.id


def update_document(lib: Library, article_id: str, doc: RawInput) -> UpdateReport:
    """Store ``doc`` as a new version of an article and re-anchor its notes."""
    return store_version(lib, article_id, doc, clean_document(doc, lib.block_overrides(article_id)))


def store_version(
    lib: Library, article_id: str, doc: RawInput, clean: CleanArticle
) -> UpdateReport:
    """Store ``clean`` (cleaned from ``doc`` with the article's block choices) as a new
    version of an article and re-anchor its notes."""
    return lib.add_version(
        article_id,
        clean,
        raw=doc.data,
        raw_type=doc.media_type or "text/plain",
        origin=doc.origin or doc.url or doc.name or "",
    )


def reclean(lib: Library, article_id: str) -> UpdateReport:
    """Run the current cleaner again on the stored raw input of an article."""
    article = lib.get_article(article_id)
    data, media_type = lib.raw_input(article_id)
    doc = RawInput(data, media_type, article.origin, None, article.meta.url)
    return update_document(lib, article_id, doc)


def import_whole_text(lib: Library, text: str, origin: str = "") -> str:
    """Keep a text in which no article was recognised, every line as a paragraph.

    The first non-empty line is the title.  Used when the user chooses to keep the
    whole text after the cleaner found no article.
    """
    clean = whole_text_article(text)
    return lib.add_article(clean, raw=text.encode("utf-8"), origin=origin).id


def update_with_whole_text(
    lib: Library, article_id: str, text: str, origin: str = ""
) -> UpdateReport:
    """Keep a text in which no article was recognised as a new version of an article.

    Used when the user updates an article from a page where the cleaner finds no
    article and chooses to keep the whole text: it belongs to the same article.
    """
    clean = whole_text_article(text)
    return lib.add_version(article_id, clean, raw=text.encode("utf-8"), origin=origin)


def whole_text_article(text: str) -> CleanArticle:
    """A text kept whole: the first non-empty line is the title, every other a paragraph."""
    from reader.core.normalize import normalize_text

    lines = [ln.strip() for ln in normalize_text(text).split("\n") if ln.strip()]
    if not lines:
        from reader.core.errors import InputError

        raise InputError("There is no text to keep.")
    parts = [("title", lines[0])] + [("paragraph", ln) for ln in lines[1:]]
    return build_article(parts)
