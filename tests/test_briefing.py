"""Briefings as PDF: who each is for, what they show (only published figures), and how they are made."""

from __future__ import annotations

import datetime as dt
import re
import secrets

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from feedback_app.data import coding, conversations
from feedback_app.extensions import db
from feedback_app.periods import Period, financial_year_of
from feedback_app.reporting import briefing_pdf
from feedback_app.reporting.briefing import (
    AUDIENCES,
    briefing_html,
    build_briefing,
    direction,
    render_briefing,
)
from feedback_app.reporting.briefing_pdf import StaticOnlyFetcher, document
from feedback_app.reporting.briefing_cli import reports
from feedback_app.reporting.charts import Bar, bar_chart
from feedback_app.models import Organisation
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.conftest import org_maker, user_maker
from tests.worlds import build_world

AUDIENCE_LINES = {
    "board": "For: Safeguarding Adults Board members",
    "practitioners": "For: practitioners and team managers",
    "public": "For: everyone",
}
PHONE, EMAIL = "07700 900123", "jo.bloggs@example.com"
SMALL_GROUP_WORDS = "The blue door on the corner was fixed"
WORDS = {
    "asked_what_wanted": ("asked_expressed", "They asked me and I said I wanted to stay in my flat."),
    "what_wanted": (None, "To stay in my own flat and for the visits to stop."),
    "wanted_happened": ("fully", "Yes, I am still here and he has moved out."),
    "feel_safer": ("safer", f"I feel a lot safer now. Ring me on {PHONE} or email {EMAIL} any time."),
    "listened_to": ("yes", "She really listened to me and wrote it all down."),
    "understood": ("partly", "Some of it was confusing but they explained the letters."),
    "had_a_say": ("yes", ""),
    "respected": ("yes", "They were kind and patient with me every time."),
    "worked_together": ("no", "Nobody talked to each other about what was going on."),
    "right_amount": ("about_right", ""),
    "anything_else": (None, "Thank you for asking me how it went."),
}


def _conversation(user, reference, concluded, respondent_type="adult", words=WORDS):
    conversation = conversations.create(
        conversations.NewConversation(
            start_token=secrets.token_urlsafe(16), council_id=user.organisation_id, case_reference=reference,
            enquiry_concluded_on=concluded, method="enquiry_lead", respondent_type=respondent_type,
            representative_relationship="family" if respondent_type == "representative" else None,
            others_present=[], language="en", format="standard", agreed=True,
            bank_id="after-the-enquiry", bank_version=1,
        ),
        user,
    )
    for question_id, (value, said) in words.items():
        conversations.save_answer(
            conversation, bank_id="after-the-enquiry", bank_version=1, question_id=question_id,
            status="answered", value=value, words=said, user=user, respondent_type=respondent_type,
        )
    conversations.finish(conversation)
    db.session.commit()
    return conversation


def _code(conversation, coder, asked_level="asked_expressed"):
    for outcome in OUTCOMES:
        level = asked_level if outcome == "asked_outcomes" else OUTCOME_LEVELS[outcome][0]
        coding.save_coding(
            conversation, outcome=outcome, round_=1, level=level, reason="", coder=coder,
            rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="not_shown",
        )
    db.session.commit()


CONCLUDED = dt.date.today() - dt.timedelta(days=2)
PERIOD = financial_year_of(CONCLUDED)


@pytest.fixture(scope="module")
def council_world(database_url):
    """Built once per worker: 20 conversations answered and coded take seconds."""
    return build_world(database_url, lambda app: _build_council().id)


@pytest.fixture
def council(app, council_world):
    """This year: 12 finished conversations, 10 coded (3 not asked: a small count); last year: 8.
    Only 3 of this year's said anything about people working together."""
    return db.session.get(Organisation, council_world.put_back())


def _build_council():
    council = org_maker()("Briefing Council")
    coordinator = user_maker("world.example")("coordinator", council)
    levels = ["asked_expressed"] * 7 + ["not_asked"] * 3 + [None] * 2
    for number, level in enumerate(levels):
        respondent = "representative" if number % 3 == 0 else "adult"
        # Only 3 people said anything about working together: too few to quote.
        worked = SMALL_GROUP_WORDS if number < 3 else ""
        # "anything_else" informs working together too, so it is left empty.
        words = {**WORDS, "worked_together": ("no", worked), "anything_else": (None, "")}
        conversation = _conversation(coordinator, f"R-{number}", CONCLUDED, respondent, words)
        if level:
            _code(conversation, coordinator, level)
    last_year = Period(PERIOD.start_year - 1).end - dt.timedelta(days=10)
    for number in range(8):
        _code(_conversation(coordinator, f"P-{number}", last_year), coordinator)
    return council


