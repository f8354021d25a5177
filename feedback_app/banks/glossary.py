"""The glossary page: each old or jargon word and the plain words to say instead, for every signed-in role.

It is its own small blueprint so that it lives at /glossary, not under the coordinators' /banks.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template

from feedback_app.auth import ALL_ROLES, roles
from feedback_app.question_banks.glossary import GLOSSARY_FILE, Glossary, load_glossary

bp = Blueprint("glossary", __name__, template_folder="templates")


def glossary() -> Glossary:
    """The glossary beside the question banks, read once per app (it is checked when read)."""
    if "glossary" not in current_app.extensions:
        path = Path(current_app.config["QUESTION_BANKS_DIR"]) / GLOSSARY_FILE
        current_app.extensions["glossary"] = load_glossary(path) if path.is_file() else Glossary(())
    found: Glossary = current_app.extensions["glossary"]
    return found


@bp.route("/glossary")
@roles(*ALL_ROLES)
def index() -> str:
    """Every word to avoid with the person, its plain words and why."""
    return render_template("banks/glossary.html", glossary=glossary())
