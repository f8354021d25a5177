"""The baseline: a plain Flask page of about the same size as a question page, no database."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)
PAGE = "<!doctype html><html lang=en><title>Baseline</title><main><h1>Plain page</h1>" + "<p>Words.</p>" * 300 + "</main></html>"


@app.get("/")
def page() -> str:
    return PAGE


@app.get("/healthz")
def healthz() -> str:
    return "ok"  # the benchmark waits for this, as it does for the app's own /healthz
