"""Sentences, words, syllables and the Flesch reading ease score, with no data to download.

The `textstat` package was tried and not used: version 0.7.13 counts syllables with NLTK's CMU
dictionary, which it downloads at run time, and this app must never fetch anything while running.
Counting vowel groups with a few English rules is within a syllable or so of a dictionary on
everyday words, which is all a score over a whole question needs.
"""

from __future__ import annotations

import re

# A sentence ends at . ? ! (and Urdu's ۔ and ؟) followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.?!\u06d4\u061f])\s+|\n+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # letters and digits, with inner apostrophes
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")

# Words the rules below get wrong, by their usual British pronunciation.
_SYLLABLES = {
    "someone": 2, "something": 2, "sometimes": 2, "everyone": 3, "anyone": 3, "people": 2,
    "area": 3, "idea": 3, "being": 2, "doing": 2, "going": 2, "saying": 2, "seeing": 2,
    "create": 2, "created": 3, "real": 1, "really": 2, "business": 2, "different": 3,
    "every": 2, "everything": 3, "family": 3, "evening": 2, "interest": 3, "interesting": 3,
    "police": 2, "quiet": 2, "science": 2, "poem": 2, "lion": 2, "diet": 2, "fire": 1,
    "whole": 1, "where": 1, "there": 1, "here": 1, "were": 1, "care": 1, "sure": 1, "are": 1,
    "more": 1, "before": 2, "one": 1, "once": 1, "done": 1, "gone": 1, "none": 1, "move": 1,
    "involved": 2, "live": 1, "lives": 1, "give": 1, "gave": 1, "have": 1, "love": 1,
    "safe": 1, "safer": 2, "safely": 2, "safeguarding": 3, "safeguard": 2, "someone's": 2, "wanted": 2, "needed": 2, "asked": 1, "helped": 1,
}


def sentences(text: str) -> list[str]:
    """The sentences of a text, each stripped; empty pieces dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(text.strip()) if piece and piece.strip()]


def words(text: str) -> list[str]:
    """The words of a text (runs of letters or digits, keeping inner apostrophes); punctuation is not a word."""
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """How many syllables an English word has, by rule: at least one for any word with a letter."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$|'", "", word)
    if not word:
        return 0
    if word in _SYLLABLES:
        return _SYLLABLES[word]
    if not re.search(r"[a-z]", word):
        return 1 if re.search(r"\w", word) else 0  # a number or a word in another alphabet
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "make", "state"
    elif word.endswith("le") and len(word) > 2 and word[-3] in "aeiouy" and count > 1:
        count -= 1  # "whale", "mile": the e is silent after a vowel
    if word.endswith("es") and not re.search(r"(?:[cgsxz]|ch|sh)es$", word) and count > 1:
        count -= 1  # "makes", "comes", but not "places", "wishes"
    elif word.endswith("ed") and not re.search(r"[td]ed$", word) and count > 1:
        count -= 1  # "asked", "helped", but not "wanted", "needed"
    if word.endswith("ism"):
        count += 1  # "criticism": the m is a syllable of its own
    return max(count, 1)


def flesch_reading_ease(text: str) -> float | None:
    """206.835 − 1.015 × words per sentence − 84.6 × syllables per word; None for a text with no words.

    60 or more is plain English; 70 or more is easy; most easy read scores 80 or more.
    """
    found = [word for sentence in sentences(text) for word in words(sentence)]
    if not found:
        return None
    sentence_count = max(1, sum(1 for sentence in sentences(text) if words(sentence)))
    syllable_count = sum(syllables(word) for word in found)
    return 206.835 - 1.015 * (len(found) / sentence_count) - 84.6 * (syllable_count / len(found))


def hard_words(text: str, at_least: int = 3) -> list[str]:
    """The words of three or more syllables, in order, each once: the first to make plainer."""
    seen: list[str] = []
    for word in words(text):
        if syllables(word) >= at_least and word.lower() not in (w.lower() for w in seen):
            seen.append(word)
    return seen
