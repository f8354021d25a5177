"""Which council and period a reporting page is about, for the signed-in coordinator."""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from feedback_app.models import Organisation
from feedback_app.periods import Period, parse


def own_council() -> Organisation:
    """Returns are made by a council's coordinators, for that council; anyone else gets a 404."""
    if current_user.organisation.kind != "council":
        abort(404)
    return current_user.organisation


def period_from(label: str) -> Period:
    """The financial year in the URL and the optional ?quarter=, else a 404."""
    quarter = request.args.get("quarter", "")
    try:
        return parse(label, int(quarter) if quarter.isdecimal() else None)
    except ValueError:
        abort(404)
