"""How sure the cleaner was, and the whole page to check its choice against.

The cleaners return a ``confidence`` and a one-line ``warning`` with every article
(:class:`~reader.core.models.CleanArticle`).  An import hands them on as a
:class:`Cleaning`, so the command line can warn on stderr and the window can say so
above the article.

When the cleaning is doubtful, the window shows the whole page (:func:`page_lines`):
the article's blocks and the lines the cleaner left out, in page order, so the user can
keep or drop any of them in one pass (:func:`set_block_choices`), through the same
block choices as the single "drop this paragraph" / "bring back line" controls.  The
same review can be asked for on any article later (:func:`cleaning_of` says what the
cleaner makes of it now).

What "doubtful" means is the cleaner's own verdict, not a threshold of ours: the
warning it worded.  The copied-text cleaner warns when the F1 its page model expects of
the result is under the model's threshold (:mod:`reader.core.cleaning_check`), the HTML
cleaner when its line model's confidence in the page is under its ``LOW_CONFIDENCE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.app.trash import refuse_if_trashed
from reader.core.models import BlockAction, CleanArticle
from reader.store import Library, ingest
from reader.store.library import UpdateReport


@dataclass(frozen=True)
class Cleaning:
    """How sure the cleaner was of an article it has just cleaned.

    ``confidence`` is in ``[0, 1]`` (None when the cleaner cannot tell); ``warning`` is
    the sentence for the user when the result should be checked, else None.
    """

    confidence: float | None = None
    warning: str | None = None

    @classmethod
    def of(cls, clean: CleanArticle) -> Cleaning:
        """The confidence and warning ``clean`` came with (see the module docstring)."""
        return cls(clean.confidence, clean.warning)

    @property
    def doubtful(self) -> bool:
        """Whether the user should check the result (the window's bar, the CLI's warning)."""
        return self.warning is not None


def record_cleaning(lib: Library, article_id: str, clean: CleanArticle) -> Cleaning:
    """How sure the cleaner was of ``clean``, just stored as ``article_id``: a doubtful
    cleaning is remembered until the user checks it (:func:`mark_checked`), so the
    window says so again whenever the article is opened; a confident one of a new input
    forgets any earlier doubt."""
    cleaning = Cleaning.of(clean)
    lib.set_cleaning_check(article_id, cleaning.confidence, cleaning.warning)
    return cleaning


def unchecked_cleaning(lib: Library, article_id: str) -> Cleaning | None:
    """The doubt about an article's cleaning that the user has not checked yet, if any."""
    found = lib.cleaning_check(article_id)
    return None if found is None else Cleaning(*found)


def mark_checked(lib: Library, article_id: str) -> None:
    """The user has checked the article's cleaning (applied a choice of lines, or said
    it is right): the window stops saying it is doubtful."""
    lib.set_cleaning_check(article_id, None, None)


@dataclass(frozen=True)
class PageLine:
    """One block of the article or one line the cleaner left out, in page order."""

    text: str
    kept: bool  # in the article now
    kind: str  # the block kind, or "dropped"
    choice: BlockAction | None  # the user's own choice on this text, if any
    # A left-out line of running text (a sentence or more, in any script): where a
    # cleaning that cut the article short is most likely wrong, so the review leads there.
    prose: bool = False

    @property
    def can_change(self) -> bool:
        """Whether the user may keep or drop it (the title always stays)."""
        return self.kind != "title"

    def action_to(self, keep: bool) -> BlockAction | None:
        """The block choice that makes this text kept (``keep``) or dropped.

        Going back to what the cleaner chose forgets the user's earlier choice (None);
        going against it is a ``"keep"`` or a ``"drop"``.
        """
        if keep:
            return None if self.choice == "drop" else "keep"
        return None if self.choice == "keep" else "drop"


def page_lines(lib: Library, article_id: str) -> list[PageLine]:
    """The whole page as the user reviews it: the title, then the article's blocks and
    the lines the cleaner (or the user) left out, in the order they stand in the input.

    A line that cannot be found in the input (an HTML page's text differs from its
    markup) stays after the line before it in its own sequence.
    """
    from reader.core.decode import decode_bytes
    from reader.core.line_model import is_prose_line
    from reader.core.normalize import normalize_text

    article = lib.get_article(article_id)
    overrides = lib.block_overrides(article_id)
    data, media_type = lib.raw_input(article_id)
    source = normalize_text(decode_bytes(data, media_type))
    texts = [article.text[b.start : b.end] for b in article.blocks]
    head: list[PageLine] = []
    blocks = list(zip(article.blocks, texts))
    if blocks and blocks[0][0].kind == "title":
        head = [PageLine(texts[0], True, "title", None)]
        blocks = blocks[1:]
    kept = [
        PageLine(text, True, block.kind, _choice(overrides.get(text))) for block, text in blocks
    ]
    seen = {line.text for line in kept}
    dropped: list[PageLine] = []
    for text in article.dropped:
        if text in seen or not text.strip():
            continue
        seen.add(text)
        choice = _choice(overrides.get(text))
        dropped.append(PageLine(text, False, "dropped", choice, is_prose_line(text)))
    keyed = _positions(kept, source, 0) + _positions(dropped, source, 1)
    keyed.sort(key=lambda item: item[:3])
    return head + [line for *_key, line in keyed]


def _choice(value: str | None) -> BlockAction | None:
    if value == "drop":
        return "drop"
    if value == "keep":
        return "keep"
    return None


def _positions(
    lines: list[PageLine], source: str, sequence: int
) -> list[tuple[float, int, int, PageLine]]:
    """Each line with where it stands in ``source`` (a line not found: just after the
    one before it).

    ``lines`` are in page order already, so each is looked for after the one before it
    first: a menu entry repeated in the footer is placed where it stands, not at the top.
    """
    out: list[tuple[float, int, int, PageLine]] = []
    last = -1.0
    after = 0
    for order, line in enumerate(lines):
        needle = line.text.split("\n")[0]
        found = source.find(needle, after)
        if found < 0:
            found = source.find(needle)
        if found >= 0:
            last, after = float(found), found + len(needle)
        else:
            last += 1e-3
        out.append((last, sequence, order, line))
    return out


def cleaning_of(lib: Library, article_id: str) -> Cleaning:
    """How sure the current cleaner is of an article: its stored input cleaned again
    (without the user's choices, and without storing anything).

    An article kept whole after no article was found in it gets a warning that says so.
    """
    from reader.core.errors import NoArticleError
    from reader.core.models import RawInput

    article = lib.get_article(article_id)
    data, media_type = lib.raw_input(article_id)
    raw = RawInput(data, media_type, article.origin, None, article.meta.url)
    try:
        return Cleaning.of(ingest.clean_document(raw))
    except NoArticleError:
        return Cleaning(
            0.0,
            "The cleaner finds no article in this text: it was kept whole, every line a "
            "paragraph. Untick the lines that are not part of the article.",
        )


def set_block_choices(
    lib: Library, article_id: str, choices: Mapping[str, BlockAction | None]
) -> UpdateReport:
    """Store several block choices (``"drop"``, ``"keep"`` or None to forget) and clean
    the article once; one new version holds them all."""
    for text, action in choices.items():
        if action is not None and action not in ("drop", "keep"):
            raise ValueError(f"unknown block action {action!r}")
    refuse_if_trashed(lib, article_id)
    for text, action in choices.items():
        lib.set_block_override(article_id, text, action)
    report = ingest.reclean(lib, article_id)
    mark_checked(lib, article_id)  # the whole page was reviewed in one pass
    return report
