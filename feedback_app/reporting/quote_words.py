"""Word lists for redacting quotes: common capitalised words, names, months. Plain data."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that may stand capitalised in the middle of a sentence without being anyone's name.
ALLOWED_CAPITALISED = _words(
    """i mum mum's mummy mam mom dad dad's daddy nan nana nanna nanny gran granny grandma grandad
    grandpa mother father monday tuesday wednesday thursday friday saturday sunday january february
    march july september october november december
    christmas easter eid diwali ramadan hanukkah vaisakhi xmas god jesus allah council councils police
    nhs gp gps a&e ambulance hospital social services adult adults safeguarding care act advocate
    advocacy imca imha ima team manager officer court doctor nurse paramedic housing association
    jobcentre dwp pip esa uc cqc dbs cpn cmht ot ots idva isva marac mash sab asc msp covid tv wifi wi-fi
    internet facebook whatsapp google zoom teams english british welsh scottish irish polish urdu
    punjabi bengali gujarati arabic somali romanian portuguese spanish french ok okay yes no
    ward unit centre center board office post bank benefits universal credit dementia alzheimer's
    alzheimers making personal section mental capacity health trust"""
)
# Month names that are also first names: kept only beside a date word or a number.
AMBIGUOUS_MONTHS = _words("april may june august")
TIME_WORDS = _words(
    """in since until till by from last next early late mid of during before after this every end
    start beginning through"""
)
# Common English words: a capitalised word at the start of a sentence is kept only if it is one.
COMMON_WORDS = ALLOWED_CAPITALISED | _words(
    """a an the and but or nor so yet for if then than because as while whilst when whenever where
    wherever why how though although unless until once about above across against along among around
    at by down during except from in inside into like near of off on onto out outside over past per
    through throughout to towards toward under up upon with within without via behind below beside
    besides between beyond me my mine myself we us our ours ourselves you your yours yourself he him
    his himself she her hers herself it its itself they them their theirs themselves this that these
    those who whom whose which what whatever whoever everyone everybody everything someone somebody
    something anyone anybody anything nobody nothing none each every either neither both all any some
    many much more most few fewer less least other others another such own same one two three four
    five six seven eight nine ten twenty hundred first second third last next not yeah yep nope oh ah
    well just only also too very really quite rather pretty even still already again ever never always
    often sometimes usually maybe perhaps probably definitely certainly actually basically honestly
    anyway otherwise however therefore instead now today tonight tomorrow yesterday soon later earlier
    here there everywhere somewhere nowhere anywhere away back home together alone almost nearly enough
    hardly mostly mainly especially completely totally fully partly partially slightly bit lot lots
    kind sort thankfully hopefully luckily unfortunately sadly apparently obviously clearly finally
    eventually recently lately please thanks thank sorry hello hi right wrong sure true fine good great
    bad better best worse worst nice lovely helpful unhelpful happy unhappy sad scared frightened afraid
    worried anxious angry upset safe safer unsafe calm glad relieved confused lonely alone able unable
    be am is are was were been being have has had having do does did done doing don't didn't doesn't
    can can't cannot could couldn't will won't would wouldn't shall should shouldn't may might must need
    get got gets getting go goes went gone going come came comes coming make made making take took taken
    taking give gave given giving say said says saying tell told telling ask asked asking know knew known
    think thought feel felt feeling feelings see saw seen look looked looking want wanted use used find
    found help helped helping listen listened listening hear heard talk talked talking speak spoke spoken
    call called calling keep kept let put seem seemed leave left stay stayed stop stopped start started
    try tried trying happen happened change changed explain explained understand understood agree agreed
    meet met visit visited move moved live lived living work worked working wait waited report reported
    sort sorted treat treated respect respected involve involved decide decided expect expected hope
    hoped wish wished believe believed remember remembered forget forgot worry care cared support
    supported protect protected rang phoned wrote read sent send bring brought buy bought pay paid lose
    lost steal stole stolen hit hurt shout shouted cry cried sleep slept eat ate fall fell
    people person family friend friends thing things time times day days week weeks month months year
    years way life money card house flat room place help worker workers service meeting meetings phone
    letter letters information question questions answer answers problem problems issue issues end part
    case process plan plans situation abuse neglect risk harm safety son sons daughter daughters husband
    wife partner carer carers neighbour neighbours neighbor brother sister brothers sisters aunt auntie
    aunty uncle cousin grandson granddaughter nephew niece boyfriend girlfriend landlord landlady lodger
    ring rang rung text texted message write email emailed check checked ok thank visits came
    kids children child baby everyone staff key name answer door food bills shopping nobody lady man
    woman men women guy"""
)
COMMON_NAMES = _words(
    """will hope grace rose mark bill pat sue frank jack dawn joy faith ray rob don dean amber ruby lily
    daisy holly ivy iris robin victor sky summer autumn bob"""
)
CONTRACTIONS = ("s", "m", "ve", "d", "ll", "re", "t")
STEMS = (("ies", "y"), ("es", ""), ("s", ""), ("ly", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"))
