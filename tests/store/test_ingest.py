from __future__ import annotations

from reader.core.models import RawInput
from reader.store import Library
from reader.store.ingest import import_document, reclean

PAGE = (
    "Night Bus Service Extended\n\n"
    "The night bus will run until four in the morning from next month, the transport "
    "authority said on Tuesday.\n\n"
    "Share this article\n\n"
    "Drivers' unions said they had agreed to the new rota after two weeks of talks with "
    "the authority.\n"
)


def test_a_line_brought_back_returns_to_its_place_and_survives_re_cleaning():
    lib = Library(":memory:")
    aid = import_document(lib, RawInput(PAGE.encode(), "text/plain", "bus.txt"))
    art = lib.get_article(aid)
    assert "Share this article" in art.dropped
    lib.set_block_override(aid, "Share this article", "keep")
    reclean(lib, aid)
    texts = lib.get_article(aid).block_texts()
    assert texts.index("Share this article") == 2  # between the two paragraphs
    reclean(lib, aid)
    assert lib.get_article(aid).block_texts() == texts


def test_a_dropped_block_stays_dropped_after_re_cleaning():
    lib = Library(":memory:")
    aid = import_document(lib, RawInput(PAGE.encode(), "text/plain", "bus.txt"))
    unions = next(t for t in lib.get_article(aid).block_texts() if t.startswith("Drivers"))
    lib.set_block_override(aid, unions, "drop")
    reclean(lib, aid)
    reclean(lib, aid)
    art = lib.get_article(aid)
    assert unions not in art.text
    assert unions in art.dropped
