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
from feedback_app.vocabulary import (
    CONVERSATION_STATUSES,
    FINISHED,
    METHODS,
    OUTCOMES,
    RESPONDENT_TYPES,
    SAC_CATEGORIES,
    UNCLEAR,
    levels_for,
)

ASKED, ACHIEVED = "asked_outcomes", "outcomes_achieved"
EXPERIENCE_OUTCOMES: tuple[str, ...] = tuple(o for o in OUTCOMES if o not in (ASKED, ACHIEVED))
YES_NO: tuple[str, ...] = ("yes", "no")
SPLIT: tuple[str, ...] = (ALL, ADULT, REPRESENTATIVE)

# Sorts one conversation into (category, whether it has what the block needs).
Categorise = Callable[[ConversationFacts], tuple[str, bool]]


def _final_level(outcome: str, unclear_as: str) -> Categorise:
    """Categorise by the final level of an outcome; `unclear` becomes `unclear_as`."""

    def categorise(facts: ConversationFacts) -> tuple[str, bool]:
        level = facts.final_levels.get(outcome)
        if level is None:
            return NOT_RECORDED, False
        if level not in levels_for(outcome):
            raise ValueError(f"Conversation {facts.conversation_id}: {level!r} is not a level of {outcome}.")
        return (unclear_as if level == UNCLEAR else level), True

    return categorise


def _answer(facts: ConversationFacts, question: str, options: Sequence[str]) -> str | None:
    """A case-details answer, None when skipped or missing; ValueError when not one of the options."""
    value = facts.case_details.get(question)
    if value is not None and value not in options:
        raise ValueError(f"Conversation {facts.conversation_id}: {value!r} is not an answer to {question}.")
    return value


def _case_detail(question: str, options: Sequence[str]) -> Categorise:
    """Categorise by a case-details answer; no answer is `not_recorded`."""

    def categorise(facts: ConversationFacts) -> tuple[str, bool]:
        value = _answer(facts, question, options)
        return (NOT_RECORDED, False) if value is None else (value, True)

    return categorise


def _status(covered: int, recorded: int) -> str:
    if covered == 0 or recorded == 0:
        return NOT_COLLECTED
    return COMPLETE if recorded == covered else PARTIAL


def count_block(
    block_id: str,
    measure: str,
    categories: Sequence[str],
    covered: Sequence[ConversationFacts],
    categorise: Categorise,
    respondents: Sequence[str] = SPLIT,
) -> Block:
    """Count the covered conversations into categories, with a zero cell for every unused one."""
    counts = {(respondent, category): 0 for respondent in respondents for category in categories}
    recorded = 0
    for facts in covered:
        category, has_it = categorise(facts)
        if category not in categories:
            raise ValueError(
                f"Conversation {facts.conversation_id}: {category!r} is not a {measure} category."
            )
        recorded += has_it
        for respondent in respondents:
            if respondent in (ALL, facts.respondent_type):
                counts[(respondent, category)] += 1
    cells = tuple(Cell(category, respondent, count) for (respondent, category), count in counts.items())
    return Block(block_id, measure, _status(len(covered), recorded), cells)


def _check(facts: ConversationFacts) -> None:
    """Refuse facts that would make a block's respondents or the about counts fail to add up."""
    for name, value, allowed in (
        ("status", facts.status, CONVERSATION_STATUSES),
        ("respondent type", facts.respondent_type, RESPONDENT_TYPES),
        ("method", facts.method, METHODS),
    ):
        if value not in allowed:
            raise ValueError(f"Conversation {facts.conversation_id}: {value!r} is not a {name}.")


def in_period(period: Period, facts: Iterable[ConversationFacts]) -> list[ConversationFacts]:
    """The conversations whose enquiry concluded in the period, checked; ValueError on a repeated id."""
    chosen = [f for f in facts if period.contains(f.concluded_on)]
    seen: set[str] = set()
    for f in chosen:
        _check(f)
        if f.conversation_id in seen:
            raise ValueError(f"Conversation {f.conversation_id} appears twice: it would be counted twice.")
        seen.add(f.conversation_id)
    return chosen


def build_return(
    organisation: str,
    period: Period,
    facts: Iterable[ConversationFacts],
    agreement: AgreementLike | None = None,
) -> Return:
    """The return for one council and one period, from final codings and case details."""
    counted = in_period(period, facts)
    finished = [f for f in counted if f.status == FINISHED]
    asked_categories = tuple(SAC_CATEGORIES["sg4a_asked"])
    achieved_categories = (*SAC_CATEGORIES["sg4a_achieved"], NOT_RECORDED)
    risk_options = tuple(SAC_CATEGORIES["sg2e_risk"])
    capacity_categories = tuple(SAC_CATEGORIES["sg3a_capacity"])

    expressed = [f for f in finished if f.final_levels.get(ASKED) == "asked_expressed"]
    risk = [f for f in finished if _answer(f, "risk_action", YES_NO) == "yes"]
    lacked = [f for f in finished if _answer(f, "lacked_capacity", capacity_categories) == "yes"]
    case_only = (ALL,)
    blocks = [
        count_block(
            "asked_outcomes", "sg4a_asked", asked_categories, finished, _final_level(ASKED, NOT_RECORDED)
        ),
        count_block(
            "outcomes_achieved", "sg4a_achieved", achieved_categories, expressed,
            _final_level(ACHIEVED, NOT_RECORDED),
        ),
        count_block(
            "risk", "sg2e_risk", (*risk_options, NOT_RECORDED), risk,
            _case_detail("risk_outcome", risk_options), case_only,
        ),
        count_block(
            "capacity", "sg3a_capacity", capacity_categories, finished,
            _case_detail("lacked_capacity", capacity_categories), case_only,
        ),
        count_block(
            "capacity_support", "sg3a_support", (*YES_NO, NOT_RECORDED), lacked,
            _case_detail("capacity_support", YES_NO), case_only,
        ),
    ]
    blocks += [
        count_block(
            "experience", outcome, (*levels_for(outcome), NOT_RECORDED), finished,
            _final_level(outcome, UNCLEAR),
        )
        for outcome in EXPERIENCE_OUTCOMES
    ]
    about = about_figures(counted, agreement)
    blocks.append(about_block(about, len(counted)))
    return Return(organisation=organisation, period=period.label, blocks=tuple(blocks), about=about)
