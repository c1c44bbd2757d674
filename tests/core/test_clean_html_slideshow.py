"""clean_html sets a slideshow's numbered slides aside; a numbered list stays."""

from __future__ import annotations

from reader.core.clean_html import clean_html

_PARAGRAPHS = [
    "The county water board agreed on Thursday to replace the lead pipes under the old "
    "market district, a job its engineers expect to take three summers and to cost about "
    "four million.",
    "Householders will be told a fortnight before their street is dug up, and the board "
    "says it will deliver bottled water to anyone whose supply is cut for more than a day.",
    "Shopkeepers on the square asked for the work to pause in December, when the "
    "Christmas market brings most of their trade, and the board said it would consider it.",
    "A public meeting on the timetable will be held at the corn exchange next Tuesday "
    "evening, with the engineers and the board's chair answering questions from residents.",
]
_SLIDES = [
    "Mill reopens as a museum. The old flour mill on the canal opened its doors to visitors "
    "again after a restoration that took volunteers nearly ten years to finish.",
    "Bakery wins regional prize. A family bakery in the high street won the regional bread "
    "award for its sourdough, beating more than two hundred entries from across the county.",
    "Ferry timetable changes. The river ferry will run every twenty minutes at weekends from "
    "next month, after the operator added a second boat to meet the summer demand.",
    "Allotments get new water tanks. Gardeners on the north allotments will share six new "
    "rainwater tanks paid for by a grant from the parish council's small projects fund.",
]


def _page(middle: str) -> str:
    paragraphs = [f"<p>{p}</p>" for p in _PARAGRAPHS]
    return (
        '<html lang="en"><head><title>Lead pipes to be replaced</title></head><body>'
        "<article><h1>Lead pipes to be replaced</h1>"
        + "".join(paragraphs[:2])
        + middle
        + "".join(paragraphs[2:])
        + "</article></body></html>"
    )


def test_numbered_slides_of_a_gallery_are_set_aside() -> None:
    total = len(_SLIDES)
    gallery = "".join(
        f"<div class='slide'><p>{i}/{total} {slide}</p></div>"
        for i, slide in enumerate(_SLIDES, start=1)
    )
    article = clean_html(_page(f"<div class='gallery'>{gallery}</div>"))
    body = article.body_text()
    assert "lead pipes under the old market district" in body
    assert "corn exchange next Tuesday" in body
    for slide in _SLIDES:
        assert slide[30:70] not in body
    assert any(slide[30:70] in dropped for slide in _SLIDES for dropped in article.dropped)


def test_two_numbered_paragraphs_are_not_a_slideshow() -> None:
    middle = "".join(f"<p>{i}/2 {slide}</p>" for i, slide in enumerate(_SLIDES[:2], start=1))
    body = clean_html(_page(middle)).body_text()
    assert _SLIDES[0][30:70] in body
    assert _SLIDES[1][30:70] in body
