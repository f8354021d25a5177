"""Build the framework return for one council and one period from conversation facts. No Flask.

A conversation counts in the period in which its enquiry concluded. Every block except `about`
counts finished conversations only. Each block counts every conversation it covers exactly once,
so its categories sum to its total, and `not_recorded` is where a conversation lands when the
block's coding or case-details answer is missing:

- `asked_outcomes` (SG4a): finished conversations, by their final `asked_outcomes` level. A final
  level of `unclear` is counted as `not_recorded`: the coder could not place it in a SAC category,
  and "Don't know" is a category a practitioner chooses, never one we fill in.
- `outcomes_achieved` (SG4a): those whose final `asked_outcomes` level is `asked_expressed`;
  a missing or `unclear` final level is `not_recorded`.
- `risk` (SG2e): those with case-details `risk_action` "yes", by `risk_outcome`.
- `capacity` (SG3a): finished conversations by `lacked_capacity`; the practitioner's own
  "not_recorded" answer and no answer both count as `not_recorded`.
- `capacity_support` (SG3a): those that lacked capacity, by `capacity_support`.
- `experience`, one block per other outcome: every level, `unclear` as its own category (a coder
  decided it could not be said), and `not_recorded` (no final level).

Coded blocks are split by respondent (adult, representative) as well as `all`; case-details blocks
are facts about the case, not answers, so they have `all` cells only.

Status says whether the work is done, not whether every answer is a SAC category: a conversation
"has what it needs" when it has a final level (even `unclear`) or a case-details answer (even the
"not_recorded" option). Complete when all covered conversations have it, partial when some do,
not collected when none do or the block covers no conversation.

Everything is counted from a Tally (returns/tally.py): grouped counts, never one conversation at
a time, so the same code builds the return from per-conversation facts or from GROUP BY counts
the database made. A value outside the vocabulary is refused, naming a conversation that has it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from feedback_app.periods import Period
from feedback_app.returns.about import AgreementLike, about_block, about_figures
from feedback_app.returns.model import (
    ADULT,
    ALL,
    COMPLETE,
    NOT_COLLECTED,
    NOT_RECORDED,
    PARTIAL,
    REPRESENTATIVE,
    Block,
    Cell,
    ConversationFacts,
    Return,
)
from feedback_app.returns.tally import FactTally, Grouped, Key, Tally
from feedback_app.vocabulary import OUTCOMES, SAC_CATEGORIES, UNCLEAR, levels_for

ASKED, ACHIEVED = "asked_outcomes", "outcomes_achieved"
EXPERIENCE_OUTCOMES: tuple[str, ...] = tuple(o for o in OUTCOMES if o not in (ASKED, ACHIEVED))
YES_NO: tuple[str, ...] = ("yes", "no")
SPLIT: tuple[str, ...] = (ALL, ADULT, REPRESENTATIVE)

# Sorts one value into (category, whether the conversation has what the block needs);
# ValueError when the value is not one the block knows.
Categorise = Callable[[object], tuple[str, bool]]
# What a block counts: (respondent type, value, how many, the tally key it came from).
Rows = Iterable[tuple[object, object, int, Key]]


def _final_level(outcome: str, unclear_as: str) -> Categorise:
    """Categorise by the final level of an outcome; `unclear` becomes `unclear_as`."""

    def categorise(level: object) -> tuple[str, bool]:
        if level is None:
            return NOT_RECORDED, False
        if level not in levels_for(outcome):
            raise ValueError(f"{level!r} is not a level of {outcome}.")
        return (unclear_as if level == UNCLEAR else str(level)), True

    return categorise


def _check_answer(value: object, question: str, options: Sequence[str]) -> None:
    """A case-details answer must be one of the options, or None when skipped or missing."""
    if value is not None and value not in options:
        raise ValueError(f"{value!r} is not an answer to {question}.")


def _case_detail(question: str, options: Sequence[str]) -> Categorise:
    """Categorise by a case-details answer; no answer is `not_recorded`."""

    def categorise(value: object) -> tuple[str, bool]:
        _check_answer(value, question, options)
        return (NOT_RECORDED, False) if value is None else (str(value), True)

    return categorise


def _status(covered: int, recorded: int) -> str:
    if covered == 0 or recorded == 0:
        return NOT_COLLECTED
    return COMPLETE if recorded == covered else PARTIAL


def count_block(
    block_id: str,
    measure: str,
    categories: Sequence[str],
    source: Grouped,
    rows: Rows,
    categorise: Categorise,
    respondents: Sequence[str] = SPLIT,
) -> Block:
    """Count the covered conversations into categories, with a zero cell for every unused one."""
    counts = {(respondent, category): 0 for respondent in respondents for category in categories}
    covered = recorded = 0
    for respondent_type, value, count, key in rows:
        try:
            category, has_it = categorise(value)
        except ValueError as problem:
            raise source.refuse(key, str(problem)) from None
        if category not in categories:
            raise source.refuse(key, f"{category!r} is not a {measure} category.")
        covered += count
        recorded += count if has_it else 0
        for respondent in respondents:
            if respondent in (ALL, respondent_type):
                counts[(respondent, category)] += count
    cells = tuple(Cell(category, respondent, count) for (respondent, category), count in counts.items())
    return Block(block_id, measure, _status(covered, recorded), cells)


def _checked(source: Grouped, field: str, options: Sequence[str]) -> Grouped:
    """The same counts, once every value of a case-details field is known to be an option."""
    for values, _, key in source.rows():
        try:
            _check_answer(values[field], field, options)
        except ValueError as problem:
            raise source.refuse(key, str(problem)) from None
    return source


def _rows(source: Grouped, value: str, when: tuple[str, str] | None = None) -> Rows:
    """(respondent type, value, count, key) for the rows of `source`, where field `when[0]` is `when[1]`."""
    for values, count, key in source.rows():
        if when is None or values[when[0]] == when[1]:
            yield values.get("respondent_type"), values[value], count, key


def build_return(
    organisation: str,
    period: Period,
    facts: Iterable[ConversationFacts] | Tally,
    agreement: AgreementLike | None = None,
) -> Return:
    """The return for one council and period, from final codings and case details: from a
    tally, or from per-conversation facts (counted by a FactTally)."""
    tally = facts if isinstance(facts, Tally) else FactTally(facts)
    asked_categories = tuple(SAC_CATEGORIES["sg4a_asked"])
    achieved_categories = (*SAC_CATEGORIES["sg4a_achieved"], NOT_RECORDED)
    risk_options = tuple(SAC_CATEGORIES["sg2e_risk"])
    capacity_categories = tuple(SAC_CATEGORIES["sg3a_capacity"])
    about = about_figures(tally, period, agreement)  # first: it checks status, respondent and method

    desired = tally.grouped(period, ("respondent_type", ASKED, ACHIEVED))
    risk = _checked(tally.grouped(period, ("risk_action", "risk_outcome")), "risk_action", YES_NO)
    capacity = _checked(
        tally.grouped(period, ("lacked_capacity", "capacity_support")), "lacked_capacity", capacity_categories
    )
    case_only = (ALL,)
    blocks = [
        count_block(
            "asked_outcomes", "sg4a_asked", asked_categories, desired, _rows(desired, ASKED),
            _final_level(ASKED, NOT_RECORDED),
        ),
        count_block(
            "outcomes_achieved", "sg4a_achieved", achieved_categories, desired,
            _rows(desired, ACHIEVED, (ASKED, "asked_expressed")), _final_level(ACHIEVED, NOT_RECORDED),
        ),
        count_block(
            "risk", "sg2e_risk", (*risk_options, NOT_RECORDED), risk,
            _rows(risk, "risk_outcome", ("risk_action", "yes")),
            _case_detail("risk_outcome", risk_options), case_only,
        ),
        count_block(
            "capacity", "sg3a_capacity", capacity_categories, capacity, _rows(capacity, "lacked_capacity"),
            _case_detail("lacked_capacity", capacity_categories), case_only,
        ),
        count_block(
            "capacity_support", "sg3a_support", (*YES_NO, NOT_RECORDED), capacity,
            _rows(capacity, "capacity_support", ("lacked_capacity", "yes")),
            _case_detail("capacity_support", YES_NO), case_only,
        ),
    ]
    for outcome in EXPERIENCE_OUTCOMES:
        experience = tally.grouped(period, ("respondent_type", outcome))
        blocks.append(
            count_block(
                "experience", outcome, (*levels_for(outcome), NOT_RECORDED), experience,
                _rows(experience, outcome), _final_level(outcome, UNCLEAR),
            )
        )
    blocks.append(about_block(about))
    return Return(organisation=organisation, period=period.label, blocks=tuple(blocks), about=about)
