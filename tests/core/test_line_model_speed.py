"""The line model's quick paths answer exactly as the plain forms they stand in for."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from reader.core import line_model
from reader.core.line_model import viterbi

DATE_CASES = [
    "Posted 2012-05-03 at noon",
    "on 3/5/2012 and 03.05.12",
    "at 9:41 pm",
    "a9:41 is not a time",
    "in 1999, then 2020",
    "x1999 and 19999 are not years",
    "2024年5月3日",
    "May 3, 2012",
    "SEPT. 12",
    "\u017fep 12",  # a long s is an s to the case-blind pattern
    "Amay 3 is not a date",
    "3 December",
    "12 dec",
    "2 hours ago",
    "15 MINUTES AGO",
    "5 weeks  ago now",
    "page 12 of 40",
    "call 555 0199",
    "_5 May",
    "January",
    "",
]


@pytest.mark.parametrize("text", DATE_CASES)
def test_quick_date_test_agrees_with_the_date_pattern(text: str) -> None:
    assert line_model._dateish(text) == (line_model._DATEISH.search(text) is not None)


def test_quick_date_test_agrees_on_random_strings() -> None:
    rnd = random.Random(13)
    pieces = list("0123456789 ./:-年月日SsJjAaNnDdEeCcOoTtMmYyPpUuGgLl_é\u017f") + [
        "jan",
        "Sep",
        " 2019",
        "min",
        "hours",
        " ago",
        "12:30",
    ]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        assert line_model._dateish(text) == (line_model._DATEISH.search(text) is not None), text


@pytest.mark.parametrize(
    "text", ["see www.example.org", "http://x", "HTTPS://X", "a@b", "#tag", "page.HTML", "x.Net"]
)
def test_quick_link_test_lets_every_link_through(text: str) -> None:
    assert line_model._LINKISH.search(text)
    assert line_model._maybe_link(text, text.lower())


def _reference_viterbi(
    prob: np.ndarray, log_trans: np.ndarray, log_prior: np.ndarray
) -> list[bool]:
    # The first version's loop, on numpy arrays.
    n = len(prob)
    eps = 1e-6
    emit = np.stack([np.log(1 - prob + eps), np.log(prob + eps)], axis=1) - log_prior
    back = np.zeros((n, 2), dtype=np.int8)
    score = emit[0] + log_prior
    for i in range(1, n):
        cand = score[:, None] + log_trans
        back[i] = np.argmax(cand, axis=0)
        score = cand.max(axis=0) + emit[i]
    state = int(np.argmax(score))
    path = [False] * n
    for i in range(n - 1, -1, -1):
        path[i] = state == 1
        state = int(back[i, state])
    return path


def test_viterbi_finds_the_same_path_as_the_array_version() -> None:
    rng = np.random.default_rng(13)
    log_trans = np.log(np.array([[0.9, 0.1], [0.15, 0.85]]))
    log_prior = np.log(np.array([0.6, 0.4]))
    for n in (1, 2, 5, 40, 300):
        for _ in range(20):
            prob = rng.random(n)
            prob[rng.random(n) < 0.2] = 0.5  # ties
            assert viterbi(prob, log_trans, log_prior) == _reference_viterbi(
                prob, log_trans, log_prior
            )


_PLAIN_STAMP_HINT = re.compile(r":\d|分|ago\b|vor |il y a|hace |назад", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "Ann on May 3 at 9:41 pm",
        "2 hours AGO",
        "agony",
        "vor 3 Tagen",
        "İl y a 2 jours",
        "Hace 5 minutos",
        "3 дня НАЗАД",
        "10時5分",
        "no time here",
        "ratio 3:",
    ],
)
def test_quick_stamp_hint_agrees_with_its_plain_form(text: str) -> None:
    expected = _PLAIN_STAMP_HINT.search(text) is not None
    assert (line_model._STAMP_HINT.search(text) is not None) == expected


@pytest.mark.parametrize(
    "text", ["a, b; c", "Home | News > World / Europe", "a，b、c；d", "x • y · z » w › v | u", ""]
)
def test_quick_counts_agree_with_the_patterns(text: str) -> None:
    ascii_only = text.isascii()
    assert line_model._count_commas(text, ascii_only) == len(line_model._COMMAS.findall(text))
    assert line_model._count_separators(text, ascii_only) == len(
        line_model._SEPARATORS.findall(text)
    )
