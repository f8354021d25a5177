"""Flask-Babel's message lookup, with each request's catalogue found once.

For every string it translates, Flask-Babel works out the request's language again, writes its
name as text and looks the catalogue up by it: about 13 microseconds, and a question page
translates some fifty strings. This domain keeps the catalogue it found in the slot Flask-Babel
keeps for it in each request, which `force_locale` and `refresh()` already clear when the
language changes, so a changed language is still honoured. Later strings read that slot with one
look at the request's context instead of half a dozen, and templates ask the domain directly.
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations, Translations
from flask import Flask, g, has_app_context
from flask_babel import Babel, Domain, _get_current_context
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup


class RequestDomain(Domain):
    def get_translations(self) -> Translations | NullTranslations:
        found = _kept_for_request()
        if found is not None:
            return found
        context = _get_current_context()
        if context is None:
            return super().get_translations()
        found = context.babel_translations = super().get_translations()
        return found


def _kept_for_request() -> Translations | NullTranslations | None:
    if not has_app_context():
        return None
    babel_context = getattr(g._get_current_object(), "_flask_babel", None)
    return getattr(babel_context, "babel_translations", None)


def install(babel: Babel, app: Flask) -> None:
    """Use RequestDomain for the app's messages (once: the Babel object is shared), and let the
    templates' gettext ask it directly.

    The templates' functions are Jinja's newstyle gettext, each in one call: Jinja's own go
    through three for `_()` (an alias that finds `gettext`, its wrapper, the function) and format
    every string, even one with no placeholder, some fifty times a page. What they return is the same."""
    if not isinstance(vars(babel).get("domain_instance"), RequestDomain):
        babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))  # type: ignore[misc]
    domain = babel.domain_instance

    @pass_context
    def gettext(context: Context, string: str, **variables: Any) -> str:
        return _formatted(context, domain.get_translations().ugettext(string), variables)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return _formatted(context, domain.get_translations().ungettext(singular, plural, num), variables)

    @pass_context
    def pgettext(context: Context, string_context: str, string: str, **variables: Any) -> str:
        variables.setdefault("context", string_context)
        return _formatted(context, domain.get_translations().upgettext(string_context, string), variables)

    @pass_context
    def npgettext(context: Context, string_context: str, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("context", string_context)
        variables.setdefault("num", num)
        translated = domain.get_translations().unpgettext(string_context, singular, plural, num)
        return _formatted(context, translated, variables)

    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]  # {% trans %} blocks call these too
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext)


def _formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
    """As Jinja's newstyle gettext: safe markup when autoescaping, then `%` formatting, which
    leaves a string without a `%` as it is."""
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text
