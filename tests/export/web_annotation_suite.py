"""Run the W3C Web Annotation Working Group's test assertions over one annotation.

The assertions live in ``../shared/bench/web-annotation/`` (JSON Schema draft-04, one
assertion per file; see its README).  Every schema is indexed by its file name and by its
``id`` in one flat registry, since references are resolved against a schema's own ``id``
and some ids differ in case from their file names.  ``format`` is checked for the two
formats the suite relies on (``date-time`` and ``uri``) with small checkers of our own, so
the verdicts do not depend on which optional format packages happen to be installed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

AssertionType = Literal["must", "should", "may"]

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")


@dataclass(frozen=True)
class Assertion:
    name: str
    kind: AssertionType
    error_message: str
    validator: Any

    def holds_for(self, annotation: dict[str, Any]) -> bool:
        return bool(self.validator.is_valid(annotation))


@cache
def load_assertions(root: Path) -> tuple[Assertion, ...]:
    """Every assertion under ``root/annotations``, ready to validate, sorted by name."""
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schemas: dict[Path, dict[str, Any]] = {
        path: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(root.glob("**/*.json"))
    }
    resources: list[tuple[str, Resource[Any]]] = []
    for path, schema in schemas.items():
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        resources.append((path.name, resource))
        if isinstance(schema.get("id"), str) and schema["id"] != path.name:
            resources.append((schema["id"], resource))
    registry: Registry[Any] = Registry().with_resources(resources)

    checker = FormatChecker(formats=())
    checker.checks("date-time")(
        lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value))
    )
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.match(value)))

    assertions = []
    for path, schema in schemas.items():
        if "definitions" in path.parts or "assertionType" not in schema:
            continue
        validator = Draft4Validator(schema, registry=registry, format_checker=checker)
        assertions.append(
            Assertion(path.name, schema["assertionType"], schema.get("errorMessage", ""), validator)
        )
    return tuple(sorted(assertions, key=lambda a: a.name))


def failures(annotation: dict[str, Any], root: Path, kind: AssertionType) -> list[str]:
    """Names of the assertions of ``kind`` that ``annotation`` (standing alone) fails."""
    return [a.name for a in load_assertions(root) if a.kind == kind and not a.holds_for(annotation)]
