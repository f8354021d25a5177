"""Two-step sign-in: codes from an authenticator app (TOTP) and single-use recovery codes."""

from __future__ import annotations

import datetime as dt

import pyotp
from sqlalchemy import select, text

from feedback_app.auth import totp
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, RecoveryCode
from tests.conftest import TEST_PASSWORD, check_page, csrf_from


def password_step(client, user, password=TEST_PASSWORD):
    token = csrf_from(client.get("/sign-in").get_data(as_text=True))
    return client.post("/sign-in", data={"email": user.email, "password": password, "csrf_token": token})


def code_step(client, code, url="/sign-in/code"):
    page = client.get(url)
    assert page.status_code == 200, f"GET {url} gave {page.status_code}"
    return client.post(url, data={"code": code, "csrf_token": csrf_from(page.get_data(as_text=True))})


def set_up(client, code_at):
    """Go through the set-up page; returns the secret shown and the page of recovery codes."""
    page = check_page(client.get("/account/two-step").get_data(as_text=True))
    secret = "".join(page.select_one(".app-secret-key code").get_text().split())
    response = client.post("/account/two-step", data={"code": code_at(secret), "csrf_token": csrf_from(str(page))})
    return secret, response


def test_a_coordinator_without_an_app_must_set_one_up_before_anything_else(
    app, client, make_org, make_user, auth_clock
):
    user = make_user("coordinator", make_org("Council"), two_step=False)
    response = password_step(client, user)
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/two-step")
    for url in ("/conversations", "/coding", "/account", "/account/password"):
        elsewhere = client.get(url)
        assert elsewhere.status_code == 302 and elsewhere.headers["Location"].endswith("/account/two-step"), url

    page = check_page(client.get("/account/two-step").get_data(as_text=True))
    qr = page.select_one("img.app-qr-code")
    assert qr["src"].startswith("data:image/svg+xml"), "the QR code is drawn on the server as SVG"
    assert qr["alt"]
    assert not page.find("script", src=lambda src: src and "qr" in src.lower()), "no script draws the QR code"
    wrong = client.post("/account/two-step", data={"code": "000000", "csrf_token": csrf_from(str(page))})
    assert "Each code works only once" in wrong.get_data(as_text=True)
    shown = "".join(page.select_one(".app-secret-key code").get_text().split())
    sessions = db.session.execute(text("SELECT data FROM sign_in_sessions")).scalars().all()
    assert sessions and not any(shown in data for data in sessions), "the secret being set up is sealed in the session"

    secret, done = set_up(client, lambda s: totp.code_for(s, auth_clock.now))

    codes_page = check_page(done.get_data(as_text=True))
    codes = [item.get_text(strip=True) for item in codes_page.select(".app-recovery-codes li")]
    assert len(codes) == 10 and len(set(codes)) == 10
    db.session.refresh(user)
    assert user.totp_secret and "".join(user.totp_secret.split()) == secret
    stored_secret = db.session.execute(text("SELECT totp_secret FROM users WHERE id = :id"), {"id": user.id}).scalar()
    assert stored_secret.startswith("enc1:") and secret not in stored_secret, "the secret is encrypted at rest"
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10 and not set(codes) & set(stored), "recovery codes are stored hashed"
    assert client.get("/conversations").status_code == 200


def test_signing_in_asks_for_a_code_and_a_used_code_cannot_be_used_again(
    app, make_org, make_user, auth_clock
):
    user = make_user("coordinator", make_org("Council"))
    code = totp.code_for(user.totp_secret, auth_clock.now)
    first, second = app.test_client(), app.test_client()

    response = password_step(first, user)
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in/code")
    assert first.get("/conversations").status_code == 302, "a password alone does not sign a coordinator in"
    assert code_step(first, "123").status_code == 200
    wrong = "000000" if code != "000000" else "111111"
    assert "Each code works only once" in code_step(first, wrong).get_data(as_text=True)
    signed_in = code_step(first, code)
    assert signed_in.status_code == 302 and "/sign-in" not in signed_in.headers["Location"]
    assert first.get("/conversations").status_code == 200

    password_step(second, user)
    reused = code_step(second, code)
    assert reused.status_code == 200 and "Each code works only once" in reused.get_data(as_text=True)
    assert second.get("/conversations").status_code == 302

    auth_clock.forward(seconds=30)
    assert code_step(second, totp.code_for(user.totp_secret, auth_clock.now)).status_code == 302


def test_a_code_from_a_phone_a_little_slow_or_fast_is_accepted_once(app, client, make_org, make_user, auth_clock):
    user = make_user("admin", make_org("Council"))
    previous = totp.code_for(user.totp_secret, auth_clock.now - dt.timedelta(seconds=30))
    password_step(client, user)
    assert code_step(client, previous).status_code == 302
    far = totp.code_for(user.totp_secret, auth_clock.now + dt.timedelta(minutes=5))
    other = app.test_client()
    password_step(other, user)
    assert code_step(other, far).status_code == 200, "a code five minutes away is not accepted"


