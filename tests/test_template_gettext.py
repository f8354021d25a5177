"""The templates' gettext functions (babel_domain.install) give exactly what Jinja's own
newstyle gettext gives, in English and in Welsh, with and without autoescaping."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale
from jinja2 import Environment

from feedback_app.extensions import babel

SNIPPETS = [
    '{{ _("Show these pages in") }}',
    '{{ _("Question %(number)s of %(total)s", number=3, total=9) }}',
    '{{ _("Question %(number)s of %(total)s", number="<i>", total=2) }}',
    '{{ _("%(percent)s%% of %(items)s levels match the final level", percent=50, items=4) }}',
    '{{ _("All 100%% done") }}',
    '{{ _("<b>Not in the catalogue</b>") }}',
    '{{ ngettext("You have tried to sign in too many times. Wait %(num)s minute, then try again.",'
    ' "You have tried to sign in too many times. Wait %(num)s minutes, then try again.", 3) }}',
    '{{ ngettext("%(num)s thing", "%(num)s things", 1) }}',
    '{{ pgettext("menu", "Sign out") }}',
    '{{ npgettext("menu", "%(num)s item in %(context)s", "%(num)s items in %(context)s", 2) }}',
    '{% trans %}Sign out{% endtrans %}',
    '{% trans count=2 %}One answer{% pluralize %}{{ count }} answers{% endtrans %}',
]


def jinjas_own(translations: object) -> Environment:
    reference = Environment(extensions=["jinja2.ext.i18n"])
    reference.install_gettext_callables(  # type: ignore[attr-defined]
        lambda string: translations.ugettext(string),  # type: ignore[attr-defined]
        lambda singular, plural, n: translations.ungettext(singular, plural, n),  # type: ignore[attr-defined]
        newstyle=True,
        pgettext=lambda context, string: translations.upgettext(context, string),  # type: ignore[attr-defined]
        npgettext=lambda context, singular, plural, n: translations.unpgettext(context, singular, plural, n),  # type: ignore[attr-defined]
    )
    return reference


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("autoescape", [False, True])
@pytest.mark.parametrize("snippet", SNIPPETS)
def test_templates_translate_as_jinja_does(app: Flask, language: str, autoescape: bool, snippet: str) -> None:
    source = f"{{% autoescape {str(autoescape).lower()} %}}{snippet}{{% endautoescape %}}"
    with app.test_request_context("/"), force_locale(language):
        ours = app.jinja_env.from_string(source).render()
        expected = jinjas_own(babel.domain_instance.get_translations()).from_string(source).render()
    assert ours == expected


def test_welsh_pages_are_translated(app: Flask) -> None:
    with app.test_request_context("/"), force_locale("cy"):
        shown = app.jinja_env.from_string('{{ _("Question %(number)s of %(total)s", number=3, total=9) }}').render()
    assert shown != "Question 3 of 9" and "3" in shown and "9" in shown
