"""Sentence splitting: each phenomenon of news prose, on fixtures written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.segment import sentence_spans


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_sample_article_paragraphs_give_the_expected_sentences(shared_dir: Path) -> None:
    sample = json.loads(
        (shared_dir / "samples" / "lavrov-kerry.expected.json").read_text(encoding="utf-8")
    )
    found = [sentence for paragraph in sample["paragraphs"] for sentence in split(paragraph)]
    assert found == sample["sentences"]


def test_golden_rules_all_pass(shared_dir: Path) -> None:
    rules = json.loads(
        (shared_dir / "bench" / "segmentation" / "golden_rules_en.json").read_text(encoding="utf-8")
    )
    failed = [
        rule["name"]
        for rule in rules
        if [s.strip() for s in split(rule["text"])] != [s.strip() for s in rule["sentences"]]
    ]
    assert failed == []


# Each case: the sentences, in order, that the joined text must split into.
CASES: dict[str, list[str]] = {
    "plain sentences": ["The dam held overnight.", "Engineers will inspect it today."],
    "question and exclamation": ["Was the dam safe?", "Nobody knew!", "Crews waited."],
    "quotes split at each sentence": [
        '"The bridge is closed for now," Mayor Ilse Brandt said.',
        '"We will reopen it when the engineers say so."',
    ],
    "attribution stays with its quote": [
        '"The pipeline is finished," the minister said, the state agency reported.',
        "Gas will flow next month.",
    ],
    "question quote with attribution": ['"Who pays for this?" Brandt asked reporters.'],
    "quote closed by a period then new sentence": [
        'She wrote, "The vote is final."',
        "The council disagreed.",
    ],
    "abbreviations mid sentence": [
        (
            "Mr. Hale and Mrs. Ibarra met Dr. Osei, Gen. Lund, Sen. Marr, Rep. Cole and "
            "Gov. Pratt on St. Anne's Day."
        ),
        "They spoke for an hour.",
    ],
    "U.S. before a proper noun": ["The U.S. Secretary of State flew to Oslo on Monday."],
    "U.S. at a sentence end": ["The envoy returned to the U.S.", "He said talks would resume."],
    "U.K. and U.N. at sentence ends": [
        "Rates were cut in the U.K.",
        "Later the U.N.",
        "That is all.",
    ],
    "company suffixes": [
        "Orwin Foods Inc. Chief Executive Lea Park resigned.",
        "The board thanked Brisk Ltd. and Moll Corp. for their help.",
        "The stake went to Tarn & Co.",
        "It was sold later.",
    ],
    "months and numbers after abbreviations": [
        "The rally is set for Jan. 12 at Gate No. 4, and the vote for Dec. 3.",
        "Tickets cost $10.5 million in total, or 3.14 times last year's.",
    ],
    "month at a sentence end": ["The plant closed in Jan.", "It reopened in March."],
    "vs. e.g. i.e. etc.": [
        "The case, Lind vs. Moreau, turned on fees (e.g. filing costs), i.e. money, tools, etc.",
        "The judge ruled on Friday.",
    ],
    "a.m. and p.m.": [
        "At 6 a.m. Mr. Hale left home.",
        "He reached the office at 9 p.m.",
        "Mr. Hale then slept.",
    ],
    "time followed by a weekday": ["The polls open at 7 a.m. Tuesday and close at 8 p.m."],
    "initials": [
        "J. R. R. Tolkien met John F. Kennedy in a novel by A. B. Smith.",
        "The book sold well.",
    ],
    "numbers at sentence ends": ["Turnout was 61.5%.", "In 2019 it was 58.", "That is a rise."],
    "ellipsis trailing into a new sentence": ["We waited...", "Then the rain came."],
    "ellipsis inside a sentence": ["He paused ... and went on, though . . . slowly."],
    "omission in brackets": ['"The plan [...] failed," she said.'],
    "em and en dashes": [
        "The talks — five hours long — ended at 9–10 p.m. on June 3–4.",
        "Nothing was agreed.",
    ],
    "URL at sentence end": ["Read it at www.example.org/report.html.", "It is long."],
    "e-mail address at sentence end": ["Write to desk.news@example.org.", "We reply fast."],
    "footnote mark stays with its sentence": [
        "The ship was converted. [18]",
        "It sailed again in 1921.[19]",
        "It sank later.",
    ],
    "parenthetical sentence": [
        "The vote passed (The speaker abstained.) by two votes.",
        "(Three members were absent.)",
        "The bill goes on.",
    ],
    "German quotes": ["„Das ist gut.“", "Er ging."],
    "guillemets": ["«C'est fini.»", "Il est parti."],
    "single curly quotes": ["‘We won.’", "She smiled.", "‘Did we?’ he asked."],
    "Yahoo! in a sentence": ["She works at Yahoo! in the ad unit."],
    "double punctuation": ["Really?!", "Yes!!", "Fine."],
    "lower case after a quote": ['"It is over." she said.'],
}


@pytest.mark.parametrize("expected", CASES.values(), ids=CASES.keys())
def test_news_phenomena_split_as_a_person_would(expected: list[str]) -> None:
    assert split(" ".join(expected)) == expected


def test_blank_line_always_ends_a_sentence() -> None:
    text = "The first block has no full stop\n\n  \nand the second starts in lower case"
    assert split(text) == [
        "The first block has no full stop",
        "and the second starts in lower case",
    ]


def test_headline_line_without_punctuation_is_its_own_sentence() -> None:
    text = "Flood Warnings Lifted Across the Valley\nRivers fell overnight. Roads reopen today."
    assert split(text) == [
        "Flood Warnings Lifted Across the Valley",
        "Rivers fell overnight.",
        "Roads reopen today.",
    ]


def test_list_items_on_lines_are_separate_sentences() -> None:
    text = "What changes:\n• fares rise\n• Night buses run\n- Two lines close"
    assert split(text) == [
        "What changes:",
        "• fares rise",
        "• Night buses run",
        "- Two lines close",
    ]


def test_soft_wrapped_line_stays_in_its_sentence() -> None:
    text = "The minister met the\nU.S. envoy, and\nThe Times reported it."
    assert split(text) == ["The minister met the\nU.S. envoy, and\nThe Times reported it."]


def test_numbered_list_in_one_line_is_split_at_each_marker() -> None:
    text = "1. Close the roads 2. Open shelters 3. Call the army"
    assert split(text) == ["1. Close the roads", "2. Open shelters", "3. Call the army"]


def test_item_number_in_prose_is_not_a_list() -> None:
    assert split("He read item 2. and item 3. aloud.") == ["He read item 2. and item 3. aloud."]


def test_spans_are_stripped_and_offsets_point_into_the_text() -> None:
    text = "  One.   Two?\n\n Three  "
    assert sentence_spans(text) == [(2, 6), (9, 13), (16, 21)]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(" \n\n\t ") == []


def test_carriage_return_line_ends_are_one_line_break() -> None:
    assert split("Rain fell.\r\nIt stopped.\r\n\r\nNew block") == [
        "Rain fell.",
        "It stopped.",
        "New block",
    ]


def test_cjk_full_stops_split_without_spaces() -> None:
    assert split("今日は雨です。明日は晴れ。") == ["今日は雨です。", "明日は晴れ。"]
