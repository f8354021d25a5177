"""Problems found in question bank files, and the error raised when banks cannot be loaded."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A key or value quoted from the file may hold a carriage return or another control character,
# which would break the one-line-per-problem report (or hide text on a terminal): show it escaped.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One fault in one bank file. Line 0 means the whole file (it is missing or unreadable)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        message = _CONTROL.sub(lambda found: repr(found.group())[1:-1], self.message)
        if self.line <= 0:
            return f"{self.file}: {message}"
        return f"{self.file}:{self.line}: {message}"


def plural(count: int, noun: str) -> str:
    """'1 problem', '3 problems'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class InvalidQuestionBanks(Exception):
    """Raised when any question bank is invalid; str() is a heading then one problem per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._describe(self.problems))

    @staticmethod
    def _describe(problems: Sequence[Problem]) -> str:
        files = {problem.file for problem in problems}
        heading = (
            f"Invalid question banks: {plural(len(problems), 'problem')} found in "
            f"{plural(len(files), 'bank')}"
        )
        return "\n".join([heading, *(str(problem) for problem in problems)])
