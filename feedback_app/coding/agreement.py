"""The agreement page and its CSV export, for coordinators."""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask import Response, abort, render_template, request
from flask_login import current_user

from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.coding import labels
from feedback_app.coding.agreement_report import AgreementReport, CodedConversation, build
from feedback_app.data import coding, organisations, users
from feedback_app.periods import Period, financial_year_of, parse, recent_years


def _period() -> Period:
    label = request.args.get("period")
    if not label:
        return financial_year_of(dt.date.today())
    try:
        return parse(label)
    except ValueError:
        abort(404)


def _report(period: Period) -> AgreementReport:
    found = coding.finished_conversations(organisations.visible_organisation_ids(current_user), limit=100_000)
    return build(
        CodedConversation(
            conversation_id=str(conversation.id),
            case_reference=conversation.case_reference,
            double_coded=conversation.double_coded,
            codings=[(c.outcome, c.round, c.level, c.coder_id) for c in conversation.codings],
            adjudications=[(a.outcome, a.level) for a in conversation.adjudications],
        )
        for conversation in found
        if period.contains(conversation.enquiry_concluded_on)
    )


@roles("coordinator")
def agreement() -> str:
    """Agreement between coders, per outcome and overall, for one financial year."""
    period = _period()
    report = _report(period)
    record("coding.agreement.view", organisation_id=current_user.organisation_id)
    coder_names = {user.id: user.name or user.email for user in users.get_many(set(report.coders))}
    return render_template(
        "coding/agreement.html",
        period=period,
        periods=recent_years(dt.date.today()),
        report=report,
        coder_names=coder_names,
        labels=labels,
    )


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


@roles("coordinator")
def agreement_csv() -> Response:
    """The agreement figures as CSV, named by the server and recorded in the audit trail."""
    period = _period()
    report = _report(period)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "outcome", "double_coded_items", "agreed", "percent_agreement", "cohen_kappa", "krippendorff_alpha"])
    for row in [*report.outcomes, report.overall]:
        writer.writerow([period.label, row.outcome, row.items, row.agreed, _figure(row.percent), _figure(row.kappa), _figure(row.alpha)])
    record("coding.agreement.export", organisation_id=current_user.organisation_id)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="coder-agreement-{period.label}.csv"'},
    )
