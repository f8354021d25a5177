"""What every page shares: templates, language, security headers and small helpers."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, session
from flask_babel import get_locale, gettext
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader, Template
from werkzeug.wrappers import Response

from feedback_app.config import PROJECT_ROOT

# Languages the practitioner's own pages can be shown in. A conversation's language is separate.
UI_LANGUAGES: tuple[str, ...] = ("en", "cy")
RTL_LANGUAGES: frozenset[str] = frozenset({"ur"})


# Conversations handed over to the person, by id, with their language: their pages are theirs.
PERSON_LANGUAGE_KEY = "person_language"


def select_locale() -> str:
    """The person's language on a conversation page handed over to them; otherwise the
    practitioner's chosen page language, else the browser's, else English."""
    person = person_language()
    if person:
        return person
    chosen = session.get("ui_language")
    if chosen in UI_LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(UI_LANGUAGES) or "en"


def person_language() -> str | None:
    """The conversation's language when this request is for a conversation handed over to the person."""
    conversation_id = (request.view_args or {}).get("conversation_id")
    languages = session.get(PERSON_LANGUAGE_KEY)
    if conversation_id is None or not isinstance(languages, dict):
        return None
    language = languages.get(str(conversation_id))
    return language if isinstance(language, str) else None


def safe_next_url(target: str | None) -> str | None:
    """Only follow a ?next= that stays on this site (a path, no scheme or host)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def text_direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def bank_text(text: str | None) -> str:
    """Question bank text goes through gettext like every other string a person sees."""
    return gettext(text) if text else ""


def radio_item(choice: tuple[str, object], current: object) -> dict[str, object]:
    """A (value, label) choice as an item for the GOV.UK radios macro."""
    value, label = choice
    return {"value": value, "text": str(label), "checked": value == current}


def checkbox_item(choice: tuple[str, object], current: list[str]) -> dict[str, object]:
    value, label = choice
    return {"value": value, "text": str(label), "checked": value in current}


def select_item(choice: tuple[str, object], current: object) -> dict[str, object]:
    value, label = choice
    return {"value": value, "text": str(label), "selected": value == current}


def csp_nonce() -> str:
    """This request's nonce, made on first use: an error raised before the view (a CSRF failure)
    renders its page before any before_request hook of ours has run."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def _security_headers(response: Response) -> Response:
    nonce = csp_nonce()
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    response.headers.setdefault("X-Frame-Options", "DENY")  # for browsers older than frame-ancestors
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("APP_ENV") == "production":
        # Two years, every subdomain: once seen, the browser never uses plain HTTP here again.
        response.headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if request.endpoint != "static":
        # Pages hold personal data: never keep them in a shared cache or the back-forward cache.
        response.headers["Cache-Control"] = "no-store"
    return response


class ImportsCheaply(Template):
    """A template whose macros are imported without Jinja's per-import look through every global.

    Each `{% from ... import %}` asks which of the importing page's globals the imported template
    lacks, testing each name against a chain of dictionaries: about 15 microseconds an import, and
    a page makes five to ten. The names the template has are kept as one set instead, made again
    whenever the number of shared globals changes; the answer, and so the module, is the same."""

    _global_names: tuple[int, frozenset[str]] | None = None

    def _get_default_module(self, ctx: Any = None) -> Any:
        if ctx is not None:
            shared = len(self.environment.globals)
            if self._global_names is None or self._global_names[0] != shared:
                self._global_names = (shared, frozenset(self.globals))
            if not ctx.globals_keys <= self._global_names[1]:
                return super()._get_default_module(ctx)  # globals it lacks: Jinja makes a module with them
        return super()._get_default_module()


def compile_templates(app: Flask) -> int:
    """Compile every template now. gunicorn.conf.py calls this in the master process, so each
    worker it forks (and each one it later starts afresh) has them compiled and shares them."""
    names = app.jinja_env.list_templates(extensions=["html", "txt", "xml"])
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "feedback_app" / "templates")),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.template_class = ImportsCheaply
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        bank_text=bank_text, radio_item=radio_item, checkbox_item=checkbox_item, select_item=select_item
    )

    @app.before_request
    def make_nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.context_processor
    def page_context() -> dict[str, object]:
        return {
            "csp_nonce": csp_nonce(),
            "page_language": str(get_locale() or "en"),
            "text_direction": text_direction,
        }

    app.after_request(_security_headers)
