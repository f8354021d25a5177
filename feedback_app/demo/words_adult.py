"""What adults said about their own enquiry, for the demo data: phrases per (outcome, level).

Made up for the demo. No names of real people and nothing that could identify anyone.
"""

from __future__ import annotations

ADULT: dict[tuple[str, str], tuple[str, ...]] = {
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
