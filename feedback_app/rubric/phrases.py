"""The rubric's phrases and cues, normalised, indexed and found in a person's words. No Flask."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from feedback_app.rubric import signals as cues_of
from feedback_app.rubric.model import Rubric
from feedback_app.rubric.text import BREAK, PERSON, phrase_tokens

TO, AWAY = "to", "away"
FILLER = frozenset(
    {PERSON, *(phrase_tokens(w)[0] for w in "really very so just actually properly genuinely truly definitely "
                                           "all ever even quite also".split())}
)
PRIORITY = {"to": 0, "away": 0, "uncertain": 1, "weak_negation": 2, "soften": 2, "doubt": 2, "negation": 3, "boundary": 3}

@dataclass(frozen=True)
class Entry:
    tokens: tuple[str, ...]
    kind: str  # to | away | uncertain | negation | weak_negation | soften | doubt | boundary
    level: str | None = None


@dataclass(frozen=True)
class Match:
    start: int  # token indexes, end exclusive
    end: int
    entry: Entry


class Compiled:
    """The rubric's phrases normalised and indexed by first token, built once per rubric."""

    def __init__(self, rubric: Rubric) -> None:
        shared: list[Entry] = [Entry(phrase_tokens(p), "uncertain") for p in rubric.uncertain]
        shared += [Entry(phrase_tokens(p), "negation") for p in rubric.negations.words]
        shared += [Entry(phrase_tokens(p), "boundary") for p in rubric.negations.boundaries]
        shared += [Entry(phrase_tokens(h.phrase), h.effect) for h in rubric.hedges]
        self.outcomes: dict[str, dict[str, list[Entry]]] = {}
        for outcome in rubric.outcomes.values():
            entries = list(shared)
            for level in outcome.levels.values():
                entries += [Entry(phrase_tokens(p), TO, level.id) for p in level.points_to]
                entries += [Entry(phrase_tokens(p), AWAY, level.id) for p in level.points_away]
            index: dict[str, list[Entry]] = defaultdict(list)
            for entry in entries:
                if entry.tokens:
                    index[entry.tokens[0]].append(entry)
            self.outcomes[outcome.id] = dict(index)
        self.scope = rubric.negations.scope
        self.partial_after = frozenset(t for p in rubric.negations.partial_after for t in phrase_tokens(p)[:1])
        self.bare_yes = frozenset(phrase_tokens(p) for p in rubric.bare_yes)
        self.bare_no = frozenset(phrase_tokens(p) for p in rubric.bare_no)
        self.bare_soften = frozenset(phrase_tokens(h.phrase) for h in rubric.hedges if h.effect == "soften")


@lru_cache(maxsize=8)
def compiled(rubric: Rubric) -> Compiled:
    return Compiled(rubric)


def match_at(norms: Sequence[str], start: int, phrase: tuple[str, ...]) -> int | None:
    """End of `phrase` matched at `start`, allowing up to two filler words inside it; None if no match."""
    j, k, skips = 0, start, 0
    while j < len(phrase):
        if k >= len(norms) or norms[k] == BREAK:
            return None
        if norms[k] == phrase[j]:
            j, k = j + 1, k + 1
        elif j > 0 and norms[k] in FILLER and skips < 2:
            skips, k = skips + 1, k + 1
        elif j > 0 and skips < 2 and (size := cues_of.filler_span(norms, k)):
            skips, k = skips + 1, k + size  # "told me at the start what would happen"
        else:
            return None
    return k


def find(norms: Sequence[str], index: dict[str, list[Entry]]) -> list[Match]:
    """Every phrase and cue found, longest first; overlaps go to the longer (a phrase beats a cue)."""
    found = [
        Match(start, end, entry)
        for start, norm in enumerate(norms)
        for entry in index.get(norm, ())
        if (end := match_at(norms, start, entry.tokens)) is not None
    ]
    found.sort(key=lambda m: (-len(m.entry.tokens), PRIORITY[m.entry.kind], m.start))
    accepted: list[Match] = []
    for match in found:
        # Phrases pointing away never hide phrases pointing to a level, nor the other way round.
        clash = [a for a in accepted if a.start < match.end and match.start < a.end and (a.entry.kind == AWAY) == (match.entry.kind == AWAY)]
        same_span = all(
            a.start == match.start and a.end == match.end and a.entry.kind in (TO, AWAY)
            and (a.entry.kind, a.entry.level) != (match.entry.kind, match.entry.level)
            for a in clash
        )
        if not clash or (same_span and match.entry.kind in (TO, AWAY)):
            accepted.append(match)
    return sorted(accepted, key=lambda m: m.start)
