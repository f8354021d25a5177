"""What people said, for the demo data: short phrases in the person's own voice, per outcome level.

Made up for the demo. No names of real people and nothing that could identify anyone. Phrases in
the representative's voice talk about the adult through placeholders (`%(person)s` "Mum", "my
brother", "the lady I support"; `%(they)s` "she"; `%(them)s`, `%(their)s`; capitalised forms at the
start of a sentence), so one phrase fits every relationship.

The per-level phrases in each voice, ADULT and REPRESENTATIVE, live in `words_adult` and
`words_representative`; they are read from here as `words.ADULT` and `words.REPRESENTATIVE`.
"""

from __future__ import annotations

import random

from feedback_app.demo.words_adult import ADULT as ADULT
from feedback_app.demo.words_representative import REPRESENTATIVE as REPRESENTATIVE

Phrases = dict[tuple[str, str], tuple[str, ...]]

# "Not sure" answers to any outcome, in either voice.
UNCLEAR: tuple[str, ...] = (
    "I don't know really. It's hard to say.",
    "Not sure. Some days yes, some days no.",
    "I couldn't tell you, to be honest.",
    "Hard to say yet.",
    "I can't really remember.",
)

# What the person wanted to happen (asked only when they were asked about it).
WHAT_WANTED_ADULT: tuple[str, ...] = (
    "I just wanted him to stop coming round.",
    "I wanted to stay in my own flat.",
    "I wanted my money back and my bank card in my own hands.",
    "For the shouting to stop.",
    "I wanted different carers, ones who'd treat me properly.",
    "I didn't want the police, I just wanted it sorted.",
    "I wanted to feel safe in my own home again.",
    "To be left alone, to be honest.",
    "I wanted the locks changed so he couldn't get in.",
)
WHAT_WANTED_REPRESENTATIVE: tuple[str, ...] = (
    "%(They)s wanted to stay in %(their)s own home.",
    "%(They)s just wanted the neighbour to leave %(them)s alone.",
    "For %(their)s money to be looked after properly.",
    "%(They)s wanted the carers to come on time and be kind.",
    "To keep seeing %(their)s grandchildren.",
    "%(They)s wanted to move somewhere %(they)s felt safe.",
    "%(They)s didn't want any fuss, just for it to stop.",
)
NOTHING_WANTED: tuple[str, ...] = (
    "Nothing in particular, just for it to be over.",
    "I didn't really know.",
    "Just for things to go back to normal, I suppose.",
)

# Anything else, by how the conversation went overall: good, mixed or poor.
ANYTHING_ELSE_ADULT: dict[str, tuple[str, ...]] = {
    "good": (
        "Just thank you, really. It made a difference.",
        "No, that's everything. Thank you for asking.",
        "I was worried at first, but it was fine.",
        "Nothing else. Tell her thank you from me.",
        "Only that I'd tell anyone in my position to talk to them.",
    ),
    "mixed": (
        "It was alright in the end, but it took a long time.",
        "Keep people up to date. The waiting was the worst part.",
        "Some of it was good, some not so good.",
        "Just that the letters could be simpler.",
        "I suppose it helped, in a way.",
    ),
    "poor": (
        "I just want someone to ring me back.",
        "I wouldn't go through it again, to be honest.",
        "Nobody checked on me after it finished.",
        "I felt like it was done to me, not with me.",
        "It's not really sorted, is it.",
    ),
}
ANYTHING_ELSE_REPRESENTATIVE: dict[str, tuple[str, ...]] = {
    "good": (
        "Just thank you. It's taken a weight off.",
        "No, we're grateful, really.",
        "%(They)s is happier now, that's what matters.",
        "Only that the worker was brilliant with %(them)s.",
    ),
    "mixed": (
        "It was fine in the end, but it dragged on.",
        "Better communication would have helped us both.",
        "Some good, some bad, I'd say.",
        "I wish they'd used easier words with %(them)s.",
    ),
    "poor": (
        "I don't think anything's really changed for %(them)s.",
        "I'd like someone to check on %(them)s again.",
        "We felt left out of it all.",
        "I'm still worried about %(them)s, to be honest.",
    ),
}

RATHER_NOT_SAY: tuple[str, ...] = ("I'd rather not go into that.", "I don't want to talk about that bit.")

# Simple Welsh for the few conversations held in Welsh; other questions keep no words.
# Ask a Welsh speaker to check these before they are shown as anything more than demo data.
WELSH: Phrases = {
    ("feel_safer", "safer"): ("Dw i'n teimlo'n llawer mwy diogel nawr.", "Ydw, yn bendant."),
    ("feel_safer", "a_bit_safer"): ("Ychydig bach yn fwy diogel, dw i'n meddwl.",),
    ("feel_safer", "no_safer"): ("Dim gwahaniaeth, a dweud y gwir.",),
    ("feel_safer", "less_safe"): ("Dw i ddim yn teimlo'n ddiogel o gwbl.",),
    ("listened_to", "yes"): ("Do, roedden nhw'n gwrando arna i.",),
}
WELSH_WHAT_WANTED: tuple[str, ...] = ("Roeddwn i eisiau teimlo'n ddiogel yn fy nghartref.",)
WELSH_ANYTHING_ELSE: tuple[str, ...] = ("Diolch am wrando.", "Dim byd arall, diolch.")

# Who a representative talks about, by relationship: (how they name the adult, "he" or "she").
PEOPLE_SPOKEN_OF: dict[str, tuple[tuple[str, str], ...]] = {
    "family": (("Mum", "she"), ("Dad", "he"), ("my brother", "he"), ("my sister", "she"), ("Nan", "she"),
               ("my son", "he"), ("my daughter", "she")),
    "friend": (("my friend", "she"), ("my friend", "he")),
    "carer": (("my husband", "he"), ("my wife", "she"), ("Mum", "she")),
    "imca": (("the lady I support", "she"), ("the gentleman I support", "he")),
    "care_act_advocate": (("the person I support", "she"), ("the person I support", "he")),
}
PRONOUNS: dict[str, dict[str, str]] = {
    "she": {"they": "she", "them": "her", "their": "her"},
    "he": {"they": "he", "them": "him", "their": "his"},
}


def spoken_of(relationship: str | None, rng: random.Random) -> dict[str, str]:
    """The placeholders for one representative: the same adult all through a conversation."""
    person, pronoun = rng.choice(PEOPLE_SPOKEN_OF.get(relationship or "family", PEOPLE_SPOKEN_OF["family"]))
    names = {"person": person, **PRONOUNS[pronoun]}
    return names | {key.capitalize(): value[0].upper() + value[1:] for key, value in names.items()}


def fill(phrase: str, names: dict[str, str] | None) -> str:
    """A phrase with the adult's placeholders filled in (adult phrases have none)."""
    return phrase % names if names else phrase


def pick(phrases: tuple[str, ...], rng: random.Random, *, short: bool = False) -> str:
    """One phrase; `short` prefers the shorter half, for easy read conversations."""
    if short and len(phrases) > 2:
        phrases = tuple(sorted(phrases, key=len)[: (len(phrases) + 1) // 2])
    return rng.choice(phrases)
