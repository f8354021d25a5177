"""The framework return for a coordinator's council: view, mark ready or submit, and export."""

from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.conversations.forms import ActionForm
from feedback_app.data import returns as return_records
from feedback_app.models.returns import READY, SUBMITTED
from feedback_app.periods import financial_year_of, recent_years
from feedback_app.reporting import comparison as comparison_views
from feedback_app.reporting import dashboard as dashboard_views
from feedback_app.reporting import labels
from feedback_app.reporting.access import own_council, period_from
from feedback_app.reporting.briefing import AUDIENCES, render_briefing
from feedback_app.reporting.service import coded_summary_rows, council_return
from feedback_app.returns import coded_summary as summary_writers
from feedback_app.returns import export
from feedback_app.returns.disclosure import present
from feedback_app.returns.model import PARTIAL

bp = Blueprint("reporting", __name__, url_prefix="/returns", template_folder="templates")

MIME_TYPES = {
    "csv": "text/csv",
    "sac-csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}




@bp.route("")
@roles("coordinator")
def index() -> Response:
    """Start at this financial year's return."""
    own_council()
    return redirect(url_for("reporting.view", label=financial_year_of(dt.date.today()).label))


@bp.route("/<label>")
@roles("coordinator")
def view(label: str) -> str:
    """The return with real counts, or as it will be published."""
    council = own_council()
    period = period_from(label)
    ret = council_return(council, period)
    for_publication = request.args.get("view") == "publication"
    record("return.view", organisation_id=council.id)
    return render_template(
        "reporting/return.html",
        council=council,
        period=period,
        periods=recent_years(dt.date.today()),
        shown=present(ret, for_publication),
        for_publication=for_publication,
        partial=any(block.status == PARTIAL for block in ret.blocks),
        saved=return_records.record_for(council, period),
        labels=labels,
        formats=export.FORMATS,
        form=ActionForm(),
        banner=request.args.get("banner", ""),
    )


@bp.route("/<label>/mark", methods=["POST"])
@roles("coordinator")
def mark(label: str) -> Response:
    """Mark the return ready, or submit it; a partial return can be submitted."""
    council = own_council()
    period = period_from(label)
    if not ActionForm().validate_on_submit():
        abort(400)
    status = request.form.get("status")
    if status not in (READY, SUBMITTED):
        abort(400)
    ret = council_return(council, period)
    return_records.mark(
        council,
        period,
        status=status,
        partial=any(block.status == PARTIAL for block in ret.blocks),
        snapshot=json.loads(export.to_json(ret, for_publication=False)),
        user=current_user,
    )
    record(f"return.{status}", organisation_id=council.id)
    return redirect(url_for("reporting.view", label=period.label.split(" ")[0], quarter=period.quarter, banner=status))


@bp.route("/<label>/export/<fmt>")
@roles("coordinator")
def download(label: str, fmt: str) -> Response:
    """An export chosen and named by the server, recorded in the audit trail."""
    council = own_council()
    period = period_from(label)
    if fmt not in MIME_TYPES:
        abort(404)
    for_publication = request.args.get("publication") == "1"
    ret = council_return(council, period)
    writers = {
        "csv": export.to_long_csv,
        "sac-csv": export.to_sac_csv,
        "json": export.to_json,
        "xlsx": export.to_xlsx,
    }
    body = writers[fmt](ret, for_publication)
    record(f"return.export.{fmt}", organisation_id=council.id)
    name = export.export_filename(council.name, period.label, fmt, for_publication)
    return Response(body, mimetype=MIME_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/<label>/briefing/<audience>.pdf")
@roles("coordinator")
def briefing(label: str, audience: str) -> Response:
    """A briefing PDF for the board, practitioners or the public; only published figures."""
    council = own_council()
    period = period_from(label)
    if audience not in AUDIENCES:
        abort(404)
    pdf = render_briefing(council, period, audience)
    record(f"briefing.{audience}", organisation_id=council.id)
    name = export.briefing_filename(council.name, period.label, audience)
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/<label>/coded-summary/<fmt>")
@roles("coordinator")
def coded_summary(label: str, fmt: str) -> Response:
    """Final levels and what each person said, one row per conversation: not for publication."""
    council = own_council()
    period = period_from(label)
    if fmt not in ("csv", "xlsx"):
        abort(404)
    rows = coded_summary_rows(council, period)
    body = summary_writers.to_csv(rows) if fmt == "csv" else summary_writers.to_xlsx(rows)
    record(f"coded_summary.export.{fmt}", organisation_id=council.id)
    name = export.export_filename(council.name, period.label, fmt, False, what="msp-coded-summary")
    return Response(body, mimetype=MIME_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


# Comparison with other areas lives in its own module; its URLs are registered here.
bp.add_url_rule("/<label>/compare", view_func=comparison_views.compare, methods=["GET", "POST"])
bp.add_url_rule("/<label>/compare/<int:comparison_id>/remove", view_func=comparison_views.compare_remove, methods=["POST"])

# The dashboard (charts, filtered by team, method and respondent type) lives in its own module.
bp.add_url_rule("/dashboard", view_func=dashboard_views.dashboard)
