"""The audit trail for admins: search by person, action, record and dates, and export as CSV.

Looking at the trail and exporting it are recorded in the trail too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField, StringField
from wtforms.validators import Length, Optional

from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.dates import any_part_given, parse_date_parts
from feedback_app.extensions import db
from feedback_app.messages import MESSAGES
from feedback_app.privacy import audit_trail

bp = Blueprint("audit_trail", __name__, url_prefix="/admin/audit", template_folder="templates")

_NOTHING = -1  # an id no row has: a tampered filter finds nothing rather than everything


def _id(value: str | None) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    return int(text) if text.isdecimal() else _NOTHING


class AuditSearchForm(Form):
    """The search form: read from the query string, so a search can be bookmarked and exported."""

    person = SelectField(_l("Person"), validate_choice=False)
    action = SelectField(_l("Action"), validate_choice=False)
    object_type = SelectField(_l("Kind of record"), validate_choice=False)
    object_id = StringField(
        _l("Record id"), validators=[Optional(), Length(max=64, message=MESSAGES.record_id_too_long)]
    )
    organisation = SelectField(_l("Organisation"), validate_choice=False)
    from_day, from_month, from_year = StringField(), StringField(), StringField()
    to_day, to_month, to_year = StringField(), StringField(), StringField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from feedback_app.data import organisations, users

        self.person.choices = [("", _l("Anyone"))] + [
            (str(user.id), f"{user.name} ({user.email})" if user.name else user.email) for user in users.list_all()
        ]
        self.action.choices = [("", _l("Any action"))] + [(a, a) for a in audit_trail.actions(db.session)]
        self.object_type.choices = [("", _l("Any kind"))] + [(t, t) for t in audit_trail.object_types(db.session)]
        self.organisation.choices = [("", _l("Any organisation"))] + [
            (str(o.id), o.name) for o in organisations.list_all()
        ]
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for end, message in (("from", MESSAGES.audit_from_date_real), ("to", MESSAGES.audit_to_date_real)):
            parts = [getattr(self, f"{end}_{part}").data for part in ("day", "month", "year")]
            if any_part_given(*parts):
                day = parse_date_parts(*parts)
                if day is None:
                    getattr(self, f"{end}_day").errors = [message]
                    valid = False
                setattr(self, f"date_{end}", day)
        if self.date_from and self.date_to and self.date_to < self.date_from:
            self.to_day.errors = [MESSAGES.audit_dates_order]
            valid = False
        return valid

    def chosen(self) -> audit_trail.AuditFilter:
        return audit_trail.AuditFilter(
            user_id=_id(self.person.data),
            action=self.action.data or "",
            object_type=self.object_type.data or "",
            object_id=(self.object_id.data or "").strip(),
            organisation_id=_id(self.organisation.data),
            date_from=self.date_from,
            date_to=self.date_to,
        )


def _page() -> int:
    text = request.args.get("page", "1")
    return max(int(text), 1) if text.isdecimal() else 1


@bp.route("", endpoint="search")
@roles("admin")
def search() -> str:
    """Search the audit trail, newest first, a page at a time."""
    form = AuditSearchForm(request.args)
    searched = bool(request.args)
    valid = form.validate() if searched else True
    found = form.chosen() if valid else audit_trail.AuditFilter()
    record("audit.search", object_type="audit_events")
    page = _page()
    total = audit_trail.count(db.session, found)
    rows = audit_trail.search(db.session, found, page=page)
    query = {key: value for key, value in request.args.items() if key != "page" and value}
    last_page = max((total + audit_trail.PAGE_SIZE - 1) // audit_trail.PAGE_SIZE, 1)
    return render_template(
        "admin/audit.html",
        form=form,
        rows=rows,
        total=total,
        page=page,
        previous_url=url_for("audit_trail.search", **query, page=page - 1) if page > 1 else None,
        next_url=url_for("audit_trail.search", **query, page=page + 1) if page < last_page else None,
        export_url=url_for("audit_trail.export", **query),
    )


@bp.route("/export.csv", endpoint="export")
@roles("admin")
def export() -> Response | tuple[str, int]:
    """Every event matching the search, as CSV (cells that look like formulas are escaped)."""
    form = AuditSearchForm(request.args)
    if not form.validate():
        return search(), 400
    found = form.chosen()
    # Recorded (and committed) before the file is sent, so the export is in the trail it exports.
    record("audit.export", object_type="audit_events")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    return Response(
        audit_trail.export_csv(db.session, found),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="audit-trail-{stamp}.csv"'},
    )
