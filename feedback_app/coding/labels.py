"""Words for outcomes and levels, lazily translated. The codes themselves are in vocabulary.py."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

OUTCOME_LABELS = {
    "asked_outcomes": _l("Asked what they wanted to happen"),
    "outcomes_achieved": _l("What they wanted happened"),
    "feel_safer": _l("Feel safer now"),
    "listened_to": _l("Felt listened to"),
    "understood": _l("Helped to understand and kept informed"),
    "involved": _l("Had a say, as much as they wanted"),
    "respected": _l("Treated with dignity and respect"),
    "worked_together": _l("People worked together, and with them"),
    "proportionate": _l("The amount of involvement was about right"),
}

_SHARED = {
    "yes": _l("Yes"),
    "partly": _l("Partly"),
    "no": _l("No"),
    "unclear": _l("Unclear: not enough to decide"),
}
LEVEL_LABELS = {
    **_SHARED,
    "asked_expressed": _l("Asked, and said what they wanted"),
    "asked_none_expressed": _l("Asked, but did not say what they wanted"),
    "not_asked": _l("Not asked"),
    "dont_know": _l("Does not know if they were asked"),
    "fully": _l("Fully happened"),
    "partially": _l("Partly happened"),
    "not_achieved": _l("Did not happen"),
    "safer": _l("Safer"),
    "a_bit_safer": _l("A bit safer"),
    "no_safer": _l("No safer"),
    "less_safe": _l("Less safe"),
    "about_right": _l("About right"),
    "too_much": _l("Too much"),
    "too_little": _l("Too little"),
}
STATUS_LABELS = {
    "to_code": _l("To code"),
    "awaiting_second": _l("Waiting for a second coder"),
    "awaiting_adjudication": _l("Waiting for a decision"),
    "final": _l("Coded"),
}
SUGGESTION_USE_LABELS = {
    "accepted": _l("Accepted the suggestion"),
    "changed": _l("Changed the suggestion"),
    "not_shown": _l("Coded without a suggestion"),
    "accepted_in_bulk": _l("Accepted with other suggestions at once"),
}


def confidence_label(confidence: float) -> str:
    """High, medium or low, so coders are not misled by false precision."""
    if confidence >= 0.8:
        return str(_l("high"))
    return str(_l("medium")) if confidence >= 0.5 else str(_l("low"))
