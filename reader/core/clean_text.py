"""Copied page text → clean article.

"Select all, copy" on a web page gives the article buried in furniture: menus, share
buttons, bylines, photo captions, related-article lists, appeals, comments, footers.
There is no markup left, only lines.  Yet the lines keep enough of the page's shape to
tell prose from furniture, and that shape is what this cleaner reads — never a list of
sites or of any page's phrases.

Two cleaners live here.  :func:`clean_copied_text`, the one the app uses, lets the line
model of :mod:`reader.core.line_model` decide which lines are the article (a small
statistical model fitted on pages whose licence allows it, judged on datasets it was not
fitted on), then shapes those lines into blocks with the rules below (headings, list
items, captions, headline, byline, date).  It returns the model's confidence and a
warning when the result should be checked, and it never returns an empty article for a
page with running text in any script.  :func:`clean_copied_text_rules` is the first
version, hand-set rules from end to end; it stays as the benchmark's baseline
(``python -m tests.bench.extraction``).  The rest of this docstring describes those
rules; the block shaping and the metadata are shared by both.

What distinguishes article text, in general:

* **Prose lines are long and end like sentences.**  A paragraph is one long line with
  several words, stop words, commas, and a final ``. ! ? …`` or closing quote.  Menu
  entries, buttons, tags and related-article headlines are short and rarely end with a
  full stop.
* **Paragraphs stand alone; menus come in runs.**  Browsers put a blank line around each
  paragraph and heading, while a menu or a link list copies as a run of short lines
  with no blank line between them.
* **The article is the longest coherent run of prose.**  Each line gets a score —
  positive (its word count) for prose, negative for furniture — and the contiguous span
  with the highest total is the body (the "body text extraction" idea of Finn, Kushmerick
  and Smyth, 2001, applied to lines).  A few short lines inside the run (subheadings,
  a caption) cost less than the prose around them, so they stay in the span; a long
  stretch of furniture between two runs of prose splits them, and only the richer run
  wins.  Short stand-alone lines worded like text rather than like labels (lower-case
  words or figures: recipe steps, table rows) cost almost nothing, so structured
  articles are not cut apart.
* **Some lines announce the end of an article** ("Related articles", "Comments",
  "Leave a reply").  They carry a large cost, and once one follows a good deal of
  prose, the prose after it counts a fifth: a long comment thread or a teaser list
  must not outweigh the article it follows, yet an inline "Related stories" box in the
  middle of a long article is still crossed.
* **Repeated lines are furniture.**  A line that occurs twice on a page is a menu entry,
  a teaser or a footer.
* **Wording gives furniture away.**  Inside the span, lines that are furniture by their
  wording alone (:func:`reader.core.boilerplate.is_boilerplate`: appeals, "Read more",
  share buttons, cookie notices, copyright lines …) are dropped, and appeals that sit at
  the edge of the body are peeled off together with their weaker neighbours.
* **The headline precedes the body.**  It is the nearest line before the span that is
  headline-shaped: a few to thirty words, title-like, no final full stop, not furniture.
  Bylines ("By …", "Von …", "Par …", "Por …", "Автор …") and dates near it become
  metadata; a caption is a short line near the start that reads like one (a photo
  credit, "(left)", ", right,", "pictured").

Within the span, a short stand-alone line followed by prose is a heading; a run of
sentence-like lines with no blank between them is a list; everything else short is
dropped.  Every removed line is returned in ``dropped`` so the user can bring it back.

Speed.  A pasted page has ~160 lines, and each is read once, so the cost is per line.
Profiling the 88 pages of the extraction benchmark showed it going to the wording
filter (now ~5 µs a short line, see :mod:`reader.core.boilerplate`), to regexes tried
at every position of long lines — the sentence-end test was anchored with ``$`` and so
scanned the whole line, the caption regex took ~40 µs per paragraph — and to
tokenising each line twice.  The sentence end is now read from the end of the line,
captions pass a quick literal-led test (:data:`_CAPTION_HINT`) before the full regex,
and one lower-cased tokenisation serves both the word count and the filter.  The median
page went from ~6 ms of CPU to ~3.3 ms, of which ~0.5 ms is the text normalisation and
~0.9 ms the wording filter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core.boilerplate import appeal_score_words, is_boilerplate_words
from reader.core.cleaning_check import CheckModel, expected_quality, shipped_check_model
from reader.core.errors import NoArticleError
from reader.core.line_model import (
    END_MARKERS,
    LineLabels,
    LineModel,
    label_lines,
    line_units,
    tokenise_line,
)
from reader.core.models import ArticleMeta, CleanArticle, build_article
from reader.core.normalize import normalize_text

_WORD = re.compile(r"\w+")
# A line ends like a sentence: a stop, then any closing quotes or brackets, or a
# closing quote alone (see _ends_like_sentence).
_SENTENCE_STOPS = ".!?…:;"
_SENTENCE_CLOSERS = "\"'”’»)]"
_CLOSING_QUOTES = '"”’»'
_BULLET = re.compile(r"^(?:[•·▪◦●■\-–—*]|\d{1,2}[.)])\s+")

# Lines after which an article does not go on: the span must not cross them.
_END_MARKERS = re.compile(
    r"^(?:related( articles| stories| posts| content| coverage| news| links| reading)?|"
    r"related \w+ ?:.*|"
    r"(?:you )?(?:may|might) also (?:like|enjoy|be interested in)|"
    r"more (?:stories|articles|news|from \w+.*)|recommended(?: for you| stories| articles)?|"
    r"(?:top rated |top |latest |reader |\d+ )?comments?(?: \(\d+\))?|"
    r"\d+ (?:comments|responses|replies)|view (?:all )?comments|show comments|"
    r"leave a (?:reply|comment)|add (?:a|your) comment|post a comment|"
    r"join the (?:discussion|conversation)|most (?:read|popular|viewed)|read next|"
    r"ähnliche artikel|kommentare|mehr zum thema|sur le même sujet|commentaires|"
    r"noticias relacionadas|comentarios|lo más leído|комментарии|"
    r"похожие (?:статьи|новости))$",
    re.IGNORECASE,
)
_END_MARKER_COST = 40.0
_SHORT_CONTENT_SCORE = -0.5
_PROSE_BEFORE_DISCOUNT = 150
_DISCOUNT_AFTER_WALL = 0.2

_BYLINE = re.compile(
    r"^(?:by|written by|words by|von|par|por|di|door|автор|текст)(?=[\s:])[\s:]*"
    # A name, often followed by a date or role after a separator ("By A. Name | May 3").
    r"[\w'’.\-,|·•—–:/& ]{2,120}$",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:t|tember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|"
    r"januar|februar|märz|mai|juni|juli|oktober|dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_DATE_PATTERNS = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"),
    re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(
        rf"\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\.?\s+(?:de\s+)?\d{{4}}\b", re.IGNORECASE
    ),
)
_CAPTION = re.compile(
    r"(?:\((?:left|right|center|centre|top|bottom|l|r|c)\)|, (?:left|right|center|centre)[,)]|"
    r"\bpictured\b|\b(?:photo|image|picture|foto|фото)\s*(?:by|credit|:|/)|"
    r"\bgetty images\b|\bshutterstock\b|\b(?:ap|afp|reuters|epa|dpa)\s*(?:photo|/|$)|"
    r"^(?:photo|image|picture|file photo|foto|фото)\b|\bfile photo\b)",
    re.IGNORECASE,
)
# What every match of _CAPTION contains (in the lower-cased line).  _CAPTION tries each
# of its forms at every position, ~40 µs on a paragraph; this test, whose forms all
# open with a literal the regex engine can scan for, is five times quicker and lets
# through only the one line in ten that needs the full test.  A form added here needs
# its literal in _may_be_caption too.
_CAPTION_HINT = re.compile(
    r"\(|, (?:left|right|cent)|pictur|photo|image|foto|фото|getty images|shutterstock|"
    r"(?:ap|afp|reuters|epa|dpa)\s*(?:/|$)"
)
_AGENCIES = ("ap", "afp", "reuters", "epa", "dpa")


def _may_be_caption(lowered: str) -> bool:
    """Whether :data:`_CAPTION_HINT` can match ``lowered``: a literal for each of its forms.

    The hint's forms open with letters found all over a paragraph, where the regex
    engine stops at each; these literal searches are four times quicker and let
    through one line in eight.
    """
    return (
        "(" in lowered
        or "/" in lowered
        or "photo" in lowered
        or "pictur" in lowered
        or "image" in lowered
        or "foto" in lowered
        or "фото" in lowered
        or "shutterstock" in lowered
        or ", left" in lowered
        or ", right" in lowered
        or ", cent" in lowered
        or lowered.rstrip().endswith(_AGENCIES)
    )


_COPYRIGHT_SITE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[^\d.,|©]{2,60}?)\s*(?:[.,|]|all rights|$)",
    re.IGNORECASE,
)

# Said of a paste and of an imported file alike: no "pasted" in it.
_NO_ARTICLE_MESSAGE = (
    "No article text was found in this text: it looks like menus, links or short "
    "snippets only. Copy the whole page again (select all, then copy), or open the "
    "page's address instead, or keep the text as it is."
)
_MIN_BODY_WORDS = 25
_ONLY_FURNITURE_MESSAGE = (
    "No article text was found in this text: every line reads like a menu, a "
    "link or a label, and none like running text. Copy the whole page again (select "
    "all, then copy), or open the page's address instead, or keep the text as it is."
)
SHORT_SHARE = 0.5
"""A doubted result with less than this share of the input's prose is worded as short."""
FALLBACK_CONFIDENCE = 0.3
"""The most confidence a page gets when the model kept nothing and its prose is taken."""