def test_the_code_step_needs_the_password_step_first_and_expires(app, client, make_org, make_user, auth_clock):
    user = make_user("coordinator", make_org("Council"))
    assert client.get("/sign-in/code").headers["Location"].endswith("/sign-in")
    password_step(client, user)
    auth_clock.forward(minutes=6)
    late = client.get("/sign-in/code")
    assert late.status_code == 302 and late.headers["Location"].endswith("/sign-in")


def test_a_recovery_code_signs_in_once(app, make_org, make_user, auth_clock):
    user = make_user("coordinator", make_org("Council"), two_step=False)
    setup_client = app.test_client()
    password_step(setup_client, user)
    _, done = set_up(setup_client, lambda s: totp.code_for(s, auth_clock.now))
    codes = [li.get_text(strip=True) for li in check_page(done.get_data(as_text=True)).select(".app-recovery-codes li")]

    first = app.test_client()
    password_step(first, user)
    assert "recovery code" in first.get("/sign-in/code").get_data(as_text=True)
    used = code_step(first, codes[3].upper().replace("-", " "), "/sign-in/recovery-code")
    assert used.status_code == 302 and first.get("/conversations").status_code == 200

    again = app.test_client()
    password_step(again, user)
    refused = code_step(again, codes[3], "/sign-in/recovery-code")
    assert refused.status_code == 200 and "not used before" in refused.get_data(as_text=True)
    assert "9 recovery codes left" in check_page(first.get("/account").get_data(as_text=True)).get_text()
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.user_id == user.id)).all()
    assert "auth.recovery_code_used" in actions and "auth.recovery_code_failed" in actions


def test_practitioners_may_choose_two_step_sign_in_and_turn_it_off(app, client, make_org, make_user, auth_clock):
    user = make_user("practitioner", make_org("Council"))
    assert password_step(client, user).headers["Location"].endswith("/"), "no code needed by default"
    assert "Set up two-step sign-in" in client.get("/account").get_data(as_text=True)
    secret, _ = set_up(client, lambda s: totp.code_for(s, auth_clock.now))
    db.session.refresh(user)
    assert user.totp_secret

    other = app.test_client()
    assert password_step(other, user).headers["Location"].endswith("/sign-in/code")

    auth_clock.forward(seconds=30)
    off = code_step(client, totp.code_for(secret, auth_clock.now), "/account/two-step/turn-off")
    assert off.status_code == 302
    db.session.refresh(user)
    assert user.totp_secret is None
    assert db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id)).all() == []


def test_coordinators_cannot_turn_it_off(app, client, make_org, make_user, sign_in):
    user = make_user("coordinator", make_org("Council"))
    sign_in(client, user)
    assert "Turn off" not in client.get("/account").get_data(as_text=True)
    assert client.get("/account/two-step/turn-off").status_code == 302
    db.session.refresh(user)
    assert user.totp_secret


def test_new_recovery_codes_replace_the_old_ones(app, client, make_org, make_user, sign_in, auth_clock):
    user = make_user("coordinator", make_org("Council"))
    sign_in(client, user)
    auth_clock.forward(seconds=60)
    page = code_step(client, totp.code_for(user.totp_secret, auth_clock.now), "/account/two-step/recovery-codes")
    codes = [li.get_text(strip=True) for li in check_page(page.get_data(as_text=True)).select(".app-recovery-codes li")]
    assert len(codes) == 10
    assert len(db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id)).all()) == 10


def test_an_admin_resets_two_step_sign_in_after_a_lost_phone(app, make_org, make_user, sign_in, get_page):
    council = make_org("Council")
    person, admin = make_user("coordinator", council), make_user("admin", council)
    theirs, admins = app.test_client(), app.test_client()
    sign_in(theirs, person)
    sign_in(admins, admin)

    page = get_page(admins, f"/admin/people/{person.id}/sign-in")
    reset = admins.post(f"/admin/people/{person.id}/sign-in/reset-two-step", data={"csrf_token": csrf_from(str(page))})

    assert reset.status_code == 302
    db.session.refresh(person)
    assert person.totp_secret is None
    assert theirs.get("/conversations").status_code == 302, "they are signed out everywhere"
    assert password_step(theirs, person).headers["Location"].endswith("/account/two-step")


def test_the_demo_secret_gives_the_codes_the_demo_command_prints(app):
    from feedback_app.demo.people import DEMO_TOTP_SECRET

    assert pyotp.TOTP(DEMO_TOTP_SECRET).now() in app.test_cli_runner().invoke(args=["demo", "code"]).output
