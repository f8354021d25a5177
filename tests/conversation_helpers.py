"""Helpers for driving a conversation through the real pages, as a practitioner would."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests.conftest import check_page, csrf_from

START_URL = "/conversations/start"


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


def start(client: FlaskClient, **overrides: Any) -> str:
    """Start a conversation through the start page; returns its URL path (/conversations/<id>)."""
    page = client.get(START_URL).get_data(as_text=True)
    soup = BeautifulSoup(page, "html.parser")
    token = soup.find("input", {"name": "start_token"})["value"]
    data = start_form(**overrides) | {"csrf_token": csrf_from(page), "start_token": token}
    response = client.post(START_URL, data=data)
    assert response.status_code == 302, f"start failed: {response.status_code}"
    match = re.search(r"/conversations/([0-9a-f-]{36})", response.headers["Location"])
    assert match, response.headers["Location"]
    return f"/conversations/{match.group(1)}"


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
