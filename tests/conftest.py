"""Test configuration shared by every test.

Qt runs without a display: the offscreen platform is set here, before any Qt import.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The team's shared folder (samples, benchmarks); skips when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(autouse=True)
def _no_kept_sentence_vectors() -> None:
    """Each test embeds its own sentences: none kept from another test (whose engine
    may have been a stand-in)."""
    from reader.store.claims_memory import clear_query_vectors

    clear_query_vectors()


# Property tests run the same examples on every run of the suite, so a red build always
# means a change broke something; wider random searches are in tests/bench/fuzz.py and
# the *_EXAMPLES environment variables.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "suite",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
