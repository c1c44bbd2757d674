"""Every use case in reader.app is called by a front end: the command line or the window.

A public function of an ``app`` module that neither ``reader/cli`` nor ``reader/ui``
calls, directly or through another use case they call, is a use case written for nobody
(or one a front end still duplicates).  The check reads the front ends' source for
``from reader.app.<module> import <name>`` or ``<module>.<name>`` after
``from reader.app import <module>``, then the used use cases' own source for calls.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
USE_CASE_MODULES = (
    "articles",
    "notes",
    "exports",
    "library_io",
    "backup",
    "search",
    "cleaning",
    "claim_list",
)

# A use case the window still duplicates may be listed here with the reason, so that
# it fails as expected until a front end calls it.
WINDOW_TO_WIRE: dict[str, str] = {}


def _front_end_source() -> str:
    paths = [
        *sorted((ROOT / "reader" / "cli").rglob("*.py")),
        *sorted((ROOT / "reader" / "ui").rglob("*.py")),
    ]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def _public_functions() -> list[str]:
    names = []
    for module_name in USE_CASE_MODULES:
        module = importlib.import_module(f"reader.app.{module_name}")
        for name, obj in vars(module).items():
            if (
                not name.startswith("_")
                and inspect.isfunction(obj)
                and obj.__module__ == module.__name__
            ):
                names.append(f"{module_name}.{name}")
    return sorted(names)


def _is_called(source: str, qualified: str) -> bool:
    module, name = qualified.split(".")
    imports = rf"from reader\.app\.{module} import (?:\(([^)]*)\)|([^\n]*))"
    for imported in re.finditer(imports, source):
        if re.search(rf"\b{name}\b", imported.group(1) or imported.group(2)):
            return True
    module_imported = re.search(rf"from reader\.app import [^\n]*\b{module}\b", source)
    return bool(module_imported and re.search(rf"\b{module}\.{name}\b", source))


def _cases() -> list[object]:
    cases: list[object] = []
    for qualified in _public_functions():
        marks = []
        if qualified in WINDOW_TO_WIRE:
            marks.append(pytest.mark.xfail(reason=WINDOW_TO_WIRE[qualified], strict=False))
        cases.append(pytest.param(qualified, marks=marks, id=qualified))
    return cases


@functools.cache
def _used() -> frozenset[str]:
    """The use cases a front end calls, and those that the used ones call in turn."""
    front = _front_end_source()
    functions = _public_functions()
    used = {q for q in functions if _is_called(front, q)}
    grew = True
    while grew:
        callers = "\n".join(_source_of(q) for q in used)
        more = {q for q in functions if q not in used and _calls(callers, q)}
        used |= more
        grew = bool(more)
    return frozenset(used)


def _source_of(qualified: str) -> str:
    module, name = qualified.split(".")
    return inspect.getsource(getattr(importlib.import_module(f"reader.app.{module}"), name))


def _calls(source: str, qualified: str) -> bool:
    name = qualified.split(".")[1]
    return (
        re.search(rf"(?<![\w.]){name}\(|\b{qualified.split('.')[0]}\.{name}\(", source) is not None
    )


@pytest.mark.parametrize("qualified", _cases())
def test_use_case_is_called_by_the_cli_or_the_window(qualified: str) -> None:
    assert qualified in _used(), f"nothing calls reader.app.{qualified}"


def test_a_use_case_called_only_through_another_counts_as_used() -> None:
    # import_raw is called by import_source, which the window's import calls.
    assert "articles.import_raw" in _used()
    assert _calls("    return import_raw(lib, raw)", "articles.import_raw")
    assert not _calls("    return import_raw_once(lib, raw)", "articles.import_raw")


def test_the_scan_sees_both_import_styles() -> None:
    source = (
        "from reader.app.search import search\nfrom reader.app import notes\nnotes.sources_from()"
    )
    assert _is_called(source, "search.search")
    assert _is_called(source, "notes.sources_from")
    assert not _is_called(source, "notes.add_note_on_sentences")
