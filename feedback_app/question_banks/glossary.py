"""The glossary of old or jargon safeguarding words: load it, check it, and find its words in a text."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from feedback_app.question_banks.problems import InvalidQuestionBanks, Problem
from feedback_app.question_banks.yaml_lines import LineDict, LineList, parse_yaml

KIND = "glossary"
GLOSSARY_FILE = "glossary.yaml"
_KEYS = {"term", "also", "plain", "why", "case_sensitive", "languages"}
_QUOTES_BEFORE = "\"'“‘«"
_QUOTES_AFTER = "\"'”’»"


@dataclass(frozen=True)
class Term:
    """One word to avoid, its other forms (per language), and the plain words to say instead."""

    term: str
    plain: str
    why: str
    also: tuple[str, ...] = ()
    case_sensitive: bool = False
    languages: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    line: int = 0

    def forms(self, language: str = "en") -> tuple[str, ...]:
        """The forms to look for in a text in `language`."""
        if language == "en":
            return (self.term, *self.also)
        return self.languages.get(language, ())


@dataclass(frozen=True)
class Found:
    """A glossary word found in a text: which term, the words as written, and where."""

    term: Term
    words: str
    start: int
    end: int
    quoted: bool


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    path: str = ""

    def languages(self) -> list[str]:
        """Every language other than English that has words in the glossary."""
        return sorted({language for term in self.terms for language in term.languages})

    def find(self, text: str, language: str = "en") -> list[Found]:
        """Every glossary word in `text`, longest first where two overlap, in order of place."""
        matches: list[Found] = []
        for term in self.terms:
            for form in term.forms(language):
                for match in _pattern(form, term.case_sensitive).finditer(text):
                    quoted = match.start() > 0 and text[match.start() - 1] in _QUOTES_BEFORE and (
                        match.end() < len(text) and text[match.end()] in _QUOTES_AFTER
                    )
                    matches.append(Found(term, match.group(0), match.start(), match.end(), quoted))
        chosen: list[Found] = []
        for found in sorted(matches, key=lambda f: (f.start, -(f.end - f.start))):
            if all(found.start >= other.end or found.end <= other.start for other in chosen):
                chosen.append(found)
        return chosen


def _pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    """A whole-word pattern for a form: any spacing between its words, a space or a dot after "s"."""
    parts = [re.escape(part) for part in form.split()]
    body = r"[\s\-]+".join(parts)
    return re.compile(rf"(?<![\w\-]){body}(?![\w\-])", 0 if case_sensitive else re.IGNORECASE)


def load_glossary(path: Path | str) -> Glossary:
    """Read and check the glossary; InvalidQuestionBanks names the file and line of every fault."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidQuestionBanks([Problem(file, 0, f"cannot be read: {error.strerror or error}")]) from None
    data, problems = parse_yaml(text, file)
    if problems:
        raise InvalidQuestionBanks(problems)
    terms, problems = _terms(data, file)
    if problems:
        raise InvalidQuestionBanks(problems)
    return Glossary(tuple(terms), file)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(_text(item) for item in value):
        return None
    return tuple(item.strip() for item in value)


def _terms(data: Any, file: str) -> tuple[list[Term], list[Problem]]:
    if not isinstance(data, LineDict) or data.get("kind") != KIND:
        return [], [Problem(file, 1, f"kind must be '{KIND}'")]
    entries = data.get("terms")
    if not isinstance(entries, LineList) or not entries:
        return [], [Problem(file, data.line_of("terms"), "terms must be a list of words to avoid")]
    terms: list[Term] = []
    problems: list[Problem] = []
    first: dict[tuple[str, str], int] = {}  # (language, form in lower case) -> line of its term
    for index, entry in enumerate(entries):
        line = entries.line_of(index)
        term, found = _term(entry, line, file)
        problems.extend(found)
        if term is None:
            continue
        for language in ("en", *term.languages):
            for form in term.forms(language):
                spaced = " ".join(form.split())
                key = (language, spaced if term.case_sensitive else spaced.lower())
                if key in first:
                    problems.append(Problem(file, line, f"'{form}' is also listed on line {first[key]}"))
                first.setdefault(key, line)
        terms.append(term)
    return terms, problems


def _term(entry: Any, line: int, file: str) -> tuple[Term | None, list[Problem]]:
    if not isinstance(entry, LineDict):
        return None, [Problem(file, line, "each term must be a set of 'key: value' lines")]
    problems = [Problem(file, entry.line_of(key), f"unknown key '{key}'") for key in entry if key not in _KEYS]
    name = _text(entry.get("term"))
    where = f"term '{name}'" if name else "a term"
    for key in ("term", "plain", "why"):
        if _text(entry.get(key)) is None:
            problems.append(Problem(file, entry.line_of(key), f"{where} needs '{key}' (words, not empty)"))
    also = _strings(entry.get("also", []))
    if also is None:
        problems.append(Problem(file, entry.line_of("also"), f"{where}: 'also' must be a list of words"))
    languages: dict[str, tuple[str, ...]] = {}
    given = entry.get("languages", {})
    if not isinstance(given, dict):
        message = f"{where}: 'languages' must map a language to a list of words"
        problems.append(Problem(file, entry.line_of("languages"), message))
        given = {}
    for language, forms in given.items():
        words = _strings(forms)
        known = isinstance(language, str) and re.fullmatch(r"[a-z]{2,3}", language) and language != "en"
        if not known or words is None:
            message = f"{where}: languages.{language} must be a list of words in a language other than en"
            problems.append(Problem(file, given.line_of(language), message))
            continue
        languages[language] = words
    case_sensitive = entry.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        message = f"{where}: case_sensitive must be true or false"
        problems.append(Problem(file, entry.line_of("case_sensitive"), message))
    if problems:
        return None, problems
    term = Term(
        term=name or "",
        plain=_text(entry["plain"]) or "",
        why=_text(entry["why"]) or "",
        also=also or (),
        case_sensitive=case_sensitive,
        languages=languages,
        line=line,
    )
    return term, []


def extract_glossary(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor for the glossary: the plain words and the reason of each term, for translators.

    The words to avoid are not extracted: they are English words; a language's own are under `languages`.
    """
    file = str(getattr(fileobj, "name", GLOSSARY_FILE))
    data, problems = parse_yaml(fileobj.read().decode(str(options.get("encoding") or "utf-8")), file)
    terms, more = _terms(data, file) if not problems else ([], [])
    if problems or more:
        raise InvalidQuestionBanks([*problems, *more])
    for term in terms:
        yield term.line, None, term.plain, [f"Glossary: the plain words to say instead of '{term.term}'."]
        yield term.line, None, term.why, [f"Glossary: why '{term.term}' gets in the way of understanding."]
