"""Every cleaner output on the shared pages, written to a file or compared with one.

A speed pass on the cleaners must not change a single output.  Run from the repository
root, before the change and after it::

    python -m tests.bench.cleaner_outputs --write /tmp/before.pickle
    # ... change the code ...
    python -m tests.bench.cleaner_outputs --compare /tmp/before.pickle

Each page of ``../shared/bench/extraction`` and ``../shared/bench/cleaning-corpus/*``
is cleaned from its copied text (``clean_copied_text``: text, blocks, metadata,
dropped lines, confidence, warning, or the error message), labelled by the line model
(``label_lines``: labels, every probability to the last bit, confidence, prose lines)
and, where the page's HTML was saved, cleaned from the HTML (``clean_html``).  The
comparison counts the pages whose outputs are identical and names those that are not.
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reader.core.models import CleanArticle

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_BENCH = REPO_ROOT.parent / "shared" / "bench"

Outputs = dict[str, object]


def _folders(bench: Path) -> list[Path]:
    corpus = bench / "cleaning-corpus"
    found = [bench / "extraction"]
    if corpus.is_dir():
        found += sorted(p for p in corpus.iterdir() if (p / "text").is_dir())
    return [f for f in found if (f / "text").is_dir()]


def collect(bench: Path) -> Outputs:
    """Every output of the cleaners on the pages under ``bench``, keyed by page."""
    from reader.core.clean_html import clean_html
    from reader.core.clean_text import clean_copied_text
    from reader.core.errors import NoArticleError
    from reader.core.line_model import label_lines
    from reader.core.normalize import normalize_text

    def article(make: Callable[[], CleanArticle]) -> object:
        try:
            result = make()
        except NoArticleError as err:
            return ("no article", str(err))
        return (
            result.text,
            [(b.kind, b.start, b.end) for b in result.blocks],
            repr(result.meta),
            result.dropped,
            repr(result.confidence),
            result.warning,
        )

    outputs: Outputs = {}
    for folder in _folders(bench):
        for path in sorted((folder / "text").glob("*.txt")):
            key = f"{folder.name}/{path.stem}"
            raw = path.read_text(encoding="utf-8")
            labels = label_lines(normalize_text(raw))
            outputs[key] = (
                article(partial(clean_copied_text, raw)),
                (
                    labels.article,
                    [p.hex() for p in labels.prob],
                    repr(labels.confidence),
                    labels.prose,
                ),
            )
            html_path = folder / "html" / f"{path.stem}.html.gz"
            if html_path.exists():
                html = gzip.decompress(html_path.read_bytes()).decode("utf-8", "replace")
                outputs[key + " (HTML)"] = article(partial(clean_html, html))
    return outputs


def main(argv: list[str] | None = None) -> int:
    """Write the outputs, or compare them with a file written before; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="write the outputs to this file")
    action.add_argument("--compare", type=Path, help="compare with outputs written before")
    parser.add_argument("--bench", type=Path, default=SHARED_BENCH, help="the shared bench folder")
    args = parser.parse_args(argv)
    if not _folders(args.bench):
        print(f"no benchmark pages under {args.bench}", file=sys.stderr)
        return 2
    outputs = collect(args.bench)
    if args.write:
        args.write.write_bytes(pickle.dumps(outputs))
        print(f"{len(outputs)} outputs written to {args.write}")
        return 0
    before: Outputs = pickle.loads(args.compare.read_bytes())  # noqa: S301 - our own file
    keys = sorted(set(before) | set(outputs))
    differ = [k for k in keys if before.get(k) != outputs.get(k)]
    print(
        f"{len(keys)} outputs compared: {len(keys) - len(differ)} identical, {len(differ)} differ"
    )
    for key in differ[:20]:
        print(f"  differs: {key}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
