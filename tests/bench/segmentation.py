"""Sentence-segmentation benchmark: our splitter next to pySBD and blingfire, same run.

Run from the repository root::

    python -m tests.bench.segmentation

Figures printed for each tool that is installed (ours always; pySBD and blingfire when
importable):

- **Golden rules**: the 48 English "Golden Rules" of the Pragmatic Segmenter
  (``../shared/bench/segmentation/golden_rules_en.json``); a rule passes when the list
  of sentences, whitespace stripped, matches exactly.  Failing rules are named.
- **Hand-marked news**: boundary precision, recall and F1 on ``NEWS_PARAGRAPHS`` below,
  paragraphs written for this project (invented events) and split by hand.  A boundary
  is the offset where a sentence other than the first of its paragraph starts.
- **Sample article**: whether the sentences of the body paragraphs of
  ``../shared/samples/lavrov-kerry.expected.json`` come out exactly as listed.
- **Throughput**: characters per second on the 88 article bodies of
  ``../shared/bench/extraction/ground-truth.json``, split on newlines into paragraphs,
  one call per paragraph, best of a few passes on one core.

Sections whose data is missing are reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.segment import sentence_spans

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
GOLDEN_RULES = SHARED / "bench" / "segmentation" / "golden_rules_en.json"
NEWS_BODIES = SHARED / "bench" / "extraction" / "ground-truth.json"
SAMPLE = SHARED / "samples" / "lavrov-kerry.expected.json"

Spans = Callable[[str], list[tuple[int, int]]]


@dataclass
class Tool:
    """A sentence splitter under test: a name and a text → spans function."""

    name: str
    spans: Spans
    passes: int = 3  # timing passes; slow tools get one


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pysbd_tool() -> Tool | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def spans(text: str) -> list[tuple[int, int]]:
        found = [_trimmed(text, s.start, s.end) for s in segmenter.segment(text)]
        return [span for span in found if span[0] < span[1]]

    return Tool("pySBD", spans, passes=1)


def _blingfire_tool() -> Tool | None:
    try:
        import blingfire
    except ImportError:
        return None

    def spans(text: str) -> list[tuple[int, int]]:
        if not text.strip():
            return []
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [_trimmed(text, start, end) for start, end in offsets]

    return Tool("blingfire", spans)


def available_tools() -> list[Tool]:
    """Our splitter first, then each baseline that is installed."""
    tools = [Tool("ours", sentence_spans)]
    for make in (_pysbd_tool, _blingfire_tool):
        tool = make()
        if tool is not None:
            tools.append(tool)
    return tools


def sentences(tool: Tool, text: str) -> list[str]:
    """The stripped sentences ``tool`` finds in ``text``."""
    found = (text[start:end].strip() for start, end in tool.spans(text))
    return [sentence for sentence in found if sentence]


def golden_rules(tool: Tool, rules: list[dict[str, object]]) -> list[str]:
    """Names of the rules ``tool`` fails."""
    failed = []
    for rule in rules:
        text = str(rule["text"])
        expected = [str(s).strip() for s in rule["sentences"]]  # type: ignore[attr-defined]
        if sentences(tool, text) != expected:
            failed.append(str(rule["name"]))
    return failed


def boundary_scores(tool: Tool, paragraphs: list[list[str]]) -> tuple[float, float, float]:
    """Micro-averaged boundary ``(precision, recall, F1)`` over hand-split paragraphs."""
    true_positives = false_positives = false_negatives = 0
    for parts in paragraphs:
        text = " ".join(parts)
        truth: set[int] = set()
        offset = 0
        for part in parts[:-1]:
            offset += len(part) + 1
            truth.add(offset)
        starts = {_trimmed(text, start, end)[0] for start, end in tool.spans(text)}
        predicted = {start for start in starts if start > 0}
        true_positives += len(predicted & truth)
        false_positives += len(predicted - truth)
        false_negatives += len(truth - predicted)
    precision = true_positives / (true_positives + false_positives or 1)
    recall = true_positives / (true_positives + false_negatives or 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def throughput(tool: Tool, paragraphs: list[str]) -> float:
    """Best characters per second over ``tool.passes`` passes, one call per paragraph."""
    characters = sum(len(p) for p in paragraphs)
    best = float("inf")
    for _ in range(tool.passes):
        started = time.perf_counter()
        for paragraph in paragraphs:
            tool.spans(paragraph)
        best = min(best, time.perf_counter() - started)
    return characters / best


def sample_sentences(tool: Tool, sample: dict[str, list[str]]) -> tuple[int, int, bool]:
    """``(found in order, expected, exact list)`` for the sample's body sentences."""
    found: list[str] = []
    for paragraph in sample["paragraphs"]:
        found.extend(sentences(tool, paragraph))
    expected = sample["sentences"]
    same = sum(1 for a, b in zip(found, expected) if a == b)
    return same, len(expected), found == expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    args = parser.parse_args(argv)
    tools = available_tools()
    print("tools:", ", ".join(tool.name for tool in tools))

    print("\n== Golden rules (48 English rules; exact sentence lists) ==")
    if GOLDEN_RULES.is_file():
        rules = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))
        for tool in tools:
            failed = golden_rules(tool, rules)
            print(f"{tool.name:10} {len(rules) - len(failed)}/{len(rules)}")
            for name in failed:
                print(f"{'':10}   fails: {name}")
    else:
        print("skipped:", GOLDEN_RULES, "is missing")

    total = sum(len(p) - 1 for p in NEWS_PARAGRAPHS)
    print(f"\n== Hand-marked news ({len(NEWS_PARAGRAPHS)} paragraphs, {total} boundaries) ==")
    print(f"{'tool':10} {'precision':>9} {'recall':>7} {'F1':>6}")
    for tool in tools:
        precision, recall, f1 = boundary_scores(tool, NEWS_PARAGRAPHS)
        print(f"{tool.name:10} {precision:9.3f} {recall:7.3f} {f1:6.3f}")

    print("\n== Sample article (lavrov-kerry body sentences, exact) ==")
    if SAMPLE.is_file():
        sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
        for tool in tools:
            same, expected, exact = sample_sentences(tool, sample)
            verdict = "exact" if exact else "differs"
            print(f"{tool.name:10} {same}/{expected} in place, list {verdict}")
    else:
        print("skipped:", SAMPLE, "is missing")

    if args.no_speed:
        return 0
    print("\n== Throughput (88 news article bodies, one call per paragraph, one core) ==")
    if NEWS_BODIES.is_file():
        bodies = json.loads(NEWS_BODIES.read_text(encoding="utf-8"))
        paragraphs = [
            line
            for page in bodies.values()
            for line in str(page["articleBody"]).split("\n")
            if line.strip()
        ]
        characters = sum(len(p) for p in paragraphs)
        print(f"corpus: {len(paragraphs)} paragraphs, {characters:,} characters")
        for tool in tools:
            rate = throughput(tool, paragraphs)
            print(f"{tool.name:10} {rate / 1e6:6.2f} M chars/s")
    else:
        print("skipped:", NEWS_BODIES, "is missing")
    return 0


