"""Static sentence embeddings computed on the CPU, offline.

The vectors come from WordLlama's ``l2_supercat`` model (MIT licence): a token-embedding
table of 32,000 × 256 float values distilled from a large language model's input
embeddings, pooled by averaging over the tokens of a sentence.  Its weights and its
tokenizer ship inside the ``wordllama`` wheel, so nothing is downloaded at run time; we load
both files straight from the installed package, because WordLlama's own loader looks for
the tokenizer in a folder the wheel does not have and then tries the network.

Used by the claim radar (check-worthiness features) and the claims memory (dense
retrieval).  numpy, safetensors, tokenizers and the weights (16 MB) are loaded lazily, on
the first call, so importing this module costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from wordllama.inference import WordLlamaInference

DIMENSIONS = 256
MODEL_NAME = "wordllama-l2_supercat-256"

_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
_lock = threading.Lock()


@cache
def _model() -> WordLlamaInference:
    import os

    # The tokenizer's thread pool keeps ~50 MB of buffers after a large batch (an import
    # of 100,000 fact-checks); encoding one sentence or a few thousand gains nothing
    # from it.  Set before the tokenizers library starts, and only if the user has not.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    package = resources.files("wordllama")
    with resources.as_file(package / _TOKENIZER) as tokenizer_path:
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
    with resources.as_file(package / _WEIGHTS) as weights_path:
        with safe_open(str(weights_path), framework="np", device="cpu") as f:
            table = f.get_tensor("embedding.weight")
    return WordLlamaInference(table, tokenizer)


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Return one L2-normalised ``float32`` row of :data:`DIMENSIONS` values per text.

    An empty text gives a zero row.  Safe to call from several threads (the tokenizer is
    not re-entrant, so calls are serialised).
    """
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:
        vectors = _model().embed(list(texts), norm=False)
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: npt.NDArray[np.float32] = vectors / norms
    return normalised
