"""Admin pages: adding and changing organisations and people, and who may see them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from feedback_app.admin.forms import _id_or_none
from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import AuditEvent

PASSWORD = "a long enough password"


@pytest.fixture
def admin_ids(make_org, make_user):
    """A council with an admin, and an advocacy organisation working for it, as plain ids."""
    council = make_org("Demo Council", "council")
    advocacy = make_org("Speak Up Advocacy", "advocacy", councils=[council])
    admin = make_user("admin", council, email="admin@demo.example")
    return {"council": council.id, "advocacy": advocacy.id, "admin": admin.id}


@pytest.fixture
def as_admin(client, sign_in, admin_ids):
    with client.application.app_context():
        sign_in(client, users.get(admin_ids["admin"]))
    return client


def admin_urls(ids: dict[str, int]) -> list[str]:
    return [
        "/admin/organisations",
        "/admin/organisations/add",
        f"/admin/organisations/{ids['advocacy']}",
        "/admin/people",
        "/admin/people/add",
        f"/admin/people/{ids['admin']}",
    ]


def error_links(soup: BeautifulSoup) -> dict[str, str]:
    """The error summary as {link target: message}."""
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None, "the page has no error summary"
    return {link["href"]: link.get_text(strip=True) for link in summary.select("a")}


def submit(client, csrf_token, url: str, fields: dict[str, str]):
    """Post the form at url with the CSRF token its page gives, as a browser would."""
    return client.post(url, data={"csrf_token": csrf_token(client, url), **fields})


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_every_admin_page_renders_for_an_admin(as_admin, get_page, admin_ids):
    for url in admin_urls(admin_ids):
        get_page(as_admin, url)


def test_organisations_page_lists_councils_served_and_people(as_admin, get_page):
    soup = get_page(as_admin, "/admin/organisations")
    rows = {row.th.get_text(strip=True): row.get_text(" ", strip=True) for row in soup.select("tbody tr")}
    assert "Demo Council" in rows["Speak Up Advocacy"], "advocacy row should name the council it works for"
    assert rows["Demo Council"].endswith("1"), "the council has one person (the admin)"


def test_admin_adds_an_advocacy_organisation(app, as_admin, csrf_token, admin_ids):
    response = submit(
        as_admin, csrf_token, "/admin/organisations/add",
        {
            "name": "  Voices Together ",
            "kind": "advocacy",
            "councils": [str(admin_ids["council"])],
            "concern_next_step": "Phone 0100 000 0000",
        },
    )
    assert response.status_code == 302
    assert "added=1" in response.headers["Location"]
    with app.app_context():
        added = organisations.find_by_name("voices together")
        assert added is not None and added.name == "Voices Together"
        assert added.kind == "advocacy"
        assert [council.id for council in added.councils] == [admin_ids["council"]]
        assert added.concern_next_step == "Phone 0100 000 0000"
    assert audit_actions(app)[-1] == "admin.organisation.create"


def test_advocacy_without_a_council_keeps_what_was_entered(as_admin, csrf_token):
    response = submit(
        as_admin, csrf_token, "/admin/organisations/add",
        {
            "name": "No Councils Yet",
            "kind": "advocacy",
            "concern_next_step": "Ring the duty team",
        },
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.title.get_text().startswith("Error:")
    assert error_links(soup) == {"#councils": "Select at least one council the organisation works for"}
    assert soup.select_one("#councils") is not None, "the error summary link must lead to a field"
    assert soup.select_one("#name")["value"] == "No Councils Yet"
    assert soup.select_one("input[name=kind][value=advocacy]").has_attr("checked")
    assert soup.select_one("#concern_next_step").get_text() == "Ring the duty team"


def test_empty_organisation_form_names_each_missing_answer(as_admin, csrf_token):
    token = csrf_token(as_admin, "/admin/organisations/add")
    response = as_admin.post("/admin/organisations/add", data={"csrf_token": token})
    soup = BeautifulSoup(response.data, "html.parser")
    assert error_links(soup) == {
        "#name": "Enter the name of the organisation",
        "#kind": "Select what kind of organisation it is",
    }


def test_organisation_names_are_unique_ignoring_case(app, as_admin, csrf_token):
    token = csrf_token(as_admin, "/admin/organisations/add")
    response = as_admin.post(
        "/admin/organisations/add", data={"csrf_token": token, "name": "DEMO council", "kind": "council"}
    )
    soup = BeautifulSoup(response.data, "html.parser")
    assert error_links(soup) == {"#name": "An organisation with this name already exists"}
    with app.app_context():
        assert len(organisations.list_all()) == 2


def test_admin_changes_what_an_organisation_does_after_a_concern(app, as_admin, csrf_token, admin_ids):
    url = f"/admin/organisations/{admin_ids['advocacy']}"
    data = {"csrf_token": csrf_token(as_admin, url), "concern_next_step": "Call 999"}
    response = as_admin.post(url, data=data)
    soup = BeautifulSoup(response.data, "html.parser")
    assert error_links(soup) == {"#councils": "Select at least one council the organisation works for"}
    response = submit(
        as_admin, csrf_token, url,
        {
            "councils": [str(admin_ids["council"])],
            "concern_next_step": "Call 999",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        assert organisations.get(admin_ids["advocacy"]).concern_next_step == "Call 999"
    assert audit_actions(app)[-1] == "admin.organisation.update"


def test_admin_adds_a_person(app, as_admin, csrf_token, admin_ids):
    response = submit(
        as_admin, csrf_token, "/admin/people/add",
        {
            "name": "Pat Practitioner",
            "email": "Pat@Demo.example",
            "role": "practitioner",
            "organisation": str(admin_ids["council"]),
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        person = users.find_by_email("pat@demo.example")
        assert person is not None, "the person was not saved"
        assert (person.name, person.role, person.organisation_id) == (
            "Pat Practitioner",
            "practitioner",
            admin_ids["council"],
        )
        assert person.password_hash.startswith("$argon2")
        assert PASSWORD not in person.password_hash
    assert audit_actions(app)[-1] == "admin.user.create"


def test_person_form_errors_keep_values_but_never_the_password(as_admin, csrf_token):
    response = submit(
        as_admin, csrf_token, "/admin/people/add",
        {
            "name": "Sam Short",
            "email": "ADMIN@demo.example",
            "organisation": "",
            "password": "too short",
        },
    )
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.title.get_text().startswith("Error:")
    assert error_links(soup) == {
        "#email": "A person with this email address already exists",
        "#role": "Select a role",
        "#organisation": "Select an organisation",
        "#password": "Password must be 12 characters or more",
    }
    for anchor in ("#email", "#role", "#organisation", "#password"):
        assert soup.select_one(anchor) is not None, f"error summary link {anchor} leads nowhere"
    assert soup.select_one("#name")["value"] == "Sam Short"
    assert soup.select_one("#email")["value"] == "ADMIN@demo.example"
    assert "too short" not in response.get_data(as_text=True)


@pytest.mark.parametrize(("submitted", "expected"), [("12", 12), (" 7 ", 7), (3, 3), ("", None), (None, None)])
def test_a_submitted_id_is_read_as_a_whole_number(submitted, expected):
    assert _id_or_none(submitted) == expected


@pytest.mark.parametrize("submitted", ["²", "-1", "1.0", "one", "1 2"])
def test_a_submitted_id_that_is_not_plain_digits_is_no_id(submitted):
    # "²" passes str.isdigit(), but int() cannot read it.
    assert _id_or_none(submitted) is None, f"{submitted!r} should not be read as an id"


def test_admin_changes_a_persons_role_and_deactivates_them(app, as_admin, csrf_token, admin_ids, make_user):
    with app.app_context():
        person_id = make_user("practitioner", organisations.get(admin_ids["council"])).id
    url = f"/admin/people/{person_id}"
    data = {"role": "advocate", "organisation": str(admin_ids["advocacy"]), "active": "no"}
    response = submit(as_admin, csrf_token, url, data)
    assert response.status_code == 302
    with app.app_context():
        person = users.get(person_id)
        assert person.role == "advocate"
        assert person.organisation_id == admin_ids["advocacy"]
        assert not person.active, "the person should be deactivated"
    assert audit_actions(app)[-1] == "admin.user.update"


def test_an_admin_cannot_deactivate_themselves(app, as_admin, csrf_token, admin_ids):
    url = f"/admin/people/{admin_ids['admin']}"
    data = {"role": "admin", "organisation": str(admin_ids["council"]), "active": "no"}
    response = submit(as_admin, csrf_token, url, data)
    soup = BeautifulSoup(response.data, "html.parser")
    assert error_links(soup) == {"#active": "You cannot deactivate yourself"}
    with app.app_context():
        assert users.get(admin_ids["admin"]).active


@pytest.mark.parametrize("role", ["practitioner", "advocate", "coordinator"])
def test_an_admin_cannot_remove_their_own_admin_role(app, as_admin, csrf_token, admin_ids, role):
    url = f"/admin/people/{admin_ids['admin']}"
    data = {"role": role, "organisation": str(admin_ids["council"]), "active": "yes"}
    response = submit(as_admin, csrf_token, url, data)
    assert response.status_code == 200, "the change should be refused, not saved"
    soup = BeautifulSoup(response.data, "html.parser")
    assert error_links(soup) == {
        "#role": "You cannot remove your own admin role. Ask another admin to do it"
    }
    with app.app_context():
        assert users.get(admin_ids["admin"]).role == "admin", f"the admin became a {role}"
    assert "admin.user.update" not in audit_actions(app)


@pytest.mark.parametrize("role", ["practitioner", "advocate", "coordinator"])
def test_other_roles_get_page_not_found_on_every_admin_page(app, client, sign_in, make_user, admin_ids, role):
    with app.app_context():
        sign_in(client, make_user(role, organisations.get(admin_ids["council"])))
    for url in admin_urls(admin_ids):
        response = client.get(url)
        assert response.status_code == 404, f"{role} could see {url}"
        # The error page's sign-out form carries a valid token, so the POST reaches the role check.
        token = BeautifulSoup(response.data, "html.parser").select_one("input[name=csrf_token]")["value"]
        data = {"csrf_token": token, "name": "Sneaky", "kind": "council", "role": "admin", "active": "yes"}
        assert client.post(url, data=data).status_code == 404, f"{role} could post to {url}"
    with app.app_context():
        assert organisations.find_by_name("Sneaky") is None
        assert users.get(admin_ids["admin"]).active


def test_signed_out_visitors_are_sent_to_sign_in(client, admin_ids):
    for url in admin_urls(admin_ids):
        response = client.get(url)
        assert response.status_code == 302, f"{url} answered {response.status_code}"
        assert "/sign-in" in response.headers["Location"]


def test_admin_sets_a_councils_double_coding_share_and_who_may_code(app, as_admin, csrf_token, admin_ids):
    url = f"/admin/organisations/{admin_ids['council']}"
    bad = as_admin.post(
        url, data={"csrf_token": csrf_token(as_admin, url), "double_coding_percent": "150", "retention_months": "12"}
    )
    soup = BeautifulSoup(bad.data, "html.parser")
    assert error_links(soup) == {"#double_coding_percent": "Share to code twice must be a whole number from 0 to 100"}
    assert soup.find("input", {"name": "double_coding_percent"})["value"] == "150"
    response = submit(
        as_admin, csrf_token, url,
        {
            "double_coding_percent": "35",
            "staff_may_code": "yes",
            "retention_months": "12",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        council = organisations.get(admin_ids["council"])
        assert (council.double_coding_percent, council.staff_may_code) == (35, True)
