"""What people said, for the demo data: short phrases in the person's own voice, per outcome level.

Made up for the demo. No names of real people and nothing that could identify anyone. Phrases in
the representative's voice talk about the adult through placeholders (`%(person)s` "Mum", "my
brother", "the lady I support"; `%(they)s` "she"; `%(them)s`, `%(their)s`; capitalised forms at the
start of a sentence), so one phrase fits every relationship.
"""

from __future__ import annotations

import random

Phrases = dict[tuple[str, str], tuple[str, ...]]

ADULT: Phrases = {
    ("asked_outcomes", "asked_expressed"): (
        "Yes, she sat down with me and asked what I wanted. I said I just wanted it to stop.",
        "They did ask, yes. I told them I wanted to stay in my own flat.",
        "Yes, the first time she came round she asked me what I wanted to happen.",
        "I think so, yes. I said I didn't want the police involved, and they went with that.",
        "They asked me, yeah. I wanted him to stop coming round asking for money.",
    ),
    ("asked_outcomes", "asked_none_expressed"): (
        "They asked, but to be honest I didn't know what I wanted at the time.",
        "Yes, they asked. I just said whatever they thought was best.",
        "I was asked, but I couldn't really think of anything. It was all a bit much.",
        "Yes, but I didn't want anything in particular. I just wanted it over with.",
    ),
    ("asked_outcomes", "not_asked"): (
        "No, nobody asked me what I wanted. It was all decided.",
        "Not that I remember. They just told me what was going to happen.",
        "No. I'd have liked to be asked, to be honest.",
        "I don't think so. It felt like it was all about the forms.",
    ),
    ("asked_outcomes", "dont_know"): (
        "I can't remember, it was a while ago now.",
        "Maybe? There were a lot of people asking me things.",
        "I'm not sure, to be honest. My memory isn't great.",
        "I don't know. Possibly, I suppose.",
    ),
    ("outcomes_achieved", "fully"): (
        "Yes, all of it. He doesn't come round any more.",
        "It all happened like I wanted. My money's back in my own account.",
        "Yes, I'm still in my own home and that's what mattered.",
        "Everything I asked for, really. I can't fault them.",
        "Yes. The locks were changed the same week.",
    ),
    ("outcomes_achieved", "partially"): (
        "Some of it. The carers changed, but they still come late sometimes.",
        "Partly. I got my bank card back but not the money.",
        "Sort of. He's stopped phoning, but I still see him at the shops.",
        "Half of it, I suppose. The rest is still being looked at.",
    ),
    ("outcomes_achieved", "not_achieved"): (
        "No, nothing's changed really.",
        "Not really. I'm still waiting to hear about the money.",
        "No. I wanted to move and I'm still here.",
        "Not at all, to be honest. It's the same as before.",
    ),
    ("feel_safer", "safer"): (
        "I feel a lot safer now the locks have been changed.",
        "Much safer. I sleep better now.",
        "Yes, a lot. I've got the pendant alarm now and I know who to ring.",
        "I do, honestly. Knowing he can't just turn up makes all the difference.",
        "Definitely safer. The new carers are lovely.",
    ),
    ("feel_safer", "a_bit_safer"): (
        "A bit, I suppose. It's better than it was.",
        "A little bit safer. I still check the door twice at night.",
        "Bit safer, yes. I'm still nervous when the phone goes.",
        "Somewhat. I know who to call now, which helps.",
        "A bit. Some days are better than others.",
    ),
    ("feel_safer", "no_safer"): (
        "No different really. Nothing's changed at home.",
        "About the same, to be honest.",
        "Not really. I still worry about it.",
        "No. I didn't feel unsafe in the first place, I just wanted it sorted.",
    ),
    ("feel_safer", "less_safe"): (
        "Less safe, if anything. He knows I told someone now.",
        "Worse, to be honest. I'm scared he'll come back.",
        "Not safe at all. It's all been stirred up again.",
        "Less safe. I've been on my own more since it all happened.",
    ),
    ("listened_to", "yes"): (
        "Yes, she really listened. She didn't rush me.",
        "They listened, yes. I felt like someone was on my side for once.",
        "Yes. She wrote down what I said and read it back to me.",
        "Definitely. I didn't feel like I was being a nuisance.",
        "Yes, they took me seriously.",
    ),
    ("listened_to", "partly"): (
        "Some of them did. The first one didn't really.",
        "Sometimes. They listened but then did their own thing.",
        "Mostly, I suppose, but I had to repeat myself a lot.",
        "Partly. The social worker did, the others not so much.",
    ),
    ("listened_to", "no"): (
        "No. They'd made their minds up before they came.",
        "Not really, they talked over me.",
        "No. I felt like I was just a number.",
        "No, and that's what upset me most.",
    ),
    ("understood", "yes"): (
        "Yes, she explained everything and left me a leaflet.",
        "It was all clear. They rang to tell me what was happening.",
        "Yes, they kept me in the loop the whole time.",
        "Yes, plain English, no jargon. That helped.",
        "They did, and they checked I'd understood.",
    ),
    ("understood", "partly"): (
        "Some of it. There were a lot of long words.",
        "I understood most of it, but I didn't know how it ended.",
        "Sort of. I had to ask my neighbour what the letter meant.",
        "Partly. Nobody told me when it was closed.",
    ),
    ("understood", "no"): (
        "No, I didn't understand half of it.",
        "No. I still don't know what safeguarding means, to be honest.",
        "Not really. I got a letter and that was it.",
        "No, nobody explained anything.",
    ),
    ("involved", "yes"): (
        "Yes, it was my decision in the end.",
        "I had as much say as I wanted. They let me choose.",
        "Yes. I said I didn't want a meeting without me, and there wasn't one.",
        "Yes, they asked me before they did anything.",
    ),
    ("involved", "partly"): (
        "A bit, but not as much as I'd have liked.",
        "Some say. The big decisions were made at a meeting I wasn't at.",
        "Partly. They listened, but they'd already decided most of it.",
        "I had a say in some things, not others.",
    ),
    ("involved", "no"): (
        "No say at all really.",
        "No. It was all decided for me.",
        "Not really, they just got on with it.",
        "No. I only found out afterwards what they'd done.",
    ),
    ("respected", "yes"): (
        "Yes, she was lovely, very kind.",
        "They treated me like a person, not a problem.",
        "Yes, always polite and patient with me.",
        "Yes. They never made me feel stupid.",
        "Very respectful, yes. They even asked where I'd like them to sit.",
    ),
    ("respected", "partly"): (
        "Mostly. One of them was a bit sharp with me.",
        "Some of the time. I felt talked down to once or twice.",
        "Most of them, yes. Not all.",
        "Partly. They were kind but always rushing off.",
    ),
    ("respected", "no"): (
        "No. I felt judged.",
        "Not really. They spoke about me like I wasn't there.",
        "No, I felt like I was the one in trouble.",
        "No. Nobody even said hello properly.",
    ),
    ("worked_together", "yes"): (
        "Yes, they all seemed to know what was going on.",
        "Yes, the nurse and the social worker talked to each other.",
        "Yes, I only had to tell my story once.",
        "They worked well together, and with me.",
    ),
    ("worked_together", "partly"): (
        "Sometimes. I had to tell the same story three times.",
        "Mostly, but the GP didn't seem to know anything.",
        "Partly. The police and the council didn't seem to talk.",
        "Some of them did, I suppose.",
    ),
    ("worked_together", "no"): (
        "No, nobody knew what anyone else was doing.",
        "No. I kept getting different people ringing me.",
        "Not at all, I was passed from pillar to post.",
        "No, it was a mess, to be honest.",
    ),
    ("proportionate", "about_right"): (
        "About right, I think.",
        "It was the right amount. Not too much fuss.",
        "About right. They came when I needed them.",
        "Yes, about right, I wouldn't change it.",
    ),
    ("proportionate", "too_much"): (
        "Too much, if I'm honest. Lots of people coming to the house.",
        "A bit too much. I just wanted it dealt with quietly.",
        "Too many meetings. I felt a bit overwhelmed.",
        "Too much. They got the police involved and I didn't want that.",
    ),
    ("proportionate", "too_little"): (
        "Not enough. They came once and that was it.",
        "Not enough, I needed more help than I got.",
        "Too little. I'd have liked someone to check on me after.",
        "Not enough. It felt like it was closed too quickly.",
    ),
}

