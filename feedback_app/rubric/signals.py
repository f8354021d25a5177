"""Cues about how something was said, read from the words before the rubric's phrases are weighed.

The rubric's phrases say what the words point to; these cues say how far to trust that:

- a bare reply ("no", "not really, no", "half and half really", "As his advocate, I'd say no"),
  found after a framing clause ("As his advocate") and lead-ins ("well", "I'd say") are set aside;
- sarcasm: "oh yes, very respectful", or the question echoed back ("Listened? ..."), after which
  praise is not taken at its word;
- a phrase that is itself the echoed question ("Involved?"), which is not an answer;
- an exception after a phrase ("safe, except at night"): only part of it, the middle level;
- a correction after a phrase ("asked my daughter, not me"): it did not happen to the person;
- "some ... but not ...": part of it, the middle level;
- short time phrases allowed inside a phrase ("told me at the start what would happen").

All work on normalised tokens (see `text.py`); spans are token indexes, end exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from feedback_app.rubric.text import BREAK, PERSON, Token, phrase_tokens


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({phrase_tokens(w) for w in words}, key=lambda p: -len(p)))


# Framing a representative or professional puts before the answer: "As his advocate, I'd say no."
FRAMING_FIRST = frozenset(phrase_tokens(w)[0] for w in ("as", "speaking", "for"))
# Said before or after a bare reply without changing it.
LEAD_INS = _phrases(
    ["well", "oh", "um", "erm", "er", "honestly", "really", "so", "look", "i'd say", "i would say",
     "i think", "i suppose", "i guess", "to be honest", "to be fair", "if i'm honest", "in a word",
     "truthfully", "frankly", "though", "then", "overall", "all in all"]
)
# Sarcasm: what follows is not meant as praise.
SARCASM = _phrases(
    ["oh yes", "oh yeah", "oh aye", "oh sure", "oh great", "oh brilliant", "oh wonderful", "oh lovely",
     "oh marvellous", "oh fantastic", "yeah right", "yeah sure", "as if", "i don't think", "what a joke",
     "a likely story", "if you can call it that", "if you call that"]
)
# An exception after a phrase, in the same sentence: only part of it.
EXCEPTIONS = _phrases(["except", "apart from", "aside from", "other than", "save for", "excepting"])
# A correction after a phrase: it happened to someone else ("asked my daughter, not me").
_FIRST_PERSON = frozenset({"me", "us", "myself", "i"})
_CORRECTIONS = _phrases(["not", "but not", "instead of", "rather than", "and not"])
# "some ... but not ...", "some ... not others": part of it.
_SOME = frozenset({"some", "certain"})
_BUT_NOT = _phrases(["but not", "not other", "not all", "but never", "but no"])
# Short time phrases that may come inside a rubric phrase.
TIME_FILLERS = _phrases(
    ["at the start", "at first", "at the beginning", "in the beginning", "to start with", "to begin with",
     "from the start", "in the end", "at the time", "straight away", "right away", "afterwards",
     "each time", "every time", "each week", "every week", "early on", "later on", "in the meeting"]
)
_FILLER_FIRST = frozenset(p[0] for p in TIME_FILLERS if p)
_SARCASM_FIRST = frozenset(p[0] for p in SARCASM if p)
_AFTER_NO = frozenset({PERSON, "not", "never", "it"})
_SENTENCE_END = frozenset(".!?\u2026")


def starts_with(norms: Sequence[str], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(norms[at : at + len(phrase)]) == phrase


def filler_span(norms: Sequence[str], at: int) -> int:
    """Length of a time phrase starting at `at`, or 0."""
    if at >= len(norms) or norms[at] not in _FILLER_FIRST:
        return 0
    for phrase in TIME_FILLERS:
        if phrase and starts_with(norms, at, phrase):
            return len(phrase)
    return 0


def punctuation(text: str, tokens: Sequence[Token], k: int) -> str:
    """The punctuation a BREAK token stands for ("" if k is not a break)."""
    if k < 0 or k >= len(tokens) or tokens[k].norm != BREAK:
        return ""
    return text[tokens[k].start : tokens[k].end].strip()


def clauses(norms: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) token spans between breaks."""
    found: list[tuple[int, int]] = []
    start = 0
    for k, norm in enumerate([*norms, BREAK]):
        if norm == BREAK:
            if k > start:
                found.append((start, k))
            start = k + 1
    return found


def _strip(norms: Sequence[str], first: int, last: int, keep: frozenset[tuple[str, ...]]) -> tuple[int, int]:
    """Set aside lead-ins at either end of a clause, unless the clause is already a reply ("not really")."""
    changed = True
    while changed and first < last and tuple(norms[first:last]) not in keep:
        changed = False
        for phrase in LEAD_INS:
            if len(phrase) < last - first and starts_with(norms, first, phrase):
                first, changed = first + len(phrase), True
                break
            if len(phrase) < last - first and tuple(norms[last - len(phrase) : last]) == phrase:
                last, changed = last - len(phrase), True
                break
    return first, last