@pytest.fixture
def small_council(make_org, make_user):
    """Only 4 coded conversations: too few for any quote."""
    council = make_org("Small Council")
    coordinator = make_user("coordinator", council)
    words = {**WORDS, "worked_together": ("no", SMALL_GROUP_WORDS)}
    for number in range(4):
        _code(_conversation(coordinator, f"S-{number}", CONCLUDED, words=words), coordinator)
    return council


def _html(council, audience):
    return briefing_html(build_briefing(council, PERIOD, audience))


def _published_figure(text: str) -> bool:
    return text in ("[c]", "[x]") or (text.isdigit() and int(text) >= 5 and int(text) % 5 == 0)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_renders_a_pdf_that_says_who_it_is_for(app, council, audience):
    pdf = render_briefing(council, PERIOD, audience)
    assert pdf.startswith(b"%PDF"), f"the {audience} briefing is not a PDF"
    soup = BeautifulSoup(_html(council, audience), "html.parser")
    assert soup.find(class_="audience").get_text(strip=True) == AUDIENCE_LINES[audience]
    assert soup.html.get("lang") == "en"


def test_board_briefing_is_two_to_six_pages_and_public_summary_is_one(app, council):
    board = document(_html(council, "board"))
    public = document(_html(council, "public"))
    assert 2 <= len(board.pages) <= 6, f"board briefing has {len(board.pages)} pages"
    assert len(public.pages) == 1, f"public summary has {len(public.pages)} pages, not one"


LONG_WORDS = [
    "They listened but it took a long time to sort out, and I had to ring again and again before anyone came.",
    "I wanted him to stop coming round to the flat and shouting through the letterbox, and now he has stopped.",
    "The social worker explained everything in plain words and came back when she said she would, every time.",
    "Nobody told me what was happening for weeks and I was frightened that I would have to move somewhere else.",
    "I felt they cared about what I wanted, not just the forms, and they asked me before they did anything.",
    "I still worry at night but the alarm helps, and knowing who to call if it happens again helps too.",
]


def test_board_briefing_stays_within_six_pages_with_many_long_quotes(app, make_org, make_user):
    council = make_org("Talkative Council")
    coordinator = make_user("coordinator", council)
    for number in range(30):
        said = " ".join(LONG_WORDS[(number + k) % len(LONG_WORDS)] for k in range(3))
        words = {question: (value, said) for question, (value, _) in WORDS.items()}
        respondent = ("adult", "representative")[number % 2]
        _code(_conversation(coordinator, f"T-{number}", CONCLUDED, respondent, words), coordinator)
    html = _html(council, "board")
    assert len(BeautifulSoup(html, "html.parser").select("#quotes h3")) == len(OUTCOMES)
    pages = len(document(html).pages)
    assert 2 <= pages <= 6, f"board briefing has {pages} pages with a quote for every outcome"


def test_board_briefing_has_every_part_the_board_asked_for(app, council):
    soup = BeautifulSoup(_html(council, "board"), "html.parser")
    for part in ("about-msp", "headlines", "changes", "quotes", "coverage", "next-steps"):
        assert soup.find(id=part), f"the board briefing has no {part} section"
    assert len(soup.select("#headlines svg title")) == 4, "expected four charts, each with a title"
    assert "partial" in soup.find(id="coverage").get_text().lower(), "two uncoded conversations: partial"
    text = soup.get_text(" ")
    assert "s42" not in text and "perpetrator" not in text.lower()
    assert PERIOD.previous().label in soup.find(id="changes").get_text()


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_count_from_1_to_4_anywhere_in_the_figures(app, council, audience):
    soup = BeautifulSoup(_html(council, audience), "html.parser")
    figures = [element.get_text(strip=True) for element in soup.select(".count")]
    assert figures or audience == "public", "no figures found to check"
    unpublishable = [f for f in figures if not _published_figure(f)]
    assert not unpublishable, f"figures not suppressed or rounded: {unpublishable}"
    if audience != "public":
        assert "[c]" in figures, "3 conversations were not asked: that count must show as [c]"
    for table in soup.select("table"):  # no bare small number in any table cell either
        for cell in table.select("td"):
            bare = re.sub(r"\d+(\.\d+)?%|\[[cxz]\]", "", cell.get_text(" "))
            assert not re.search(r"\b[1-4]\b", bare), f"a small count in a table: {cell.get_text()!r}"


