# Size: one pipeline over trafilatura's XML body (parse, extract, shape the blocks, put back,
# repair); its steps share that body's conventions and the module-level settings that the
# extraction benchmark switches back to print the cleaner "before" beside it in one run.
"""HTML page → clean article: trafilatura finds the article, we shape and filter it.

trafilatura is the best open extractor we measured on real news pages; it decides
*where* the article is from the page layout (link density, text density, known
boilerplate containers).  We ask it for its internal XML tree rather than its text,
because that tree keeps the structure we need for blocks — ``<head>`` (heading),
``<p>`` (paragraph), ``<list>/<item>`` (list item), ``<quote>`` (quote),
``<table>/<row>`` — and for metadata (title, author, site, date, canonical URL).

Options, chosen by measurement on the extraction benchmark (tests/bench/extraction.py,
88 news pages, body F1 with our filter applied), not by taste:

* ``favor_precision=True``: 0.971 (0.974 since the filter knows sales pitches),
  against 0.965 with the defaults and 0.963 with ``favor_recall``; the stricter pruning drops
  "related stories" and teaser blocks
  while losing almost no article text.  It is also our largest cost over plain
  trafilatura: ~2 ms of CPU a page (about 12 %), spent in its extra pruning XPaths.
* the fallback comparison with readability/justext kept (``fast`` off): ``fast=True``
  is about a third quicker but scored 0.960 with precision on.
* tables kept: dropping them scored 0.963 (some articles put facts in tables).
* ``deduplicate`` off: it also removes legitimately repeated lines and cost recall
  (0.949 against 0.961 for trafilatura alone).
* comments off: reader comments are not the article.

Metadata comes from the building blocks of trafilatura's metadata extractor (meta tags,
JSON-LD, ``<title>``, canonical link, htmldate's quick date search) rather than from
``with_metadata=True``, which also hunts for bylines in the body and collects
categories, tags and licences we do not use, and made each page about 35 % slower.

Layout analysis cannot recognise furniture that looks like prose — a donation appeal
in a plain ``<p>``, a newsletter pitch, a "Read more" line inside the article
container.  Every block trafilatura keeps therefore also passes through
:func:`reader.core.boilerplate.is_boilerplate`, the same wording-based filter the
copied-text cleaner uses; what it removes is kept in ``CleanArticle.dropped`` so the
user can bring it back.

A second opinion comes from the copied-text line model (:mod:`reader.core.line_model`):
the page is laid out as a browser's copy gives it (:mod:`reader.core.html_text`) and
each line scored.  When trafilatura's body holds under :data:`MODEL_SHARE_TRIGGER` of
the words the line model keeps, the lines of running text the model is sure of
(:data:`MODEL_SURE`) that trafilatura missed are put back in page order; when
trafilatura finds no article at all, the line model's article is returned if the page
has running text.  Measured leave-one-dataset-out on the extraction, Readability and
CleanPortalEval pages (``python -m tests.bench.extraction --corpus``), this lifts the
Readability pages by 0.002 and moves the others by at most 0.001; its real use is that a
page with prose never comes back empty.  The result's ``confidence`` is the line
model's.

The line model reads lines, not layout, and a list of teasers beside a short article
reads like prose to it.  When the page marks the container of trafilatura's blocks (an
``<article>``, ``itemprop="articleBody"``, a class or id with "article" in it), a line
is put back only if it lies inside that container (:mod:`reader.core.html_scope`; a
page that marks none is unchanged).  That cut the teaser lists and other stories' text
the put-back used to add (0.956 → 0.957 over the 271 HTML pages, held out: two pages
changed, both better), and let the put-back trust the model more (:data:`MODEL_SURE`
0.95 → 0.85: 0.958 → 0.960).

Elements the page hides (the ``hidden`` attribute, ``display:none``,
``visibility:hidden``) are removed before trafilatura reads the page
(:func:`_drop_hidden_elements`): the browser does not show them and its copy does not
hold them, yet trafilatura read hover cards and hidden duplicates as text.  An earlier
trial of this cut Wikipedia's formulas, whose text is hidden MathML beside an image:
hidden MathML now stays, and so does a hidden element that holds most of the page (an
article a script reveals).  0.957 → 0.958 (three pages changed: a Readability test page
of hidden nodes +0.32, two Wikipedia pages −0.004 and +0.002, whose gold, written by
Readability.js, keeps some hidden inline text).

A gallery of other stories prints a counter before each slide's caption ("1/50 …",
"2/50 …"), and both trafilatura and the line model read the captions as paragraphs.
Three or more blocks in a row numbered k/N, k+1/N… are set aside with the dropped
furniture (:func:`_without_slideshow`): 0.960 → 0.961, one page changed (found on that
Readability page, so the gain is optimistic; the rule names no site).

trafilatura also merges a paragraph into an identical one before it, even with
``deduplicate`` off.  A page that prints a paragraph twice in its article says it twice,
so the paragraph is repeated as often as the page's visible text repeats it with no
other article text between the copies (:func:`_with_repeats`): 0.951 → 0.956 over the
271 HTML pages, held out: four pages changed, all better, all of them Readability's
synthetic test pages that repeat one paragraph.

Blocks are read as the browser shows them (session 11; over the 271 HTML pages, held
out, 0.961 → 0.964: 15 pages better, 3 worse, two of those where Readability's gold
itself runs a table cell's lines together):

* a heading or paragraph nested in a list item or table cell starts a line of its own
  (:func:`_inline_text`): joined, "WebIDE" and "Develop, deploy…" became one word;
* a line break in the page's source is a space, as in the browser; only ``<br>``
  (trafilatura's ``<lb/>``), nested blocks and preformatted code break lines
  (:func:`_clean_block`).  A ``<div>`` of wrapped source text used to come out as a
  dozen short lines that matched neither the copied text nor its repeats;
* a paragraph trafilatura cut words from the middle of (a link in a ``<span
  class="link">``, which its pruning drops) is taken whole from the copied text
  (:func:`_with_whole_lines`);
* blocks trafilatura kept above a heading with the page's title (a teaser of another
  story, a date line) are set aside with the furniture (:func:`_from_headline`), and the
  put-back never restores what the cleaner set aside;
* the fallback text of a plugin's ``<object>`` (Flash: every browser shows the
  fallback now) is read (:func:`_show_plugin_fallbacks`): three pages of one site, a
  video's caption the gold keeps, so that gain is optimistic.

We parse the HTML ourselves (lxml with ``huge_tree``) so that deeply nested pages,
which libxml2 otherwise silently truncates at 256 levels, are read whole, and so that
parser failures become an :class:`InputError` with a message instead of a crash.

Speed, measured against ``trafilatura.extract`` on the same pages (the benchmark prints
the ratio).  Profiling showed where our extra time went, and what we did about it:

* trafilatura copies the tree we hand it, then copies it again for each extractor it
  compares, and runs its pruning XPaths over every copy.  Scripts, styles, inline SVG,
  templates, ``<meta>`` and ``<link>``, which it would delete anyway, are removed first
  (:func:`_drop_inert_elements`, after the metadata is read): ~2 ms a page.
* ``bare_extraction`` renders the body as plain text for its ``"python"`` format,
  which we never read: asking for ``"xml"`` skips that (~0.4 ms).
* the wording filter used to cost ~60 µs a block; now ~20 µs (see
  :mod:`reader.core.boilerplate`).
* what remains is our own parse (~1.5 ms, paid instead of trafilatura's), the metadata
  (~1.1 ms, most of it JSON-LD and htmldate) and the stricter precision mode above.
  On the benchmark's median page we went from ~1.25× trafilatura's time to ~1.10×.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from htmldate import find_date
from trafilatura.settings import Document

from reader.core.boilerplate import is_boilerplate
from reader.core.errors import InputError, NoArticleError
from reader.core.html_scope import PageScope
from reader.core.html_text import copied_text
from reader.core.line_model import LineLabels, LineModel, is_prose_line, label_lines
from reader.core.models import ArticleMeta, CleanArticle, build_article
from reader.core.normalize import normalize_text

logger = logging.getLogger(__name__)

try:  # the building blocks of trafilatura's metadata extraction (see _page_metadata)
    from trafilatura import metadata as _metadata_parts
except ImportError:  # pragma: no cover - depends on the installed trafilatura
    _metadata_parts = None  # type: ignore[assignment]

MODEL_SHARE_TRIGGER = 0.8
"""trafilatura's body is second-guessed when it has less than this share of the words
the line model keeps (chosen on the extraction, Readability and CleanPortalEval pages,
leave-one-dataset-out; see the module docstring)."""
MODEL_SURE = 0.85
"""A line missed by trafilatura is added when the line model gives it this probability.
Was 0.95 before the put-back kept to the article's container; with the container, each
dataset left out picks 0.7, 0.85 or 0.9 on the other two (the median is shipped)."""

DROP_HIDDEN = True
"""Remove the elements a page hides before trafilatura reads it (see _drop_hidden_elements)."""
SCOPE_PUT_BACK = True
"""Put back only lines inside the article container the page marks (html_scope)."""
SCOPE_PROBES = 12
"""At most about this many kept blocks are looked for in the tree to find the container."""

PLUGIN_FALLBACKS = True
"""Read the fallback text of a plugin's ``<object>`` (see _show_plugin_fallbacks)."""
HEADLINE_STARTS = True
"""Blocks above a heading with the page's title are not the article's (_from_headline)."""
SPLIT_NESTED_BLOCKS = True
"""A block nested in a list item or table cell gets its own line (see _inline_text)."""

