"""Build a council's return for a period from the database: used by the pages and the CLI."""

from __future__ import annotations

from feedback_app.coding.agreement_report import CodedConversation, build
from feedback_app.data import coding
from feedback_app.data.returns import facts_for
from feedback_app.models import Organisation
from feedback_app.periods import Period
from feedback_app.returns.build import build_return
from feedback_app.returns.model import Return


def council_return(council: Organisation, period: Period) -> Return:
    """The return for one council and period, from final codings and case details."""
    organisation_ids = {council.id, *(advocacy.id for advocacy in council.advocacy_organisations)}
    coded = [
        CodedConversation(
            conversation_id=str(conversation.id),
            case_reference=conversation.case_reference,
            double_coded=conversation.double_coded,
            codings=[(c.outcome, c.round, c.level, c.coder_id) for c in conversation.codings],
            adjudications=[(a.outcome, a.level) for a in conversation.adjudications],
        )
        for conversation in coding.finished_conversations(organisation_ids, limit=1_000_000)
        if conversation.council_id == council.id and period.contains(conversation.enquiry_concluded_on)
    ]
    agreement = build(coded).overall if coded else None
    return build_return(council.name, period, facts_for(council, period), agreement)
