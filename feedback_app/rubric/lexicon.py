"""Sentiment as one weak signal: TextBlob's polarity plus a small safeguarding lexicon.

TextBlob's default analyser scores "I was listened to" and "they kept me informed" as 0.0, so the
phrases below, which carry the meaning in this domain, are added. The result only ever breaks a tie
between levels or lowers confidence; it never decides a level on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from feedback_app.rubric.text import Token, phrase_tokens

# Phrase -> polarity (-1 to 1), written as people say them; matched after normalising.
DOMAIN_LEXICON: dict[str, float] = {
    "listened to": 0.6, "listened": 0.5, "felt heard": 0.7, "took me seriously": 0.6, "believed me": 0.6,
    "kept me informed": 0.6, "kept me up to date": 0.6, "explained": 0.4, "made sense": 0.5,
    "felt safe": 0.7, "feel safe": 0.7, "safer": 0.6, "sorted": 0.5, "worked together": 0.5,
    "had a say": 0.5, "involved me": 0.5, "kind": 0.6, "respect": 0.6, "respectful": 0.6,
    "lovely": 0.7, "helpful": 0.5, "supportive": 0.6, "thank": 0.5, "grateful": 0.6,
    "ignored": -0.7, "left in the dark": -0.7, "fobbed off": -0.7, "let down": -0.7, "rude": -0.7,
    "waste of time": -0.7, "disjointed": -0.5, "pillar to post": -0.6, "frightened": -0.5,
    "scared": -0.5, "confusing": -0.5, "nothing happened": -0.6, "nothing was done": -0.6,
    "talked down to": -0.6, "patronising": -0.6, "brushed off": -0.6, "gave up": -0.5,
    "useless": -0.7, "pointless": -0.6, "upset": -0.5, "angry": -0.6, "worse": -0.5,
}
_NEGATORS = frozenset({"not", "no", "never", "nobody", "nothing", "none", "hardly"})


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[tuple[str, ...], float], ...]:
    return tuple(sorted(((phrase_tokens(p), v) for p, v in DOMAIN_LEXICON.items()), key=lambda x: -len(x[0])))


def lexicon_scores(tokens: Sequence[Token]) -> list[float]:
    """Polarity of each lexicon phrase found, turned round when a negation comes just before it."""
    norms = [token.norm for token in tokens]
    taken = [False] * len(norms)
    scores: list[float] = []
    for phrase, value in _lexicon():
        size = len(phrase)
        for start in range(len(norms) - size + 1):
            if tuple(norms[start : start + size]) == phrase and not any(taken[start : start + size]):
                taken[start : start + size] = [True] * size
                before = norms[max(0, start - 3) : start]
                scores.append(-value if _NEGATORS.intersection(before) else value)
    return scores


def textblob_polarity(text: str) -> float:
    """TextBlob's pattern-analyser polarity (no NLTK corpora needed); 0.0 if it cannot run."""
    try:
        from textblob import TextBlob  # imported late: it is slow to load and only a weak signal
    except ImportError:  # pragma: no cover - textblob is a dependency
        return 0.0
    try:
        return float(TextBlob(text).sentiment.polarity)
    except Exception:  # noqa: BLE001 - a weak signal must never break a suggestion
        return 0.0


def polarity(text: str, tokens: Sequence[Token]) -> float:
    """TextBlob's polarity averaged with the domain lexicon's, TextBlob counting as one voice."""
    if not text.strip():
        return 0.0
    found = lexicon_scores(tokens)
    return (textblob_polarity(text) + sum(found)) / (1 + len(found))