WHOLE_LINES = True
"""Paragraphs trafilatura cut words from are taken whole from the page (_with_whole_lines)."""
WHOLE_MIN_WORDS = 8
"""Shorter paragraphs are left as trafilatura gives them."""
WHOLE_MAX_EXTRA = 0.5
"""The words put back into a paragraph are at most this share of its own."""
SOURCE_NEWLINES_AS_SPACES = True
"""A line break in the page's source is a space, as the browser shows it (_clean_block)."""

MIN_SLIDES = 3
"""Consecutive blocks numbered k/N, k+1/N… that make a slideshow (_without_slideshow)."""

MIN_REPEAT_CHARS = 50
"""A paragraph this long or longer is repeated when the page repeats it (shorter ones,
such as "Advertisement", repeat as page furniture); trafilatura's own cut-off."""

# Below this many words in the body, what trafilatura found is a fragment (a cookie
# notice, a login form, a "page not found"), not an article.
MIN_ARTICLE_WORDS = 12

LOW_CONFIDENCE = 0.6
"""Below this line-model confidence of the page the HTML cleaner warns that its choice
may be wrong.  (The copied-text cleaner judges its result with a page model of its own,
:mod:`reader.core.cleaning_check`; trafilatura's choice is not what that model learned.)"""
LOW_CONFIDENCE_WARNING = (
    "The cleaner is unsure which lines are the article (confidence {confidence:.2f}): "
    "check the result and the lines it left out."
)

