"""Shared fixtures: an app on a migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL
is set), signed-in clients, and page checks every rendered page must pass."""

from __future__ import annotations

import base64
import contextvars
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import update
from sqlalchemy.engine import make_url

from feedback_app import create_app
from feedback_app.auth import accounts, clock, passwords, totp
from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import Base, Organisation, User
from feedback_app.privacy import audit_guard

TEST_PASSWORD = "correct horse battery"
# Fixed keys for encryption at rest in tests (never used anywhere else): 32 bytes each, base64.
TEST_FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(b"test field encryption key 32 b..").decode()
TEST_BLIND_INDEX_KEY = base64.urlsafe_b64encode(b"test case reference index key 32").decode()
passwords.use_cheapest_hashing()
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
# With TEST_DATABASE_URL set, these modules run on PostgreSQL as well as SQLite: everything whose
# SQL, types, constraints, triggers, locking or transactions can differ between the two. Pages
# whose behaviour does not depend on the database run on SQLite only, to keep the suite under
# ten minutes on two cores.
ON_BOTH_BACKENDS = frozenset({
    "test_migrations", "test_privacy_migration", "test_privacy_encryption", "test_retention", "test_backup",
    "test_audit_trail", "test_sessions", "test_return_counts", "test_conversation_summaries", "test_reporting",
    "test_dashboard", "test_comparison", "test_coding", "test_coding_agreement", "test_conversation_runner",
    "test_conversation_lists", "test_conversations_start", "test_crash_safety_saves", "test_demo",
    "test_query_counts", "test_admin_teams", "test_auth_two_step", "test_connections",
    "test_crash_safety", "test_properties_forms",  # locking differs; a NUL in a form failed on PostgreSQL only
})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the PostgreSQL run of tests outside ON_BOTH_BACKENDS, and the other backend's run of
    a test marked only_on(backend) (both reported as deselected)."""
    keep, drop = [], []
    for item in items:
        on_postgres = "[postgresql" in item.nodeid or "-postgresql" in item.nodeid
        only_on = item.get_closest_marker("only_on")
        wrong_backend = only_on is not None and ("postgresql" if on_postgres else "sqlite") not in only_on.args
        (drop if wrong_backend or (on_postgres and item.path.stem not in ON_BOTH_BACKENDS) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translators' catalogues once, before any worker starts, so pages are tested as shipped."""
    if not hasattr(config, "workerinput"):
        compile_catalogues(Path(__file__).resolve().parent.parent / "translations")


def compile_catalogues(directory: Path) -> None:
    """Each .po to a .mo beside it when the .mo is missing or older; a broken .po is left to
    tests/test_translations.py to report. Written to a temporary file and renamed, so a
    test run elsewhere never reads half a catalogue."""
    for po_path in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
        except Exception:  # noqa: BLE001 - reported by test_translations, with the reason
            continue
        if catalog.fuzzy:  # as `pybabel compile`: a catalogue marked fuzzy as a whole is not used
            continue
        handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as mo_file:
            write_mo(mo_file, catalog)
        os.replace(temporary, mo_path)


