"""Question bank preview pages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from feedback_app.auth import roles
from feedback_app.conversations.present import show_question
from feedback_app.question_banks.model import Bank
from feedback_app.vocabulary import FORMATS, RESPONDENT_TYPES

bp = Blueprint("banks", __name__, url_prefix="/banks", template_folder="templates")

PREVIEW_ROLES = ("coordinator", "admin")


def _bank(bank_id: str) -> Bank:
    bank = current_app.extensions["question_banks"].get(bank_id)
    if bank is None:
        abort(404)
    return bank


def _choice(name: str, allowed: tuple[str, ...]) -> str:
    value = request.args.get(name, allowed[0])
    return value if value in allowed else allowed[0]


@bp.route("")
@roles(*PREVIEW_ROLES)
def index() -> str:
    """Every question bank in use, with its version."""
    banks = sorted(current_app.extensions["question_banks"].values(), key=lambda bank: bank.id)
    return render_template("banks/index.html", banks=banks)


@bp.route("/<bank_id>")
@roles(*PREVIEW_ROLES)
def bank(bank_id: str) -> Response:
    """Start the preview at the bank's first question."""
    found = _bank(bank_id)
    return redirect(url_for("banks.question", bank_id=found.id, question_id=found.questions[0].id, **request.args))


@bp.route("/<bank_id>/<question_id>")
@roles(*PREVIEW_ROLES)
def question(bank_id: str, question_id: str) -> str:
    """One question as the person sees it, with everything the bank says about it."""
    found = _bank(bank_id)
    asked = found.question(question_id)
    if asked is None:
        abort(404)
    respondent = _choice("respondent", RESPONDENT_TYPES)
    format = _choice("format", FORMATS) if found.audience == "person" else "standard"
    position = found.index(asked.id)
    neighbours = {
        "previous": found.questions[position - 1] if position > 0 else None,
        "next": found.questions[position + 1] if position + 1 < len(found.questions) else None,
    }
    return render_template(
        "banks/question.html",
        bank=found,
        shown=show_question(asked, respondent_type=respondent, format=format, language="en"),
        respondent=respondent,
        format=format,
        number=position + 1,
        neighbours=neighbours,
    )
