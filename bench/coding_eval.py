"""Score the suggestion engine on coding CSVs and time it: python bench/coding_eval.py [FILE.csv ...].

Defaults to the shared dev set and the held-out set. Prints each set's figures, its disagreements,
and the mean time per suggestion (after one warm-up call, which loads TextBlob).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback_app.rubric.evaluate import Row, figures, read_rows, report, suggest_rows  # noqa: E402
from feedback_app.rubric.loader import load_rubric  # noqa: E402
from feedback_app.rubric.suggest import suggest  # noqa: E402

DEFAULT_SETS = [ROOT.parent / "shared" / "coding-dev-set.csv", ROOT / "bench" / "coding-heldout.csv"]


def run(path: Path, show_misses: bool) -> None:
    rubric = load_rubric(ROOT / "question_banks")
    rows = [row for row in read_rows(path.read_text(encoding="utf-8"), need_gold=True) if isinstance(row, Row)]
    suggest(rubric, "listened_to", None, "warm up")
    started = time.perf_counter()
    results = suggest_rows(rubric, rows)
    per_item = (time.perf_counter() - started) / max(1, len(rows))
    print(f"== {path.name}")
    pairs = [(row.gold or "", suggestion.level) for row, suggestion in results]
    print(report(figures(pairs, [row.outcome for row, _ in results])))
    print(f"Speed:      {1000 * per_item:.2f} ms per suggestion")
    if show_misses:
        for row, suggestion in results:
            if suggestion.level != row.gold:
                print(f"  {row.id} {row.outcome} answer={row.answer} gold={row.gold} got={suggestion.level} "
                      f"({suggestion.confidence:.2f}) {row.words!r}")
    print()


if __name__ == "__main__":
    args = [arg for arg in sys.argv[1:] if arg != "--misses"]
    for name in args or DEFAULT_SETS:
        run(Path(name), "--misses" in sys.argv)
