"""Agreement between coders over a set of conversations, per outcome and overall. No Flask.

Only outcomes with both blind codings count as double-coded items. Each coder's agreement
with the final levels uses every coding they gave (first or second round) where a final level
exists, so a coordinator can see who reads the rubric differently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from feedback_app.coding.state import combine
from feedback_app.rubric.agreement import agreement_with_final, cohen_kappa, krippendorff_alpha_nominal, percent_agreement
from feedback_app.vocabulary import OUTCOMES

ALL_OUTCOMES = "all"


@dataclass(frozen=True)
class CodedConversation:
    """One conversation's codings, as plain values."""

    conversation_id: str
    case_reference: str
    double_coded: bool
    codings: Sequence[tuple[str, int, str, int]]  # outcome, round, level, coder id
    adjudications: Sequence[tuple[str, str]] = ()  # outcome, level


@dataclass(frozen=True)
class OutcomeAgreement:
    outcome: str
    items: int
    agreed: int
    percent: float | None
    kappa: float | None
    alpha: float | None


@dataclass(frozen=True)
class Disagreement:
    conversation_id: str
    case_reference: str
    outcome: str
    first: str
    second: str
    decided: str | None


@dataclass
class AgreementReport:
    outcomes: list[OutcomeAgreement]
    overall: OutcomeAgreement
    coders: dict[int, tuple[int, float | None]] = field(default_factory=dict)  # coder -> (items, % with final)
    disagreements: list[Disagreement] = field(default_factory=list)


def _measure(outcome: str, pairs: list[tuple[str, str]]) -> OutcomeAgreement:
    first = [a for a, _ in pairs]
    second = [b for _, b in pairs]
    return OutcomeAgreement(
        outcome=outcome,
        items=len(pairs),
        agreed=sum(1 for a, b in pairs if a == b),
        percent=percent_agreement(first, second),
        kappa=cohen_kappa(first, second),
        alpha=krippendorff_alpha_nominal([[a, b] for a, b in pairs]),
    )


def build(conversations: Iterable[CodedConversation]) -> AgreementReport:
    """Agreement figures for these conversations."""
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    coder_levels: dict[int, list[tuple[str, str]]] = defaultdict(list)
    disagreements = []
    for conversation in conversations:
        state = combine(
            conversation.double_coded,
            ((o, r, level) for o, r, level, _ in conversation.codings),
            conversation.adjudications,
        )
        finals = state.final_levels()
        for outcome, round_, level, coder in conversation.codings:
            if outcome in finals and (round_ == 1 or conversation.double_coded):
                coder_levels[coder].append((level, finals[outcome]))
        if not conversation.double_coded:
            continue
        for outcome, coding in state.outcomes.items():
            if coding.first is None or coding.second is None:
                continue
            pairs[outcome].append((coding.first, coding.second))
            if coding.disagreed:
                disagreements.append(
                    Disagreement(
                        conversation.conversation_id,
                        conversation.case_reference,
                        outcome,
                        coding.first,
                        coding.second,
                        coding.adjudicated,
                    )
                )
    # Overall kappa pools items across outcomes; the level names keep their outcome so that,
    # say, "yes" for listened_to and "yes" for respected are not taken as the same category.
    pooled = [(f"{o}:{a}", f"{o}:{b}") for o in OUTCOMES for a, b in pairs.get(o, [])]
    return AgreementReport(
        outcomes=[_measure(outcome, pairs.get(outcome, [])) for outcome in OUTCOMES],
        overall=_measure(ALL_OUTCOMES, pooled),
        coders={
            coder: (len(levels), agreement_with_final([a for a, _ in levels], [b for _, b in levels]))
            for coder, levels in sorted(coder_levels.items())
        },
        disagreements=disagreements,
    )
