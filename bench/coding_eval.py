"""Score the suggestion engine on coding CSVs and time it: python bench/coding_eval.py [FILE.csv ...].

Defaults to the shared dev set and the held-out set. Prints each set's figures, its disagreements
(with --misses), and the mean time per suggestion (after one warm-up call, which loads TextBlob).

`--split odd|even` keeps only the rows whose id ends in an odd or even number (i001, i003, ... or
i002, i004, ...), so one half of a set can be tuned on and the other kept unseen.

`--reliability` adds a table of precision by confidence band and by signal type (words only,
button plus words, button only), to check that higher confidence means more often right.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback_app.rubric.evaluate import Row, figures, read_rows, report, suggest_rows  # noqa: E402
from feedback_app.rubric.loader import load_rubric  # noqa: E402
from feedback_app.rubric.suggest import Suggestion, suggest  # noqa: E402
from feedback_app.vocabulary import UNCLEAR  # noqa: E402

DEFAULT_SETS = [ROOT.parent / "shared" / "coding-dev-set.csv", ROOT / "bench" / "coding-heldout.csv"]
_NUMBER = re.compile(r"(\d+)\s*$")
BANDS = ((0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def signal_type(suggestion: Suggestion) -> str:
    """What a committed suggestion rests on, from its reason: words only, button plus words, or button only."""
    if suggestion.reason.startswith("The answer chosen"):
        return "button only"
    return "button plus words" if "answer" in suggestion.reason else "words only"


def reliability(results: list[tuple[Row, Suggestion]]) -> str:
    """Precision of the committed suggestions by confidence band and by signal type."""
    committed = [(row, s) for row, s in results if s.level != UNCLEAR]
    groups: list[tuple[str, list[tuple[Row, Suggestion]]]] = [
        (f"{low:.1f}-{min(high, 1.0):.1f}", [(r, s) for r, s in committed if low <= s.confidence < high])
        for low, high in BANDS
    ]
    groups += [(kind, [(r, s) for r, s in committed if signal_type(s) == kind])
               for kind in ("words only", "button plus words", "button only")]
    lines = ["Reliability (committed suggestions):"]
    for name, group in groups:
        right = sum(s.level == r.gold for r, s in group)
        share = f"{100 * right / len(group):.1f}%" if group else "n/a"
        lines.append(f"  {name:<18} {right:>3} of {len(group):<3} right  {share}")
    return "\n".join(lines)


def in_split(row_id: str, split: str | None) -> bool:
    """Whether a row belongs to the split: "odd" or "even" by the number its id ends in; None keeps all."""
    if split is None:
        return True
    found = _NUMBER.search(row_id)
    if found is None:
        return False
    return (int(found.group(1)) % 2 == 1) == (split == "odd")


def run(path: Path, show_misses: bool, split: str | None = None, show_reliability: bool = False) -> None:
    rubric = load_rubric(ROOT / "question_banks")
    rows = [
        row for row in read_rows(path.read_text(encoding="utf-8"), need_gold=True)
        if isinstance(row, Row)
    ]
    rows = [row for row in rows if in_split(row.id, split)]
    suggest(rubric, "listened_to", None, "warm up")
    started = time.perf_counter()
    results = suggest_rows(rubric, rows)
    per_item = (time.perf_counter() - started) / max(1, len(rows))
    print(f"== {path.name}" + (f" ({split} rows, {len(rows)})" if split else ""))
    pairs = [(row.gold or "", suggestion.level) for row, suggestion in results]
    print(report(figures(pairs, [row.outcome for row, _ in results])))
    print(f"Speed:      {1000 * per_item:.2f} ms per suggestion")
    if show_reliability:
        print(reliability(results))
    if show_misses:
        for row, suggestion in results:
            if suggestion.level != row.gold:
                print(f"  {row.id} {row.outcome} answer={row.answer} gold={row.gold} got={suggestion.level} "
                      f"({suggestion.confidence:.2f}) {row.words!r}")
    print()


def main(argv: list[str]) -> None:
    split = None
    names: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg in ("--misses", "--reliability"):
            continue
        if arg == "--split" or arg.startswith("--split="):
            split = arg.split("=", 1)[1] if "=" in arg else next(args, "")
            if split not in ("odd", "even"):
                sys.exit("--split takes odd or even")
            continue
        names.append(arg)
    for name in names or DEFAULT_SETS:
        run(Path(name), "--misses" in argv, split, "--reliability" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
