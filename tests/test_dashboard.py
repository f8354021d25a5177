"""The dashboard: filters count what they say (checked against the database), publication views
hide small numbers, board members only get the publication view, and other councils never appear."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from feedback_app.data import coding, conversations, organisations
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Coding, Conversation, Organisation, Team, User
from feedback_app.vocabulary import FINISHED, OUTCOME_LEVELS, OUTCOMES, levels_for
from tests.conftest import org_maker, user_maker
from tests.worlds import World, build_world

URL = "/returns/dashboard"
YEAR = "2025-26"
Q1, Q2, Q3 = dt.date(2025, 5, 12), dt.date(2025, 8, 20), dt.date(2025, 11, 3)
YEAR_START, YEAR_END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
SAFER = levels_for("feel_safer")  # safer, a_bit_safer, no_safer, less_safe, unclear
CHART = "chart-experience-feel-safer"
COUNT = re.compile(r"^\d+$")

# (holder, method, respondent, how many, concluded): a mix whose filtered totals all differ.
PLAN = (
    ("north", "enquiry_lead", "adult", 9, Q1),
    ("north", "enquiry_lead", "representative", 4, Q2),
    ("south", "enquiry_lead", "adult", 6, Q1),
    ("south", "enquiry_lead", "representative", 1, Q3),
    ("advocate", "independent", "adult", 5, Q2),
    ("advocate", "independent", "representative", 3, Q1),
    ("no_team", "enquiry_lead", "adult", 2, Q2),
)
OTHER_COUNCIL_CONVERSATIONS = 11


@dataclass
class Council:
    council: Organisation
    other: Organisation
    teams: dict[str, Team]
    other_team: Team
    people: dict[str, User]


def _conversation(user: User, council: Organisation, coder: User, *, method: str, respondent: str,
                  concluded: dt.date, safer: str, finish: bool = True) -> Conversation:
    conversation = conversations.create(
        conversations.NewConversation(
            start_token=secrets.token_urlsafe(16), council_id=council.id, case_reference="R-1",
            enquiry_concluded_on=concluded, method=method, respondent_type=respondent,
            representative_relationship="family" if respondent == "representative" else None,
            others_present=[], language="en", format="standard", agreed=True,
            bank_id="after-the-enquiry", bank_version=1,
        ),
        user,
    )
    if not finish:
        return conversation
    conversations.finish(conversation)
    for outcome in OUTCOMES:
        level = safer if outcome == "feel_safer" else OUTCOME_LEVELS[outcome][0]
        coding.save_coding(
            conversation, outcome=outcome, round_=1, level=level, reason="", coder=coder,
            rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="not_shown",
        )
    return conversation


def _build_council() -> dict:
    """The councils, teams, people and conversations every test here reads; gives back their ids."""
    make_org, make_user = org_maker(), user_maker("world.example")
    council = make_org("Test Council")
    advocacy = make_org("Test Advocacy", kind="advocacy", councils=[council])
    other = make_org("Elsewhere Council")
    teams = {name: organisations.add_team(council, label) for name, label in
             (("north", "North locality"), ("south", "Hospital team"))}
    other_team = organisations.add_team(other, "North locality")
    people = {
        "north": make_user("practitioner", council), "south": make_user("practitioner", council),
        "no_team": make_user("practitioner", council), "advocate": make_user("advocate", advocacy),
        "coordinator": make_user("coordinator", council), "board": make_user("board", council),
        "other": make_user("practitioner", other), "other_coordinator": make_user("coordinator", other),
    }
    organisations.set_team(people["north"], teams["north"])
    organisations.set_team(people["south"], teams["south"])
    organisations.set_team(people["other"], other_team)
    number = 0
    for holder, method, respondent, count, concluded in PLAN:
        for _ in range(count):
            safer = SAFER[number % 4]  # never unclear: four levels in turn
            number += 1
            _conversation(people[holder], council, people["coordinator"], method=method,
                          respondent=respondent, concluded=concluded, safer=safer)
    # Declined and unfinished ones count in no chart, only in the summary.
    _conversation(people["north"], council, people["coordinator"], method="enquiry_lead",
                  respondent="adult", concluded=Q1, safer="safer", finish=False)
    for _ in range(OTHER_COUNCIL_CONVERSATIONS):
        _conversation(people["other"], other, people["other_coordinator"], method="enquiry_lead",
                      respondent="adult", concluded=Q1, safer="less_safe")
    db.session.commit()
    return {
        "council": council.id, "other": other.id, "other_team": other_team.id,
        "teams": {name: team.id for name, team in teams.items()},
        "people": {name: person.id for name, person in people.items()},
    }


@pytest.fixture(scope="module")
def dashboard_world(database_url: str) -> World:
    """Built once per worker and backend (41 coded conversations take a second or two)."""
    return build_world(database_url, lambda app: _build_council())


@pytest.fixture
def council_with_teams(app, dashboard_world: World) -> Council:
    ids = dashboard_world.put_back()
    get = db.session.get
    return Council(
        council=get(Organisation, ids["council"]), other=get(Organisation, ids["other"]),
        teams={name: get(Team, id_) for name, id_ in ids["teams"].items()},
        other_team=get(Team, ids["other_team"]),
        people={name: get(User, id_) for name, id_ in ids["people"].items()},
    )


def independent_count(council: Organisation, *, team=None, method=None, respondent=None,
                      level: str | None = None, start=YEAR_START, end=YEAR_END) -> int:
    """Finished conversations counted straight from the tables, not through the return code."""
    query = select(func.count(Conversation.id)).where(
        Conversation.council_id == council.id, Conversation.status == FINISHED,
        Conversation.enquiry_concluded_on.between(start, end),
    )
    if team == "none":
        query = query.where(Conversation.team_id.is_(None))
    elif team is not None:
        query = query.where(Conversation.team_id == team)
    if method:
        query = query.where(Conversation.method == method)
    if respondent:
        query = query.where(Conversation.respondent_type == respondent)
    if level:
        query = query.join(Coding, Coding.conversation_id == Conversation.id).where(
            Coding.outcome == "feel_safer", Coding.level == level, Coding.round == 1
        )
    return db.session.scalar(query) or 0


def chart_table(page, chart_id: str = CHART) -> dict[str, str]:
    """The table under a chart: answer -> count as shown, plus "Total"."""
    box = page.select_one(f'div.app-dashboard-chart[data-chart="{chart_id}"]')
    assert box is not None, f"no chart {chart_id} on the page"
    assert box.select_one("svg title"), f"chart {chart_id} has no SVG with a title"
    rows = {}
    for row in box.select("table tbody tr"):
        rows[row.th.get_text(strip=True)] = row.select("td")[0].get_text(strip=True)
    return rows


def signed_in(app, sign_in, user):
    client = app.test_client()
    sign_in(client, user)
    return client


FILTERS = [
    ({}, {}),
    ({"team": "north"}, {"team": "north"}),
    ({"team": "south"}, {"team": "south"}),
    ({"team": "none"}, {"team": "none"}),
    ({"method": "independent"}, {"method": "independent"}),
    ({"method": "enquiry_lead", "respondent": "representative"},
     {"method": "enquiry_lead", "respondent": "representative"}),
    ({"team": "north", "respondent": "adult"}, {"team": "north", "respondent": "adult"}),
]


def _query(data: Council, filters: dict[str, str], **extra: str) -> str:
    params = {"year": YEAR, **filters, **extra}
    if params.get("team") in data.teams:
        params["team"] = str(data.teams[params["team"]].id)
    return URL + "?" + "&".join(f"{k}={v}" for k, v in params.items())


@pytest.mark.parametrize("filters, counted", FILTERS)
def test_real_counts_match_an_independent_count_for_every_filter(
    app, sign_in, get_page, council_with_teams, filters, counted
):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    page = get_page(client, _query(data, filters, view="real"))
    team = counted.get("team")
    where = {
        "team": data.teams[team].id if team in data.teams else team,
        "method": counted.get("method"),
        "respondent": counted.get("respondent"),
    }
    held = independent_count(data.council, **where)
    assert held > 0, "the fixture should give every filter some conversations"
    assert page.select_one("#figure-held").get_text(strip=True) == str(held)
    table = chart_table(page)
    assert table["Total"] == str(held)
    labels = {"safer": "Safer", "a_bit_safer": "A bit safer", "no_safer": "No safer", "less_safe": "Less safe"}
    found = {level: table[label] for level, label in labels.items() if label in table}
    assert len(found) == 4, f"feel safer table rows are {sorted(table)}"
    for level, shown in found.items():
        assert shown == str(independent_count(data.council, level=level, **where)), level
    assert "For: coordinators – real counts, not for publication" in page.get_text()


def test_filters_change_the_counts(app, sign_in, get_page, council_with_teams):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    totals = {
        str(filters): get_page(client, _query(data, filters, view="real")).select_one("#figure-held").get_text(strip=True)
        for filters, _ in FILTERS
    }
    assert len(set(totals.values())) == len(FILTERS), f"two filters gave the same total: {totals}"


def test_a_quarter_counts_only_that_quarter(app, sign_in, get_page, council_with_teams):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    page = get_page(client, _query(data, {"team": "north"}, view="real", quarter="2"))
    expected = independent_count(data.council, team=data.teams["north"].id, start=dt.date(2025, 7, 1),
                                 end=dt.date(2025, 9, 30))
    assert expected == 4 and page.select_one("#figure-held").get_text(strip=True) == "4"
    quarters = [row.select("td")[0].get_text(strip=True) for row in page.select("#quarters-table tbody tr")]
    assert quarters == ["9", "4", "[x]", "[x]"], "north's conversations by quarter ([x]: none held)"


def _shown_counts(page) -> list[str]:
    """Every count a reader sees: summary figures, quarter counts, table counts and chart labels."""
    values = [dd.get_text(strip=True) for dd in page.select("dd[id^=figure-]")]
    for table in page.select("table.app-dashboard-table"):
        for row in table.select("tbody tr"):
            values.append(row.select("td")[0].get_text(strip=True))
    values += [text.get_text(strip=True) for text in page.select("svg text.count")]
    return values


@pytest.mark.parametrize("filters, _", FILTERS)
def test_publication_view_never_shows_1_to_4_or_unrounded_counts(
    app, sign_in, get_page, council_with_teams, filters, _
):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    for quarter in ("", "1"):
        page = get_page(client, _query(data, filters, view="publication", quarter=quarter))
        values = _shown_counts(page)
        assert len(values) > 30
        for value in values:
            assert value in ("[c]", "[x]") or (COUNT.match(value) and int(value) % 5 == 0 and int(value) >= 5), (
                f"{value!r} shown for publication with filters {filters}, quarter {quarter or 'all'}"
            )
        assert "For publication: small numbers hidden, counts rounded to 5" in page.get_text()


def test_a_headline_with_a_hidden_component_is_hidden(app, sign_in, get_page, council_with_teams):
    """Hospital team, representatives: 1 person, so every headline in the quarter table is a mark."""
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    page = get_page(client, _query(data, {"team": "south", "respondent": "representative"}))
    for row in page.select("#quarters-table tbody tr"):
        for cell in row.select("td")[1:]:
            assert cell.get_text(strip=True) in ("[c]", "[x]"), row.get_text(" ", strip=True)


def test_board_members_only_ever_get_the_publication_view(app, sign_in, get_page, council_with_teams):
    data = council_with_teams
    coordinator = signed_in(app, sign_in, data.people["coordinator"])
    real = _shown_counts(get_page(coordinator, _query(data, {"team": "north"}, view="real")))
    assert any(value in ("1", "2", "3", "4") for value in real), "the real view should have small counts"
    client = signed_in(app, sign_in, data.people["board"])
    assert client.get("/").headers["Location"].endswith(URL)
    page = get_page(client, _query(data, {"team": "north"}, view="real"))
    assert page.select("input[name=view]") == [], "a board member was offered real counts"
    assert "For: Safeguarding Adults Board members" in page.get_text()
    for value in _shown_counts(page):
        assert value in ("[c]", "[x]") or int(value) % 5 == 0, f"a board member saw {value}"
    assert page.select_one("nav.app-nav").find("a", string="Dashboard") is not None
    assert not page.select(f'a[href^="/returns/{YEAR}"]'), "a board member was linked to the return"
    for path in (f"/returns/{YEAR}", f"/returns/{YEAR}/export/csv", "/conversations"):
        assert client.get(path).status_code == 404, f"a board member could open {path}"


@pytest.mark.parametrize("filters", [{"respondent": "adult"}, {"method": "enquiry_lead"}])
def test_a_filter_does_not_hide_a_view_to_protect_the_zeros_it_makes(app, sign_in, get_page, council_with_teams,
                                                                     filters):
    """Filtered to adults (or to the enquiry lead), the other group is 0 by definition: that known
    zero must not be suppressed, dragging every total with it. 22 of each: published as 20."""
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["board"])
    page = get_page(client, _query(data, filters))
    assert page.select_one("#figure-held").get_text(strip=True) == "20"
    assert chart_table(page)["Total"] == "20"


def test_other_councils_data_never_appear(app, sign_in, get_page, council_with_teams):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    page = get_page(client, _query(data, {}, view="real"))
    assert page.select_one("#figure-held").get_text(strip=True) == str(independent_count(data.council)) == "30"
    assert chart_table(page)["Less safe"] == str(independent_count(data.council, level="less_safe"))
    options = [o.get_text(strip=True) for o in page.select("#filter-team option")]
    assert options == ["Every team", "Hospital team", "North locality", "No team recorded"]
    assert "Elsewhere" not in page.get_text()
    # The other council's team, even by its id, is not a filter here.
    assert client.get(f"{URL}?year={YEAR}&team={data.other_team.id}").status_code == 404
    other = signed_in(app, sign_in, data.people["other_coordinator"])
    theirs = get_page(other, f"{URL}?year={YEAR}&view=real")
    assert theirs.select_one("#figure-held").get_text(strip=True) == str(OTHER_COUNCIL_CONVERSATIONS)
    assert other.get(_query(data, {"team": "north"})).status_code == 404


@pytest.mark.parametrize("query", ["year=2025", "quarter=5", "method=phone", "respondent=friend", "team=abc"])
def test_values_the_form_does_not_offer_are_not_found(app, sign_in, council_with_teams, query):
    client = signed_in(app, sign_in, council_with_teams.people["coordinator"])
    assert client.get(f"{URL}?{query}").status_code == 404


@pytest.mark.parametrize("who", ["north", "advocate"])
def test_practitioners_and_advocates_cannot_see_it(app, sign_in, council_with_teams, who):
    client = signed_in(app, sign_in, council_with_teams.people[who])
    assert client.get(URL).status_code == 404


def test_every_view_is_audited_with_its_filters(app, sign_in, get_page, council_with_teams):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    get_page(client, _query(data, {"team": "north", "method": "enquiry_lead"}, view="real", quarter="1"))
    get_page(client, _query(data, {}))
    get_page(client, _query(data, {"team": "none", "method": "independent", "respondent": "representative"},
                            quarter="4"))
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("dashboard.%"))
                                     .order_by(AuditEvent.id)))
    assert [(e.action, e.object_id) for e in events] == [
        ("dashboard.view.real", f"2025-26 Q1;team={data.teams['north'].id};method=enquiry_lead"),
        ("dashboard.view.publication", "2025-26"),
        ("dashboard.view.publication", "2025-26 Q4;team=none;method=independent;who=representative"),
    ]
    assert all(e.organisation_id == data.council.id and e.user_id == data.people["coordinator"].id for e in events)


def test_every_chart_has_a_table_and_the_filters_work_without_javascript(app, sign_in, get_page, council_with_teams):
    data = council_with_teams
    client = signed_in(app, sign_in, data.people["coordinator"])
    page = get_page(client, f"{URL}?year={YEAR}")
    charts = page.select("figure.app-chart svg[role=img]")
    assert len(charts) == 1 + 12, "the quarter chart and one per block of the return"
    for svg in charts:
        title = svg.select_one("title").get_text(strip=True)
        following = svg.find_parent("figure").find_next_sibling("div")
        assert following is not None and following.select_one("table caption"), f"no table under {title}"
    form = page.select_one("form.app-dashboard-filters")
    assert form["method"] == "get" and form["action"] == URL
    assert {s["name"] for s in form.select("select")} == {"year", "quarter", "team", "method", "respondent"}
    assert all(page.select_one(f"label[for={s['id']}]") for s in form.select("select"))


def test_linked_from_the_return_page_and_the_menu(app, sign_in, get_page, council_with_teams):
    client = signed_in(app, sign_in, council_with_teams.people["coordinator"])
    page = get_page(client, f"/returns/{YEAR}")
    links = [a["href"] for a in page.select("a[href]")]
    assert any(href.startswith(URL + "?year=2025-26") for href in links), "the return page has no dashboard link"
    assert page.select_one("nav.app-nav").find("a", string="Dashboard") is not None
