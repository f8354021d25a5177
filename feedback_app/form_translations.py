"""WTForms' own messages ("Not a valid choice") in the page's language, from catalogues read once.

Flask-WTF reads WTForms' catalogue from disk again on every request that builds a form. Here each
language's catalogue is read the first time it is needed and kept for the life of the process,
like Flask-Babel keeps the app's own.
"""

from __future__ import annotations

from babel import support
from flask import Flask, request
from flask_babel import get_locale
from wtforms.i18n import messages_path

_catalogues: dict[str, support.NullTranslations] = {}


def catalogue(locale: str) -> support.NullTranslations:
    """WTForms' catalogue for one language, read once (two threads at once may both read it: harmless)."""
    found = _catalogues.get(locale)
    if found is None:
        found = _catalogues[locale] = support.Translations.load(messages_path(), [locale], domain="wtforms")
    return found


class _PageLanguage:
    """What Flask-WTF asks for translations: the catalogue of the page's language when a message
    is needed, so the language is chosen no earlier than Flask-WTF would choose it."""

    def ugettext(self, string: str) -> str:
        return catalogue(str(get_locale() or "en")).ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return catalogue(str(get_locale() or "en")).ungettext(singular, plural, n)


def init_app(app: Flask) -> None:
    @app.before_request
    def keep_form_catalogues() -> None:
        # Flask-WTF looks here before reading the catalogue itself (flask_wtf/i18n.py).
        request.wtforms_translations = _PageLanguage()  # type: ignore[attr-defined]
