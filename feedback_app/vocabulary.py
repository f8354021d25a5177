"""The project's fixed vocabulary, from MSP-DOMAIN.md.

Outcome ids, levels, respondent types, methods and SAC categories are a contract shared by the
question banks, the database, exports and the command line. Labels shown to people live in the
web layer (through gettext); these are the stable codes only.
"""

from __future__ import annotations

UNCLEAR = "unclear"

# Outcome id -> its levels, in order from most to least positive. Every outcome also has UNCLEAR.
OUTCOME_LEVELS: dict[str, tuple[str, ...]] = {
    "asked_outcomes": ("asked_expressed", "asked_none_expressed", "not_asked", "dont_know"),
    "outcomes_achieved": ("fully", "partially", "not_achieved"),
    "feel_safer": ("safer", "a_bit_safer", "no_safer", "less_safe"),
    "listened_to": ("yes", "partly", "no"),
    "understood": ("yes", "partly", "no"),
    "involved": ("yes", "partly", "no"),
    "respected": ("yes", "partly", "no"),
    "worked_together": ("yes", "partly", "no"),
    "proportionate": ("about_right", "too_much", "too_little"),
}

OUTCOMES: tuple[str, ...] = tuple(OUTCOME_LEVELS)


def levels_for(outcome: str) -> tuple[str, ...]:
    """Every level an outcome can be coded at, including `unclear`."""
    return OUTCOME_LEVELS[outcome] + (UNCLEAR,)


# Who answers. A representative also has a relationship to the adult.
RESPONDENT_TYPES: tuple[str, ...] = ("adult", "representative")
REPRESENTATIVE_RELATIONSHIPS: tuple[str, ...] = (
    "family",
    "friend",
    "carer",
    "imca",
    "care_act_advocate",
)

# Who asks: the practitioner who led the enquiry at closure, or an independent person after it.
METHODS: tuple[str, ...] = ("enquiry_lead", "independent")
INDEPENDENT_WINDOW_DAYS = 56  # 8 weeks after the enquiry concluded

# Who else is there during the conversation.
OTHERS_PRESENT: tuple[str, ...] = ("advocate", "family", "interpreter", "other")

FORMATS: tuple[str, ...] = ("standard", "easy_read")
LANGUAGES: tuple[str, ...] = ("en", "cy", "pl", "ur")

ORGANISATION_KINDS: tuple[str, ...] = ("council", "advocacy", "partner")
# Board members see their council's dashboard as published, and nothing else.
ROLES: tuple[str, ...] = ("practitioner", "advocate", "coordinator", "admin", "board")

# SAC categories (exact labels from the national return), keyed by a stable code.
SAC_CATEGORIES: dict[str, dict[str, str]] = {
    "sg4a_asked": {
        "asked_expressed": "Yes, they were asked and outcomes were expressed",
        "asked_none_expressed": "Yes, they were asked but no outcomes were expressed",
        "not_asked": "No",
        "dont_know": "Don't know",
        "not_recorded": "Not recorded",
    },
    "sg4a_achieved": {
        "fully": "Fully achieved",
        "partially": "Partially achieved",
        "not_achieved": "Not achieved",
    },
    "sg2e_risk": {
        "risk_removed": "Risk removed",
        "risk_reduced": "Risk reduced",
        "risk_remained": "Risk remained",
    },
    "sg3a_capacity": {
        "yes": "Yes",
        "no": "No",
        "dont_know": "Don't know",
        "not_recorded": "Not recorded",
    },
}

# Which outcome a SAC category list codes directly, where it does.
SAC_CATEGORY_OUTCOME: dict[str, str] = {
    "sg4a_asked": "asked_outcomes",
    "sg4a_achieved": "outcomes_achieved",
}

# Answer statuses: "skipped" (the practitioner moved on) differs from "rather_not_say" (the person chose).
ANSWERED = "answered"
SKIPPED = "skipped"
RATHER_NOT_SAY = "rather_not_say"
ANSWER_STATUSES: tuple[str, ...] = (ANSWERED, SKIPPED, RATHER_NOT_SAY)

# Conversation statuses.
IN_PROGRESS = "in_progress"
PAUSED = "paused"
FINISHED = "finished"
WITHDRAWN = "withdrawn"
DECLINED = "declined"
CONVERSATION_STATUSES: tuple[str, ...] = (IN_PROGRESS, PAUSED, FINISHED, WITHDRAWN, DECLINED)
