"""The W3C Web Annotation Working Group's test assertions over our annotation export.

Run with ``python -m tests.bench.web_annotations`` (needs ``../shared/bench/web-annotation``
and ``jsonschema``).

The sample article of ``../shared/samples`` is cleaned, two notes are put on it (one with
verdict, conclusion, Markdown body, tags and a source; one comment), and every exported
annotation is validated on its own.  Beside our figures: the same annotations with what
issue 20 added taken away again (own ``@context``, ``creator``, ``generator``, the
target's ``format``, ``language`` and ``state``, empty ``prefix``/``suffix``), which is the
form the export had before, as the baseline.  Assertion checks are counted per
annotation (two annotations × 54 MUST = 108).  SHOULD assertions that do not apply to
what we export are counted apart (see ``NOT_APPLICABLE_SHOULD`` in the export tests).
"""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

from reader.core.models import Source
from reader.core.pipeline import clean_text_input
from reader.export.annotations import web_annotations
from reader.store import Library
from tests.bench._common import REPO_ROOT
from tests.export.test_annotations import NOT_APPLICABLE_SHOULD
from tests.export.web_annotation_suite import load_assertions

SHARED = REPO_ROOT.parent / "shared"


def before_issue_20(annotation: dict[str, Any]) -> dict[str, Any]:
    old = copy.deepcopy(annotation)
    for key in ("@context", "creator", "generator"):
        old.pop(key, None)
    for key in ("format", "language", "state"):
        old["target"].pop(key, None)
    for selector in old["target"]["selector"]:
        for key in ("prefix", "suffix"):
            if selector.get(key) == "":
                del selector[key]
    return old


def score(annotations: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    root = SHARED / "bench" / "web-annotation"
    counts: dict[str, list[int]] = {}
    for assertion in load_assertions(root):
        kind = assertion.kind
        if kind == "should" and assertion.name in NOT_APPLICABLE_SHOULD:
            kind = "should (not applicable)"
        for annotation in annotations:
            passed, total = counts.setdefault(kind, [0, 0])
            counts[kind] = [passed + assertion.holds_for(annotation), total + 1]
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main() -> int:
    sample = SHARED / "samples" / "lavrov-kerry.raw.txt"
    if not (SHARED / "bench" / "web-annotation").is_dir() or not sample.is_file():
        print("needs ../shared/bench/web-annotation and ../shared/samples", file=sys.stderr)
        return 1
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    clean = clean_text_input(sample.read_text(encoding="utf-8"))
    clean.meta.language = language
    clean.meta.url = "https://news.example/lavrov-kerry"
    with Library(":memory:") as lib:
        article = lib.add_article(clean)
        from reader.core.segment import sentence_spans

        spans = sentence_spans(article.text)
        lib.add_note(
            article.id,
            *spans[2],
            verdict="mostly_false",
            conclusion="Checked.",
            body="See the *transcript*.",
            tags=["diplomacy"],
            sources=[Source(url="https://transcripts.example/1", title="Transcript")],
        )
        lib.add_note(article.id, *spans[4], body="Who else was there?")
        ours = list(web_annotations(article, lib.notes_for_article(article.id), author="Ana Díaz"))
    before = [before_issue_20(a) for a in ours]
    ours_scores, before_scores = score(ours), score(before)
    print(f"{len(ours)} annotations, each validated alone (target language {language!r})")
    print(f"{'assertions':<26}{'ours':>12}{'before':>12}")
    for kind in ("must", "should", "should (not applicable)", "may"):
        o, b = ours_scores[kind], before_scores[kind]
        print(f"{kind:<26}{f'{o[0]}/{o[1]}':>12}{f'{b[0]}/{b[1]}':>12}")
    print(json.dumps(ours[0], ensure_ascii=False, indent=2)[:1500])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
