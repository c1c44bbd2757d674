"""A hand-written attribution test set: short articles written for this project.

Each article is a list of ``(sentence, speaker, flags)``: the canonical speaker expected
(``None`` when nobody is named as saying it) and the flags expected, as a set.  Used by
``tests/core/test_attribution.py`` and by ``python -m tests.bench.checkworthy``, which
reports precision and recall of speakers and flags over all of it.
"""

from __future__ import annotations

U = frozenset({"unattributed"})
A = frozenset({"anonymous"})
S = frozenset({"second_hand"})
N: frozenset[str] = frozenset()

ARTICLES: list[list[tuple[str, str | None, frozenset[str]]]] = [
    [
        (
            "Harbour Minister Elena Marsh announced on Tuesday that the ferry fleet would be "
            "replaced by 2030.",
            "Elena Marsh",
            N,
        ),
        ("The fleet is the oldest in the region.", None, U),
        ('"We cannot keep patching these boats," Marsh said.', "Elena Marsh", N),
        ('"Every winter another one breaks down."', "Elena Marsh", N),
        ("The opposition leader, Tom Okafor, said the plan was unfunded.", "Tom Okafor", N),
        ("Okafor told the Coastal Herald that the budget had no line for it.", "Tom Okafor", S),
        ("The minister added that tenders would open in spring.", "Elena Marsh", N),
    ],
    [
        (
            "Officials said the reservoir was at its lowest level in forty years.",
            None,
            A,
        ),
        (
            "Sources familiar with the talks said the water board would ration supplies.",
            None,
            A,
        ),
        (
            "According to Reuters, the board will meet again on Friday.",
            None,
            S,
        ),
        (
            "Rainfall was half the seasonal average, the weather service said.",
            "the weather service",
            N,
        ),
        ("Farmers have already cut their herds.", None, U),
    ],
    [
        (
            "Prime Minister Ingrid Solberg said the tunnel would cost 2 billion crowns.",
            "Ingrid Solberg",
            N,
        ),
        (
            '"It is the largest project this country has seen," she said, Kyodo reported.',
            "Ingrid Solberg",
            S,
        ),
        (
            '"And it will pay for itself within a generation."',
            "Ingrid Solberg",
            S,
        ),
        ("Critics say the estimate is too low.", None, A),
        (
            "Solberg's finance chief, Arne Dahl, declined to comment.",
            None,
            U,
        ),
    ],
    [
        (
            '"We saw the smoke from the school," said Maria Lopez, a teacher in the village.',
            "Maria Lopez",
            N,
        ),
        ("Lopez said the fire brigade arrived an hour later.", "Maria Lopez", N),
        ("The fire destroyed 40 homes.", None, U),
        (
            "A senior police official, who spoke on condition of anonymity, said arson was "
            "suspected.",
            None,
            A,
        ),
        ("Interfax reported that two men had been detained.", None, S),
    ],
    [
        (
            "Mayor Kwame Asante said the city had planted 10,000 trees since 2019.",
            "Kwame Asante",
            N,
        ),
        (
            "Asante told the BBC that air quality had improved by a third.",
            "Kwame Asante",
            S,
        ),
        ("He said the programme would continue next year.", "Kwame Asante", N),
        ("The council's own audit counted fewer than 6,000.", None, U),
    ],
    [
        (
            "Health Secretary Priya Nair said waiting lists had fallen for six months in a row.",
            "Priya Nair",
            N,
        ),
        ("Nair said the new clinics were the reason.", "Priya Nair", N),
        ("Hospital managers said the figures excluded emergency cases.", "Hospital managers", N),
        ("The data were published by the statistics office on Monday.", None, U),
        (
            "People familiar with the figures say the fall is smaller than claimed.",
            None,
            A,
        ),
    ],
    [
        (
            "Foreign Minister Jonas Berg and his counterpart met for three hours in Geneva.",
            None,
            U,
        ),
        ('"The talks were frank," Berg said.', "Jonas Berg", N),
        ('"We agreed to meet again." ', "Jonas Berg", N),
        (
            "The foreign minister said no deal on the border had been reached, TASS reported.",
            "Jonas Berg",
            S,
        ),
    ],
]

# Written after the rules were done and never tuned on: the bench reports it apart.
HELD_OUT: list[list[tuple[str, str | None, frozenset[str]]]] = [
    [
        (
            "Transport Secretary Olu Bankole said rail fares would be frozen for a year.",
            "Olu Bankole",
            N,
        ),
        ('"Commuters have paid enough," Bankole told reporters.', "Olu Bankole", N),
        ("Fares rose 9% last January.", None, U),
        ("Union leaders said the freeze came too late.", "Union leaders", N),
        ("A rail industry source said operators had not been consulted.", None, A),
        ("The Evening Standard reported that two operators would sue.", None, S),
    ],
    [
        (
            "Dr. Hana Sato, the city's chief medical officer, said cases had doubled.",
            "Hana Sato",
            N,
        ),
        ('"This is not yet a crisis," Sato said.', "Hana Sato", N),
        ('"But it could become one by winter."', "Hana Sato", N),
        ("According to the health ministry, 312 people are in hospital.", "the health ministry", N),
        ("Some doctors believe the true number is higher.", None, A),
        ("She urged residents to get vaccinated, AFP reported.", "Hana Sato", S),
    ],
]
