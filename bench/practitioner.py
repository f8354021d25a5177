"""One simulated practitioner: sign in, then hold whole conversations, one after another.

Each conversation is what a real one is: start it, answer every question with the person's words,
read the answers back and finish. Every request is timed and labelled with its page kind.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import aiohttp

from bench.forms import Form, post_forms

WORDS = (
    "They listened to me and asked what I wanted. I feel safer at home now, but I still worry "
    "about him coming back. I was glad my daughter could be there."
)
# Values that make a realistic conversation: the adult, in English, by the enquiry lead.
PREFERRED = {"method": "enquiry_lead", "respondent_type": "adult", "language": "en", "format": "standard", "agreed": "yes"}
_references = itertools.count(1)


@dataclass
class Timing:
    kind: str
    seconds: float
    status: int
    finished_at: float


@dataclass
class Tally:
    timings: list[Timing] = field(default_factory=list)
    conversations: int = 0
    errors: list[str] = field(default_factory=list)


def page_kind(method: str, path: str) -> str:
    """A label for a request, so figures can be given per kind of page."""
    if path.startswith("/sign-in"):
        return "sign in"
    if path.endswith("/start"):
        return "start (form)" if method == "GET" else "start (save)"
    if "/questions/" in path:
        return "question" if method == "GET" else "answer (save)"
    if path.endswith("/check"):
        return "read back"
    if path.endswith("/finish"):
        return "finish"
    return "other"


class Practitioner:
    def __init__(self, base: str, email: str, password: str, think: tuple[float, float], tally: Tally) -> None:
        self.base, self.email, self.password, self.think, self.tally = base, email, password, think, tally
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[base])
        self.http = aiohttp.ClientSession(cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=30))

    async def close(self) -> None:
        await self.http.close()

    async def request(self, method: str, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Time one request; returns status, body and the redirect location (not followed)."""
        url = urljoin(self.base, path)
        started = time.perf_counter()
        async with self.http.request(method, url, data=data, allow_redirects=False) as response:
            body = await response.text()
            status, location = response.status, response.headers.get("Location", "")
        ended = time.perf_counter()
        self.tally.timings.append(Timing(page_kind(method, urlsplit(url).path), ended - started, status, ended))
        if status >= 400:
            self.tally.errors.append(f"{method} {urlsplit(url).path}: {status}")
            raise RuntimeError(f"{method} {path} gave {status}")
        return status, body, urlsplit(location).path + (f"?{urlsplit(location).query}" if urlsplit(location).query else "")

    async def pause(self) -> None:
        await asyncio.sleep(random.uniform(*self.think))

    async def sign_in(self) -> None:
        _, page, _ = await self.request("GET", "/sign-in")
        form = post_forms(page)[0]
        status, _, _ = await self.request("POST", form.action, form.hidden | {"email": self.email, "password": self.password})
        if status != 302:
            raise RuntimeError(f"sign-in for {self.email} was refused")

    async def hold_conversation(self) -> None:
        _, page, _ = await self.request("GET", "/conversations/start")
        await self.pause()
        start = next(form for form in post_forms(page) if form.action.endswith("/start"))
        status, _, location = await self.request("POST", start.action, start_answers(start))
        if status != 302:
            raise RuntimeError("the start form was not accepted")
        while True:
            status, page, redirect = await self.request("GET", location)
            if status == 302:
                location = redirect
                continue
            if location.split("?")[0].endswith("/check"):
                finish = next(form for form in post_forms(page) if form.action.endswith("/finish"))
                await self.pause()
                await self.request("POST", finish.action, finish.hidden)
                self.tally.conversations += 1
                return
            await self.pause()
            form = question_form(page)
            status, _, location = await self.request("POST", form.action or location, answers(form))
            if status != 302:  # the page asked again: answer it the simplest way the bank allows
                status, _, location = await self.request("POST", form.action or location, form.hidden | {"action": "skip"})
                if status != 302:
                    raise RuntimeError(f"could not get past {location}")

    async def run(self, until: float, start_after: float = 0.0) -> None:
        """Sign in after `start_after` seconds (people start their day at different times), then
        hold conversations until `until`."""
        await asyncio.sleep(start_after)
        try:
            await self.sign_in()
            while time.perf_counter() < until:
                await self.hold_conversation()
        except (RuntimeError, aiohttp.ClientError, asyncio.TimeoutError, StopIteration) as problem:
            self.tally.errors.append(f"{self.email}: {type(problem).__name__}: {problem}")


def start_answers(form: Form) -> dict[str, str]:
    concluded = dt.date.today() - dt.timedelta(days=10)
    data = dict(form.hidden)
    for name, values in form.radios.items():
        data[name] = PREFERRED.get(name, values[0])
    for name, values in form.selects.items():
        wanted = PREFERRED.get(name)
        data[name] = wanted if wanted in values else next((v for v in values if v), "")
    data |= {"case_reference": f"BENCH-{next(_references):07d}-{random.randrange(10**6)}",
             "concluded_day": str(concluded.day), "concluded_month": str(concluded.month),
             "concluded_year": str(concluded.year)}
    return data


def question_form(page: str) -> Form:
    """The answer form: the POST form with a Continue button."""
    return next(form for form in post_forms(page) if ("action", "continue") in form.buttons)


def answers(form: Form) -> dict[str, str]:
    """Choose the first option of each choice and give words to every words box."""
    today = dt.date.today() - dt.timedelta(days=10)
    data = dict(form.hidden) | {"action": "continue"}
    for name, values in form.radios.items():
        data[name] = values[0]
    for name, values in form.checkboxes.items():
        data[name] = values[0]
    for name, values in form.selects.items():
        data[name] = next((v for v in values if v), "")
    for name in form.texts:
        data[name] = {"day": str(today.day), "month": str(today.month), "year": str(today.year)}.get(name.rsplit("-", 1)[-1].rsplit("_", 1)[-1], "12")
    for name in form.textareas:
        data[name] = WORDS
    return data
