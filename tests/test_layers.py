"""The layers' import rules: arrows point down, and only the window loads Qt.

``cli, ui → app → store, export, importers → core``: ``core`` imports only ``core``;
``export`` and ``importers`` never import ``store`` (nor ``app``, ``cli``, ``ui``); the
command line goes through ``app``; only ``reader/ui`` imports PySide6.  Checked on the source (every import statement, also
those inside functions) and once in a fresh interpreter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "reader"

# What each package may import from ``reader`` (itself always).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "export": {"core"},
    "importers": {"core"},
    "store": {"core"},
    "app": {"core", "store", "export", "importers"},
    # The command line reaches the rest through app (the PDF export and the window
    # itself are Qt, so those two come from ui).
    "cli": {"app", "core", "ui"},
}


def _imports(path: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.append(".".join([*base, node.module] if node.module else base))
            elif node.module:
                out.append(node.module)
    return out


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "reader":
        return None
    return parts[1] if len(parts) > 1 else ""


def _files(package: str) -> list[Path]:
    single = PACKAGE / f"{package}.py"
    return [single] if single.is_file() else sorted((PACKAGE / package).rglob("*.py"))


def _violations(package: str) -> list[str]:
    bad = []
    for path in _files(package):
        for module in _imports(path):
            if module.split(".")[0] == "PySide6":
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
                continue
            layer = _layer_of(module)
            if layer is None or layer == package:
                continue
            if layer not in ALLOWED[package]:
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    return bad


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_the_layers_below_it(package: str) -> None:
    assert _violations(package) == []


def test_the_checker_notices_an_upward_import() -> None:
    sample = PACKAGE / "export" / "_layer_probe.py"
    sample.write_text("from reader.store import Library\n", encoding="utf-8")
    try:
        assert _violations("export") == ["reader/export/_layer_probe.py imports reader.store"]
    finally:
        sample.unlink()


def test_the_windows_parts_know_it_by_its_protocol_only() -> None:
    """Only start-up (reader/ui/app.py) imports the main window; its parts are typed
    against reader.ui.window_protocol, so the dependency points one way."""
    importers = sorted(
        f"{path.relative_to(ROOT)}"
        for path in (PACKAGE / "ui").glob("*.py")
        if "reader.ui.main_window" in _imports(path) and path.name != "app.py"
    )
    assert importers == []
    protocol = _imports(PACKAGE / "ui" / "window_protocol.py")
    window_parts = {p.stem for p in (PACKAGE / "ui").glob("*.py") if _takes_the_window(p)}
    assert sorted(m for m in protocol if m.rsplit(".", 1)[-1] in window_parts) == []


def _takes_the_window(path: Path) -> bool:
    return "reader.ui.window_protocol" in _imports(path) and path.name != "window_protocol.py"


def test_only_the_ui_imports_pyside6() -> None:
    outside = [
        f"{path.relative_to(ROOT)}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(m.split(".")[0] == "PySide6" for m in _imports(path))
    ]
    assert outside == []


def test_non_ui_packages_import_no_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import reader.core, reader.store, reader.export, reader.importers, reader.app\n"
        "for pkg in (reader.core, reader.store, reader.export, reader.importers, reader.app):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import reader.cli\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