def _segments(clause: tuple[str, ...], replies: frozenset[tuple[str, ...]]) -> bool:
    """Whether the clause is one or more bare replies of one kind ("not really no", "no no")."""
    if not clause:
        return False
    if clause in replies:
        return True
    return any(clause[: n] in replies and _segments(clause[n:], replies) for n in range(1, len(clause)))


def bare_replies(
    norms: Sequence[str],
    bare_yes: frozenset[tuple[str, ...]],
    bare_no: frozenset[tuple[str, ...]],
    bare_soften: frozenset[tuple[str, ...]],
) -> list[tuple[str, int, int]]:
    """("yes" | "no" | "soften", first, last) for a bare reply in the first or last clause.

    A framing clause first ("As his advocate,") is passed over, and lead-ins are set aside.
    """
    found = clauses(norms)
    if not found:
        return []
    if len(found) > 1 and norms[found[0][0]] in FRAMING_FIRST and found[0][1] - found[0][0] <= 5:
        found = found[1:]
    replies: list[tuple[str, int, int]] = []
    for index, (first, last) in enumerate(dict.fromkeys([found[0], found[-1]])):
        first, last = _strip(norms, first, last, bare_yes | bare_no | bare_soften)
        clause = tuple(norms[first:last])
        if not clause:
            continue
        if _segments(clause, bare_yes):
            replies.append(("yes", first, last))
        elif _segments(clause, bare_no):
            replies.append(("no", first, last))
        elif clause in bare_soften:
            replies.append(("soften", first, last))
        elif index == 0:
            if len(clause) > 1 and clause[0] in ("yes", "yeah", "yep") and clause[1] != "not":
                replies.append(("yes", first, first + 1))
            elif len(clause) > 1 and clause[0] in ("no", "nope") and clause[1] in _AFTER_NO:
                replies.append(("no", first, first + 1))
    return replies


def sarcasm(norms: Sequence[str], tokens: Sequence[Token], text: str) -> tuple[int, int] | None:
    """The span of a sarcasm marker, or of a question echoed back at the start ("Listened? ...")."""
    for k in range(len(norms)):
        if norms[k] not in _SARCASM_FIRST:
            continue
        for phrase in SARCASM:
            if starts_with(norms, k, phrase) and (k == 0 or norms[k - 1] == BREAK):
                return k, k + len(phrase)
    first = clauses(norms)[:1]
    if first and first[0][0] == 0 and first[0][1] <= 3 and punctuation(text, tokens, first[0][1]) == "?":
        if first[0][1] < len(norms) - 1:  # something follows the echoed question
            return first[0]
    return None


def echoed(norms: Sequence[str], tokens: Sequence[Token], text: str, start: int, end: int) -> bool:
    """Whether a phrase is the question asked back ("Listened?"), not an answer."""
    return start <= 2 and (start == 0 or norms[start - 1] == BREAK) and punctuation(text, tokens, end) == "?"


def exception_after(
    norms: Sequence[str], tokens: Sequence[Token], text: str, end: int
) -> tuple[int, int] | None:
    """An exception ("except", "apart from") later in the same sentence as a phrase ending at `end`."""
    k = end
    while k < len(norms):
        if norms[k] == BREAK:
            if any(ch in _SENTENCE_END for ch in punctuation(text, tokens, k)):
                return None
            k += 1
            continue
        for phrase in EXCEPTIONS:
            if starts_with(norms, k, phrase):
                return k, k + len(phrase)
        k += 1
    return None


def corrected_after(
    norms: Sequence[str], tokens: Sequence[Token], text: str, end: int
) -> tuple[int, int] | None:
    """A correction later in the sentence naming the speaker: "asked my daughter what happens, not me"."""
    starts = [end]
    for k in range(end, len(norms)):
        if norms[k] == BREAK:
            if any(ch in _SENTENCE_END for ch in punctuation(text, tokens, k)):
                break
            starts.append(k + 1)
    for k in starts:
        for phrase in _CORRECTIONS:
            if starts_with(norms, k, phrase):
                person = k + len(phrase)
                if person < len(norms) and norms[person] == PERSON:
                    said = text[tokens[person].start : tokens[person].end].lower()
                    if said in _FIRST_PERSON:
                        return k, person + 1
    return None


def some_but_not(norms: Sequence[str]) -> tuple[int, int] | None:
    """ "some ... but not ..." (or "some ... not others") within one sentence-length stretch."""
    for k, norm in enumerate(norms):
        if norm not in _SOME:
            continue
        for j in range(k + 1, min(len(norms), k + 14)):
            for phrase in _BUT_NOT:
                if starts_with(norms, j, phrase):
                    return k, j + len(phrase)
    return None