# trafilatura options; see the module docstring for why each is set.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": True,
    "deduplicate": False,
    # Any format but "python": with "python", trafilatura also renders the body as plain
    # text, which we never read (we walk the XML body), at ~0.5 ms a page.
    "output_format": "xml",
}

# lxml refuses str input that carries an XML encoding declaration.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_INERT_TAGS = ("script", "style", "svg", "template", "meta", "link")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MATH_TAGS = ("math", "{http://www.w3.org/1998/Math/MathML}math")
# trafilatura's block elements: nested in another block, each starts a line of its own.
_NESTED_BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "div"})
_BREAK = "\x00"
"""Marks a line break the page shows (``<lb/>``, a nested block) inside a block's text."""
_START_CHARS = 6
"""A paragraph is looked for among the copied lines that start with the same characters."""
_PLUGIN_TYPES = ("flash", "shockwave", "silverlight", "java", "quicktime", "realaudio")
_SLIDE_COUNTER = re.compile(r"(\d{1,3}) ?/ ?(\d{1,3})\b")


def clean_html(html: str, url: str | None = None, model: LineModel | None = None) -> CleanArticle:
    """Extract the article of an HTML page as a :class:`CleanArticle`.

    Block 0 is the title, then the byline when the page names an author, then the body
    blocks (heading, paragraph, list_item, quote), each normalised and filtered by
    :func:`reader.core.boilerplate.is_boilerplate`.  ``url`` is where the page came
    from; the page's canonical URL, when it declares one, takes precedence in the
    metadata.

    Raises :class:`NoArticleError` (carrying the page's whole visible text) when no
    article is found, and :class:`InputError` when the HTML cannot be parsed.
    """
    tree = _parse(html)
    language = _declared_language(tree)
    page = _page_metadata(tree, url)
    _drop_inert_elements(tree)
    if DROP_HIDDEN:
        _drop_hidden_elements(tree)
    if PLUGIN_FALLBACKS:
        _show_plugin_fallbacks(tree)
    try:
        document = trafilatura.bare_extraction(tree, url=url, **EXTRACTION_OPTIONS)
    except RecursionError as err:
        raise InputError(
            "This page is nested too deeply to be read. Open it in your browser, copy "
            "the article text and paste it instead."
        ) from err
    site_name = _clean_line(page.sitename or "") or None
    title = _title_without_site(_clean_line(page.title or ""), site_name)
    byline = _byline(page.author)
    # The page as a browser's copy gives it, for the line model's second opinion.
    copied = normalize_text(copied_text(tree))
    if document is None or isinstance(document, dict) or document.body is None:
        return _text_model_article(html, copied, model, title, site_name, url, language)
    kept, dropped = _filtered_blocks(document.body, title, byline)
    if sum(len(_WORD.findall(text)) for _, text in kept) < MIN_ARTICLE_WORDS:
        return _text_model_article(html, copied, model, title, site_name, url, language)
    labels = label_lines(copied, model)
    if WHOLE_LINES:
        kept = _with_whole_lines(kept, labels.lines.texts)
    kept, confidence = _with_model_lines(kept, labels, tree, dropped)
    # After the put-back: trafilatura's slides count as found (they must not make the
    # article look short), and slides the line model would add go too.
    kept = _without_slideshow(kept, dropped)
    kept = _with_repeats(kept, copied)

    if not title:
        title = _fallback_title(kept)
    parts: list[tuple[str, str]] = [("title", title)]
    if byline:
        parts.append(("byline", byline))
    parts.extend(kept)
    meta = ArticleMeta(
        title=title,
        byline=byline,
        site_name=site_name,
        url=page.url or url,
        published=page.date or None,
        language=language,
    )
    article = build_article(parts, meta, dropped)
    article.confidence = confidence
    if confidence < LOW_CONFIDENCE:
        article.warning = LOW_CONFIDENCE_WARNING.format(confidence=confidence)
    return article