def test_quotes_leave_out_phone_numbers_and_emails(app, council):
    html = _html(council, "board")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("#quotes blockquote"), "10 coded conversations should give some quotes"
    assert PHONE not in html and "900123" not in html and EMAIL not in html
    assert not re.search(r"[\w.]+@[\w.]+\.\w+", soup.find(id="quotes").get_text())


def test_no_quote_for_an_outcome_with_fewer_than_5_conversations(app, council, small_council):
    soup = BeautifulSoup(_html(council, "board"), "html.parser")
    titles = [h.get_text(strip=True) for h in soup.select("#quotes h3")]
    assert "Felt listened to" in titles and "People worked together, and with them" not in titles
    assert "blue door" not in str(soup)
    for audience in ("board", "practitioners"):
        html = _html(small_council, audience)
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("#quotes blockquote"), f"quotes shown from only 4 conversations ({audience})"
        assert "blue door" not in html


def test_public_summary_is_easy_read(app, council):
    soup = BeautifulSoup(_html(council, "public"), "html.parser")
    ideas = soup.select(".idea")
    assert len(ideas) >= 4
    for idea in ideas:
        picture = idea.find("img")
        assert picture and picture["src"].startswith("images/easy-read/"), "an idea has no picture"
        for sentence in re.split(r"(?<=[.?!])\s+", idea.get_text(" ", strip=True)):
            assert len(sentence.split()) <= 15, f"sentence too long for easy read: {sentence!r}"


def test_the_url_fetcher_refuses_anything_but_files_under_static():
    fetcher = StaticOnlyFetcher()
    for url in ("http://example.com/style.css", "https://example.com/font.woff2", "file:///etc/passwd",
                (briefing_pdf.STATIC_DIR / ".." / "pyproject.toml").resolve().as_uri()):
        with pytest.raises(ValueError):
            fetcher(url)
    response = fetcher((briefing_pdf.STATIC_DIR / "print" / "briefing.css").as_uri())
    assert b"DejaVu Sans" in response.read()


def test_repeated_request_with_the_same_counts_comes_from_the_cache(app, council, monkeypatch):
    first = render_briefing(council, PERIOD, "public")
    monkeypatch.setattr(briefing_pdf, "document", lambda html: pytest.fail("made the PDF again"))
    assert render_briefing(council, PERIOD, "public") == first


def test_the_cli_writes_a_pdf(app, council, tmp_path):
    output = tmp_path / "board.pdf"
    result = app.test_cli_runner().invoke(
        reports,
        ["briefing", "--organisation", "Briefing Council", "--period", PERIOD.label, "--audience", "board",
         "--output", str(output)],
    )
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF")


def test_the_cli_refuses_an_unknown_council(app, tmp_path):
    result = app.test_cli_runner().invoke(
        reports, ["briefing", "--organisation", "Nowhere", "--period", "2025-26", "--audience", "public",
                  "--output", str(tmp_path / "x.pdf")],
    )
    assert result.exit_code != 0 and "No council called" in result.output


def test_a_suppressed_bar_shows_c_and_no_bar():
    bars = [Bar("Yes", "15", "75.0"), Bar("No", "[c]", "[c]")]
    svg = bar_chart("c1", "Felt listened to", "By answer.", bars)
    soup = BeautifulSoup(str(svg), "html.parser")
    assert soup.find("title").get_text() == "Felt listened to"
    assert "No: [c]" in soup.find("desc").get_text()
    assert len(soup.find_all("rect")) == 1, "a suppressed value must have no bar"
    assert [t.get_text() for t in soup.select("text.count")] == ["15", "[c]"]


def test_change_reads_up_down_or_about_the_same(app):
    with force_locale("en"):
        _directions()


def _directions():
    assert direction("40.0", "60.0") == "up"
    assert direction("60.0", "40.0") == "down"
    assert direction("50.0", "52.0") == "about the same"
    assert direction("[c]", "50.0") == "cannot compare"
