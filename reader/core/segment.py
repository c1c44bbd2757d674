"""Sentence spans with exact offsets, for English news prose.

``sentence_spans(text)`` returns ``(start, end)`` pairs such that ``text[start:end]`` is
a sentence with no surrounding whitespace.  Spans are in order, never overlap, never
cross a blank line, and together cover every non-space character of ``text``.  Notes
anchor to these offsets, so the function works on any string: it never raises and its
running time is linear in the length of the input.

How it decides
--------------
The text is cut in three steps, each cheaper and more local than the next:

1. **Blocks.**  A blank line (a line break, optional spaces, a line break) always ends a
   sentence: in the clean text it separates blocks (title, paragraphs, captions).  Line
   breaks are those of ``str.splitlines`` ("\\r\\n" counts once).
2. **Lines and list items inside a block.**  A single line break ends a sentence when
   the line before it looks like a headline or a list item: it has no final
   punctuation, does not end with a comma, dash or joining word ("of", "the", "and"),
   and the next line does not start in lower case.  A line that ends in punctuation is
   left to step 3, so hard-wrapped prose ("the U.S.\\nSecretary of State") stays whole.
   A block that opens with a list marker ("1.", "2)", "a.", "1.)") is cut before each
   following marker in sequence, and a bullet ("•") after a space starts a new item.
3. **Sentence ends.**  One precompiled regex finds each run of terminal punctuation
   (``. ! ? …`` and their CJK forms).  The closing quotes and brackets right after it and
   a footnote mark ("[18]") belong to the sentence.  Whitespace must follow (except
   after a CJK full stop).  Then a decision function looks at the token before the run
   and the word after it:

   - a lower-case next word never starts a sentence ("'Great!' she said", "Yahoo! in",
     "Co. at noon");
   - "?" and "!" end the sentence otherwise, unless they close a quotation that an
     attribution follows ("Why now?" Lavrov asked.);
   - after a period, the token before decides: an ordinary word or a number ends the
     sentence; a title ("Mr.", "Gen.", "Sen.") never does; another abbreviation
     ("U.S.", "Inc.", "Jan.", an initial "F.") ends it only when the next word is a
     typical sentence starter ("in the U.S. He said" vs "the U.S. Secretary of State",
     "Briggs & Co. It closed" vs "John F. Kennedy"), and never before a number
     ("No. 10");
   - "a.m."/"p.m." before a capitalised word end the sentence unless the clock time
     opened it ("At 5 a.m. Mr. Smith left.") or a day, month or time zone follows;
   - ellipses follow the two conventions in use: three spaced dots (" . . . ") mark an
     omission inside a sentence and a fourth dot ends it; an unspaced "..." or "…" ends
     a sentence when a sentence starter follows; "[...]" is always an omission.

Everything the rules need (abbreviations, titles, sentence starters, verbs of saying)
lives in :mod:`reader.core._segment_words` as frozensets.  Regexes are either anchored
matches of bounded length or scans whose alternatives cannot overlap, so nothing can
backtrack catastrophically; each token the decision looks at is bounded in length.
"""

from __future__ import annotations

import re

from reader.core import _segment_words as words

__all__ = ["sentence_spans"]

# The characters ``str.splitlines`` treats as line ends; "\r\n" counts as one.
_LINE_BREAK_CLASS = "\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = f"(?:\r\n|\r(?!\n)|[{_LINE_BREAK_CLASS}])"
_ANY_LINE_BREAK = re.compile(f"[\r{_LINE_BREAK_CLASS}]")
_SINGLE_LINE_BREAK = re.compile(_LINE_BREAK)
# A line break, then one or more (spaces-only line, line break): a blank line.  The space
# class excludes line breaks, so the repetition is deterministic.
_BLANK_LINE = re.compile(f"{_LINE_BREAK}(?:[^\\S\r{_LINE_BREAK_CLASS}]*{_LINE_BREAK})+")
_NON_SPACE = re.compile(r"\S")

