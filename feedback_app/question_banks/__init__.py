"""Question banks: versioned YAML files of questions, loaded, checked and routed without Flask."""

from __future__ import annotations

from feedback_app.question_banks.loader import (
    Report,
    build_bank,
    check_paths,
    check_text,
    load_bank,
    load_directory,
    validate_paths,
)
from feedback_app.question_banks.model import Bank, Option, Question, SkipCondition, Wording
from feedback_app.question_banks.problems import InvalidQuestionBanks, Problem

__all__ = [
    "Bank",
    "InvalidQuestionBanks",
    "Option",
    "Problem",
    "Question",
    "Report",
    "SkipCondition",
    "Wording",
    "build_bank",
    "check_paths",
    "check_text",
    "load_bank",
    "load_directory",
    "validate_paths",
]
