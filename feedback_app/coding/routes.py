"""The coding blueprint: every URL of the journey, in one table."""

from __future__ import annotations

from flask import Blueprint

from feedback_app.coding import agreement, calibration, code, queue

bp = Blueprint("coding", __name__, url_prefix="/coding", template_folder="templates")

_C = "/<uuid:conversation_id>"
_URLS = [
    ("", queue.queue, ["GET"]),
    ("/agreement", agreement.agreement, ["GET"]),
    ("/agreement.csv", agreement.agreement_csv, ["GET"]),
    ("/calibration", calibration.calibration_index, ["GET"]),
    ("/calibration/start", calibration.calibration_start, ["POST"]),
    ("/calibration/coders", calibration.calibration_coders, ["GET"]),
    ("/calibration/<int:attempt_id>", calibration.calibration_attempt, ["GET", "POST"]),
    ("/calibration/<int:attempt_id>/results", calibration.calibration_results, ["GET"]),
    (_C, queue.summary, ["GET"]),
    (_C + "/code", code.code, ["GET", "POST"]),
    (_C + "/decide", queue.adjudicate, ["GET", "POST"]),
]

for rule, view, methods in _URLS:
    bp.add_url_rule(rule, view_func=view, methods=methods)