REPRESENTATIVE: Phrases = {
    ("asked_outcomes", "asked_expressed"): (
        "Yes, they asked %(person)s what %(they)s wanted. %(They)s said %(they)s wanted to stay at home.",
        "They did ask. %(Person)s was clear %(they)s just wanted the money to stop going missing.",
        "Yes, the social worker asked %(them)s, and asked me too.",
        "Yes. %(Person)s wanted to keep seeing the grandchildren, and %(they)s said so.",
        "They asked, yes. It took a while but %(they)s got there with the pictures.",
    ),
    ("asked_outcomes", "asked_none_expressed"): (
        "They asked, but %(person)s couldn't really say what %(they)s wanted.",
        "Yes, they asked. %(They)s just said 'whatever you think'.",
        "They asked %(them)s, but I don't think %(they)s took it in at the time.",
        "Yes, but %(they)s didn't want anything in particular. %(They)s just wanted it over with.",
    ),
    ("asked_outcomes", "not_asked"): (
        "No, I don't think anyone asked %(person)s. They asked me, but not %(them)s.",
        "No. They talked to me and the home, never to %(them)s directly.",
        "Not that I know of. Everything was decided at a meeting.",
        "No, and %(they)s would have had plenty to say if they had.",
    ),
    ("asked_outcomes", "dont_know"): (
        "I don't know, I wasn't there for all the visits.",
        "Possibly. %(Person)s can't remember and I wasn't told.",
        "I'm not sure, to be honest.",
        "Maybe. You'd have to ask the social worker.",
    ),
    ("outcomes_achieved", "fully"): (
        "Yes, all of it. %(Person)s is still at home and that's what %(they)s wanted.",
        "Yes. %(Their)s money is safe now, the bank sorted it.",
        "Everything %(they)s asked for, really.",
        "Yes, the carer who was rough with %(them)s doesn't come any more.",
        "Yes, it all happened, and quicker than I expected.",
    ),
    ("outcomes_achieved", "partially"): (
        "Some of it. The carers come on time now, mostly.",
        "Partly. %(They)s got a key safe but the money's still missing.",
        "Half of it, I'd say.",
        "Some. %(They)s wanted to go back to the old day centre and that hasn't happened.",
    ),
    ("outcomes_achieved", "not_achieved"): (
        "No, nothing really changed for %(them)s.",
        "Not really. %(They)s still has the same carers.",
        "No. %(They)s wanted to move and %(they)s is still there.",
        "No, and %(they)s is quite upset about that.",
    ),
    ("feel_safer", "safer"): (
        "%(Person)s says %(they)s feels better now the carers come on time.",
        "%(They)s seems a lot more settled. %(They)s is sleeping again.",
        "Much safer, I'd say. %(They)s has the pendant alarm and actually uses it.",
        "Yes, a lot. %(They)s isn't frightened to answer the door any more.",
        "I think so. %(They)s smiles more, to be honest.",
    ),
    ("feel_safer", "a_bit_safer"): (
        "A bit, I think. %(They)s still gets anxious in the evenings.",
        "A little safer. It's better than it was.",
        "%(Person)s says a bit. I'd say the same.",
        "Bit safer, I suppose. %(They)s still asks if he's coming back.",
    ),
    ("feel_safer", "no_safer"): (
        "No different really. %(They)s was never that worried.",
        "About the same, I'd say.",
        "Not really. Nothing has changed where %(they)s lives.",
        "No. %(They)s still doesn't like being on %(their)s own.",
    ),
    ("feel_safer", "less_safe"): (
        "Less safe, if anything. %(They)s knows people have been talking about it.",
        "Worse. %(They)s is frightened to go out now.",
        "I'd say less safe. %(They)s has been very unsettled since.",
        "Less safe. Nothing was put in place after the meetings stopped.",
    ),
    ("listened_to", "yes"): (
        "Yes, they really listened to %(them)s, and to me.",
        "Yes. They took the time to get to know %(them)s.",
        "They did. They waited for %(them)s to answer, didn't rush.",
        "Yes, %(person)s said %(they)s liked talking to her.",
    ),
    ("listened_to", "partly"): (
        "Sometimes. They listened to me more than to %(them)s.",
        "Partly. The first worker didn't, the second one did.",
        "Some of the time, I suppose.",
        "They listened, but I'm not sure it changed anything.",
    ),
    ("listened_to", "no"): (
        "No. They spoke to everyone but %(them)s.",
        "Not really. They'd made up their minds.",
        "No, %(they)s felt ignored.",
        "No, they didn't give %(them)s time to answer.",
    ),
    ("understood", "yes"): (
        "Yes, they explained it all in a way %(they)s could follow.",
        "Yes, they used pictures and that really helped %(them)s.",
        "They kept us both up to date, rang every week.",
        "Yes, clear as anything.",
    ),
    ("understood", "partly"): (
        "Some of it. I had to explain a lot of it to %(them)s afterwards.",
        "Partly. We didn't know it had finished until a letter came.",
        "Most of it, but the letters were hard going.",
        "Sort of. Lots of jargon.",
    ),
    ("understood", "no"): (
        "No. %(They)s didn't understand what was going on at all.",
        "No, and neither did I, to be honest.",
        "Not really. Nobody explained it in a way %(they)s could understand.",
        "No, we were left in the dark.",
    ),
    ("involved", "yes"): (
        "Yes, %(they)s had as much say as %(they)s wanted.",
        "Yes. They went at %(their)s pace.",
        "Yes, %(they)s was at the meeting and they listened to %(them)s.",
        "Yes, they checked with %(them)s before anything was done.",
    ),
    ("involved", "partly"): (
        "Some say, but the big things were decided without %(them)s.",
        "A bit. More with me than with %(them)s.",
        "Partly. %(They)s wasn't at the meeting.",
        "Some. Not as much as %(they)s would have liked.",
    ),
    ("involved", "no"): (
        "No, it was all decided for %(them)s.",
        "Not really. %(They)s was told, not asked.",
        "No say at all, I'd say.",
        "No. We found out afterwards what had been done.",
    ),
    ("respected", "yes"): (
        "Yes, they were lovely with %(them)s.",
        "Very kind. They treated %(them)s like an adult, not a child.",
        "Yes, always respectful, even when %(they)s got upset.",
        "Yes. They knocked and waited, little things like that.",
    ),
    ("respected", "partly"): (
        "Mostly. One of them talked to me instead of %(them)s.",
        "Some of the time. They were kind but always in a rush.",
        "Partly. They got %(their)s name wrong a few times.",
        "Most people were, yes.",
    ),
    ("respected", "no"): (
        "No. They talked about %(them)s as if %(they)s wasn't in the room.",
        "Not really, %(they)s felt judged.",
        "No, %(they)s felt like %(they)s had done something wrong.",
        "No. I wasn't happy with how %(they)s was spoken to.",
    ),
    ("worked_together", "yes"): (
        "Yes, everyone seemed to be on the same page.",
        "Yes, the home and the social worker talked to each other.",
        "Yes, and they worked with me as well.",
        "Yes. We didn't have to repeat ourselves.",
    ),
    ("worked_together", "partly"): (
        "Sometimes. The GP didn't seem to know anything about it.",
        "Partly. I had to chase things up myself.",
        "Mostly, but the hospital wasn't told.",
        "Some of them did, some didn't.",
    ),
    ("worked_together", "no"): (
        "No, nobody talked to each other.",
        "No. I had to tell the story over and over.",
        "Not at all. I was the one passing messages between them.",
        "No, it was chaos, to be honest.",
    ),
    ("proportionate", "about_right"): (
        "About right, I'd say.",
        "About right. Not too much fuss for %(them)s.",
        "Yes, about right for %(them)s.",
        "The right amount, I think.",
    ),
    ("proportionate", "too_much"): (
        "Too much. %(They)s found all the visits tiring.",
        "A bit too much. Lots of strangers coming to the house.",
        "Too many meetings, if I'm honest.",
        "Too much. %(They)s didn't want the police involved.",
    ),
    ("proportionate", "too_little"): (
        "Not enough. It was closed too quickly.",
        "Too little. Nobody came back to check on %(them)s.",
        "Not enough, I'd have liked more support for %(them)s.",
        "Not enough. One visit and that was it.",
    ),
}

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