def _text_model_article(
    html: str,
    copied: str,
    model: LineModel | None,
    title: str,
    site_name: str | None,
    url: str | None,
    language: str | None,
) -> CleanArticle:
    """The article as the copied-text cleaner finds it, when trafilatura found none.

    trafilatura gives up on pages whose layout it does not recognise; the page's prose
    is still there, and the line model, which reads lines rather than layout, is asked.
    Raises :class:`NoArticleError` when it finds no running text either.
    """
    from reader.core.clean_text import clean_copied_text

    if not any(is_prose_line(line) for line in copied.split("\n")):
        raise _no_article(html)
    try:
        article = clean_copied_text(copied, model)
    except NoArticleError:
        raise _no_article(html) from None
    article.meta.site_name = article.meta.site_name or site_name
    article.meta.url = article.meta.url or url
    article.meta.language = language
    if title and not article.meta.title:
        article.meta.title = title
    return article


def _filtered_blocks(
    body: lxml.etree._Element, title: str, byline: str | None
) -> tuple[list[tuple[str, str]], list[str]]:
    """The blocks of trafilatura's body worth keeping, and those the wording filter dropped.

    The headline or byline repeated at the top of the body is skipped; blocks that
    :func:`is_boilerplate` recognises are returned apart, for the user to bring back.
    """
    kept: list[tuple[str, str]] = []
    dropped: list[str] = []
    for kind, text in _body_blocks(body):
        text = _clean_block(text)
        if not text:
            continue
        if not kept and kind == "heading" and _same_words(text, title):
            continue  # the headline repeated at the top of the body
        if byline and not kept and _same_words(text, byline):
            continue
        if is_boilerplate(text):
            dropped.append(text)
            continue
        kept.append((kind, text))
    if HEADLINE_STARTS:
        kept = _from_headline(kept, title, dropped)
    return kept, dropped


def _from_headline(
    kept: list[tuple[str, str]], title: str, dropped: list[str]
) -> list[tuple[str, str]]:
    """The blocks after the page's headline, when trafilatura kept text above it.

    The headline opens the article: what stands above it (a teaser of another story, a
    date line, a section label) is not the article's.  When a heading with the title's
    words follows other blocks, those blocks go to ``dropped`` with the heading, provided
    they hold fewer words than what follows (a headline repeated at the end of a long
    article is no start).
    """
    for i, (kind, text) in enumerate(kept):
        if i and kind == "heading" and _same_words(text, title):
            before = sum(len(_WORD.findall(t)) for _k, t in kept[:i])
            after = sum(len(_WORD.findall(t)) for _k, t in kept[i + 1 :])
            if before < after:
                dropped.extend(t for _k, t in kept[: i + 1])
                return kept[i + 1 :]
            break
    return kept


def _without_slideshow(kept: list[tuple[str, str]], dropped: list[str]) -> list[tuple[str, str]]:
    """``kept`` without a slideshow's slides, which go to ``dropped``.

    A gallery of other stories prints a counter before each slide's caption ("1/50
    Title…", "2/50 …"); trafilatura reads the captions as paragraphs.  A run of at least
    :data:`MIN_SLIDES` blocks numbered k/N, k/N+1… of the same N is a slideshow, not the
    article's text; the user can bring it back.
    """
    numbers: list[tuple[int, int] | None] = []
    for _kind, text in kept:
        match = _SLIDE_COUNTER.match(text)
        numbers.append((int(match[1]), int(match[2])) if match else None)
    slides: set[int] = set()
    start = 0
    while start < len(kept):
        end = start + 1
        first = numbers[start]
        while first and end < len(kept):
            here = numbers[end]
            if not here or here[1] != first[1] or here[0] != first[0] + (end - start):
                break
            end += 1
        if first and end - start >= MIN_SLIDES:
            slides.update(range(start, end))
        start = end
    if not slides:
        return kept
    dropped.extend(text for i, (_kind, text) in enumerate(kept) if i in slides)
    return [block for i, block in enumerate(kept) if i not in slides]


