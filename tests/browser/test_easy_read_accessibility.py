"""Easy read in the browser: axe finds no WCAG 2.2 AA failures, the picture scale's tiles are big enough
to touch, "Read aloud" speaks the question in its language, and "Larger text" keeps what was typed.

The speech test replaces window.speechSynthesis before the page loads (Playwright's add_init_script)
only to record what the page asks it to say: headless Chromium has no voices, and the browser's
speech API is the boundary of what this app controls.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import QUESTIONS, assert_accessible, assert_reflows, sign_in, start_conversation

SIZES = pytest.mark.parametrize("viewport", [TABLET, SMALL_PHONE], ids=["tablet", "small-phone"])
MIN_TARGET = 44  # WCAG 2.5.8 asks for 24; the project's own rule for tablets is 44 by 44

# Records each utterance instead of speaking; offers one voice per language given in VOICES.
SPEECH_RECORDER = """
(() => {
  const voices = (window.__voices || []).map(lang => ({lang, name: 'Test ' + lang, localService: true, default: false}));
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } };
  const synth = {
    speaking: false,
    getVoices: () => voices,
    speak(utterance) { window.__spoken.push({text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.lang}); },
    cancel() {},
    addEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
})();
"""


def _with_voices(page: Page, *languages: str) -> None:
    page.add_init_script(f"window.__voices = {list(languages)!r};")
    page.add_init_script(SPEECH_RECORDER)


def _open_feel_safer(page: Page, **start) -> str:
    conversation = start_conversation(page, format="easy_read", **start)
    page.goto(conversation + QUESTIONS + "feel_safer")
    return conversation


@SIZES
def test_an_easy_read_question_has_no_wcag_failures(new_page, people: People, viewport) -> None:
    page = new_page(viewport)
    sign_in(page, people.practitioner)
    start_conversation(page, format="easy_read")
    assert page.locator("legend img.app-easy-read__picture").count() == 1, "the question should have its picture"
    assert_accessible(page, "An easy read question")
    assert_reflows(page, "An easy read question")


@SIZES
def test_the_picture_scale_has_no_wcag_failures_and_big_tiles(new_page, people: People, viewport) -> None:
    page = new_page(viewport)
    sign_in(page, people.practitioner)
    _open_feel_safer(page)
    tiles = page.locator(".app-picture-scale .govuk-radios__label")
    assert tiles.count() == 5, "the feelings question should show five pictures"
    for index in range(tiles.count()):
        tile = tiles.nth(index)
        box = tile.bounding_box()
        assert box and box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, (
            f"picture {index + 1} ({tile.inner_text().strip()}) is {box} at {viewport}: too small to touch"
        )
        assert tile.locator("img").get_attribute("alt"), "each picture needs its text alternative"
        assert tile.inner_text().strip(), "each picture needs visible words"
    assert_accessible(page, "The easy read feelings scale")
    assert_reflows(page, "The easy read feelings scale")


def test_the_picture_scale_works_by_touch_and_by_keyboard(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    _open_feel_safer(page)
    page.locator(".app-picture-scale .govuk-radios__label").nth(2).tap()  # "A bit safer", anywhere on the tile
    assert page.locator("input[name=answer]:checked").get_attribute("value") == "a_bit_safer"
    page.keyboard.press("ArrowRight")
    assert page.locator("input[name=answer]:checked").get_attribute("value") == "safer", "arrow keys move along the scale"
    page.click("button[value=continue]")
    page.wait_for_url("**/listened_to")


def test_read_aloud_speaks_the_question_and_options_in_the_question_language(page: Page, people: People) -> None:
    _with_voices(page, "en-GB", "cy-GB")
    sign_in(page, people.practitioner)
    _open_feel_safer(page)
    button = page.locator(".app-read-aloud__button")
    page.get_by_role("button", name="Read aloud").click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1, f"Read aloud should speak once, not {len(spoken)} times"
    assert spoken[0]["lang"] == "en" and spoken[0]["voice"] == "en-GB"
    question = page.locator(".app-question-text").inner_text().strip()
    assert spoken[0]["text"].startswith(question), f"it should start with the question: {spoken[0]['text']!r}"
    for label in ("Less safe.", "No different.", "A bit safer.", "A lot safer.", "Not sure."):
        assert label in spoken[0]["text"], f"{label!r} was not read out"
    assert "face" not in spoken[0]["text"], "the pictures' text alternatives are for screen readers, not read out"
    assert button.inner_text().strip() == "Stop reading"
    assert_accessible(page, "An easy read question with Read aloud showing")


def test_read_aloud_says_so_when_the_tablet_has_no_voice_for_the_language(page: Page, people: People) -> None:
    _with_voices(page, "fr-FR")
    sign_in(page, people.practitioner)
    _open_feel_safer(page)
    page.wait_for_selector(".app-read-aloud__unavailable:not([hidden])")
    assert page.get_by_role("button", name="Read aloud").count() == 0
    assert page.evaluate("window.__spoken") == []


def test_larger_text_keeps_the_words_and_choice_with_javascript(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    _open_feel_safer(page)
    page.locator(".app-picture-scale .govuk-radios__label").nth(1).click()
    page.fill("#words", "I still lock the door twice")
    size = page.locator("#answer").evaluate("radio => getComputedStyle(radio.closest('form').querySelector('.app-question-text')).fontSize")
    page.get_by_role("button", name="Larger text").click()
    page.wait_for_selector("body.app-text-larger")
    bigger = page.locator(".app-question-text").evaluate("heading => getComputedStyle(heading).fontSize")
    assert float(bigger.rstrip("px")) > float(size.rstrip("px")), f"the question should be larger: {size} then {bigger}"
    assert page.input_value("#words") == "I still lock the door twice"
    assert page.locator("input[name=answer]:checked").get_attribute("value") == "no_safer"
    assert page.get_by_role("button", name="Standard text size").count() == 1
    page.reload()
    assert "app-text-larger" in (page.locator("body").get_attribute("class") or ""), "the server kept the choice"
    assert_accessible(page, "An easy read question in larger text")
    assert_reflows(page, "An easy read question in larger text")


def test_larger_text_at_320_wide_does_not_scroll_sideways(new_page, people: People) -> None:
    page = new_page(SMALL_PHONE)
    sign_in(page, people.practitioner)
    start_conversation(page, format="easy_read", respondent="representative", relationship="family")
    page.get_by_role("button", name="Larger text").click()
    page.wait_for_selector("body.app-text-larger")
    assert_reflows(page, "A long easy read question in larger text, 320 wide")
    assert_accessible(page, "A long easy read question in larger text, 320 wide")


def test_without_javascript_larger_text_and_answering_still_work(browser, live_server, people: People) -> None:
    context = browser.new_context(viewport=TABLET, java_script_enabled=False, base_url=live_server)
    try:
        page = context.new_page()
        sign_in(page, people.practitioner)
        _open_feel_safer(page)
        assert page.locator("[data-module=app-read-aloud]").is_hidden(), "no Read aloud without JavaScript"
        page.locator(".app-picture-scale .govuk-radios__label").nth(3).click()
        page.fill("#words", "Much better now")
        page.click("button[value=text_size]")
        page.wait_for_selector("body.app-text-larger")
        assert page.input_value("#words") == "Much better now", "the words were lost when the text got larger"
        assert page.locator("input[name=answer]:checked").get_attribute("value") == "safer"
        page.click("button[value=continue]")
        page.wait_for_url("**/listened_to")
        assert "app-text-larger" in (page.locator("body").get_attribute("class") or "")
    finally:
        context.close()


def test_read_aloud_in_welsh_uses_a_welsh_voice(page: Page, people: People) -> None:
    _with_voices(page, "en-GB", "cy-GB")
    sign_in(page, people.practitioner)
    _open_feel_safer(page, language="cy")
    assert page.locator("[data-read-aloud-source]").get_attribute("lang") == "cy", "the question should be in Welsh"
    page.locator(".app-read-aloud__button").click()
    spoken = page.evaluate("window.__spoken")
    assert [(s["lang"], s["voice"]) for s in spoken] == [("cy", "cy-GB")]
    assert spoken[0]["text"].startswith(page.locator(".app-question-text").inner_text().strip())


@SIZES
def test_the_plain_words_page_has_no_wcag_failures(new_page, people: People, viewport) -> None:
    page = new_page(viewport)
    sign_in(page, people.coordinator)
    page.goto("/glossary")
    assert page.locator("table.app-glossary tbody tr").count() > 10
    assert_accessible(page, "The plain words page")
    assert_reflows(page, "The plain words page")
