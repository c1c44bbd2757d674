"""Where an article stands in a page's DOM, so that text found elsewhere stays out.

The HTML cleaner (:mod:`reader.core.clean_html`) puts back lines of running text that
trafilatura missed and the copied-text line model is sure of.  The line model reads
lines, not layout: a list of teasers ("headline — first sentence…") beside a short
article reads like prose to it.  Pages mark their article's container for styling and
for search engines: an ``<article>`` element, ``itemprop="articleBody"``, or a class or
id with "article" in it (the word Readability.js also favours).  When the blocks
trafilatura kept lie inside such a container, a put-back line must lie inside it too.

The scope is the *outermost* such ancestor of the kept blocks, because pages nest
them (an ``<article>`` holding several ``article-block`` sections): the innermost one
would hold only the part trafilatura kept.  A page that marks no container gives no
scope, and every line stays a candidate, as before.

Lines are found in the tree by their text: the page's block elements are read once
(normalised as the copied text is), and a line belongs to the deepest block whose text
contains it.  This runs only when the cleaner has lines to put back (a few pages in a
hundred), so its cost does not fall on the usual page.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from reader.core.normalize import normalize_text

_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "span",
)
_SPACES = re.compile(r"\s+")
_ARTICLE_MARK = re.compile(r"article", re.IGNORECASE)
_PROBE_CHARS = 80
"""A line is looked for by its first this many characters (a block may wrap it)."""


def _flat(text: str) -> str:
    """Text with every run of white space made one space, as compared here."""
    return _SPACES.sub(" ", normalize_text(text)).strip()


def _marks_article(element: lxml.etree._Element) -> bool:
    """True when an element declares itself the article's container."""
    if element.tag == "article":
        return True
    if (element.get("itemprop") or "").strip() == "articleBody":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_ARTICLE_MARK.search(names))


class PageScope:
    """The page's block elements and their text, to place lines in the tree."""

    def __init__(self, tree: lxml.html.HtmlElement) -> None:
        body = tree.find("body")
        root = body if body is not None else tree
        self._blocks: list[tuple[lxml.etree._Element, str]] = []
        for element in root.iter(*_BLOCK_TAGS):
            if element.get("data-fcr-skip"):
                continue  # hidden: the copied text has none of it
            text = _flat(element.text_content())
            if text:
                self._blocks.append((element, text))

    def element_of(self, line: str) -> lxml.etree._Element | None:
        """The deepest block element whose text holds ``line``, or None."""
        probe = _flat(line)[:_PROBE_CHARS]
        if not probe:
            return None
        found: lxml.etree._Element | None = None
        found_len = 0
        for element, text in self._blocks:
            if probe in text and (found is None or len(text) <= found_len):
                found, found_len = element, len(text)
        return found

    def article_container(self, lines: list[str]) -> lxml.etree._Element | None:
        """The outermost marked article container around most of ``lines``, or None.

        Each line votes for the marked ancestors it lies in; the outermost one that
        holds more than half of the lines found is the scope.
        """
        votes: dict[lxml.etree._Element, int] = {}
        found = 0
        for line in lines:
            element = self.element_of(line)
            if element is None:
                continue
            found += 1
            for ancestor in element.iterancestors():
                if _marks_article(ancestor):
                    votes[ancestor] = votes.get(ancestor, 0) + 1
            if _marks_article(element):
                votes[element] = votes.get(element, 0) + 1
        held = [element for element, count in votes.items() if 2 * count > found]
        if not held:
            return None
        # The outermost: the one that no other held container encloses.
        for element in held:
            if not any(other in held for other in element.iterancestors()):
                return element
        return None  # pragma: no cover - a set of ancestors always has an outermost

    def inside(self, line: str, container: lxml.etree._Element) -> bool:
        """True when ``line`` lies inside ``container`` (a line not found is not)."""
        element = self.element_of(line)
        if element is None:
            return False
        return element is container or any(a is container for a in element.iterancestors())
