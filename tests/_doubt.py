"""Make every cleaning doubted, or none, whatever the page: for tests of what the app
does with the cleaner's warning (the warning's truth is measured by
``python -m tests.bench.cleaning_warning``, not here)."""

from __future__ import annotations

import dataclasses

import pytest

import reader.core.clean_html as clean_html
import reader.core.cleaning_check as cleaning_check


def set_doubt(monkeypatch: pytest.MonkeyPatch, doubted: bool) -> None:
    """Every cleaning from now on warns (``doubted``) or never does."""
    threshold = 1.01 if doubted else 0.0
    model = dataclasses.replace(cleaning_check.shipped_check_model(), warn_below=threshold)
    monkeypatch.setattr(cleaning_check, "_MODEL", model)
    monkeypatch.setattr(clean_html, "LOW_CONFIDENCE", threshold)
