"""Read the forms on a page the way a browser would, so the load test can fill them in.

The load test shares the machine with the server it measures, so it must spend its CPU on
requests, not on parsing: selectolax (the lexbor HTML parser, in C) reads a question page in
about a millisecond, where the standard library's HTMLParser took nearly three.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser


@dataclass
class Form:
    action: str
    method: str
    hidden: dict[str, str] = field(default_factory=dict)
    radios: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    textareas: list[str] = field(default_factory=list)
    selects: dict[str, list[str]] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)


def _read_field(form: Form, tag: str, name: str, attributes: dict[str, str | None], options: list[str]) -> None:
    value = attributes.get("value") or ""
    if tag == "input":
        kind = attributes.get("type") or "text"
        if kind == "hidden":
            form.hidden[name] = value
        elif kind == "radio":
            form.radios.setdefault(name, []).append(value)
        elif kind == "checkbox":
            form.checkboxes.setdefault(name, []).append(value)
        elif kind == "submit":
            form.buttons.append((name, value))
        else:
            form.texts.append(name)
    elif tag == "textarea":
        form.textareas.append(name)
    elif tag == "select":
        form.selects[name] = options
    elif tag == "button":
        form.buttons.append((name, value))


def forms_on(html: str) -> list[Form]:
    forms = []
    for node in LexborHTMLParser(html).css("form"):
        form = Form(action=node.attributes.get("action") or "", method=(node.attributes.get("method") or "get").lower())
        for element in node.css("input, textarea, select, button"):
            attributes = element.attributes
            name = attributes.get("name")
            if not name:
                continue
            options = [option.attributes.get("value") or "" for option in element.css("option")] if element.tag == "select" else []
            _read_field(form, element.tag, name, attributes, options)
        forms.append(form)
    return forms


def post_forms(html: str) -> list[Form]:
    return [form for form in forms_on(html) if form.method == "post"]
