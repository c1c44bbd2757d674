"""The window's parts are typed against ``reader.ui.window_protocol.ReaderWindow``, not
the window: none of them imports ``reader.ui.main_window``, even for type checking,
so the window and its parts import each other no more."""

from __future__ import annotations

import ast
from pathlib import Path

import reader.ui

PARTS = ("claims_view", "library_pane", "export_actions", "annotation_actions", "workflow_actions")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_window_s_parts_never_import_the_window():
    ui = Path(reader.ui.__file__).parent
    for part in PARTS:
        assert "reader.ui.main_window" not in imported_modules(ui / f"{part}.py"), part


def test_the_window_protocol_imports_none_of_the_parts_that_use_it():
    ui = Path(reader.ui.__file__).parent
    imported = imported_modules(ui / "window_protocol.py")
    assert not {f"reader.ui.{part}" for part in PARTS} & imported
    assert "reader.ui.main_window" not in imported
