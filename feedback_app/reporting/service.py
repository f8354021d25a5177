"""Build a council's return for a period from the database: used by the pages and the CLI."""

from __future__ import annotations

from feedback_app.coding.access import material_for
from feedback_app.data import coding
from feedback_app.data.return_counts import agreement_for, counts_for
from feedback_app.models import Organisation
from feedback_app.periods import Period
from feedback_app.returns.build import build_return
from feedback_app.returns.coded_summary import SummaryRow
from feedback_app.returns.model import Return


def council_return(council: Organisation, period: Period) -> Return:
    """The return for one council and period, from final codings and case details, counted by
    the database (data/return_counts.py)."""
    return build_return(council.name, period, counts_for(council, period), agreement_for(council, period))


def coded_summary_rows(council: Organisation, period: Period) -> list[SummaryRow]:
    """One row per finished conversation for this council in the period, oldest first."""
    organisation_ids = {council.id, *(advocacy.id for advocacy in council.advocacy_organisations)}
    rows = []
    for conversation in coding.finished_conversations(organisation_ids, limit=1_000_000):
        if conversation.council_id != council.id or not period.contains(conversation.enquiry_concluded_on):
            continue
        material = material_for(conversation)
        rows.append(
            SummaryRow(
                case_reference=conversation.case_reference,
                enquiry_concluded_on=conversation.enquiry_concluded_on.isoformat(),
                method=conversation.method,
                respondent_type=conversation.respondent_type,
                final_levels=coding.state_of(conversation).final_levels(),
                words={outcome: found.words for outcome, found in material.items()},
            )
        )
    return rows
