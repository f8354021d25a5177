"""Quotes for publication: nothing that could identify someone, and none from small groups."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_app.reporting.quotes import ELLIPSIS, QuoteSource, quotes_by_outcome, redact, shorten

# Strategies -------------------------------------------------------------------------------------

@st.composite
def uk_phone_numbers(draw: st.DrawFn) -> str:
    """UK numbers written the ways people write them: spaces, hyphens, brackets, +44."""
    start = draw(st.sampled_from(["07", "01", "02", "03", "08"]))
    rest = draw(st.text(alphabet="0123456789", min_size=9 - len(start) + 2, max_size=9 - len(start) + 2))
    national = start + rest  # 11 digits, leading 0
    layout = draw(st.sampled_from([(5, 6), (4, 3, 4), (3, 4, 4), (5, 3, 3), (11,)]))
    separator = draw(st.sampled_from([" ", "-", ""]))
    groups, at = [], 0
    for size in layout:
        groups.append(national[at : at + size])
        at += size
    if draw(st.booleans()) and len(groups) > 1:
        groups[0] = f"({groups[0]})"
        separator = " "
    written = separator.join(groups)
    international = draw(st.sampled_from([None, "+44 ", "+44", "+44 (0)", "0044 "]))
    if international and not written.startswith("("):
        written = international + written[1:]
    return written


emails = st.emails() | st.from_regex(
    r"[a-z][a-z0-9._-]{0,12}@[a-z]{2,10}\.(com|co\.uk|org|gov\.uk)", fullmatch=True
)
postcodes = st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", fullmatch=True).flatmap(
    lambda code: st.sampled_from([code, code.lower()])
)
fragments = st.sampled_from(
    [
        "Gary", "gary", "Mum", "I", "my son", "Mrs", "Dr", "May", "June", "the", "council", ". ", ", ", "\n",
        "12", "0", "07700", "900123", "+44", "(", ")", "-", "/", "@", "[name]", "[", "]", "'s", "’", "St",
        "Road", "Flat", "LS6", "2AB", "DC", "2025", "Nov", "25th", "of", "SO", "A&E", "called", " ",
    ]
)
texts_of_fragments = st.lists(fragments | st.text(max_size=3), max_size=25).map("".join)
surrounding = st.text(max_size=20)


# redact -----------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.text() | texts_of_fragments)
def test_redact_never_raises_and_redacting_twice_changes_nothing(text):
    once = redact(text)
    assert isinstance(once, str)
    assert redact(once) == once, "redacting an already redacted quote changed it again"


@given(surrounding, emails, surrounding)
def test_every_email_is_removed(before, email, after):
    result = redact(f"{before} {email} {after}")
    assert email not in result
    assert "[email]" in result


@given(surrounding, uk_phone_numbers(), surrounding)
def test_every_phone_number_is_removed(before, phone, after):
    result = redact(f"{before} {phone} {after}")
    assert phone not in result
    digits_left = re.sub(r"\D", "", result)
    assert re.sub(r"\D", "", phone) not in digits_left, f"digits of {phone!r} left in {result!r}"


@given(surrounding, postcodes, surrounding)
def test_every_postcode_is_removed(before, postcode, after):
    result = redact(f"{before} {postcode} {after}")
    assert postcode not in result
    assert postcode.replace(" ", "") not in result.replace(" ", "")


@pytest.mark.parametrize(
    ("said", "must_go", "must_stay"),
    [
        ("My neighbour Gary took my bank card", ["Gary"], ["My neighbour", "took my bank card"]),
        ("Mrs Okafor from the council", ["Okafor"], ["from the council"]),
        ("I told Mum", [], ["I told Mum"]),
        ("Dr Jones said my son Will could stay", ["Jones", "Will"], ["my son", "could stay"]),
        ("Gary took it. Then Gary Brown came round.", ["Gary", "Brown"], ["Then", "came round"]),
        ("I spoke to Sharon at Adult Social Care.", ["Sharon"], ["Adult Social Care"]),
        ("my carer, called Priya, was kind", ["Priya"], ["my carer", "was kind"]),
        ("Sarah-Jane O'Brien's son visits.", ["Sarah", "Brien"], ["son visits"]),
        ("Ring 01632 960000 or +44 7700 900123 or 07700900123", ["960000", "900123", "07700"], ["Ring"]),
        ("Write to gary.smith@example.co.uk please", ["gary", "example"], ["Write to", "please"]),
        ("I live at 12 Acacia Avenue, LS6 2AB", ["Acacia", "LS6", "2AB", "12"], ["I live at"]),
        ("Flat 3, 4 High St was cold", ["Flat 3", "High St"], ["was cold"]),
        ("On 25/11/2026, 25 November and Nov 2026", ["25", "2026", "November", "Nov"], []),
        ("It got better last Tuesday", [], ["last Tuesday"]),
        ("My case was DC-2025-0142 and I am 84", ["DC-2025", "0142"], ["I am 84"]),
        ("The police and the NHS were good, I was SO relieved", [], ["police", "NHS", "SO relieved"]),
        ("The social worker rang me in May", [], ["social worker", "in May"]),
    ],
)
def test_worked_examples(said, must_go, must_stay):
    result = redact(said)
    for word in must_go:
        assert word not in result, f"{word!r} should have been removed from {result!r}"
    for words in must_stay:
        assert words in result, f"{words!r} should have been kept in {result!r}"


def test_placeholders_say_what_was_removed():
    result = redact("Mrs Patel rang 07700 900123 about 12 Acacia Avenue on 3 May, ref DC-2025-0142, a@b.co")
    for placeholder in ("[name]", "[phone number]", "[address]", "[date]", "[reference]", "[email]"):
        assert placeholder in result, f"{placeholder} missing from {result!r}"


def test_a_name_found_once_is_removed_everywhere():
    assert "Gary" not in redact("Gary was kind. I told my friend Gary everything.")


def words_in(quote: str) -> int:
    """Words as a reader counts them: a placeholder is one word, the ellipsis none."""
    return len(quote.replace("[phone number]", "[phone]").replace(ELLIPSIS, " ").split())


# shorten ----------------------------------------------------------------------------------------


def test_short_text_is_left_alone():
    assert shorten("I felt listened to.", 30) == "I felt listened to."


def test_long_text_is_cut_at_a_sentence_when_one_is_near():
    assert shorten("They listened to me. Then a lot of other things happened later on", 8) == (
        f"They listened to me. {ELLIPSIS}"
    )


def test_long_text_is_cut_between_words_otherwise():
    assert shorten("one two three four five, six seven", 5) == f"one two three four five{ELLIPSIS}"


def test_a_placeholder_is_never_cut_in_half():
    assert shorten("ring me on [phone number] any time you like", 4) == f"ring me on [phone number]{ELLIPSIS}"


@given(st.text(), st.integers(min_value=1, max_value=40))
def test_shortened_text_never_has_more_words_than_allowed(text, max_words):
    result = shorten(text, max_words)
    assert words_in(result) <= max_words


def test_shorten_refuses_nonsense_lengths():
    with pytest.raises(ValueError):
        shorten("anything", 0)


# quotes_by_outcome ------------------------------------------------------------------------------

SAYINGS = [
    "They asked me what I wanted and then they did it",
    "Nobody told me what was going on for weeks",
    "My neighbour Gary took my bank card and they stopped him",
    "I feel a lot safer in my own home now",
    "The social worker listened to me every time",
    "I did not really understand the letters they sent",
    "It was all about right, not too much fuss at all",
]


def sources(
    count: int, outcome: str = "listened_to", levels: tuple[str, ...] = ("yes",)
) -> list[QuoteSource]:
    return [
        QuoteSource(f"conv-{i}", outcome, levels[i % len(levels)], SAYINGS[i % len(SAYINGS)])
        for i in range(count)
    ]


def test_four_conversations_give_no_quotes():
    assert quotes_by_outcome(sources(4)) == {"listened_to": []}


def test_five_conversations_give_quotes():
    assert quotes_by_outcome(sources(5))["listened_to"]


def test_empty_words_do_not_count_towards_the_group():
    items = sources(4) + [QuoteSource("conv-99", "listened_to", "yes", "   ")]
    assert quotes_by_outcome(items) == {"listened_to": []}


def test_one_conversation_saying_many_things_counts_once():
    items = [QuoteSource("conv-1", "listened_to", "yes", saying) for saying in SAYINGS]
    assert quotes_by_outcome(items) == {"listened_to": []}


def test_the_group_floor_cannot_be_lowered():
    with pytest.raises(ValueError):
        quotes_by_outcome(sources(5), min_group=4)


def test_quotes_are_redacted_and_spread_across_levels():
    items = sources(12, levels=("yes", "yes", "partly", "no"))
    quotes = quotes_by_outcome(items, per_outcome=3)["listened_to"]
    assert len(quotes) == 3
    assert all("Gary" not in quote for quote in quotes)
    said_by_level = {q.level: set() for q in items}
    for item in items:
        said_by_level[item.level].add(item.words)
    levels_quoted = {level for level, said in said_by_level.items() if said & set(quotes)}
    assert len(levels_quoted) >= 2, f"quotes all came from one level: {quotes}"


def test_never_two_quotes_from_one_conversation():
    items = [
        QuoteSource(f"conv-{person}", "involved", level, f"{saying} (person {person + 10})")
        for person in range(5)
        for saying, level in zip(SAYINGS, ("yes", "partly", "no"))
    ]
    quotes = quotes_by_outcome(items, per_outcome=10)["involved"]
    people = [re.search(r"person (\d+)\)", quote) for quote in quotes]
    assert all(people), f"a quote lost its marker: {quotes}"
    assert len(quotes) == 5 and len({p.group(1) for p in people}) == 5, quotes


def test_same_data_always_gives_the_same_quotes():
    items = sources(20, levels=("yes", "partly"))
    assert quotes_by_outcome(items) == quotes_by_outcome(list(reversed(items)))


def test_quotes_too_short_or_mostly_placeholders_are_skipped():
    said = ["Yes", "ok then", "Mrs Patel told Dr Jones", "[name] [date] [address] me", "Fine."]
    filler = [QuoteSource(f"c{i}", "respected", "yes", words) for i, words in enumerate(said)]
    assert quotes_by_outcome(filler) == {"respected": []}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            QuoteSource,
            conversation_id=st.sampled_from([f"conv-{i}" for i in range(12)]),
            outcome=st.sampled_from(["listened_to", "feel_safer", "involved"]),
            level=st.sampled_from(["yes", "partly", "no", "unclear"]),
            words=st.sampled_from(SAYINGS) | st.text(max_size=200),
        ),
        max_size=60,
    ),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=3, max_value=40),
)
def test_quotes_respect_every_limit(items, per_outcome, max_words):
    result = quotes_by_outcome(items, per_outcome=per_outcome, max_words=max_words)
    for outcome, quotes in result.items():
        spoken = [i for i in items if i.outcome == outcome and i.words.strip()]
        if len({i.conversation_id for i in spoken}) < 5:
            assert quotes == [], f"{outcome} quoted from fewer than 5 conversations"
        assert len(quotes) <= per_outcome
        assert len(set(quotes)) == len(quotes)
        for quote in quotes:
            assert words_in(quote) <= max_words
            assert redact(quote) == quote
        assert len(quotes) <= len({i.conversation_id for i in spoken})
