"""The page-shape rules applied after the line model (reader.core.line_rules)."""

from __future__ import annotations

import numpy as np

from reader.core.clean_text import clean_copied_text
from reader.core.line_model import is_prose_line, is_reply_row, line_units
from reader.core.line_rules import may_rescue, rescue_before_thread, trim_edges

# A Thai page of our own: three one-word menu entries above the headline, a share
# button below the last paragraph.
THAI_MENU_PAGE = """หน้าหลัก
ข่าว
กีฬา
เข้าสู่ระบบ

ตลาดน้ำเปิดใหม่ริมคลองดึงนักท่องเที่ยว

ตลาดน้ำแห่งใหม่ริมคลองเปิดให้บริการเมื่อวันเสาร์ที่ผ่านมา มีร้านค้ากว่าหกสิบร้านขายอาหารพื้นบ้านและงานฝีมือ ผู้จัดกล่าวว่าตลาดจะเปิดทุกสุดสัปดาห์ไปจนถึงปลายปี

ชาวบ้านในชุมชนบอกว่าตลาดช่วยให้มีรายได้เพิ่มขึ้น แต่ก็กังวลเรื่องขยะและที่จอดรถ ทางเขตจึงเตรียมจัดถังขยะแยกประเภทและพื้นที่จอดรถชั่วคราวไว้ให้

เจ้าหน้าที่เขตคาดว่าจะมีผู้มาเที่ยวหลายพันคนในแต่ละสุดสัปดาห์ และขอให้ผู้มาเยือนใช้รถโดยสารสาธารณะ

แชร์
"""


def _arrays(texts: list[str]) -> tuple[np.ndarray, list[bool]]:
    return np.array([line_units(t) for t in texts]), [is_prose_line(t) for t in texts]


def test_one_word_thai_menu_entries_and_share_button_are_dropped() -> None:
    article = clean_copied_text(THAI_MENU_PAGE)
    body = article.body_text()
    assert "ตลาดน้ำแห่งใหม่ริมคลอง" in body
    for word in ("ข่าว\n", "กีฬา", "เข้าสู่ระบบ", "แชร์"):
        assert word not in body + "\n"


def test_short_line_followed_by_prose_is_kept_as_a_heading() -> None:
    texts = [
        "Home",
        "Ferry plan",
        "The ferry committee met on Monday and agreed, after a long debate, that the plan "
        "would go ahead in spring.",
        "Share",
    ]
    units, prose = _arrays(texts)
    assert trim_edges([True] * 4, texts, units, prose) == [False, True, True, False]


def test_short_list_items_and_sentence_ends_at_the_bottom_stay() -> None:
    texts = [
        "Mix the flour and the butter, then add the milk slowly while stirring well.",
        "- two eggs",
        "Serve warm.",
    ]
    units, prose = _arrays(texts)
    assert trim_edges([True, True, False], texts, units, prose) == [True, True, False]
    assert trim_edges([True, False, True], texts, units, prose) == [True, False, True]


def test_run_of_only_short_lines_is_left_alone() -> None:
    texts = ["flour", "butter", "milk"]
    units, prose = _arrays(texts)
    assert trim_edges([True] * 3, texts, units, prose) == [True] * 3


def test_kept_thread_gives_way_to_the_believed_paragraph_before_it() -> None:
    units = np.array([1.0, 2.0, 30.0, 3.0, 40.0, 3.0, 40.0, 3.0, 40.0])
    prob = np.array([0.1, 0.2, 0.6, 0.7, 0.9, 0.7, 0.9, 0.7, 0.9])
    path = [False, False, False, True, True, True, True, True, True]
    assert rescue_before_thread(path, units, prob, 3) == [
        False,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]


def test_thread_is_kept_when_nothing_before_it_is_believed_prose() -> None:
    units = np.array([1.0, 2.0, 30.0, 3.0, 40.0, 3.0, 40.0])
    prob = np.array([0.1, 0.2, 0.3, 0.7, 0.9, 0.7, 0.9])
    path = [False, False, False, True, True, True, True]
    assert rescue_before_thread(path, units, prob, 3) == path


def test_thread_after_a_kept_article_is_left_to_the_thread_cut() -> None:
    units = np.array([30.0, 30.0, 3.0, 40.0])
    prob = np.array([0.9, 0.9, 0.7, 0.9])
    path = [True, True, True, True]
    assert rescue_before_thread(path, units, prob, 2) == path


def _comment(n: int) -> str:
    return (
        f"Comment (Score:{n})\n"
        f"by reader{n} ({1000 + n}) on Monday June 3, @10:1{n}AM\n"
        f"I think the committee was right to wait, point {n} of my long list of reasons, "
        "and the budget will show it within a year or two at the latest.\n"
        "Reply to This Parent Share\n"
    )


THREAD_PAGE = (
    "Ferry plan approved\n"
    "Posted by editor on Monday June 3\n"
    "The ferry committee met on Monday and agreed, after a long and heated debate, that "
    "the new plan would go ahead in spring with a smaller budget than first proposed.\n"
    + "\n".join(f"Other story number {k} on the same site" for k in range(6))
    + "\n"
    + "".join(_comment(n) for n in range(1, 7))
)


def test_comment_thread_with_reply_rows_is_dropped_for_the_one_line_article() -> None:
    body = clean_copied_text(THREAD_PAGE).body_text()
    assert "ferry committee met on Monday" in body
    assert "point 3 of my long list" not in body


def test_reply_row_is_a_reply_button_leading_a_few_actions() -> None:
    assert is_reply_row("Reply")
    assert is_reply_row("Reply to This Parent Share")
    assert not is_reply_row("Reply hazy, the committee said, and asked again in the spring.")


SCHEDULE_PAGE = "Autumn evening classes\n\n" + "\n\n".join(
    f"Class {n}\nTuesday, October {10 + n} at 7:30pm | Teacher: Sam\n"
    f"In this class number {n} we look at how bread rises, why the dough needs time, and "
    "how to shape a loaf that keeps its form in the oven."
    for n in range(1, 6)
)


def test_schedule_with_times_of_day_is_not_cut_as_a_thread() -> None:
    body = clean_copied_text(SCHEDULE_PAGE).body_text()
    for n in range(1, 6):
        assert f"class number {n} we look" in body


SEE_ALSO_PAGE = (
    "Ferry plan approved\n\n"
    + "\n\n".join(
        f"The ferry committee met for the {n}th time on Monday and agreed, after a long "
        "and sometimes heated debate, that the plan would go ahead in spring with a "
        "smaller budget than first proposed."
        for n in range(4, 8)
    )
    + "\n\nSee also\n\n"
    + "\n\n".join(
        f"Harbour workers vote on the new timetable, and the union asks for talks number {k}"
        for k in range(3)
    )
    + "\n"
)


def test_teasers_after_a_see_also_title_are_dropped() -> None:
    body = clean_copied_text(SEE_ALSO_PAGE).body_text()
    assert "the 7th time on Monday" in body
    assert "Harbour workers" not in body
    assert "See also" not in body


def test_thread_search_is_skipped_only_when_no_rescue_could_apply() -> None:
    units = np.array([1.0, 2.0, 30.0, 3.0, 40.0, 3.0, 40.0])
    believed = np.array([0.1, 0.2, 0.6, 0.7, 0.9, 0.7, 0.9])
    thread_kept = [False, False, False, True, True, True, True]
    assert may_rescue(thread_kept, units, believed)
    assert not may_rescue([False, False, True] + [True] * 4, units, believed)
    assert not may_rescue(thread_kept, units, np.array([0.1, 0.2, 0.3] + [0.9] * 4))