_TERMINATOR_CHARS = ".!?…‼⁇⁈⁉。！？．｡"
_CJK_TERMINATORS = frozenset("。！？｡")
# Closing quotes and brackets that stay with the sentence they close.  "“" closes German
# quotations („…“); directly after a period it cannot be an opening quote.
_CLOSERS_CHARS = "\"'”’“»›)]}"
# A run of terminal punctuation.  Only a run that closing marks and then whitespace, a
# footnote or the end follow can end a sentence (or one holding a CJK full stop, which
# needs no space); that is checked on the character after the run, which is cheaper than
# a lookahead and cannot backtrack.
_TERMINATOR = re.compile(f"[{re.escape(_TERMINATOR_CHARS)}]+")
_MAY_FOLLOW_TERMINATOR = frozenset(
    _CLOSERS_CHARS + "[\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
)
# Spaced dots after a period: " . . ." (the scholarly ellipsis).
_SPACED_DOTS = re.compile(r"(?: \.)+")
_CLOSERS = re.compile(f"[{re.escape(_CLOSERS_CHARS)}]*")
_QUOTE_CLOSERS = frozenset("\"'”’“»›")
_PURE_QUOTE_CLOSERS = frozenset("”’»›")
# Footnote marks after the period stay with the sentence ("converted. [18]"): a bracketed
# reference without sentence punctuation ("[18]", "[Al-Maidah 2]") or superscript digits.
_FOOTNOTE = re.compile(r"(?: ?\[[^\[\].!?\n]{1,40}\])+|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_FOOTNOTE_FIRST = "[\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_WHITESPACE = re.compile(r"\s*")
# Openers before the next word, and the word itself (bounded: only its start matters).
_OPENERS = "\"'“‘„«‹([{¡¿—–-"
_NEXT_WORD = re.compile(f"([{re.escape(_OPENERS)}\\s]{{0,20}})(\\w{{0,40}})")
_QUOTE_OPENERS = frozenset("\"'“‘„«‹")
# A name of up to four capitalised words and a verb of saying: the attribution of a quote.
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]{0,30}\s+){0,4}(?:" + "|".join(sorted(words.SPEECH_VERBS)) + r")\b(?!\s*:)"
)
# What a sentence so far may be when its period belongs to a list marker: "1", "b", "iv",
# optionally after a bullet or an opening bracket.
_MARKER_ONLY = re.compile(r"[•⁃▪●◦‣■*\-–]?\s*\(?(?:\d{1,3}|[^\W\d_]|[ivxlc]{2,5}|[IVXLC]{2,5})")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_BULLETS = "•⁃▪●◦‣■"
_BULLET = re.compile(f"[{_BULLETS}]")
_LIST_MARKER = re.compile(f"(?:[{_BULLETS}]\\s*)?(\\d{{1,3}}|[a-z])(\\.\\)|\\)|\\.)(?=\\s)")
_COMPOUND_SEPARATOR = re.compile(r"[-/]")
_LINE_CONTINUATION_CHARS = frozenset(",;-–—/&(+=")

# Bounds on how far a decision looks, which keep the scan linear on pathological input.
_TOKEN_LOOKBACK = 64
_FRONTED_TIME_LOOKBACK = 40

_LOWER, _UPPER, _DIGIT, _OTHER, _NOTHING = range(5)