def _postgres_url(worker: str) -> str:
    """A schema of its own for each test worker, so parallel workers never share tables."""
    base = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql+psycopg")
    schema = f"test_{worker}"
    with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def app_config(database_url: str) -> dict[str, Any]:
    return {
        "SECRET_KEY": "test-secret-key",
        "APP_ENV": "testing",
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SESSION_COOKIE_SECURE": False,
        "FIELD_ENCRYPTION_KEYS": TEST_FIELD_ENCRYPTION_KEY,
        "BLIND_INDEX_KEY": TEST_BLIND_INDEX_KEY,
    }


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> str:
    """A database migrated to head once per worker and backend, through the real migrations."""
    if request.param == "sqlite":
        return migrated(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    return migrated(_postgres_url(worker_id))


def migrated(url: str) -> str:
    """Apply the real migrations to the database at url, and give the url back."""
    app = create_app(app_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture(params=BACKENDS)
def own_database(request: pytest.FixtureRequest, tmp_path: Path, worker_id: str) -> Iterator[Flask]:
    """An app on a migrated database of this test's own: going down and up again disturbs no other test."""
    if request.param == "sqlite":
        url = migrated(f"sqlite:///{tmp_path / 'own.db'}")
    else:
        url = migrated(_postgres_url(f"{worker_id}_own"))
    app = create_app(app_config(url))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


class SeparateContextClient(FlaskClient):
    """Each request runs in its own app context, as in production.

    The test itself holds an app context for its own database work; without this, requests
    would share its `g` and session, so a user signed in on one client would leak into another.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():  # not inside a followed redirect
            db.session.expire_all()  # the test's own session sees what the request committed
        return response


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(app_config(database_url))
    app.test_client_class = SeparateContextClient
    with app.app_context():
        yield app
        db.session.rollback()
        with audit_guard.lifted(db.session.connection()):  # the audit trail is append-only outside tests
            for table in reversed(Base.metadata.sorted_tables):
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def org_maker() -> Callable[..., Organisation]:
    """Makes organisations, committed (also for worlds built outside a test: tests/worlds.py)."""

    def make(name: str, kind: str = "council", councils: list[Organisation] | None = None) -> Organisation:
        organisation = organisations.create(name=name, kind=kind, councils=councils)
        db.session.commit()
        return organisation

    return make


def user_maker(domain: str = "example.org") -> Callable[..., User]:
    """Makes people, committed, each with an email of their own unless one is given (worlds built
    outside a test use a domain of their own, so a test's own people never clash with theirs)."""
    count = iter(range(1, 10_000))

    def make(
        role: str,
        organisation: Organisation,
        email: str | None = None,
        password: str = TEST_PASSWORD,
        two_step: bool | None = None,
    ) -> User:
        """A person; coordinators and admins get an authenticator app set up unless two_step=False."""
        user = users.create(
            email=email or f"{role}{next(count)}@{domain}",
            password=password,
            role=role,
            organisation=organisation,
            name=f"Test {role}",
        )
        if two_step if two_step is not None else accounts.totp_required(user):
            user.totp_secret = totp.new_secret()
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_org(app: Flask) -> Callable[..., Organisation]:
    return org_maker()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    return user_maker()


def csrf_from(html: str) -> str:
    token = BeautifulSoup(html, "html.parser").find("input", {"name": "csrf_token"})
    assert token is not None, "page has no CSRF token to submit with"
    return str(token["value"])


@pytest.fixture
def csrf_token() -> Callable[[FlaskClient, str], str]:
    def fetch(client: FlaskClient, url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} gave {response.status_code}"
        return csrf_from(response.get_data(as_text=True))

    return fetch


@pytest.fixture
def sign_in() -> Callable[[FlaskClient, User], None]:
    def do(client: FlaskClient, user: User, password: str = TEST_PASSWORD) -> None:
        token = csrf_from(client.get("/sign-in").get_data(as_text=True))
        response = client.post("/sign-in", data={"email": user.email, "password": password, "csrf_token": token})
        assert response.status_code == 302, "sign-in did not redirect: wrong password or form"
        if response.headers["Location"].endswith("/sign-in/code"):
            enter_code(client, user)

    return do


class MovableClock:
    """The app's clock for sessions and sign-in codes, moved forward by tests instead of sleeping."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def forward(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def auth_clock(app: Flask) -> MovableClock:
    """Sessions and codes in this test's app run on a clock the test moves (starts at the real now)."""
    moving = MovableClock(dt.datetime.now(dt.timezone.utc))
    clock.set_clock(app.extensions, moving)
    return moving


def enter_code(client: FlaskClient, user: User) -> Any:
    """The second sign-in step: the code the person's authenticator app shows now (app clock)."""
    # Tests sign the same person in many times within 30 seconds, and a code works only once:
    # forget the last step used. tests/test_auth_two_step.py tests that a code cannot be reused.
    db.session.execute(update(User).where(User.id == user.id).values(totp_last_step=None))
    db.session.commit()
    token = csrf_from(client.get("/sign-in/code").get_data(as_text=True))
    code = totp.code_for(user.totp_secret or "", clock.now())
    response = client.post("/sign-in/code", data={"code": code, "csrf_token": token})
    assert response.status_code == 302 and "/sign-in" not in response.headers["Location"], "the sign-in code was refused"
    return response


def check_page(html: str) -> BeautifulSoup:
    """What every page must have: one h1, a title that starts with it, unique ids, a language,
    and forms that post with a CSRF token to an explicit action."""
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.find_all("h1")
    assert len(headings) == 1, f"expected exactly one h1, found {len(headings)}"
    heading = " ".join(headings[0].get_text().split())
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    title = re.sub(r"^Error: ", "", title)
    if soup.select_one(".govuk-error-summary"):  # "Error:" in the page's own language (Gwall:, Błąd:, خرابی:)
        title = re.sub(r"^[^:]{1,20}: ", "", title) if not title.startswith(heading) else title
    assert title.startswith(heading), f"title {title!r} does not start with the h1 {heading!r}"
    ids = [element["id"] for element in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids on the page: {sorted(duplicates)}"
    assert soup.html is not None and soup.html.get("lang"), "the html element has no lang"
    for form in soup.find_all("form"):
        assert form.get("action"), "a form has no action"
        if (form.get("method") or "get").lower() == "post":
            assert form.find("input", {"name": "csrf_token"}), f"a POST form to {form['action']} has no CSRF token"
    return soup


@pytest.fixture
def get_page() -> Callable[..., BeautifulSoup]:
    def fetch(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
        response = client.get(url)
        assert response.status_code == status, f"GET {url} gave {response.status_code}, expected {status}"
        return check_page(response.get_data(as_text=True))

    return fetch
