"""Suggestions for 10,000 answers: python -m bench.coding [--answers 10000].

The words come from the coding sets in bench/ (real-sounding answers written for testing),
repeated until there are enough, spread over all nine outcomes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

from feedback_app.rubric.evaluate import Row, read_rows
from feedback_app.rubric.loader import load_rubric
from feedback_app.rubric.suggest import suggest

ROOT = Path(__file__).resolve().parents[1]


def measure(answers: int) -> dict[str, object]:
    rubric = load_rubric(ROOT / "question_banks")
    rows = [row for name in ("coding-heldout.csv", "coding-independent.csv")
            for row in read_rows((ROOT / "bench" / name).read_text(encoding="utf-8"), need_gold=False)
            if isinstance(row, Row)]
    work = list(itertools.islice(itertools.cycle(rows), answers))
    suggest(rubric, work[0].outcome, work[0].answer, work[0].words)  # loads TextBlob once, as a server would
    started = time.perf_counter()
    for row in work:
        suggest(rubric, row.outcome, row.answer, row.words)
    seconds = time.perf_counter() - started
    return {"answers": answers, "distinct_answers": len(rows), "seconds": round(seconds, 3),
            "per_answer_ms": round(1000 * seconds / answers, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    print(json.dumps(measure(parser.parse_args().answers), indent=2))


if __name__ == "__main__":
    main()
