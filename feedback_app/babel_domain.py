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
    templates' gettext ask it directly."""
    if not isinstance(vars(babel).get("domain_instance"), RequestDomain):
        babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))  # type: ignore[misc]
    domain = babel.domain_instance
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda string: domain.get_translations().ugettext(string),
        ngettext=lambda singular, plural, n: domain.get_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: domain.get_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: domain.get_translations().unpgettext(context, singular, plural, n),
        newstyle=True,
    )

    # `_()` and `ngettext()`, which the templates use some fifty times a page, in one call each.
    # Jinja's own go through three (an alias that finds `gettext`, its wrapper, the function) and
    # format every string, even one with no placeholder. What they return is the same.
    @pass_context
    def gettext(context: Context, string: str, **variables: Any) -> str:
        return _formatted(context, domain.get_translations().ugettext(string), variables)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return _formatted(context, domain.get_translations().ungettext(singular, plural, num), variables)

    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)


def _formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
    """As Jinja's newstyle gettext: safe markup when autoescaping, then `%` formatting, which
    leaves a string without a `%` as it is."""
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text
