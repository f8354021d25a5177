"""Normalising what people said so rubric phrases match however it was typed or said.

Lower case, curly quotes made straight, contractions spelled out ("didn't" -> "did not", also when
typed without the apostrophe), a light stem ("listened", "listening" -> "listen"), and people made
interchangeable: "me", "Mum", "he", "they" all become one token, so "asked me what I wanted" also
matches "asked Dad what he wanted". Every token keeps the offsets of the words it came from, so
evidence can be highlighted in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PERSON = "@p"
BREAK = "|"  # a punctuation token: phrases and negation never reach across it

_WORD = re.compile(r"[^\W_]+(?:['\u2019\u2018`][^\W_]+)*|[.,;:!?\u2026()\[\]\u2013\u2014]| - ")

_PEOPLE = frozenset(
    "i me my mine myself he him his himself she her hers herself they them their theirs themselves "
    "we us our ours ourselves you your yours yourself mum mam mom mummy mother dad daddy father son "
    "daughter brother sister wife husband partner nan nana gran granny grandma grandmother grandad "
    "grandpa grandfather aunt auntie uncle nephew niece cousin".split()
)

# Contractions typed without an apostrophe, and a few irregular ones.
_WHOLE = {
    "cant": ("can", "not"), "cannot": ("can", "not"), "dont": ("do", "not"), "didnt": ("did", "not"),
    "doesnt": ("does", "not"), "wasnt": ("was", "not"), "werent": ("were", "not"), "isnt": ("is", "not"),
    "arent": ("are", "not"), "couldnt": ("could", "not"), "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"), "havent": ("have", "not"), "hasnt": ("has", "not"),
    "hadnt": ("had", "not"), "aint": ("is", "not"), "wont": ("will", "not"), "im": ("i", "am"),
    "ive": ("i", "have"), "idk": ("do", "not", "know"), "noone": ("no", "one"), "no-one": ("no", "one"),
}
_NOT = {"can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"), "ain't": ("is", "not")}
_SUFFIXES = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
_IRREGULAR = {
    "felt": "feel", "told": "tell", "heard": "hear", "kept": "keep", "made": "make", "took": "take",
    "taken": "take", "got": "get", "gave": "give", "given": "give", "went": "go", "said": "say",
    "thought": "think", "knew": "know", "known": "know", "spoke": "speak", "spoken": "speak",
    "left": "leave", "lot": "lot", "loads": "lot",
}


@dataclass(frozen=True)
class Token:
    """One normalised token and the offsets (start, end) of the words in the original text."""

    norm: str
    start: int
    end: int

    @property
    def is_break(self) -> bool:
        return self.norm == BREAK


def stem(word: str) -> str:
    """A light, consistent stem: only ever compared with stems made the same way."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def _expand(word: str) -> tuple[str, ...]:
    """Spell out a contraction: "didn't" -> ("did", "not"); a possessive or "is" ('s) is dropped."""
    word = word.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if word in _WHOLE:
        return _WHOLE[word]
    if word in _NOT:
        return _NOT[word]
    if word.endswith("n't"):
        return (word[:-3], "not")
    for suffix, full in _SUFFIXES.items():
        if word.endswith(suffix):
            return (word[: -len(suffix)], full)
    if word.endswith("'s"):
        return (word[:-2],)
    return tuple(part for part in word.split("'") if part)


def tokenise(text: str) -> list[Token]:
    """Normalised tokens with offsets into `text`; punctuation becomes a BREAK token."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        raw, start, end = match.group(), match.start(), match.end()
        if not raw.strip() or not (raw[0].isalnum()):
            if not tokens or not tokens[-1].is_break:
                tokens.append(Token(BREAK, start, end))
            continue
        for part in _expand(raw.lower()):
            norm = PERSON if part in _PEOPLE else stem(part)
            if norm == PERSON and tokens and tokens[-1].norm == PERSON:
                previous = tokens.pop()  # "my dad" is one person
                tokens.append(Token(PERSON, previous.start, end))
                continue
            tokens.append(Token(norm, start, end))
    return tokens


@lru_cache(maxsize=4096)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A rubric phrase normalised exactly as the person's words are."""
    return tuple(token.norm for token in tokenise(phrase) if not token.is_break)
