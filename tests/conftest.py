"""Shared fixtures: an app on a migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL
is set), signed-in clients, and page checks every rendered page must pass."""

from __future__ import annotations

import contextvars
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from bs4 import BeautifulSoup
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from feedback_app import create_app
from feedback_app.auth import passwords
from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import Base, Organisation, User

TEST_PASSWORD = "correct horse battery"
passwords.use_cheapest_hashing()
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


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
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_org(app: Flask) -> Callable[..., Organisation]:
    def make(name: str, kind: str = "council", councils: list[Organisation] | None = None) -> Organisation:
        organisation = organisations.create(name=name, kind=kind, councils=councils)
        db.session.commit()
        return organisation

    return make


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    count = iter(range(1, 10_000))

    def make(role: str, organisation: Organisation, email: str | None = None, password: str = TEST_PASSWORD) -> User:
        user = users.create(
            email=email or f"{role}{next(count)}@example.org",
            password=password,
            role=role,
            organisation=organisation,
            name=f"Test {role}",
        )
        db.session.commit()
        return user

    return make


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

    return do


def check_page(html: str) -> BeautifulSoup:
    """What every page must have: one h1, a title that starts with it, unique ids, a language,
    and forms that post with a CSRF token to an explicit action."""
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.find_all("h1")
    assert len(headings) == 1, f"expected exactly one h1, found {len(headings)}"
    heading = " ".join(headings[0].get_text().split())
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    title = re.sub(r"^Error: ", "", title)
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
