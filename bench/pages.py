"""Page weight, read off a real browser's network log: python -m bench.pages.

Starts gunicorn with the production settings on a fresh database, then Debian's Chromium (through
Playwright) signs in, starts a conversation and opens a question page. For every response it
records the bytes that crossed the wire (Chromium's encodedDataLength, so compression counts when
the server compresses) and the body's raw and gzip sizes. Any request to another host is counted
as third party.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, sync_playwright

from bench import seed
from bench.load import ROOT, fresh_database, gunicorn, server_environment

CHROMIUM = "/usr/bin/chromium"


@dataclass
class Visit:
    """What one page load fetched."""

    wire: dict[str, int] = field(default_factory=dict)
    raw: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        return {"requests": len(self.raw), "wire_bytes": sum(self.wire.values()),
                "raw_bytes": sum(self.raw.values()), "gzip_bytes": sum(self.gzipped.values())}


def record(page: Page, base: str, action) -> Visit:
    """Run `action` and log every response it causes, with its size on the wire from CDP."""
    visit = Visit()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: visit.wire.__setitem__(urls.get(e["requestId"], e["requestId"]), int(e["encodedDataLength"])))

    def on_response(response) -> None:
        if urlsplit(response.url).netloc != urlsplit(base).netloc:
            visit.third_party.append(response.url)
        if response.status in (301, 302, 303, 304):
            return
        body = response.body()
        visit.raw[response.url] = len(body)
        visit.gzipped[response.url] = len(gzip.compress(body, compresslevel=6))
        visit.kinds[response.url] = response.request.resource_type

    page.on("response", on_response)
    action()
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", on_response)
    cdp.detach()
    return visit


def measure(base: str) -> dict[str, object]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": 768, "height": 1024})
        page = context.new_page()
        first = record(page, base, lambda: page.goto(base + "/sign-in"))
        page.fill("#email", seed.email(0))
        page.fill("#password", seed.PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("networkidle")
        page.goto(base + "/conversations/start")
        page.fill("#case_reference", "WEIGHT-0001")
        for part, value in (("concluded_day", "2"), ("concluded_month", "11"), ("concluded_year", "2026")):
            page.fill(f"#{part}", value)
        for choice in ("method", "respondent_type", "format", "agreed"):
            page.locator(f"input[name={choice}]").first.check()
        page.select_option("#language", "en")
        question = record(page, base, lambda: page.locator("form[action$='/start'] button[type=submit]").click())
        browser.close()
    html = {url: size for url, size in question.raw.items() if question.kinds[url] == "document"}
    question_url = max(html, key=html.get)
    return {
        "question_page_html": {"raw_bytes": question.raw[question_url], "gzip_bytes": question.gzipped[question_url],
                               "wire_bytes": question.wire.get(question_url)},
        "question_page_all": question.totals(),
        "first_visit": first.totals(),
        "first_visit_files": {urlsplit(u).path: {"raw": first.raw[u], "gzip": first.gzipped[u], "wire": first.wire.get(u)} for u in first.raw},
        "third_party_requests": sorted(set(first.third_party + question.third_party)),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database("sqlite", Path(folder))
        env = server_environment(url)
        subprocess.run([sys.executable, "-m", "bench.seed", url, "1"], cwd=ROOT, env=env | {"APP_ENV": "development"}, check=True)
        with gunicorn("wsgi:app", env, 2) as (base, _):
            print(json.dumps(measure(base), indent=2))


if __name__ == "__main__":
    main()
