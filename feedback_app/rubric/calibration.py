"""Calibration: picking the rubric's worked examples for a coder to code blind. No Flask."""

from __future__ import annotations

import random

from feedback_app.rubric.model import Example, Rubric


def example_key(outcome: str, level: str, index: int) -> str:
    return f"{outcome}:{level}:{index}"


def pick_examples(rubric_: Rubric, count: int, rng: random.Random) -> list[tuple[str, Example]]:
    """(key, example) for `count` worked examples, spread across outcomes, in random order.

    Outcomes are taken in a random order, one example from each in turn, so with 12 examples
    and nine outcomes every outcome appears once and three appear twice.
    """
    pools: list[list[tuple[str, Example]]] = []
    for outcome in rubric_.outcomes.values():
        pool = [
            (example_key(outcome.id, level.id, index), example)
            for level in outcome.levels.values()
            for index, example in enumerate(level.examples)
        ]
        rng.shuffle(pool)
        if pool:
            pools.append(pool)
    rng.shuffle(pools)
    chosen: list[tuple[str, Example]] = []
    while len(chosen) < count and any(pools):
        for pool in pools:
            if pool and len(chosen) < count:
                chosen.append(pool.pop())
    rng.shuffle(chosen)
    return chosen


def find_example(rubric_: Rubric, key: str) -> Example | None:
    """The worked example a key names, or None if this rubric no longer has it."""
    outcome_id, _, rest = key.partition(":")
    level_id, _, index = rest.partition(":")
    outcome = rubric_.outcomes.get(outcome_id)
    level = outcome.levels.get(level_id) if outcome is not None else None
    if level is None or not index.isdigit() or int(index) >= len(level.examples):
        return None
    return level.examples[int(index)]
