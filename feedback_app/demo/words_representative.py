"""What representatives said about the adult's enquiry, for the demo data: phrases per (outcome, level).

Made up for the demo. No names of real people and nothing that could identify anyone. Phrases talk
about the adult through placeholders (`%(person)s` "Mum", "my brother", "the lady I support";
`%(they)s` "she"; `%(them)s`, `%(their)s`; capitalised forms at the start of a sentence), so one
phrase fits every relationship.
"""

from __future__ import annotations

REPRESENTATIVE: dict[tuple[str, str], tuple[str, ...]] = {
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