@dataclass(slots=True)
class _Line:
    """One non-blank line of the input with the features the cleaner reads."""

    index: int
    text: str
    words: int
    alone: bool  # a blank line (or the edge of the text) before and after it
    sentence_end: bool
    repeated: bool
    furniture: bool  # boilerplate by wording
    end_marker: bool
    short_content: bool  # see _is_short_content
    units: float  # words, or characters / 2 in scripts written without spaces
    # The line's tokens as written and lower-cased, handed on to the line model.
    tokenised: tuple[list[str], list[str]]

    @property
    def prose(self) -> bool:
        """Reads as a sentence or a paragraph of running text."""
        if self.furniture or self.repeated:
            return False
        if self.words >= 25:
            return True
        return self.sentence_end and self.words >= (6 if self.alone else 10)


def _is_short_content(
    text: str, alone: bool, furniture: bool, repeated: bool, tokens: list[str] | None = None
) -> bool:
    """A short stand-alone line worded like text, not like a label or a headline.

    Recipes, tables and structured articles are made of such lines ("Eat every 2–3
    hours", "1 Kyle Busch 5040"); menus and teaser headlines are title-cased or come
    in runs.  ``tokens``: the line's ``\\w+`` tokens, when the caller has them.
    """
    if not alone or furniture or repeated:
        return False
    if tokens is None:
        tokens = _WORD.findall(text)
    if len(tokens) < 3:
        return False
    lower = sum(1 for t in tokens if t[0].islower())
    digits = sum(1 for t in tokens if t[0].isdigit())
    return lower >= 0.5 * len(tokens) or digits >= 0.3 * len(tokens)


