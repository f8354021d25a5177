"""What people said, for publication: redacted, shortened quotes grouped by outcome.

Nothing here may let a reader identify someone, so redaction errs on the side of removing:
a non-identifying word taken out costs a little readability, a name left in costs a person.
Names are found by heuristics only (no language models). Known limits: a name written in
lower case and not after a relationship word, names in scripts without capital letters, and
a name that is also a common word at the start of a sentence ("Will said...") can get through.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from feedback_app.reporting.quote_words import (
    ALLOWED_CAPITALISED,
    AMBIGUOUS_MONTHS,
    COMMON_NAMES,
    COMMON_WORDS,
    CONTRACTIONS,
    STEMS,
    TIME_WORDS,
    _words,
)
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES, UNCLEAR

QUOTE_MIN_GROUP = 5  # the publication floor: counts of 0 to 4 are never shown, nor are their quotes
PLACEHOLDERS = ("name", "phone number", "email", "address", "date", "reference")
ELLIPSIS = "…"

_PLACEHOLDER = r"\[(?:" + "|".join(PLACEHOLDERS) + r")\]"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:\d{4}|['’]\d{2})"
EMAIL = re.compile(
    r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\".]+(?:\.[^\s@<>()\[\],;:\".]+)+"
    r"|\b[\w.+-]+\s+at\s+[\w-]+\s+dot\s+[a-z]+\b",
    re.IGNORECASE,
)
WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|co\.uk|org|net|uk)/\S*", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w@])@\w+")
REFERENCE = re.compile(
    r"\b[A-Z]{1,5}[-/]?\d[\dA-Z]*(?:[-/][\dA-Z]+)*\b"
    r"|\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"  # National Insurance number
    r"|\b(?:ref(?:erence)?|case|account)\.? *(?:no\.?|number)? *[:#]? *\d[\d -]*\d",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? *\d[A-Z]{2}\b", re.IGNORECASE)
OUTWARD_CODE = re.compile(r"\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\b")
PHONE = re.compile(r"(?<![£$€\d])(?:\+ ?)?\(?\d[\d \u00a0()\-]{5,}\d\)?")
NUMERIC_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
DATE = re.compile(
    rf"\b{NUMERIC_DATE.pattern}\b"
    rf"|\b\d{{1,2}}/(?:19|20)\d{{2}}\b"
    rf"|\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?![\w])"
    rf"|\b{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?\b"
    rf"|\b{_MONTH}\s+{_YEAR}\b"
    r"|(?<![£$€\d])\b(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_STREET = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|court|ct|crescent|cres|way|place|pl"
    r"|gardens|gdns|grove|terrace|walk|hill|row|square|sq|mews|park|view|rise|green|parade|vale"
    r"|boulevard|estate|house|cottages?|buildings|wharf|yard|gate|fields|meadows?)"
)
ADDRESS = re.compile(
    r"(?:\b(?:flat|apartment|apt|unit|room)\s*\d+[a-z]?\b,?\s*)?"
    rf"\b\d{{1,4}}[a-z]?,?\s+((?:[^\W\d_]+\s+){{0,3}}){_STREET}\b"
    r"|\b(?:flat|apartment|apt|unit)\s*\d+[a-z]?\b",
    re.IGNORECASE,
)
ADDRESS_STOP_WORDS = _words(
    "the a an to of and my his her their our your this that some more than down up on in at from for"
    " with into by or but i we they he she it"
)
TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Revd|Reverend|Father|Fr"
    r"|Sister|Nurse|PC|DC|DS|DI|Sgt|Sergeant|Inspector|Officer|Cllr|Councillor|Judge)\.?"
    r"(?:\s+[A-Z]\.?)*\s+[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*"
    r"|\b(?:mr|mrs|ms|mx|dr)\.?\s+[^\W\d_]+",
)
RELATIVE = re.compile(
    r"\b(?:my|our|his|her|their|the|your)\s+(?:(?:ex|step|late|new|old|support|social|key)[\s-]+)?"
    r"(?:son|daughter|husband|wife|partner|carer|neighbour|neighbor|friend|boyfriend|girlfriend|brother"
    r"|sister|mum|mother|dad|father|nan|gran|grandson|granddaughter|nephew|niece|cousin|uncle|aunt|auntie"
    r"|landlord|landlady|lodger|worker|cleaner|advocate|nurse|doctor|fianc[eé]e?)s?"
    r",?\s+(?:(?:who\s+is\s+)?(?:called|named)\s+)?([^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|\b(?:called|named|name\s+is)\s+([^\W\d_]+(?:['’\-][^\W\d_]+)*)",
    re.IGNORECASE,
)
TOKEN = re.compile(rf"{_PLACEHOLDER}|[^\W\d_]+(?:['’\-&][^\W\d_]+)*")
SENTENCE_OPENERS = set(".!?:;\"“”‘'(…•*–—-")
SAME_PLACEHOLDERS = re.compile(r"\[(" + "|".join(PLACEHOLDERS) + r")\](?:[ \t]*,?[ \t]+\[\1\])+")


def _lookups(word: str) -> list[str]:
    """The forms a word is looked up by: itself, before a contraction, and simple inflection stems."""
    lower = word.lower()
    forms = [lower]
    head, _, tail = re.sub("’", "'", lower).partition("'")
    if tail in CONTRACTIONS:
        forms.append(head)
    for suffix, replacement in STEMS:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.append(lower[: -len(suffix)] + replacement)
    return forms


def _is_common(word: str) -> bool:
    return all(any(f in COMMON_WORDS for f in _lookups(part)) for part in word.split("-") if part)


def _is_allowed(word: str) -> bool:
    return any(form in ALLOWED_CAPITALISED for form in _lookups(word))


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start]
    stripped = before.rstrip()
    return not stripped or "\n" in before[len(stripped) :] or stripped[-1] in SENTENCE_OPENERS


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _month_in_use(text: str, match: re.Match[str]) -> bool:
    """An ambiguous month (May, June...) reads as a month beside a date word or number."""
    before = re.findall(r"[^\W\d_]+|\d+", text[: match.start()])
    after = text[match.end() :].lstrip()
    next_to_date = after[:1].isdigit() or after.startswith("[date]")
    return bool(before and before[-1].lower() in TIME_WORDS) or next_to_date


def _base(word: str) -> str:
    """The word without a possessive: "Gary's" is looked for as "gary"."""
    return re.sub(r"['’]s$", "", word).lower()


def _capitalised_names(text: str, tokens: list[re.Match[str]]) -> set[int]:
    """Capitalised words that are not allowed mid-sentence, or not common at a sentence start."""
    names: set[int] = set()
    for i, match in enumerate(tokens):
        word = match.group()
        if word.startswith("[") or not _is_capitalised(word):
            continue
        if word.lower() in AMBIGUOUS_MONTHS:
            if _month_in_use(text, match):
                continue
        elif _is_allowed(word):
            continue
        if _sentence_start(text, match.start()):
            following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
            before_a_name = following == "[name]" or (
                _is_capitalised(following) and not _is_allowed(following) and not _is_common(following)
            )
            if _is_common(word) and not (word.lower() in COMMON_NAMES and before_a_name):
                continue
        elif word.isupper() and len(word) > 1 and _is_common(word):
            continue  # shouting, not a name
        names.add(i)
    return names


def _surnames(text: str, tokens: list[re.Match[str]], names: set[int]) -> set[int]:
    """A capitalised word straight after a name is part of it ("Gary Brown", "[name] Brown")."""
    found = set(names)
    for i in range(1, len(tokens)):
        word, previous = tokens[i].group(), tokens[i - 1]
        gap = text[previous.end() : tokens[i].start()]
        after_name = i - 1 in found or previous.group() == "[name]"
        same_line = not gap.strip() and "\n" not in gap
        if after_name and same_line and _is_capitalised(word) and not _is_allowed(word):
            found.add(i)
    return found


def _names_after_relatives(text: str, tokens: list[re.Match[str]]) -> set[int]:
    """The word after "my son", "my neighbour", "called"..., unless it is plainly not a name."""
    starts = {match.start(): i for i, match in enumerate(tokens)}
    names: set[int] = set()
    for relative in RELATIVE.finditer(text):
        group = 1 if relative.group(1) else 2
        word = relative.group(group)
        if _is_capitalised(word):
            if _is_allowed(word) and word.lower() not in COMMON_NAMES:
                continue
        elif _is_common(word):
            continue
        if relative.start(group) in starts:
            names.add(starts[relative.start(group)])
    return names


def _redact_names(text: str) -> str:
    tokens = list(TOKEN.finditer(text))
    names = _surnames(text, tokens, _capitalised_names(text, tokens) | _names_after_relatives(text, tokens))
    # Every other appearance of a name found once goes too, wherever it stands.
    found = {_base(tokens[i].group()) for i in names}
    for i, match in enumerate(tokens):
        word = match.group()
        if _base(word) in found and (_base(word) not in COMMON_WORDS or _is_capitalised(word)):
            names.add(i)
    pieces, cursor = [], 0
    for i in sorted(names):
        match = tokens[i]
        possessive = re.search(r"['’]s$", match.group())
        pieces += [text[cursor : match.start()], "[name]" + (possessive.group() if possessive else "")]
        cursor = match.end()
    return "".join(pieces) + text[cursor:]


def _phone_or_reference(match: re.Match[str]) -> str:
    found = match.group()
    digits = sum(c.isdigit() for c in found)
    if digits < 7 or NUMERIC_DATE.fullmatch(found.strip()):
        return found
    if found.lstrip("(").startswith(("+", "0")) or re.search(r"\d[ \u00a0\-()]+\d", found):
        return "[phone number]"
    return "[reference]"


def _reference(match: re.Match[str]) -> str:
    found = match.group()
    return "[reference]" if sum(c.isdigit() for c in found) >= 3 else found


def _address(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return "[address]"  # "Flat 3" on its own
    between, street = match.group(1).split(), match.group().split()[-1]
    if any(w.lower() in ADDRESS_STOP_WORDS for w in between) or not (between or _is_capitalised(street)):
        return match.group()  # "2 buses down the road", "5 court hearings"
    return "[address]"


def _redact_once(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    text = WEB_ADDRESS.sub("[address]", text)
    text = HANDLE.sub("[name]", text)
    text = REFERENCE.sub(_reference, text)
    text = POSTCODE.sub("[address]", text)
    text = PHONE.sub(_phone_or_reference, text)
    text = DATE.sub("[date]", text)
    text = ADDRESS.sub(_address, text)
    text = OUTWARD_CODE.sub("[address]", text)
    text = TITLE.sub("[name]", text)
    text = _redact_names(text)
    return SAME_PLACEHOLDERS.sub(r"[\1]", text)


def redact(text: str) -> str:
    """Replace names, contact details, addresses, dates and case references with placeholders.

    Each pass only turns text into placeholders, so repeating passes until nothing changes ends,
    and the result is stable: redacting a redacted text changes nothing.
    """
    for _ in range(100):
        redacted = _redact_once(text)
        if redacted == text:
            return text
        text = redacted
    return text


_QUOTE_TOKEN = re.compile(r"(?:\[phone number\]|\S)+")


def shorten(text: str, max_words: int = 30) -> str:
    """At most `max_words` words, cut at the end of a sentence if one is near, else between words."""
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    words = _QUOTE_TOKEN.findall(text)
    if len(words) <= max_words:
        return " ".join(words)
    kept = words[:max_words]
    ends = [i for i, w in enumerate(kept) if w.rstrip("\"'”’)").endswith((".", "!", "?"))]
    if ends and ends[-1] + 1 >= max_words / 2:
        return " ".join(kept[: ends[-1] + 1]) + " " + ELLIPSIS
    return " ".join(kept).rstrip(",;:–—-") + ELLIPSIS


@dataclass(frozen=True)
class QuoteSource:
    """One thing a person said, with the outcome and level it was coded at."""

    conversation_id: str
    outcome: str
    level: str
    words: str


def _worth_showing(quote: str) -> bool:
    """At least three real words, and more words than placeholders."""
    placeholders = len(re.findall(_PLACEHOLDER, quote))
    words = len(re.findall(r"[^\W\d_]+", re.sub(_PLACEHOLDER, " ", quote)))
    return words >= 3 and placeholders <= words / 2


def _order_key(outcome: str, item: QuoteSource) -> str:
    """A fixed, unpredictable order, so the same data always gives the same quotes."""
    return hashlib.sha256(f"{outcome}\0{item.conversation_id}\0{item.words}".encode()).hexdigest()


def _level_rank(outcome: str, level: str) -> tuple[int, str]:
    known = OUTCOME_LEVELS.get(outcome, ()) + (UNCLEAR,)
    return (known.index(level) if level in known else len(known), level)


def quotes_by_outcome(
    items: Iterable[QuoteSource],
    *,
    min_group: int = QUOTE_MIN_GROUP,
    per_outcome: int = 3,
    max_words: int = 30,
) -> dict[str, list[str]]:
    """Up to `per_outcome` redacted quotes per outcome, none where fewer than `min_group` people spoke.

    Every outcome met appears as a key; an empty list means too few conversations to quote safely.
    Quotes are spread across levels (the most common level first) and never two come from one
    conversation. `min_group` can only be raised above the publication floor, never lowered.
    """
    if min_group < QUOTE_MIN_GROUP:
        raise ValueError(f"min_group cannot be below {QUOTE_MIN_GROUP}: smaller groups can identify people")
    if per_outcome < 0:
        raise ValueError("per_outcome cannot be negative")
    by_outcome: dict[str, list[QuoteSource]] = {}
    for item in items:
        spoken = by_outcome.setdefault(item.outcome, [])
        if item.words.strip():
            spoken.append(item)
    order = sorted(by_outcome, key=lambda o: (OUTCOMES.index(o) if o in OUTCOMES else len(OUTCOMES), o))
    result: dict[str, list[str]] = {}
    for outcome in order:
        spoken = by_outcome[outcome]
        result[outcome] = []
        if len({item.conversation_id for item in spoken}) < min_group:
            continue
        by_level: dict[str, list[QuoteSource]] = defaultdict(list)
        for item in sorted(spoken, key=lambda item: _order_key(outcome, item)):
            by_level[item.level].append(item)
        people = Counter({level: len({i.conversation_id for i in said}) for level, said in by_level.items()})
        levels = sorted(by_level, key=lambda level: (-people[level], _level_rank(outcome, level)))
        result[outcome] = _pick(by_level, levels, per_outcome, max_words)
    return result


def _pick(
    by_level: dict[str, list[QuoteSource]], levels: list[str], wanted: int, max_words: int
) -> list[str]:
    """Take quotes level by level in turn, skipping repeats, used conversations and empty quotes."""
    chosen: list[str] = []
    used: set[str] = set()
    queues = {level: list(by_level[level]) for level in levels}
    while len(chosen) < wanted and any(queues.values()):
        for level in levels:
            while queues[level] and len(chosen) < wanted:
                item = queues[level].pop(0)
                if item.conversation_id in used:
                    continue
                quote = shorten(redact(item.words), max_words)
                if not _worth_showing(quote) or quote in chosen:
                    continue
                chosen.append(quote)
                used.add(item.conversation_id)
                break
    return chosen
