"""Question banks and the rubric parsed once per process, however many apps are built.

Parsing the YAML takes most of create_app's time (about 0.2 s). Several apps in one process
(tests, CLI commands run in-process) reuse the parsed result while the files' bytes are the same.
The parsed objects are immutable, so sharing them is safe; a changed file is parsed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_parsed: dict[tuple[str, str], object] = {}


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def parsed(kind: str, paths: list[Path], parse: Callable[[], T]) -> T:
    """`parse()`, or its earlier result when none of `paths` has changed; failures are never kept."""
    key = (kind, _fingerprint(paths))
    if key not in _parsed:
        _parsed[key] = parse()
    return _parsed[key]  # type: ignore[return-value]