def _match_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """End of ``pattern`` matched at ``start``, or ``start``; for patterns that may be empty."""
    found = pattern.match(text, start, end)
    return start if found is None else found.end()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` span of every sentence of ``text``, in order.

    ``text[start:end]`` is the sentence without surrounding whitespace.  Spans never
    overlap, never cross a blank line, and cover every non-space character.  Works on
    any string (empty, control characters, any script) and never raises.
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        for segment_start, segment_end in _segments(text, block_start, block_end):
            _split_segment(text, segment_start, segment_end, spans)
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to exclude leading and trailing whitespace."""
    found = _NON_SPACE.search(text, start, end)
    if found is None:
        return end, end
    start = found.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str) -> list[tuple[int, int]]:
    """Stripped, non-empty stretches of ``text`` between blank lines."""
    pieces: list[tuple[int, int]] = []
    position = 0
    if _ANY_LINE_BREAK.search(text) is not None:
        for blank in _BLANK_LINE.finditer(text):
            pieces.append((position, blank.start()))
            position = blank.end()
    pieces.append((position, len(text)))
    blocks: list[tuple[int, int]] = []
    for start, end in pieces:
        start, end = _strip(text, start, end)
        if start < end:
            blocks.append((start, end))
    return blocks


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a block at headline-like line ends, list markers and bullets."""
    line_starts = [start]
    if _ANY_LINE_BREAK.search(text, start, end) is not None:
        for line_break in _SINGLE_LINE_BREAK.finditer(text, start, end):
            following = _NON_SPACE.search(text, line_break.end(), end)
            if following is None:
                break
            tail = text[max(start, line_break.start() - _TOKEN_LOOKBACK) : line_break.start()]
            if _line_end_ends_sentence(tail, text[following.start()]):
                line_starts.append(following.start())
    cuts = set(line_starts)
    line_starts.append(end)
    for index in range(len(line_starts) - 1):
        region_start, region_end = line_starts[index], line_starts[index + 1]
        cuts.update(_list_item_starts(text, region_start, region_end))
        for bullet in _BULLET.finditer(text, region_start, region_end):
            if bullet.start() > region_start and text[bullet.start() - 1].isspace():
                cuts.add(bullet.start())
    ordered = sorted(cuts)
    ordered.append(end)
    segments: list[tuple[int, int]] = []
    for index in range(len(ordered) - 1):
        piece = _strip(text, ordered[index], ordered[index + 1])
        if piece[0] < piece[1]:
            segments.append(piece)
    return segments


def _line_end_ends_sentence(line_tail: str, next_line_first: str) -> bool:
    """Whether a single line break ends a sentence (headline, list item, caption)."""
    tail = line_tail.rstrip()
    if not tail or next_line_first.islower():
        return False
    # A line ending in punctuation is prose: the sentence-end rules decide there.
    unquoted = tail.rstrip(_CLOSERS_CHARS)
    if unquoted and unquoted[-1] in _TERMINATOR_CHARS:
        return False
    if tail[-1] in _LINE_CONTINUATION_CHARS:
        return False
    last_word = tail.rsplit(None, 1)[-1]
    return last_word.lower() not in words.JOINING_WORDS


def _next_label(label: str) -> str | None:
    """The list label after ``label``: "3" after "2", "c" after "b"."""
    if label.isdigit():
        return str(int(label) + 1)
    if label < "z":
        return chr(ord(label) + 1)
    return None


def _list_item_starts(text: str, start: int, end: int) -> list[int]:
    """Where the items of a list that opens at ``start`` begin (after the first one).

    Only a line that begins with a marker is a list, and only the next marker in
    sequence (with the same punctuation) starts an item, so "item 2." in prose that
    does not open with "1." is never cut.
    """
    first = _LIST_MARKER.match(text, start, end)
    if first is None:
        return []
    label: str | None = first.group(1)
    punctuation = first.group(2)
    starts: list[int] = []
    position = first.end()
    while label is not None:
        label = _next_label(label)
        if label is None:
            break
        needle = label + punctuation
        found = text.find(needle, position, end)
        while found != -1 and not _is_marker_at(text, found, len(needle), end):
            found = text.find(needle, found + 1, end)
        if found == -1:
            break
        item_start = found
        before = found - 1
        while before > position and text[before].isspace():
            before -= 1
        if text[before] in _BULLETS and text[before - 1].isspace():
            item_start = before
        starts.append(item_start)
        position = found + len(needle)
    return starts


def _is_marker_at(text: str, index: int, length: int, end: int) -> bool:
    """Whether the label at ``index`` stands alone: space (or a bullet) before, space after."""
    before, after = text[index - 1], index + length
    return (before.isspace() or before in _BULLETS) and after < end and text[after].isspace()


def _next_word(text: str, start: int, end: int) -> tuple[str, str]:
    """The opening quotes or brackets at ``start`` and the word after them."""
    found = _NEXT_WORD.match(text, start, end)
    if found is None:
        return "", ""
    return found.group(1), found.group(2)


def _word_kind(word: str) -> int:
    """Classify the next word by its first character: lower, upper, digit, other, none."""
    if not word:
        return _NOTHING
    first = word[0]
    if first.islower():
        return _LOWER
    if first.isdigit():
        return _DIGIT
    if first.isupper() or first.istitle():
        return _UPPER
    return _OTHER


def _split_segment(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentences of ``text[start:end]`` (stripped, one line run) to ``spans``."""
    sentence_start = start
    position = start
    while True:
        found = _TERMINATOR.search(text, position, end)
        if found is None:
            break
        run_start, run_end = found.span()
        run = found.group()
        position = run_end
        if run_end >= end:
            break
        after = text[run_end]
        if not (
            after.isspace()
            or after in _MAY_FOLLOW_TERMINATOR
            or not _CJK_TERMINATORS.isdisjoint(run)
        ):
            continue  # "3.14", "U.S.-led", "example.com": not a sentence end
        if (
            run_start > start
            and text[run_start - 1] in "[("
            and run_end < end
            and text[run_end] in "])"
        ):
            continue  # "[...]", "(!)": an omission or aside, never a sentence end
        sentence_end = -1  # where the sentence ends if this run ends it
        is_dots = run.strip(".") == ""
        spaced = None
        if is_dots and text.startswith(" .", run_end):
            spaced = _SPACED_DOTS.match(text, run_end, end)
        if spaced is not None:
            extra_dots = (spaced.end() - run_end) // 2
            attached = run_start > start and not text[run_start - 1].isspace()
            after_dots = spaced.end()
            position = after_dots
            closers_end = _match_end(_CLOSERS, text, after_dots, end)
            if attached and len(run) == 1 and extra_dots >= 3 and closers_end == after_dots:
                # "compounds. . . . The": the period ends the sentence and the omission
                # opens the next one, when a new sentence follows.
                next_start = _match_end(_WHITESPACE, text, after_dots, end)
                kind = _word_kind(_next_word(text, next_start, end)[1])
                if next_start < end and kind not in (_LOWER, _NOTHING):
                    spans.append((sentence_start, run_end))
                    sentence_start = run_end + 1
                continue
            if len(run) + extra_dots < 4 and closers_end == after_dots:
                continue  # " . . . " marks an omission inside the sentence
            run_end = after_dots
            run = "...."
        # Cheap character tests guard the regex calls: this loop runs once per candidate.
        closers_end = run_end
        if run_end < end and text[run_end] in _CLOSERS_CHARS:
            closers_end = _match_end(_CLOSERS, text, run_end, end)
        closers_end = _detached_quote_end(text, closers_end, end)
        mark_end = closers_end
        if text.startswith(" [", mark_end) or (
            mark_end < end and text[mark_end] in _FOOTNOTE_FIRST
        ):
            mark_end = _match_end(_FOOTNOTE, text, mark_end, end)
        if mark_end >= end:
            break
        position = max(position, mark_end)
        if not text[mark_end].isspace():
            if _CJK_TERMINATORS.isdisjoint(run):
                continue
            next_start = mark_end
        elif mark_end + 1 < end and not text[mark_end + 1].isspace():
            next_start = mark_end + 1
        else:
            next_start = _match_end(_WHITESPACE, text, mark_end, end)
        if _ends_sentence(
            text, start, sentence_start, run_start, run, run_end, closers_end, next_start, end
        ):
            sentence_end = mark_end
        if sentence_end != -1:
            spans.append((sentence_start, sentence_end))
            sentence_start = next_start
            position = next_start
    if sentence_start < end:
        spans.append((sentence_start, end))


def _detached_quote_end(text: str, position: int, end: int) -> int:
    """Extend past a closing quote set off by a space: 'ourselves? " she wrote'.

    A mark that only closes (” ’ » ›) always belongs to the sentence before; one that
    may also open (" ' “) does only when a lower-case word follows it.
    """
    if not (
        position + 2 < end
        and text[position] == " "
        and text[position + 1] in _QUOTE_CLOSERS
        and text[position + 2].isspace()
    ):
        return position
    if text[position + 1] in _PURE_QUOTE_CLOSERS:
        return position + 2
    following = _NON_SPACE.search(text, position + 2, end)
    if following is not None and text[following.start()].islower():
        return position + 2
    return position


def _ends_sentence(
    text: str,
    segment_start: int,
    sentence_start: int,
    run_start: int,
    run: str,
    run_end: int,
    closers_end: int,
    next_start: int,
    end: int,
) -> bool:
    """Decide whether the punctuation run ``run`` at ``run_start`` ends a sentence."""
    openers, next_word = _next_word(text, next_start, end)
    word_end = next_start + len(openers) + len(next_word)
    kind = _word_kind(next_word)
    if kind == _LOWER or run_start == sentence_start:
        return False  # a lower-case word continues the sentence; punctuation alone is none
    quoted = any(char in _QUOTE_CLOSERS for char in text[run_end:closers_end])
    opens_quote = any(char in _QUOTE_OPENERS for char in openers)
    initial = len(next_word) == 1 and word_end < end and text[word_end] == "."
    starter = not initial and (
        next_word in words.SENTENCE_STARTERS or (opens_quote and kind == _UPPER)
    )

    if "?" in run or "!" in run or not _CJK_TERMINATORS.isdisjoint(run):
        # A name and a verb of saying after a closed quotation are its attribution.
        if quoted and kind == _UPPER and not opens_quote:
            return _ATTRIBUTION.match(text, next_start, end) is None
        return True

    dots = run.count(".") + run.count("．") + 3 * run.count("…")
    if dots >= 3:
        if dots >= 4 or quoted:
            if quoted and kind == _UPPER and not starter and not opens_quote:
                return _ATTRIBUTION.match(text, next_start, end) is None
            return True
        return starter

    # A single period (or two).  A sentence cannot be a bare list marker: "1.", "b.".  A
    # quotation closed by a period is a whole sentence even when a name follows
    # ("'It is done.' Smith agreed: ..."), so no attribution check here.
    if run_start - sentence_start <= 6 and _MARKER_ONLY.fullmatch(text, sentence_start, run_start):
        return False
    window_start = max(segment_start, run_start - _TOKEN_LOOKBACK)
    parts = text[window_start:run_start].rsplit(None, 1)
    token = parts[-1].lstrip(_OPENERS) if parts else ""
    if "-" in token or "/" in token:
        token = _COMPOUND_SEPARATOR.split(token)[-1]
    return _period_ends_sentence(text, token, kind, next_word, starter, sentence_start, run_start)


def _period_ends_sentence(
    text: str,
    token: str,
    kind: int,
    next_word: str,
    starter: bool,
    sentence_start: int,
    run_start: int,
) -> bool:
    """Decide a period after ``token`` followed by a word of ``kind`` (not lower case)."""
    if not token:
        return True
    if token in words.PREPOSED_TITLES:
        return False
    if token in words.AMBIGUOUS_TITLES:
        return starter
    lowered = token.lower()
    if lowered in words.NEVER_FINAL:
        return False
    if lowered in words.TIMES_OF_DAY:
        if kind == _DIGIT or next_word in words.TIME_FOLLOWERS:
            return False
        if starter:
            return True
        if kind != _UPPER:
            return False
        return not _opens_with_time_phrase(text, sentence_start, run_start)
    if lowered == "etc":
        return kind != _DIGIT
    if len(token) == 1 and token.isalpha() and not ("A" <= token <= "Z"):
        # "p. 55", "b. 1950", "500 г. Томаты": a lower-case or non-Latin letter is a unit
        # or a reference, not an English initial; a capital after it starts a sentence.
        return kind != _DIGIT
    is_abbreviation = (
        (
            lowered in words.ABBREVIATIONS
            and (lowered not in words.CAPITALISED_ONLY or token[0].isupper())
        )
        or (len(token) == 1 and token.isalpha())
        or _ACRONYM.fullmatch(token) is not None
    )
    if is_abbreviation:
        return kind != _DIGIT and starter
    return True


def _opens_with_time_phrase(text: str, sentence_start: int, run_start: int) -> bool:
    """Whether the sentence so far is only a fronted clock time: "At 5 a.m."."""
    if run_start - sentence_start > _FRONTED_TIME_LOOKBACK:
        return False
    so_far = text[sentence_start:run_start].split()
    return len(so_far) <= 4 and so_far[0].lower().lstrip(_OPENERS) in words.TIME_PREPOSITIONS
