"""The committed messages.pot must match a fresh extraction, so translators never miss a string."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_committed_pot_matches_a_fresh_extraction(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", *EXTRACT_ARGS, "-o", str(fresh), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed = (ROOT / "translations" / "messages.pot").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "translations/messages.pot is out of date: run `make extract` and commit the result"
    )


EXTRACT_ARGS = ["-F", "babel.cfg", "-k", "lazy_gettext", "-k", "_l", "--no-location", "--sort-output", "--omit-header"]