# Hand-split news paragraphs, written for this project: invented events and people, no
# text from any publication.  Mostly plain sentences, as news is, with the usual traps.
NEWS_PARAGRAPHS: list[list[str]] = [
    [
        "The city council voted 7-2 on Tuesday to approve the new transit budget.",
        "The plan adds 40 buses and extends night service on six routes.",
        "Opponents said the $48.5 million price tag was too high for a city still paying off its stadium.",
    ],
    [
        '"We have waited long enough for reliable service," council member Dana Whitlock said.',
        '"Riders deserve better than a bus that shows up when it feels like it."',
    ],
    [
        "Officials in the U.S. and Canada agreed to share wildfire data in real time.",
        "The U.S. Forest Service will publish satellite readings every 15 minutes.",
        "Canada's agency said it would do the same by the end of the year.",
    ],
    [
        "The company moved its headquarters from Ohio to the U.S. Virgin Islands in 2019.",
        "It did not say how many employees would relocate.",
    ],
    [
        "Shares of Norrland Timber Inc. rose 4.2% in early trading.",
        "The company, which reported a profit of $1.3 billion, also raised its dividend.",
    ],
    [
        "Growth slowed sharply in the U.K. after the rate increase.",
        "Economists at two banks cut their forecasts for next year to 0.8%.",
    ],
    [
        "Gen. Maria Okafor told reporters the drills would last until Friday.",
        "She declined to say how many troops were involved.",
        "Sen. Paul Rennick, R-Ohio, called the exercise overdue.",
    ],
    [
        "Dr. Helen Marsh, who leads the infectious disease unit at St. Brigid's Hospital, said cases had peaked.",
        '"We are seeing fewer admissions each week," she said.',
        '"That is encouraging, but it is not over."',
    ],
    [
        "The hearing was adjourned at 4:30 p.m. and will resume on Monday.",
        "Lawyers for both sides declined to comment.",
    ],
    [
        "The storm made landfall near Port Ellery at 3 a.m. Thursday.",
        "By noon, more than 80,000 homes had lost power.",
    ],
    [
        "The report was written by J. T. Abernathy and Lucia M. Ferreira of the state auditor's office.",
        "It found that the agency had overpaid contractors by about 12 percent.",
    ],
    [
        "Rep. Tomas Vidal asked whether the audit had been shared with the governor.",
        '"Was it?" he asked.',
        "Nobody answered.",
    ],
    [
        '"Why now?" Vidal asked, pointing to the timing of the release.',
        "The auditor said the schedule had been set months ago.",
    ],
    [
        "Prices rose 3.1% in March, the fastest pace since 2008.",
        "Food and energy accounted for most of the increase.",
        "Core inflation, which excludes them, was 2.4%.",
    ],
    [
        "The treaty was signed in Geneva on Jan. 14 by the foreign ministers of both countries.",
        "It takes effect on Feb. 1 if both parliaments ratify it.",
    ],
    [
        "The deal values the firm at about $2.75 billion, or $31.40 a share.",
        "Analysts at one brokerage called the price fair.",
    ],
    [
        "The minister's plane landed at 11:15 a.m. local time.",
        "He went straight to a meeting with the prime minister.",
    ],
    [
        "Investigators said the fire started in a storage room.",
        "They have not ruled out arson.",
        "A spokesman for the fire department said the building had passed an inspection in May.",
    ],
    [
        'The union\'s statement was short: "We will not sign this contract."',
        "Talks are set to resume next week.",
    ],
    [
        '"I don\'t know what happens next," said Ruth Engel, 62, who has worked at the plant for 30 years.',
        '"Nobody tells us anything."',
    ],
    [
        "The ministry said the figures were preliminary and could change.",
        "It gave no date for the final count.",
    ],
    [
        "The bill would ban the sale of flavored vapes, raise the tobacco tax and fund school programs.",
        "It passed the House 251-180 and now goes to the Senate.",
    ],
    [
        "The museum reopened on Saturday after a two-year renovation.",
        "Visitors lined up around the block, some arriving before 6 a.m.",
        "The first room shows maps of the city from the 1700s.",
    ],
    [
        "The suspect, identified as Carl D. Brenner of Lakewood, was arraigned on Wednesday.",
        "He pleaded not guilty.",
    ],
    [
        "According to the filing, the company owes creditors more than $600 million.",
        "Its largest lender is a bank in Frankfurt.",
    ],
    [
        "The measure failed by a single vote...",
        "Supporters vowed to bring it back next session.",
    ],
    [
        "The company's chief executive, Anders Holm, said the cuts were painful but necessary.",
        '"We grew too fast," he said in a memo to staff.',
        "About 1,200 jobs will be eliminated, mostly in sales.",
    ],
    [
        "The agreement covers trade, energy, etc.",
        "Details will be released next month.",
    ],
    [
        "The road between Ashford and Kelling will be closed until Sept. 30 for repairs.",
        "Drivers should use Route 9 instead.",
    ],
    [
        "The court's ruling (the second in a month) sent the case back to a lower court.",
        "Both sides claimed victory.",
    ],
    [
        "The vaccine was 91.3 percent effective in the trial, the company said.",
        "Regulators are expected to review the data in the coming weeks.",
    ],
    [
        "Residents were told to boil water until further notice.",
        "Bottled water is being handed out at three schools.",
        "The utility said tests would take at least 48 hours.",
    ],
    [
        'The former mayor, now a professor at the state university, wrote in an op-ed that the plan was "a mistake that will cost us for decades."',
        "The current mayor did not respond.",
    ],
    [
        "Police said they received the first call at 9:42 p.m.",
        "Officers arrived four minutes later.",
    ],
    [
        "The shipment left Rotterdam on Monday.",
        "It is due in New York on the 21st, a week later than planned.",
    ],
    [
        "More details are available at www.example-county.gov/budget.",
        "The county will hold a public meeting on the plan.",
    ],
    [
        "Questions can be sent to press@example-county.gov.",
        "Answers will be published online.",
    ],
    [
        "The index closed at 4,512.37, down 1.2%.",
        "Technology stocks fell the most.",
    ],
    [
        "The strike has cost the airline an estimated €40 million so far.",
        "Pilots want a 9% raise over two years.",
        "The airline has offered 5%.",
    ],
    [
        "Asked whether he would run again, the governor smiled.",
        '"Ask me in the spring," he said.',
    ],
    [
        "The team finished 10-6 and missed the playoffs by one game.",
        "Its coach was fired the next morning.",
    ],
    [
        "The study, published in a medical journal, followed 12,000 adults for a decade.",
        "Those who walked at least 30 minutes a day had fewer heart attacks.",
        "The authors cautioned that the link may not be causal.",
    ],
    [
        "The plant is run by Hartwell & Co.",
        "It employs about 300 people.",
    ],
    [
        "The plant is run by Hartwell & Co. and employs about 300 people.",
    ],
    [
        "A spokeswoman for the U.N. said aid convoys had been stopped at the border for three days.",
        "The U.N. Security Council will meet on Thursday.",
    ],
    [
        "Negotiators from the E.U. and Britain met again in Brussels.",
        "No agreement was reached.",
    ],
    [
        '"This is a good day for the families," said Mrs. Ortega, whose son died in the crash.',
        '"It will not bring him back."',
    ],
    [
        "The airport handled 31.6 million passengers last year.",
        "That is still below the 2019 record.",
    ],
    [
        "The lawsuit names the city, the police chief and two officers.",
        "It seeks unspecified damages.",
        "A hearing is scheduled for Oct. 3.",
    ],
    [
        "Shortly after 2 p.m. the crowd began to leave the square.",
        "By evening, only a few dozen protesters remained.",
    ],
    [
        "The new law takes effect Jan. 1.",
        "Businesses have six months to comply.",
    ],
    [
        "Mr. Adeyemi arrived in Lagos on Sunday.",
        "He is expected to meet officials from the ministry of finance.",
    ],
    [
        "The council will vote on the plan in December.",
        "If approved, construction would start in the spring and end in 2027.",
    ],
    [
        "\"It's not about the money!\" the striker's agent said.",
        '"It\'s about respect."',
    ],
    [
        "Turnout was 64%, up from 58% four years ago.",
        "Younger voters accounted for most of the increase, the election office said.",
    ],
    [
        "The prosecutor's office said the charges were filed late Friday.",
        "The defendant's lawyer called them politically motivated.",
        "A trial date has not been set.",
    ],
]

if __name__ == "__main__":
    raise SystemExit(main())
