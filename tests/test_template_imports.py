"""Importing macros the cheap way (web.ImportsCheaply) gives what Jinja's own import gives."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, Template

from feedback_app.web import ImportsCheaply

MACROS = {"greeting.html": "{% macro greet() %}Hello {{ whom | default('nobody') }}{% endmacro %}"}
IMPORT_AND_GREET = '{% from "greeting.html" import greet %}{{ greet() }}'


def environment(template_class: type[Template]) -> Environment:
    env = Environment(loader=DictLoader(MACROS))
    env.template_class = template_class
    return env


def pages_rendered(template_class: type[Template]) -> list[str]:
    """The same pages, in the same order, with globals changing between them."""
    env = environment(template_class)
    shown = [env.from_string(IMPORT_AND_GREET).render()]
    shown.append(env.from_string(IMPORT_AND_GREET, globals={"whom": "Sam"}).render())  # a global the macros lack
    shown.append(env.from_string(IMPORT_AND_GREET).render())
    env.globals["whom"] = "the team"  # a shared global added after the macros were first imported
    shown.append(env.from_string(IMPORT_AND_GREET, globals={"whom": "Alex"}).render())
    shown.append(env.from_string(IMPORT_AND_GREET, globals={"other": 1}).render())
    return shown


def test_pages_are_the_same_as_with_jinjas_own_import() -> None:
    assert pages_rendered(ImportsCheaply) == pages_rendered(Template)
    assert pages_rendered(ImportsCheaply)[:3] == ["Hello nobody", "Hello Sam", "Hello nobody"]


def test_an_import_with_the_same_globals_reuses_one_module() -> None:
    env = environment(ImportsCheaply)
    page = env.from_string(IMPORT_AND_GREET)
    page.render()
    first = env.get_template("greeting.html").module
    assert page.render() == "Hello nobody"
    assert env.get_template("greeting.html").module is first, "the macros were run again for an import that needed nothing new"
