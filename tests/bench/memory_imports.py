"""Peak memory of reading a large fact-check or annotation JSON file.

    python -m tests.bench.memory_imports                 # 50 MB files
    python -m tests.bench.memory_imports --mb 20

Generates, in a temporary folder, a JSON list of synthetic ClaimReviews and one of W3C
annotations (on 50 pages no library holds), each ``--mb`` large, once in ASCII and once
with typographic quotes (Python then holds the text at two bytes a character, as it
does for most real files).  Each figure is the peak resident memory (``ru_maxrss``) of
one fresh process: the baseline parses the file whole, as the importers did before
(the bytes kept while the text was parsed; the annotations' text stripped, a copy);
"read" is the importer's own reader (``read_factchecks_file``, ``read_annotation_file``);
"command" the whole ``import-factchecks`` / ``import-annotations`` into a new library
(the fact-checks' figure includes the sentence-embedding model, ~100-200 MB, loaded
to index the claims).

Measured (shared 2-core machine, 50 MB files, Python's own ~20 MB included; the
commands before the change measured on the same files by hand):

    file                   objects   whole (before)   read    command (before → after)
    fact-checks, ASCII      77,741        335 MB      142 MB      341 → 224 MB
    fact-checks, quotes     76,382        432 MB      215 MB            274 MB
    annotations, ASCII      59,837        330 MB      136 MB      332 → 161 MB
    annotations, quotes     58,243        453 MB      212 MB      393 → 237 MB

What is left is the file's bytes and its decoded text side by side for a moment
(freed once decoded), then the text and what was read from it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.bench._common import REPO_ROOT
from tests.bench.memory_json import _peak_mb

WORDS = (
    "troops border minister budget vaccine election turbine harbour bridge school tax "
    "unemployment flood drought migrants hospital police fraud ballots crime inflation"
).split()

_WHOLE = """
import json, sys
kind, path = sys.argv[1:]
data = open(path, "rb").read()  # kept by the caller while it was parsed, as before
text = data.decode("utf-8")
document = json.loads(text if kind == "factchecks" else text.strip())
if kind == "factchecks":
    from reader.importers.factchecks import _from_documents
    print(len(_from_documents([document], path).checks))
else:
    from reader.importers.annotations import ParsedAnnotations, _annotation_objects, _parse_one
    parsed = ParsedAnnotations()
    for position, item in _annotation_objects(document, parsed.problems):
        _parse_one(item, position, parsed)
    print(len(parsed.annotations))
"""
_READ = """
import sys
kind, path = sys.argv[1:]
if kind == "factchecks":
    from reader.importers.factchecks import read_factchecks_file
    print(len(read_factchecks_file(path).checks))
else:
    from reader.importers.annotations import read_annotation_file
    print(len(read_annotation_file(path).annotations))
"""


def _object(kind: str, n: int, rng: random.Random, quotes: bool) -> dict[str, Any]:
    def words(count: int) -> str:
        said = " ".join(rng.choice(WORDS) for _ in range(count))
        return f"\u201c{said}\u201d" if quotes else said

    if kind == "factchecks":
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"https://checks.example.org/{n}",
            "claimReviewed": f"{words(25)} ({n}).",
            "headline": "Fact-check: " + words(10),
            "datePublished": "2025-03-01",
            "author": {"@type": "Organization", "name": "Example Checks"},
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
            "itemReviewed": {"@type": "Claim", "author": {"name": "A Minister"}},
        }
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": f"urn:x:{n}",
        "created": "2025-04-01T10:00:00Z",
        "body": [
            {"type": "TextualBody", "value": words(30), "purpose": "commenting"},
            {"type": "TextualBody", "value": "False: " + words(8), "purpose": "assessing"},
        ],
        "target": {
            "source": f"https://news.example/{n % 50}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": words(12), "prefix": words(5)},
                {"type": "TextPositionSelector", "start": n, "end": n + 60},
            ],
        },
    }


def _generate(path: Path, kind: str, megabytes: int, quotes: bool) -> int:
    rng = random.Random(1)
    target = megabytes * 1_048_576
    size, n = 1, 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        while size < target:
            piece = ("," if n else "") + json.dumps(
                _object(kind, n, rng, quotes), ensure_ascii=False
            )
            out.write(piece)
            size += len(piece.encode())
            n += 1
        out.write("]\n")
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    main_py = str(REPO_ROOT / "main.py")
    commands = {"factchecks": "import-factchecks", "annotations": "import-annotations"}
    print(f"{'file':26} {'objects':>8} {'whole (before)':>15} {'read':>8} {'command':>9}")
    with tempfile.TemporaryDirectory(prefix="fcr-imports-") as tmp:
        for kind in ("factchecks", "annotations"):
            for quotes in (False, True):
                path = Path(tmp) / f"{kind}-{'quotes' if quotes else 'ascii'}.json"
                count = _generate(path, kind, args.mb, quotes)
                whole, _ = _peak_mb([sys.executable, "-c", _WHOLE, kind, str(path)])
                read, _ = _peak_mb([sys.executable, "-c", _READ, kind, str(path)])
                db = Path(tmp) / f"{path.stem}.sqlite3"
                command, seconds = _peak_mb(
                    [sys.executable, main_py, commands[kind], "--db", str(db), str(path)]
                )
                label = f"{kind}, {'quotes' if quotes else 'ASCII'}"
                print(
                    f"{label:26} {count:8,} {whole:12.0f} MB {read:5.0f} MB {command:6.0f} MB"
                    f"   ({seconds:.0f} s)"
                )
                path.unlink()


if __name__ == "__main__":
    main()
