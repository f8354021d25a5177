"""Helpers for driving a conversation through the real pages, as a practitioner would."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests.conftest import check_page, csrf_from

START_URL = "/conversations/start"
CONVERSATION_PATH = re.compile(r"/conversations/[0-9a-f-]{36}")


def start_form(**overrides: Any) -> dict[str, Any]:
    concluded = overrides.pop("concluded", dt.date.today() - dt.timedelta(days=3))
    form = {
        "case_reference": "DC-2025-0001",
        "concluded_day": str(concluded.day),
        "concluded_month": str(concluded.month),
        "concluded_year": str(concluded.year),
        "method": "enquiry_lead",
        "respondent_type": "adult",
        "language": "en",
        "format": "standard",
        "agreed": "yes",
    }
    form.update(overrides)
    return {key: value for key, value in form.items() if value is not None}


def start_data(html: str, **overrides: Any) -> dict[str, Any]:
    """What to post to start a conversation: `start_form(**overrides)` and the start page's tokens."""
    token = BeautifulSoup(html, "html.parser").find("input", {"name": "start_token"})["value"]
    return start_form(**overrides) | {"csrf_token": csrf_from(html), "start_token": token}


def conversation_path(location: str) -> str:
    """The /conversations/<id> path in a URL or redirect location."""
    match = CONVERSATION_PATH.search(location)
    assert match, f"no conversation in {location}"
    return match.group(0)


def start(client: FlaskClient, **overrides: Any) -> str:
    """Start a conversation through the start page; returns its URL path (/conversations/<id>)."""
    page = client.get(START_URL).get_data(as_text=True)
    response = client.post(START_URL, data=start_data(page, **overrides))
    assert response.status_code == 302, f"start failed: {response.status_code}"
    return conversation_path(response.headers["Location"])


def follow(client: FlaskClient, response: Any) -> Any:
    while response.status_code == 302:
        response = client.get(response.headers["Location"])
    return response


def question_page(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    return check_page(response.get_data(as_text=True))


def answer(client: FlaskClient, url: str, **data: Any) -> Any:
    """Submit a question page with its CSRF token; returns the response."""
    page = client.get(url).get_data(as_text=True)
    data.setdefault("action", "continue")
    return client.post(url, data=data | {"csrf_token": csrf_from(page)})


def current_question_url(client: FlaskClient, conversation: str) -> str:
    response = client.get(f"{conversation}/resume")
    assert response.status_code == 302
    return response.headers["Location"]
