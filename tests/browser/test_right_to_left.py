"""Urdu is laid out right to left in the browser: each radio on the right of its words, the back
arrow pointing right, numbers in Western digits, and no WCAG 2.2 AA failures."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import CHECK, answer_all, assert_accessible, assert_reflows, sign_in, start_conversation

# Where the drawn ring of each radio is, and where its (invisible, touchable) input and words are.
RADIO_BOXES = """() => [...document.querySelectorAll('.govuk-radios__item')].map(item => {
  const input = item.querySelector('.govuk-radios__input').getBoundingClientRect();
  const words = item.querySelector('.app-option-label').getBoundingClientRect();
  const ring = getComputedStyle(item.querySelector('.govuk-radios__label'), '::before');
  const left = item.getBoundingClientRect().left + parseFloat(ring.left);
  return {input: [input.left, input.right], words: [words.left, words.right], ring: [left, left + parseFloat(ring.width)]};
})"""


def urdu_question_on_the_page(page: Page) -> None:
    assert page.locator("[lang=ur][dir=rtl] h1").count() == 1, (
        "the question is not shown in Urdu, right to left: is translations/ur complete for it?"
    )


def assert_radios_on_the_right(page: Page) -> None:
    boxes = page.evaluate(RADIO_BOXES)
    assert boxes, "no radios on the page"
    for box in boxes:
        assert box["input"][0] >= box["words"][1] - 1, f"a radio is not on the right of its words: {box}"
        assert math.isclose(box["ring"][0], box["input"][0], abs_tol=3), f"the drawn ring is not where the radio is: {box}"


@pytest.mark.parametrize("viewport", [TABLET, SMALL_PHONE], ids=["tablet", "small-phone"])
def test_an_urdu_question_on_an_english_page(new_page, people: People, viewport) -> None:
    page = new_page(viewport)
    sign_in(page, people.practitioner)
    start_conversation(page, language="ur")
    urdu_question_on_the_page(page)
    assert page.evaluate("document.documentElement.dir") == "ltr", "the practitioner's page stays left to right"
    assert_radios_on_the_right(page)
    hint = page.locator(".govuk-radios__hint.app-beside").first
    assert hint.get_attribute("dir") == "ltr" and hint.get_attribute("lang") == "en"
    assert_accessible(page, "An Urdu question on the practitioner's English page")
    assert_reflows(page, "An Urdu question on the practitioner's English page")


def test_an_urdu_conversation_handed_to_the_person(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page, language="ur")
    with page.expect_navigation():
        page.click("button:has-text('Hand the tablet over')")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ur", "rtl"]
    urdu_question_on_the_page(page)
    assert_radios_on_the_right(page)
    assert_accessible(page, "An Urdu question handed to the person")

    page.locator(".govuk-radios__label").first.click()
    with page.expect_navigation():
        page.locator("button[value=continue]").click()
    caption = page.locator(".govuk-caption-l").inner_text()
    assert any(c.isdigit() for c in caption) and all(c.isascii() for c in caption if c.isdigit()), caption
    back = page.locator(".govuk-back-link")
    arrow = back.evaluate("link => getComputedStyle(link, '::before').transform")
    assert arrow.startswith("matrix(0.707107, 0.707107"), f"the back arrow does not point right: {arrow}"
    box = back.bounding_box()
    arrow_left = back.evaluate("link => link.getBoundingClientRect().left + parseFloat(getComputedStyle(link, '::before').left)")
    assert arrow_left > box["x"] + box["width"] / 2, "the back arrow is not on the right of its words"
    assert_accessible(page, "The second Urdu question, with a back link, handed to the person")

    answer_all(page)
    assert page.url.endswith(CHECK)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert_accessible(page, "The Urdu read-back handed to the person")


# Every glyph of the question drawn by the font we ship, so no letter shows as an empty box
# (the system fonts of many machines lack ہ and ے, which Urdu uses in almost every sentence).
URDU_FONT = """async () => {
  await document.fonts.ready;
  const heading = document.querySelector('[lang=ur] h1');
  return {family: getComputedStyle(heading).fontFamily,
          loaded: [...document.fonts].filter(f => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded').map(f => f.weight),
          covers: document.fonts.check('bold 36px "Noto Naskh Arabic"', heading.textContent.trim())};
}"""


def test_urdu_letters_are_drawn_by_the_shipped_font(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page, language="ur")
    font = page.evaluate(URDU_FONT)
    assert font["family"].startswith('"Noto Naskh Arabic"'), f"the Urdu heading is not set in the shipped font: {font}"
    assert "700" in font["loaded"], f"the bold Urdu font did not load from our own site: {font}"
    assert font["covers"], "the shipped font cannot draw every letter of the Urdu question"
