"""The conversations blueprint: every URL of the journey, in one table."""

from __future__ import annotations

from flask import Blueprint

from feedback_app.conversations import lists, overview, runner, start

bp = Blueprint("conversations", __name__, url_prefix="/conversations", template_folder="templates")

_C = "/<uuid:conversation_id>"
_URLS = [
    ("", lists.index, ["GET"]),
    ("/start", start.start, ["GET", "POST"]),
    (_C, overview.overview, ["GET"]),
    (_C + "/resume", overview.resume, ["GET"]),
    (_C + "/pause", overview.pause, ["POST"]),
    (_C + "/hand-over", overview.handover, ["POST"]),
    (_C + "/stop", overview.stop, ["GET", "POST"]),
    (_C + "/new-concern", overview.concern, ["GET", "POST"]),
    (_C + "/new-concern/<int:concern_id>", overview.concern_raised, ["GET"]),
    (_C + "/<bank_id>/questions/<question_id>", runner.question, ["GET", "POST"]),
    (_C + "/<bank_id>/check", runner.check, ["GET"]),
    (_C + "/finish", runner.finish, ["POST"]),
]

for rule, view, methods in _URLS:
    bp.add_url_rule(rule, view_func=view, methods=methods)
