"""Flask-Babel's message lookup, with each request's catalogue found once.

For every string it translates, Flask-Babel works out the request's language again, writes its
name as text and looks the catalogue up by it: about 13 microseconds, and a question page
translates some fifty strings. This domain keeps the catalogue it found in the slot Flask-Babel
keeps for it in each request, which `force_locale` and `refresh()` already clear when the
language changes, so a changed language is still honoured.
"""

from __future__ import annotations

from babel.support import NullTranslations, Translations
from flask import Flask
from flask_babel import Babel, Domain, _get_current_context


class RequestDomain(Domain):
    def get_translations(self) -> Translations | NullTranslations:
        context = _get_current_context()
        if context is None:
            return super().get_translations()
        found = getattr(context, "babel_translations", None)
        if found is None:
            found = context.babel_translations = super().get_translations()
        return found


def install(babel: Babel, app: Flask) -> None:
    """Use RequestDomain for the app's messages (once: the Babel object is shared)."""
    if not isinstance(vars(babel).get("domain_instance"), RequestDomain):
        babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))  # type: ignore[misc]
