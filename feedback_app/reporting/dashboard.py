"""The dashboard: a council's return as charts, for a year or quarter, by team, method and respondent.

Counts come from the return-building code (data/return_counts.py `counts_for`, GROUP BY queries
with the filters in them, then returns/build.py) and are shown through the same disclosure control as the
exports. Coordinators choose real counts or the publication view; board members only ever get the
publication view. A filtered view is a small group, so more of it is hidden: that is the point.
Every view is recorded in the audit trail with its period and filters (ids and codes only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import abort, render_template, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.data import organisations
from feedback_app.data.return_counts import counts_for
from feedback_app.models import Organisation
from feedback_app.periods import Period, financial_year_of, parse, recent_years
from feedback_app.reporting import labels
from feedback_app.reporting.access import own_council
from feedback_app.reporting.dashboard_content import build_dashboard
from feedback_app.returns.model import NO_TEAM, Filters
from feedback_app.vocabulary import METHODS, RESPONDENT_TYPES

PUBLICATION, REAL = "publication", "real"
METHOD_LABELS = {
    "enquiry_lead": _l("Held by the enquiry lead"),
    "independent": _l("Held by an independent advocate"),
}
AUDIENCE_LINES = {
    REAL: _l("For: coordinators – real counts, not for publication"),
    PUBLICATION: _l("For publication: small numbers hidden, counts rounded to 5"),
    "board": _l("For: Safeguarding Adults Board members – small numbers hidden, counts rounded to 5"),
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Choices:
    """What the filter form offers, with the current choice selected."""

    years: tuple[Option, ...]
    quarters: tuple[Option, ...]
    teams: tuple[Option, ...]
    methods: tuple[Option, ...]
    respondents: tuple[Option, ...]


def _options(pairs: list[tuple[str, object]], current: str) -> tuple[Option, ...]:
    return tuple(Option(value, str(label), value == current) for value, label in pairs)


def _year(value: str, today: dt.date) -> Period:
    if not value:
        return financial_year_of(today)
    try:
        return parse(value)
    except ValueError:
        abort(404)


def _quarter(value: str) -> int | None:
    if value == "":
        return None
    if value not in ("1", "2", "3", "4"):
        abort(404)
    return int(value)


def _team_choices(council: Organisation) -> list[tuple[str, object]]:
    """The council's teams, then its advocacy organisations' (named with the organisation)."""
    pairs: list[tuple[str, object]] = [("", _l("Every team"))]
    for team, organisation in organisations.teams_for_council(council):
        label = team.name if organisation.id == council.id else f"{organisation.name}: {team.name}"
        pairs.append((str(team.id), label))
    pairs.append((NO_TEAM, _l("No team recorded")))
    return pairs


def _chosen(value: str, allowed: list[str] | tuple[str, ...]) -> str | None:
    """An empty value means every one; a value not offered is a 404 (a changed or foreign URL)."""
    if value == "":
        return None
    if value not in allowed:
        abort(404)
    return value


@roles("coordinator", "board")
def dashboard() -> str:
    """Charts of the return for a period, filtered, with the audience of the view stated."""
    council = own_council()
    today = dt.date.today()
    args = request.args
    year = _year(args.get("year", ""), today)
    quarter = _quarter(args.get("quarter", ""))
    period = Period(year.start_year, quarter)
    team_pairs = _team_choices(council)
    team = _chosen(args.get("team", ""), [value for value, _ in team_pairs])
    method = _chosen(args.get("method", ""), METHODS)
    respondent = _chosen(args.get("respondent", ""), RESPONDENT_TYPES)
    board = current_user.role == "board"
    for_publication = board or args.get("view", PUBLICATION) != REAL
    filters = Filters(
        team=None if team is None else team if team == NO_TEAM else int(team),
        method=method,
        respondent_type=respondent,
    )

    counts = counts_for(council, year, filters)  # the whole year: each quarter is shown beside it
    shown = build_dashboard(council.name, period, counts, filters, for_publication=for_publication)
    view = PUBLICATION if for_publication else REAL
    record(
        f"dashboard.view.{view}",
        object_type="dashboard",
        object_id=";".join(part for part in (period.label, filters.describe()) if part),
        organisation_id=council.id,
    )
    years = recent_years(today)
    if year not in years:
        years.append(year)
    choices = Choices(
        years=_options([(y.label, y.label) for y in years], year.label),
        quarters=_options(
            [("", _l("Whole year"))] + [(str(q), gettext("Quarter %(number)s", number=q)) for q in (1, 2, 3, 4)],
            str(quarter or ""),
        ),
        teams=_options(team_pairs, team or ""),
        methods=_options([("", _l("Either way"))] + list(METHOD_LABELS.items()), method or ""),
        respondents=_options(
            [("", labels.RESPONDENT_LABELS["all"])]
            + [(r, labels.RESPONDENT_LABELS[r]) for r in RESPONDENT_TYPES],
            respondent or "",
        ),
    )
    showing = [option.label for group in (choices.teams, choices.methods, choices.respondents)
               for option in group if option.selected and option.value]
    return render_template(
        "reporting/dashboard.html",
        council=council,
        period=period,
        dashboard=shown,
        choices=choices,
        board=board,
        view=view,
        audience_line=AUDIENCE_LINES["board" if board else view],
        filtered=filters.any,
        showing=showing,
        return_label=year.label,
    )