def _in_article_scope(
    extra: list[tuple[float, str]], kept: list[tuple[str, str]], tree: lxml.html.HtmlElement
) -> list[tuple[float, str]]:
    """The put-back candidates that lie in the article container of the kept blocks.

    See :mod:`reader.core.html_scope`: when the page marks the container that holds
    trafilatura's blocks, lines from outside it (teaser lists, a timeline of other
    stories) are not the article's.  A page that marks none keeps every candidate.
    """
    scope = PageScope(tree)
    step = max(1, len(kept) // SCOPE_PROBES)
    container = scope.article_container([text.split("\n")[0] for _k, text in kept[::step]])
    if container is None:
        return extra
    return [(pos, line) for pos, line in extra if scope.inside(line, container)]


def _with_model_lines(
    kept: list[tuple[str, str]],
    labels: LineLabels,
    tree: lxml.html.HtmlElement,
    dropped: list[str],
) -> tuple[list[tuple[str, str]], float]:
    """trafilatura's blocks, with the prose it missed where the line model is sure of it.

    trafilatura's precision mode sometimes cuts an article short (a paragraph in an
    unusual container, the second half after an inline box).  When its body holds
    clearly less text than the line model keeps from the same page, the lines the
    model is sure of (:data:`MODEL_SURE`, running text, not already in a block nor
    among the ``dropped`` text the cleaner set aside) are put back in page order.
    Returns the blocks and the line model's page confidence.
    """
    texts = labels.lines.texts
    model_words = sum(len(_WORD.findall(t)) for t, keep in zip(texts, labels.article) if keep)
    kept_words = sum(len(_WORD.findall(text)) for _kind, text in kept)
    if kept_words >= MODEL_SHARE_TRIGGER * model_words:
        return kept, labels.confidence
    first_line_at: dict[str, int] = {}
    for i, line in enumerate(texts):
        first_line_at.setdefault(line, i)
    in_blocks = {line for _kind, text in kept for line in text.split("\n")}
    # What the cleaner set aside (furniture, text above the headline) stays aside.
    in_blocks.update(line for text in dropped for line in text.split("\n"))
    # Where each block stands in the copied lines (a block not found stays after the
    # one before it).
    positions: list[float] = []
    last = -1.0
    for _kind, text in kept:
        at = first_line_at.get(text.split("\n")[0])
        last = max(last, float(at)) if at is not None else last + 1e-3
        positions.append(last)
    extra = [
        (float(i), line)
        for i, (line, keep, prob) in enumerate(zip(texts, labels.article, labels.prob))
        if keep
        and prob >= MODEL_SURE
        and line not in in_blocks
        and is_prose_line(line)
        and not is_boilerplate(line)
    ]
    if extra and SCOPE_PUT_BACK:
        extra = _in_article_scope(extra, kept, tree)
    if not extra:
        return kept, labels.confidence
    merged: list[tuple[float, int, tuple[str, str]]] = [
        (pos, 0, block) for pos, block in zip(positions, kept)
    ]
    merged += [(pos, 1, ("paragraph", line)) for pos, line in extra]
    merged.sort(key=lambda item: (item[0], item[1]))
    return [block for _pos, _order, block in merged], labels.confidence


def _with_whole_lines(kept: list[tuple[str, str]], lines: list[str]) -> list[tuple[str, str]]:
    """trafilatura's paragraphs, each whole when trafilatura cut words from its middle.

    trafilatura sometimes drops an inline element from inside a sentence (a link in a
    ``<span>`` whose class its pruning rules distrust), leaving "reported that for his
    role" where the page says "reported that the NFL will fine Rudolph for his role".
    A one-line paragraph is replaced by the page's copied line when that line starts
    and ends with the paragraph's first and last four words, holds all its words in
    order, and adds no more than :data:`WHOLE_MAX_EXTRA` of its length: only words
    from inside the paragraph come back, never a caption or label before or after it.
    """
    as_copied = set(lines)
    cut = [
        i
        for i, (kind, text) in enumerate(kept)
        if kind == "paragraph" and "\n" not in text and text not in as_copied
    ]
    if not cut:  # the usual page: every paragraph stands in the copied text as it is
        return kept
    by_start: dict[str, list[str]] = {}
    for line in lines:
        by_start.setdefault(line[:_START_CHARS], []).append(line)
    out = list(kept)
    for i in cut:
        text = out[i][1]
        words = _WORD.findall(text.casefold())
        if len(words) < WHOLE_MIN_WORDS:
            continue
        for line in by_start.get(text[:_START_CHARS], []):
            whole = _WORD.findall(line.casefold())
            remaining = iter(whole)
            if (
                len(words) < len(whole) <= (1 + WHOLE_MAX_EXTRA) * len(words)
                and whole[:4] == words[:4]
                and whole[-4:] == words[-4:]
                and all(word in remaining for word in words)
            ):
                out[i] = ("paragraph", line)
                break
    return out


def _with_repeats(kept: list[tuple[str, str]], copied: str) -> list[tuple[str, str]]:
    """trafilatura's blocks, with paragraphs the page repeats repeated as often.

    trafilatura merges a paragraph that follows an identical one (an artefact of its
    overlapping candidates, in its view); but when a page prints the same paragraph
    twice in its article, the article says it twice, and a reader that quotes the page
    must too.  A kept paragraph is repeated as many times as its line stands in the
    page's visible text (hidden copies are not in it), provided no other kept block's
    line stands between the copies: a copy elsewhere on the page (a teaser, a summary
    above the headline) is not the article's.
    """
    lines = [line for line in copied.split("\n") if line]
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if len(line) >= MIN_REPEAT_CHARS:
            where.setdefault(line, []).append(i)
    kept_lines = {line for _kind, text in kept for line in text.split("\n")}
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for kind, text in kept:
        out.append((kind, text))
        at = where.get(text, [])
        if kind != "paragraph" or len(at) < 2 or text in seen:
            continue
        seen.add(text)
        run = 1
        for before, after in zip(at, at[1:]):
            between = lines[before + 1 : after]
            if any(line in kept_lines for line in between):
                break
            run += 1
        already = sum(1 for _k, t in kept if t == text)
        out.extend([(kind, text)] * max(0, run - already))
    return out


def _drop_inert_elements(tree: lxml.html.HtmlElement) -> None:
    """Remove what holds no article text: scripts, styles, SVG, templates, meta and links.

    trafilatura deletes them too, but only after copying the whole tree (several times:
    once for each extractor it compares) and running its pruning XPaths over it.  News
    pages carry many inline scripts and dozens of ``<meta>`` and ``<link>`` tags;
    removing them first makes extraction about 10 % quicker, with the same body on
    every page of the extraction benchmark.  JSON-LD scripts stay: trafilatura reads
    them to recognise forum threads.  Runs after the metadata is read, which comes from
    JSON-LD, ``<meta>`` and ``<link rel=canonical>``.
    """
    for element in list(tree.iter(*_INERT_TAGS)):
        if element.tag == "script" and (element.get("type") or "").strip().lower() in (
            "application/ld+json",
            "application/settings+json",
        ):
            continue
        if element.getparent() is not None:
            element.drop_tree()  # keeps the element's tail text


def _drop_hidden_elements(tree: lxml.html.HtmlElement) -> None:
    """Remove what the page hides (``hidden``, ``display:none``, ``visibility:hidden``).

    A browser does not show it and its copy does not hold it; trafilatura reads it as
    text all the same (hover cards glued into a name, a hidden duplicate of a section,
    an "[update]" marker).  Two exceptions: hidden MathML, which is the text of a
    formula whose visible form is an image, and a hidden element that holds most of the
    page's text (an article revealed by a script): then the article *is* what is hidden.
    """
    body = tree.find("body")
    root = body if body is not None else tree
    hidden = [element for element in root.iter() if _is_hidden(element)]
    if not hidden:
        return
    page_chars = len(root.text_content())
    for element in hidden:
        if element.getparent() is None or any(True for _ in element.iter(*_MATH_TAGS)):
            continue
        if len(element.text_content()) * 2 > page_chars:
            continue
        element.drop_tree()  # keeps the element's tail text


def _show_plugin_fallbacks(tree: lxml.html.HtmlElement) -> None:
    """Let the text inside a plugin's ``<object>`` be read, as the browser now shows it.

    An ``<object>`` for a plugin (Flash, Silverlight, Java, ActiveX) holds fallback
    content for a browser without the plugin: every browser today.  Pages put a video's
    caption there ("Up host Chris Hayes talks about…").  trafilatura and the copied
    text skip objects whole; an object for a plugin becomes a plain ``<div>`` of its
    fallback (its ``<param>`` settings dropped).  An object showing an image, a page or
    a PDF is left alone: the browser shows the resource, not the fallback.
    """
    for element in list(tree.iter("object")):
        if element.getparent() is None or not _is_plugin_object(element):
            continue
        for param in list(element.iter("param")):
            param.drop_tree()
        element.tag = "div"
        for name in list(element.attrib):
            del element.attrib[name]


def _is_plugin_object(element: lxml.etree._Element) -> bool:
    """True when ``element`` (an ``<object>``) needs a plugin no browser has any more."""
    if element.get("classid"):
        return True
    kind = (element.get("type") or "").casefold()
    if any(name in kind for name in _PLUGIN_TYPES):
        return True
    data = (element.get("data") or "").casefold().split("?")[0]
    return data.endswith(".swf")


def _is_hidden(element: lxml.etree._Element) -> bool:
    """True when the page hides ``element`` by its attributes (not by a style sheet)."""
    if not isinstance(element.tag, str):
        return False
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> Document:
    """Title, author, site name, canonical URL and date of a page.

    trafilatura's own ``extract_metadata`` also searches the body for bylines and
    collects categories, tags and licences; that made extraction about 35 % slower
    while we use none of those.  We run the parts we need, in its order: ``<meta>``
    tags, then JSON-LD, then fallbacks from ``<title>``/``<h1>`` and ``<link
    rel=canonical>``, then htmldate's quick (non-extensive) date search.
    """
    if _metadata_parts is None:  # an unexpected trafilatura version: use the slow path
        return trafilatura.extract_metadata(tree, default_url=url, extensive=False)
    parts = _metadata_parts
    page = parts.examine_meta(tree)
    # As trafilatura does: a one-word "author" in <meta> is usually a site handle.
    if page.author and " " not in page.author:
        page.author = None
    try:
        page = parts.extract_meta_json(tree, page)
    except Exception:
        logger.debug("JSON-LD metadata could not be read", exc_info=True)
    if not page.title:
        page.title = parts.extract_title(tree)
    if not page.url:
        page.url = parts.extract_url(tree, url)
    page.date = find_date(tree, url=page.url, original_date=True, extensive_search=False)
    if not page.sitename:
        page.sitename = parts.extract_sitename(tree)
    if page.sitename:
        page.sitename = page.sitename.lstrip("@")
    page.clean_and_trim()
    return page


def visible_text(html: str) -> str:
    """The whole visible text of a page (scripts and styles removed), normalised.

    Used when no article is recognised, so the user can still keep what the page says.
    """
    try:
        tree = _parse(html)
    except InputError:
        return ""
    for element in tree.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    lines = (_clean_line(line) for line in "\n".join(tree.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


# Characters XML forbids: lxml refuses to put them into a tree (a bare ValueError deep
# inside trafilatura), and they are never meaningful text.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _parse(html: str) -> lxml.html.HtmlElement:
    """Parse ``html`` into an lxml document tree, or raise InputError."""
    html = _XML_FORBIDDEN.sub(" ", _XML_DECLARATION.sub("", html, count=1))
    if not html.strip():
        raise NoArticleError("The page is empty: there is no text in it.", text="")
    # A parser per call: its error log is what tells us the tree was cut short, and
    # parsers must not be shared between threads.
    parser = lxml.html.HTMLParser(remove_comments=True, huge_tree=True, collect_ids=False)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as err:
        raise InputError(
            f"This HTML could not be read ({err}). Open the page in your browser, copy "
            "the article text and paste it instead."
        ) from err
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise InputError(
            "This page is nested too deeply to be read (its HTML is malformed or "
            "machine-generated). Open it in your browser, copy the article text and "
            "paste it instead."
        )
    return tree


def _no_article(html: str) -> NoArticleError:
    return NoArticleError(
        "No article was found on this page (it may be a home page, a list of links, a "
        "login or cookie page, or built by scripts). You can keep the page's whole text "
        "instead, or copy the article from your browser and paste it.",
        text=visible_text(html),
    )


def _body_blocks(body: lxml.etree._Element) -> Iterator[tuple[str, str]]:
    """``(kind, raw text)`` for each block of trafilatura's XML body, in order."""
    if body.text and body.text.strip():
        yield "paragraph", body.text
    for element in body:
        yield from _element_blocks(element, quoted=False)
        if element.tail and element.tail.strip():
            yield "paragraph", element.tail


def _element_blocks(element: lxml.etree._Element, quoted: bool) -> Iterator[tuple[str, str]]:
    tag = element.tag
    if tag == "head":
        yield "heading", _inline_text(element)
    elif tag == "list":
        for item in element.iter("item"):
            yield ("quote" if quoted else "list_item"), _inline_text(item, skip=("list",))
    elif tag == "quote":
        if any(child.tag in ("p", "list", "head", "quote", "table") for child in element):
            if element.text and element.text.strip():
                yield "quote", element.text
            for child in element:
                yield from _element_blocks(child, quoted=True)
                if child.tail and child.tail.strip():
                    yield "quote", child.tail
        else:
            yield "quote", _inline_text(element)
    elif tag == "table":
        for row in element.iter("row"):
            cells = (_inline_text(cell).strip() for cell in row.iter("cell"))
            yield ("quote" if quoted else "paragraph"), " | ".join(c for c in cells if c)
    elif tag in ("graphic", "lb"):
        return
    elif tag in ("div", "article", "section") and any(
        child.tag in ("p", "list", "head", "quote", "table") for child in element
    ):
        if element.text and element.text.strip():
            yield "paragraph", element.text
        for child in element:
            yield from _element_blocks(child, quoted)
            if child.tail and child.tail.strip():
                yield "paragraph", child.tail
    else:
        yield ("quote" if quoted else "paragraph"), _inline_text(element)


def _inline_text(element: lxml.etree._Element, skip: tuple[str, ...] = ()) -> str:
    """The text of an element with ``<lb/>`` as a line break, skipping ``skip`` tags.

    A block nested in it (a heading and a paragraph inside a list item or a table
    cell) stands on its own line, as the browser shows it: joined, its first word
    would run into the text before it.
    """
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(_BREAK)
        elif child.tag not in skip:
            inner = _inline_text(child, skip)
            if SPLIT_NESTED_BLOCKS and child.tag in _NESTED_BLOCK_TAGS:
                inner = f"{_BREAK}{inner}{_BREAK}"
            parts.append(inner)
        parts.append(child.tail or "")
    text = "".join(parts)
    if element.tag == "code":  # preformatted: its own line breaks are the text's
        text = text.replace("\n", _BREAK)
    return text


def _clean_block(text: str) -> str:
    """Normalise a block: plain spaces, no empty lines, no spaces at line edges.

    :func:`normalize_text` already leaves single plain spaces and no space at a line's
    edges; only the empty lines are left to drop.
    """
    if SOURCE_NEWLINES_AS_SPACES:
        text = text.replace("\r", " ").replace("\n", " ")
    text = text.replace(_BREAK, "\n")
    return "\n".join(line for line in normalize_text(text).split("\n") if line)


def _clean_line(text: str) -> str:
    """Normalise a one-line value (title, author…): line breaks become spaces."""
    return _SPACES.sub(" ", normalize_text(text).replace("\n", " ")).strip()


def _byline(author: str | None) -> str | None:
    """A readable byline from trafilatura's ``"A; B"`` author list."""
    if not author:
        return None
    names = [_clean_line(name) for name in author.split(";")]
    names = [name for name in names if name]
    return ", ".join(names) or None


def _title_without_site(title: str, site_name: str | None) -> str:
    """``title`` without a " - Site Name" or "Site Name | " decoration."""
    if not site_name:
        return title
    for separator in (" - ", " – ", " — ", " | ", " · ", " :: ", " » "):
        head, found, tail = title.rpartition(separator)
        if found and head and _same_words(tail, site_name):
            return head.strip()
        tail, found, head = title.partition(separator)
        if found and head and _same_words(tail, site_name):
            return head.strip()
    return title


def _same_words(a: str, b: str) -> bool:
    """True when two texts have the same words, ignoring case and punctuation."""
    words_a = _WORD.findall(a.casefold())
    return bool(words_a) and words_a == _WORD.findall(b.casefold())


def _fallback_title(blocks: list[tuple[str, str]]) -> str:
    """A title for a page that declares none: its first heading or first words."""
    for kind, text in blocks:
        if kind == "heading":
            return text
    first = blocks[0][1].split("\n")[0] if blocks else ""
    words = first.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "") or "Untitled page"


def _declared_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language the page declares (``<html lang>`` or content-language), if valid."""
    candidates: list[Any] = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ]
    head = tree.find("head")
    if head is not None:
        for meta in head.iterfind("meta"):
            name = (meta.get("http-equiv") or meta.get("property") or "").lower()
            if name in ("content-language", "og:locale"):
                candidates.append(meta.get("content"))
    for candidate in candidates:
        code = str(candidate or "").strip()
        if code and _LANG_CODE.match(code):
            return code.replace("_", "-")
    return None
