"""Security headers, read off real responses of every kind: pages, redirects, errors, JSON, files."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from feedback_app import create_app
from feedback_app.auth import public
from feedback_app.config import from_environment
from feedback_app.extensions import db
from tests.conftest import SeparateContextClient, app_config, csrf_from
from tests.conversation_helpers import start

Q = "/after-the-enquiry/questions/asked_what_wanted"


def check_headers(response, what: str, *, personal: bool = True) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp, f"{what}: the Content-Security-Policy lacks {directive}: {csp!r}"
    assert "'unsafe-inline'" not in csp, f"{what}: the Content-Security-Policy allows inline code"
    assert headers.get("X-Content-Type-Options") == "nosniff", f"{what}: no nosniff"
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), what
    assert headers.get("X-Frame-Options") == "DENY", what
    if personal:
        assert "no-store" in headers.get("Cache-Control", ""), f"{what}: a page with personal data may be cached"
    if response.mimetype == "text/html":
        _inline_code_carries_the_nonce(response.get_data(as_text=True), csp, what)


def _inline_code_carries_the_nonce(html: str, csp: str, what: str) -> None:
    nonce = re.search(r"'nonce-([^']+)'", csp)
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if not script.get("src"):
            assert nonce and script.get("nonce") == nonce.group(1), f"{what}: an inline script without the nonce"
    assert not soup.find_all(style=True), f"{what}: an inline style attribute (the CSP would block it)"
    assert not soup.find_all("style"), f"{what}: a <style> element"
    assert "Traceback" not in html, f"{what}: a traceback is shown"


@pytest.fixture
def people(make_org, make_user):
    council = make_org("Council")
    return {role: make_user(role, council) for role in ("practitioner", "coordinator", "admin")}


def test_every_kind_of_page_carries_the_headers(app, people, sign_in):
    anonymous = app.test_client()
    check_headers(anonymous.get("/sign-in"), "the sign-in page")
    check_headers(anonymous.get("/conversations"), "a redirect to sign in")
    check_headers(anonymous.get("/no-such-page"), "the not-found page")
    check_headers(anonymous.get("/session/status"), "the session status (JSON)")
    check_headers(anonymous.post("/sign-in", data={"email": "x@example.org"}), "a refused form (no CSRF token)")
    static = anonymous.get("/static/js/timeout.js")
    assert static.status_code == 200
    check_headers(static, "a static file", personal=False)

    practitioner = app.test_client()
    sign_in(practitioner, people["practitioner"])
    conversation = start(practitioner)
    for url in ("/conversations", conversation, conversation + Q, "/account", "/account/password", "/account/two-step"):
        response = practitioner.get(url)
        assert response.status_code == 200, url
        check_headers(response, url)
    token = csrf_from(practitioner.get("/account").get_data(as_text=True))
    check_headers(practitioner.post("/session/keep-alive", data={"csrf_token": token}), "keep-alive (JSON)")
    check_headers(practitioner.post(conversation + Q, data={"csrf_token": "forged"}), "a forged CSRF token")

    coordinator = app.test_client()
    sign_in(coordinator, people["coordinator"])
    for url in ("/coding", "/banks"):
        response = coordinator.get(url)
        assert response.status_code in (200, 302), url
        check_headers(response, url)

    admin = app.test_client()
    sign_in(admin, people["admin"])
    for url in ("/admin/people", f"/admin/people/{people['practitioner'].id}/sign-in"):
        response = admin.get(url)
        assert response.status_code == 200, url
        check_headers(response, url)


def test_the_too_many_tries_page_carries_the_headers(app, people):
    client = app.test_client()
    for _ in range(6):
        token = csrf_from(client.get("/sign-in").get_data(as_text=True))
        response = client.post("/sign-in", data={"email": people["admin"].email, "password": "wrong guess", "csrf_token": token})
    assert response.status_code == 429
    check_headers(response, "the too-many-tries page")


def test_a_server_error_shows_a_plain_page_and_no_traceback(database_url):
    settings = app_config(database_url) | {"TESTING": False, "PROPAGATE_EXCEPTIONS": False}
    app = create_app(settings)

    @public
    def broken() -> str:
        raise RuntimeError("internal detail: table users, secret value 1234")

    app.add_url_rule("/broken", view_func=broken)
    app.test_client_class = SeparateContextClient
    with app.app_context():
        response = app.test_client().get("/broken")
        html = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Sorry, there is a problem with the service" in html
        assert "internal detail" not in html and "RuntimeError" not in html and "Traceback" not in html
        check_headers(response, "the server error page")
        db.engine.dispose()


def test_production_adds_hsts_of_at_least_a_year_to_every_response(database_url):
    settings = from_environment({"APP_ENV": "production", "SECRET_KEY": "x" * 32, **_keys()})
    settings.update(SQLALCHEMY_DATABASE_URI=database_url, TESTING=True)
    app = create_app(settings)
    with app.app_context():
        client = app.test_client()
        for url in ("/sign-in", "/conversations", "/no-such-page", "/static/js/timeout.js", "/session/status"):
            hsts = client.get(url, base_url="https://feedback.example").headers.get("Strict-Transport-Security", "")
            max_age = int(re.search(r"max-age=(\d+)", hsts).group(1)) if "max-age" in hsts else 0
            assert max_age >= 31_536_000 and "includeSubDomains" in hsts, f"{url}: {hsts!r}"
        db.engine.dispose()


def _keys() -> dict[str, str]:
    try:
        from feedback_app.models.encrypted import generate_key
    except ImportError:
        return {}
    return {"FIELD_ENCRYPTION_KEYS": generate_key(), "BLIND_INDEX_KEY": generate_key()}
