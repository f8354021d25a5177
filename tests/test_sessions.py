"""Server-side sessions: an ended session's cookie is useless, wherever it is replayed from.

Each test copies the session cookie to a second client (a browser someone copied it to) and
checks that once the session has ended that client is signed out too.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.auth import clock
from feedback_app.auth.server_sessions import hash_token
from feedback_app.config import from_environment
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, SignInSession
from tests.conftest import MovableClock, SeparateContextClient, app_config, csrf_from

PAGE = "/conversations"


def cookie_of(client, name="session"):
    cookie = client.get_cookie(name)
    return cookie.value if cookie is not None else None


def replay(app, token, name="session"):
    """A new client holding only a copy of the cookie."""
    other = app.test_client()
    other.set_cookie(name, token)
    return other


def signed_out(client) -> bool:
    response = client.get(PAGE)
    return response.status_code == 302 and "/sign-in" in response.headers["Location"]


def _practitioner(make_org, make_user):
    return make_user("practitioner", make_org("Council"))


def test_signing_in_gives_a_new_session_id(app, client, make_org, make_user, sign_in):
    user = _practitioner(make_org, make_user)
    client.get("/sign-in")
    before = cookie_of(client)
    assert before, "the sign-in page should start a session for its CSRF token"

    sign_in(client, user)

    after = cookie_of(client)
    assert after and after != before, "the session id must change at sign-in (no fixation)"
    assert signed_out(replay(app, before)), "the session from before sign-in must not be signed in"
    assert not signed_out(replay(app, after))


def test_the_cookie_is_useless_after_signing_out(app, client, make_org, make_user, sign_in):
    sign_in(client, _practitioner(make_org, make_user))
    token = cookie_of(client)
    copy = replay(app, token)
    assert not signed_out(copy)

    sign_out = client.post("/sign-out", data={"csrf_token": csrf_from(client.get(PAGE).get_data(as_text=True))})

    assert sign_out.status_code == 302
    assert signed_out(replay(app, token)), "replaying the old cookie after sign-out must not sign anyone in"
    assert signed_out(copy)
    assert db.session.get(SignInSession, hash_token(token)) is None


def test_the_cookie_is_useless_after_an_admin_ends_the_session(app, make_org, make_user, sign_in, get_page):
    council = make_org("Council")
    person, admin = make_user("practitioner", council), make_user("admin", council)
    theirs, admins = app.test_client(), app.test_client()
    sign_in(theirs, person)
    sign_in(admins, admin)
    token = cookie_of(theirs)

    page = get_page(admins, f"/admin/people/{person.id}/sign-in")
    forms = page.select("form[action*='/sessions/'][action$='/end']")
    assert len(forms) == 1, "the admin should see the person's one session"
    ended = admins.post(forms[0]["action"], data={"csrf_token": csrf_from(str(page))})

    assert ended.status_code == 302
    assert signed_out(replay(app, token)) and signed_out(theirs)
    assert not signed_out(admins), "the admin's own session goes on"
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(person.id)))
    assert "admin.session.end" in list(actions)


def test_an_admin_can_sign_someone_out_everywhere(app, make_org, make_user, sign_in, get_page):
    council = make_org("Council")
    person, admin = make_user("practitioner", council), make_user("admin", council)
    tablet, laptop, admins = app.test_client(), app.test_client(), app.test_client()
    sign_in(tablet, person)
    sign_in(laptop, person)
    sign_in(admins, admin)

    page = get_page(admins, f"/admin/people/{person.id}/sign-in")
    assert len(page.select("tbody tr")) == 2
    admins.post(f"/admin/people/{person.id}/sign-in/sessions/end-all", data={"csrf_token": csrf_from(str(page))})

    assert signed_out(tablet) and signed_out(laptop)


def test_the_cookie_is_useless_once_the_account_is_deactivated(app, make_org, make_user, sign_in, csrf_token):
    council = make_org("Council")
    person, admin = make_user("practitioner", council), make_user("admin", council)
    theirs, admins = app.test_client(), app.test_client()
    sign_in(theirs, person)
    sign_in(admins, admin)
    token = cookie_of(theirs)

    url = f"/admin/people/{person.id}"
    saved = admins.post(url, data={"csrf_token": csrf_token(admins, url), "role": "practitioner",
                                   "organisation": str(council.id), "active": "no"})

    assert saved.status_code == 302
    assert signed_out(replay(app, token)) and signed_out(theirs)
    assert db.session.scalars(select(SignInSession).where(SignInSession.user_id == person.id)).all() == []


def test_an_idle_session_ends_after_30_minutes(app, client, make_org, make_user, sign_in, auth_clock):
    sign_in(client, _practitioner(make_org, make_user))
    token = cookie_of(client)

    auth_clock.forward(minutes=20)
    assert not signed_out(client), "20 minutes without a click is not yet too long"
    auth_clock.forward(minutes=25)  # 45 minutes after sign-in, 25 after the last click
    assert not signed_out(client), "using the service starts the 30 minutes again"
    auth_clock.forward(minutes=30, seconds=1)

    assert signed_out(replay(app, token)), "a session idle for more than 30 minutes must end"
    assert signed_out(client)


def test_the_absolute_limit_is_12_hours_to_the_minute(app, client, make_org, make_user, sign_in, auth_clock):
    sign_in(client, _practitioner(make_org, make_user))
    for _ in range(35):  # 11 hours 40 minutes of clicks every 20 minutes
        auth_clock.forward(minutes=20)
        assert not signed_out(client)
    auth_clock.forward(minutes=19)
    assert not signed_out(client), "11h59 is still within the 12 hours"
    auth_clock.forward(minutes=2)
    assert signed_out(client), "12h01 after sign-in the session must have ended"


def test_stay_signed_in_really_extends_the_session(app, client, make_org, make_user, sign_in, auth_clock):
    sign_in(client, _practitioner(make_org, make_user))
    page = client.get(PAGE).get_data(as_text=True)
    token = csrf_from(page)

    auth_clock.forward(minutes=26)
    status = client.get("/session/status")
    assert status.status_code == 200 and 200 <= status.json["seconds_left"] <= 240
    kept = client.post("/session/keep-alive", data={"csrf_token": token})
    assert kept.status_code == 200 and kept.json == {"seconds_left": 30 * 60}
    assert client.get("/session/status").json["seconds_left"] == 30 * 60

    auth_clock.forward(minutes=29)  # 55 minutes after the last page, 29 after "Stay signed in"
    assert client.get("/session/status").json["seconds_left"] == 60
    assert not signed_out(client)


def test_asking_how_long_is_left_does_not_extend_the_session(app, client, make_org, make_user, sign_in, auth_clock):
    sign_in(client, _practitioner(make_org, make_user))
    for _ in range(3):
        auth_clock.forward(minutes=10)
        assert client.get("/session/status").status_code == 200
    auth_clock.forward(seconds=1)
    assert client.get("/session/status").json == {"seconds_left": 0}
    assert signed_out(client)


def test_keep_alive_needs_a_signed_in_session_and_a_csrf_token(app, client, make_org, make_user, sign_in):
    assert client.post("/session/keep-alive").status_code in (400, 401)
    sign_in(client, _practitioner(make_org, make_user))
    assert client.post("/session/keep-alive").status_code == 400, "no CSRF token, no extension"


def test_the_database_holds_only_a_hash_of_the_cookie(app, client, make_org, make_user, sign_in):
    sign_in(client, _practitioner(make_org, make_user))
    token = cookie_of(client)
    stored = db.session.scalars(select(SignInSession.id)).all()
    assert hash_token(token) in stored
    assert token not in stored and all(token not in row.data for row in db.session.scalars(select(SignInSession)))


def test_cookies_are_httponly_and_samesite_lax(client):
    header = client.get("/sign-in").headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Expires" not in header, "the cookie should go when the browser closes"


def test_in_production_the_cookie_is_secure_and_host_prefixed(database_url):
    settings = from_environment({"APP_ENV": "production", "SECRET_KEY": "x" * 32, **_keys()})
    settings.update(SQLALCHEMY_DATABASE_URI=database_url, TESTING=True)
    app = create_app(settings)
    with app.app_context():
        response = app.test_client().get("/sign-in", base_url="https://feedback.example")
        header = response.headers["Set-Cookie"]
        assert header.startswith("__Host-session="), header
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
        assert "Domain" not in header and "Path=/" in header
        assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
        db.engine.dispose()


def _keys() -> dict[str, str]:
    """The encryption settings production needs, when the app has them (made here, never stored)."""
    try:
        from feedback_app.models.encrypted import generate_key
    except ImportError:
        return {}
    return {"FIELD_ENCRYPTION_KEYS": generate_key(), "BLIND_INDEX_KEY": generate_key()}


def test_admin_sign_in_pages_are_for_admins_only(app, client, make_org, make_user, sign_in):
    council = make_org("Council")
    person = make_user("practitioner", council)
    sign_in(client, make_user("coordinator", council))
    assert client.get(f"/admin/people/{person.id}/sign-in").status_code == 404
    assert client.post(f"/admin/people/{person.id}/sign-in/sessions/end-all").status_code in (400, 404)


def test_app_config_defaults_are_the_ones_promised():
    settings = app_config("sqlite://")
    app = create_app(settings)
    assert app.config["SESSION_IDLE_TIMEOUT"] == 30 * 60
    assert app.config["SESSION_ABSOLUTE_TIMEOUT"] == 12 * 60 * 60
    assert 2 * 60 <= app.config["SESSION_TIMEOUT_WARNING"] <= 5 * 60


@pytest.fixture
def redis_app(database_url):
    """The app with sessions in the machine's Redis, under a key prefix of this test's own."""
    import redis

    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one: see .ci/run)")
    prefix = f"test-sessions-{uuid.uuid4().hex}:"
    app = create_app(app_config(database_url) | {"REDIS_URL": url, "SESSION_REDIS_PREFIX": prefix})
    app.test_client_class = SeparateContextClient
    with app.app_context():  # rows are deleted after the test by the `app` fixture (make_org uses it)
        yield app
        db.session.remove()
        db.engine.dispose()
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def test_sessions_in_redis_end_the_same_way(redis_app, make_org, make_user, sign_in, get_page):
    import redis

    auth_clock = MovableClock(dt.datetime.now(dt.timezone.utc))
    clock.set_clock(redis_app.extensions, auth_clock)
    council = make_org("Council")
    person, admin = make_user("practitioner", council), make_user("admin", council)
    theirs, admins = redis_app.test_client(), redis_app.test_client()
    sign_in(theirs, person)
    sign_in(admins, admin)
    token = cookie_of(theirs)
    assert db.session.scalars(select(SignInSession)).all() == [], "with REDIS_URL nothing goes in the table"
    keys = [key.decode() for key in redis.Redis.from_url(redis_app.config["REDIS_URL"]).scan_iter(
        redis_app.config["SESSION_REDIS_PREFIX"] + "session:*")]
    assert any(key.endswith(hash_token(token)) for key in keys) and not any(token in key for key in keys)

    page = get_page(admins, f"/admin/people/{person.id}/sign-in")
    form = page.select_one("form[action$='/end']")
    admins.post(form["action"], data={"csrf_token": csrf_from(str(page))})
    assert signed_out(replay(redis_app, token))

    sign_in(theirs, person)
    auth_clock.forward(minutes=31)
    assert signed_out(theirs), "idle sessions end in Redis too"
    sign_in(theirs, person)
    again = cookie_of(theirs)
    theirs.post("/sign-out", data={"csrf_token": csrf_from(theirs.get(PAGE).get_data(as_text=True))})
    assert signed_out(replay(redis_app, again))