def _bare(text: str) -> str:
    """The line without surrounding brackets, bullets and punctuation."""
    return text.strip(" \t.,:;!?…·•|»«>›‹<-–—()[]{}\"'“”‘’*#+→←↓↑")


def _ends_like_sentence(text: str) -> bool:
    """A stripped line ends with ``. ! ? … : ;`` (then closing quotes or brackets), or a quote.

    Read from the end of the line: a regex anchored with ``$`` would be tried at every
    position of it.
    """
    if text[-1] in _CLOSING_QUOTES:
        return True
    core = text.rstrip(_SENTENCE_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_STOPS


def _lines(text: str) -> list[_Line]:
    raw = [line.strip() for line in text.split("\n")]
    lowered = [line.lower() for line in raw]
    counts = Counter(line for line in lowered if line)
    last = len(raw) - 1
    result: list[_Line] = []
    for i, stripped in enumerate(raw):
        if not stripped:
            continue
        lowered_line = lowered[i]
        alone = (i == 0 or not raw[i - 1]) and (i == last or not raw[i + 1])
        # One tokenisation serves the count, the wording filter and the line model.
        # Lower-casing changes the count only for "İ" (it gains a combining dot).
        tokenised = tokenise_line(stripped)
        tokens, lowered_words = tokenised
        if "\u0307" in lowered_line:
            words = len(tokens)
        else:
            words = len(lowered_words)
        short = words < 25
        repeated = short and counts[lowered_line] > 1
        furniture = is_boilerplate_words(stripped, lowered_line, lowered_words)
        result.append(
            _Line(
                i,
                stripped,
                words,
                alone,
                _ends_like_sentence(stripped),
                repeated,
                furniture,
                words <= 8 and _END_MARKERS.match(_bare(stripped)) is not None,
                short and alone and _is_short_content(stripped, alone, furniture, repeated, tokens),
                line_units(stripped, tokens) if not stripped.isascii() else float(words),
                tokenised,
            )
        )
    return result


def _line_score(line: _Line) -> float:
    """Positive for prose (its word count), negative for furniture."""
    if line.end_marker:
        return -_END_MARKER_COST
    if line.prose:
        return float(line.words)
    if line.furniture or line.repeated:
        return -max(3.0, float(line.words))
    if line.short_content:
        return _SHORT_CONTENT_SCORE
    # Short lines: headings and captions cost little when they stand alone.
    return -1.0 if line.alone else -2.0


def _best_span(lines: list[_Line]) -> tuple[int, int] | None:
    """``[start, end)`` of the contiguous run of lines with the highest total score.

    End markers ("Comments", "Related articles") are costly to cross.  Once one
    follows a good deal of prose, what comes after it is most likely comments or
    teasers, so its prose counts a fifth: a long comment thread must not outweigh the
    article it follows.
    """
    best_total = 0.0
    best: tuple[int, int] | None = None
    total = 0.0
    start = 0
    prose_words = 0
    discount = 1.0
    for i, line in enumerate(lines):
        if line.end_marker and prose_words >= _PROSE_BEFORE_DISCOUNT:
            discount = _DISCOUNT_AFTER_WALL
        if total <= 0:
            total = 0.0
            start = i
        score = _line_score(line)
        if score > 0:
            prose_words += line.words
            score *= discount
        total += score
        if total > best_total:
            best_total = total
            best = (start, i + 1)
    return best


def _is_headline(line: _Line) -> bool:
    if line.furniture or line.end_marker or not (3 <= max(line.words, line.units) <= 30):
        return False
    text = line.text
    if text.endswith(".") and not text.endswith("..."):
        return False
    if _BYLINE.match(text) or _is_caption(line, True) or _is_breadcrumb(text):
        return False
    if line.words <= 15 and _find_date(text) is not None:
        return False
    # A date in a language whose month names the date patterns do not know.
    if line.words <= 4 and sum(1 for t in _WORD.findall(text) if t.isdigit()) >= 2:
        return False
    letters = [c for c in text if c.isalpha()]
    # Scripts without case (Arabic, Chinese, Thai …) have no capital to look for.
    return bool(letters) and not letters[0].islower()


# "Home > World > Europe", "News › Politics › Elections", "Home / Sport / Tennis": a
# site's trail of sections above an article, in any script.
_TIME_OF_DAY = re.compile(r"\d:\d\d")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[>›»→]\s+|\s+/\s+")


def _is_breadcrumb(text: str) -> bool:
    """Whether ``text`` is a trail of three or more short section names (not a dateline
    such as "November 20, 2019 / 1:07 AM / CBS News")."""
    parts = _BREADCRUMB_SEPARATOR.split(text.strip())
    # Sections are short; the last name may be the article's own, a headline's length.
    if len(parts) < 3 or not all(0 < len(part.split()) <= 4 for part in parts[:-1]):
        return False
    if not 0 < len(parts[-1].split()) <= 15:
        return False
    return _TIME_OF_DAY.search(text) is None and _find_date(text) is None


def _trail_end(text: str) -> str | None:
    """The last name of a breadcrumb trail when it reads as a headline (three words or
    more: "Europe" or "Reviews" is a section, not the article), else None."""
    last = _BREADCRUMB_SEPARATOR.split(text.strip())[-1].strip(" >›»→/")
    return last if len(last.split()) >= 3 and not last.endswith(".") else None


def _find_date(text: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


def _site_name(lines: list[_Line]) -> str | None:
    for line in reversed(lines):
        if line.words <= 20 and ("©" in line.text or "copyright" in line.text.lower()):
            match = _COPYRIGHT_SITE.search(line.text)
            if match:
                name = match.group("name").strip(" -–|")
                if name and not name.lower().startswith(("all rights", "by ")):
                    return name
    return None


def _peel_appeals(kept: list[tuple[str, _Line]]) -> list[tuple[str, _Line]]:
    """Drop appeal paragraphs at either edge of the body, and their weaker neighbours.

    Appeals cluster: one paragraph with strong cues usually sits next to others with
    weaker ones ("We, the journalists …").  Once a strong one is found at an edge, its
    neighbours towards that edge need only a lower score to go too.
    """

    def peel(items: list[tuple[str, _Line]]) -> int:
        # How many items from the start of ``items`` are appeals.
        cut = 0
        for i, (_kind, line) in enumerate(items[:8]):
            # The line's lower-cased tokens are at hand: no second tokenisation.
            if appeal_score_words(line.text.lower(), line.tokenised[1]) >= 0.8:
                cut = i + 1
        return cut

    tail = peel(kept[::-1])
    if tail:
        kept = kept[: len(kept) - tail]
    head = peel(kept)
    return kept[head:]


def clean_copied_text_rules(text: str) -> CleanArticle:
    """The hand-set rules of the first version, kept as the benchmark's baseline.

    Block 0 is the headline; then byline, caption, heading, paragraph and list-item
    blocks in page order.  ``dropped`` lists every removed line.  Raises
    :class:`NoArticleError` (carrying the normalised text) when no article is found.
    """
    normalised = normalize_text(text)
    lines = _lines(normalised)
    span = _best_span(lines)
    if span is None:
        raise NoArticleError(_NO_ARTICLE_MESSAGE, text=normalised)
    start, end = span

    body: list[tuple[str, _Line]] = []
    for pos in range(start, end):
        line = lines[pos]
        if line.furniture or line.end_marker:
            continue
        if line.prose:
            kind = "caption" if _is_caption(line, pos == start) else "paragraph"
            body.append((kind, line))
            continue
        if _BULLET.match(line.text) and line.words >= 3:
            body.append(("list_item", line))
            continue
        if not line.alone and line.words >= 4 and line.sentence_end and not line.repeated:
            body.append(("list_item", line))
            continue
        nxt = lines[pos + 1] if pos + 1 < end else None
        if (
            line.alone
            and not line.repeated
            and 1 <= line.words <= 15
            and not line.sentence_end
            and nxt is not None
            and nxt.prose
            and not _is_caption(line, False)
        ):
            body.append(("heading", line))
            continue
        if line.short_content and not _is_caption(line, False) and not _BYLINE.match(line.text):
            body.append(("paragraph", line))
    body = _peel_appeals(body)
    # A body never starts or ends with a heading.
    while body and body[-1][0] == "heading":
        body.pop()
    while body and body[0][0] == "heading":
        body.pop(0)

    body_words = sum(line.words for kind, line in body if kind == "paragraph")
    if body_words < _MIN_BODY_WORDS:
        raise NoArticleError(_NO_ARTICLE_MESSAGE, text=normalised)
    return _assemble(lines, body)


def _headline(before: list[_Line]) -> tuple[_Line | None, str]:
    """The headline's line and text among the lines before the body, nearest first (lines
    the page repeats only when no other will do); (None, "") when there is none."""
    for unique in (True, False):
        for line in reversed(before[-25:]):
            if unique and line.repeated:
                continue
            if _is_headline(line):
                return line, line.text
            # A trail of sections is no headline; when it ends in the page's own name
            # ("… > Advice > Laundering Baby Clothes"), that name is.  When it ends in a
            # section ("Europe"), what stands above it is the site's header: no headline
            # rather than a line of a menu.
            if _is_breadcrumb(line.text):
                last = _trail_end(line.text)
                if last is not None:
                    return line, last
                break
    return None, ""


def _assemble(lines: list[_Line], body: list[tuple[str, _Line]]) -> CleanArticle:
    """The article from its body lines: headline, byline, date, captions and dropped lines."""
    # A trail of sections at the body's top is the site's, not the article's (its last
    # name may be the headline, found below).
    while len(body) > 1 and _is_breadcrumb(body[0][1].text):
        body = body[1:]
    # The headline: the nearest headline-shaped line before the body.
    first_body = body[0][1].index
    before = [line for line in lines if line.index < first_body]
    title_line, title = _headline(before)

    meta = ArticleMeta()
    parts: list[tuple[str, str]] = []
    if title_line is not None:
        parts.append(("title", title))
        meta.title = title
        head_zone = [ln for ln in before if ln.index > title_line.index]
        near_title = [ln for ln in before if abs(ln.index - title_line.index) <= 12]
    else:
        head_zone = before[-6:]
        near_title = before[-12:]
    byline_line = next((ln for ln in near_title if _BYLINE.match(ln.text)), None)
    if byline_line is not None:
        meta.byline = byline_line.text
        parts.append(("byline", byline_line.text))
    for ln in near_title:
        if (ln.words <= 12 and not ln.furniture) or ln is byline_line:
            date = _find_date(ln.text)
            if date:
                meta.published = date
                break
    for ln in head_zone:
        if ln is not byline_line and _is_caption(ln, True) and not ln.furniture:
            parts.append(("caption", ln.text))
    parts.extend((kind, line.text) for kind, line in body)
    meta.site_name = _site_name(lines)

    kept_indexes = {line.index for _k, line in body}
    if title_line is not None and title == title_line.text:
        kept_indexes.add(title_line.index)
    kept_texts = {text for kind, text in parts}
    dropped = [
        line.text
        for line in lines
        if line.index not in kept_indexes and line.text not in kept_texts
    ]
    return build_article(parts, meta, dropped)


def _is_caption(line: _Line, near_start: bool) -> bool:
    """A photo caption or credit: short and worded like one."""
    if line.words > 45:
        return False
    lowered = line.text.lower()
    if not _may_be_caption(lowered) or _CAPTION_HINT.search(lowered) is None:
        return False
    if _CAPTION.search(line.text) is None:
        return False
    return near_start or line.words <= 30


# --- the line model's cleaner ---------------------------------------------------------


def clean_copied_text(
    text: str, model: LineModel | None = None, check: CheckModel | None = None
) -> CleanArticle:
    """Turn text copied from a web page into a clean article.

    Which lines are the article is decided by :mod:`reader.core.line_model` (``model``,
    or the shipped one); the lines it keeps are then shaped as by the rules: block 0 is
    the headline, then byline, caption, heading, paragraph and list-item blocks in page
    order, and ``dropped`` lists every removed line.  The result's ``confidence`` is the
    F1 the page model of :mod:`reader.core.cleaning_check` (``check``, or the shipped
    one) expects of it, and it carries a ``warning`` when that is under the model's
    threshold.

    When the model keeps nothing usable but the page has lines of prose (in any
    script), those lines are returned, with a warning, rather than nothing.  Raises
    :class:`NoArticleError` (carrying the normalised text) only for a text without any
    line of running text: menus, links and labels only.
    """
    cleaned = clean_copied_text_labelled(text, model)
    article, labels = cleaned.article, cleaned.labels
    check = check or shipped_check_model()
    body_chars = len(article.body_text())
    confidence = expected_quality(labels, body_chars, check)
    if cleaned.fell_back:
        confidence = min(confidence, FALLBACK_CONFIDENCE)
    article.confidence = confidence
    article.warning = cleaning_warning(confidence, body_chars, labels.prose_chars, check.warn_below)
    return article


@dataclass(frozen=True, slots=True)
class LabelledCleaning:
    """A cleaned article with the line model's decision it was made from."""

    article: CleanArticle
    labels: LineLabels
    fell_back: bool  # the model kept nothing usable: the page's prose lines were taken


def clean_copied_text_labelled(text: str, model: LineModel | None = None) -> LabelledCleaning:
    """:func:`clean_copied_text` without its confidence and warning, with the line
    labels they are judged from (the page model's training reads these)."""
    normalised = normalize_text(text)
    lines = _lines(normalised)
    labels = label_lines(
        normalised, model, [line.furniture for line in lines], [line.tokenised for line in lines]
    )
    prose = {line.index for line, is_prose in zip(lines, labels.prose) if is_prose}
    kept = [line for line, keep in zip(lines, labels.article) if keep]
    body = _model_body(kept, _after_end_marker(lines), prose)
    fell_back = False
    if not _has_text(body, prose):
        fallback = [line for line in lines if line.index in prose and not line.furniture]
        if not fallback:
            raise NoArticleError(_ONLY_FURNITURE_MESSAGE, text=normalised)
        body = [("paragraph", line) for line in fallback]
        fell_back = True
    return LabelledCleaning(_assemble(lines, body), labels, fell_back)


def cleaning_warning(
    confidence: float, body_chars: int, input_prose_chars: int, warn_below: float
) -> str | None:
    """The one-line warning to show with a cleaned article, or None when all looks well.

    ``confidence`` is the F1 the page model expects of the result; under ``warn_below``
    the user is told, in the words of what is most likely wrong: too little kept, or
    the wrong lines.
    """
    if confidence >= warn_below:
        return None
    if input_prose_chars and body_chars < SHORT_SHARE * input_prose_chars:
        return (
            f"The cleaned article keeps {body_chars:,} characters of the "
            f"{input_prose_chars:,} of running text on the page: part of the article may "
            "have been dropped. Check the dropped lines and bring back what belongs."
        )
    return (
        f"The cleaner is unsure which lines are the article (confidence {confidence:.2f}: "
        f"pages like this come out about {confidence:.0%} right): check the result and "
        "the dropped lines."
    )


def _has_text(body: list[tuple[str, _Line]], prose: set[int]) -> bool:
    """Some running text, or enough short lines of it (a list, a recipe)."""
    if any(line.index in prose or line.prose for _kind, line in body):
        return True
    return sum(line.units for kind, line in body if kind != "heading") >= _MIN_BODY_WORDS


def _after_end_marker(lines: list[_Line]) -> set[int]:
    """Indexes of the lines that follow an end marker ("Related articles", "Comments")."""
    after: set[int] = set()
    for pos, line in enumerate(lines):
        if line.end_marker or (line.units <= 8 and END_MARKERS.match(_bare(line.text))):
            # Every later line follows it: no need to test them.
            after.update(later.index for later in lines[pos + 1 :])
            break
    return after


def _model_body(
    kept: list[_Line], after_marker: set[int], prose: set[int]
) -> list[tuple[str, _Line]]:
    """Block kinds for the lines the model kept; furniture by wording goes.

    After an end marker, only running text stays: the short lines there are teaser
    headlines, even where the model's context did not see the marker.
    """
    body: list[tuple[str, _Line]] = []
    kept = [
        line
        for line in kept
        if not (line.furniture or line.end_marker or END_MARKERS.match(_bare(line.text)))
        and (line.index not in after_marker or line.index in prose)
    ]
    for pos, line in enumerate(kept):
        nxt = kept[pos + 1] if pos + 1 < len(kept) else None
        if _BULLET.match(line.text) and line.words >= 3:
            body.append(("list_item", line))
        elif line.index in prose or line.prose:
            kind = "caption" if _is_caption(line, pos == 0) else "paragraph"
            body.append((kind, line))
        elif not line.alone and line.words >= 4 and line.sentence_end and not line.repeated:
            body.append(("list_item", line))
        elif (
            line.alone
            and 1 <= line.units <= 15
            and not line.sentence_end
            and nxt is not None
            and (nxt.index in prose or nxt.prose)
            and not _is_caption(line, False)
            and not _BYLINE.match(line.text)
        ):
            body.append(("heading", line))
        elif not _BYLINE.match(line.text) and not _is_caption(line, False):
            body.append(("paragraph", line))
    body = _peel_appeals(body)
    while body and body[-1][0] == "heading":
        body.pop()
    while body and body[0][0] == "heading":
        body.pop(0)
    return body
