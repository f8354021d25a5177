"""Flask-Babel's message lookup, with each request's catalogue found once.

For every string it translates, Flask-Babel works out the request's language again, writes its
name as text and looks the catalogue up by it: about 13 microseconds, and a question page
translates some fifty strings. This domain keeps the catalogue it found in the slot Flask-Babel
keeps for it in each request, which `force_locale` and `refresh()` already clear when the
language changes, so a changed language is still honoured. Templates read that slot directly
(`request_translations`): one look at the request's context instead of half a dozen.
"""

from __future__ import annotations

from babel.support import NullTranslations, Translations
from flask import Flask, g, has_app_context
from flask_babel import Babel, Domain, _get_current_context, get_translations


class RequestDomain(Domain):
    def get_translations(self) -> Translations | NullTranslations:
        context = _get_current_context()
        if context is None:
            return super().get_translations()
        found = getattr(context, "babel_translations", None)
        if found is None:
            found = context.babel_translations = super().get_translations()
        return found


def request_translations() -> Translations | NullTranslations:
    """The catalogue RequestDomain keeps for this request, or Flask-Babel's usual lookup (which
    keeps it) when there is none yet."""
    if has_app_context():
        babel_context = getattr(g._get_current_object(), "_flask_babel", None)
        found = getattr(babel_context, "babel_translations", None)
        if found is not None:
            return found
    return get_translations()


def install(babel: Babel, app: Flask) -> None:
    """Use RequestDomain for the app's messages (once: the Babel object is shared), and let the
    templates' gettext read the request's catalogue directly."""
    if not isinstance(vars(babel).get("domain_instance"), RequestDomain):
        babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))  # type: ignore[misc]
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda string: request_translations().ugettext(string),
        ngettext=lambda singular, plural, n: request_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: request_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: request_translations().unpgettext(context, singular, plural, n),
        newstyle=True,
    )
