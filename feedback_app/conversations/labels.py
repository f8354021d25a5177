"""Words shown for the stable codes of the vocabulary, lazily translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

METHOD_LABELS = {
    "enquiry_lead": _l("The person who led the enquiry, as it ends"),
    "independent": _l("An independent person, after the enquiry ended"),
}
RESPONDENT_LABELS = {
    "adult": _l("The person themselves"),
    "representative": _l("Someone speaking for them"),
}
RELATIONSHIP_LABELS = {
    "family": _l("Family member"),
    "friend": _l("Friend"),
    "carer": _l("Carer"),
    "imca": _l("Independent Mental Capacity Advocate (IMCA)"),
    "care_act_advocate": _l("Care Act advocate"),
}
OTHERS_PRESENT_LABELS = {
    "advocate": _l("An advocate"),
    "family": _l("Family or a friend"),
    "interpreter": _l("An interpreter"),
    "other": _l("Someone else"),
}
# Each language is named in its own words, so a person can find theirs.
LANGUAGE_LABELS = {"en": "English", "cy": "Cymraeg (Welsh)", "pl": "Polski (Polish)", "ur": "اردو (Urdu)"}
FORMAT_LABELS = {"standard": _l("Standard"), "easy_read": _l("Easy read, with pictures")}
STATUS_LABELS = {
    "in_progress": _l("In progress"),
    "paused": _l("Paused"),
    "finished": _l("Finished"),
    "withdrawn": _l("Stopped"),
    "declined": _l("Did not take part"),
}
STATUS_TAG_CLASSES = {
    "in_progress": "govuk-tag--blue",
    "paused": "govuk-tag--yellow",
    "finished": "govuk-tag--green",
    "withdrawn": "govuk-tag--grey",
    "declined": "govuk-tag--grey",
}
ANSWER_STATUS_LABELS = {
    "skipped": _l("Skipped"),
    "rather_not_say": _l("They would rather not say"),
}
