"""Titles and category words for the return's blocks, lazily translated. SAC labels stay exact."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from feedback_app.coding.labels import LEVEL_LABELS, OUTCOME_LABELS
from feedback_app.vocabulary import SAC_CATEGORIES

BLOCK_TITLES = {
    "sg4a_asked": _l("Asked about desired outcomes (SAC SG4a)"),
    "sg4a_achieved": _l("Desired outcomes achieved (SAC SG4a)"),
    "sg2e_risk": _l("Risk outcome (SAC SG2e)"),
    "sg3a_capacity": _l("Lacked mental capacity (SAC SG3a)"),
    "sg3a_support": _l("Of those, supported by an advocate, family or friend (SAC SG3a)"),
    "conversations": _l("About the return"),
}
STATUS_LABELS = {
    "complete": _l("Complete"),
    "partial": _l("Partial: not every conversation is coded or recorded yet"),
    "not_collected": _l("Not collected"),
}
STATUS_TAGS = {"complete": "govuk-tag--green", "partial": "govuk-tag--yellow", "not_collected": "govuk-tag--grey"}
RESPONDENT_LABELS = {"all": _l("Everyone"), "adult": _l("The adult"), "representative": _l("A representative")}
ABOUT_LABELS = {
    "held": _l("Conversations held"),
    "held_enquiry_lead": _l("Held by the enquiry lead"),
    "held_independent": _l("Held by an independent person"),
    "declined": _l("Did not want to take part"),
    "withdrawn": _l("Stopped part way"),
    "in_progress": _l("Still in progress"),
    "median_days_to_conversation": _l("Median days from the end of the enquiry to the conversation"),
    "independent_after_8_weeks": _l("Independent conversations more than 8 weeks after"),
    "coded": _l("Coded"),
    "double_coded": _l("Coded twice"),
    "agreement_items": _l("Outcomes coded twice"),
    "agreement_percent": _l("Agreement between coders (%)"),
    "agreement_kappa": _l("Agreement between coders (kappa)"),
}
YES_NO = {"yes": _l("Yes"), "no": _l("No"), "not_recorded": _l("Not recorded")}


def block_title(measure: str) -> str:
    return str(BLOCK_TITLES.get(measure) or OUTCOME_LABELS.get(measure, measure))


def category_label(measure: str, category: str) -> str:
    """The exact SAC label for SAC tables; plain words for the rest."""
    if measure == "sg3a_support":
        return str(YES_NO.get(category, category))
    if category in SAC_CATEGORIES.get(measure, {}):
        return SAC_CATEGORIES[measure][category]
    if measure == "conversations":
        return str(ABOUT_LABELS.get(category, category))
    if category == "not_recorded":
        return str(YES_NO["not_recorded"])
    return str(LEVEL_LABELS.get(category, category))
